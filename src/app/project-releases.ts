import type { GetProjectReleasesPayload, ProjectReleasesView, StatusCategoryCounts } from '../contract';
import { calendarDateIn } from '../domain/calendar/calendar-date';
import { type VersionFacts, selectVersionsToShow, summarizeRelease } from '../domain/releases/release-summary';
import type { JiraClient } from '../integrations/jira/jira-client';
import type { JiraVersion } from '../integrations/jira/types';
import { requireProjectPermission } from './authorize';
import { mapWithConcurrency } from './concurrency';
import type { AppDeps } from './deps';
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

async function summarizeProject(
  jira: JiraClient,
  project: ProjectReleasesView['project'],
  versions: JiraVersion[],
  now: Date,
  timeZone: string,
  options: { includeOlderReleased?: boolean },
): Promise<ProjectReleasesView> {
  const today = calendarDateIn(now, timeZone);
  const { shown, olderReleasedCount } = selectVersionsToShow(versions.map(toVersionFacts), today, options);
  const counts = await mapWithConcurrency(shown, Math.max(1, Math.floor(COUNT_CONCURRENCY / 3)), (version) =>
    countByStatusCategory(jira, version.id),
  );
  return {
    project,
    generatedAt: now.toISOString(),
    releases: shown.map((version, index) => summarizeRelease(version, counts[index] as StatusCategoryCounts, today)),
    olderReleasedCount,
  };
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
  const [permission, project, versions] = await Promise.allSettled([
    requireProjectPermission(jira, projectRef.key, 'BROWSE_PROJECTS'),
    jira.getProject(projectRef.key),
    jira.listVersions(projectRef.key),
  ]);
  if (permission.status === 'rejected') throw permission.reason;
  if (project.status === 'rejected') throw project.reason;
  if (versions.status === 'rejected') throw versions.reason;
  const options = payload.includeOlderReleased === undefined ? {} : { includeOlderReleased: payload.includeOlderReleased };
  return summarizeProject(jira, project.value, versions.value, deps.clock.now(), deps.timeZone, options);
}
