/**
 * The readiness roll-up for other parts of the app: the Go/No-Go board's readiness evidence and a
 * RAG per version for the release calendar. Both read stored roll-ups only (no Jira call for the
 * issues) and say "not known" for a version whose roll-up is not built yet.
 */
import type { BlockingIssue, ReadinessEvidence } from '../../contract-go-no-go';
import type { ReadinessRag } from '../../contract-readiness';
import { calendarDateIn } from '../../domain/calendar/calendar-date';
import { type ReleaseRollup, type ShardEntry, rollUpRelease } from '../../domain/readiness/rollup';
import type { AppDeps } from '../deps';
import type { EvidenceRequest, ReleaseEvidenceSource } from '../go-no-go/evidence';
import { loadPolicy } from './policy';
import { builtAtOf, readReleaseShards } from './rollup-store';

const LISTED = 25;

interface VersionRefForRollup {
  projectId: string;
  versionId: string;
  name: string;
  releaseDate?: string;
  released: boolean;
}

/** The stored roll-up of one version, evaluated now; undefined when it is not built yet. */
export async function rollupOf(deps: Pick<AppDeps, 'store' | 'log' | 'timeZone'>, version: VersionRefForRollup, now: Date): Promise<{ rollup: ReleaseRollup; entries: ShardEntry[]; builtAt: string } | undefined> {
  const [shards, loaded] = await Promise.all([readReleaseShards(deps.store, version.versionId), loadPolicy(deps.store, version.projectId, deps.log)]);
  const builtAt = builtAtOf(shards);
  if (!builtAt) return undefined;
  const entries = shards.flatMap((s) => Object.values(s.issues));
  const target = { id: version.versionId, name: version.name, released: version.released, ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}) };
  return { rollup: rollUpRelease(loaded.policy, target, entries, calendarDateIn(now, deps.timeZone)), entries, builtAt };
}

/**
 * A Go/No-Go evidence source backed by the readiness roll-up, falling back to `fallback` (e.g.
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
      const { rollup, entries } = found;
      const byKey = new Map(entries.map((e) => [e.key, e]));
      const blockingIssues: BlockingIssue[] = rollup.blocking.slice(0, LISTED).map((b) => {
        const entry = byKey.get(b.key);
        return {
          key: b.key,
          summary: b.summary,
          statusName: b.statusName,
          issueType: entry?.issueType ?? 'Issue',
          ...(entry?.priority ? { priority: entry.priority } : {}),
          reasons: [...b.failing, ...(b.mentions.length ? [`waiting for ${b.mentions.join(', ')}`] : [])],
        };
      });
      const openBugs = entries.filter((e) => e.category !== 'done' && e.issueType.toLowerCase() === 'bug' && (e.priority === 'Highest' || e.priority === 'High')).length;
      const blockedByOpen = entries.filter((e) => e.blockers.some((b) => b.category !== 'done')).length;
      return {
        source: 'readiness-rollup',
        sourceLabel: 'Release readiness roll-up (the project’s readiness policy)',
        computedAt: request.now.toISOString(),
        total: rollup.total,
        ready: rollup.ready,
        atRisk: rollup.rag.amber,
        notReady: rollup.total - rollup.ready,
        failuresByCriterion: rollup.failing.map((f) => ({ id: f.id, label: f.label, count: f.count })),
        openBlockerBugs: openBugs,
        blockedByOpen,
        blockingIssues,
        blockingCount: rollup.rag.red,
        partial: false,
      };
    },
  };
}

/** RAG per version (`${projectKey}/${versionId}`) for the release calendar; unbuilt roll-ups are left out. */
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
