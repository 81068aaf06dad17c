import type { ReadinessTrendPoint } from '../../../../src/domain/readiness/trend';
import { readinessTallyText } from '../../../../src/domain/status/vocabulary';
import { color, font } from '../design';
import { shortDay } from '../kpis/kpi-display';
import { RAG_SWATCH } from '../readiness/readiness-design';
import { chartColour } from './chart-scale';

const WIDTH = 280;
const HEIGHT = 96;
const PAD = { left: 4, right: 4, top: 4, bottom: 16 };

const tally = (p: ReadinessTrendPoint) => readinessTallyText({ green: p.ready, amber: p.atRisk, red: p.notReady });

/**
 * A release's readiness a day: one stacked bar per recorded day (not ready at the bottom, then at
 * risk, then ready), as shares of that day's issues so a growing scope does not hide progress. The
 * title, description and table say every day's counts.
 */
export function ReadinessTrendChart({ points, versionId, name }: { points: readonly ReadinessTrendPoint[]; versionId: string; name: string }) {
  const testId = `readiness-trend-${versionId}`;
  const id = `${testId}-svg`;
  const slots = Math.max(points.length, 14);
  const slot = (WIDTH - PAD.left - PAD.right) / slots;
  const inner = HEIGHT - PAD.top - PAD.bottom;
  const first = points[0];
  const last = points[points.length - 1];
  const description = points.map((p) => `${shortDay(p.date)}: ${tally(p)}`).join('; ');
  return (
    <figure data-testid={testId} data-points={points.length} style={{ margin: 0, minWidth: 0 }}>
      <figcaption style={{ font: font.small, fontWeight: 600, color: color.textSubtle, marginBottom: 4 }}>Readiness by day</figcaption>
      {points.length === 0 ? (
        <span style={{ font: font.small, color: color.textSubtlest }}>The first point is recorded by today&apos;s daily run.</span>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} style={{ display: 'block', maxWidth: WIDTH }}>
          <title id={`${id}-title`}>{`Readiness of ${name} by day`}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top + inner} y2={PAD.top + inner} stroke={chartColour.grid} />
          {points.map((p, i) => {
            const total = p.ready + p.atRisk + p.notReady || 1;
            let y = PAD.top + inner;
            return (
              <g key={p.date}>
                <title>{`${shortDay(p.date)}: ${tally(p)}`}</title>
                {(
                  [
                    ['red', p.notReady],
                    ['amber', p.atRisk],
                    ['green', p.ready],
                  ] as const
                ).map(([rag, n]) => {
                  const h = (n / total) * inner;
                  y -= h;
                  return h > 0 ? <rect key={rag} x={PAD.left + i * slot + 1} y={y} width={Math.max(1, slot - 2)} height={h} fill={RAG_SWATCH[rag].bold} /> : null;
                })}
              </g>
            );
          })}
          {first && (
            <text x={PAD.left} y={HEIGHT - 4} fontSize={10} fill={chartColour.text}>
              {shortDay(first.date)}
            </text>
          )}
          {last && points.length > 1 && (
            <text x={PAD.left + points.length * slot} y={HEIGHT - 4} textAnchor="end" fontSize={10} fill={chartColour.text}>
              {shortDay(last.date)}
            </text>
          )}
        </svg>
      )}
      {last && (
        <div data-testid={`${testId}-last`} style={{ font: font.small, color: color.textSubtle }}>
          {`${shortDay(last.date)}: ${tally(last)}`}
          {points.length === 1 ? ' · a point a day from now on' : ''}
        </div>
      )}
    </figure>
  );
}
