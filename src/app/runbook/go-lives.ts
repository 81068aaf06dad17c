import type { RunStatus } from '../../contract-runbook';
import { runStatus } from '../../domain/runbook/run';
import { schedulePlan } from '../../domain/runbook/schedule';
import { planProblems } from '../../domain/runbook/validate';
import type { KeyValueStore } from '../../ports';
import { planOf, readPlan, readRun, runOf } from './view';

/** A release's planned go-live window, from its runbook, and where its run stands. */
export interface PlannedGoLive {
  versionId: string;
  start: string;
  plannedEnd: string;
  run: RunStatus;
  steps: number;
}

/**
 * The go-lives planned in a project's runbooks, for the given releases: those whose runbook has a
 * go-live start and a plan that can be scheduled (a plan refused for a circle has no planned end).
 * One read of each release's runbook head, more only where a runbook exists.
 */
export async function plannedGoLives(store: KeyValueStore, projectId: string, versionIds: readonly string[]): Promise<PlannedGoLive[]> {
  const found = await Promise.all(
    versionIds.map(async (versionId): Promise<PlannedGoLive | undefined> => {
      const planState = await readPlan(store, projectId, versionId);
      const plan = planOf(planState);
      if (!planState.exists || !plan.goLiveStart || planProblems(plan).length) return undefined;
      const end = schedulePlan(plan).endAt;
      if (!end) return undefined;
      const run = runOf(await readRun(store, projectId, versionId));
      return { versionId, start: plan.goLiveStart, plannedEnd: end, run: runStatus(plan, run), steps: plan.steps.length };
    }),
  );
  return found.filter((g): g is PlannedGoLive => g !== undefined);
}
