/**
 * A project's release time zone and its "today". Days left, overdue, freeze windows, the release
 * date a GO decision writes, the weekly report's week and the KPIs' days are all days in this
 * zone (docs/time.md). The zone is the one chosen in Release settings, else the site's default
 * zone as Jira reports it (`serverInfo.serverTimeZone`, re-read daily), else UTC.
 */
import type { ProjectTimeView, SaveProjectTimeZonePayload } from '../contract';
import { calendarDateIn } from '../domain/calendar/calendar-date';
import { isTimeZone } from '../domain/calendar/zone';
import { AppError, ConflictError } from '../errors';
import { keys } from '../store/keys';
import type { AppDeps } from './deps';
import { type InvocationContext, requireProject } from './invocation-context';
import { assertCanBrowse, assertCanEdit, projectAccess } from './release-managers';

const SITE_ZONE_MAX_AGE_MS = 24 * 3_600_000;

/**
 * One document per project, so resolving the zone costs one store read on every call: the zone
 * chosen for the project (if any) and the site's zone as last read from Jira, with when.
 */
interface ProjectTimeZoneDoc {
  /** The project's key when its id and key were last checked against each other in Jira. */
  projectKey?: string;
  timeZone?: string;
  updatedBy?: string;
  updatedAt?: string;
  site?: SiteTimeZone;
}

interface SiteTimeZone {
  timeZone: string;
  checkedAt: string;
}

export type ZoneSource = ProjectTimeView['source'];

export interface ResolvedZone {
  timeZone: string;
  source: ZoneSource;
  siteTimeZone?: string;
}

function fresh(site: SiteTimeZone | undefined, now: Date): site is SiteTimeZone {
  return !!site && now.getTime() - Date.parse(site.checkedAt) < SITE_ZONE_MAX_AGE_MS && isTimeZone(site.timeZone);
}

/** Asks Jira for the site's default zone; undefined when it cannot say (logged, never thrown). */
async function readSiteZone(deps: AppDeps): Promise<SiteTimeZone | undefined> {
  try {
    const zone = await deps.jiraAsApp().siteTimeZone();
    if (zone && isTimeZone(zone)) return { timeZone: zone, checkedAt: deps.clock.now().toISOString() };
    deps.log.warn('Jira did not report a usable site time zone', { zone: zone ?? null });
  } catch (error) {
    deps.log.warn('could not read the site time zone from Jira', { error: String(error) });
  }
  return undefined;
}

/**
 * The zone a project's days are counted in, and where that choice comes from. With `projectKey`
 * (from an invocation context), the key is first checked to be that project's in Jira (once, then
 * remembered): permissions are checked by key and state is keyed by id, so a context whose two
 * disagree must not reach another project's state.
 */
