import { schedulePlan } from '../../../src/domain/runbook/schedule';
import { GO_LIVE, aPlan, aStep, t } from '../../support/runbook-builders';

const times = (plan: ReturnType<typeof aPlan>) =>
  Object.fromEntries(schedulePlan(plan).steps.map((s) => [s.stepId, [s.startMinute, s.endMinute, s.slackMinutes]]));

describe('the planned timeline of a runbook', () => {
  it.each([
    ['a chain runs one step after another from the go-live start', [aStep('backup', { durationMinutes: 30 }), aStep('deploy', { after: ['backup'], durationMinutes: 45 })], { backup: [0, 30, 0], deploy: [30, 75, 0] }, 75],
    [
      'parallel branches: the shorter one has slack',
      [aStep('backup', { durationMinutes: 30 }), aStep('announce', { durationMinutes: 5 }), aStep('deploy', { after: ['backup', 'announce'], durationMinutes: 20 })],
      { backup: [0, 30, 0], announce: [0, 5, 25], deploy: [30, 50, 0] },
      50,
    ],
    [
      'a relative start before the go-live start',
      [aStep('announce', { offset: -120, durationMinutes: 15 }), aStep('deploy', { offset: 0, durationMinutes: 30 })],
      { announce: [-120, -105, 135], deploy: [0, 30, 0] },
      30,
    ],
    [
      'a planned start later than the dependency holds the step back',
      [aStep('backup', { durationMinutes: 10 }), aStep('deploy', { after: ['backup'], offset: 60, durationMinutes: 30 })],
      { backup: [0, 10, 50], deploy: [60, 90, 0] },
      90,
    ],
    [
      'a dependency ending after the planned start pushes the step',
      [aStep('backup', { durationMinutes: 90 }), aStep('deploy', { after: ['backup'], offset: 60, durationMinutes: 30 })],
      { backup: [0, 90, 0], deploy: [90, 120, 0] },
      120,
    ],
    ['a fixed time counts from the go-live start', [aStep('deploy', { at: t(45), durationMinutes: 15 })], { deploy: [45, 60, 0] }, 60],
    ['a checkpoint of no duration', [aStep('checkpoint', { kind: 'checkpoint', durationMinutes: 0 }), aStep('deploy', { after: ['checkpoint'] })], { checkpoint: [0, 0, 0], deploy: [0, 10, 0] }, 10],
  ])('%s', (_case, steps, expected, end) => {
    const plan = aPlan(steps);
    expect(times(plan)).toEqual(expected);
    expect(schedulePlan(plan).endMinute).toBe(end);
  });

  it('marks the critical path first to last and dates the planned end', () => {
    const plan = aPlan([
      aStep('announce', { durationMinutes: 5, kind: 'communication' }),
      aStep('backup', { durationMinutes: 30, kind: 'preparation' }),
      aStep('migrate', { after: ['backup'], durationMinutes: 20 }),
      aStep('deploy', { after: ['migrate', 'announce'], durationMinutes: 40 }),
      aStep('smoke-test', { after: ['deploy'], durationMinutes: 15, kind: 'verification' }),
      aStep('tell-support', { after: ['deploy'], durationMinutes: 5, kind: 'communication' }),
    ]);
    const schedule = schedulePlan(plan);
    expect(schedule.criticalPath).toEqual(['backup', 'migrate', 'deploy', 'smoke-test']);
    expect(schedule.endAt).toBe(t(105));
    expect(schedule.steps.find((s) => s.stepId === 'deploy')).toMatchObject({ startAt: t(50), endAt: t(90), critical: true });
    expect(schedule.steps.find((s) => s.stepId === 'tell-support')).toMatchObject({ slackMinutes: 10, critical: false });
  });

  it('schedules rollback steps apart, from the moment a rollback is called', () => {
    const plan = aPlan([
      aStep('deploy', { durationMinutes: 60 }),
      aStep('rb-redeploy', { kind: 'rollback', durationMinutes: 30 }),
      aStep('rb-verify', { kind: 'rollback', after: ['rb-redeploy'], durationMinutes: 20 }),
    ]);
    const schedule = schedulePlan(plan);
    expect(schedule.endMinute).toBe(60);
    expect(schedule.rollbackMinutes).toBe(50);
    expect(schedule.criticalPath).toEqual(['deploy']);
    expect(schedule.steps.find((s) => s.stepId === 'rb-verify')).toEqual({ stepId: 'rb-verify', startMinute: 30, endMinute: 50, slackMinutes: 0, critical: true });
  });

  it('keeps offsets only when the runbook has no go-live start yet', () => {
    const schedule = schedulePlan(aPlan([aStep('deploy', { offset: 15 })], null));
    expect(schedule.steps[0]).toMatchObject({ startMinute: 15, endMinute: 25 });
    expect(schedule.steps[0]?.startAt).toBeUndefined();
    expect(schedule.endAt).toBeUndefined();
    expect(GO_LIVE).toBe('2026-12-05T22:00:00.000Z');
  });
});
