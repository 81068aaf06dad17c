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
 * - Bulk imports: a month Jira counts above CHUNK_MAX_ISSUES (`approximate-count`, before any page
 *   is read) is replaced by its days, a day by its hours (src/domain/kpis/backfill-windows.ts).
 * - Resumable: the state (chunks done/pending, each running chunk's Jira page token and issues read,
 *   watermark) is a versioned document; a chunk stores its facts with the next page's token, so an
 *   exhausted quota, a 429, a spent points budget (src/app/kpi-backfill-pacing.ts) or a time-out
 *   re-enqueues it to resume at that page (at most 900 s of queue delay at a time).
 * - Leases: a chunk's job holds it until `leaseUntil` (from the Clock), renewed after every page it
 *   reads. A chunk whose lease ran out lost its worker (a crash, a time-out, a lost job): the next
 *   sync job ("Sync now", the daily run) claims it again, and the status says it stalled instead of
 *   showing "backfilling" for ever. A duplicate delivery finds the lease held and does nothing.
 * - Generations: a full re-sync ("sync from scratch") builds generation n+1 of the facts beside
 *   generation n; readers keep reading `live` (generation n) until the last chunk is done, when one
 *   write of the sync document switches them over. Retired generations are deleted later
 *   (idempotently) by the next sync job after RETIRED_GRACE_MS (the daily run at the latest), once
 *   no reader can still be reading them.
 */
import type { KpiSyncState, KpiSyncStatus } from '../contract-kpis';
import { type FactDictionaries, type IssueFact, type JiraIssueForFacts, type StatusCategory, issueFactFromJira } from '../domain/kpis/facts';
import { type CreatedWindow, type WindowSpan, splitWindow } from '../domain/kpis/backfill-windows';
import { AppError, UpstreamError } from '../errors';
import { QuotaExhaustedError, RateLimitedError } from '../integrations/http/product-client';
import type { JiraClient } from '../integrations/jira/jira-client';
import type { IssueChangelogs } from '../integrations/jira/types';
import { keys } from '../store/keys';
import { updateVersioned } from '../store/versioned-update';
import type { AppDeps } from './deps';
import { job } from './jobs-catalog';
import { reservePoints, settlePoints } from './kpi-backfill-pacing';
import { readSettings } from './kpi-data';
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
/** A queued or running chunk without a lease (stored before leases) not finished after this long lost its job. */
export const STALE_CHUNK_MS = 20 * 60_000;
/** A running chunk's lease; renewed after every page, so only a dead worker lets it run out. */
export const CHUNK_LEASE_MS = 3 * 60_000;
/** How long a queued chunk's job may wait for delivery (beyond its delay) before it counts as lost. */
export const QUEUED_LEASE_MS = 5 * 60_000;
/** A retired generation is deleted only this long after the switch: a report that read the sync document before it finishes first. */
export const RETIRED_GRACE_MS = 5 * 60_000;
/** Forge delays a queued event by at most 900 s. */
export const MAX_QUEUE_DELAY_S = 900;
const PAGE_SIZE = 100;

export interface SyncChunk {
  id: string;
  /** yyyy-MM-dd (yyyy-MM-dd HH:mm for an hour) bounds on `created`; `older` chunks have `to` only (and `updated >= to`). */
  from?: string;
  to?: string;
  older?: true;
  /** The window's size: a month (absent: planned before windows were split), or a day or hour of a bulk-import month. */
  span?: WindowSpan;
  state: 'pending' | 'queued' | 'running' | 'done';
  issues?: number;
  /** Where a started chunk's search has reached: Jira's token for the next page. */
  nextPageToken?: string;
  /** Issues the chunk has read so far (over pauses). */
  read?: number;
  queuedAt?: string;
  startedAt?: string;
  /** A queued or running chunk belongs to its job until then; after it, any sync job may claim it. */
  leaseUntil?: string;
  /** Jobs that started the chunk: the running one's number is its lease token. */
  attempts?: number;
  doneAt?: string;
  error?: string;
}

