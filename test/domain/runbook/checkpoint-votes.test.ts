import type { UserSummary } from '../../../src/contract-go-no-go';
import type { RunHeader, StepRunState, VoteChoice } from '../../../src/contract-runbook';
import { applyVote, approversOf } from '../../../src/domain/runbook/checkpoint';
import { notStarted } from '../../../src/domain/runbook/run';
import { PRIYA, RAVI, aStep, t } from '../../support/runbook-builders';

const SAM: UserSummary = { accountId: 'sam', displayName: 'Sam Lee' };
const checkpoint = aStep('go-checkpoint', { kind: 'checkpoint', approvers: ['priya', 'sam'] });
const header: RunHeader = { startedAt: t(0), startedBy: RAVI, authority: 'go-decision', mode: 'forward' };
const at = t(50);
const running: StepRunState = { status: 'running', startedAt: t(40), by: RAVI, attempts: 1, notes: [] };
const vote = (by: UserSummary, choice: VoteChoice, options: { reason?: string; state?: StepRunState; header?: RunHeader; hasRollbackSteps?: boolean; step?: typeof checkpoint } = {}) =>
  applyVote(options.step ?? checkpoint, options.state ?? running, options.header ?? header, {
    choice,
    ...(options.reason !== undefined ? { reason: options.reason } : {}),
    at,
    by,
    hasRollbackSteps: options.hasRollbackSteps ?? true,
  });
const priyaContinued = { ...running, votes: [{ by: PRIYA, at: t(45), choice: 'continue' as const }] };

describe('an approver’s vote at a running go/no-go checkpoint', () => {
  it('the first continue is kept without a reason, and the checkpoint waits for the others', () => {
    expect(vote(PRIYA, 'continue', { reason: 'dashboards green' })).toStrictEqual({
      ok: true,
      state: { ...running, votes: [{ by: PRIYA, at, choice: 'continue' }] },
      summary: 'Priya Shah voted continue at “go checkpoint”; waiting for 1 more.',
    });
  });

  it('the last continue completes the checkpoint', () => {
    expect(vote(SAM, 'continue', { state: priyaContinued, hasRollbackSteps: false })).toStrictEqual({
      ok: true,
      state: { ...priyaContinued, status: 'completed', endedAt: at, by: SAM, votes: [...priyaContinued.votes, { by: SAM, at, choice: 'continue' }] },
      summary: 'Every approver voted continue: “go checkpoint” completed.',
    });
  });

  it('a rollback, with its reason, fails the checkpoint and switches the run to its rollback steps', () => {
    const why = 'Sam Lee voted to roll back at “go checkpoint”: p95 latency doubled';
    expect(vote(SAM, 'rollback', { state: priyaContinued, reason: '  p95 latency doubled ' })).toStrictEqual({
      ok: true,
      state: { ...priyaContinued, status: 'failed', endedAt: at, by: SAM, reason: why, votes: [...priyaContinued.votes, { by: SAM, at, choice: 'rollback', reason: 'p95 latency doubled' }] },
      header: { ...header, mode: 'rollback', rollback: { at, by: SAM, reason: why } },
      summary: `${why}. The run switched to the rollback steps.`,
    });
  });

  it('a rollback reason of 500 characters is kept', () => {
    const outcome = vote(PRIYA, 'rollback', { reason: 'x'.repeat(500) });
    expect(outcome.ok && outcome.state.votes).toEqual([{ by: PRIYA, at, choice: 'rollback', reason: 'x'.repeat(500) }]);
  });

  it.each([
    ['on a checkpoint that names no approvers', PRIYA, 'continue', { step: aStep('gate', { kind: 'checkpoint' }) }, 'VALIDATION', '“gate” is not a go/no-go checkpoint with named approvers: nobody votes on it.'],
    ['on a step that is no checkpoint, whatever approvers it names', PRIYA, 'continue', { step: aStep('deploy', { approvers: ['priya'] }) }, 'VALIDATION', '“deploy” is not a go/no-go checkpoint with named approvers: nobody votes on it.'],
    ['before the checkpoint runs', PRIYA, 'continue', { state: notStarted() }, 'VALIDATION', '“go checkpoint” is not running: votes are taken while the checkpoint runs.'],
    ['once the run rolls back', PRIYA, 'continue', { header: { ...header, mode: 'rollback' } }, 'CONFLICT', 'The run is rolling back already: the checkpoint takes no more votes.'],
    ['to roll back without saying why', PRIYA, 'rollback', {}, 'VALIDATION', 'Say why “go checkpoint” should roll back.'],
    ['to roll back a runbook without rollback steps', PRIYA, 'rollback', { reason: 'errors up', hasRollbackSteps: false }, 'VALIDATION', 'The runbook has no rollback steps: add them to the plan before voting to roll back.'],
    ['with a reason over 500 characters', PRIYA, 'rollback', { reason: 'x'.repeat(501) }, 'VALIDATION', 'A reason holds at most 500 characters.'],
  ] as const)('is refused %s', (_case, by, choice, options, code, problem) => {
    expect(vote(by, choice, options)).toStrictEqual({ ok: false, code, problem });
  });

  it('names approvers only on a checkpoint', () => {
    expect([approversOf(checkpoint), approversOf(aStep('gate', { kind: 'checkpoint' })), approversOf(aStep('deploy', { approvers: ['priya'] }))]).toEqual([['priya', 'sam'], [], []]);
  });
});
