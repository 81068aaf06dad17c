import type { UserSummary } from '../../../src/contract-go-no-go';
import type { CheckpointVote, StepAction, StepRunState, StepStatus } from '../../../src/contract-runbook';
import { applyStepAction, readySteps, runStatus, startGate, startRollback, startRun } from '../../../src/domain/runbook/run';
import { GO_LIVE, PRIYA, RAVI, aPlan, aRun, aStep, t } from '../../support/runbook-builders';

const SAM: UserSummary = { accountId: 'sam', displayName: 'Sam Lee' };
const KIM: UserSummary = { accountId: 'kim', displayName: 'Kim Ng' };

/** backup → deploy → go-checkpoint (Priya, Sam, Kim approve) → smoke-test; rollback: rb-redeploy. */
const plan = aPlan([
  aStep('backup', { kind: 'preparation' }),
  aStep('deploy', { after: ['backup'] }),
  aStep('go-checkpoint', { kind: 'checkpoint', after: ['deploy'], approvers: ['priya', 'sam', 'kim'] }),
  aStep('smoke-test', { kind: 'verification', after: ['go-checkpoint'] }),
  aStep('rb-redeploy', { kind: 'rollback' }),
]);
const at = t(15);
/** Continue votes, a minute apart from the go-live start on. */
const continuedBy = (...people: UserSummary[]): CheckpointVote[] => people.map((by, i) => ({ by, at: t(i + 1), choice: 'continue' }));
const rollingBack = { mode: 'rollback' as const, rollback: { at: t(10), by: RAVI, reason: 'deploy failed' } };
const act = (states: Record<string, Partial<StepRunState>>, stepId: string, expectedStatus: StepStatus, action: StepAction, header = {}) =>
  applyStepAction(plan, aRun(states, header), { stepId, expectedStatus, action, at, by: PRIYA });

describe('starting a go-live run', () => {
  const gate = startGate({ decision: 'GO', releaseType: 'minor' });

  it('records who started it, when, and on whose authority, with no step touched yet', () => {
    expect(startRun(plan, gate, GO_LIVE, RAVI, undefined)).toStrictEqual({ ok: true, run: { header: { startedAt: GO_LIVE, startedBy: RAVI, authority: 'go-decision', mode: 'forward' }, states: {} } });
  });

  it.each([
    ['without a GO decision', plan, startGate({ decision: undefined, releaseType: 'major' }), 'The release has no GO decision yet: record GO on the Go/No-Go board first (only an emergency release may run without one).'],
    [
      'with a plan that has two problems, naming both',
      aPlan([aStep('deploy', { after: ['ghost'] }), aStep('verify', { after: ['phantom'] })]),
      gate,
      'The runbook cannot run until its plan is fixed: “deploy” depends on “ghost”, which is not a step of this runbook. “verify” depends on “phantom”, which is not a step of this runbook.',
    ],
    ['with rollback steps only', aPlan([aStep('rb', { kind: 'rollback' })]), gate, 'The runbook has no steps to run besides rollback steps.'],
  ])('is refused %s', (_case, p, g, problem) => {
    expect(startRun(p, g, GO_LIVE, RAVI, undefined)).toStrictEqual({ ok: false, code: 'VALIDATION', problem });
  });
});

describe('the run before it starts', () => {
  it('is not started and has no step ready', () => {
    expect(runStatus(plan, undefined)).toBe('not-started');
    expect(readySteps(plan, undefined)).toEqual([]);
  });

  it('does not wait on a dependency the plan no longer has', () => {
    const edited = aPlan([aStep('deploy', { after: ['removed-step'] })]);
    expect(readySteps(edited, aRun())).toEqual(['deploy']);
  });
});

