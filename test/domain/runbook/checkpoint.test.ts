import type { UserSummary } from '../../../src/contract-go-no-go';
import type { StepStatus, VoteChoice } from '../../../src/contract-runbook';
import { applyStepAction, runStatus } from '../../../src/domain/runbook/run';
import { tally } from '../../../src/domain/runbook/checkpoint';
import { planProblems } from '../../../src/domain/runbook/validate';
import { PRIYA, RAVI, aPlan, aRun, aStep, t } from '../../support/runbook-builders';

const SAM: UserSummary = { accountId: 'sam', displayName: 'Sam Lee' };
const checkpoint = aStep('go-checkpoint', { kind: 'checkpoint', approvers: ['priya', 'sam'] });
const plan = aPlan([aStep('backup', { kind: 'preparation' }), { ...checkpoint, dependsOn: ['backup'] }, aStep('deploy', { after: ['go-checkpoint'] }), aStep('rb-redeploy', { kind: 'rollback' })]);
const running = (votes: ReadonlyArray<readonly [UserSummary, VoteChoice]> = []) =>
  aRun({ backup: { status: 'completed' }, 'go-checkpoint': { status: 'running', attempts: 1, votes: votes.map(([by, choice]) => ({ by, at: t(1), choice, ...(choice === 'rollback' ? { reason: 'errors up' } : {}) })) } });
const vote = (by: UserSummary, choice: VoteChoice, votes: ReadonlyArray<readonly [UserSummary, VoteChoice]> = [], reason?: string, expectedStatus: StepStatus = 'running') =>
  applyStepAction(plan, running(votes), { stepId: 'go-checkpoint', expectedStatus, action: { type: 'vote', choice, ...(reason !== undefined ? { reason } : {}) }, at: t(5), by });

describe('a go/no-go checkpoint’s vote', () => {
  it.each([
    ['the first continue waits for the other approver', PRIYA, 'continue', [], undefined, { status: 'running', votes: 1 }, 'forward'],
    ['the last continue completes the checkpoint', SAM, 'continue', [[PRIYA, 'continue']], undefined, { status: 'completed', votes: 2 }, 'forward'],
    ['a rollback fails it and switches the run to the rollback steps', SAM, 'rollback', [[PRIYA, 'continue']], 'Error rate doubled', { status: 'failed', votes: 2 }, 'rollback'],
  ] as const)('%s', (_case, by, choice, votes, reason, expected, mode) => {
    const outcome = vote(by, choice, [...votes], reason);
    if (!outcome.ok) throw new Error(outcome.problem);
    expect({ status: outcome.state.status, votes: outcome.state.votes?.length }).toEqual(expected);
    expect(outcome.header?.mode ?? 'forward').toBe(mode);
    if (mode === 'rollback') {
      expect(outcome.header?.rollback?.reason).toBe('Sam Lee voted to roll back at “go checkpoint”: Error rate doubled');
      expect(runStatus(plan, { header: outcome.header!, states: { 'go-checkpoint': outcome.state } })).toBe('rolling-back');
    }
  });

  it.each([
    ['from someone not named', RAVI, 'continue', [], undefined, 'running', 'VALIDATION', 'not among the approvers'],
    ['a second time from the same approver', PRIYA, 'rollback', [[PRIYA, 'continue']], 'changed my mind', 'running', 'CONFLICT', 'voted continue at'],
    ['to roll back without a reason', PRIYA, 'rollback', [], '  ', 'running', 'VALIDATION', 'Say why'],
    ['on a page that saw the checkpoint before it ran', PRIYA, 'continue', [], undefined, 'not-started', 'CONFLICT', 'while you were looking'],
  ] as const)('is refused %s', (_case, by, choice, votes, reason, seen, code, words) => {
    expect(vote(by, choice, [...votes], reason, seen)).toMatchObject({ ok: false, code, problem: expect.stringContaining(words) });
  });

  it('holds the checkpoint until every approver voted continue: completing it early is refused', () => {
    const outcome = applyStepAction(plan, running([[PRIYA, 'continue']]), { stepId: 'go-checkpoint', expectedStatus: 'running', action: { type: 'complete' }, at: t(5), by: RAVI });
    expect(outcome).toMatchObject({ ok: false, problem: expect.stringContaining('waits for the votes of 1 approver') });
  });

  it('is refused on a step that is not a checkpoint with approvers', () => {
    const outcome = applyStepAction(plan, aRun({ backup: { status: 'running' } }), { stepId: 'backup', expectedStatus: 'running', action: { type: 'vote', choice: 'continue' }, at: t(5), by: PRIYA });
    expect(outcome).toMatchObject({ ok: false, problem: expect.stringContaining('not a go/no-go checkpoint') });
  });

  it.each([
    [{ outcome: 'waiting', pending: ['priya', 'sam'] }, []],
    [{ outcome: 'waiting', pending: ['sam'] }, [[PRIYA, 'continue']]],
    [{ outcome: 'continue' }, [[PRIYA, 'continue'], [SAM, 'continue']]],
    [{ outcome: 'rollback', vote: expect.objectContaining({ by: SAM }) }, [[PRIYA, 'continue'], [SAM, 'rollback']]],
  ] as const)('tallies to %o', (expected, votes) => {
    expect(tally(checkpoint, running([...votes]).states['go-checkpoint']!)).toEqual(expected);
  });

  it.each([
    ['approvers on a step that is no checkpoint', aStep('deploy', { approvers: ['priya'] }), 'only a go/no-go checkpoint takes votes'],
    ['the same approver twice', aStep('gate', { kind: 'checkpoint', approvers: ['priya', 'priya'] }), 'names an approver twice'],
  ])('a plan with %s is refused', (_case, step, words) => {
    expect(planProblems(aPlan([step]))).toEqual([expect.stringContaining(words)]);
  });
});
