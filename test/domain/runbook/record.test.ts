import type { FrozenRun, StepRunState } from '../../../src/contract-runbook';
import { freezeRun } from '../../../src/domain/runbook/record';
import { renderRunBookStorage, runBookPageTitle } from '../../../src/domain/runbook/record-page';
import { runReview } from '../../../src/domain/runbook/review';
import { applyStepAction } from '../../../src/domain/runbook/run';
import { storageFormatProblem } from '../../../local/fake-confluence/storage-format';
import { PRIYA, RAVI, aPlan, aRun, aStep, t } from '../../support/runbook-builders';

/** backup (30) → deploy (60) → smoke-test (20), planned 22:00–23:50 UTC; rollback: rb-redeploy (30) → rb-verify (15). */
const plan = aPlan([
  aStep('backup', { durationMinutes: 30, kind: 'preparation', owner: { type: 'user', accountId: 'priya' } }),
  aStep('deploy', { after: ['backup'], durationMinutes: 60, environment: 'PROD' }),
  aStep('smoke-test', { after: ['deploy'], durationMinutes: 20, kind: 'verification', owner: { type: 'group', groupName: 'qa' } }),
  aStep('rb-redeploy', { kind: 'rollback', durationMinutes: 30 }),
  aStep('rb-verify', { kind: 'rollback', after: ['rb-redeploy'], durationMinutes: 15 }),
]);

const done = (start: number, end: number, by = RAVI): Partial<StepRunState> => ({
  status: 'completed',
  startedAt: t(start),
  endedAt: t(end),
  by,
  attempts: 1,
  history: [
    { status: 'running', at: t(start), by },
    { status: 'completed', at: t(end), by },
  ],
});

const completedRun = aRun({ backup: done(0, 30, PRIYA), deploy: done(30, 105), 'smoke-test': done(105, 120) });
const rolledBack = aRun(
  {
    backup: done(0, 35, PRIYA),
    deploy: {
      status: 'failed',
      startedAt: t(35),
      endedAt: t(50),
      by: RAVI,
      reason: 'Migration 42 <locks> the "orders" table & times out',
      attempts: 1,
      notes: [{ at: t(45), by: PRIYA, text: 'DBA paged <now>' }],
      history: [
        { status: 'running', at: t(35), by: RAVI },
        { status: 'failed', at: t(50), by: RAVI, reason: 'Migration 42 <locks> the "orders" table & times out' },
      ],
    },
    'rb-redeploy': done(55, 80),
    'rb-verify': done(80, 100),
  },
  { mode: 'rollback', rollback: { at: t(55), by: RAVI, reason: 'Deploy failed & cannot be retried tonight' } },
);

const freeze = (run = completedRun): FrozenRun => {
  const record = freezeRun(plan, run, { frozenAt: t(121), planRevision: 7, project: { id: '10000', key: 'SHOP' }, version: { id: '10042', name: 'SHOP <3.0>' }, people: [PRIYA] });
  if (!record) throw new Error('not frozen');
  return record;
};

describe('freezing a finished go-live run', () => {
  it('is only for a run that completed or rolled back', () => {
    const running = aRun({ backup: done(0, 30) });
    expect(freezeRun(plan, running, { frozenAt: t(40), planRevision: 1, project: { id: '1', key: 'S' }, version: { id: '2', name: 'v' }, people: [] })).toBeUndefined();
  });

  it.each([
    // step, planned start, planned end, actual start, actual end, late by
    ['backup', t(0), t(30), t(0), t(30), 0],
    ['deploy', t(30), t(90), t(30), t(105), 15],
    ['smoke-test', t(90), t(110), t(105), t(120), 10],
  ])('keeps %s planned %s–%s against actual %s–%s (late by %d min)', (id, plannedStart, plannedEnd, actualStart, actualEnd, late) => {
    const step = freeze().steps.find((s) => s.stepId === id);
    expect(step).toMatchObject({ plannedStartAt: plannedStart, plannedEndAt: plannedEnd, actualStartAt: actualStart, actualEndAt: actualEnd, lateByMinutes: late });
  });

  it('keeps the plan as it ran, the outcome and the planned and actual end', () => {
    const record = freeze();
    expect(record.header).toMatchObject({ status: 'completed', planRevision: 7, plannedEndAt: t(110), actualEndAt: t(120), startedBy: RAVI, frozenAt: t(121) });
    expect(record.steps.map((s) => [s.stepId, s.phase, s.status])).toEqual([
      ['backup', 'forward', 'completed'],
      ['deploy', 'forward', 'completed'],
      ['smoke-test', 'forward', 'completed'],
      ['rb-redeploy', 'rollback', 'not-started'],
      ['rb-verify', 'rollback', 'not-started'],
    ]);
    // Rollback steps of a run that never rolled back have no planned times.
    expect(record.steps[3]?.plannedStartAt).toBeUndefined();
  });

  it('plans rollback steps from the moment the rollback was called, and keeps who did what', () => {
    const record = freeze(rolledBack);
    expect(record.header).toMatchObject({ status: 'rolled-back', rollback: { by: RAVI, at: t(55) } });
    expect(record.steps.find((s) => s.stepId === 'rb-verify')).toMatchObject({ plannedStartAt: t(85), plannedEndAt: t(100), actualEndAt: t(100), lateByMinutes: 0 });
    expect(record.steps.find((s) => s.stepId === 'deploy')?.history.map((e) => [e.status, e.by.displayName])).toEqual([
      ['running', 'Ravi Menon'],
      ['failed', 'Ravi Menon'],
    ]);
  });

  it('records each change of a step in its history as the run goes', () => {
    const run = aRun();
    const started = applyStepAction(plan, run, { stepId: 'backup', expectedStatus: 'not-started', action: { type: 'start' }, at: t(1), by: PRIYA });
    if (!started.ok) throw new Error(started.problem);
    const noted = applyStepAction(plan, { ...run, states: { backup: started.state } }, { stepId: 'backup', expectedStatus: 'running', action: { type: 'note', text: 'halfway' }, at: t(10), by: RAVI });
    if (!noted.ok) throw new Error(noted.problem);
    const failed = applyStepAction(plan, { ...run, states: { backup: noted.state } }, { stepId: 'backup', expectedStatus: 'running', action: { type: 'fail', reason: 'disk full' }, at: t(20), by: RAVI });
    expect(failed.ok && failed.state.history).toEqual([
      { status: 'running', at: t(1), by: PRIYA },
      { status: 'failed', at: t(20), by: RAVI, reason: 'disk full' },
    ]);
  });
});