export async function resolveProjectZone(deps: AppDeps, projectId: string, projectKey?: string): Promise<ResolvedZone> {
  const key = keys.projectTimeZone(projectId);
  const stored = await deps.store.getVersioned<ProjectTimeZoneDoc>(key);
  let doc = stored?.value ?? {};
  const revision = stored?.rev ?? 0;
  let write = false;
  if (projectKey !== undefined && doc.projectKey !== projectKey) {
    // Not found means no such project; any other failure (quota, outage) is reported as it is.
    const project = await deps
      .jiraAsApp()
      .getProject(projectKey)
      .catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
        throw error;
      });
    if (!project || project.id !== projectId) {
      throw new AppError('FORBIDDEN', 'This page’s project id and key do not belong together; reload the page from the project.');
    }
    doc = { ...doc, projectKey };
    write = true;
  }
  let site = doc.site;
  if (!(doc.timeZone && isTimeZone(doc.timeZone)) && !fresh(site, deps.clock.now())) {
    const read = await readSiteZone(deps);
    if (read) {
      site = read;
      doc = { ...doc, site: read };
      write = true;
    }
  }
  if (write) {
    // A cache of checked facts: losing this write to a concurrent one only costs another read.
    try {
      await deps.store.transact([{ kind: 'put', key, value: doc, expectRev: revision }]);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  const siteZone = site && isTimeZone(site.timeZone) ? site.timeZone : undefined;
  const base = siteZone ? { siteTimeZone: siteZone } : {};
  if (doc.timeZone && isTimeZone(doc.timeZone)) return { ...base, timeZone: doc.timeZone, source: 'project' };
  if (siteZone) return { ...base, timeZone: siteZone, source: 'site' };
  return { ...base, timeZone: deps.timeZone, source: 'default' };
}

/** The same dependencies with `timeZone` set to the site's default zone (site-wide pages). */
export async function zonedForSite(deps: AppDeps): Promise<AppDeps> {
  const site = await readSiteZone(deps);
  return site && site.timeZone !== deps.timeZone ? { ...deps, timeZone: site.timeZone } : deps;
}

/** The same dependencies with `timeZone` set to the project's release zone. */
export async function zonedFor(deps: AppDeps, projectId: string, projectKey?: string): Promise<AppDeps> {
  const { timeZone } = await resolveProjectZone(deps, projectId, projectKey);
  return timeZone === deps.timeZone ? deps : { ...deps, timeZone };
}

function viewOf(deps: AppDeps, zone: ResolvedZone, canEdit?: boolean): ProjectTimeView {
  const now = deps.clock.now();
  return {
    now: now.toISOString(),
    today: calendarDateIn(now, zone.timeZone),
    timeZone: zone.timeZone,
    source: zone.source,
    ...(zone.siteTimeZone ? { siteTimeZone: zone.siteTimeZone } : {}),
    ...(canEdit === undefined ? {} : { canEdit }),
  };
}

/**
 * "Now", "today" and the zone of the page's project: every page takes its today from here, never
 * from the browser's clock. With `withAccess`, also whether the caller may change the zone.
 */
export async function getProjectTime(deps: AppDeps, context: InvocationContext, payload: { withAccess?: boolean }): Promise<ProjectTimeView> {
  const project = requireProject(context);
  let canEdit: boolean | undefined;
  if (payload.withAccess) {
    const access = await projectAccess(deps, deps.jiraAsUser(context.accountId), context, project.key);
    assertCanBrowse(access);
    canEdit = access.canEdit;
  }
  return viewOf(deps, await resolveProjectZone(deps, project.id), canEdit);
}

/** Sets (or, with `timeZone: null`, clears back to the site's) the project's release zone. */
export async function saveProjectTimeZone(deps: AppDeps, context: InvocationContext, payload: SaveProjectTimeZonePayload): Promise<ProjectTimeView> {
  const project = requireProject(context);
  const access = await projectAccess(deps, deps.jiraAsUser(context.accountId), context, project.key);
  assertCanEdit(access);
  if (payload.timeZone !== null && !isTimeZone(payload.timeZone)) {
    throw new AppError('VALIDATION', 'That is not a time zone Jira knows.', [`timeZone: "${payload.timeZone.slice(0, 64)}" is not an IANA time zone such as Europe/Berlin.`]);
  }
  const key = keys.projectTimeZone(project.id);
  const current = await deps.store.getVersioned<ProjectTimeZoneDoc>(key);
  // Compared by value, not revision: the daily refresh of the cached site zone is no conflict.
  if ((current?.value.timeZone ?? null) !== payload.expectedTimeZone) {
    throw new ConflictError('Someone changed the release time zone since you opened this page. Reload to see it.');
  }
  const { timeZone: _previous, updatedBy: _by, updatedAt: _at, ...rest } = current?.value ?? {};
  const next: ProjectTimeZoneDoc =
    payload.timeZone === null ? rest : { ...rest, timeZone: payload.timeZone, updatedBy: context.accountId, updatedAt: deps.clock.now().toISOString() };
  // The revision check makes a save from a stale page fail instead of overwriting a newer choice.
  await deps.store.transact([{ kind: 'put', key, value: next, expectRev: current?.rev ?? 0 }]);
  return viewOf(deps, await resolveProjectZone(deps, project.id), true);
}
