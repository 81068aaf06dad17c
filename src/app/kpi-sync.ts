/**
 * Incremental sync of the issue facts KPIs need (src/domain/kpis/facts.ts).
 *
 * - Backfill: one queue job per chunk, a chunk being the issues created in one UTC month
 *   (`project = KEY AND created >= "…" AND created < "…"`), plus one chunk for older issues that
 *   still changed after the horizon. At most LANES chunks run at once; each finished chunk starts
 *   the next, so the work stays within Jira's burst limits and every run is short.
 * - Deltas: `project = KEY AND updated >= "-Nm" ORDER BY updated ASC`, N covering the time since the
 *   watermark plus an overlap. A relative date is read on Jira's clock, so no time zone of the app
 *   user can shift it. A large delta stops at DELTA_MAX_ISSUES, moves the watermark to the last
 *   issue it stored and continues in a new job.
 * - Changelogs: the search expands them (no per-issue points: the issue is paid once, by the
 *   search); only issues with more histories than the expansion holds are read through
 *   `/changelog/bulkfetch` for status, fixVersions and resolution.
 * - Resumable without cursors: the state (chunks done/pending, watermark) is a versioned document;
 *   an exhausted quota stops the job and re-enqueues it after the block (at most 900 s at a time),
 *   and the daily run re-enqueues chunks whose job vanished (a time-out).
 */
import type { KpiSyncState, KpiSyncStatus } from '../contract-kpis';
import { type FactDictionaries, type IssueFact, type JiraIssueForFacts, type StatusCategory, issueFactFromJira } from '../domain/kpis/facts';
import { AppError } from '../errors';
import { QuotaExhaustedError, RateLimitedError } from '../integrations/http/product-client';
import type { JiraClient } from '../integrations/jira/jira-client';
import type { IssueChangelogs } from '../integrations/jira/types';
import { keys } from '../store/keys';
import { updateVersioned } from '../store/versioned-update';
import type { AppDeps } from './deps';
import { job } from './jobs-catalog';
import { deleteFacts, writeFacts } from './kpi-fact-store';
import { observationOf, recordVersionObservations } from './version-tracking';

/** Only what the definitions read. */
export const FACT_FIELDS = ['issuetype', 'created', 'updated', 'status', 'resolution', 'resolutiondate', 'fixVersions', 'versions'] as const;
export const CHANGELOG_FIELD_IDS = ['status', 'fixVersions', 'resolution'] as const;
/** Issues created this long before the first sync are synced only if they changed since. */
export const HORIZON_DAYS = 450;
/** Backfill chunks running at once. */
export const LANES = 4;
export const DELTA_OVERLAP_MINUTES = 10;
export const DELTA_MAX_ISSUES = 5000;
/** A queued or running chunk not finished after this long lost its job (a time-out): queue it again. */
export const STALE_CHUNK_MS = 20 * 60_000;
/** Forge delays a queued event by at most 900 s. */
export const MAX_QUEUE_DELAY_S = 900;
const PAGE_SIZE = 100;

export interface SyncChunk {
  id: string;
  /** yyyy-MM-dd bounds on `created`; `older` chunks have `to` only (and `updated >= to`). */
  from?: string;
  to?: string;
  older?: true;
  state: 'pending' | 'queued' | 'running' | 'done';
  issues?: number;
  queuedAt?: string;
  startedAt?: string;
  doneAt?: string;
  error?: string;
}

export interface KpiSyncDoc {
  v: 1;
  projectId: string;
  projectKey: string;
  horizon: string;
  plannedAt: string;
  chunks: SyncChunk[];
  /** Every change before this instant is stored. */
  watermark: string;
  months: string[];
  dictionaries: FactDictionaries;
  statusCategories: Record<string, StatusCategory>;
  state: KpiSyncState;
  retryAt?: string;
  error?: string;
  lastRunAt?: string;
  /** Issues written by backfill chunks and deltas (a progress figure; the report counts facts read). */
  issuesStored: number;
  lastDelta?: { at: string; issues: number; continued: boolean };
}