describe('the run book page in storage format', () => {
  const page = renderRunBookStorage(freeze(rolledBack), 'Pacific/Auckland');

  it('is XHTML Confluence accepts, with every text escaped', () => {
    expect(storageFormatProblem(page)).toBeUndefined();
    expect(page).toContain('Migration 42 &lt;locks&gt; the &quot;orders&quot; table &amp; times out');
    expect(page).toContain('DBA paged &lt;now&gt;');
    expect(page).not.toContain('<locks>');
    expect(runBookPageTitle(freeze())).toBe('Go-live run book: SHOP <3.0> (SHOP)');
  });

  it("reads times in the project's zone and names it", () => {
    // 22:00 UTC on 5 Dec is 11:00 on Sunday 6 Dec in Auckland.
    expect(page).toContain('Started by Ravi Menon on Sun, 6 Dec 2026, 11:00 after the GO decision.');
    expect(page).toContain('Times in Pacific/Auckland.');
    expect(renderRunBookStorage(freeze(rolledBack), 'UTC')).toContain('Sat, 5 Dec 2026, 22:00');
  });

  it('has a rollback section with who called it, when and why, and its steps, only when there was one', () => {
    expect(page).toContain('<h2>Rollback</h2>');
    expect(page).toContain('Called by Ravi Menon on Sun, 6 Dec 2026, 11:55: Deploy failed &amp; cannot be retried tonight');
    expect(page.indexOf('rb redeploy')).toBeGreaterThan(page.indexOf('<h2>Rollback</h2>'));
    expect(renderRunBookStorage(freeze(), 'UTC')).not.toContain('<h2>Rollback</h2>');
  });

  it('marks failed steps red and late ones yellow, and says who did what', () => {
    const completed = renderRunBookStorage(freeze(), 'UTC');
    expect(page).toContain('<ac:parameter ac:name="colour">Red</ac:parameter><ac:parameter ac:name="title">Failed</ac:parameter>');
    expect(completed).toContain('<ac:parameter ac:name="colour">Yellow</ac:parameter><ac:parameter ac:name="title">Late 15 min</ac:parameter>');
    expect(completed).toContain('Started by Priya Shah, 22:00<br />Completed by Priya Shah, 22:30');
    expect(completed).toContain('Group qa');
  });
});

describe("the post-implementation review's planned against actual", () => {
  it.each([
    ['a completed run', completedRun, ['backup', 'deploy', 'smoke-test'], [['deploy', 'late', 15], ['smoke-test', 'late', 10]], 10],
    ['a rolled-back run', rolledBack, ['backup', 'deploy', 'smoke-test', 'rb-redeploy', 'rb-verify'], [['backup', 'late', 5], ['deploy', 'failed', 0]], 0],
  ])('%s: one row per step that could run, the failed and late steps called out', (_name, run, ids, exceptions, slip) => {
    const review = runReview(freeze(run));
    expect(review.rows.map((r) => r.stepId)).toEqual(ids);
    expect(review.exceptions.map((r) => [r.stepId, r.flag, r.lateByMinutes])).toEqual(exceptions);
    expect(review.slipMinutes).toBe(slip);
  });

  it('compares planned and actual minutes per step', () => {
    const row = runReview(freeze()).rows.find((r) => r.stepId === 'deploy');
    expect(row).toMatchObject({ plannedMinutes: 60, actualMinutes: 75, plannedStartAt: t(30), actualEndAt: t(105) });
  });
});
