import Lozenge from '@atlaskit/lozenge';
import type { GoNoGoBoardView } from '../../../../src/contract';
import { color, font, radius, space } from '../design';
import { formatDateTime } from '../date-format';
import { openInNewTab } from '../platform';
import { useProjectTime } from '../project-time';
import { readinessTallyText } from '../../../../src/domain/status/vocabulary';
import { Muted, Section, tableStyle, tdStyle, thStyle } from './controls';
import { plural } from './board-model';

/** Ready vs not, failures by criterion, and the blocking issues with links into Jira. */
export function ReadinessSection({ board }: { board: GoNoGoBoardView }) {
  const { timeZone } = useProjectTime();
  const r = board.readiness;
  const share = r.total === 0 ? 100 : Math.floor((r.ready / r.total) * 100);
  // The readiness page's words when the roll-up says which ready issues are at risk.
  const summary =
    r.atRisk === undefined
      ? `${r.ready} of ${plural(r.total, 'issue')} ready (${share}%)`
      : `${plural(r.total, 'issue')}: ${readinessTallyText({ green: r.ready - r.atRisk, amber: r.atRisk, red: r.notReady })}`;
  return (
    <Section title="Readiness" testId="gng-readiness" description={<>Source: {r.sourceLabel}{r.partial ? ` · the first ${r.notReady > 100 ? 100 : r.notReady} open issues were inspected for blockers` : ''}</>}>
      <div>
        <div role="img" aria-label={summary} style={{ display: 'flex', height: 10, borderRadius: radius, overflow: 'hidden', background: color.barTodo }}>
          <span style={{ width: `${share}%`, background: color.barDone }} />
        </div>
        <div data-testid="gng-readiness-summary" style={{ font: font.body, color: color.text, marginTop: space.s050 }}>
          <strong>{summary}</strong>
          {r.notReady > 0 && r.atRisk === undefined && <span style={{ color: color.textDanger }}> · {r.notReady} not ready</span>}
        </div>
      </div>
      <ul aria-label="Failures by criterion" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', gap: space.s100, flexWrap: 'wrap' }}>
        {r.failuresByCriterion.map((f) => (
          <li key={f.id} style={{ font: font.small, color: f.count ? color.textDanger : color.textSubtle, background: f.count ? color.bgDanger : color.bgNeutral, borderRadius: radius, padding: `2px ${space.s100}` }}>
            {f.label}: <strong>{f.count}</strong>
          </li>
        ))}
      </ul>
      {r.blockingIssues.length === 0 ? (
        <Muted>No blocking issues.</Muted>
      ) : (
        <table data-testid="gng-blocking-issues" aria-label="Blocking issues" style={tableStyle}>
          <thead>
            <tr>
              <th scope="col" style={thStyle}>Issue</th>
              <th scope="col" style={thStyle}>Summary</th>
              <th scope="col" style={thStyle}>Status</th>
              <th scope="col" style={thStyle}>Why it blocks</th>
            </tr>
          </thead>
          <tbody>
            {r.blockingIssues.map((issue) => (
              <tr key={issue.key} data-issue={issue.key}>
                <td style={tdStyle}>
                  <a
                    href={`/browse/${issue.key}`}
                    onClick={(e) => {
                      e.preventDefault();
                      void openInNewTab(`/browse/${issue.key}`).catch(() => undefined);
                    }}
                    style={{ color: color.link, fontWeight: 600, whiteSpace: 'nowrap' }}
                  >
                    {issue.key}
                  </a>
                </td>
                <td style={tdStyle}>
                  {issue.summary}
                  {(issue.issueType || issue.priority) && (
                    <div style={{ font: font.small, color: color.textSubtle }}>{[issue.issueType, issue.priority].filter(Boolean).join(' · ')}</div>
                  )}
                </td>
                <td style={tdStyle}>
                  <Lozenge>{issue.statusName}</Lozenge>
                </td>
                <td style={{ ...tdStyle, color: color.textDanger }}>{issue.reasons.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.blockingCount > r.blockingIssues.length && <Muted>{r.blockingCount - r.blockingIssues.length} more blocking issues are not listed.</Muted>}
      {board.plan.available && board.plan.requiredSlots.length > 0 && (
        <div data-testid="gng-slots">
          <h3 style={{ margin: `0 0 ${space.s050}`, font: font.body, fontWeight: 600, color: color.text }}>Required environment slots</h3>
          <ul style={{ margin: 0, paddingLeft: space.s200 }}>
            {board.plan.requiredSlots.map((slot) => (
              <li key={slot.id} style={{ color: slot.done ? color.textSuccess : color.text }}>
                <span aria-hidden="true">{slot.done ? '✓ ' : '○ '}</span>
                <strong>{slot.environmentName}</strong> {formatDateTime(slot.from, timeZone)} – {formatDateTime(slot.to, timeZone)}: {slot.done ? 'done' : 'not done'}
                {slot.detail ? ` (${slot.detail})` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {board.plan.available && board.plan.conflicts.length > 0 && (
        <div data-testid="gng-conflicts">
          <h3 style={{ margin: `0 0 ${space.s050}`, font: font.body, fontWeight: 600, color: color.text }}>Conflicts on the release calendar</h3>
          <ul style={{ margin: 0, paddingLeft: space.s200 }}>
            {board.plan.conflicts.map((c) => (
              <li key={c.id} style={{ color: c.severity === 'error' ? color.textDanger : color.text }}>
                <strong>{c.title}</strong> — {c.explanation}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}