export interface ProjectRef {
  projectId: string;
  projectKey: string;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function monthStart(ms: number): Date {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

/** The chunks of a first sync: older issues still changing, then each month up to the current one. */
export function planChunks(now: Date, horizonDays = HORIZON_DAYS): { horizon: string; chunks: SyncChunk[] } {
  const horizonStart = monthStart(now.getTime() - horizonDays * 86_400_000);
  const chunks: SyncChunk[] = [{ id: 'older', to: day(horizonStart.getTime()), older: true, state: 'pending' }];
  const cursor = new Date(horizonStart);
  while (cursor.getTime() <= now.getTime()) {
    const from = day(cursor.getTime());
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
    const isLast = cursor.getTime() > now.getTime();
    chunks.push({ id: from.slice(0, 7), from, ...(isLast ? {} : { to: day(cursor.getTime()) }), state: 'pending' });
  }
  return { horizon: day(horizonStart.getTime()), chunks };
}

export function chunkJql(projectKey: string, chunk: SyncChunk): string {
  if (chunk.older) return `project = ${projectKey} AND created < "${chunk.to}" AND updated >= "${chunk.to}"`;
  return `project = ${projectKey} AND created >= "${chunk.from}"${chunk.to ? ` AND created < "${chunk.to}"` : ''}`;
}

export function deltaJql(projectKey: string, watermark: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((now.getTime() - watermark.getTime()) / 60_000)) + DELTA_OVERLAP_MINUTES;
  return `project = ${projectKey} AND updated >= "-${minutes}m" ORDER BY updated ASC`;
}

export function syncStatusOf(doc: KpiSyncDoc | undefined): KpiSyncStatus {
  if (!doc) return { state: 'never', chunksDone: 0, chunksTotal: 0, issuesStored: 0 };
  const status: KpiSyncStatus = {
    state: doc.state,
    chunksDone: doc.chunks.filter((c) => c.state === 'done').length,
    chunksTotal: doc.chunks.length,
    issuesStored: doc.issuesStored,
    horizon: doc.horizon,
  };
  if (doc.chunks.every((c) => c.state === 'done')) status.syncedUpTo = doc.watermark;
  if (doc.lastRunAt) status.lastRunAt = doc.lastRunAt;
  if (doc.retryAt) status.retryAt = doc.retryAt;
  if (doc.error) status.error = doc.error;
  return status;
}

export async function readSyncDoc(deps: Pick<AppDeps, 'store'>, projectId: string): Promise<KpiSyncDoc | undefined> {
  return (await deps.store.getVersioned<KpiSyncDoc>(keys.kpiSyncState(projectId)))?.value;
}

async function changeSyncDoc(deps: AppDeps, projectId: string, change: (doc: KpiSyncDoc) => KpiSyncDoc | undefined): Promise<KpiSyncDoc | undefined> {
  const { value } = await updateVersioned<KpiSyncDoc | undefined>(deps.store, keys.kpiSyncState(projectId), () => undefined, (doc) => (doc ? change(doc) : undefined));
  return value;
}

function mergeDictionaries(a: FactDictionaries, b: FactDictionaries): FactDictionaries {
  return { issueTypes: { ...a.issueTypes, ...b.issueTypes }, resolutions: { ...a.resolutions, ...b.resolutions } };
}

// ---------------------------------------------------------------------------------------------
// Reading issues from Jira

export type SearchIssue = JiraIssueForFacts & { changelog?: { total?: number; histories?: IssueChangelogs['changeHistories'] } };

interface Fetched {
  facts: IssueFact[];
  dictionaries: FactDictionaries;
  statusCategories: Record<string, StatusCategory>;
  /** The last issue's `updated` (ms), for a partial delta. */
  lastUpdated?: number;
  complete: boolean;
}

async function statusCatalogue(jira: JiraClient): Promise<Record<string, StatusCategory>> {
  const map: Record<string, StatusCategory> = {};
  for (const s of await jira.listStatuses()) {
    if (s.categoryKey === 'new' || s.categoryKey === 'indeterminate' || s.categoryKey === 'done') map[s.id] = s.categoryKey;
  }
  return map;
}

/** Pages of a search with fields and expanded changelogs, turned into facts. */
/** Enhanced search embeds at most this many histories per issue (newest first). */
export const EMBEDDED_CHANGELOG_LIMIT = 40;

/**
 * Whether an embedded changelog may lack older histories: missing, shorter than its `total`, or a
 * full page (the search does not always say `total`, and a page of exactly 40 may hide more).
 */
export function changelogPossiblyCut(changelog: { total?: number; histories?: unknown[] } | undefined): boolean {
  if (!changelog?.histories) return true;
  const shown = changelog.histories.length;
  return (changelog.total ?? 0) > shown || shown >= EMBEDDED_CHANGELOG_LIMIT;
}

/** Facts of one page of searched issues (fields FACT_FIELDS, changelogs expanded). */
export interface PageFacts {
  facts: IssueFact[];
  dictionaries: FactDictionaries;
  statusCategories: Record<string, StatusCategory>;
  /** The last issue's `updated` (ms). */
  lastUpdated?: number;
}

/**
 * Turns searched issues into facts. Issues whose changelog the expansion cut short (or left out)
 * are read in full through `/changelog/bulkfetch`, few fields only; an unknown status refreshes
 * the status catalogue once.
 */
export async function factsOfIssues(jira: JiraClient, issues: SearchIssue[], known: Record<string, StatusCategory>): Promise<PageFacts> {
  const facts: IssueFact[] = [];
  const dictionaries: FactDictionaries = { issueTypes: {}, resolutions: {} };
  let statusCategories = known;
  let refreshed = false;
  let lastUpdated: number | undefined;
  const truncated = issues.filter((i) => changelogPossiblyCut(i.changelog)).map((i) => String(i.id));
  const full = new Map<string, IssueChangelogs['changeHistories']>();
  if (truncated.length) for (const entry of await jira.bulkFetchChangelogs(truncated, [...CHANGELOG_FIELD_IDS])) full.set(String(entry.issueId), entry.changeHistories);
  for (const issue of issues) {
    const histories = full.get(String(issue.id)) ?? issue.changelog?.histories ?? [];
    const unknownStatus = histories.some((h) => h.items.some((i) => (i.fieldId ?? i.field) === 'status' && i.to !== null && !(i.to in statusCategories)));
    if (unknownStatus && !refreshed) {
      statusCategories = { ...statusCategories, ...(await statusCatalogue(jira)) };
      refreshed = true;
    }
    facts.push(issueFactFromJira(issue, histories, (id) => statusCategories[id]));
    const type = issue.fields.issuetype;
    if (type?.id) dictionaries.issueTypes[String(type.id)] = { name: type.name ?? '', subtask: type.subtask === true };
    const resolution = issue.fields.resolution;
    if (resolution?.id) dictionaries.resolutions[String(resolution.id)] = resolution.name ?? '';
    const updated = issue.fields.updated ? Date.parse(issue.fields.updated) : NaN;
    if (!Number.isNaN(updated)) lastUpdated = updated;
  }
  return { facts, dictionaries, statusCategories, ...(lastUpdated !== undefined ? { lastUpdated } : {}) };
}

async function fetchFacts(jira: JiraClient, jql: string, known: Record<string, StatusCategory>, maxIssues = Number.POSITIVE_INFINITY): Promise<Fetched> {
  const facts: IssueFact[] = [];
  let dictionaries: FactDictionaries = { issueTypes: {}, resolutions: {} };
  let statusCategories = known;
  let nextPageToken: string | undefined;
  let lastUpdated: number | undefined;
  let complete = true;
  do {
    const page = await jira.searchPage(jql, [...FACT_FIELDS], { maxResults: PAGE_SIZE, expand: 'changelog', ...(nextPageToken ? { nextPageToken } : {}) });
    const read = await factsOfIssues(jira, page.issues as unknown as SearchIssue[], statusCategories);
    facts.push(...read.facts);
    dictionaries = mergeDictionaries(dictionaries, read.dictionaries);
    statusCategories = read.statusCategories;
    if (read.lastUpdated !== undefined) lastUpdated = read.lastUpdated;
    nextPageToken = page.isLast === false || (page.isLast === undefined && page.nextPageToken) ? page.nextPageToken : undefined;
    if (nextPageToken && facts.length >= maxIssues) {
      complete = false;
      break;
    }
  } while (nextPageToken);
  return { facts, dictionaries, statusCategories, ...(lastUpdated !== undefined ? { lastUpdated } : {}), complete };
}

/**
 * Stores facts read by the shared incremental issue search (src/app/issue-sync/). They are
 * upserted like a delta's; the delta watermark moves on only when the backfill is done and the
 * search covered everything since it (`coveredFrom` at or before it), so nothing is skipped.
 */
export async function recordSearchedFacts(deps: AppDeps, projectId: string, read: PageFacts, coveredFrom: Date, upTo: Date): Promise<{ changed: number; watermarkMoved: boolean }> {
  const written = await writeFacts(deps.store, projectId, read.facts);
  let moved = false;
  await changeSyncDoc(deps, projectId, (current) => {
    const backfilled = current.chunks.every((c) => c.state === 'done');
    const covers = backfilled && coveredFrom.getTime() <= Date.parse(current.watermark) && upTo.getTime() > Date.parse(current.watermark);
    if (!written.changed && !covers) return undefined;
    moved = covers;
    return {
      ...current,
      ...(covers ? { watermark: upTo.toISOString() } : {}),
      months: [...new Set([...current.months, ...written.months])].sort(),
      dictionaries: mergeDictionaries(current.dictionaries, read.dictionaries),
      statusCategories: { ...current.statusCategories, ...read.statusCategories },
      issuesStored: current.issuesStored + written.changed,
    };
  });
  return { changed: written.changed, watermarkMoved: moved };
}

async function recordVersions(deps: AppDeps, jira: JiraClient, project: ProjectRef): Promise<void> {
  const versions = await jira.listVersions(project.projectKey);
  const observedAt = deps.clock.now().toISOString();
  await recordVersionObservations(deps, project.projectId, versions.map((v) => observationOf(v, observedAt, 'reconciliation')));
}

// ---------------------------------------------------------------------------------------------
// Jobs

export type SyncOutcome = Record<string, unknown>;

/**
 * Stops on an exhausted quota or a burst limit: records it and enqueues the same job for when
 * Jira takes calls again. Anything else is recorded and thrown (the queue delivers again), except
 * errors a retry cannot fix.
 */
async function guarded(deps: AppDeps, project: ProjectRef, retryJob: Parameters<AppDeps['queue']['push']>[0][number], work: () => Promise<SyncOutcome>): Promise<SyncOutcome> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof QuotaExhaustedError || error instanceof RateLimitedError) {
      const now = deps.clock.now();
      const retryAt = error.retryAt ?? new Date(now.getTime() + 60_000);
      const delaySeconds = Math.min(MAX_QUEUE_DELAY_S, Math.max(error instanceof QuotaExhaustedError ? 60 : 5, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)));
      await changeSyncDoc(deps, project.projectId, (doc) => ({
        ...doc,
        state: error instanceof QuotaExhaustedError ? 'waiting-quota' : 'rate-limited',
        retryAt: retryAt.toISOString(),
        chunks: doc.chunks.map((c) => {
          if (!(c.state === 'running' && retryJob.type === 'kpi-sync-chunk' && c.id === retryJob.body.chunkId)) return c;
          const requeued: SyncChunk = { ...c, state: 'queued', queuedAt: now.toISOString() };
          delete requeued.startedAt;
          return requeued;
        }),
      }));
      await deps.queue.push([retryJob], { delaySeconds });
      deps.log.warn('kpi sync paused', { project: project.projectKey, reason: error.code, retryAt: retryAt.toISOString(), delaySeconds });
      return { paused: error.code, retryAt: retryAt.toISOString(), delaySeconds };
    }
    const message = error instanceof AppError ? [error.message, ...(error.details ?? [])].join(' ') : String(error);
    await changeSyncDoc(deps, project.projectId, (doc) => ({ ...doc, state: 'error', error: message })).catch(() => undefined);
    deps.log.error('kpi sync failed', { project: project.projectKey, error: message });
    const permanent = error instanceof AppError && ['NOT_FOUND', 'FORBIDDEN', 'VALIDATION', 'STORE_LIMIT'].includes(error.code);
    if (permanent) return { failed: message };
    throw error;
  }
}

