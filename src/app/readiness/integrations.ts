/**
 * The readiness roll-up for other parts of the app: the Go/No-Go board's readiness evidence and a
 * RAG per version for the release calendar. Both read stored roll-ups only (no Jira call for the
 * issues) and say "not known" for a version whose roll-up is not built yet.
 */
import type { BlockingIssue, ReadinessEvidence } from '../../contract-go-no-go';
import type { ReadinessRag } from '../../contract-readiness';
import { calendarDateIn } from '../../domain/calendar/calendar-date';
import { daysLeftFor } from '../../domain/readiness/evaluate';
import type { ReleaseRollup } from '../../domain/readiness/rollup';
import { type ReadinessSummary, BLOCKING_SHOWN, rollupOfSummary } from '../../domain/readiness/summary';
import type { AppDeps } from '../deps';
import type { EvidenceRequest, ReleaseEvidenceSource } from '../go-no-go/evidence';
import { loadPolicy } from './policy';
import { summaryOf } from './summary-store';

interface VersionRefForRollup {
  projectId: string;
  versionId: string;
  name: string;
  releaseDate?: string;
  released: boolean;
}

/**
 * The roll-up of one version from its readiness summary (one read, plus the policy), judged for
 * today; undefined while it is not built yet.
 */
export async function rollupOf(deps: Pick<AppDeps, 'store' | 'log' | 'timeZone' | 'clock'>, version: VersionRefForRollup, now: Date): Promise<{ rollup: ReleaseRollup; summary: ReadinessSummary; builtAt: string } | undefined> {
  const [summary, loaded] = await Promise.all([summaryOf(deps, version.projectId, version.versionId), loadPolicy(deps.store, version.projectId, deps.log)]);
  if (!summary.builtAt) return undefined;
  const target = { id: version.versionId, name: version.name, released: version.released, ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}) };
  const rollup = rollupOfSummary(summary, loaded.policy, daysLeftFor(target, calendarDateIn(now, deps.timeZone)));
  return { rollup, summary, builtAt: summary.builtAt };
}

/**
 * A Go/No-Go evidence source backed by the readiness summary, falling back to `fallback` (e.g.
 * the board's own Jira counting) while a version's roll-up is not built. Plug it in with
 * `goNoGoEvidence(deps) => ({ readiness: readinessRollupEvidence(deps, jiraReleaseEvidence), … })`.
 */
export function readinessRollupEvidence(deps: AppDeps, fallback: ReleaseEvidenceSource): ReleaseEvidenceSource {
  return {
    async readiness(request: EvidenceRequest): Promise<ReadinessEvidence> {
      // As the viewer: a version they may not see answers NOT_FOUND like everywhere else.
      const version = await request.jira.getVersion(request.versionId);
      const found = await rollupOf(deps, { projectId: request.projectId, versionId: request.versionId, name: version.name, released: version.released, ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}) }, request.now);
      if (!found) return fallback.readiness(request);
      const { rollup, summary } = found;
      const blockingIssues: BlockingIssue[] = summary.blocking.slice(0, BLOCKING_SHOWN).map((b) => ({
        key: b.key,
        summary: b.summary,
        statusName: b.statusName,
        issueType: b.issueType,
        ...(b.priority ? { priority: b.priority } : {}),
        reasons: [...b.failing, ...(b.mentions.length ? [`waiting for ${b.mentions.join(', ')}`] : [])],
      }));
      return {
        source: 'readiness-rollup',
        sourceLabel: 'Release readiness roll-up (the project’s readiness policy)',
        computedAt: request.now.toISOString(),
        total: rollup.total,
        ready: rollup.ready,
        atRisk: rollup.rag.amber,
        notReady: rollup.total - rollup.ready,
        failuresByCriterion: rollup.failing.map((f) => ({ id: f.id, label: f.label, count: f.count })),
        openBlockerBugs: summary.openBugs,
        blockedByOpen: summary.blockedByOpen,
        blockingIssues,
        blockingCount: rollup.rag.red,
        partial: false,
      };
    },
  };
}

/** RAG per version (`${projectKey}/${versionId}`) from their summaries; unbuilt roll-ups are left out. */
export async function readinessRagByVersion(
  deps: Pick<AppDeps, 'store' | 'log' | 'timeZone' | 'clock'>,
  versions: Array<VersionRefForRollup & { projectKey: string }>,
): Promise<Map<string, ReadinessRag>> {
  const now = deps.clock.now();
  const out = new Map<string, ReadinessRag>();
  const found = await Promise.all(versions.filter((v) => !v.released).map(async (v) => [v, await rollupOf(deps, v, now)] as const));
  for (const [v, result] of found) if (result) out.set(`${v.projectKey}/${v.versionId}`, result.rollup.overall);
  return out;
}
