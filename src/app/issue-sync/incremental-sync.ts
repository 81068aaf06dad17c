/**
 * Events mark, searches read: the issues events marked, read in one bulk fetch for the whole site
 * (or, for a project with too many marks, one incremental search `project = P AND updated >= -Nm`),
 * with the fields readiness and the KPI facts both read and changelogs expanded, feed the release
 * roll-ups and the KPI facts. It runs from a five-minute scheduled
 * trigger, so readiness and KPI facts follow Jira within one run interval of the event reaching
 * the app (product events can themselves be ~3 minutes late): about 5 minutes, 10 at worst.
 *
 * Nothing is lost: the window starts SYNC_OVERLAP_MINUTES before the watermark (Jira's index
 * lag), issues already read at their `updated` inside the overlap are skipped (id + updated), a
 * search that stops early or fails leaves the project marked and the watermark where it was, and
 * every write is an idempotent upsert that keeps the fresher facts, so duplicate or concurrent
 * runs change nothing more.
 */
import type { ReadinessPolicy } from '../../domain/readiness/policy';
import { UpstreamError } from '../../errors';
import { QuotaExhaustedError, RateLimitedError } from '../../integrations/http/product-client';
import type { JiraClient } from '../../integrations/jira/jira-client';
import type { JiraIssue } from '../../integrations/jira/types';
import { keys } from '../../store/keys';
import { updateVersioned } from '../../store/versioned-update';
import type { AppDeps } from '../deps';
import { job } from '../jobs-catalog';
import { FACT_FIELDS, type SearchIssue, factsOfIssues, readSyncDoc, recordSearchedFacts } from '../kpi-sync';
import { BLOCKER_FIELDS, blockerKeysOf, factFields, toIssueFacts } from '../readiness/facts';
import { loadPolicy } from '../readiness/policy';
import { applyIssueFacts, dependentKeysOf } from '../readiness/rollup-store';
import { type DirtyMark, claimDirtyProjects, clearDirtyMark } from './dirty-marks';

/**
 * The window starts this long before the watermark: Jira's search index can lag behind writes
 * (seconds, as a rule). Every issue in the overlap is paid again by the next search, so it is kept
 * short; the daily repairs read a day's changes with wider margins anyway.
 */
export const SYNC_OVERLAP_MINUTES = 2;
/** At most this many issues per project and run; the rest is read by the next run. */
export const SYNC_MAX_ISSUES = 1000;
const PAGE_SIZE = 100;
const KEY_BATCH = 100;

export interface IssueSyncState {
  /** Every change before this instant has been read. */
  watermark: string;
  /** Issues read with `updated` inside the overlap of the next window: id → updated (ms). */
  recent: Record<string, number>;
}

export interface ProjectSyncOutcome {
  projectId: string;
  searched: number;
  applied: number;
  dependentsRead: number;
  dependentsQueued: number;
  kpiFactsChanged: number;
  complete: boolean;
}

export interface IssueSyncOutcome {
  projects: ProjectSyncOutcome[];
  failed: Array<{ projectId: string; error: string }>;
  stoppedBy?: string;
}

const updatedOf = (issue: JiraIssue) => Date.parse(String(issue.fields.updated ?? ''));
const inAnyUnreleasedVersion = (issue: JiraIssue) => (issue.fields.fixVersions ?? []).some((v) => v.released !== true);
const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;

/** The window's JQL: relative minutes are read on Jira's clock, so no time zone can shift them. */
export function incrementalJql(projectId: string, windowStart: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((now.getTime() - windowStart.getTime()) / 60_000));
  return `project = ${projectId} AND updated >= "-${minutes}m" ORDER BY updated ASC`;
}

/**
 * The five-minute run: claims the marked projects; the issues the events named, in every project,
 * are read in one bulk fetch (100 a request), projects marked without ids (too many issues, or no
 * id known) by their window search. A quota stop ends the run.
 */
export async function runIssueSync(deps: AppDeps): Promise<IssueSyncOutcome> {
  const startedAt = deps.clock.now();
  const marks = await claimDirtyProjects(deps, startedAt);
  const outcome: IssueSyncOutcome = { projects: [], failed: [] };
  const fail = (projectIds: string[], error: unknown) => {
    // The marks stay and the watermarks did not move: the next run reads the same changes.
    for (const projectId of projectIds) outcome.failed.push({ projectId, error: String(error) });
    deps.log.warn('incremental issue read failed', { projectIds, error: String(error) });
    if (error instanceof QuotaExhaustedError || error instanceof RateLimitedError) outcome.stoppedBy = error.code;
  };
  const byIds = Object.entries(marks).filter(([, mark]) => mark.issues);
  if (byIds.length) {
    try {
      const read = await readMarkedIssues(deps, byIds, startedAt);
      for (const [projectId, result] of read) {
        outcome.projects.push(result);
        if (result.complete) await clearDirtyMark(deps, projectId, startedAt.toISOString());
      }
    } catch (error) {
      fail(
        byIds.map(([projectId]) => projectId),
        error,
      );
    }
  }
  for (const [projectId, mark] of Object.entries(marks).filter(([, m]) => !m.issues)) {
    if (outcome.stoppedBy) break;
    try {
      const result = await syncProjectIssues(deps, projectId, new Date(mark.since), startedAt);
      outcome.projects.push(result);
      if (result.complete) await clearDirtyMark(deps, projectId, startedAt.toISOString());
    } catch (error) {
      fail([projectId], error);
    }
  }
  return outcome;
}

