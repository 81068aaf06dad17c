/**
 * People acting on a live run at the same moment. The barrier store holds both writers' reads of
 * the run until each has read it, so both start from the same revision: no timing, no luck.
 */
import type { ResolverResult, RunbookView } from '../../src/contract';
import type { AppDeps } from '../../src/app/deps';
import { dispatchResolver } from '../../src/app/resolvers';
import { keys } from '../../src/store/keys';
import type { FakeJira } from '../../local/fake-jira';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import type { BarrierStore } from '../support/barrier-store';
import { shopPageContext, startRacingApp } from '../support/racing-app';
import { DEMO_NOW } from '../support/demo-site';
import { createSmallRelease } from '../support/go-no-go-release';

const { releaseManager: RAVI, admin: ALANA } = DEMO_ACCOUNT;
let jira: FakeJira;
let store: BarrierStore;
let deps: AppDeps;
let versionId: string;

const context = shopPageContext;
const call = async (name: string, accountId: string, payload: unknown) => (await dispatchResolver(deps, name, payload, context(accountId))) as ResolverResult<RunbookView>;
const act = (accountId: string, stepId: string, expectedStatus: string, action: Record<string, unknown>) => call('actOnRunbookStep', accountId, { versionId, stepId, expectedStatus, action });

beforeAll(async () => {
  ({ jira, store, deps } = await startRacingApp());
  // An emergency release runs without a GO decision, which keeps the set-up to the runbook itself.
  ({ versionId } = await createSmallRelease(jira.url, { name: 'SHOP 5.0.1', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency fix' }));
  for (const [name, payload] of [
    ['createRunbook', { versionId, from: { type: 'template' } }],
    ['startRunbookRun', { versionId }],
  ] as const) {
    const result = await call(name, RAVI, payload);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  }
  await act(RAVI, 'incident-bridge', 'not-started', { type: 'start' });
}, 30_000);
afterAll(() => jira.close());
beforeEach(() => {
  store.conflicts = 0;
});

describe('two people acting on a live run at once', () => {
  it('on the same step: one wins, the other is told who was first and nothing of theirs lands', async () => {
    store.arm(keys.runbookRun('10000', versionId), 2);
    const [ravi, alana] = await Promise.all([
      act(RAVI, 'incident-bridge', 'running', { type: 'complete' }),
      act(ALANA, 'incident-bridge', 'running', { type: 'fail', reason: 'Bridge line dropped' }),
    ]);
    expect(store.conflicts).toBeGreaterThanOrEqual(1);
    const [winner, loser] = ravi.ok ? [ravi, alana] : [alana, ravi];
    expect(winner.ok).toBe(true);
    expect(loser).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const state = winner.ok ? winner.data.run?.states['incident-bridge'] : undefined;
    const who = state?.by?.displayName;
    expect(loser.ok ? '' : loser.error.message).toBe(
      `“Open the incident bridge and name the people on it” was ${state?.status} by ${who} at ${DEMO_NOW.toISOString()} while you were looking; your change was not applied.`,
    );
  }, 30_000);

  it('on different steps: both land', async () => {
    const view = await call('getRunbook', RAVI, { versionId });
    const bridge = view.ok ? view.data.run?.states['incident-bridge']?.status : undefined;
    if (bridge === 'failed') await act(RAVI, 'incident-bridge', 'failed', { type: 'skip', reason: 'Bridge moved to chat' });
    await act(RAVI, 'deploy-prod', 'not-started', { type: 'start' });
    store.arm(keys.runbookRun('10000', versionId), 2);
    const [note, done] = await Promise.all([
      act(ALANA, 'incident-bridge', bridge === 'failed' ? 'skipped' : 'completed', { type: 'note', text: 'Everyone on the bridge' }),
      act(RAVI, 'deploy-prod', 'running', { type: 'complete' }),
    ]);
    expect(note.ok && done.ok).toBe(true);
    expect(store.conflicts).toBeGreaterThanOrEqual(1);
    const after = await call('getRunbook', RAVI, { versionId });
    expect(after.ok && after.data.run?.states['incident-bridge']?.notes.map((n) => n.text)).toEqual(['Everyone on the bridge']);
    expect(after.ok && after.data.run?.states['deploy-prod']?.status).toBe('completed');
  }, 30_000);
});
