import { calendarDateIn } from '../domain/calendar/calendar-date';
import { keys } from '../store/keys';
import type { AppDeps } from './deps';
import { job } from './jobs-catalog';
import { syncStartJitterSeconds } from './kpi-backfill-pacing';
import { runScheduled } from './scheduled-runs';

const PUSH_CHUNK = 50;

/**
 * The daily reconciliation: repairs whatever product events missed (they can be late or dropped).
 * Forge may run a scheduled trigger twice and never re-runs a failed one. So the day is claimed
 * only once its work is queued (a duplicate run queues idempotent jobs at worst), and a failed run
 * records why and re-queues itself (src/app/scheduled-runs.ts).
 */
export async function runDailySync(deps: AppDeps, attempt = 0): Promise<{ skipped: boolean; projects: number; failed?: boolean }> {
  const day = calendarDateIn(deps.clock.now(), 'UTC');
  if (await deps.store.get(keys.jobRun('daily-sync', day))) {
    deps.log.info('daily sync already ran today', { day });
    return { skipped: true, projects: 0 };
  }
  const result = await runScheduled(deps, 'daily-sync', attempt, async () => {
    const projects = await deps.jiraAsApp().listProjects();
    const pushAll = async (type: 'reconcile-project-versions' | 'reconcile-project-readiness' | 'kpi-sync', options?: { delaySeconds: number }) => {
      for (let i = 0; i < projects.length; i += PUSH_CHUNK) await deps.queue.push(projects.slice(i, i + PUSH_CHUNK).map((p) => job(type, { projectId: p.id, projectKey: p.key })), options);
    };
    await pushAll('reconcile-project-versions');
    // Release readiness roll-ups: one job per project, which fans out one per unreleased version.
    await pushAll('reconcile-project-readiness');
    // Delivery KPIs: the issue-fact sync of each project (a backfill the first time, a delta after),
    // started at the installation's own offset so sites do not all reach Jira in the same minute.
    await pushAll('kpi-sync', { delaySeconds: await syncStartJitterSeconds(deps) });
    await deps.store.set(keys.jobRun('daily-sync', day), { queuedAt: deps.clock.now().toISOString(), projects: projects.length });
    deps.log.info('daily sync queued', { day, projects: projects.length });
    return { skipped: false, projects: projects.length };
  });
  return 'failed' in result ? { skipped: false, projects: 0, failed: true } : result;
}
