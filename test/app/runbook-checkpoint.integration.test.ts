/**
 * A go/no-go checkpoint's vote through the resolver: only its named approvers vote (a release
 * manager who is not one is refused), a refused vote stores nothing, the same approver voting
 * from two pages at once counts once, and a rollback vote switches the run in the same write.
 */
import type { ResolverResult, RunbookView } from '../../src/contract';
import type { AppDeps } from '../../src/app/deps';
import { dispatchResolver } from '../../src/app/resolvers';
import { keys } from '../../src/store/keys';
import type { FakeJira } from '../../local/fake-jira';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import type { BarrierStore } from '../support/barrier-store';
import { shopPageContext, startRacingApp } from '../support/racing-app';
import { createSmallRelease } from '../support/go-no-go-release';

const { releaseManager: RAVI, admin: ALANA, viewer: SAM } = DEMO_ACCOUNT;
let jira: FakeJira;
let store: BarrierStore;
let deps: AppDeps;
let versionId: string;

const context = shopPageContext;
const call = async (name: string, accountId: string, payload: unknown) => (await dispatchResolver(deps, name, payload, context(accountId))) as ResolverResult<RunbookView>;
const vote = (accountId: string, choice: string, reason?: string) =>
  call('actOnRunbookStep', accountId, { versionId, stepId: 'go-checkpoint', expectedStatus: 'running', action: { type: 'vote', choice, ...(reason !== undefined ? { reason } : {}) } });
const ok = async (result: Promise<ResolverResult<RunbookView>>): Promise<RunbookView> => {
  const answer = await result;
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.data;
};
const runKey = () => keys.runbookRun('10000', versionId);

beforeAll(async () => {
  ({ jira, store, deps } = await startRacingApp());
  ({ versionId } = await createSmallRelease(jira.url, { name: 'SHOP 5.0.2', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency fix' }));
  const created = await ok(call('createRunbook', RAVI, { versionId, from: { type: 'template' } }));
  const checkpoint = { id: 'go-checkpoint', title: 'Go/no-go before deployment', description: '', durationMinutes: 5, dependsOn: ['incident-bridge'], kind: 'checkpoint', approvers: [ALANA, SAM] };
  await ok(call('saveRunbookStep', RAVI, { versionId, planRevision: created.planRevision, step: checkpoint, after: 'incident-bridge' }));
  await ok(call('startRunbookRun', RAVI, { versionId }));
  for (const [stepId, expectedStatus, type] of [
    ['incident-bridge', 'not-started', 'start'],
    ['incident-bridge', 'running', 'complete'],
    ['go-checkpoint', 'not-started', 'start'],
  ] as const) {
    await ok(call('actOnRunbookStep', RAVI, { versionId, stepId, expectedStatus, action: { type } }));
  }
}, 30_000);
afterAll(() => jira.close());

describe('voting at a go/no-go checkpoint', () => {
  it('is for its named approvers: a release manager who is not one is refused, and sees who may vote', async () => {
    const before = await store.getVersioned(runKey());
    expect(await vote(RAVI, 'continue')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('named approvers') } });
    expect((await store.getVersioned(runKey()))?.rev).toBe(before?.rev);
    const sam = await ok(call('getRunbook', SAM, { versionId }));
    expect(sam.permissions.votableStepIds).toEqual(['go-checkpoint']);
    expect(sam.permissions.actableStepIds).toEqual([]);
    expect(sam.users.map((u) => u.displayName)).toEqual(expect.arrayContaining(['Alana Grant', 'Sam Okafor']));
  });

  it('refuses a rollback vote without a reason and stores nothing', async () => {
    const before = await store.getVersioned(runKey());
    expect(await vote(SAM, 'rollback', ' ')).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('Say why') } });
    expect(await vote(SAM, 'maybe')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await store.getVersioned(runKey()))?.rev).toBe(before?.rev);
  });

  it('counts one approver voting from two pages at once once: the second is told', async () => {
    store.arm(runKey(), 2);
    const [first, second] = await Promise.all([vote(ALANA, 'continue'), vote(ALANA, 'continue')]);
    const [winner, loser] = first.ok ? [first, second] : [second, first];
    expect(winner.ok).toBe(true);
    expect(loser).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Alana Grant voted continue at') } });
    const view = await ok(call('getRunbook', RAVI, { versionId }));
    expect(view.run?.states['go-checkpoint']?.votes?.map((v) => v.by.displayName)).toEqual(['Alana Grant']);
    expect(view.run?.states['go-checkpoint']?.status).toBe('running');
    expect((await ok(call('getRunbook', ALANA, { versionId }))).permissions.votableStepIds).toEqual([]);
  }, 30_000);

  it('switches the run to its rollback steps on a rollback vote, in the same write', async () => {
    const view = await ok(vote(SAM, 'rollback', 'Card declines doubled on the canary'));
    expect(view.run?.states['go-checkpoint']).toMatchObject({ status: 'failed', reason: 'Sam Okafor voted to roll back at “Go/no-go before deployment”: Card declines doubled on the canary' });
    expect(view.run?.header).toMatchObject({ mode: 'rollback', rollback: { by: { displayName: 'Sam Okafor' } } });
    expect(view.run?.progress.status).toBe('rolling-back');
    expect(view.run?.progress.readyStepIds).toContain('rb-announce');
    const audit = await call('getRunbookAudit', RAVI, { versionId });
    expect(audit.ok && (audit.data as unknown as { entries: Array<{ action: string }> }).entries.map((e) => e.action)).toContain('step.vote');
  });
});
