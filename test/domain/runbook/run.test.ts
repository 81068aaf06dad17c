import type { StepAction, StepStatus } from '../../../src/contract-runbook';
import { applyStepAction, readySteps, runStatus, startGate, startRollback, startRun } from '../../../src/domain/runbook/run';
import { GO_LIVE, PRIYA, RAVI, aPlan, aRun, aStep, t } from '../../support/runbook-builders';

const plan = aPlan([
  aStep('backup', { kind: 'preparation' }),
  aStep('announce', { kind: 'communication' }),
  aStep('deploy', { after: ['backup', 'announce'] }),
  aStep('smoke-test', { after: ['deploy'], kind: 'verification' }),
  aStep('rb-redeploy', { kind: 'rollback' }),
  aStep('rb-verify', { kind: 'rollback', after: ['rb-redeploy'] }),
]);

describe('a go-live run may start', () => {
  it.each([
    ['after a GO decision', 'GO', 'minor', { allowed: true, authority: 'go-decision' }],
    ['for an emergency release without a decision', undefined, 'emergency', { allowed: true, authority: 'emergency-release' }],
    ['for an emergency release even after a NO-GO', 'NO_GO', 'emergency', { allowed: true, authority: 'emergency-release' }],
    ['not before any decision', undefined, 'major', { allowed: false, reason: expect.stringContaining('no GO decision yet') }],
    ['not after a NO-GO', 'NO_GO', 'hotfix', { allowed: false, reason: expect.stringContaining('at NO-GO') }],
  ] as const)('%s', (_case, decision, releaseType, gate) => {
    expect(startGate({ decision, releaseType })).toEqual(gate);
  });

  it('once, and only with a plan that can be scheduled', () => {
    const gate = startGate({ decision: 'GO', releaseType: 'minor' });
    expect(startRun(plan, gate, GO_LIVE, RAVI, undefined)).toMatchObject({ ok: true, run: { header: { mode: 'forward', authority: 'go-decision', startedBy: RAVI } } });
    expect(startRun(plan, gate, GO_LIVE, RAVI, aRun())).toMatchObject({ ok: false, code: 'CONFLICT', problem: expect.stringContaining('already started by Ravi Menon') });
    expect(startRun(aPlan([aStep('deploy', { after: ['ghost'] })]), gate, GO_LIVE, RAVI, undefined)).toMatchObject({ ok: false, code: 'VALIDATION', problem: expect.stringContaining('“ghost”') });
    expect(startRun(aPlan([aStep('rb', { kind: 'rollback' })]), gate, GO_LIVE, RAVI, undefined)).toMatchObject({ ok: false, problem: expect.stringContaining('no steps to run') });
  });
});

describe('steps become ready when their dependencies are done', () => {
  it.each([
    ['at the start: the steps without dependencies', {}, ['backup', 'announce']],
    ['one dependency done, one running', { backup: { status: 'completed' }, announce: { status: 'running' } }, []],
    ['both dependencies done (one skipped)', { backup: { status: 'completed' }, announce: { status: 'skipped' } }, ['deploy']],
    ['a failed dependency holds the next step', { backup: { status: 'failed' }, announce: { status: 'completed' } }, []],
    ['every forward step done: nothing is ready', { backup: { status: 'completed' }, announce: { status: 'completed' }, deploy: { status: 'completed' }, 'smoke-test': { status: 'completed' } }, []],
  ] as const)('%s', (_case, states, ready) => {
    expect(readySteps(plan, aRun(states))).toEqual(ready);
  });

  it('in a rollback only rollback steps become ready', () => {
    expect(readySteps(plan, aRun({ backup: { status: 'completed' } }, { mode: 'rollback', rollback: { at: t(30), by: RAVI, reason: 'smoke test failed' } }))).toEqual(['rb-redeploy']);
  });
});

