import { token } from '@atlaskit/tokens';
import type { KpiTrend } from '../../../../src/contract';
import { color, font, space } from '../design';
import { formatValue, scaled, shortDay, unitSuffix } from './kpi-display';
import { niceCeiling } from '../charts/chart-scale';

const WIDTH = 320;
const HEIGHT = 120;
const PAD = { left: 44, right: 10, top: 12, bottom: 22 };

const lineColour = token('color.chart.brand', '#1D7AFC');
const gridColour = token('color.border', '#091E4224');
const textColour = token('color.text.subtle', '#44546F');
const surface = token('elevation.surface', '#FFFFFF');

/**
 * A small line chart of one figure's weekly values, drawn as SVG with design tokens (no chart
 * library). Filled points were stored by the weekly run; hollow ones were recomputed from the
 * synced history. Screen readers get every value through the title and description.
 */
/** Long durations read better in days: a trend in hours switches when its largest value passes two days. */
function displayUnit(trend: KpiTrend): { unit: KpiTrend['unit']; factor: number } {
  const max = Math.max(0, ...trend.points.map((p) => p.value ?? 0));
  return trend.unit === 'hours' && max >= 48 ? { unit: 'days', factor: 1 / 24 } : { unit: trend.unit, factor: 1 };
}

function axisLabel(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1).replace(/\.0$/, '');
  return value.toFixed(2).replace(/\.?0+$/, '');
}

export function TrendChart({ trend: raw }: { trend: KpiTrend }) {
  const { unit, factor } = displayUnit(raw);
  const trend: KpiTrend = { ...raw, unit, points: raw.points.map((p) => ({ ...p, value: p.value === null ? null : p.value * factor })) };
  const values = trend.points.map((p) => (p.value === null ? null : scaled(trend.unit, p.value)));
  const present = values.filter((v): v is number => v !== null);
  const max = present.length ? Math.max(...present) : 0;
  const top = niceCeiling(max);
  const n = trend.points.length;
  const x = (i: number) => PAD.left + (n <= 1 ? 0 : (i * (WIDTH - PAD.left - PAD.right)) / (n - 1));
  const y = (v: number) => PAD.top + (1 - v / top) * (HEIGHT - PAD.top - PAD.bottom);
  const segments: string[][] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current);
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) segments.push(current);
  const id = `trend-${trend.figureId}`;
  const description = trend.points.map((p) => `week ending ${p.weekEnd}: ${formatValue(trend.unit, p.value)}${p.source === 'recomputed' ? ' (recomputed)' : ''}`).join('; ');
  const first = trend.points[0];
  const last = trend.points[n - 1];
  const lastValue = last?.value ?? null;

  return (
    <figure data-testid={`trend-${trend.figureId}`} style={{ margin: 0, padding: space.s150, border: `1px solid ${color.border}`, borderRadius: 6, background: color.surface }}>
      <figcaption style={{ display: 'flex', justifyContent: 'space-between', gap: space.s100, font: font.body, fontWeight: 600, color: color.text, marginBottom: space.s050 }}>
        <span>{trend.title}</span>
        {/* The last week alone, said so: the card beside it holds the figure over the whole window. */}
        <span style={{ fontWeight: 400, color: color.textSubtle }} data-testid={`trend-${trend.figureId}-last`}>
          {last ? `Week to ${shortDay(last.weekEnd)}: ${formatValue(trend.unit, lastValue)}` : formatValue(trend.unit, lastValue)}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} style={{ display: 'block' }}>
        <title id={`${id}-title`}>{`${trend.title}, weekly`}</title>
        <desc id={`${id}-desc`}>{description || 'No data yet.'}</desc>
        {[0, 0.5, 1].map((f) => (
          <line key={f} x1={PAD.left} x2={WIDTH - PAD.right} y1={y(top * f)} y2={y(top * f)} stroke={gridColour} strokeWidth={1} />
        ))}
        <text x={PAD.left - 4} y={y(top) + 4} textAnchor="end" fontSize={10} fill={textColour}>
          {`${axisLabel(top)}${unitSuffix(trend.unit).trim() === '%' ? '%' : ''}`}
        </text>
        <text x={PAD.left - 4} y={y(0) + 3} textAnchor="end" fontSize={10} fill={textColour}>
          0
        </text>
        {segments.map((points, i) => (
          <polyline key={i} points={points.join(' ')} fill="none" stroke={lineColour} strokeWidth={2} strokeLinejoin="round" />
        ))}
        {values.map((v, i) =>
          v === null ? null : (
            <circle
              key={i}
              cx={x(i)}
              cy={y(v)}
              r={3}
              fill={trend.points[i]?.source === 'recomputed' ? surface : lineColour}
              stroke={lineColour}
              strokeWidth={1.5}
            />
          ),
        )}
        {first && (
          <text x={PAD.left} y={HEIGHT - 6} fontSize={10} fill={textColour}>
            {shortDay(first.weekEnd)}
          </text>
        )}
        {last && n > 1 && (
          <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" fontSize={10} fill={textColour}>
            {shortDay(last.weekEnd)}
          </text>
        )}
      </svg>
      {!present.length && <p style={{ font: font.small, color: color.textSubtlest, margin: 0 }}>No data in these weeks.</p>}
    </figure>
  );
}
