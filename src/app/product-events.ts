import { z } from 'zod';
import type { AppDeps } from './deps';
import { onVersionReleased } from './release-notes';
import { observationOf, recordVersionObservations } from './version-tracking';
import { forgetProjectVersions } from './session-facts';
import { READINESS_EVENTS, handleReadinessEvent } from './readiness/events';
import { rejudgeMovedDates } from './readiness/release-readiness';

const versionEvent = z
  .object({
    eventType: z.string(),
    /** When Jira raised the event (ms), where the payload says; events can arrive minutes late. */
    timestamp: z.number().int().positive().optional(),
    version: z
      .object({
        id: z.union([z.string(), z.number()]).transform(String),
        name: z.string(),
        projectId: z.union([z.string(), z.number()]).transform(String),
        startDate: z.string().optional(),
        releaseDate: z.string().optional(),
        released: z.boolean().optional(),
      })
      .passthrough(),
  })
  .passthrough();

const VERSION_EVENTS = new Set(['avi:jira:created:version', 'avi:jira:updated:version', 'avi:jira:released:version', 'avi:jira:unreleased:version']);

/**
 * Jira product events. They can arrive late, twice or out of order, so each handler only records
 * facts in an idempotent way; the daily reconciliation repairs anything missed.
 */
export async function handleProductEvent(deps: AppDeps, event: unknown): Promise<{ handled: boolean; detail?: string }> {
  const eventType = (event as { eventType?: unknown })?.eventType;
  if (typeof eventType === 'string' && VERSION_EVENTS.has(eventType)) {
    const parsed = versionEvent.safeParse(event);
    if (!parsed.success) {
      deps.log.warn('version event without a readable version', { eventType });
      return { handled: false, detail: 'unreadable version event' };
    }
    const { version, timestamp } = parsed.data;
    // Stamped with when it happened, not when it was handled: a late or replayed event then falls
    // into its place in the date history instead of re-inserting an old date as the newest.
    const now = deps.clock.now().getTime();
    const happenedAt = timestamp !== undefined ? Math.min(timestamp, now) : now;
    // The runbook's sessions list versions from a few-minute cache: a changed version is listed again at once.
    await forgetProjectVersions(deps, version.projectId);
    const { written } = await recordVersionObservations(deps, version.projectId, [
      observationOf({ ...version }, new Date(happenedAt).toISOString(), 'event'),
    ]);
    let detail = written ? 'version history updated' : 'version unchanged';
    // A moved date changes "Blockers ship no later" with no issue changed: the summaries judged with the old one are
    // judged again (also on a retried event, whose history is already written).
    const rejudged = await rejudgeMovedDates(deps, version.projectId, version.id);
    if (rejudged) detail += `; ${rejudged} readiness summaries judged again`;
    if (READINESS_EVENTS.has(eventType)) detail += `; ${(await handleReadinessEvent(deps, eventType, event)).detail}`;
    if (eventType === 'avi:jira:released:version') {
      // Release notes are published by a queued job (idempotent: a duplicate event finds the page).
      const { queued } = await onVersionReleased(deps, version);
      return { handled: true, detail: `${detail}; ${queued ? 'release notes queued' : 'release notes already queued'}` };
    }
    return { handled: true, detail };
  }
  if (typeof eventType === 'string' && READINESS_EVENTS.has(eventType)) return handleReadinessEvent(deps, eventType, event);
  deps.log.info('event not used yet', { eventType: String(eventType) });
  return { handled: false, detail: 'event type not used' };
}