/** A complete generation of facts that readers use while a full re-sync builds the next one. */
export interface LiveFacts {
  generation: number;
  horizon: string;
  months: string[];
  dictionaries: FactDictionaries;
  watermark: string;
  issuesStored: number;
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
  /** The generation the chunks, deltas and `months` write (0: facts stored before generations). */
  generation?: number;
  /** While a delta runs: its worker holds the sync until then (renewed per page). */
  deltaLeaseUntil?: string;
  /** Set while a full re-sync builds `generation`: what readers read until it completes. */
  live?: LiveFacts;
  /** Generations a completed re-sync replaced, deleted once RETIRED_GRACE_MS passed. */
  retired?: Array<{ generation: number; months: string[]; at: string }>;
}

/** The facts readers use: the complete generation, never a re-sync half-built. */
export function readableFacts(doc: KpiSyncDoc): { generation: number; months: string[]; dictionaries: FactDictionaries; horizon: string } {
  if (doc.live) return { generation: doc.live.generation, months: doc.live.months, dictionaries: doc.live.dictionaries, horizon: doc.live.horizon };
  return { generation: doc.generation ?? 0, months: doc.months, dictionaries: doc.dictionaries, horizon: doc.horizon };
}

/** Whether a chunk's job is gone: its lease ran out (or, stored before leases, it is older than STALE_CHUNK_MS). */
export function chunkLost(chunk: SyncChunk, now: Date, plannedAt: string): boolean {
  if (chunk.state !== 'queued' && chunk.state !== 'running') return false;
  if (chunk.leaseUntil) return Date.parse(chunk.leaseUntil) <= now.getTime();
  return now.getTime() - Date.parse(chunk.startedAt ?? chunk.queuedAt ?? plannedAt) > STALE_CHUNK_MS;
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

export function syncStatusOf(doc: KpiSyncDoc | undefined, now: Date): KpiSyncStatus {
  if (!doc) return { state: 'never', chunksDone: 0, chunksTotal: 0, issuesStored: 0 };
  const status: KpiSyncStatus = {
    state: doc.state,
    chunksDone: doc.chunks.filter((c) => c.state === 'done').length,
    chunksTotal: doc.chunks.length,
    issuesStored: doc.live ? doc.live.issuesStored : doc.issuesStored,
    horizon: readableFacts(doc).horizon,
  };
  if (doc.chunks.every((c) => c.state === 'done')) status.syncedUpTo = doc.watermark;
  else if (doc.live) status.syncedUpTo = doc.live.watermark;
  if (doc.live) status.rebuilding = { chunksDone: status.chunksDone, chunksTotal: status.chunksTotal, startedAt: doc.plannedAt };
  const lost = doc.chunks.filter((c) => chunkLost(c, now, doc.plannedAt));
  if (lost.length) {
    const since = lost.map((c) => c.leaseUntil ?? c.startedAt ?? c.queuedAt ?? doc.plannedAt).sort()[0] as string;
    status.stalled = { chunks: lost.length, since };
  } else if (doc.state === 'syncing' && doc.deltaLeaseUntil && Date.parse(doc.deltaLeaseUntil) <= now.getTime()) {
    status.stalled = { chunks: 0, since: doc.deltaLeaseUntil };
  }
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
  /** Points spent beyond the search page itself: full changelogs and a refreshed status catalogue. */
  extraPoints?: number;
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
  // Points as Jira charges them: a request, plus one per issue returned.
  let extraPoints = truncated.length ? Math.ceil(truncated.length / 1000) + truncated.length : 0;
  if (truncated.length) for (const entry of await jira.bulkFetchChangelogs(truncated, [...CHANGELOG_FIELD_IDS])) full.set(String(entry.issueId), entry.changeHistories);
  for (const issue of issues) {
    const histories = full.get(String(issue.id)) ?? issue.changelog?.histories ?? [];
    const unknownStatus = histories.some((h) => h.items.some((i) => (i.fieldId ?? i.field) === 'status' && i.to !== null && !(i.to in statusCategories)));
    if (unknownStatus && !refreshed) {
      statusCategories = { ...statusCategories, ...(await statusCatalogue(jira)) };
      refreshed = true;
      extraPoints++;
    }
    facts.push(issueFactFromJira(issue, histories, (id) => statusCategories[id]));
    const type = issue.fields.issuetype;
    if (type?.id) dictionaries.issueTypes[String(type.id)] = { name: type.name ?? '', subtask: type.subtask === true };
    const resolution = issue.fields.resolution;
    if (resolution?.id) dictionaries.resolutions[String(resolution.id)] = resolution.name ?? '';
    const updated = issue.fields.updated ? Date.parse(issue.fields.updated) : NaN;
    if (!Number.isNaN(updated)) lastUpdated = updated;
  }
  return { facts, dictionaries, statusCategories, ...(lastUpdated !== undefined ? { lastUpdated } : {}), extraPoints };
}

async function fetchFacts(
  jira: JiraClient,
  jql: string,
  known: Record<string, StatusCategory>,
  maxIssues = Number.POSITIVE_INFINITY,
  afterPage: () => Promise<void> = async () => {},
): Promise<Fetched> {
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
    if (nextPageToken) await afterPage();
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
  // Into the generation chunks and deltas write (a full re-sync's new one while it is built).
  const generation = (await readSyncDoc(deps, projectId))?.generation ?? 0;
  const written = await writeFacts(deps.store, projectId, read.facts, generation);
  let moved = false;
  await changeSyncDoc(deps, projectId, (current) => {
    // A re-sync switched generations meanwhile: its own chunks read these issues again.
    if ((current.generation ?? 0) !== generation) return undefined;
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

type QueuedJobOf = Parameters<AppDeps['queue']['push']>[0][number];

const isChunkJob = (retryJob: QueuedJobOf, chunk: SyncChunk) => retryJob.type === 'kpi-sync-chunk' && chunk.id === (retryJob.body as { chunkId?: unknown }).chunkId;

/** A chunk handed back to the queue: any delivery of its job may run it until `leaseUntil`. */
function requeued(chunk: SyncChunk, now: Date, delayMs: number): SyncChunk {
  const next: SyncChunk = { ...chunk, state: 'queued', queuedAt: now.toISOString(), leaseUntil: new Date(now.getTime() + delayMs + QUEUED_LEASE_MS).toISOString() };
  delete next.startedAt;
  return next;
}

/**
 * Stops on an exhausted quota or a burst limit: records it and enqueues the same job for when
 * Jira takes calls again. Anything else is recorded and thrown (the queue delivers again), except
 * errors a retry cannot fix. A failed chunk is handed back to the queue either way, so the next
 * delivery runs it instead of finding it leased.
 */
async function guarded(deps: AppDeps, project: ProjectRef, retryJob: QueuedJobOf, work: () => Promise<SyncOutcome>): Promise<SyncOutcome> {
  try {
    return await work();
  } catch (error) {
    const now = deps.clock.now();
    if (error instanceof QuotaExhaustedError || error instanceof RateLimitedError) {
      const retryAt = error.retryAt ?? new Date(now.getTime() + 60_000);
      const delaySeconds = Math.min(MAX_QUEUE_DELAY_S, Math.max(error instanceof QuotaExhaustedError ? 60 : 5, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)));
      await changeSyncDoc(deps, project.projectId, (doc) => ({
        ...doc,
        state: error instanceof QuotaExhaustedError ? 'waiting-quota' : 'rate-limited',
        retryAt: retryAt.toISOString(),
        chunks: doc.chunks.map((c) => (c.state === 'running' && isChunkJob(retryJob, c) ? requeued(c, now, delaySeconds * 1000) : c)),
      }));
      await deps.queue.push([retryJob], { delaySeconds });
      deps.log.warn('kpi sync paused', { project: project.projectKey, reason: error.code, retryAt: retryAt.toISOString(), delaySeconds });
      return { paused: error.code, retryAt: retryAt.toISOString(), delaySeconds };
    }
    const message = error instanceof AppError ? [error.message, ...(error.details ?? [])].join(' ') : String(error);
    await changeSyncDoc(deps, project.projectId, (doc) => ({
      ...doc,
      state: 'error',
      error: message,
      chunks: doc.chunks.map((c) => (c.state === 'running' && isChunkJob(retryJob, c) ? requeued(c, now, 0) : c)),
    })).catch(() => undefined);
    deps.log.error('kpi sync failed', { project: project.projectKey, error: message });
    const permanent = error instanceof AppError && ['NOT_FOUND', 'FORBIDDEN', 'VALIDATION', 'STORE_LIMIT'].includes(error.code);
    if (permanent) return { failed: message };
    throw error;
  }
}

/** A backfill planned now, with nothing stored yet: a first sync, or the next generation of a full re-sync. */
function newBuild(now: Date): Pick<KpiSyncDoc, 'horizon' | 'plannedAt' | 'chunks' | 'watermark' | 'months' | 'dictionaries' | 'state' | 'issuesStored' | 'lastRunAt'> {
  const plan = planChunks(now);
  return {
    horizon: plan.horizon,
    plannedAt: now.toISOString(),
    chunks: plan.chunks,
    watermark: now.toISOString(),
    months: [],
    dictionaries: { issueTypes: {}, resolutions: {} },
    state: 'backfilling',
    issuesStored: 0,
    lastRunAt: now.toISOString(),
  };
}

/** Claims up to `count` pending (or lost) chunks for new jobs. */
function claimChunks(doc: KpiSyncDoc, now: Date, count: number): { doc: KpiSyncDoc; claimed: string[] } {
  const claimed: string[] = [];
  const active = doc.chunks.filter((c) => (c.state === 'queued' || c.state === 'running') && !chunkLost(c, now, doc.plannedAt)).length;
  let free = Math.max(0, count - active);
  const chunks = doc.chunks.map((c) => {
    if (free > 0 && (c.state === 'pending' || chunkLost(c, now, doc.plannedAt))) {
      free--;
      claimed.push(c.id);
      return requeued(c, now, 0);
    }
    return c;
  });
  return { doc: { ...doc, chunks }, claimed };
}

function chunkJob(project: ProjectRef, chunkId: string, generation: number | undefined): QueuedJobOf {
  return job('kpi-sync-chunk', { ...project, chunkId, generation: generation ?? 0 });
}

async function queueChunks(deps: AppDeps, project: ProjectRef, chunkIds: string[], generation: number | undefined): Promise<void> {
  for (let i = 0; i < chunkIds.length; i += 50) {
    await deps.queue.push(chunkIds.slice(i, i + 50).map((chunkId) => chunkJob(project, chunkId, generation)));
  }
}

/**
 * Deletes the generations a completed re-sync replaced, once no report can still be reading them.
 * Idempotent: deleting facts already gone is a no-op, and the entry goes only after its facts.
 */
async function cleanUpRetired(deps: AppDeps, project: ProjectRef, doc: KpiSyncDoc, now: Date): Promise<number> {
  const due = (doc.retired ?? []).filter((r) => Date.parse(r.at) + RETIRED_GRACE_MS <= now.getTime());
  for (const retired of due) {
    await deleteFacts(deps.store, project.projectId, retired.months, retired.generation);
    await changeSyncDoc(deps, project.projectId, (current) => {
      const rest = (current.retired ?? []).filter((r) => r.generation !== retired.generation);
      if (rest.length === (current.retired ?? []).length) return undefined;
      const next: KpiSyncDoc = { ...current, retired: rest };
      if (!rest.length) delete next.retired;
      return next;
    });
  }
  return due.length;
}

/**
 * The per-project sync job (daily run, "Sync now", a finished backfill, a continued delta):
 * plans the backfill, keeps its lanes busy (claiming chunks whose worker died), or runs a delta
 * once the backfill is done; and deletes generations a completed re-sync replaced.
 */
export async function runKpiSync(deps: AppDeps, project: ProjectRef): Promise<SyncOutcome> {
  return guarded(deps, project, job('kpi-sync', project), async () => {
    const jira = deps.jiraAsApp();
    const now = deps.clock.now();
    let doc = await readSyncDoc(deps, project.projectId);
    if (!doc) {
      const statusCategories = await statusCatalogue(jira);
      await recordVersions(deps, jira, project);
      const fresh: KpiSyncDoc = { v: 1, ...project, ...newBuild(now), statusCategories };
      let claimed: string[] = [];
      const { written } = await updateVersioned<KpiSyncDoc | undefined>(deps.store, keys.kpiSyncState(project.projectId), () => undefined, (current) => {
        if (current) return undefined; // planned concurrently: keep that plan
        const result = claimChunks(fresh, now, LANES);
        claimed = result.claimed;
        return result.doc;
      });
      if (written) await queueChunks(deps, project, claimed, undefined);
      return { planned: written, chunks: fresh.chunks.length, queued: claimed.length };
    }

    const cleaned = await cleanUpRetired(deps, project, doc, now);
    if (doc.chunks.some((c) => c.state !== 'done')) {
      let claimed: string[] = [];
      let generation = undefined as number | undefined;
      await changeSyncDoc(deps, project.projectId, (current) => {
        const result = claimChunks(current, now, LANES);
        claimed = result.claimed;
        generation = current.generation;
        return claimed.length || current.state !== 'backfilling' ? { ...result.doc, state: 'backfilling', lastRunAt: now.toISOString() } : undefined;
      });
      await queueChunks(deps, project, claimed, generation);
      return { backfilling: true, requeued: claimed.length, ...(cleaned ? { cleaned } : {}) };
    }

    // Delta: everything updated since the watermark (with an overlap for Jira's index lag).
    // A delta holds a lease too, renewed per page: a delta whose worker died shows as stalled, not as "syncing" until tomorrow.
    const leaseFrom = (at: Date) => new Date(at.getTime() + CHUNK_LEASE_MS).toISOString();
    await changeSyncDoc(deps, project.projectId, (current) => ({ ...current, state: 'syncing', lastRunAt: now.toISOString(), deltaLeaseUntil: leaseFrom(now) }));
    const renew = async () => {
      const at = deps.clock.now();
      await changeSyncDoc(deps, project.projectId, (current) => (current.state === 'syncing' ? { ...current, deltaLeaseUntil: leaseFrom(at) } : undefined));
    };
    await recordVersions(deps, jira, project);
    const fetched = await fetchFacts(jira, deltaJql(project.projectKey, new Date(doc.watermark), now), doc.statusCategories, DELTA_MAX_ISSUES, renew);
    const written = await writeFacts(deps.store, project.projectId, fetched.facts, doc.generation ?? 0);
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
      delete next.deltaLeaseUntil;
      delete next.retryAt;
      delete next.error;
      return next;
    });
    if (!fetched.complete) await deps.queue.push([job('kpi-sync', project)]);
    return { delta: fetched.facts.length, changed: written.changed, continued: !fetched.complete, ...(cleaned ? { cleaned } : {}) };
  });
}

/** A window Jira counts above this many issues is split (into days, then hours) before it is read. */
export const CHUNK_MAX_ISSUES = 10_000;
/** A chunk job hands its chunk (and page token) back to the queue after this long: Forge stops it at 900 s. */
export const CHUNK_RUN_MS = 600_000;
/** Facts read are stored (with the next page's token) at least this often: what a crash can cost again. */
export const STORE_EVERY_ISSUES = 2_000;
/** What a page may cost before it is read: the request and every issue it can return. */
const PAGE_POINTS = 1 + PAGE_SIZE;

function windowOf(chunk: SyncChunk): CreatedWindow | undefined {
  return chunk.older || !chunk.from ? undefined : { id: chunk.id, from: chunk.from, ...(chunk.to ? { to: chunk.to } : {}), span: chunk.span ?? 'month' };
}

/**
 * One backfill chunk; idempotent and resumable. A finished chunk, a chunk another job holds the
 * lease of, or a chunk of a generation no longer built is skipped. Before reading, a window Jira
 * counts above CHUNK_MAX_ISSUES is replaced by its days (or hours). Then page by page: points are
 * reserved from the site's hourly budget, the page's facts upserted, and the next page's token
 * stored with the progress, so a pause (quota, budget, 429, CHUNK_RUN_MS, a lost worker) resumes
 * from the page it reached; a page read twice after a crash writes the same facts.
 */
export async function runKpiSyncChunk(deps: AppDeps, project: ProjectRef, chunkId: string, generation?: number): Promise<SyncOutcome> {
  return guarded(deps, project, chunkJob(project, chunkId, generation), async () => {
    const now = deps.clock.now();
    const ours = (doc: KpiSyncDoc) => generation === undefined || (doc.generation ?? 0) === generation;
    let attempt = 0;
    let skipped = 'not found' as string | undefined;
    const doc = await changeSyncDoc(deps, project.projectId, (current) => {
      const chunk = current.chunks.find((c) => c.id === chunkId);
      skipped = !chunk || !ours(current) ? 'not in the sync being built' : chunk.state === 'done' ? 'done' : chunk.state === 'running' && !chunkLost(chunk, now, current.plannedAt) ? 'running' : undefined;
      if (skipped || !chunk) return undefined;
      attempt = (chunk.attempts ?? 0) + 1;
      const running: SyncChunk = { ...chunk, state: 'running', startedAt: now.toISOString(), leaseUntil: new Date(now.getTime() + CHUNK_LEASE_MS).toISOString(), attempts: attempt };
      return { ...current, state: 'backfilling', chunks: current.chunks.map((c) => (c.id === chunkId ? running : c)) };
    });
    if (skipped || !doc) return { skipped: true, chunkId, reason: skipped ?? 'not found' };
    const chunk = doc.chunks.find((c) => c.id === chunkId) as SyncChunk;
    const target = doc.generation ?? 0;
    const jira = deps.jiraAsApp();
    const jql = chunkJql(project.projectKey, chunk);
    /** The chunk while this job still holds it (a duplicate that took it over, or a new generation, ends this one). */
    const held = (current: KpiSyncDoc) => {
      const c = current.chunks.find((x) => x.id === chunkId);
      return ours(current) && (current.generation ?? 0) === target && c?.state === 'running' && c.attempts === attempt ? c : undefined;
    };

    // Counted before it is read: a bulk-import month becomes its days (a day its hours) first.
    const window = windowOf(chunk);
    const finer = window && chunk.nextPageToken === undefined && !chunk.read ? splitWindow(window, now) : undefined;
    if (finer) {
      const counted = await jira.approximateCount(jql);
      if (counted > CHUNK_MAX_ISSUES) {
        let claimed: string[] = [];
        await changeSyncDoc(deps, project.projectId, (current) => {
          if (!held(current)) return undefined;
          const parts = finer.map((w): SyncChunk => ({ id: w.id, from: w.from, ...(w.to ? { to: w.to } : {}), span: w.span, state: 'pending' }));
          const result = claimChunks({ ...current, chunks: current.chunks.flatMap((c) => (c.id === chunkId ? parts : [c])) }, deps.clock.now(), LANES);
          claimed = result.claimed;
          return result.doc;
        });
        await queueChunks(deps, project, claimed, target);
        return { chunkId, counted, split: finer.length, next: claimed };
      }
    }

    /** Hands the chunk back to the queue, its page token kept, for a job `delaySeconds` from now. */
    const handBack = async (reason: 'paced' | 'continued', resumeAt: Date) => {
      const at = deps.clock.now();
      const delaySeconds = Math.min(MAX_QUEUE_DELAY_S, Math.max(0, Math.ceil((resumeAt.getTime() - at.getTime()) / 1000)));
      let ok = false;
      await changeSyncDoc(deps, project.projectId, (current) => {
        ok = held(current) !== undefined;
        if (!ok) return undefined;
        return { ...current, ...(reason === 'paced' ? { retryAt: resumeAt.toISOString() } : {}), chunks: current.chunks.map((c) => (c.id === chunkId ? requeued(c, at, delaySeconds * 1000) : c)) };
      });
      if (ok) await deps.queue.push([chunkJob(project, chunkId, target)], delaySeconds ? { delaySeconds } : undefined);
      return { chunkId, [reason]: true, read: total, ...(reason === 'paced' ? { resumeAt: resumeAt.toISOString() } : {}) };
    };

    const budget = (await readSettings(deps.store)).backfillPointsPerHour;
    let statusCategories = doc.statusCategories;
    let token = chunk.nextPageToken;
    let total = chunk.read ?? 0;
    // Facts read but not yet stored, and the token of the page after them: stored together, so a
    // stored token never skips an unstored page.
    let unstored: PageFacts = { facts: [], dictionaries: { issueTypes: {}, resolutions: {} }, statusCategories: {} };
    let result: SyncOutcome = {};
    /** Stores the facts read so far with the token after them (none: the chunk is done). False when the chunk is no longer ours. */
    const store = async (next: string | undefined): Promise<boolean> => {
      const written = await writeFacts(deps.store, project.projectId, unstored.facts, target);
      const read = unstored;
      unstored = { facts: [], dictionaries: { issueTypes: {}, resolutions: {} }, statusCategories: {} };
      let claimed: string[] = [];
      let finished = false;
      let switched = undefined as number | undefined;
      let stillHeld = false;
      await changeSyncDoc(deps, project.projectId, (current) => {
        const at = deps.clock.now();
        const mine = held(current);
        stillHeld = mine !== undefined;
        if (!mine) return undefined; // a duplicate finished it, or took it over after our lease ran out
        const progressed: KpiSyncDoc = {
          ...current,
          months: [...new Set([...current.months, ...written.months])].sort(),
          dictionaries: mergeDictionaries(current.dictionaries, read.dictionaries),
          statusCategories: { ...current.statusCategories, ...read.statusCategories },
          issuesStored: current.issuesStored + written.changed,
          lastRunAt: at.toISOString(),
        };
        delete progressed.retryAt;
        delete progressed.error;
        if (next) {
          const moved: SyncChunk = { ...mine, nextPageToken: next, read: total, leaseUntil: new Date(at.getTime() + CHUNK_LEASE_MS).toISOString() };
          return { ...progressed, chunks: current.chunks.map((c) => (c === mine ? moved : c)) };
        }
        const done: SyncChunk = { id: mine.id, ...(mine.from ? { from: mine.from } : {}), ...(mine.to ? { to: mine.to } : {}), ...(mine.span ? { span: mine.span } : {}), ...(mine.older ? { older: mine.older } : {}), state: 'done', issues: total, attempts: attempt, doneAt: at.toISOString() };
        const claimedDoc = claimChunks({ ...progressed, chunks: current.chunks.map((c) => (c === mine ? done : c)) }, at, LANES);
        claimed = claimedDoc.claimed;
        finished = claimedDoc.doc.chunks.every((c) => c.state === 'done');
        const completed: KpiSyncDoc = { ...claimedDoc.doc, state: finished ? 'syncing' : 'backfilling' };
        if (finished && current.live) {
          // The re-sync is complete: readers switch to it with this one write; the old generation retires.
          switched = current.live.generation;
          completed.retired = [...(current.retired ?? []), { generation: current.live.generation, months: current.live.months, at: at.toISOString() }];
          delete completed.live;
        }
        return completed;
      });
      if (!stillHeld) {
        result = { chunkId, read: total, superseded: true };
        return false;
      }
      if (!next) {
        await queueChunks(deps, project, claimed, target);
        // The backfill is complete: a delta catches up with what changed while it ran. A replaced
        // generation is deleted by a later sync job (the daily run, "Sync now"), once every report that
        // read it has finished.
        if (finished) await deps.queue.push([job('kpi-sync', project)]);
        result = { chunkId, issues: total, changed: written.changed, next: claimed, ...(switched !== undefined ? { switchedFrom: switched } : {}) };
      }
      return true;
    };

    for (;;) {
      const resumeAt = await reservePoints(deps, PAGE_POINTS, budget);
      // Facts waiting to be stored always have a next page (the last page stores at once).
      if (resumeAt) return !unstored.facts.length || (await store(token)) ? handBack('paced', resumeAt) : result;
      let page: Awaited<ReturnType<JiraClient['searchPage']>>;
      let read: PageFacts;
      try {
        page = await jira.searchPage(jql, [...FACT_FIELDS], { maxResults: PAGE_SIZE, expand: 'changelog', ...(token ? { nextPageToken: token } : {}) });
        read = await factsOfIssues(jira, page.issues as unknown as SearchIssue[], statusCategories);
      } catch (error) {
        // A stored token Jira no longer accepts: read the window again from its first page (facts are upserted).
        if (error instanceof UpstreamError && error.status === 400 && token && !unstored.facts.length) {
          await settlePoints(deps, 1 - PAGE_POINTS);
          token = undefined;
          total = 0;
          continue;
        }
        // Paused (quota, 429) or failed: what was read is kept, so the retry starts at this page.
        if (unstored.facts.length) await store(token);
        throw error;
      }
      await settlePoints(deps, 1 + page.issues.length + (read.extraPoints ?? 0) - PAGE_POINTS);
      statusCategories = read.statusCategories;
      total += read.facts.length;
      unstored = {
        facts: [...unstored.facts, ...read.facts],
        dictionaries: mergeDictionaries(unstored.dictionaries, read.dictionaries),
        statusCategories: { ...unstored.statusCategories, ...read.statusCategories },
      };
      token = page.isLast === false || (page.isLast === undefined && page.nextPageToken) ? page.nextPageToken : undefined;
      if (!token) {
        await store(undefined);
        return result;
      }
      const overTime = deps.clock.now().getTime() - now.getTime() >= CHUNK_RUN_MS;
      if ((unstored.facts.length >= STORE_EVERY_ISSUES || overTime) && !(await store(token))) return result;
      if (overTime) return handBack('continued', deps.clock.now());
    }
  });
}

/**
 * "Sync now" queues the project's sync job, which also resumes chunks whose worker died.
 * "Sync from scratch" plans generation n+1 beside the complete generation n, which readers keep
 * using until the new one is complete. A re-sync already under way is resumed, not restarted, so
 * no half-built generation is ever abandoned with facts nobody cleans up.
 */
export async function requestKpiSync(deps: AppDeps, project: ProjectRef, full: boolean): Promise<KpiSyncStatus> {
  const now = deps.clock.now();
  let claimed: string[] = [];
  let generation = undefined as number | undefined;
  if (full) {
    await changeSyncDoc(deps, project.projectId, (current) => {
      if (current.chunks.some((c) => c.state !== 'done')) return undefined;
      generation = Math.max(current.generation ?? 0, ...(current.retired ?? []).map((r) => r.generation)) + 1;
      const next: KpiSyncDoc = {
        ...current,
        live: { generation: current.generation ?? 0, horizon: current.horizon, months: current.months, dictionaries: current.dictionaries, watermark: current.watermark, issuesStored: current.issuesStored },
        generation,
        ...newBuild(now),
      };
      delete next.lastDelta;
      delete next.retryAt;
      delete next.error;
      const result = claimChunks(next, now, LANES);
      claimed = result.claimed;
      return result.doc;
    });
  }
  if (claimed.length) await queueChunks(deps, project, claimed, generation);
  else await deps.queue.push([job('kpi-sync', project)]);
  return syncStatusOf(await readSyncDoc(deps, project.projectId), now);
}
