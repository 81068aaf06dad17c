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
  deps.log.info('daily sync queued', { day, projects: projects.length });
  return { skipped: false, projects: projects.length };
}
