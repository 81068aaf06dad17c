import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ReleaseBurnupView } from '../../../../src/contract';
import { addDays, daysBetween, type CalendarDate } from '../../../../src/domain/calendar/calendar-date';
import type { Burnup } from '../../../../src/domain/releases/burnup';
import { ErrorMessage } from '../components/ErrorMessage';
import { color, font, space } from '../design';
import { longDay, shortDay } from '../kpis/kpi-display';
import { useResolverAnswer } from '../use-resolver-answer';
import { plural } from '../readiness/readiness-model';
import { LegendKey } from './LegendKey';
import { chartColour, niceCeiling } from './chart-scale';

const WIDTH = 640;
const HEIGHT = 230;
const PAD = { left: 36, right: 18, top: 22, bottom: 26 };

/** What the chart shows, in words: the visible summary and the screen reader's description. */
export function burnupSummary(burnup: Burnup): { status: string; projection: string } {
  const last = burnup.points[burnup.points.length - 1];
  const first = burnup.points[0];
  const changes = [burnup.added && `${burnup.added} added`, burnup.removed && `${burnup.removed} removed`, burnup.reopened && `${burnup.reopened} reopened`].filter(Boolean);
  const status = last
    ? `${plural(last.scope, 'issue')} in scope, ${last.done} done${changes.length && first ? ` · since ${shortDay(first.date)}: ${changes.join(', ')}` : ''}.`
    : 'No days to show.';
  const p = burnup.projection;
  const release = burnup.releaseDate;
  let projection: string;
  switch (p.reason) {
    case 'projected': {
      const reach = p.reachesScopeOn as CalendarDate;
      const versus = !release
        ? ''
        : p.afterReleaseDate
          ? ` – ${plural(daysBetween(release, reach), 'day')} after the release date (${shortDay(release)})`
          : ` – on or before the release date (${shortDay(release)})`;
      projection = `At the pace of the last ${plural(p.paceDays, 'day')} (${p.doneInPace} done), the remaining ${p.remaining} would be done by ${longDay(reach)}${versus}.`;
      break;
    }
    case 'no-progress':
      projection = `Nothing was completed in the last ${plural(p.paceDays, 'day')}, so there is no projection; ${p.remaining} still to do.`;
      break;
    case 'complete':
      projection = 'Every issue in scope is done.';
      break;
    case 'released':
      projection = 'Released: no projection.';
      break;
    case 'no-scope':
      projection = 'No issues in this version yet.';
      break;
    default:
      projection = 'Not enough history for a projection yet.';
  }
  return { status, projection };
}

function stepPath(values: readonly number[], x: (i: number) => number, y: (v: number) => number): string {
  return values.map((v, i) => (i === 0 ? `M${x(0).toFixed(1)},${y(v).toFixed(1)}` : `H${x(i).toFixed(1)}V${y(v).toFixed(1)}`)).join('');
}

/**
 * Scope (grey) and done (green) per day as step lines, the release date, today, and the projection
 * (dashed) from today's done count to the day it meets today's scope. SVG with design tokens, no
 * chart library; the summary above and the table below say everything the picture does.
 */
