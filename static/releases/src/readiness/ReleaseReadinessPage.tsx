/**
 * The "Readiness" sub-page: per unreleased version, how many issues are ready, which criteria fail
 * most and which issues block the release; a version can be opened for its full list.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ReleaseReadiness, RollupIssue } from '../../../../src/contract';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageSkeleton } from '../components/PageSkeleton';
import { VersionLink } from '../components/VersionLink';
import { formatDateTime } from '../date-format';
import { useProjectTime } from '../project-time';
import { color, font, radius, space } from '../design';
import { formatJiraDate } from '../release-rows';
import { HealthLozenge, IssueLink, RagBar, RagLozenge } from './parts';
import { RAG_SWATCH } from './readiness-design';
import { daysText, plural, readyShare, readyText } from './readiness-model';
import { useReleaseReadiness } from './use-release-readiness';
import { ReadinessTrendChart } from '../charts/ReadinessTrendChart';

const TOP_CRITERIA = 5;

interface Props {
  projectKey: string;
  siteUrl?: string;
}

export function ReleaseReadinessPage({ projectKey, siteUrl }: Props) {
  const [openVersion, setOpenVersion] = useState<string>();
  const all = useReleaseReadiness(true);
  const { timeZone } = useProjectTime();
  const detail = useReleaseReadiness(openVersion !== undefined, openVersion);

  if (!all.data) {
    if (all.error) return <ErrorMessage title="Could not load release readiness" error={all.error} onRetry={all.reload} />;
    return <PageSkeleton label="Loading release readiness" />;
  }
  const releases = all.data.releases;
  const opened = openVersion ? (detail.data?.releases[0]?.release.id === openVersion ? detail.data.releases[0] : undefined) : undefined;

  return (
    <div data-testid="readiness-page" style={{ display: 'flex', flexDirection: 'column', gap: space.s200 }}>
      {all.error && <ErrorMessage title="Could not refresh release readiness" error={all.error} onRetry={all.reload} />}
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: space.s100 }}>
        <p style={{ margin: 0, font: font.small, color: color.textSubtle, flex: '1 1 320px' }}>
          Readiness of every issue against the {all.data.policySource === 'default' ? 'default readiness policy' : 'project’s readiness policy'} (project settings), kept
          current as issues change in Jira and repaired daily · as of {formatDateTime(all.data.generatedAt, timeZone)}
        </p>
        <Button appearance="subtle" onClick={all.reload} isDisabled={all.loading}>
          Refresh
        </Button>
      </div>
      {releases.length === 0 ? (
        <SectionMessage appearance="information" title="No unreleased versions">
          <p>Readiness is tracked for versions that are not released yet. Create a version in Jira to see its readiness here.</p>
        </SectionMessage>
      ) : (
        releases.map((r) => (
          <ReleaseCard
            key={r.release.id}
            readiness={opened && opened.release.id === r.release.id ? { ...opened, ...(r.trend ? { trend: r.trend } : {}) } : r}
            projectKey={projectKey}
            siteUrl={siteUrl}
            expanded={openVersion === r.release.id}
            expanding={openVersion === r.release.id && !opened}
            onToggle={() => setOpenVersion(openVersion === r.release.id ? undefined : r.release.id)}
          />
        ))
      )}
    </div>
  );
}

function ReleaseCard({
  readiness,
  projectKey,
  siteUrl,
  expanded,
  expanding,
  onToggle,
}: {
  readiness: ReleaseReadiness;
  projectKey: string;
  siteUrl?: string;
  expanded: boolean;
  expanding: boolean;
  onToggle: () => void;
}) {
  const { release, rollup } = readiness;
  const { timeZone } = useProjectTime();
  const late = release.daysLeft !== null && release.daysLeft < 0;
  return (
    <section
      data-testid={`readiness-release-${release.id}`}
      aria-label={`Readiness of ${release.name}`}
      style={{ border: `1px solid ${color.border}`, borderRadius: radius, padding: space.s200, display: 'flex', flexDirection: 'column', gap: space.s150, background: color.surface }}
    >
      <header style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: space.s100 }}>
        <Heading size="small" as="h2">
          <VersionLink projectKey={projectKey} versionId={release.id} name={release.name} siteUrl={siteUrl} />
        </Heading>
        <span style={{ font: font.body, color: late ? color.textDanger : color.textSubtle }}>
          {release.releaseDate ? `${formatJiraDate(release.releaseDate)} · ${daysText(release.daysLeft)}` : 'No release date'}
        </span>
        <span style={{ flex: 1 }} />
        {readiness.health ? (
          <HealthLozenge health={readiness.health} testId={`readiness-overall-${release.id}`} />
        ) : (
          rollup && <RagLozenge rag={rollup.overall} testId={`readiness-overall-${release.id}`} />
        )}
      </header>
      {readiness.status === 'building' || !rollup ? (
        <div style={{ display: 'flex', alignItems: 'center', gap: space.s100, color: color.textSubtle }}>
          <Spinner size="small" label="Computing" />
          <span>Computing readiness from Jira for the first time…</span>
        </div>
      ) : rollup.total === 0 ? (
        <p style={{ margin: 0, color: color.textSubtle }}>No issues in this version yet.</p>
      ) : (
        <>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: space.s200 }}>
            <div style={{ display: 'flex', flexDirection: 'column', gap: space.s050 }}>
              <div data-testid={`readiness-ready-${release.id}`} style={{ font: font.body, color: color.text }}>
                <strong>{readyText(rollup)}</strong> ({readyShare(rollup)}%)
              </div>
              <RagBar rag={rollup.rag} />
              <div style={{ font: font.small, color: color.textSubtle, display: 'flex', gap: space.s150, flexWrap: 'wrap' }}>
                <Count n={rollup.rag.red} label="not ready" swatch="red" />
                <Count n={rollup.rag.amber} label="at risk" swatch="amber" />
                <Count n={rollup.rag.green} label="ready" swatch="green" />
              </div>
            </div>
            {readiness.trend && <ReadinessTrendChart points={readiness.trend} versionId={release.id} name={release.name} />}
            <div>
              <div style={{ font: font.small, fontWeight: 600, color: color.textSubtle, marginBottom: space.s050 }}>Fails most</div>
              {rollup.failing.length === 0 ? (
                <span style={{ font: font.small, color: color.textSuccess }}>Every issue meets every criterion.</span>
              ) : (
                <ol data-testid={`readiness-failing-${release.id}`} style={{ margin: 0, paddingLeft: space.s200, font: font.small, color: color.text }}>
                  {rollup.failing.slice(0, TOP_CRITERIA).map((f) => (
                    <li key={f.id} data-criterion={f.id} data-count={f.count}>
                      {f.label}: <strong>{plural(f.count, 'issue')}</strong>
                      {f.severity === 'advisory' && <span style={{ color: color.textSubtlest }}> · advisory</span>}
                    </li>
                  ))}
                </ol>
              )}
            </div>
          </div>
          {rollup.blocking.length > 0 && (
            <BlockingTable issues={rollup.blocking} total={rollup.rag.red} siteUrl={siteUrl} versionId={release.id} expanded={expanded} />
          )}
          {rollup.rag.red > 0 && (
            <div>
              <Button appearance="subtle" onClick={onToggle} isDisabled={expanding} testId={`readiness-toggle-${release.id}`}>
                {expanded ? 'Show fewer' : `Show all ${plural(rollup.rag.red, 'blocking issue')}`}
              </Button>
            </div>
          )}
        </>
      )}
      {readiness.builtAt && <div style={{ font: font.small, color: color.textSubtlest }}>Rebuilt from Jira {formatDateTime(readiness.builtAt, timeZone)}; events keep it current since.</div>}
    </section>
  );
}

function Count({ n, label, swatch }: { n: number; label: string; swatch: 'red' | 'amber' | 'green' }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <span aria-hidden style={{ width: 8, height: 8, borderRadius: 4, background: RAG_SWATCH[swatch].bold }} />
      {n} {label}
    </span>
  );
}

const cell = { padding: `${space.s050} ${space.s100}`, borderBottom: `1px solid ${color.border}`, textAlign: 'left' as const, verticalAlign: 'top' as const };

function BlockingTable({ issues, total, siteUrl, versionId, expanded }: { issues: RollupIssue[]; total: number; siteUrl?: string; versionId: string; expanded: boolean }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table data-testid={`readiness-blocking-${versionId}`} style={{ borderCollapse: 'collapse', width: '100%', font: font.small, color: color.text }}>
        <caption style={{ textAlign: 'left', font: font.small, fontWeight: 600, color: color.textSubtle, paddingBottom: space.s050 }}>
          Blocking issues{issues.length < total ? ` (${issues.length} of ${total}${expanded ? '' : ', worst first'})` : ''}
        </caption>
        <thead>
          <tr>
            <th style={cell}>Issue</th>
            <th style={cell}>Status</th>
            <th style={cell}>Fails</th>
            <th style={cell}>Waiting for</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue) => (
            <tr key={issue.key} data-testid={`readiness-blocking-row-${issue.key}`}>
              <td style={cell}>
                <IssueLink issueKey={issue.key} siteUrl={siteUrl} /> <span style={{ color: color.textSubtle }}>{issue.summary}</span>
              </td>
              <td style={{ ...cell, whiteSpace: 'nowrap' }}>{issue.statusName}</td>
              <td style={cell}>{issue.failing.join(', ')}</td>
              <td style={cell}>
                {issue.mentions.length === 0 ? (
                  <span style={{ color: color.textSubtlest }}>–</span>
                ) : (
                  <span style={{ display: 'inline-flex', gap: space.s100, flexWrap: 'wrap' }}>
                    {issue.mentions.map((key) => (
                      <IssueLink key={key} issueKey={key} siteUrl={siteUrl} />
                    ))}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