describe('a step action the run accepts', () => {
  it.each([
    [
      'starting a ready step',
      {},
      'backup',
      'not-started',
      { type: 'start' },
      { status: 'running', startedAt: at, by: PRIYA, attempts: 1, notes: [], history: [{ status: 'running', at, by: PRIYA }] },
      'Started “backup”.',
    ],
    [
      'restarting a failed step, which forgets the failure',
      { backup: { status: 'failed', startedAt: t(0), endedAt: t(5), by: RAVI, reason: 'disk full', attempts: 1 } },
      'backup',
      'failed',
      { type: 'start' },
      { status: 'running', startedAt: at, by: PRIYA, attempts: 2, notes: [], history: [{ status: 'running', at, by: PRIYA }] },
      'Restarted “backup”.',
    ],
    [
      'completing a running step',
      { backup: { status: 'running', startedAt: t(0), by: RAVI, attempts: 1 } },
      'backup',
      'running',
      { type: 'complete' },
      { status: 'completed', startedAt: t(0), endedAt: at, by: PRIYA, attempts: 1, notes: [], history: [{ status: 'completed', at, by: PRIYA }] },
      'Completed “backup”.',
    ],
    [
      'failing a running step, with the reason trimmed',
      { backup: { status: 'running', startedAt: t(0), by: RAVI, attempts: 1 } },
      'backup',
      'running',
      { type: 'fail', reason: ' disk full ' },
      { status: 'failed', startedAt: t(0), endedAt: at, by: PRIYA, reason: 'disk full', attempts: 1, notes: [], history: [{ status: 'failed', at, by: PRIYA, reason: 'disk full' }] },
      '“backup” failed: disk full',
    ],
    [
      'skipping a step',
      {},
      'backup',
      'not-started',
      { type: 'skip', reason: 'taken at 18:00' },
      { status: 'skipped', endedAt: at, by: PRIYA, reason: 'taken at 18:00', attempts: 0, notes: [], history: [{ status: 'skipped', at, by: PRIYA, reason: 'taken at 18:00' }] },
      'Skipped “backup”: taken at 18:00',
    ],
    [
      'a note, which changes no status and so adds no history',
      {},
      'deploy',
      'not-started',
      { type: 'note', text: ' Ops on the bridge ' },
      { status: 'not-started', attempts: 0, notes: [{ at, by: PRIYA, text: 'Ops on the bridge' }] },
      'Noted on “deploy”: Ops on the bridge',
    ],
    [
      'a fail reason of the most characters a reason holds',
      { backup: { status: 'running', attempts: 1 } },
      'backup',
      'running',
      { type: 'fail', reason: 'x'.repeat(500) },
      { status: 'failed', endedAt: at, by: PRIYA, reason: 'x'.repeat(500), attempts: 1, notes: [], history: [{ status: 'failed', at, by: PRIYA, reason: 'x'.repeat(500) }] },
      `“backup” failed: ${'x'.repeat(500)}`,
    ],
    [
      'a continue vote without a reason',
      { 'go-checkpoint': { status: 'running', attempts: 1 } },
      'go-checkpoint',
      'running',
      { type: 'vote', choice: 'continue' },
      { status: 'running', attempts: 1, notes: [], votes: [{ by: PRIYA, at, choice: 'continue' }] },
      'Priya Shah voted continue at “go checkpoint”; waiting for 2 more.',
    ],
  ] as const)('%s', (_case, states, stepId, expected, action, state, summary) => {
    expect(act(states, stepId, expected, action)).toStrictEqual({ ok: true, state, summary });
  });

  it('keeps up to 30 notes on a step', () => {
    const notes = Array.from({ length: 29 }, (_, i) => ({ at: t(i), by: RAVI, text: `note ${i + 1}` }));
    const outcome = act({ deploy: { notes } }, 'deploy', 'not-started', { type: 'note', text: 'x'.repeat(1000) });
    expect(outcome.ok && outcome.state.notes.length).toBe(30);
  });
});

