import type { GetProjectReleasesPayload, ProjectReleasesView, StatusCategoryCounts } from '../contract';
import { calendarDateIn } from '../domain/calendar/calendar-date';
import { type VersionFacts, selectVersionsToShow, summarizeRelease } from '../domain/releases/release-summary';
import type { JiraClient } from '../integrations/jira/jira-client';
import type { JiraVersion } from '../integrations/jira/types';
import { requireProjectPermission } from './authorize';
import { mapWithConcurrency } from './concurrency';
import type { AppDeps } from './deps';
import { keys } from '../store/keys';
import { type InvocationContext, requireProject } from './invocation-context';

/** Parallel count requests per view: well under Jira's per-second burst limits. */
const COUNT_CONCURRENCY = 12;

export function toVersionFacts(version: Pick<JiraVersion, 'id' | 'name'> & Partial<JiraVersion>): VersionFacts {
  const facts: VersionFacts = {
    id: String(version.id),
    name: version.name,
    released: version.released === true,
    archived: version.archived === true,
  };
  if (version.description) facts.description = version.description;
  if (version.startDate) facts.startDate = version.startDate;
  if (version.releaseDate) facts.releaseDate = version.releaseDate;
  return facts;
}

/**
 * Counts by status category cost one request each and no per-issue points, so a version with
 * 2,000 issues costs 3 points instead of 2,000.
 */
async function countByStatusCategory(jira: JiraClient, versionId: string): Promise<StatusCategoryCounts> {
  const base = `fixVersion = ${versionId}`;
  const [todo, inProgress, done] = await Promise.all([
    jira.approximateCount(`${base} AND statusCategory = "To Do"`),
    jira.approximateCount(`${base} AND statusCategory = "In Progress"`),
    jira.approximateCount(`${base} AND statusCategory = Done`),
  ]);
  return { todo, inProgress, done, total: todo + inProgress + done };
}

/** The overview of a project's releases as `jira`'s principal sees them. */
export async function buildProjectReleasesView(
  jira: JiraClient,
  projectKey: string,
  now: Date,
  timeZone: string,
  options: { includeOlderReleased?: boolean } = {},
): Promise<ProjectReleasesView> {
  const [project, versions] = await Promise.all([jira.getProject(projectKey), jira.listVersions(projectKey)]);
  return summarizeProject(jira, project, versions, now, timeZone, options);
}

/** Counts of one version: from Jira's version list where it may be shown, else searched per version. */
type CountsOf = (version: VersionFacts) => StatusCategoryCounts | undefined;

async function summarizeProject(
  jira: JiraClient,
  project: ProjectReleasesView['project'],
  versions: JiraVersion[],
  now: Date,
  timeZone: string,
  options: { includeOlderReleased?: boolean },
  listed: CountsOf = () => undefined,
): Promise<ProjectReleasesView> {
  const today = calendarDateIn(now, timeZone);
  const { shown, olderReleasedCount } = selectVersionsToShow(versions.map(toVersionFacts), today, options);
  const counts = await mapWithConcurrency(shown, Math.max(1, Math.floor(COUNT_CONCURRENCY / 3)), async (version) => listed(version) ?? countByStatusCategory(jira, version.id));
  return {
    project,
    generatedAt: now.toISOString(),
    releases: shown.map((version, index) => summarizeRelease(version, counts[index] as StatusCategoryCounts, today)),
    olderReleasedCount,
  };
}

/** Jira's `issuesStatusForFixVersion`; issues in a status of no category count as not started. */
export function countsFromIssuesStatus(status: JiraVersion['issuesStatusForFixVersion']): StatusCategoryCounts | undefined {
  if (!status) return undefined;
  const todo = (status.toDo ?? 0) + (status.unmapped ?? 0);
  const inProgress = status.inProgress ?? 0;
  const done = status.done ?? 0;
  return { todo, inProgress, done, total: todo + inProgress + done };
}

/** How long Jira's answer about a project's issue security scheme is trusted. */
const ISSUE_SECURITY_TTL_MS = 24 * 3600_000;

/**
 * Whether a project may hide issues from some people (an issue security scheme). Jira's version
 * counts (`expand=issuesstatus`) count every issue, so where issues can be hidden the overview
 * counts per user with searches instead. Asked as the app (it needs Administer Projects), at most
 * once a day per project; when Jira cannot say, the project is treated as secured.
 */
export async function projectHasIssueSecurity(deps: AppDeps, project: { id: string; key: string }): Promise<boolean> {
  const key = keys.issueSecurityCache(project.id);
  const cached = await deps.store.get<{ checkedAt: string; secured: boolean }>(key);
  const now = deps.clock.now().getTime();
  if (cached && now - Date.parse(cached.checkedAt) < ISSUE_SECURITY_TTL_MS) return cached.secured;
  let secured: boolean;
  try {
    secured = (await deps.jiraAsApp().issueSecuritySchemeOf(project.key)) !== undefined;
  } catch (error) {
    deps.log.warn('could not tell whether the project has issue security; counting per user', { project: project.key, error: String(error) });
    return true;
  }
  await deps.store.set(key, { checkedAt: new Date(now).toISOString(), secured });
  return secured;
}

export async function getProjectReleases(
  deps: AppDeps,
  context: InvocationContext,
  payload: GetProjectReleasesPayload,
): Promise<ProjectReleasesView> {
  const projectRef = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  // The permission check runs alongside the first reads to save a round trip; nothing read is
  // returned unless it passes, and its refusal wins over the reads' own errors.
  // The version list carries every version's counts (one request for the whole overview); they
  // are shown only where no issue security can hide issues from this user.
  const [permission, project, versions, security] = await Promise.allSettled([
    requireProjectPermission(jira, projectRef.key, 'BROWSE_PROJECTS'),
    jira.getProject(projectRef.key),
    jira.listVersions(projectRef.key, { expand: 'issuesstatus' }),
    projectHasIssueSecurity(deps, projectRef),
  ]);
  if (permission.status === 'rejected') throw permission.reason;
  if (project.status === 'rejected') throw project.reason;
  if (versions.status === 'rejected') throw versions.reason;
  const options = payload.includeOlderReleased === undefined ? {} : { includeOlderReleased: payload.includeOlderReleased };
  const secured = security.status === 'rejected' || security.value;
  const byId = new Map(versions.value.map((v) => [String(v.id), v.issuesStatusForFixVersion]));
  const listed: CountsOf = secured ? () => undefined : (version) => countsFromIssuesStatus(byId.get(version.id));
  return summarizeProject(jira, project.value, versions.value, deps.clock.now(), deps.timeZone, options, listed);
}