/** Claims up to `count` pending (or lost) chunks for new jobs. */
function claimChunks(doc: KpiSyncDoc, now: Date, count: number): { doc: KpiSyncDoc; claimed: string[] } {
  const claimed: string[] = [];
  const stale = (c: SyncChunk) => (c.state === 'queued' || c.state === 'running') && now.getTime() - Date.parse(c.startedAt ?? c.queuedAt ?? doc.plannedAt) > STALE_CHUNK_MS;
  const active = doc.chunks.filter((c) => (c.state === 'queued' || c.state === 'running') && !stale(c)).length;
  let free = Math.max(0, count - active);
  const chunks = doc.chunks.map((c) => {
    if (free > 0 && (c.state === 'pending' || stale(c))) {
      free--;
      claimed.push(c.id);
      return { ...c, state: 'queued' as const, queuedAt: now.toISOString() };
    }
    return c;
  });
  return { doc: { ...doc, chunks }, claimed };
}

async function queueChunks(deps: AppDeps, project: ProjectRef, chunkIds: string[]): Promise<void> {
  for (let i = 0; i < chunkIds.length; i += 50) {
    await deps.queue.push(chunkIds.slice(i, i + 50).map((chunkId) => job('kpi-sync-chunk', { ...project, chunkId })));
  }
}

