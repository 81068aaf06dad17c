import type { IssueRef, IssueReleaseView } from '../contract';
import { calendarDateIn } from '../domain/calendar/calendar-date';
import { type LinkFacts, openBlockerKeys } from '../domain/releases/blockers';
import { daysToRelease, releaseState } from '../domain/releases/release-summary';
import { AppError } from '../errors';
import type { JiraIssue } from '../integrations/jira/types';
import type { AppDeps } from './deps';
import { type InvocationContext, requireIssue } from './invocation-context';
import { toVersionFacts } from './project-releases';
import { toLinkFacts } from './link-facts';

const PANEL_FIELDS = ['summary', 'status', 'issuetype', 'fixVersions', 'issuelinks', 'project'];
const BLOCKER_FIELDS = ['summary', 'status', 'issuetype', 'fixVersions'];

function statusCategory(issue: JiraIssue): IssueRef['statusCategory'] {
  const key = issue.fields.status?.statusCategory?.key;
  return key === 'done' || key === 'indeterminate' ? key : 'new';
}

function toIssueRef(issue: JiraIssue): IssueRef {
  return {
    key: issue.key,
    summary: issue.fields.summary ?? '',
    statusName: issue.fields.status?.name ?? 'Unknown',
    statusCategory: statusCategory(issue),
    issueType: issue.fields.issuetype?.name ?? 'Issue',
  };
}

/**
 * The issue panel's first paint: at most two Jira calls, both as the user, so Jira itself refuses
 * an issue the user may not browse (404 → NOT_FOUND) – the issue comes from the invocation
 * context, never from the payload.
 */
export async function getIssueRelease(deps: AppDeps, context: InvocationContext): Promise<IssueReleaseView> {
  const issueRef = requireIssue(context);
  const jira = deps.jiraAsUser(context.accountId);
  const issue = await jira.getIssue(issueRef.key, PANEL_FIELDS);
  if (context.project && issue.fields.project && issue.fields.project.key !== context.project.key) {
    throw new AppError('FORBIDDEN', 'This issue does not belong to the project of this view.');
  }

  const today = calendarDateIn(deps.clock.now(), deps.timeZone);
  const releases = (issue.fields.fixVersions ?? []).map((raw) => {
    const version = toVersionFacts(raw);
    const release: IssueReleaseView['releases'][number] = {
      id: version.id,
      name: version.name,
      released: version.released,
      state: releaseState(version, today),
      daysToRelease: daysToRelease(version, today),
    };
    if (version.releaseDate) release.releaseDate = version.releaseDate;
    return release;
  });

  const links = (issue.fields.issuelinks ?? []).map(toLinkFacts).filter((l): l is LinkFacts => l !== undefined);
  const blockerKeys = openBlockerKeys(links);
  const blockers = blockerKeys.length ? await jira.bulkFetchIssues(blockerKeys, BLOCKER_FIELDS) : [];
  const byKey = new Map(blockers.map((b) => [b.key, b]));
  const openBlockers = blockerKeys
    .map((key) => byKey.get(key))
    .filter((b): b is JiraIssue => b !== undefined && statusCategory(b) !== 'done')
    .map((b) => ({ ...toIssueRef(b), fixVersions: (b.fields.fixVersions ?? []).map((v) => v.name) }));

  return { issue: toIssueRef(issue), releases, openBlockers };
}
