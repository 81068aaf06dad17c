import type { UserSummary } from '../../contract-go-no-go';
import type { CheckpointVote, RunHeader, RunbookStep, StepRunState, VoteChoice } from '../../contract-runbook';
import { RUNBOOK_LIMITS } from '../../contract-runbook';

/**
 * A go/no-go checkpoint during the run: the step's named approvers each vote continue or
 * rollback while it runs. One rollback vote (with its reason) fails the checkpoint and switches
 * the run to its rollback steps; the last continue vote completes it. Each approver votes once.
 */

export type Tally = { outcome: 'rollback'; vote: CheckpointVote } | { outcome: 'continue' } | { outcome: 'waiting'; pending: string[] };

export const approversOf = (step: RunbookStep): string[] => (step.kind === 'checkpoint' ? (step.approvers ?? []) : []);

export function tally(step: RunbookStep, state: Pick<StepRunState, 'votes'>): Tally {
  const votes = state.votes ?? [];
  const rollback = votes.find((v) => v.choice === 'rollback');
  if (rollback) return { outcome: 'rollback', vote: rollback };
  const voted = new Set(votes.map((v) => v.by.accountId));
  const pending = approversOf(step).filter((id) => !voted.has(id));
  return pending.length ? { outcome: 'waiting', pending } : { outcome: 'continue' };
}

export type VoteOutcome = { ok: true; state: StepRunState; header?: RunHeader; summary: string } | { ok: false; code: 'VALIDATION' | 'CONFLICT'; problem: string };

export function applyVote(
  step: RunbookStep,
  current: StepRunState,
  header: RunHeader,
  input: { choice: VoteChoice; reason?: string; at: string; by: UserSummary; hasRollbackSteps: boolean },
): VoteOutcome {
  const title = `“${step.title}”`;
  const refuse = (problem: string, code: 'VALIDATION' | 'CONFLICT' = 'VALIDATION') => ({ ok: false as const, code, problem });
  const approvers = approversOf(step);
  if (!approvers.length) return refuse(`${title} is not a go/no-go checkpoint with named approvers: nobody votes on it.`);
  if (!approvers.includes(input.by.accountId)) return refuse(`${input.by.displayName} is not among the approvers of ${title}.`);
  if (current.status !== 'running') return refuse(`${title} is not running: votes are taken while the checkpoint runs.`);
  if (header.mode === 'rollback') return refuse('The run is rolling back already: the checkpoint takes no more votes.', 'CONFLICT');
  const earlier = (current.votes ?? []).find((v) => v.by.accountId === input.by.accountId);
  if (earlier) return refuse(`${input.by.displayName} voted ${earlier.choice} at ${earlier.at} already; each approver votes once.`, 'CONFLICT');
  const reason = input.reason?.trim() ?? '';
  if (input.choice === 'rollback' && !reason) return refuse(`Say why ${title} should roll back.`);
  if (input.choice === 'rollback' && !input.hasRollbackSteps) return refuse('The runbook has no rollback steps: add them to the plan before voting to roll back.');
  if (reason.length > RUNBOOK_LIMITS.reason) return refuse(`A reason holds at most ${RUNBOOK_LIMITS.reason} characters.`);
  const vote: CheckpointVote = { by: input.by, at: input.at, choice: input.choice, ...(input.choice === 'rollback' ? { reason } : {}) };
  const voted: StepRunState = { ...current, votes: [...(current.votes ?? []), vote] };
  const result = tally(step, voted);
  if (result.outcome === 'rollback') {
    const why = `${input.by.displayName} voted to roll back at ${title}: ${reason}`;
    return {
      ok: true,
      state: { ...voted, status: 'failed', endedAt: input.at, by: input.by, reason: why },
      header: { ...header, mode: 'rollback', rollback: { at: input.at, by: input.by, reason: why } },
      summary: `${why}. The run switched to the rollback steps.`,
    };
  }
  if (result.outcome === 'continue') return { ok: true, state: { ...voted, status: 'completed', endedAt: input.at, by: input.by }, summary: `Every approver voted continue: ${title} completed.` };
  return { ok: true, state: voted, summary: `${input.by.displayName} voted continue at ${title}; waiting for ${result.pending.length} more.` };
}
