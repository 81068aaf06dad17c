import Lozenge from '@atlaskit/lozenge';
import type { RunReview } from '../../../../src/contract';
import { color, font, space } from '../design';
import { useProjectTime } from '../project-time';
import { formatDuration, formatInstant } from '../go-live/golive-model';
import { TableHead, tableStyle, tdStyle } from './controls';

const STATUS = { 'not-started': 'Not run', running: 'Running', completed: 'Completed', failed: 'Failed', skipped: 'Skipped' } as const;

const span = (from: string | undefined, to: string | undefined, zone: string) => (from && to ? `${formatInstant(from, zone)} – ${formatInstant(to, zone).slice(-5)}` : '—');
const length = (minutes: number | undefined) => (minutes === undefined ? '—' : formatDuration(minutes));

/** What the post-implementation review opens with: the go-live's planned against actual per step, failed and late steps first called out. */
export function GoLiveReview({ review }: { review: RunReview }) {
  const { timeZone } = useProjectTime();
  return (
    <div data-testid="gng-pir-golive" style={{ display: 'flex', flexDirection: 'column', gap: space.s100, marginBottom: space.s200 }}>
      <div style={{ font: font.body, color: color.text }}>
        <strong>Go-live: planned against actual.</strong> {review.status === 'completed' ? 'Completed' : 'Rolled back'}; planned to end {formatInstant(review.plannedEndAt, timeZone)}, the last step ended{' '}
        {formatInstant(review.actualEndAt, timeZone)}
        {review.slipMinutes > 0 ? ` (${formatDuration(review.slipMinutes)} late)` : ''}.
        {review.rollback && ` Rollback called by ${review.rollback.by.displayName} ${formatInstant(review.rollback.at, timeZone)}: ${review.rollback.reason}`}
      </div>
      {review.exceptions.length > 0 && (
        <ul data-testid="gng-pir-golive-exceptions" style={{ margin: 0, paddingLeft: space.s200, font: font.body, color: color.textDanger }}>
          {review.exceptions.map((r) => (
            <li key={r.stepId}>
              {r.title}: {r.flag === 'failed' ? `failed${r.reason ? ` (${r.reason})` : ''}` : `${formatDuration(r.lateByMinutes)} late`}
            </li>
          ))}
        </ul>
      )}
      <table style={tableStyle} data-testid="gng-pir-golive-steps">
        <TableHead headings={['Step', 'Planned', 'Actual', 'Planned length', 'Actual length', 'Status']} />
        <tbody>
          {review.rows.map((r) => (
            <tr key={r.stepId} data-step={r.stepId} data-flag={r.flag ?? ''}>
              <td style={tdStyle}>{r.phase === 'rollback' ? `Rollback: ${r.title}` : r.title}</td>
              <td style={tdStyle}>{span(r.plannedStartAt, r.plannedEndAt, timeZone)}</td>
              <td style={tdStyle}>{span(r.actualStartAt, r.actualEndAt, timeZone)}</td>
              <td style={tdStyle}>{length(r.plannedMinutes)}</td>
              <td style={tdStyle}>{length(r.actualMinutes)}</td>
              <td style={tdStyle}>
                <Lozenge appearance={r.flag === 'failed' ? 'removed' : r.flag === 'late' ? 'moved' : r.status === 'completed' ? 'success' : 'default'}>
                  {r.flag === 'late' ? `${STATUS[r.status]}, ${formatDuration(r.lateByMinutes)} late` : STATUS[r.status]}
                </Lozenge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
