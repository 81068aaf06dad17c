/**
 * The iCalendar feed of a project's release plan, for subscribing from Outlook, Google Calendar or
 * Apple Calendar. Calendar clients cannot log in, so the feed URL carries a per-project secret
 * token: random, shown once, stored only as its SHA-256, replaced on rotation (the old URL stops
 * working at once). A wrong, old or missing token, an unknown project or a disabled feed all
 * answer the same bare 404, so the answer reveals nothing about which projects or feeds exist.
 */
import type { CalendarFeedToken } from '../../contract-release-plan';
import { type FeedVersion, buildCalendarFeed } from '../../domain/release-plan/ics';
import { DAY_MS } from '../../domain/release-plan/intervals';
import { AppError } from '../../errors';
import { keys } from '../../store/keys';
import type { AppDeps } from '../deps';
import { type InvocationContext, requireProject } from '../invocation-context';
import { toVersionFacts } from '../project-releases';
import { requireReleaseEditor } from '../release-managers';
import { readBookings, readInventory, readProjectPlan, readSiteWindows } from './documents';
import { plannedGoLives } from '../runbook/go-lives';

export const FEED_WEBTRIGGER_KEY = 'calendar-feed';
/** The feed covers half a year back and a bit more than a year ahead. */
const FEED_PAST_MS = 183 * DAY_MS;
const FEED_FUTURE_MS = 400 * DAY_MS;
const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,19}$/;
const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

export interface FeedTokenRecord {
  /** Hex SHA-256 of the token. */
  hash: string;
  rotatedAt: string;
  rotatedBy: string;
}

export interface FeedRequest {
  method: string;
  query: Record<string, string | undefined>;
}

export interface FeedResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

function toHex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function hashFeedToken(token: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function feedUrl(base: string, projectKey: string, token: string): string {
  const separator = base.includes('?') ? '&' : '?';
  return `${base}${separator}project=${encodeURIComponent(projectKey)}&token=${encodeURIComponent(token)}`;
}

/** A new token for the context's project; the previous one stops working at once. */
export async function rotateFeedToken(deps: AppDeps, context: InvocationContext): Promise<CalendarFeedToken> {
  await requireReleaseEditor(deps, context);
  const project = requireProject(context);
  const token = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const rotatedAt = deps.clock.now().toISOString();
  const record: FeedTokenRecord = { hash: await hashFeedToken(token), rotatedAt, rotatedBy: context.accountId };
  await deps.store.set(keys.calendarFeedToken(project.key), record);
  const base = deps.webTriggerUrl ? await deps.webTriggerUrl(FEED_WEBTRIGGER_KEY).catch(() => undefined) : undefined;
  return { token, rotatedAt, ...(base ? { url: feedUrl(base, project.key, token) } : {}) };
}

export async function disableFeedToken(deps: AppDeps, context: InvocationContext): Promise<void> {
  await requireReleaseEditor(deps, context);
  await deps.store.delete(keys.calendarFeedToken(requireProject(context).key));
}

const notFound = (): FeedResponse => ({ statusCode: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, body: 'Not found' });

/** The web trigger: GET ?project=KEY&token=... → text/calendar, or a bare 404. */
export async function serveCalendarFeed(deps: AppDeps, request: FeedRequest): Promise<FeedResponse> {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return { statusCode: 405, headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Use GET.' };
  const projectKey = request.query.project ?? '';
  const token = request.query.token ?? '';
  if (!PROJECT_KEY.test(projectKey) || !TOKEN.test(token)) return notFound();
  const record = await deps.store.get<FeedTokenRecord>(keys.calendarFeedToken(projectKey));
  if (!record || !constantTimeEqual(record.hash, await hashFeedToken(token))) return notFound();

  const jira = deps.jiraAsApp();
  const now = deps.clock.now();
  const from = now.getTime() - FEED_PAST_MS;
  const to = now.getTime() + FEED_FUTURE_MS;
  let body: string;
  try {
    const [project, versions, inventory, siteWindows, plan, site] = await Promise.all([
      jira.getProject(projectKey),
      jira.listVersions(projectKey),
      readInventory(deps.store),
      readSiteWindows(deps.store),
      readProjectPlan(deps.store, projectKey),
      jira.siteBaseUrl(),
    ]);
    const slots = (await readBookings(deps.store, inventory.environments.map((e) => e.id), from, to)).filter((s) => s.projectKey === projectKey);
    const used = new Set(slots.map((s) => s.environmentId));
    const windows = [...siteWindows.windows, ...plan.freezes].filter(
      (w) => (w.scope.type !== 'environment' || used.has(w.scope.environmentId)) && Date.parse(w.to) > from && Date.parse(w.from) < to,
    );
    const feedVersions: FeedVersion[] = versions
      .filter((v) => !v.archived)
      .map((v) => toVersionFacts(v))
      .filter((v) => !v.released || !v.releaseDate || Date.parse(v.releaseDate) > from);
    const names = new Map(feedVersions.map((v) => [v.id, v.name]));
    const goLives = (await plannedGoLives(deps.store, project.id, [...names.keys()]))
      .filter((g) => Date.parse(g.plannedEnd) > from && Date.parse(g.start) < to)
      .map((g) => ({ ...g, versionName: names.get(g.versionId) as string }));
    body = buildCalendarFeed({ project, versions: feedVersions, goLives, slots, environments: inventory.environments, windows, now, uidDomain: new URL(site).host });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return notFound();
    deps.log.warn('calendar feed failed', { projectKey, error: String(error) });
    return { statusCode: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '300' }, body: 'The calendar is not available right now. Try again later.' };
  }
  return {
    statusCode: 200,
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="${projectKey.toLowerCase()}-releases.ics"`,
      'Cache-Control': 'private, max-age=300',
    },
    body: method === 'HEAD' ? '' : body,
  };
}
