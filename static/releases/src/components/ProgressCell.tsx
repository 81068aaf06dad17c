import type { ReleaseSummary } from '../../../../src/contract';
import { progressSegments } from '../release-rows';
import { color, font, radius, space } from '../design';

/** A stacked bar (done / in progress / to do) with the counts and the share done. */
export function ProgressCell({ release }: { release: ReleaseSummary }) {
  const { counts, percentDone } = release;
  if (counts.total === 0) return <span style={{ color: color.textSubtlest }}>No issues</span>;
  const seg = progressSegments(counts);
  const summary = `${percentDone}% done: ${seg.done} done, ${seg.inProgress} in progress, ${seg.todo} to do`;
  return (
    <div style={{ minWidth: 96 }}>
      <div
        role="img"
        aria-label={summary}
        title={summary}
        style={{ display: 'flex', height: 8, borderRadius: radius, overflow: 'hidden', background: color.barTodo }}
      >
        <span style={{ width: `${seg.widths.done}%`, background: color.barDone }} />
        <span style={{ width: `${seg.widths.inProgress}%`, background: color.barInProgress }} />
        <span style={{ width: `${seg.widths.todo}%`, background: color.barTodo }} />
      </div>
      <div aria-hidden="true" style={{ font: font.small, color: color.textSubtle, marginTop: space.s050 }}>
        {/* Wraps at 1,024 px, so the table fits without scrolling sideways and Readiness stays in view. */}
        <strong style={{ color: color.text }}>{percentDone}%</strong> · {seg.done} done · {seg.inProgress} in progress · {seg.todo} to do
      </div>
    </div>
  );
}
