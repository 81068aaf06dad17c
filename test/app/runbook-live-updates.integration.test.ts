/**
 * Live updates: every write of a go-live run (start, a step started, completed, failed, skipped,
 * noted, a checkpoint vote, a rollback) tells the pages watching the release with exactly one
 * notice on the release's channel; a refused write tells nobody. The notice says only which run
 * changed and how often it was written: the page reads the rest through getRunbook.
 */
import type { ResolverResult, RunbookView } from '../../src/contract';
import type { AppDeps } from '../../src/app/deps';
import { dispatchResolver } from '../../src/app/resolvers';
import type { FakeJira } from '../../local/fake-jira';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { LocalRealtimeHub } from '../../local/realtime-hub';
import { shopPageContext, startRacingApp } from '../support/racing-app';
import { createSmallRelease } from '../support/go-no-go-release';

const { releaseManager: RAVI, admin: ALANA, viewer: SAM } = DEMO_ACCOUNT;
let jira: FakeJira;
let deps: AppDeps;
let hub: LocalRealtimeHub;
let versionId: string;

const call = async (name: string, accountId: string, payload: unknown) => (await dispatchResolver(deps, name, payload, shopPageContext(accountId))) as ResolverResult<RunbookView>;
const act = (accountId: string, stepId: string, expectedStatus: string, action: Record<string, unknown>) => call('actOnRunbookStep', accountId, { versionId, stepId, expectedStatus, action });

/** The notices one call published. */
async function noticesOf(write: () => Promise<ResolverResult<RunbookView>>): Promise<{ answer: ResolverResult<RunbookView>; notices: typeof hub.published }> {
  const before = hub.published.length;
  const answer = await write();
  return { answer, notices: hub.published.slice(before) };
}

beforeAll(async () => {
  ({ jira, deps } = await startRacingApp());
  hub = new LocalRealtimeHub();
  deps.live = hub;
  ({ versionId } = await createSmallRelease(jira.url, { name: 'SHOP 5.0.3', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency fix' }));
  const created = await call('createRunbook', RAVI, { versionId, from: { type: 'template' } });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const checkpoint = { id: 'go-checkpoint', title: 'Go/no-go before deployment', description: '', durationMinutes: 5, dependsOn: ['incident-bridge'], kind: 'checkpoint', approvers: [ALANA] };
  const saved = await call('saveRunbookStep', RAVI, { versionId, planRevision: created.data.planRevision, step: checkpoint, after: 'incident-bridge' });
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
}, 30_000);
afterAll(() => jira.close());

describe('live updates of a go-live run', () => {
  it('publish one notice, with no run data, for each write of the run', async () => {
    const writes: Array<[string, () => Promise<ResolverResult<RunbookView>>]> = [
      ['run start', () => call('startRunbookRun', RAVI, { versionId })],
      ['step start', () => act(RAVI, 'incident-bridge', 'not-started', { type: 'start' })],
      ['note', () => act(RAVI, 'incident-bridge', 'running', { type: 'note', text: 'Bridge open on the usual number' })],
      ['step complete', () => act(RAVI, 'incident-bridge', 'running', { type: 'complete' })],
      ['checkpoint start', () => act(RAVI, 'go-checkpoint', 'not-started', { type: 'start' })],
      ['checkpoint vote', () => act(ALANA, 'go-checkpoint', 'running', { type: 'vote', choice: 'continue' })],
      ['step fail', () => act(RAVI, 'deploy-prod', 'not-started', { type: 'start' }).then(() => act(RAVI, 'deploy-prod', 'running', { type: 'fail', reason: 'Pods crash-loop' }))],
      ['step skip', () => act(RAVI, 'deploy-prod', 'failed', { type: 'skip', reason: 'Rolling back instead' })],
      ['rollback', () => call('startRunbookRollback', RAVI, { versionId, reason: 'The deployment failed' })],
    ];
    const revisions: number[] = [];
    for (const [what, write] of writes) {
      const { answer, notices } = await noticesOf(write);
      expect({ what, ok: answer.ok }).toEqual({ what, ok: true });
      // 'step fail' is two writes (start, then fail): one notice each.
      expect({ what, notices: notices.length }).toEqual({ what, notices: what === 'step fail' ? 2 : 1 });
      for (const { projectId, channel, notice } of notices) {
        expect({ projectId, channel }).toEqual({ projectId: '10000', channel: `runbook-run-${versionId}` });
        expect(Object.keys(notice).sort()).toEqual(['revision', 'versionId']);
        expect(notice.versionId).toBe(versionId);
        revisions.push(notice.revision as number);
      }
    }
    // Each notice names a later state of the run than the one before.
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
    expect(new Set(revisions).size).toBe(revisions.length);
  }, 30_000);

  it('publish nothing for a refused write', async () => {
    const refused: Array<[string, () => Promise<ResolverResult<RunbookView>>]> = [
      ['someone who may only read', () => act(SAM, 'rb-announce', 'not-started', { type: 'start' })],
      ['a stale status', () => act(RAVI, 'rb-announce', 'running', { type: 'complete' })],
      ['a second rollback', () => call('startRunbookRollback', RAVI, { versionId, reason: 'Again' })],
      ['a second start', () => call('startRunbookRun', RAVI, { versionId })],
      ['bad input', () => act(RAVI, 'rb-announce', 'not-started', { type: 'teleport' })],
    ];
    for (const [what, write] of refused) {
      const { answer, notices } = await noticesOf(write);
      expect({ what, ok: answer.ok, notices }).toEqual({ what, ok: false, notices: [] });
    }
  }, 30_000);
});
