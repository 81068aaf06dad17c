import type { ReleaseChoicesView, ReleaseRequest, UnresolvedIssue, VersionOnlyPayload } from '../../contract-go-no-go';
import { UNRESOLVED_LISTED } from '../../contract-go-no-go';
import { calendarDateIn } from '../../domain/calendar/calendar-date';
import { AppError } from '../../errors';
import type { JiraVersion } from '../../integrations/jira/types';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { notesTarget, readNotesSettings, readReportSettings } from '../release-notes-settings';
import { type BoardSession, openSession, requireVersion } from './session';

/**
 * Releasing a version from the Go/No-Go board works as Jira's own release dialog: it shows the
 * version's unresolved issues and asks whether to move them to another unreleased version or to
 * release anyway. The choice is checked here, on the server, whatever the page sent.
 */

const unresolvedJql = (projectKey: string, versionId: string) => `project = "${projectKey}" AND fixVersion = ${versionId} AND resolution = Unresolved ORDER BY rank ASC`;

/** Versions the unresolved issues may move to: unreleased, unarchived, of the same project, not the version itself. */
export function moveTargets(versions: JiraVersion[], releasing: JiraVersion): JiraVersion[] {
  return versions.filter((v) => String(v.id) !== String(releasing.id) && !v.released && !v.archived);
}

/** The version to move unresolved issues to, or undefined to leave them; refuses a target Jira would not take or the user did not mean. */
export function checkReleaseRequest(session: BoardSession, version: JiraVersion, request: ReleaseRequest): JiraVersion | undefined {
  if (request.unresolvedIssues === 'keep') return undefined;
  const target = session.versions.find((v) => String(v.id) === request.moveToVersionId);
  const why =
    !target
      ? `version ${request.moveToVersionId} is not a version of ${session.project.key}.`
      : String(target.id) === String(version.id)
        ? `the issues cannot move to ${version.name} itself.`
        : target.released
          ? `${target.name} is already released.`
          : target.archived
            ? `${target.name} is archived.`
            : undefined;
  if (why || !target) {
    throw new AppError('VALIDATION', `The unresolved issues of ${version.name} cannot be moved there: ${why ?? ''} Nothing was recorded.`, [`release.moveToVersionId: ${why ?? ''}`]);
  }
  return target;
}

async function releaseNotesOnRelease(deps: AppDeps, projectId: string): Promise<ReleaseChoicesView['releaseNotes']> {
  const [{ settings }, site] = await Promise.all([readNotesSettings(deps, projectId), readReportSettings(deps)]);
  if (!settings.publishing.autoPublish) return { publishOnRelease: false, text: 'Release notes are not published on release (switched off in the release-notes settings).' };
  const target = notesTarget(site, settings.publishing);
  if (!target) return { publishOnRelease: false, text: 'Release notes would be published on release, but no Confluence space is set up for them.' };
  return { publishOnRelease: true, text: `Releasing publishes the release notes to the Confluence space ${target.spaceKey} (the release-notes setting “publish on release” is on).` };
}

export async function getReleaseChoices(deps: AppDeps, context: InvocationContext, payload: VersionOnlyPayload): Promise<ReleaseChoicesView> {
  const session = await openSession(deps, context);
  const version = requireVersion(session, payload.versionId);
  const jql = unresolvedJql(session.project.key, String(version.id));
  const [count, page, releaseNotes] = await Promise.all([
    session.jira.approximateCount(jql),
    session.jira.searchPage(jql, ['summary', 'status', 'issuetype'], { maxResults: UNRESOLVED_LISTED }),
    releaseNotesOnRelease(deps, session.project.id),
  ]);
  const issues: UnresolvedIssue[] = page.issues.map((issue) => ({
    key: issue.key,
    summary: issue.fields.summary ?? '',
    statusName: issue.fields.status?.name ?? '',
    ...(issue.fields.issuetype?.name ? { issueType: issue.fields.issuetype.name } : {}),
  }));
  return {
    versionId: String(version.id),
    versionName: version.name,
    released: version.released === true,
    releaseDate: calendarDateIn(deps.clock.now(), deps.timeZone),
    timeZone: deps.timeZone,
    // The count is approximate; it is never below what was listed.
    unresolved: { count: Math.max(count, issues.length), issues },
    moveTargets: moveTargets(session.versions, version).map((v) => ({ id: String(v.id), name: v.name, ...(v.releaseDate ? { releaseDate: v.releaseDate } : {}) })),
    releaseNotes,
  };
}

/** Jira names the target by its self URL; a version read without one is named by its REST path. */
export function versionSelf(version: JiraVersion): string {
  return version.self ?? `/rest/api/3/version/${encodeURIComponent(String(version.id))}`;
}
