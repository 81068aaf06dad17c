import { z } from 'zod';
import type { AppDeps } from './deps';
import { observationOf, recordVersionObservations } from './version-tracking';

const versionEvent = z
  .object({
    eventType: z.string(),
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
    const { version } = parsed.data;
    const { written } = await recordVersionObservations(deps, version.projectId, [
      observationOf({ ...version }, deps.clock.now().toISOString(), 'event'),
    ]);
    return { handled: true, detail: written ? 'version history updated' : 'version unchanged' };
  }
  deps.log.info('event not used yet', { eventType: String(eventType) });
  return { handled: false, detail: 'event type not used' };
}
