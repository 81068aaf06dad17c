/**
 * What a live go-live run waits for from one person: the steps they own that can start now or are
 * running, and the checkpoints where their vote is missing. Pure.
 */
import type { WaitingCheckpoint, WaitingStep } from '../../contract-go-no-go';
import type { RunbookPlan, RunbookStep } from '../../contract-runbook';
import { approversOf, tally } from './checkpoint';
import { type RunRecord, activeSteps, readySteps, stateOf } from './run';

export interface RunbookActor {
  accountId: string;
  /** Lower-case Jira group names; undefined when no step names a group. */
  groups?: ReadonlySet<string>;
  isReleaseManager: boolean;
}

/** Why the step is this person's ("you", the group, "release managers"), or undefined. A step without an owner is the release managers'. */
export function ownedAs(step: RunbookStep, actor: RunbookActor): string | undefined {
  if (!step.owner) return actor.isReleaseManager ? 'release managers' : undefined;
  if (step.owner.type === 'user') return step.owner.accountId === actor.accountId ? 'you' : undefined;
  return actor.groups?.has(step.owner.groupName.toLowerCase()) ? step.owner.groupName : undefined;
}

export function runbookWaitingFor(
  actor: RunbookActor,
  release: { versionId: string; versionName: string; plan: RunbookPlan; run: RunRecord | undefined },
): { steps: WaitingStep[]; checkpoints: WaitingCheckpoint[] } {
  const { plan, run } = release;
  if (!run) return { steps: [], checkpoints: [] };
  const ref = { versionId: release.versionId, versionName: release.versionName };
  const ready = new Set(readySteps(plan, run));
  const steps: WaitingStep[] = [];
  const checkpoints: WaitingCheckpoint[] = [];
  for (const step of activeSteps(plan, run.header.mode)) {
    const state = stateOf(run, step.id);
    const voting = state.status === 'running' && approversOf(step).length > 0;
    if (voting) {
      // A running checkpoint completes by its approvers' votes, not by its owner. (Only a forward
      // run has checkpoints among its active steps: a rollback step is never a checkpoint.)
      const votes = tally(step, state);
      if (votes.outcome === 'waiting' && votes.pending.includes(actor.accountId)) checkpoints.push({ ...ref, stepId: step.id, title: step.title });
      continue;
    }
    const status = ready.has(step.id) ? 'ready' : state.status === 'running' ? 'running' : undefined;
    const owner = status && ownedAs(step, actor);
    if (status && owner) steps.push({ ...ref, stepId: step.id, title: step.title, status, ownedAs: owner });
  }
  return { steps, checkpoints };
}
