import { countWithLabel } from '../../../../src/domain/kpis/format';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { KpiFigure } from '../../../../src/contract';
import { color, font, space } from '../design';
import { BAND_APPEARANCE, RAG_APPEARANCE, RAG_LABEL, dayBefore, longDay } from './kpi-display';

interface Props {
  figure: KpiFigure;
  selected: boolean;
  onDrilldown(): void;
}

/**
 * One figure with everything it was computed from: value, band (or RAG), numerator and
 * denominator, window, time zone, percentile method, and what was left out.
 */
export function FigureCard({ figure, selected, onDrilldown }: Props) {
  const { numerator, denominator, window } = figure;
  return (
    <section
      aria-labelledby={`figure-${figure.id}-title`}
      data-testid={`figure-${figure.id}`}
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: space.s100,
        padding: space.s200,
        border: `${selected ? 2 : 1}px solid ${selected ? color.borderSelected : color.border}`,
        borderRadius: 6,
        background: color.surface,
        minWidth: 0,
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: space.s100 }}>
        <h3 id={`figure-${figure.id}-title`} style={{ margin: 0, font: font.body, fontWeight: 600, color: color.text }}>
          {figure.title}
        </h3>
        {figure.band ? (
          <span title={`${figure.band.table} DORA table: “${figure.band.wording}” – applied as ${figure.band.rule}`}>
            <Lozenge appearance={BAND_APPEARANCE[figure.band.level]} isBold>
              {figure.band.label}
            </Lozenge>
          </span>
        ) : figure.rag !== 'neutral' ? (
          <Lozenge appearance={RAG_APPEARANCE[figure.rag]}>{RAG_LABEL[figure.rag]}</Lozenge>
        ) : null}
      </div>
      <div data-testid={`figure-${figure.id}-value`} style={{ fontSize: 24, lineHeight: '28px', fontWeight: 600, color: figure.value === null ? color.textSubtlest : color.text }}>
        {figure.value === null ? 'No data' : figure.display}
        <span style={{ font: font.small, color: color.textSubtle, marginLeft: space.s050 }}>{figure.statistic}</span>
      </div>
      <dl className="rr-kpi-facts" style={{ margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'minmax(72px, 38%) minmax(0, 1fr)', columnGap: space.s150, rowGap: 2, font: font.small, color: color.textSubtle }}>
        <dt style={{ fontWeight: 600 }}>{denominator ? 'Numerator' : 'Count'}</dt>
        <dd style={{ margin: 0 }} data-testid={`figure-${figure.id}-numerator`}>
          {countWithLabel(numerator.value, numerator.label)}
        </dd>
        {denominator && (
          <>
            <dt style={{ fontWeight: 600 }}>Denominator</dt>
            <dd style={{ margin: 0 }} data-testid={`figure-${figure.id}-denominator`}>
              {countWithLabel(denominator.value, denominator.label)}
            </dd>
          </>
        )}
        {figure.secondary.map((s) => (
          <FragmentRow key={s.label} label={s.label} value={s.display} />
        ))}
        <dt style={{ fontWeight: 600 }}>Window</dt>
        <dd style={{ margin: 0 }}>
          {longDay(window.from)} – {longDay(dayBefore(window.to))} ({window.days} days, {window.timeZone})
        </dd>
        {figure.method && (
          <>
            <dt style={{ fontWeight: 600 }}>Method</dt>
            <dd style={{ margin: 0 }}>{figure.method}</dd>
          </>
        )}
      </dl>
      <p style={{ margin: 0, font: font.small, color: color.textSubtle }}>{figure.definition}</p>
      {figure.notes.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: space.s200, font: font.small, color: color.textSubtlest }}>
          {figure.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <div style={{ marginTop: 'auto' }}>
        <Button appearance="subtle" spacing="compact" onClick={onDrilldown} isSelected={selected} aria-expanded={selected} testId={`drilldown-${figure.id}`}>
          {selected ? 'Hide what is behind it' : `What is behind it (${figure.drilldownRows})`}
        </Button>
      </div>
    </section>
  );
}

function FragmentRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt style={{ fontWeight: 600 }}>{label}</dt>
      <dd style={{ margin: 0 }}>{value}</dd>
    </>
  );
}
