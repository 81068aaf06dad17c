/**
 * Scheduled triggers that finish or say why. Forge never re-runs a failed scheduled trigger, so a
 * run that fails (quota, outage) records its outcome where the settings page shows it and re-queues
 * itself with backoff (waiting for the quota's reset when Jira names it), a bounded number of times.
 */
import { AppError } from '../errors';
import { keys } from '../store/keys';
import type { AppDeps } from './deps';
import { job } from './jobs-catalog';

export const SCHEDULED_JOBS = ['daily-sync', 'weekly-reports', 'weekly-kpis'] as const;
export type ScheduledJob = (typeof SCHEDULED_JOBS)[number];

/** How often a failed run re-queues itself before it waits for the next scheduled trigger. */
export const SCHEDULED_RETRIES = 5;
/** Forge delays a queued event by at most 900 s. */
const MAX_DELAY_SECONDS = 900;

export interface JobOutcome {
  job: ScheduledJob;
  at: string;
  ok: boolean;
  /** What went wrong, in the words users read on the settings page. */
  error?: string;
  /** When the run will be tried again, if it will. */
  retryAt?: string;
  attempt: number;
}

export async function readJobOutcomes(deps: Pick<AppDeps, 'store'>): Promise<JobOutcome[]> {
  const found = await deps.store.batchGet<JobOutcome>(SCHEDULED_JOBS.map((name) => keys.jobOutcome(name)));
  return [...found.values()];
}

/** Runs `work`, recording the outcome; on failure re-queues the run and answers `{ failed: true }`. */
export async function runScheduled<T>(deps: AppDeps, name: ScheduledJob, attempt: number, work: () => Promise<T>): Promise<T | { failed: true; retryAt?: string }> {
  const now = deps.clock.now();
  try {
    const result = await work();
    await deps.store.set<JobOutcome>(keys.jobOutcome(name), { job: name, at: deps.clock.now().toISOString(), ok: true, attempt });
    return result;
  } catch (error) {
    const waitUntil = error instanceof AppError && error.retryAt ? error.retryAt.getTime() : undefined;
    const backoff = Math.min(MAX_DELAY_SECONDS, 60 * 2 ** attempt);
    const delaySeconds = waitUntil ? Math.min(MAX_DELAY_SECONDS, Math.max(backoff, Math.ceil((waitUntil - now.getTime()) / 1000))) : backoff;
    const retrying = attempt < SCHEDULED_RETRIES;
    const retryAt = retrying ? new Date(now.getTime() + delaySeconds * 1000).toISOString() : undefined;
    const outcome: JobOutcome = {
      job: name,
      at: now.toISOString(),
      ok: false,
      error: error instanceof AppError ? error.message : `The ${name} run failed unexpectedly.`,
      attempt,
      ...(retryAt ? { retryAt } : {}),
    };
    await deps.store.set<JobOutcome>(keys.jobOutcome(name), outcome);
    deps.log.warn('scheduled run failed', { job: name, attempt, error: String(error), retryAt: retryAt ?? null });
    if (retrying) await deps.queue.push([job('retry-scheduled', { job: name, attempt: attempt + 1 })], { delaySeconds });
    return { failed: true, ...(retryAt ? { retryAt } : {}) };
  }
}
