/**
 * The Jira facts a project-page session starts from (the caller's permissions and name, the
 * project's versions), kept in app storage for a few minutes so the calls a live go-live run makes
 * every few seconds (each step change, each watcher's refresh) ask Jira nothing.
 *
 * Who is asking still comes from the invocation context: the cache is keyed by the context's
 * account and project, and holds only what Jira answered that account. The bound is
 * ACCESS_TTL_MS: a permission taken away in Jira takes effect within it (docs/runbook.md,
 * "Authorization"). Release managers are read from app storage on every call, so a change to
 * them takes effect at once. Only a grant is kept: a refusal is asked again every time, so a
 * permission given takes effect at once too.
 */
import { createHash } from 'node:crypto';
import type { JiraClient, JiraPermission } from '../integrations/jira/jira-client';
import type { JiraVersion } from '../integrations/jira/types';
import { keys } from '../store/keys';
import type { AppDeps } from './deps';

/** How long a caller's permissions (and name) read from Jira are trusted: a revoked permission takes effect within this. */
export const ACCESS_TTL_MS = 5 * 60_000;
/** How long a project's version list is trusted; version events drop it sooner. */
export const VERSIONS_TTL_MS = 5 * 60_000;
/** A version list bigger than this is not kept (values must stay under 240 KiB); it is asked of Jira every time. */
const MAX_CACHED_VERSIONS_BYTES = 180 * 1024;

type SessionPermission = Extract<JiraPermission, 'BROWSE_PROJECTS' | 'ADMINISTER_PROJECTS'>;
export type SessionPermissions = Record<SessionPermission, boolean>;

interface AccessCacheDoc {
  checkedAt: string;
  permissions: SessionPermissions;
  displayName?: string;
  /** The caller's Jira groups, kept like the permissions: a group that is not listed is asked again. */
  groups?: string[];
}

interface VersionsCacheDoc {
  checkedAt: string;
  versions: JiraVersion[];
}

const fresh = (deps: Pick<AppDeps, 'clock'>, checkedAt: string | undefined, ttl: number): boolean => {
  if (checkedAt === undefined) return false;
  const age = deps.clock.now().getTime() - Date.parse(checkedAt);
  return age >= 0 && age < ttl;
};

const accessKey = (projectId: string, accountId: string) => keys.accessCache(projectId, createHash('sha256').update(accountId).digest('hex').slice(0, 32));

/**
 * The caller's facts for one project: their permissions (from storage while fresh, else one
 * Jira call) and their display name (likewise, asked only when first needed).
 */
export interface CallerFacts {
  permissions(): Promise<SessionPermissions>;
  displayName(): Promise<string>;
  /** Whether the caller is in the Jira group: a membership kept while fresh, else one Jira call (a new membership counts at once, a removed one within ACCESS_TTL_MS). */
  inGroup(groupName: string): Promise<boolean>;
}

export function callerFacts(deps: AppDeps, jira: JiraClient, accountId: string, project: { id: string; key: string }): CallerFacts {
  const key = accessKey(project.id, accountId);
  let stored: Promise<AccessCacheDoc | undefined> | undefined;
  const read = () => (stored ??= deps.store.get<AccessCacheDoc>(key).then((doc) => (doc && fresh(deps, doc.checkedAt, ACCESS_TTL_MS) ? doc : undefined)));
  let permissions: Promise<SessionPermissions> | undefined;
  let name: Promise<string> | undefined;
  let groups: Promise<string[]> | undefined;
  // A cache of what Jira said: losing this write to a concurrent one only costs another Jira call.
  const remember = async (doc: AccessCacheDoc) => {
    if (!doc.permissions.BROWSE_PROJECTS) return;
    try {
      await deps.store.set(key, doc);
    } catch (error) {
      deps.log.warn('could not keep the caller’s permissions', { error: String(error) });
    }
  };
  return {
    permissions: () =>
      (permissions ??= read().then(async (doc) => {
        if (doc) return doc.permissions;
        const answer = await jira.myPermissions(project.key, ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS']);
        const granted = { BROWSE_PROJECTS: answer.BROWSE_PROJECTS, ADMINISTER_PROJECTS: answer.ADMINISTER_PROJECTS };
        await remember({ checkedAt: deps.clock.now().toISOString(), permissions: granted });
        stored = Promise.resolve({ checkedAt: deps.clock.now().toISOString(), permissions: granted });
        return granted;
      })),
    displayName: () =>
      (name ??= read().then(async (doc) => {
        if (doc?.displayName !== undefined) return doc.displayName;
        const users = await jira.usersByIds([accountId]);
        const displayName = users[0]?.displayName ?? accountId;
        // Kept only beside permissions this call has already proved (read or asked).
        const proved = doc ?? (await stored);
        if (proved) await remember({ ...proved, displayName });
        return displayName;
      })),
    inGroup: async (groupName) => {
      const doc = await read();
      if (doc?.groups?.includes(groupName)) return true;
      groups ??= jira.myselfWithGroups().then(async (me) => {
        // Kept only beside permissions this call has already proved (read or asked).
        const proved = await read();
        if (proved) await remember({ ...proved, groups: me.groups });
        return me.groups;
      });
      return (await groups).includes(groupName);
    },
  };
}

/**
 * A project's versions: from storage while fresh and holding every version the call names (a
 * version created a moment ago, before its event dropped the list, is found by listing again),
 * else listed by Jira as the caller (who must browse the project) and kept.
 */
export async function projectVersions(deps: AppDeps, jira: JiraClient, project: { id: string; key: string }, named: readonly string[] = []): Promise<JiraVersion[]> {
  const key = keys.versionsCache(project.id);
  const doc = await deps.store.get<VersionsCacheDoc>(key);
  if (doc && fresh(deps, doc.checkedAt, VERSIONS_TTL_MS) && named.every((id) => doc.versions.some((v) => String(v.id) === id))) return doc.versions;
  const versions = await jira.listVersions(project.key);
  const value: VersionsCacheDoc = { checkedAt: deps.clock.now().toISOString(), versions };
  if (JSON.stringify(value).length <= MAX_CACHED_VERSIONS_BYTES) {
    try {
      await deps.store.set(key, value);
    } catch (error) {
      deps.log.warn('could not keep the project’s versions', { project: project.key, error: String(error) });
    }
  }
  return versions;
}

/** A version changed in Jira (an event, or the app's own change): the next session lists them again. */
export async function forgetProjectVersions(deps: Pick<AppDeps, 'store'>, projectId: string | number): Promise<void> {
  await deps.store.delete(keys.versionsCache(String(projectId)));
}
