import { schedulePlan } from '../../../src/domain/runbook/schedule';
import { aPlan, aStep, t } from '../../support/runbook-builders';

describe('the planned timeline of a runbook', () => {
  it('lists the critical path in time order (a milestone before the step starting with it), whatever order the plan lists the steps in', () => {
    const plan = aPlan([aStep('deploy', { after: ['go'], durationMinutes: 60 }), aStep('go', { kind: 'checkpoint', after: ['backup'], durationMinutes: 0 }), aStep('backup', { durationMinutes: 30 })]);
    expect(schedulePlan(plan)).toEqual({
      steps: [
        { stepId: 'deploy', startMinute: 30, endMinute: 90, slackMinutes: 0, critical: true, startAt: t(30), endAt: t(90) },
        { stepId: 'go', startMinute: 30, endMinute: 30, slackMinutes: 0, critical: true, startAt: t(30), endAt: t(30) },
        { stepId: 'backup', startMinute: 0, endMinute: 30, slackMinutes: 0, critical: true, startAt: t(0), endAt: t(30) },
      ],
      endMinute: 90,
      endAt: t(90),
      criticalPath: ['backup', 'go', 'deploy'],
      rollbackMinutes: 0,
    });
  });

  it('places the steps of a plan still being fixed: a fixed time without a go-live start, a dependency taken out', () => {
    const plan = aPlan(
      [aStep('announce', { at: '2026-12-05T20:00:00.000Z' }), aStep('deploy', { after: ['removed-step'], durationMinutes: 30 }), aStep('rb', { kind: 'rollback', durationMinutes: 15 })],
      null,
    );
    expect(schedulePlan(plan)).toEqual({
      steps: [
        { stepId: 'announce', startMinute: 0, endMinute: 10, slackMinutes: 20, critical: false },
        { stepId: 'deploy', startMinute: 0, endMinute: 30, slackMinutes: 0, critical: true },
        { stepId: 'rb', startMinute: 0, endMinute: 15, slackMinutes: 0, critical: true },
      ],
      endMinute: 30,
      criticalPath: ['deploy'],
      rollbackMinutes: 15,
    });
  });

  it('places steps that wait for each other in a circle one after the other', () => {
    expect(schedulePlan(aPlan([aStep('a', { after: ['b'] }), aStep('b', { after: ['a'] })], null))).toEqual({
      steps: [
        { stepId: 'a', startMinute: 10, endMinute: 20, slackMinutes: 0, critical: true },
        { stepId: 'b', startMinute: 0, endMinute: 10, slackMinutes: 0, critical: true },
      ],
      endMinute: 20,
      criticalPath: ['b', 'a'],
      rollbackMinutes: 0,
    });
  });
});