interface ProjectSyncContext {
  projectId: string;
  state: IssueSyncState | undefined;
  policy: ReadinessPolicy;
  /** The policy with its revision, for the release summaries the roll-up writes move. */
  loadedPolicy: Awaited<ReturnType<typeof loadPolicy>>;
  kpiDoc: Awaited<ReturnType<typeof readSyncDoc>>;
  /** Every change before this instant had been read. */
  from: Date;
  fields: string[];
}

async function loadSyncContext(deps: AppDeps, projectId: string, markedSince: Date): Promise<ProjectSyncContext> {
  const [stored, loaded, kpiDoc] = await Promise.all([deps.store.getVersioned<IssueSyncState>(keys.issueSyncState(projectId)), loadPolicy(deps.store, projectId, deps.log), readSyncDoc(deps, projectId)]);
  const state = stored?.value;
  // A project's first window also reaches back to the KPI delta's watermark once its backfill is
  // done, so from then on both move together and the daily delta finds nothing left to read.
  const kpiWatermark = kpiDoc && kpiDoc.chunks.every((c) => c.state === 'done') ? Date.parse(kpiDoc.watermark) : Number.POSITIVE_INFINITY;
  const from = state ? new Date(state.watermark) : new Date(Math.min(markedSince.getTime(), kpiWatermark));
  const fields = [...new Set([...factFields(loaded.policy), ...(kpiDoc ? FACT_FIELDS : [])])];
  return { projectId, state, policy: loaded.policy, loadedPolicy: loaded, kpiDoc, from, fields };
}

/**
 * Reads just the marked issues of every id-marked project, in one bulk fetch with the fields all
 * of them need (changelogs when any keeps KPI facts), and applies each project's share. Every
 * change an event told of before the run started is read, so each project's watermark moves to
 * the run's start: from there on a change is read only when its event marks it (an issue whose
 * event Jira never delivers is read again at its next marked change; readiness also by the daily
 * repair's counts).
 */
async function readMarkedIssues(deps: AppDeps, marked: Array<[string, DirtyMark]>, startedAt: Date): Promise<Map<string, ProjectSyncOutcome>> {
  const jira = deps.jiraAsApp();
  const contexts = await Promise.all(marked.map(([projectId, mark]) => loadSyncContext(deps, projectId, new Date(mark.since))));
  const ids = [...new Set(marked.flatMap(([, mark]) => mark.issues ?? []))];
  const fields = [...new Set(contexts.flatMap((c) => c.fields))];
  const issues = await jira.bulkFetchIssues(ids, fields, contexts.some((c) => c.kpiDoc) ? { expand: 'changelog' } : {});
  const results = new Map<string, ProjectSyncOutcome>();
  for (const context of contexts) {
    const own = issues.filter((issue) => String((issue.fields.project as { id?: unknown } | undefined)?.id) === context.projectId);
    const windowStart = new Date(context.from.getTime() - SYNC_OVERLAP_MINUTES * 60_000);
    results.set(context.projectId, await applySearched(deps, jira, context, own, own, windowStart, startedAt, true));
  }
  return results;
}

/** Reads one project's window and applies it to the roll-ups and the KPI facts. */
export async function syncProjectIssues(deps: AppDeps, projectId: string, markedSince: Date, startedAt: Date): Promise<ProjectSyncOutcome> {
  const jira = deps.jiraAsApp();
  const context = await loadSyncContext(deps, projectId, markedSince);
  const { state, kpiDoc, fields } = context;
  const windowStart = new Date(context.from.getTime() - SYNC_OVERLAP_MINUTES * 60_000);

  const searched: JiraIssue[] = [];
  let nextPageToken: string | undefined;
  let complete = true;
  do {
    const page = await jira.searchPage(incrementalJql(projectId, windowStart, startedAt), fields, { maxResults: PAGE_SIZE, ...(kpiDoc ? { expand: 'changelog' } : {}), ...(nextPageToken ? { nextPageToken } : {}) });
    searched.push(...page.issues);
    nextPageToken = page.isLast === false || (page.isLast === undefined && page.nextPageToken) ? page.nextPageToken : undefined;
    if (nextPageToken && searched.length >= SYNC_MAX_ISSUES) complete = false;
  } while (nextPageToken && complete);
  // Read up to here: everything when the search ended, else up to the last issue's minute
  // (ascending order; the overlap reads that minute again).
  const last = searched.length ? updatedOf(searched[searched.length - 1] as JiraIssue) : NaN;
  const upTo = complete || !Number.isFinite(last) ? startedAt : new Date(Math.floor(last / 60_000) * 60_000);
  const fresh = searched.filter((issue) => state?.recent[String(issue.id)] !== updatedOf(issue));
  return applySearched(deps, jira, context, searched, fresh, windowStart, upTo, complete);
}

