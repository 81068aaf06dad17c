/**
 * Who may change a project's release plan (and, later, record Go/No-Go decisions): project
 * administrators (Jira's ADMINISTER_PROJECTS) and the project's release managers, a list of
 * accounts project administrators keep in the app. Both need Browse Projects too, so taking
 * someone off the project takes their release-manager rights with it. Decided on the server from
 * the invocation context, never from a payload.
 */
import { AppError, ConflictError } from '../errors';
import type { JiraClient } from '../integrations/jira/jira-client';
import { keys } from '../store/keys';
import { updateVersioned } from '../store/versioned-update';
import type { AppDeps } from './deps';
import { type InvocationContext, requireProject } from './invocation-context';

export const MAX_RELEASE_MANAGERS = 50;

export interface ReleaseManagersDoc {
  accountIds: string[];
  updatedAt?: string;
  updatedBy?: string;
}

export interface ProjectAccess {
  projectKey: string;
  canBrowse: boolean;
  isProjectAdmin: boolean;
  isReleaseManager: boolean;
  /** May change the release plan: browses the project and administers it or is a release manager. */
  canEdit: boolean;
}

export async function readReleaseManagers(deps: Pick<AppDeps, 'store'>, projectKey: string): Promise<string[]> {
  const doc = await deps.store.getVersioned<ReleaseManagersDoc>(keys.releaseManagers(projectKey));
  return doc?.value.accountIds ?? [];
}

/**
 * One Jira call (both permissions at once) and one store read, in parallel. `permissionsOf` may
 * answer the permissions instead (the sessions' few-minute cache, src/app/session-facts.ts).
 */
export async function projectAccess(
  deps: AppDeps,
  jira: JiraClient,
  context: InvocationContext,
  projectKey: string,
  permissionsOf: () => Promise<Record<'BROWSE_PROJECTS' | 'ADMINISTER_PROJECTS', boolean>> = () => jira.myPermissions(projectKey, ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS']),
): Promise<ProjectAccess> {
  const [permissions, managers] = await Promise.all([
    permissionsOf(),
    readReleaseManagers(deps, projectKey),
  ]);
  const canBrowse = permissions.BROWSE_PROJECTS;
  const isProjectAdmin = permissions.ADMINISTER_PROJECTS;
  const isReleaseManager = managers.includes(context.accountId);
  return { projectKey, canBrowse, isProjectAdmin, isReleaseManager, canEdit: canBrowse && (isProjectAdmin || isReleaseManager) };
}

export function assertCanBrowse(access: ProjectAccess): void {
  if (!access.canBrowse) throw new AppError('FORBIDDEN', `You need the Browse Projects permission in ${access.projectKey} to see its releases.`);
}

export function assertCanEdit(access: ProjectAccess): void {
  assertCanBrowse(access);
  if (!access.canEdit) {
    throw new AppError('FORBIDDEN', `Only administrators of ${access.projectKey} and its release managers can change its release plan.`);
  }
}

/** The context's project and the caller's access to it; refuses anyone who may not edit its plan. */
export async function requireReleaseEditor(deps: AppDeps, context: InvocationContext): Promise<ProjectAccess & { jira: JiraClient }> {
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  const access = await projectAccess(deps, jira, context, project.key);
  assertCanEdit(access);
  return { ...access, jira };
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((id) => set.has(id));
}

/**
 * Replaces the project's release managers. Project administrators only; every account must be a
 * person Jira knows, so a typo cannot silently grant nothing (or the wrong person) the role.
 */
export async function setReleaseManagers(deps: AppDeps, context: InvocationContext, accountIds: string[], expectedAccountIds?: string[]): Promise<string[]> {
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  const access = await projectAccess(deps, jira, context, project.key);
  assertCanBrowse(access);
  if (!access.isProjectAdmin) throw new AppError('FORBIDDEN', `Only administrators of ${project.key} can choose its release managers.`);
  const wanted = [...new Set(accountIds)];
  if (wanted.length > MAX_RELEASE_MANAGERS) throw new AppError('VALIDATION', undefined, [`accountIds: at most ${MAX_RELEASE_MANAGERS} release managers.`]);
  const known = wanted.length ? new Set((await jira.usersByIds(wanted)).map((u) => u.accountId)) : new Set<string>();
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length) throw new AppError('VALIDATION', undefined, unknown.map((id) => `accountIds: Jira has no user “${id.slice(0, 60)}”.`));
  const now = deps.clock.now().toISOString();
  const { value } = await updateVersioned<ReleaseManagersDoc>(
    deps.store,
    keys.releaseManagers(project.key),
    () => ({ accountIds: [] }),
    (current) => {
      // From a page: the managers it showed must still be the stored ones, or another admin's change would be lost.
      if (expectedAccountIds && !sameMembers(current.accountIds, expectedAccountIds)) {
        throw new ConflictError(`Someone else changed the release managers of ${project.key} since you opened this page. Reload to see their change, then make yours again.`);
      }
      return current.accountIds.length === wanted.length && current.accountIds.every((id, i) => id === wanted[i]) ? undefined : { accountIds: wanted, updatedAt: now, updatedBy: context.accountId };
    },
  );
  return value.accountIds;
}
