/** Small building blocks of the readiness views: RAG bar, issue links, the overview's cell. */
import { useState } from 'react';
import Lozenge from '@atlaskit/lozenge';
import type { ReadinessRag, ReleaseReadiness, ReleaseRollup } from '../../../../src/contract';
import { color, font, radius, space } from '../design';
import { openInNewTab } from '../platform';
import { LOZENGE_APPEARANCE, readinessTallyText } from '../../../../src/domain/status/vocabulary';
import { RAG_LOZENGE, RAG_SWATCH, RAG_WORD } from './readiness-design';
import { plural, ragWidths, readyText } from './readiness-model';

export function RagLozenge({ rag, testId }: { rag: ReadinessRag; testId?: string }) {
  return (
    <Lozenge appearance={RAG_LOZENGE[rag]} isBold testId={testId}>
      {RAG_WORD[rag]}
    </Lozenge>
  );
}

/** The release's health (On track / At risk / Overdue) as every page words it; its reason as the tooltip. */
export function HealthLozenge({ health, testId }: { health: NonNullable<ReleaseReadiness['health']>; testId?: string }) {
  return (
    <span title={health.reason}>
      <Lozenge appearance={LOZENGE_APPEARANCE[health.colour]} isBold testId={testId}>
        {health.word}
      </Lozenge>
    </span>
  );
}

/** A stacked bar of the release's issues by RAG, with the counts as its accessible name. */
export function RagBar({ rag, height = 8 }: { rag: ReleaseRollup['rag']; height?: number }) {
  const widths = ragWidths(rag);
  const label = `${plural(rag.red + rag.amber + rag.green, 'issue')}: ${readinessTallyText(rag)}`;
  return (
    <div role="img" aria-label={label} title={label} style={{ display: 'flex', height, borderRadius: radius, overflow: 'hidden', background: color.barTodo, minWidth: 80 }}>
      {(['red', 'amber', 'green'] as const).map((k) => (
        <span key={k} style={{ width: `${widths[k]}%`, background: RAG_SWATCH[k].bold }} />
      ))}
    </div>
  );
}

/** An issue key opening the issue in Jira (new tab) through the Forge router. */
export function IssueLink({ issueKey, siteUrl }: { issueKey: string; siteUrl?: string }) {
  const [failed, setFailed] = useState(false);
  const path = `/browse/${encodeURIComponent(issueKey)}`;
  return (
    <a
      href={siteUrl ? `${siteUrl.replace(/\/$/, '')}${path}` : path}
      onClick={(event) => {
        event.preventDefault();
        openInNewTab(path).catch(() => setFailed(true));
      }}
      style={{ color: failed ? color.textDanger : color.link, fontWeight: 500, whiteSpace: 'nowrap' }}
      title={failed ? 'Could not open the issue in Jira' : `Open ${issueKey} in Jira`}
    >
      {issueKey}
    </a>
  );
}

/** The readiness column of the releases overview. */
export function ReadinessCell({ readiness }: { readiness: ReleaseReadiness | undefined }) {
  if (!readiness) return <span style={{ color: color.textSubtlest }}>–</span>;
  const id = readiness.release.id;
  if (readiness.status === 'building' || !readiness.rollup) {
    return (
      <span data-testid={`readiness-cell-${id}`} style={{ font: font.small, color: color.textSubtle }}>
        Computing…
      </span>
    );
  }
  const { rollup } = readiness;
  const top = rollup.failing[0];
  return (
    <div data-testid={`readiness-cell-${id}`} style={{ minWidth: 96, display: 'flex', flexDirection: 'column', gap: space.s050 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap' }}>
        {readiness.health ? <HealthLozenge health={readiness.health} /> : <RagLozenge rag={rollup.overall} />}
        <span style={{ font: font.small, color: color.text, whiteSpace: 'nowrap' }}>{readyText(rollup)}</span>
      </div>
      <RagBar rag={rollup.rag} height={6} />
      {top && (
        <div style={{ font: font.small, color: color.textSubtle }} title="The criterion most issues fail">
          Most fail: {top.label} ({top.count})
        </div>
      )}
    </div>
  );
}