/** Applies read issues to the roll-ups and the KPI facts and moves the project's watermark to `upTo`. */
async function applySearched(
  deps: AppDeps,
  jira: JiraClient,
  context: ProjectSyncContext,
  searched: JiraIssue[],
  fresh: JiraIssue[],
  windowStart: Date,
  upTo: Date,
  complete: boolean,
): Promise<ProjectSyncOutcome> {
  const { projectId, policy, kpiDoc } = context;
  const inHand = { projectId, loaded: context.loadedPolicy };
  // Release readiness: the same facts and rules as a per-issue read, applied issue by issue.
  const observed = deps.clock.now().getTime();
  const byKey = new Map(searched.map((issue) => [issue.key, issue]));
  await fetchOutsideBlockers(jira, fresh.filter(inAnyUnreleasedVersion), byKey);
  let applied = 0;
  const dependents = new Set<string>();
  for (const issue of fresh) {
    const read = toIssueFacts(issue, policy, byKey, observed);
    const result = await applyIssueFacts(deps, read, { policy: inHand });
    if (result.applied) applied++;
    if (result.dependentsChanged) for (const key of dependentKeysOf(read)) if (!byKey.has(key)) dependents.add(key);
  }
  const projectKey = (fresh[0]?.fields.project as { key?: string } | undefined)?.key;
  const { read: dependentsRead, queued: dependentsQueued } = await refreshDependents(deps, jira, [...dependents], projectKey, policy);

  // KPI facts, from the same issues (changelogs expanded); the delta watermark moves with ours.
  let kpiFactsChanged = 0;
  if (kpiDoc) {
    const facts = await factsOfIssues(jira, fresh as unknown as SearchIssue[], kpiDoc.statusCategories);
    kpiFactsChanged = (await recordSearchedFacts(deps, projectId, facts, windowStart, upTo)).changed;
  }

  await updateVersioned<IssueSyncState | undefined>(deps.store, keys.issueSyncState(projectId), () => undefined, (current) => {
    const watermark = new Date(Math.max(upTo.getTime(), current ? Date.parse(current.watermark) : 0));
    const edge = watermark.getTime() - SYNC_OVERLAP_MINUTES * 60_000;
    const recent: Record<string, number> = {};
    for (const [id, updated] of Object.entries(current?.recent ?? {})) if (updated >= edge) recent[id] = updated;
    for (const issue of searched) if (updatedOf(issue) >= edge) recent[String(issue.id)] = Math.max(recent[String(issue.id)] ?? 0, updatedOf(issue));
    return { watermark: watermark.toISOString(), recent };
  });
  return { projectId, searched: searched.length, applied, dependentsRead, dependentsQueued, kpiFactsChanged, complete };
}

/** Blockers outside the searched issues, with the fields readiness reads of them (bulk, 100 a request). */
async function fetchOutsideBlockers(jira: JiraClient, issues: JiraIssue[], byKey: Map<string, JiraIssue>): Promise<void> {
  const outside = [...new Set(issues.flatMap(blockerKeysOf))].filter((key) => !byKey.has(key));
  if (outside.length) for (const blocker of await jira.bulkFetchIssues(outside, BLOCKER_FIELDS)) byKey.set(blocker.key, blocker);
}

/**
 * Re-reads the issues whose readiness depends on changed ones (parents, linked issues): those of
 * the project in a few searches of up to 100 keys, others (another project's policy applies)
 * through the queue, as a per-issue re-read would.
 */
async function refreshDependents(
  deps: AppDeps,
  jira: JiraClient,
  dependentKeys: string[],
  projectKey: string | undefined,
  policy: ReadinessPolicy,
): Promise<{ read: number; queued: number }> {
  const own = projectKey ? dependentKeys.filter((key) => key.startsWith(`${projectKey}-`) && ISSUE_KEY.test(key)) : [];
  const elsewhere = dependentKeys.filter((key) => !own.includes(key));
  let read = 0;
  for (let i = 0; i < own.length; i += KEY_BATCH) {
    const batch = own.slice(i, i + KEY_BATCH);
    let issues: JiraIssue[];
    try {
      issues = await jira.searchAll(`issuekey in (${batch.join(', ')}) ORDER BY key`, factFields(policy), { pageSize: KEY_BATCH });
    } catch (error) {
      // A key that no longer exists fails the whole JQL: read those one by one instead.
      if (!(error instanceof UpstreamError && error.status === 400)) throw error;
      elsewhere.push(...batch);
      continue;
    }
    const byKey = new Map(issues.map((issue) => [issue.key, issue]));
    await fetchOutsideBlockers(jira, issues.filter(inAnyUnreleasedVersion), byKey);
    const observed = deps.clock.now().getTime();
    for (const issue of issues) {
      const facts = toIssueFacts(issue, policy, byKey, observed);
      if ((await applyIssueFacts(deps, facts, {})).applied) read++;
    }
  }
  if (elsewhere.length) await deps.queue.push(elsewhere.map((issue) => job('refresh-issue-readiness', { issue })));
  return { read, queued: elsewhere.length };
}
