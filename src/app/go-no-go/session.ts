import type { ReleaseType, ReleaseTypePolicy, UserSummary } from '../../contract-go-no-go';
import { RELEASE_TYPES } from '../../contract-go-no-go';
import { defaultPolicies } from '../../domain/go-no-go/policies';
import { AppError } from '../../errors';
import type { JiraClient } from '../../integrations/jira/jira-client';
import type { JiraVersion } from '../../integrations/jira/types';
import type { SettingsDoc } from '../../store/go-no-go-store';
import { keys } from '../../store/keys';
import type { AppDeps } from '../deps';
import { type InvocationContext, requireProject } from '../invocation-context';
import { type ProjectAccess, assertCanBrowse, projectAccess } from '../release-managers';
import { callerFacts, projectVersions } from '../session-facts';

/**
 * What every Go/No-Go use case starts from, read in parallel: who is asking and what they may do
 * (Jira's permissions as the user, and the project's release managers), the project's versions
 * (to prove a version in a payload belongs to the project of the context) and its settings.
 */

export interface GoNoGoSettingsState {
  policies: Record<ReleaseType, ReleaseTypePolicy>;
  names: Record<string, string>;
  saved: boolean;
  updatedAt?: string;
  updatedBy?: UserSummary;
}

export interface BoardSession {
  deps: AppDeps;
  context: InvocationContext;
  project: { id: string; key: string };
  jira: JiraClient;
  access: ProjectAccess;
  /** Project administrators and the project's release managers (src/app/release-managers.ts). */
  isReleaseManager: boolean;
  versions: JiraVersion[];
  settings: GoNoGoSettingsState;
  /** The caller's name as Jira has it now (one call, made when first needed). */
  actor(): Promise<UserSummary>;
  /** Whether the caller is in the Jira group (one call for the session, made when first needed; cached sessions keep it a few minutes). */
  memberOf(groupName: string): Promise<boolean>;
}

export function settingsState(doc: SettingsDoc | undefined): GoNoGoSettingsState {
  const defaults = defaultPolicies();
  const policies = Object.fromEntries(RELEASE_TYPES.map((type) => [type, doc?.policies[type] ?? defaults[type]])) as Record<ReleaseType, ReleaseTypePolicy>;
  return {
    policies,
    names: doc?.names ?? {},
    saved: doc !== undefined,
    ...(doc ? { updatedAt: doc.updatedAt, updatedBy: doc.updatedBy } : {}),
  };
}

/**
 * `cached`: the caller's permissions and name and the project's versions come from app storage
 * while younger than a few minutes, and the versions only while they hold every id in `versionIds` (src/app/session-facts.ts; the go-live run, whose every step
 * change and every watcher's refresh would otherwise ask Jira three times). Without it, Jira is
 * asked: the Go/No-Go board's decisions change versions in Jira and are made a few times a release.
 */
export async function openSession(deps: AppDeps, context: InvocationContext, options: { versions?: boolean; cached?: boolean; versionIds?: readonly string[] } = {}): Promise<BoardSession> {
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  const facts = options.cached ? callerFacts(deps, jira, context.accountId, project) : undefined;
  // The permission check runs alongside the reads; nothing read is used unless it passes, and
  // its refusal wins over the reads' own errors.
  const [access, versions, settingsDoc] = await Promise.allSettled([
    projectAccess(deps, jira, context, project.key, facts?.permissions),
    options.versions === false ? Promise.resolve([]) : facts ? projectVersions(deps, jira, project, options.versionIds) : jira.listVersions(project.key),
    deps.store.getVersioned<SettingsDoc>(keys.goNoGoSettings(project.id)),
  ]);
  if (access.status === 'rejected') throw access.reason;
  assertCanBrowse(access.value);
  if (versions.status === 'rejected') throw versions.reason;
  if (settingsDoc.status === 'rejected') throw settingsDoc.reason;
  let actor: Promise<UserSummary> | undefined;
  let groups: Promise<string[]> | undefined;
  return {
    deps,
    context,
    project,
    jira,
    access: access.value,
    isReleaseManager: access.value.canEdit,
    versions: versions.value,
    settings: settingsState(settingsDoc.value?.value),
    actor: () =>
      (actor ??= facts
        ? facts.displayName().then((displayName) => ({ accountId: context.accountId, displayName }))
        : jira.usersByIds([context.accountId]).then((users) => ({ accountId: context.accountId, displayName: users[0]?.displayName ?? context.accountId }))),
    memberOf: async (groupName) => (facts ? facts.inGroup(groupName) : (await (groups ??= jira.myselfWithGroups().then((me) => me.groups))).includes(groupName)),
  };
}

export function requireReleaseManager(session: BoardSession, what: string): void {
  if (!session.isReleaseManager) {
    throw new AppError('FORBIDDEN', `Only administrators of ${session.project.key} and its release managers can ${what}.`);
  }
}

/** The version named in a payload, only if it is a version of the context's project. */
export function requireVersion(session: BoardSession, versionId: string): JiraVersion {
  const version = session.versions.find((v) => String(v.id) === versionId);
  if (!version) {
    throw new AppError('NOT_FOUND', `Version ${versionId} is not a version of ${session.project.key} that you can see.`, [
      'versionId: the version must belong to the project of this page.',
    ]);
  }
  return version;
}

export function userOf(session: BoardSession): (accountId: string) => UserSummary {
  return (accountId) => ({ accountId, displayName: session.settings.names[accountId] ?? accountId });
}
