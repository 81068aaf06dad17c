/**
 * "Waiting for you" on the Overview: what the person looking still owes on unreleased versions –
 * Go/No-Go votes, readiness sign-offs (done in the issue's panel in Jira), go-live steps they own
 * and checkpoint votes – each with a link to where it is done.
 */
import type { ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { WaitingForMeView } from '../../../../src/contract';
import { formatJiraDate } from '../release-rows';
import { color, font, space } from '../design';
import { IssueLink } from '../readiness/parts';
import { useResolverAnswer } from '../use-resolver-answer';

const EMPTY = {};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function itemCount(data: WaitingForMeView): number {
  return data.votes.length + data.signOffs.reduce((n, r) => n + r.issueCount, 0) + data.steps.length + data.checkpoints.length;
}

const due = (releaseDate: string | undefined) => (releaseDate ? <span style={{ color: color.textSubtle }}> · due {formatJiraDate(releaseDate)}</span> : null);

function Group({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <div data-testid={testId}>
      <div style={{ font: font.body, fontWeight: 600, color: color.text, margin: `${space.s050} 0` }}>{title}</div>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: space.s050 }}>{children}</ul>
    </div>
  );
}

const itemStyle = { display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap', font: font.body, color: color.text } as const;

export function WaitingForMe({ onOpenBoard, onOpenGoLive, siteUrl }: { onOpenBoard: (versionId: string) => void; onOpenGoLive: (versionId: string) => void; siteUrl?: string | undefined }) {
  const { data } = useResolverAnswer('getWaitingForMe', EMPTY);
  // Nothing owed (or the list failed to load): the Overview stays as it was, no empty banner.
  if (!data || itemCount(data) === 0) return null;
  return (
    <div data-testid="waiting-for-me">
      <SectionMessage appearance="information" title={`Waiting for you (${itemCount(data)})`}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: space.s100 }}>
          {data.votes.length > 0 && (
            <Group title={`Go/No-Go sign-offs (${data.votes.length})`} testId="waiting-votes">
              {data.votes.map((vote) => (
                <li key={`${vote.versionId}-${vote.roleId}`} style={itemStyle}>
                  <span>
                    <strong>{vote.versionName}</strong> · {vote.roleName}
                    {due(vote.releaseDate)}
                  </span>
                  <Button spacing="compact" onClick={() => onOpenBoard(vote.versionId)} testId={`waiting-open-${vote.versionId}-${vote.roleId}`}>
                    Open the Go/No-Go board
                  </Button>
                </li>
              ))}
            </Group>
          )}
          {data.checkpoints.length > 0 && (
            <Group title={`Go-live checkpoint votes (${data.checkpoints.length})`} testId="waiting-checkpoints">
              {data.checkpoints.map((c) => (
                <li key={`${c.versionId}-${c.stepId}`} style={itemStyle}>
                  <span>
                    <strong>{c.versionName}</strong> · {c.title}
                  </span>
                  <Button spacing="compact" onClick={() => onOpenGoLive(c.versionId)} testId={`waiting-checkpoint-${c.versionId}-${c.stepId}`}>
                    Vote in the go-live
                  </Button>
                </li>
              ))}
            </Group>
          )}
          {data.steps.length > 0 && (
            <Group title={`Go-live steps (${data.steps.length})`} testId="waiting-steps">
              {data.steps.map((s) => (
                <li key={`${s.versionId}-${s.stepId}`} style={itemStyle}>
                  <span>
                    <strong>{s.versionName}</strong> · {s.title}
                    <span style={{ color: color.textSubtle }}>
                      {' '}
                      · {s.status === 'ready' ? 'ready to start' : 'running'} · {s.ownedAs === 'you' ? 'yours' : `for ${s.ownedAs}`}
                    </span>
                  </span>
                  <Button spacing="compact" onClick={() => onOpenGoLive(s.versionId)} testId={`waiting-step-${s.versionId}-${s.stepId}`}>
                    Open the go-live
                  </Button>
                </li>
              ))}
            </Group>
          )}
          {data.signOffs.length > 0 && (
            <Group title={`Readiness sign-offs (${plural(data.signOffs.reduce((n, r) => n + r.issueCount, 0), 'issue')})`} testId="waiting-sign-offs">
              {data.signOffs.map((release) => (
                <li key={release.versionId} style={itemStyle} data-testid={`waiting-sign-offs-${release.versionId}`}>
                  <span>
                    <strong>{release.versionName}</strong> · {[...new Set(release.issues.flatMap((i) => i.checks.map((c) => c.label)))].join(', ')} on {plural(release.issueCount, 'issue')}:{' '}
                    {release.issues.map((issue, index) => (
                      <span key={issue.issueKey} title={issue.summary} data-testid={`waiting-sign-off-${issue.issueKey}`}>
                        {index > 0 ? ', ' : ''}
                        <IssueLink issueKey={issue.issueKey} siteUrl={siteUrl} />
                      </span>
                    ))}
                    {release.issueCount > release.issues.length ? ` and ${release.issueCount - release.issues.length} more` : ''}
                    {due(release.releaseDate)}
                  </span>
                </li>
              ))}
            </Group>
          )}
        </div>
      </SectionMessage>
    </div>
  );
}