describe('acting on a step', () => {
  const at = t(15);
  const act = (states: Parameters<typeof aRun>[0], stepId: string, expectedStatus: StepStatus, action: StepAction, header = {}) =>
    applyStepAction(plan, aRun(states, header), { stepId, expectedStatus, action, at, by: PRIYA });

  it.each([
    ['start a ready step', {}, 'backup', 'not-started', { type: 'start' }, { status: 'running', startedAt: at, attempts: 1 }],
    ['complete a running step', { backup: { status: 'running', startedAt: t(0), attempts: 1 } }, 'backup', 'running', { type: 'complete' }, { status: 'completed', startedAt: t(0), endedAt: at }],
    ['fail a running step with a reason', { backup: { status: 'running', attempts: 1 } }, 'backup', 'running', { type: 'fail', reason: 'disk full' }, { status: 'failed', reason: 'disk full', endedAt: at }],
    ['retry a failed step', { backup: { status: 'failed', reason: 'disk full', endedAt: t(5), attempts: 1 } }, 'backup', 'failed', { type: 'start' }, { status: 'running', startedAt: at, attempts: 2 }],
    ['skip a step with a reason', {}, 'announce', 'not-started', { type: 'skip', reason: 'announced yesterday' }, { status: 'skipped', reason: 'announced yesterday' }],
    ['skip a failed step to carry on', { backup: { status: 'failed', attempts: 1 } }, 'backup', 'failed', { type: 'skip', reason: 'nightly backup is recent' }, { status: 'skipped' }],
    ['note on any step', {}, 'deploy', 'not-started', { type: 'note', text: 'Ops on the bridge' }, { status: 'not-started', notes: [{ at, by: PRIYA, text: 'Ops on the bridge' }] }],
  ] as const)('%s', (_case, states, stepId, expected, action, state) => {
    const outcome = act(states, stepId, expected, action);
    expect(outcome).toMatchObject({ ok: true, state: { ...state, ...(action.type === 'note' ? {} : { by: PRIYA }) } });
  });

  it.each([
    ['start a step whose dependencies are not done', {}, 'deploy', 'not-started', { type: 'start' }, 'VALIDATION', '“deploy” waits for “backup” (not started) and “announce” (not started).'],
    ['complete a step never started', {}, 'backup', 'not-started', { type: 'complete' }, 'VALIDATION', '“backup” is not started; only a running step can be completed.'],
    ['fail a step without a reason', { backup: { status: 'running' } }, 'backup', 'running', { type: 'fail', reason: '  ' }, 'VALIDATION', 'Say why “backup” failed.'],
    ['skip a step without a reason', {}, 'announce', 'not-started', { type: 'skip', reason: '' }, 'VALIDATION', 'Say why “announce” is skipped.'],
    ['skip a completed step', { backup: { status: 'completed' } }, 'backup', 'completed', { type: 'skip', reason: 'x' }, 'VALIDATION', '“backup” is completed already.'],
    ['start a rollback step before a rollback', {}, 'rb-redeploy', 'not-started', { type: 'start' }, 'VALIDATION', '“rb redeploy” is a rollback step: it runs only once a rollback is called.'],
    ['an empty note', {}, 'backup', 'not-started', { type: 'note', text: ' ' }, 'VALIDATION', 'A note needs some text.'],
    ['an unknown step', {}, 'ghost', 'not-started', { type: 'start' }, 'VALIDATION', 'The runbook has no step “ghost”.'],
    [
      'complete a step someone else completed a moment ago',
      { backup: { status: 'completed', endedAt: t(14), by: RAVI } },
      'backup',
      'running',
      { type: 'complete' },
      'CONFLICT',
      `“backup” was completed by Ravi Menon at ${t(14)} while you were looking; your change was not applied.`,
    ],
    [
      'start a step someone else started a moment ago',
      { backup: { status: 'running', startedAt: t(14), by: RAVI } },
      'backup',
      'not-started',
      { type: 'start' },
      'CONFLICT',
      `“backup” was running by Ravi Menon at ${t(14)} while you were looking; your change was not applied.`,
    ],
  ] as const)('refuses to %s', (_case, states, stepId, expected, action, code, problem) => {
    expect(act(states, stepId, expected, action)).toEqual({ ok: false, code, problem });
  });

  it('forgets the failure reason when a failed step is retried', () => {
    const outcome = act({ backup: { status: 'failed', reason: 'disk full', endedAt: t(5), attempts: 1 } }, 'backup', 'failed', { type: 'start' });
    expect(outcome.ok && outcome.state).not.toHaveProperty('reason');
    expect(outcome.ok && outcome.state).not.toHaveProperty('endedAt');
  });

  it('refuses every change once the run is complete: its record is final', () => {
    const done = { backup: { status: 'completed' }, announce: { status: 'completed' }, deploy: { status: 'completed' }, 'smoke-test': { status: 'completed' } } as const;
    expect(runStatus(plan, aRun(done))).toBe('completed');
    expect(act(done, 'deploy', 'completed', { type: 'note', text: 'late note' })).toMatchObject({ ok: false, problem: 'The go-live run is complete: its record is final.' });
  });
});

describe('rolling back', () => {
  const failed = aRun({ backup: { status: 'completed' }, announce: { status: 'completed' }, deploy: { status: 'failed', reason: 'migration error' } });

  it('switches the run to the rollback steps, and ends rolled back when they are done', () => {
    const outcome = startRollback(plan, failed, { reason: 'deployment failed', at: t(40), by: RAVI });
    expect(outcome).toEqual({ ok: true, header: { ...failed.header, mode: 'rollback', rollback: { at: t(40), by: RAVI, reason: 'deployment failed' } } });
    if (!outcome.ok) return;
    const rolling = { ...failed, header: outcome.header };
    expect(runStatus(plan, rolling)).toBe('rolling-back');
    expect(applyStepAction(plan, rolling, { stepId: 'smoke-test', expectedStatus: 'not-started', action: { type: 'start' }, at: t(41), by: PRIYA })).toMatchObject({
      ok: false,
      problem: 'The run is rolling back: “smoke test” is not started any more.',
    });
    const finished = { ...rolling, states: { ...rolling.states, 'rb-redeploy': { status: 'completed' as const, attempts: 1, notes: [] }, 'rb-verify': { status: 'completed' as const, attempts: 1, notes: [] } } };
    expect(runStatus(plan, finished)).toBe('rolled-back');
  });

  it.each([
    ['without a reason', failed, plan, ' ', 'Say why the release rolls back.'],
    ['twice', { ...failed, header: { ...failed.header, mode: 'rollback' as const, rollback: { at: t(40), by: RAVI, reason: 'x' } } }, plan, 'again', 'The rollback was already called by Ravi Menon at ' + t(40) + '.'],
    ['a runbook without rollback steps', failed, aPlan([aStep('deploy')]), 'failed', 'The runbook has no rollback steps: add them to the plan before rolling back.'],
  ])('refuses to roll back %s', (_case, run, p, reason, problem) => {
    expect(startRollback(p, run, { reason, at: t(40), by: RAVI })).toMatchObject({ ok: false, problem });
  });
});
