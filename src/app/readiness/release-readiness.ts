/**
 * Release roll-ups: reading them for the project page, and the reconciliation jobs that build and
 * repair them from bounded searches (one job per release, fanned out per project).
 */
import type { GetReleaseReadinessPayload, ProjectReadinessView, ReadinessRelease, ReleaseReadiness } from '../../contract-readiness';
import { calendarDateIn } from '../../domain/calendar/calendar-date';
import { daysLeftFor } from '../../domain/readiness/evaluate';
import { type ReleaseRollup, healthOfRollup, rollUpRelease } from '../../domain/readiness/rollup';
import { BLOCKING_SHOWN, datesDiffer, rollupOfSummary } from '../../domain/readiness/summary';
import { readSummaries, refreshReleaseSummary, summaryOf } from './summary-store';
import { releaseState } from '../../domain/releases/release-summary';
import { AppError } from '../../errors';
import type { JiraVersion } from '../../integrations/jira/types';
import { keys } from '../../store/keys';
import { requireProjectPermission } from '../authorize';
import type { AppDeps } from '../deps';
import { type InvocationContext, requireProject } from '../invocation-context';
import { job } from '../jobs-catalog';
import { toVersionFacts } from '../project-releases';
import { readReleaseFacts } from './facts';
import { readVersionHistory } from '../version-tracking';
import { loadPolicy } from './policy';
import { builtAtOf, readReleaseShards, rebuildRelease } from './rollup-store';
import { type ReadinessTrendDoc, emptyTrend, recordTrend, trendPoints } from '../../domain/readiness/trend';
import { updateVersioned } from '../../store/versioned-update';

/** The list view names this many blocking issues per release; the drill-down all of them. */
const BLOCKING_IN_LIST = 10;
const BLOCKING_IN_DETAIL = 500;
/** A roll-up older than this missed its daily repair: it is shown, and rebuilt. */
const STALE_AFTER_MS = 36 * 3600_000;

const tracked = (v: JiraVersion) => !v.released && !v.archived;

/**
 * Asks for a rebuild at most once an hour per release, however many people look meanwhile (two
 * at the very same moment may both ask: the job is idempotent). One key per release, overwritten.
 */
async function requestRebuild(deps: AppDeps, projectId: string, versionId: string): Promise<void> {
  const hour = deps.clock.now().toISOString().slice(0, 13);
  const key = keys.readinessBuildAsked(versionId);
  if ((await deps.store.get<{ hour: string }>(key))?.hour === hour) return;
  await deps.store.set(key, { hour });
  await deps.queue.push([job('reconcile-release-readiness', { projectId, versionId })]);
}

/** Each version's readiness from its stored roll-up; `onStale` is told of versions whose roll-up is missing or old. */
async function readinessOf(
  deps: AppDeps,
  projectId: string,
  versions: readonly JiraVersion[],
  shown: readonly JiraVersion[],
  policy: Awaited<ReturnType<typeof loadPolicy>>['policy'],
  onStale: (versionId: string) => Promise<void>,
  blockingLimit: number,
): Promise<ReleaseReadiness[]> {
  const now = deps.clock.now();
  const today = calendarDateIn(now, deps.timeZone);
  const releaseDates = new Map(versions.map((v) => [String(v.id), v.releaseDate]));
  return Promise.all(
    shown.map(async (version): Promise<ReleaseReadiness> => {
      const id = String(version.id);
      const target = { id, name: version.name, released: version.released, ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}) };
      const release: ReadinessRelease = { ...target, daysLeft: daysLeftFor(target, today) };
      let rollup: ReleaseRollup | undefined;
      let builtAt: string | undefined;
      if (blockingLimit <= BLOCKING_SHOWN) {
        // Lists and the Overview: the release's summary, one small read.
        // A release with no summary yet (roll-ups built before summaries existed), or one judged with
        // other release dates than Jira's (a date moved, no issue changed), is judged from its buckets now, once.
        const summary = await summaryOf(deps, projectId, id, releaseDates);
        builtAt = summary?.builtAt;
        if (summary && builtAt) rollup = rollupOfSummary(summary, policy, release.daysLeft, blockingLimit);
      } else {
        // One release's every blocking issue: its buckets.
        const shards = await readReleaseShards(deps.store, id);
        builtAt = builtAtOf(shards);
        if (builtAt) rollup = rollUpRelease(policy, target, shards.flatMap((s) => Object.values(s.issues)), today, releaseDates);
      }
      if (!builtAt || now.getTime() - Date.parse(builtAt) > STALE_AFTER_MS) await onStale(id);
      if (!builtAt || !rollup) return { release, status: 'building' };
      const health = healthOfRollup(releaseState(toVersionFacts(version), today), release.daysLeft, rollup);
      return { release, status: 'ready', builtAt, health, rollup: { ...rollup, blocking: rollup.blocking.slice(0, blockingLimit) } };
    }),
  );
}

/**
 * Today's point of each built roll-up into the project's readiness trend (one write at most, none
 * when the day's points are already there); returns the trend as stored.
 */
async function recordReadinessTrend(deps: AppDeps, projectId: string, tracked: readonly JiraVersion[], releases: readonly ReleaseReadiness[]): Promise<ReadinessTrendDoc> {
  const today = calendarDateIn(deps.clock.now(), deps.timeZone);
  const tallies = releases.flatMap((r) => (r.rollup ? [{ versionId: r.release.id, rag: r.rollup.rag }] : []));
  const ids = new Set(tracked.map((v) => String(v.id)));
  const { value } = await updateVersioned<ReadinessTrendDoc>(deps.store, keys.readinessTrend(projectId), emptyTrend, (doc) => recordTrend(doc, today, tallies, ids));
  return value;
}