/**
 * The per-project sync job (daily run, "Sync now", a finished backfill, a continued delta):
 * plans the backfill, keeps its lanes busy, or runs a delta once the backfill is done.
 */
export async function runKpiSync(deps: AppDeps, project: ProjectRef): Promise<SyncOutcome> {
  return guarded(deps, project, job('kpi-sync', project), async () => {
    const jira = deps.jiraAsApp();
    const now = deps.clock.now();
    let doc = await readSyncDoc(deps, project.projectId);
    if (!doc) {
      const statusCategories = await statusCatalogue(jira);
      await recordVersions(deps, jira, project);
      const plan = planChunks(now);
      const fresh: KpiSyncDoc = {
        v: 1,
        ...project,
        horizon: plan.horizon,
        plannedAt: now.toISOString(),
        chunks: plan.chunks,
        watermark: now.toISOString(),
        months: [],
        dictionaries: { issueTypes: {}, resolutions: {} },
        statusCategories,
        state: 'backfilling',
        issuesStored: 0,
        lastRunAt: now.toISOString(),
      };
      let claimed: string[] = [];
      const { written } = await updateVersioned<KpiSyncDoc | undefined>(deps.store, keys.kpiSyncState(project.projectId), () => undefined, (current) => {
        if (current) return undefined; // planned concurrently: keep that plan
        const result = claimChunks(fresh, now, LANES);
        claimed = result.claimed;
        return result.doc;
      });
      if (written) await queueChunks(deps, project, claimed);
      return { planned: written, chunks: plan.chunks.length, queued: claimed.length };
    }

    if (doc.chunks.some((c) => c.state !== 'done')) {
      let claimed: string[] = [];
      await changeSyncDoc(deps, project.projectId, (current) => {
        const result = claimChunks(current, now, LANES);
        claimed = result.claimed;
        return claimed.length || current.state !== 'backfilling' ? { ...result.doc, state: 'backfilling', lastRunAt: now.toISOString() } : undefined;
      });
      await queueChunks(deps, project, claimed);
      return { backfilling: true, requeued: claimed.length };
    }

    // Delta: everything updated since the watermark (with an overlap for Jira's index lag).
    await changeSyncDoc(deps, project.projectId, (current) => ({ ...current, state: 'syncing', lastRunAt: now.toISOString() }));
    await recordVersions(deps, jira, project);
    const fetched = await fetchFacts(jira, deltaJql(project.projectKey, new Date(doc.watermark), now), doc.statusCategories, DELTA_MAX_ISSUES);
    const written = await writeFacts(deps.store, project.projectId, fetched.facts);
    // A partial delta stored every issue updated before the last one it read (ascending order).
    const watermark = fetched.complete || fetched.lastUpdated === undefined ? now : new Date(Math.floor(fetched.lastUpdated / 60_000) * 60_000);
    doc = await changeSyncDoc(deps, project.projectId, (current) => {
      const next: KpiSyncDoc = {
        ...current,
        watermark: new Date(Math.max(Date.parse(current.watermark), watermark.getTime())).toISOString(),
        months: [...new Set([...current.months, ...written.months])].sort(),
        dictionaries: mergeDictionaries(current.dictionaries, fetched.dictionaries),
        statusCategories: fetched.statusCategories,
        state: 'idle',
        issuesStored: current.issuesStored + written.changed,
        lastDelta: { at: now.toISOString(), issues: fetched.facts.length, continued: !fetched.complete },
      };
      delete next.retryAt;
      delete next.error;
      return next;
    });
    if (!fetched.complete) await deps.queue.push([job('kpi-sync', project)]);
    return { delta: fetched.facts.length, changed: written.changed, continued: !fetched.complete };
  });
}

