import { stepRowModels } from '../../static/releases/src/go-live/step-rows';
import { aPlan, aRun, aRunbookView, aStep, t } from '../support/runbook-builders';

const plan = aPlan([
  aStep('backup', { durationMinutes: 30, owner: { type: 'user', accountId: 'priya' } }),
  aStep('deploy', { after: ['backup'], durationMinutes: 45 }),
  aStep('tell-support', { after: ['backup'], durationMinutes: 5, kind: 'communication' }),
  aStep('rb-redeploy', { kind: 'rollback', durationMinutes: 20 }),
]);
// Each answer is parsed afresh from the bridge: equal content, new objects.
const answer = (run = aRun()) => JSON.parse(JSON.stringify(aRunbookView(plan, {}, run))) as ReturnType<typeof aRunbookView>;
const byId = (models: ReturnType<typeof stepRowModels>) => new Map(models.map((m) => [m.row.step.id, m]));

describe('the Go-live step rows across refreshes', () => {
  it('keeps the row of every unchanged step and makes new ones only for the steps that changed', () => {
    const first = stepRowModels(answer());
    const again = stepRowModels(answer(), byId(first));
    expect(again.every((model, i) => model === first[i])).toBe(true);

    // Backup starts: its row is new; the rollback step, which nothing of it reaches, keeps its row.
    const started = stepRowModels(answer(aRun({ backup: { status: 'running', startedAt: t(0) } })), byId(again));
    expect(started[0]).not.toBe(again[0]);
    expect(started[0]?.actions).toEqual(['complete', 'fail', 'skip', 'note']);
    expect(started[3]).toBe(again[3]);
  });

  it('fades rollback steps while the run goes forward, and not once it rolls back', () => {
    expect(stepRowModels(answer()).map((m) => m.dimmed)).toEqual([false, false, false, true]);
    expect(stepRowModels(answer(aRun({}, { mode: 'rollback', rollback: { at: t(10), by: { accountId: 'ravi', displayName: 'Ravi Menon' }, reason: 'broken' } }))).map((m) => m.dimmed)).toEqual([false, false, false, false]);
  });
});
