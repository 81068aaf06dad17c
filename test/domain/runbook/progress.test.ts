import { runProgress } from '../../../src/domain/runbook/progress';
import { RAVI, aPlan, aRun, aStep, t } from '../../support/runbook-builders';

/** backup (30) → deploy (60) → smoke-test (20): planned 22:00 to 23:50; tell-support (10) after deploy. */
const plan = aPlan([
  aStep('backup', { durationMinutes: 30, kind: 'preparation' }),
  aStep('deploy', { after: ['backup'], durationMinutes: 60 }),
  aStep('smoke-test', { after: ['deploy'], durationMinutes: 20, kind: 'verification' }),
  aStep('tell-support', { after: ['deploy'], durationMinutes: 10, kind: 'communication' }),
  aStep('rb-redeploy', { kind: 'rollback', durationMinutes: 30 }),
  aStep('rb-verify', { kind: 'rollback', after: ['rb-redeploy'], durationMinutes: 15 }),
]);

const stepOf = (progress: ReturnType<typeof runProgress>, id: string) => progress.steps.find((s) => s.stepId === id);

describe('late steps and the projected end of a live run', () => {
  it.each([
    ['just started, nothing late', {}, t(0), {}, t(110), 0],
    ['backup running on time', { backup: { status: 'running', startedAt: t(0) } }, t(20), {}, t(110), 0],
    ['backup overrunning by 15 minutes pushes everything after it', { backup: { status: 'running', startedAt: t(0) } }, t(45), { backup: ['overrunning', 15], deploy: ['late-start', 15], 'smoke-test': ['late-start', 15], 'tell-support': ['late-start', 15] }, t(125), 15],
    ['backup done early: the end comes forward', { backup: { status: 'completed', startedAt: t(0), endedAt: t(20) } }, t(20), {}, t(100), -10],
    [
      'backup finished late, deploy not started yet though it should have',
      { backup: { status: 'completed', startedAt: t(0), endedAt: t(40) } },
      t(50),
      { backup: ['finished-late', 10], deploy: ['late-start', 20], 'smoke-test': ['late-start', 20], 'tell-support': ['late-start', 20] },
      t(130),
      20,
    ],
    [
      'deploy failed: the retry is projected from now',
      { backup: { status: 'completed', startedAt: t(0), endedAt: t(30) }, deploy: { status: 'failed', startedAt: t(30), endedAt: t(50) } },
      t(55),
      { deploy: ['late-start', 25], 'smoke-test': ['late-start', 25], 'tell-support': ['late-start', 25] },
      t(135),
      25,
    ],
    [
      'a skipped step is never late',
      { backup: { status: 'skipped', endedAt: t(5) }, deploy: { status: 'running', startedAt: t(5) } },
      t(10),
      { backup: ['on-time', 0] },
      t(85),
      -25,
    ],
  ] as const)('%s', (_case, states, now, lateSteps, projectedEnd, slip) => {
    const progress = runProgress(plan, aRun(states), now);
    expect(progress.plannedEndAt).toBe(t(110));
    expect(progress.projectedEndAt).toBe(projectedEnd);
    expect(progress.slipMinutes).toBe(slip);
    for (const [id, [timing, lateBy]] of Object.entries(lateSteps)) expect(stepOf(progress, id)).toMatchObject({ timing, lateByMinutes: lateBy });
    const late = progress.steps.filter((s) => s.timing !== 'on-time').map((s) => s.stepId);
    expect(late).toEqual(Object.entries(lateSteps).filter(([, [timing]]) => timing !== 'on-time').map(([id]) => id));
  });

  it('does not call a step late for the seconds between its planned start and someone pressing Start', () => {
    const progress = runProgress(plan, aRun(), new Date(Date.parse(t(0)) + 40_000).toISOString());
    expect(stepOf(progress, 'backup')).toMatchObject({ timing: 'on-time', lateByMinutes: 0 });
    expect(runProgress(plan, aRun(), t(1)).steps.find((s) => s.stepId === 'backup')).toMatchObject({ timing: 'late-start', lateByMinutes: 1 });
  });

  it('counts relative starts from when the go-live actually began', () => {
    const delayed = aRun({}, { startedAt: t(30) });
    const progress = runProgress(aPlan([aStep('deploy', { offset: 0, durationMinutes: 60 })]), delayed, t(30));
    expect(stepOf(progress, 'deploy')).toMatchObject({ plannedStartAt: t(0), projectedStartAt: t(30), projectedEndAt: t(90), timing: 'late-start', lateByMinutes: 30 });
    expect(progress.slipMinutes).toBe(30);
  });

  it('plans from the run start when the runbook has no go-live start', () => {
    const progress = runProgress(aPlan([aStep('deploy', { durationMinutes: 60 })], null), aRun({}, { startedAt: t(30) }), t(30));
    expect(progress).toMatchObject({ plannedEndAt: t(90), projectedEndAt: t(90), slipMinutes: 0 });
  });

  it('lists the failed steps holding the run', () => {
    const progress = runProgress(plan, aRun({ backup: { status: 'failed', startedAt: t(0), endedAt: t(10) } }), t(10));
    expect(progress.blockedBy).toEqual(['backup']);
    expect(progress.readyStepIds).toEqual([]);
  });

  it('after a rollback, plans and projects the rollback steps from the moment it was called', () => {
    const rollingBack = aRun(
      { backup: { status: 'completed', startedAt: t(0), endedAt: t(30) }, deploy: { status: 'failed', startedAt: t(30), endedAt: t(50) }, 'rb-redeploy': { status: 'running', startedAt: t(60) } },
      { mode: 'rollback', rollback: { at: t(55), by: RAVI, reason: 'migration failed' } },
    );
    const progress = runProgress(plan, rollingBack, t(100));
    expect(progress.status).toBe('rolling-back');
    expect(progress.steps.map((s) => s.stepId)).toEqual(['rb-redeploy', 'rb-verify']);
    expect(progress.plannedEndAt).toBe(t(100));
    expect(stepOf(progress, 'rb-redeploy')).toMatchObject({ timing: 'overrunning', lateByMinutes: 15 });
    expect(progress.projectedEndAt).toBe(t(115));
  });
});

