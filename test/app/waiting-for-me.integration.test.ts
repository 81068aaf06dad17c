/**
 * "Waiting for me" through the real resolvers on the in-memory store, the person asking taken from
 * the invocation context: readiness sign-offs from the stored roll-up (by group membership),
 * go-live steps owned by a group or by the release managers, and checkpoint votes. Each kind is
 * listed while it is owed and gone once given.
 */
import type { ResolverResult, RunbookView, WaitingForMeView } from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { reconcileReleaseReadiness } from '../../src/app/readiness/release-readiness';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { type DemoSite, startDemoSite } from '../support/demo-site';
import { type SmallRelease, createSmallRelease } from '../support/go-no-go-release';

const { releaseManager: RAVI, qa: PRIYA, developer: DANA, viewer: SAM } = DEMO_ACCOUNT;
const SHOP = { id: '10000', key: 'SHOP', type: 'software' };
let site: DemoSite;
let release: SmallRelease;
let emergency: SmallRelease;

const pageContext = (accountId: string) => ({ accountId, moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: SHOP } });
async function ok<T>(name: string, accountId: string, payload: unknown, context: object = pageContext(accountId)): Promise<T> {
  const result = (await dispatchResolver(site.deps, name, payload, context)) as ResolverResult<T>;
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.data;
}
const waiting = (accountId: string) => ok<WaitingForMeView>('getWaitingForMe', accountId, {});
const step = (stepId: string, expectedStatus: string, type: string) => ok<RunbookView>('actOnRunbookStep', RAVI, { versionId: emergency.versionId, stepId, expectedStatus, action: { type } });

beforeAll(async () => {
  site = await startDemoSite();
  release = await createSmallRelease(site.jira.url, { name: 'SHOP 2.4.1', startDate: '2026-11-18', releaseDate: '2026-11-27' });
  await reconcileReleaseReadiness(site.deps, SHOP.id, release.versionId);
  emergency = await createSmallRelease(site.jira.url, { name: 'SHOP 5.0.2', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency fix' });
  const created = await ok<RunbookView>('createRunbook', RAVI, { versionId: emergency.versionId, from: { type: 'template' } });
  const smoke = { id: 'qa-smoke', title: 'Smoke-test checkout', description: '', durationMinutes: 10, dependsOn: ['incident-bridge'], kind: 'verification', owner: { type: 'group', groupName: 'qa-team' } };
  const saved = await ok<RunbookView>('saveRunbookStep', RAVI, { versionId: emergency.versionId, planRevision: created.planRevision, step: smoke, after: 'incident-bridge' });
  const checkpoint = { id: 'go-checkpoint', title: 'Go/no-go before deployment', description: '', durationMinutes: 5, dependsOn: ['qa-smoke'], kind: 'checkpoint', approvers: [PRIYA] };
  await ok('saveRunbookStep', RAVI, { versionId: emergency.versionId, planRevision: saved.planRevision, step: checkpoint, after: 'qa-smoke' });
}, 30_000);
afterAll(() => site.close());

describe('what is waiting for me', () => {
  it('lists the readiness sign-offs of my groups on the stored roll-up, and forgets one once signed', async () => {
    const mine = (view: WaitingForMeView) => view.signOffs.filter((s) => s.versionId === release.versionId).flatMap((s) => s.issues.map((i) => [i.issueKey, i.checks.map((c) => c.criterionId)]));
    expect(mine(await waiting(PRIYA))).toEqual([
      [release.storyKey, ['qa-passed']],
      [release.bugKey, ['qa-passed']],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'en', { numeric: true })));
    expect(mine(await waiting(DANA))).toEqual(expect.arrayContaining([[release.storyKey, ['code-reviewed']]]));
    expect((await waiting(SAM)).signOffs).toEqual([]);

    const issue = (await (await fetch(`${site.jira.url}/rest/api/3/issue/${release.storyKey}`, { headers: { authorization: `Bearer user:${PRIYA}` } })).json()) as { id: string };
    const issueContext = { accountId: PRIYA, moduleKey: 'release-readiness-panel', extension: { type: 'jira:issuePanel', issue: { id: issue.id, key: release.storyKey, type: 'Story' }, project: SHOP } };
    await ok('signOffCheck', PRIYA, { criterionId: 'qa-passed', action: 'sign' }, issueContext);
    expect(mine(await waiting(PRIYA))).toEqual([[release.bugKey, ['qa-passed']]]);
  });

  it('lists go-live steps ready for their owners (a group, the release managers) and a checkpoint for its approver until they vote', async () => {
    const live = (view: WaitingForMeView) => ({
      steps: view.steps.filter((s) => s.versionId === emergency.versionId).map((s) => `${s.stepId} ${s.status} (${s.ownedAs})`),
      checkpoints: view.checkpoints.map((c) => c.stepId),
    });
    // No run yet: nothing to do.
    expect(live(await waiting(RAVI))).toEqual({ steps: [], checkpoints: [] });
    await ok('startRunbookRun', RAVI, { versionId: emergency.versionId });
    expect(live(await waiting(RAVI))).toEqual({ steps: ['incident-bridge ready (release managers)'], checkpoints: [] });
    expect(live(await waiting(PRIYA))).toEqual({ steps: [], checkpoints: [] });

    await step('incident-bridge', 'not-started', 'start');
    expect(live(await waiting(RAVI)).steps).toEqual(['incident-bridge running (release managers)']);
    await step('incident-bridge', 'running', 'complete');
    expect(live(await waiting(PRIYA))).toEqual({ steps: ['qa-smoke ready (qa-team)'], checkpoints: [] });
    await step('qa-smoke', 'not-started', 'start');
    await step('qa-smoke', 'running', 'complete');
    await step('go-checkpoint', 'not-started', 'start');
    // A running checkpoint waits for its approver's vote, not for its owner.
    expect(live(await waiting(PRIYA))).toEqual({ steps: [], checkpoints: ['go-checkpoint'] });
    expect(live(await waiting(RAVI))).toEqual({ steps: ['deploy-prod ready (release managers)'], checkpoints: [] });
    expect(live(await waiting(SAM))).toEqual({ steps: [], checkpoints: [] });

    await ok('actOnRunbookStep', PRIYA, { versionId: emergency.versionId, stepId: 'go-checkpoint', expectedStatus: 'running', action: { type: 'vote', choice: 'continue' } });
    expect(live(await waiting(PRIYA))).toEqual({ steps: [], checkpoints: [] });
  });
});