export function BurnupChart({ view, testId }: { view: ReleaseBurnupView; testId: string }) {
  const { burnup } = view;
  const { points, projection, releaseDate } = burnup;
  const first = points[0]?.date ?? burnup.today;
  const last = points[points.length - 1]?.date ?? burnup.today;
  const span = Math.max(1, daysBetween(first, last));
  // The axis reaches the release date and the projected day, but never more than twice the history ahead.
  const limit = addDays(last, Math.max(14, span));
  const candidates = [last, releaseDate, projection.reachesScopeOn].filter((d): d is CalendarDate => !!d && d >= first);
  const furthest = candidates.reduce((a, b) => (b > a ? b : a), last);
  const axisEnd = furthest > limit ? limit : furthest;
  const days = Math.max(1, daysBetween(first, axisEnd));
  const scopeMax = Math.max(1, ...points.map((p) => p.scope));
  const top = niceCeiling(scopeMax);
  const x = (d: number) => PAD.left + (d / days) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / top) * (HEIGHT - PAD.top - PAD.bottom);
  const end = points[points.length - 1];
  const { status, projection: projectionText } = burnupSummary(burnup);
  const id = `${testId}-svg`;
  const late = projection.afterReleaseDate === true;
  const releaseX = releaseDate && releaseDate >= first && releaseDate <= axisEnd ? x(daysBetween(first, releaseDate)) : undefined;
  let projectionLine: { x1: number; y1: number; x2: number; y2: number } | undefined;
  if (end && projection.reason === 'projected' && projection.reachesScopeOn) {
    const toDay = Math.min(daysBetween(first, projection.reachesScopeOn), days);
    const fromDay = daysBetween(first, end.date);
    const reached = daysBetween(first, projection.reachesScopeOn);
    // Clipped at the axis end: the line stops where the pace would have it then.
    const value = end.done + ((end.scope - end.done) * (toDay - fromDay)) / Math.max(1, reached - fromDay);
    projectionLine = { x1: x(fromDay), y1: y(end.done), x2: x(toDay), y2: y(value) };
  }

  return (
    <figure data-testid={testId} data-projection={projection.reason} data-late={late ? 'true' : 'false'} style={{ margin: 0, display: 'flex', flexDirection: 'column', gap: space.s050, minWidth: 0 }}>
      <figcaption style={{ font: font.body, color: color.text }}>
        <div data-testid={`${testId}-status`}>{status}</div>
        <div data-testid={`${testId}-projection`} style={{ color: late ? color.textDanger : color.textSubtle }}>
          {projectionText}
        </div>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${id}-title ${id}-desc`} style={{ display: 'block', maxWidth: WIDTH }}>
        <title id={`${id}-title`}>{`Burn-up of ${view.version.name}: scope and done per day`}</title>
        <desc id={`${id}-desc`}>{`${status} ${projectionText}`}</desc>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(top * f)} y2={y(top * f)} stroke={chartColour.grid} strokeWidth={1} />
            <text x={PAD.left - 4} y={y(top * f) + 3} textAnchor="end" fontSize={10} fill={chartColour.text}>
              {String(Math.round(top * f * 10) / 10)}
            </text>
          </g>
        ))}
        {releaseX !== undefined && releaseDate && (
          <g data-testid={`${testId}-release-line`}>
            <line x1={releaseX} x2={releaseX} y1={PAD.top - 6} y2={y(0)} stroke={late ? chartColour.danger : chartColour.neutral} strokeWidth={1.5} />
            <text x={releaseX} y={PAD.top - 9} textAnchor={releaseX > WIDTH - 80 ? 'end' : 'middle'} fontSize={10} fill={chartColour.text}>
              {`Release ${shortDay(releaseDate)}`}
            </text>
          </g>
        )}
        <path d={stepPath(points.map((p) => p.scope), (i) => x(i), y)} fill="none" stroke={chartColour.neutral} strokeWidth={2} />
        <path d={stepPath(points.map((p) => p.done), (i) => x(i), y)} fill="none" stroke={chartColour.success} strokeWidth={2.5} />
        {projectionLine && end && (
          <g data-testid={`${testId}-projection-line`}>
            <line x1={projectionLine.x1} x2={x(days)} y1={y(end.scope)} y2={y(end.scope)} stroke={chartColour.neutral} strokeWidth={1} strokeDasharray="2 3" />
            <line {...projectionLine} stroke={late ? chartColour.danger : chartColour.brand} strokeWidth={2} strokeDasharray="6 4" />
          </g>
        )}
        <text x={PAD.left} y={HEIGHT - 8} fontSize={10} fill={chartColour.text}>
          {shortDay(first)}
        </text>
        {end && daysBetween(first, end.date) > 0 && x(daysBetween(first, end.date)) < WIDTH - PAD.right - 50 && (
          <text x={x(daysBetween(first, end.date))} y={HEIGHT - 8} textAnchor="middle" fontSize={10} fill={chartColour.text}>
            Today
          </text>
        )}
        <text x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end" fontSize={10} fill={chartColour.text}>
          {shortDay(axisEnd)}
        </text>
      </svg>
      <div aria-hidden="true" style={{ display: 'flex', gap: space.s200, flexWrap: 'wrap', font: font.small, color: color.textSubtle }}>
        <LegendKey colour={chartColour.neutral} label="Scope" />
        <LegendKey colour={chartColour.success} label="Done" />
        {projectionLine && <LegendKey colour={late ? chartColour.danger : chartColour.brand} label="Projection" dashed />}
      </div>
      <details>
        <summary style={{ font: font.small, color: color.link, cursor: 'pointer' }}>Day by day</summary>
        <table data-testid={`${testId}-table`} style={{ borderCollapse: 'collapse', font: font.small, color: color.text, marginTop: space.s050 }}>
          <thead>
            <tr>
              <th style={{ textAlign: 'left', paddingRight: space.s200 }}>Day</th>
              <th style={{ textAlign: 'right', paddingRight: space.s200 }}>Scope</th>
              <th style={{ textAlign: 'right' }}>Done</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.date}>
                <td style={{ paddingRight: space.s200 }}>{longDay(p.date)}</td>
                <td style={{ textAlign: 'right', paddingRight: space.s200 }}>{p.scope}</td>
                <td style={{ textAlign: 'right' }}>{p.done}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** The burn-up of one version, loaded from the stored issue history (no Jira issue reads). */
export function ReleaseBurnup({ versionId, testId = 'burnup' }: { versionId: string; testId?: string }) {
  const { data, error, reload } = useResolverAnswer('getReleaseBurnup', { versionId });
  const view = data && data.version.id === versionId ? data : undefined;
  if (!view) {
    if (error) return <ErrorMessage title="Could not load the burn-up" error={error} onRetry={reload} />;
    return <Spinner size="medium" label="Loading the burn-up" />;
  }
  if (view.history.state === 'never') {
    return (
      <div data-testid={`${testId}-no-history`}>
        <SectionMessage appearance="information" title="No issue history yet">
          <p>The burn-up is drawn from the issue history the daily sync keeps for the KPIs. It has not run for this project yet: it runs once a day, or from the KPIs page&apos;s Sync now.</p>
        </SectionMessage>
      </div>
    );
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: space.s050 }}>
      <BurnupChart view={view} testId={testId} />
      {view.history.state === 'partial' && <p style={{ font: font.small, color: color.textSubtlest, margin: 0 }}>The first sync is still filling in older history: earlier days may be incomplete.</p>}
      <p style={{ font: font.small, color: color.textSubtlest, margin: 0 }}>
        {`Days in ${view.timeZone}. Scope: issues with this fix version at the end of each day; done: resolved then. Pace: done issues over the last days, scope as it is today.`}
      </p>
    </div>
  );
}
