import { calendarDateIn } from '../domain/calendar/calendar-date';
import { keys } from '../store/keys';
import type { AppDeps } from './deps';
import { job } from './jobs-catalog';

/**
 * The daily reconciliation: repairs whatever product events missed (they can be late or dropped).
 * Forge may run a scheduled trigger twice; the per-day marker makes the second run a no-op, and
 * the real work is fanned out to the queue, one job per project, so no run nears its time limit.
 */
export async function runDailySync(deps: AppDeps): Promise<{ skipped: boolean; projects: number }> {
  const day = calendarDateIn(deps.clock.now(), 'UTC');
  const claimed = await deps.store.setIfAbsent(keys.jobRun('daily-sync', day), { startedAt: deps.clock.now().toISOString() });
  if (!claimed) {
    deps.log.info('daily sync already ran today', { day });
    return { skipped: true, projects: 0 };
  }
  const projects = await deps.jiraAsApp().listProjects();
  await deps.queue.push(projects.map((p) => job('reconcile-project-versions', { projectId: p.id, projectKey: p.key })));
  // Release readiness roll-ups: one job per project, which fans out one per unreleased version.
  for (let i = 0; i < projects.length; i += 50) {
    await deps.queue.push(projects.slice(i, i + 50).map((p) => job('reconcile-project-readiness', { projectId: p.id, projectKey: p.key })));
  }
  // Delivery KPIs: the issue-fact sync of each project (a backfill the first time, a delta after).
  for (let i = 0; i < projects.length; i += 50) {
    await deps.queue.push(projects.slice(i, i + 50).map((p) => job('kpi-sync', { projectId: p.id, projectKey: p.key })));
  }
  deps.log.info('daily sync queued', { day, projects: projects.length });
  return { skipped: false, projects: projects.length };
}