/** One backfill chunk; idempotent (a finished chunk is skipped, facts are upserted). */
export async function runKpiSyncChunk(deps: AppDeps, project: ProjectRef, chunkId: string): Promise<SyncOutcome> {
  return guarded(deps, project, job('kpi-sync-chunk', { ...project, chunkId }), async () => {
    const now = deps.clock.now();
    const doc = await readSyncDoc(deps, project.projectId);
    const chunk = doc?.chunks.find((c) => c.id === chunkId);
    if (!doc || !chunk || chunk.state === 'done') return { skipped: true, chunkId };
    await changeSyncDoc(deps, project.projectId, (current) => ({
      ...current,
      state: 'backfilling',
      chunks: current.chunks.map((c) => (c.id === chunkId && c.state !== 'done' ? { ...c, state: 'running', startedAt: now.toISOString() } : c)),
    }));
    const fetched = await fetchFacts(deps.jiraAsApp(), chunkJql(project.projectKey, chunk), doc.statusCategories);
    const written = await writeFacts(deps.store, project.projectId, fetched.facts);
    let claimed: string[] = [];
    let finished = false;
    await changeSyncDoc(deps, project.projectId, (current) => {
      const chunks = current.chunks.map((c) => (c.id === chunkId ? { id: c.id, ...(c.from ? { from: c.from } : {}), ...(c.to ? { to: c.to } : {}), ...(c.older ? { older: c.older } : {}), state: 'done' as const, issues: fetched.facts.length, doneAt: deps.clock.now().toISOString() } : c));
      const result = claimChunks({ ...current, chunks }, deps.clock.now(), LANES);
      claimed = result.claimed;
      finished = result.doc.chunks.every((c) => c.state === 'done');
      const next: KpiSyncDoc = {
        ...result.doc,
        months: [...new Set([...current.months, ...written.months])].sort(),
        dictionaries: mergeDictionaries(current.dictionaries, fetched.dictionaries),
        statusCategories: { ...current.statusCategories, ...fetched.statusCategories },
        issuesStored: current.issuesStored + written.changed,
        state: finished ? 'syncing' : 'backfilling',
        lastRunAt: deps.clock.now().toISOString(),
      };
      delete next.retryAt;
      delete next.error;
      return next;
    });
    await queueChunks(deps, project, claimed);
    // The backfill is complete: a delta catches up with what changed while it ran.
    if (finished) await deps.queue.push([job('kpi-sync', project)]);
    return { chunkId, issues: fetched.facts.length, changed: written.changed, next: claimed };
  });
}

/** "Sync now" (and "sync from scratch"): queues the project's sync job. */
export async function requestKpiSync(deps: AppDeps, project: ProjectRef, full: boolean): Promise<KpiSyncStatus> {
  if (full) {
    const doc = await readSyncDoc(deps, project.projectId);
    if (doc) {
      await deleteFacts(deps.store, project.projectId, doc.months);
      const current = await deps.store.getVersioned<KpiSyncDoc>(keys.kpiSyncState(project.projectId));
      if (current) await deps.store.transact([{ kind: 'delete', key: keys.kpiSyncState(project.projectId), expectRev: current.rev }]);
    }
  }
  await deps.queue.push([job('kpi-sync', project)]);
  return syncStatusOf(await readSyncDoc(deps, project.projectId));
}
