import { calendarDateIn } from '../domain/calendar/calendar-date';
import { AppError } from '../errors';
import { keys } from '../store/keys';
import type { AppDeps } from './deps';
import { job } from './jobs-catalog';

/** How often a failed daily run re-queues itself before it waits for tomorrow's trigger. */
export const DAILY_SYNC_RETRIES = 5;
/** Forge delays a queued event by at most 900 s. */
const MAX_DELAY_SECONDS = 900;
const PUSH_CHUNK = 50;

export interface JobOutcome {
  job: string;
  at: string;
  ok: boolean;
  /** What went wrong, in the words users read on the settings page. */
  error?: string;
  /** When the run will be tried again, if it will. */
  retryAt?: string;
  attempt: number;
}

/**
 * The daily reconciliation: repairs whatever product events missed (they can be late or dropped).
 * Forge may run a scheduled trigger twice and never re-runs a failed one. So the day is claimed
 * only once its work is queued (a duplicate run queues idempotent jobs at worst), and a run that
 * fails (quota, outage) records why and re-queues itself with backoff, waiting for the quota's
 * reset when Jira names it, at most DAILY_SYNC_RETRIES times.
 */
export async function runDailySync(deps: AppDeps, attempt = 0): Promise<{ skipped: boolean; projects: number; failed?: boolean }> {
  const now = deps.clock.now();
  const day = calendarDateIn(now, 'UTC');
  if (await deps.store.get(keys.jobRun('daily-sync', day))) {
    deps.log.info('daily sync already ran today', { day });
    return { skipped: true, projects: 0 };
  }
  try {
    const projects = await deps.jiraAsApp().listProjects();
    const pushAll = async (type: 'reconcile-project-versions' | 'reconcile-project-readiness' | 'kpi-sync') => {
      for (let i = 0; i < projects.length; i += PUSH_CHUNK) await deps.queue.push(projects.slice(i, i + PUSH_CHUNK).map((p) => job(type, { projectId: p.id, projectKey: p.key })));
    };
    await pushAll('reconcile-project-versions');
    // Release readiness roll-ups: one job per project, which fans out one per unreleased version.
    await pushAll('reconcile-project-readiness');
    // Delivery KPIs: the issue-fact sync of each project (a backfill the first time, a delta after).
    await pushAll('kpi-sync');
    await deps.store.set(keys.jobRun('daily-sync', day), { queuedAt: deps.clock.now().toISOString(), projects: projects.length });
    await deps.store.set<JobOutcome>(keys.jobOutcome('daily-sync'), { job: 'daily-sync', at: deps.clock.now().toISOString(), ok: true, attempt });
    deps.log.info('daily sync queued', { day, projects: projects.length });
    return { skipped: false, projects: projects.length };
  } catch (error) {
    const waitUntil = error instanceof AppError && error.retryAt ? error.retryAt.getTime() : undefined;
    const backoff = Math.min(MAX_DELAY_SECONDS, 60 * 2 ** attempt);
    const delaySeconds = waitUntil ? Math.min(MAX_DELAY_SECONDS, Math.max(backoff, Math.ceil((waitUntil - now.getTime()) / 1000))) : backoff;
    const retrying = attempt < DAILY_SYNC_RETRIES;
    const outcome: JobOutcome = {
      job: 'daily-sync',
      at: now.toISOString(),
      ok: false,
      error: error instanceof AppError ? error.message : 'The daily sync failed unexpectedly.',
      attempt,
      ...(retrying ? { retryAt: new Date(now.getTime() + delaySeconds * 1000).toISOString() } : {}),
    };
    await deps.store.set<JobOutcome>(keys.jobOutcome('daily-sync'), outcome);
    deps.log.warn('daily sync failed', { attempt, error: String(error), retryAt: outcome.retryAt ?? null });
    if (retrying) await deps.queue.push([job('retry-daily-sync', { attempt: attempt + 1 })], { delaySeconds });
    return { skipped: false, projects: 0, failed: true };
  }
}
