/**
 * A deployment event has a lifecycle: a pipeline reports `pending`, then `in_progress`, then one
 * outcome (`successful`, `failed`, `rolled_back`, `cancelled`); a retried job may report a newer
 * outcome for the same id. Updates are accepted in that order (a newer `updatedAt` wins among
 * outcomes); anything else under a known id is a conflicting replay, refused rather than guessed.
 */
import type { DeploymentEvent, StoredDeployment } from './deployment-event';

const RANK: Record<DeploymentEvent['status'], number> = { pending: 0, in_progress: 1, successful: 2, failed: 2, rolled_back: 2, cancelled: 2 };

/** Deployments before this are typos (year 0000), not history. */
export const EARLIEST_DEPLOYMENT = Date.parse('2000-01-01T00:00:00Z');
/** A deployment is never further in the future than clocks drift. */
export const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

export type UpdateDecision = { kind: 'duplicate' } | { kind: 'update' } | { kind: 'conflict'; reason: string };

function canonical(event: DeploymentEvent): string {
  const entries = Object.entries(event)
    .filter(([key, value]) => key !== 'receivedAt' && value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

function withoutStored(stored: StoredDeployment): DeploymentEvent {
  const { receivedAt: _receivedAt, ...event } = stored;
  return event;
}

/** What to do with an event whose id is already stored. */
export function decideUpdate(stored: StoredDeployment, incoming: DeploymentEvent): UpdateDecision {
  const current = withoutStored(stored);
  if (canonical(current) === canonical(incoming)) return { kind: 'duplicate' };
  const from = RANK[current.status];
  const to = RANK[incoming.status];
  if (to > from) return { kind: 'update' };
  if (to < from) return { kind: 'conflict', reason: `${current.deploymentId} is already ${current.status}; a ${incoming.status} report cannot follow it.` };
  const newer = incoming.updatedAt && (!current.updatedAt || Date.parse(incoming.updatedAt) > Date.parse(current.updatedAt));
  if (newer) return { kind: 'update' };
  return {
    kind: 'conflict',
    reason: `${current.deploymentId} was already reported with other details; send a newer updatedAt to correct it (${current.updatedAt ? `last ${current.updatedAt}` : 'none was sent'}).`,
  };
}

/** Problems with the event's dates against "now" (empty when plausible). */
export function implausibleDates(event: Pick<DeploymentEvent, 'deployedAt' | 'updatedAt'>, now: number): string[] {
  const problems: string[] = [];
  for (const field of ['deployedAt', 'updatedAt'] as const) {
    const text = event[field];
    if (!text) continue;
    const at = Date.parse(text);
    if (at < EARLIEST_DEPLOYMENT) problems.push(`${field}: ${text} is before 2000; send the real time of the deployment.`);
    else if (at > now + FUTURE_TOLERANCE_MS) problems.push(`${field}: ${text} is more than a day in the future.`);
  }
  return problems;
}