describe('the end of a run: projected while it runs, actual once it finished', () => {
  const done = (start: number, end: number) => ({ status: 'completed' as const, startedAt: t(start), endedAt: t(end) });
  const forwardDone = { backup: done(0, 20), deploy: done(20, 70), 'smoke-test': done(70, 85), 'tell-support': done(70, 75) };
  const rollback = { mode: 'rollback' as const, rollback: { at: t(55), by: RAVI, reason: 'migration failed' } };
  const failedForward = { backup: done(0, 30), deploy: { status: 'failed' as const, startedAt: t(30), endedAt: t(50) } };
  it.each([
    ['running: projected from now', aRun({ backup: done(0, 20) }), t(30), { status: 'running', endedAt: undefined, projectedEndAt: t(110), slipMinutes: 0 }],
    ['completed early, looked at a day later: ended, not projected from now', aRun(forwardDone), t(1440), { status: 'completed', endedAt: t(85), projectedEndAt: t(85), slipMinutes: -25 }],
    [
      'completed late, with a skipped step',
      aRun({ ...forwardDone, 'smoke-test': done(70, 130), 'tell-support': { status: 'skipped', endedAt: t(71) } }),
      t(200),
      { status: 'completed', endedAt: t(130), projectedEndAt: t(130), slipMinutes: 20 },
    ],
    [
      'completed before the planned go-live start (started early): its own end, not the go-live start',
      aRun({ backup: done(-60, -50), deploy: done(-50, -30), 'smoke-test': done(-30, -10), 'tell-support': done(-30, -20) }, { startedAt: t(-60) }),
      t(60),
      { status: 'completed', endedAt: t(-10), projectedEndAt: t(-10), slipMinutes: -120 },
    ],
    [
      'rolling back: still a projection',
      aRun({ ...failedForward, 'rb-redeploy': done(60, 80) }, rollback),
      t(85),
      { status: 'rolling-back', endedAt: undefined, projectedEndAt: t(100), slipMinutes: 0 },
    ],
    [
      'rolled back: the end of the last rollback step, however long ago',
      aRun({ ...failedForward, 'rb-redeploy': done(60, 80), 'rb-verify': done(80, 90) }, rollback),
      t(600),
      { status: 'rolled-back', endedAt: t(90), projectedEndAt: t(90), slipMinutes: -10 },
    ],
  ] as const)('%s', (_case, run, now, expected) => {
    const progress = runProgress(plan, run, now);
    expect({ status: progress.status, endedAt: progress.endedAt, projectedEndAt: progress.projectedEndAt, slipMinutes: progress.slipMinutes }).toEqual(expected);
  });

  it('rolled back at once when the plan has no rollback steps: ended when the rollback was called', () => {
    const forwardOnly = aPlan([aStep('deploy', { durationMinutes: 60 })]);
    const progress = runProgress(forwardOnly, aRun({ deploy: { status: 'failed', startedAt: t(0), endedAt: t(10) } }, { mode: 'rollback', rollback: { at: t(15), by: RAVI, reason: 'bad build' } }), t(300));
    expect(progress).toMatchObject({ status: 'rolled-back', endedAt: t(15), projectedEndAt: t(15) });
  });
});

