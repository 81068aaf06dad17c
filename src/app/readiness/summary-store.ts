/**
 * Release readiness summaries (src/domain/readiness/summary.ts) in the store: one small document
 * per release, `readiness:summary:<versionId>`, that views read instead of the roll-up's buckets.
 * A transaction that changes a release's entries takes the summary along (summaryDeltas); when a
 * delta cannot be applied (no summary yet, another policy revision, its lists ran short) the
 * writer rebuilds it from every leaf right after (refreshReleaseSummary), as the daily repair does
 * whenever the summary is missing or its roll-up revision is not the roll-up's.
 */
import type { ShardEntry } from '../../domain/readiness/rollup';
import type { ReadinessPolicy } from '../../domain/readiness/policy';
import { type ReadinessSummary, datesDiffer, emptySummary, liveDates, sameSummary, summarizeRelease, withEntryChange } from '../../domain/readiness/summary';
import type { KeyValueStore } from '../../ports';
import { keys } from '../../store/keys';
import { updateVersioned } from '../../store/versioned-update';
import type { AppDeps } from '../deps';
import { loadPolicy } from './policy';
import { builtAtOf, readReleaseState, releaseNodePrefix } from './release-shards';

export const summaryKey = (versionId: string) => keys.readinessSummary(versionId);

/** The placeholder for a release with no summary yet: a delta never applies to it. */
export const noSummary = (versionId: string): ReadinessSummary => ({ ...emptySummary(versionId, -1, ''), rollupRev: -1 });

export interface EntryChange {
  versionId: string;
  before?: ShardEntry;
  after?: ShardEntry;
}

/**
 * The summaries of the releases a change writes, moved by its entry changes (to go in the same
 * transaction), and the releases whose summary must be rebuilt instead. `written` is the change's
 * documents: each roll-up node it puts raises the roll-up's revision by one.
 */
export function summaryDeltas(
  current: ReadonlyMap<string, unknown>,
  written: ReadonlyMap<string, unknown>,
  policy: { policy: ReadinessPolicy; revision: number },
  changes: readonly EntryChange[],
  updatedAt: string,
): { docs: Map<string, ReadinessSummary>; rebuild: string[] } {
  const docs = new Map<string, ReadinessSummary>();
  const rebuild: string[] = [];
  for (const change of changes) {
    if (!change.before && !change.after) continue;
    const key = summaryKey(change.versionId);
    const summary = (docs.get(key) ?? current.get(key)) as ReadinessSummary | undefined;
    const prefix = releaseNodePrefix(change.versionId);
    const writes = [...written.keys()].filter((k) => k.startsWith(prefix)).length;
    const next = summary && summary.rollupRev >= 0 && summary.policyRev === policy.revision ? withEntryChange(summary, policy.policy, { ...change, writes, updatedAt }) : undefined;
    if (next) docs.set(key, next);
    else rebuild.push(change.versionId);
  }
  return { docs, rebuild };
}

/**
 * Rebuilds a release's summary from every leaf of its roll-up, judged with the newest release
 * dates known: the entries' own, the stored summary's, or `live` (Jira's, as a reader just listed
 * them, known at `liveAt`, by default now); writes it only when it says something new, and never over one computed from a later
 * roll-up revision.
 */
export async function refreshReleaseSummary(
  deps: Pick<AppDeps, 'store' | 'log' | 'clock'>,
  projectId: string,
  versionId: string,
  live?: ReadonlyMap<string, string | undefined>,
  liveAt?: number,
): Promise<{ written: boolean; summary: ReadinessSummary }> {
  const [{ shards, rollupRev }, loaded] = await Promise.all([readReleaseState(deps.store, versionId), loadPolicy(deps.store, projectId, deps.log)]);
  const builtAt = builtAtOf(shards);
  const now = deps.clock.now();
  const entries = shards.flatMap((s) => Object.values(s.issues));
  let summary = noSummary(versionId);
  const { written } = await updateVersioned<ReadinessSummary>(deps.store, summaryKey(versionId), () => noSummary(versionId), (stored) => {
    const known = { ...stored.dates, ...(live ? liveDates(live, liveAt ?? now.getTime()) : {}) };
    summary = summarizeRelease(loaded.policy, { versionId, policyRev: loaded.revision, rollupRev, ...(builtAt ? { builtAt } : {}), updatedAt: now.toISOString() }, entries, known);
    return stored.rollupRev > rollupRev || sameSummary(stored, summary) ? undefined : summary;
  });
  return { written, summary };
}

/** Rebuilds the summaries named (once each), after a change that could not move them. */
export async function refreshSummaries(deps: Pick<AppDeps, 'store' | 'log' | 'clock'>, projectId: string, versionIds: Iterable<string>): Promise<void> {
  for (const versionId of new Set(versionIds)) await refreshReleaseSummary(deps, projectId, versionId);
}

/** The stored summaries of these releases (one read each); releases without one are left out. */
export async function readSummaries(store: KeyValueStore, versionIds: readonly string[]): Promise<Map<string, ReadinessSummary>> {
  const docs = await Promise.all(versionIds.map(async (id) => [id, (await store.getVersioned<ReadinessSummary>(summaryKey(id)))?.value] as const));
  return new Map(docs.flatMap(([id, doc]) => (doc && doc.rollupRev >= 0 ? [[id, doc] as const] : [])));
}

/**
 * A release's summary, made from its buckets when there is none yet (a roll-up built before
 * summaries existed), or when it was judged with other release dates than Jira's `live` ones (a
 * date moved with no change to the issues): then once, written, and one small read after.
 */
export async function summaryOf(
  deps: Pick<AppDeps, 'store' | 'log' | 'clock'>,
  projectId: string,
  versionId: string,
  live?: ReadonlyMap<string, string | undefined>,
): Promise<ReadinessSummary> {
  const stored = (await readSummaries(deps.store, [versionId])).get(versionId);
  if (stored && !(live && datesDiffer(stored, live))) return stored;
  return (await refreshReleaseSummary(deps, projectId, versionId, live)).summary;
}

/** Forgets a deleted release's summary. */
export async function dropSummary(store: KeyValueStore, versionId: string): Promise<void> {
  const doc = await store.getVersioned(summaryKey(versionId));
  if (doc) await store.transact([{ kind: 'delete', key: summaryKey(versionId), expectRev: doc.rev }]);
}
