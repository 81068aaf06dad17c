/**
 * Deployment events filed for the KPIs: per project and month, compact, and lossless (unlike a
 * calendar view, every event of the window counts). One key per deployment stays the create-once
 * record that makes ingestion idempotent; this index is what a KPI run reads: a year of a busy
 * project is a dozen documents instead of thousands of keys.
 */
import type { StoredDeployment } from './deployment-event';

export interface IndexedDeployment {
  id: string;
  /** The environment as the pipeline named it; classified (production or not) when KPIs are computed. */
  env: string;
  status: StoredDeployment['status'];
  /** ISO instant, UTC. */
  at: string;
  version?: string;
  issueKeys?: string[];
  rollback?: true;
  hotfix?: true;
  url?: string;
  /** Commits brought to production: [short sha, ISO instant]; at most 200, the oldest kept. */
  commits?: Array<[string, string]>;
}

export interface DeploymentIndexDoc {
  entries: IndexedDeployment[];
}

/** A month document is closed at this size and the next part takes new entries. */
export const DEPLOYMENT_INDEX_BUDGET_BYTES = 200 * 1024;

export function indexedDeploymentOf(event: StoredDeployment): IndexedDeployment {
  return {
    id: event.deploymentId,
    env: event.environment,
    status: event.status,
    at: new Date(event.deployedAt).toISOString(),
    ...(event.version ? { version: event.version } : {}),
    ...(event.issueKeys?.length ? { issueKeys: [...new Set(event.issueKeys)] } : {}),
    ...(event.isRollback ? { rollback: true as const } : {}),
    ...(event.isHotfix ? { hotfix: true as const } : {}),
    ...(commitsOf(event).length ? { commits: commitsOf(event) } : {}),
    ...(event.pipeline?.url ? { url: event.pipeline.url } : {}),
  };
}

/** The event's commit times, oldest first (`firstCommitAt` alone counts as one commit). */
function commitsOf(event: StoredDeployment): Array<[string, string]> {
  const list: Array<[string, string]> = (event.commits ?? []).map((c) => [c.sha.slice(0, 12).toLowerCase(), new Date(c.committedAt).toISOString()]);
  if (!list.length && event.firstCommitAt) list.push([event.commit?.slice(0, 12).toLowerCase() ?? 'first', new Date(event.firstCommitAt).toISOString()]);
  return list.sort((a, b) => a[1].localeCompare(b[1])).slice(0, 200);
}

/** The projects a deployment belongs to: its projectKey and the projects of the issues it names. */
export function projectsOfDeployment(event: Pick<StoredDeployment, 'projectKey' | 'issueKeys'>): string[] {
  const projects = new Set<string>();
  if (event.projectKey) projects.add(event.projectKey);
  for (const key of event.issueKeys ?? []) projects.add(key.slice(0, key.lastIndexOf('-')));
  return [...projects].sort();
}

/** yyyy-MM of the deployment, UTC. */
export function monthOfInstant(iso: string): string {
  return new Date(iso).toISOString().slice(0, 7);
}

/** Every month (yyyy-MM, UTC) from the one holding `fromMs` to the one holding `toMs`. */
export function monthsBetween(fromMs: number, toMs: number): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(new Date(fromMs).getUTCFullYear(), new Date(fromMs).getUTCMonth(), 1));
  while (cursor.getTime() <= toMs) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

function size(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/**
 * Adds an entry, or replaces the one with its id (a status update): `present` when the same entry
 * is filed already, `full` when this part has no room.
 */
export function appendToIndex(doc: DeploymentIndexDoc, entry: IndexedDeployment): DeploymentIndexDoc | 'present' | 'full' {
  const existing = doc.entries.find((e) => e.id === entry.id);
  if (existing && JSON.stringify(existing) === JSON.stringify(entry)) return 'present';
  const others = doc.entries.filter((e) => e.id !== entry.id);
  const next = { entries: [...others, entry].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)) };
  if (existing) return next;
  if (doc.entries.length > 0 && size(next) > DEPLOYMENT_INDEX_BUDGET_BYTES) return 'full';
  return next;
}

/** The document without the entry of `id`, or undefined when it holds none. */
export function removeFromIndex(doc: DeploymentIndexDoc, id: string): DeploymentIndexDoc | undefined {
  return doc.entries.some((e) => e.id === id) ? { entries: doc.entries.filter((e) => e.id !== id) } : undefined;
}
