import type { RunbookView } from '../../src/contract';
import { schedulePlan } from '../../src/domain/runbook/schedule';
import { formatDuration, formatInstant, formatOffset, followUpText, planRows, planSummary, runEndLine, stepActions } from '../../static/releases/src/go-live/golive-model';
import { runProgress } from '../../src/domain/runbook/progress';
import { RAVI, aPlan, aRun, aRunbookView, aStep, t } from '../support/runbook-builders';

const plan = aPlan([
  aStep('backup', { durationMinutes: 30, owner: { type: 'user', accountId: 'priya' } }),
  aStep('deploy', { after: ['backup'], durationMinutes: 45, owner: { type: 'group', groupName: 'ops' } }),
  aStep('tell-support', { after: ['backup'], durationMinutes: 5, kind: 'communication' }),
  aStep('rb-redeploy', { kind: 'rollback', durationMinutes: 20 }),
]);

const aView = (overrides: Partial<RunbookView> = {}, run = aRun()): RunbookView => aRunbookView(plan, overrides, run);

describe('the Go-live page model', () => {
  it.each([
    ['2026-12-05T22:00:00.000Z', 'Europe/Berlin', 'Sat 5 Dec, 23:00'],
    ['2026-12-05T22:00:00.000Z', 'Pacific/Auckland', 'Sun 6 Dec, 11:00'],
    ['2026-12-05T22:00:00.000Z', 'America/Los_Angeles', 'Sat 5 Dec, 14:00'],
  ])('shows %s in %s as %s', (iso, zone, text) => {
    expect(formatInstant(iso, zone)).toBe(text);
  });

  it.each([
    [45, '45 min'],
    [60, '1 h'],
    [135, '2 h 15 min'],
    [-20, '-20 min'],
  ])('says %i minutes as %s', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });

  it('shows planned offsets until the runbook has a go-live start, and plans a run from its own start', () => {
    const noStart = aPlan(plan.steps, null);
    const before = aView({ plan: noStart, schedule: schedulePlan(noStart) });
    const { run: _run, ...withoutRun } = before;
    expect(planRows(withoutRun as RunbookView).map((r) => r.plannedOffset)).toEqual([{ start: 0, end: 30 }, { start: 30, end: 75 }, { start: 30, end: 35 }, undefined]);
    expect(formatOffset(30)).toBe('T+30 min');
    expect(formatOffset(-60)).toBe('T-1 h');
    expect(planSummary(withoutRun as RunbookView, 'UTC')).toContain('Planned end T+1 h 15 min (no go-live start yet)');
  });

  it('names owners, marks the critical path and never marks rollback steps critical', () => {
    const rows = planRows(aView());
    expect(rows.map((r) => [r.step.id, r.owner, r.critical])).toEqual([
      ['backup', 'Priya Shah', true],
      ['deploy', 'ops (group)', true],
      ['tell-support', '', false],
      ['rb-redeploy', '', false],
    ]);
    expect(rows[1]?.dependsOn).toEqual(['backup']);
  });

  it.each([
    ['a ready step', {}, 'backup', ['start', 'skip', 'note']],
    ['a step waiting for its dependency', {}, 'deploy', ['skip', 'note']],
    ['a running step', { backup: { status: 'running' as const, startedAt: t(0) } }, 'backup', ['complete', 'fail', 'skip', 'note']],
    ['a failed step', { backup: { status: 'failed' as const, startedAt: t(0), endedAt: t(5) } }, 'backup', ['start', 'skip', 'note']],
    ['a rollback step before any rollback', {}, 'rb-redeploy', ['note']],
    ['a step the viewer may not act on', {}, 'tell-support', []],
  ])('offers the right buttons on %s', (_case, states, stepId, actions) => {
    const view = aView({}, aRun(states));
    const row = planRows(view).find((r) => r.step.id === stepId)!;
    expect(stepActions(row, view)).toEqual(actions);
  });

  it('sums up the plan: planned end, length, critical path and rollback', () => {
    expect(planSummary(aView(), 'UTC')).toBe('Planned end Sat 5 Dec, 23:15 · 1 h 15 min in all · 2 steps on the critical path · rollback takes 20 min');
  });

  it.each([
    ['a running run: projected', aRun({ backup: { status: 'completed', startedAt: t(0), endedAt: t(20) } }), t(25), 'Projected end Sat 5 Dec, 23:10 (5 min early)'],
    [
      'a completed run: when it ended',
      aRun({ backup: { status: 'completed', startedAt: t(0), endedAt: t(20) }, deploy: { status: 'completed', startedAt: t(20), endedAt: t(70) }, 'tell-support': { status: 'skipped', endedAt: t(21) } }),
      t(600),
      'Ended Sat 5 Dec, 23:10 (5 min early)',
    ],
    [
      'a rolled-back run: when it rolled back',
      aRun({ 'rb-redeploy': { status: 'completed', startedAt: t(40), endedAt: t(55) } }, { mode: 'rollback', rollback: { at: t(38), by: RAVI, reason: 'bad build' } }),
      t(600),
      'Rolled back at Sat 5 Dec, 22:55',
    ],
  ])('states the end of %s', (_case, run, now, text) => {
    expect(runEndLine(runProgress(plan, run, now), 'UTC').text).toBe(text);
  });

  it.each([
    ['pending', { work: ['file-deployments'], since: t(0), attempts: 0 }, 'Still to do: filing the production deployment for the KPIs.'],
    [
      'failing',
      { work: ['file-deployments', 'freeze'], since: t(0), attempts: 2, error: 'Storage is unavailable.', retryAt: t(6) },
      "Not done yet: filing the production deployment for the KPIs and freezing the finished run's record and queuing its run book page failed (tried 2 times): Storage is unavailable. The app tries again Sat 5 Dec, 22:06.",
    ],
  ] as const)("says a run's follow-up work is %s", (_case, followUp, text) => {
    expect(followUpText({ ...followUp, work: [...followUp.work] }, 'UTC')).toBe(text);
  });
});