export async function getReleaseReadiness(deps: AppDeps, context: InvocationContext, payload: GetReleaseReadinessPayload): Promise<ProjectReadinessView> {
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  await requireProjectPermission(jira, project.key, 'BROWSE_PROJECTS');
  const [versions, loaded] = await Promise.all([jira.listVersions(project.key), loadPolicy(deps.store, project.id, deps.log)]);
  const tracking = versions.filter(tracked);
  let shown = tracking;
  if (payload.versionId !== undefined) {
    shown = shown.filter((v) => String(v.id) === payload.versionId);
    if (shown.length === 0) throw new AppError('NOT_FOUND', `${project.key} has no unreleased version with id ${payload.versionId}.`);
  }
  const releases = await readinessOf(deps, project.id, versions, shown, loaded.policy, (id) => requestRebuild(deps, project.id, id), payload.versionId ? BLOCKING_IN_DETAIL : BLOCKING_IN_LIST);
  // The list view sees every roll-up: the day's trend point is recorded as a side effect (at most one write).
  if (payload.versionId === undefined) {
    // A trend that cannot be written (the store busy) leaves the page without it, not without roll-ups.
    const trend = await recordReadinessTrend(deps, project.id, tracking, releases).catch((error: unknown) => {
      deps.log.error('readiness trend not recorded', { projectId: project.id, error: String(error) });
      return undefined;
    });
    if (trend) for (const r of releases) r.trend = trendPoints(trend, r.release.id);
  }
  return { project: { id: project.id, key: project.key }, generatedAt: deps.clock.now().toISOString(), policySource: loaded.source, releases };
}

/**
 * After a version of the project changed in Jira: the release summaries judged with another date
 * of it than its newest in the project's version history (events can come late or out of order)
 * are judged again from their buckets. Store only: one read per unreleased version of the
 * history, bucket reads only where the date moved. Returns how many were judged again.
 */
export async function rejudgeMovedDates(deps: AppDeps, projectId: string, versionId: string): Promise<number> {
  const history = await readVersionHistory(deps, projectId);
  const newest = (id: string) => history?.versions[id]?.records.at(-1);
  const moved = newest(versionId);
  if (!history || !moved) return 0;
  const live = new Map([[versionId, moved.releaseDate ?? undefined]]);
  const unreleased = Object.keys(history.versions).filter((id) => newest(id)?.released === false);
  const summaries = [...(await readSummaries(deps.store, unreleased)).values()].filter((s) => datesDiffer(s, live));
  for (const summary of summaries) await refreshReleaseSummary(deps, projectId, summary.versionId, live, Date.parse(moved.observedAt));
  return summaries.length;
}

/** Daily (and after a policy change): one job per unreleased version of the project. */
export async function reconcileProjectReadiness(deps: AppDeps, projectId: string, projectKey: string): Promise<{ releases: number }> {
  const all = await deps.jiraAsApp().listVersions(projectKey);
  const versions = all.filter(tracked);
  for (let i = 0; i < versions.length; i += 50) {
    await deps.queue.push(versions.slice(i, i + 50).map((v) => job('reconcile-release-readiness', { projectId, versionId: String(v.id) })));
  }
  // The day's trend point from the roll-ups as events kept them (today's rebuilds follow). A trend
  // that cannot be written must not cost the repairs above, so it is logged, not thrown.
  try {
    const loaded = await loadPolicy(deps.store, projectId, deps.log);
    await recordReadinessTrend(deps, projectId, versions, await readinessOf(deps, projectId, all, versions, loaded.policy, async () => undefined, 0));
  } catch (error) {
    deps.log.error('readiness trend not recorded', { projectId, error: String(error) });
  }
  return { releases: versions.length };
}

/** A complete read of every release at least this often; incremental repairs in between. */
const FULL_READ_EVERY_MS = 7 * 24 * 3600_000;
/** Incremental repairs look this much further back than the last one (index lag, late events). */
const REPAIR_MARGIN_MS = 3600_000;

/**
 * Repairs one release's roll-up from Jira; idempotent (a repeat finds nothing to change). A
 * complete read (every issue, about one Jira point per issue) happens when the roll-up is new, was
 * read for another policy, is a week old, or its issue count no longer matches Jira's; otherwise
 * only the issues updated since the last repair are read (one count, plus one point per change).
 */
export async function reconcileReleaseReadiness(deps: AppDeps, projectId: string, versionId: string): Promise<{ issues: number; mode: 'complete' | 'incremental' }> {
  const startedAt = deps.clock.now().getTime();
  const [loaded, shards] = await Promise.all([loadPolicy(deps.store, projectId, deps.log), readReleaseShards(deps.store, versionId)]);
  const jira = deps.jiraAsApp();
  const builtAt = builtAtOf(shards);
  const fullAt = shards.every((s) => s.fullAt) ? shards.map((s) => s.fullAt as string).sort()[0] : undefined;
  let complete = !builtAt || !fullAt || startedAt - Date.parse(fullAt) > FULL_READ_EVERY_MS || shards.some((s) => s.policyRev !== loaded.revision);
  if (!complete) {
    const stored = shards.reduce((n, s) => n + Object.keys(s.issues).length, 0);
    complete = (await jira.approximateCount(`fixVersion = ${versionId}`)) !== stored;
  }
  const options = complete ? {} : { updatedWithinMinutes: (startedAt - Date.parse(builtAt as string) + REPAIR_MARGIN_MS) / 60_000 };
  const facts = await readReleaseFacts(jira, versionId, loaded.policy, startedAt, options);
  const { issues } = await rebuildRelease(deps, projectId, versionId, facts, startedAt, { complete, policyRev: loaded.revision });
  return { issues, mode: complete ? 'complete' : 'incremental' };
}