describe('a step action the run refuses', () => {
  const thirtyNotes = Array.from({ length: 30 }, (_, i) => ({ at: t(i), by: RAVI, text: `note ${i + 1}` }));
  const done = { backup: { status: 'completed' }, deploy: { status: 'completed' }, 'go-checkpoint': { status: 'completed' }, 'smoke-test': { status: 'completed' } } as const;

  it.each([
    ['a note on a completed run', done, {}, 'deploy', 'completed', { type: 'note', text: 'late note' }, 'The go-live run is complete: its record is final.'],
    ['a note on a rolled-back run', { 'rb-redeploy': { status: 'completed' } }, rollingBack, 'deploy', 'not-started', { type: 'note', text: 'late note' }, 'The go-live run is rolled back: its record is final.'],
    ['a note longer than 1000 characters', {}, {}, 'deploy', 'not-started', { type: 'note', text: 'x'.repeat(1001) }, 'A note holds at most 1000 characters.'],
    ['a 31st note on a step', { deploy: { notes: thirtyNotes } }, {}, 'deploy', 'not-started', { type: 'note', text: 'one more' }, '“deploy” has 30 notes, the most a step keeps.'],
    ['a fail reason longer than 500 characters', { backup: { status: 'running' } }, {}, 'backup', 'running', { type: 'fail', reason: 'x'.repeat(501) }, 'A reason holds at most 500 characters.'],
    ['starting a running step', { backup: { status: 'running' } }, {}, 'backup', 'running', { type: 'start' }, '“backup” is running; only a step not started, or a failed one, can be started.'],
    ['failing a step not started', {}, {}, 'backup', 'not-started', { type: 'fail', reason: 'x' }, '“backup” is not started; only a running step can fail.'],
    ['skipping a skipped step', { backup: { status: 'skipped' } }, {}, 'backup', 'skipped', { type: 'skip', reason: 'x' }, '“backup” is skipped already.'],
    ['skipping a rollback step before a rollback', {}, {}, 'rb-redeploy', 'not-started', { type: 'skip', reason: 'x' }, '“rb redeploy” is not part of the run unless a rollback is called.'],
    ['skipping a forward step while rolling back', {}, rollingBack, 'smoke-test', 'not-started', { type: 'skip', reason: 'x' }, '“smoke test” is not part of the run while it rolls back.'],
    [
      'completing a checkpoint two approvers have not voted on',
      { 'go-checkpoint': { status: 'running', votes: continuedBy(SAM) } },
      {},
      'go-checkpoint',
      'running',
      { type: 'complete' },
      '“go checkpoint” waits for the votes of 2 approvers; it completes when all have voted continue.',
    ],
    [
      'completing a checkpoint one approver has not voted on',
      { 'go-checkpoint': { status: 'running', votes: continuedBy(SAM, KIM) } },
      {},
      'go-checkpoint',
      'running',
      { type: 'complete' },
      '“go checkpoint” waits for the votes of 1 approver; it completes when all have voted continue.',
    ],
  ] as const)('%s', (_case, states, header, stepId, expected, action, problem) => {
    expect(act(states, stepId, expected, action, header)).toStrictEqual({ ok: false, code: 'VALIDATION', problem });
  });

  it.each([
    ['names who changed it and when', { status: 'failed', startedAt: t(1), endedAt: t(9), by: RAVI }, '“backup” was failed by Ravi Menon at ' + t(9) + ' while you were looking; your change was not applied.'],
    ['names who changed it when the time is not known', { status: 'skipped', by: RAVI }, '“backup” was skipped by Ravi Menon while you were looking; your change was not applied.'],
    ['says only the status when nobody is named', { status: 'completed' }, '“backup” was completed while you were looking; your change was not applied.'],
  ] as const)('a step someone else changed meanwhile: the conflict %s', (_case, state, problem) => {
    expect(act({ backup: state }, 'backup', 'running', { type: 'complete' })).toStrictEqual({ ok: false, code: 'CONFLICT', problem });
  });
});

describe('calling a rollback', () => {
  const failed = aRun({ backup: { status: 'completed' }, deploy: { status: 'failed', reason: 'migration error' } });

  it('is refused once the rollback was called, as a conflict', () => {
    expect(startRollback(plan, { ...failed, header: { ...failed.header, ...rollingBack } }, { reason: 'again', at: t(20), by: PRIYA })).toStrictEqual({
      ok: false,
      code: 'CONFLICT',
      problem: `The rollback was already called by Ravi Menon at ${t(10)}.`,
    });
  });

  it('is refused when the run completed', () => {
    const completed = aRun({ backup: { status: 'completed' }, deploy: { status: 'completed' }, 'go-checkpoint': { status: 'completed' }, 'smoke-test': { status: 'completed' } });
    expect(startRollback(plan, completed, { reason: 'customers complain', at: t(60), by: RAVI })).toStrictEqual({ ok: false, code: 'VALIDATION', problem: 'The go-live run is complete: its record is final.' });
  });
});
