import type { StepRunState } from '../../../src/contract-runbook';
import { runProgress } from '../../../src/domain/runbook/progress';
import { RAVI, aPlan, aRun, aStep, t } from '../../support/runbook-builders';

describe('a live go-live against its plan, step by step', () => {
  it('projects each step from what has happened and calls out the late ones', () => {
    const plan = aPlan([
      aStep('backup', { kind: 'preparation', durationMinutes: 30 }),
      aStep('notify', { kind: 'communication', offset: 0 }),
      aStep('deploy', { after: ['backup'], durationMinutes: 60 }),
      aStep('smoke-test', { kind: 'verification', after: ['deploy'], durationMinutes: 20 }),
      // Its dependency was taken out of the plan: it waits for nothing.
      aStep('report', { kind: 'communication', after: ['removed-step'] }),
    ]);
    const run = aRun(
      {
        backup: { status: 'completed', startedAt: t(5), endedAt: t(40), by: RAVI, attempts: 1 },
        notify: { status: 'skipped', endedAt: t(20), by: RAVI, reason: 'sent yesterday' },
        deploy: { status: 'running', startedAt: t(45), by: RAVI, attempts: 1 },
      },
      { startedAt: t(5) },
    );
    expect(runProgress(plan, run, t(50))).toEqual({
      status: 'running',
      mode: 'forward',
      steps: [
        { stepId: 'backup', status: 'completed', ready: false, plannedStartAt: t(0), plannedEndAt: t(30), projectedStartAt: t(5), projectedEndAt: t(40), timing: 'finished-late', lateByMinutes: 10 },
        // Skipped after its planned end: never late.
        { stepId: 'notify', status: 'skipped', ready: false, plannedStartAt: t(0), plannedEndAt: t(10), projectedStartAt: t(20), projectedEndAt: t(20), timing: 'on-time', lateByMinutes: 0 },
        { stepId: 'deploy', status: 'running', ready: false, plannedStartAt: t(30), plannedEndAt: t(90), projectedStartAt: t(45), projectedEndAt: t(105), timing: 'late-start', lateByMinutes: 15 },
        { stepId: 'smoke-test', status: 'not-started', ready: false, plannedStartAt: t(90), plannedEndAt: t(110), projectedStartAt: t(105), projectedEndAt: t(125), timing: 'late-start', lateByMinutes: 15 },
        { stepId: 'report', status: 'not-started', ready: true, plannedStartAt: t(0), plannedEndAt: t(10), projectedStartAt: t(50), projectedEndAt: t(60), timing: 'late-start', lateByMinutes: 50 },
      ],
      readyStepIds: ['report'],
      plannedEndAt: t(110),
      projectedEndAt: t(125),
      slipMinutes: 15,
      blockedBy: [],
    });
  });

  it.each([
    ['started on time, within its planned time', 0, 20, 'on-time', 0],
    ['started 10 min late, at its planned end', 10, 30, 'late-start', 10],
    ['started 10 min late, a minute past its planned end', 10, 31, 'overrunning', 10],
    ['started on time, past its planned end', 0, 35, 'overrunning', 5],
  ])('a running 30-minute step %s', (_case, startedAt, now, timing, lateBy) => {
    const plan = aPlan([aStep('deploy', { durationMinutes: 30 })]);
    const state: Partial<StepRunState> = { status: 'running', startedAt: t(startedAt), by: RAVI, attempts: 1 };
    expect(runProgress(plan, aRun({ deploy: state }), t(now)).steps[0]).toMatchObject({ timing, lateByMinutes: lateBy });
  });
});
