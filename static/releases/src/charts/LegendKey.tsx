/** One entry of a chart's legend: a short line in the series' colour, solid or dashed, and its name. */
export function LegendKey({ colour, label, dashed = false }: { colour: string; label: string; dashed?: boolean }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <span style={{ display: 'inline-block', width: 16, height: 0, borderTop: `${dashed ? 2 : 3}px ${dashed ? 'dashed' : 'solid'} ${colour}` }} />
      {label}
    </span>
  );
}
