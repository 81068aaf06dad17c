import type { ResolverResult, RunbookView } from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { ACCESS_TTL_MS } from '../../src/app/session-facts';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { DEMO_NOW, type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';
import { type SmallRelease, createSmallRelease } from '../support/go-no-go-release';

/**
 * A live go-live run asks Jira nothing per step change: the session's permissions, name and
 * versions are kept for a few minutes (src/app/session-facts.ts), and a permission taken away in
 * Jira still takes effect within that bound.
 */
let site: DemoSite;
let release: SmallRelease;
let now = DEMO_NOW;
const RAVI = DEMO_ACCOUNT.releaseManager;

beforeAll(async () => {
  site = await startDemoSite({ clock: { now: () => now } });
  release = await createSmallRelease(site.jira.url, { name: 'SHOP 7.0.1', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency: checkout down' });
});
afterAll(() => site.close());

async function call(name: string, payload: unknown): Promise<ResolverResult<RunbookView>> {
  const project = demoFacts(site.jira.dataset).project('SHOP');
  return (await dispatchResolver(site.deps, name, payload, { accountId: RAVI, moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: project.id, key: 'SHOP', type: 'software' } } })) as ResolverResult<RunbookView>;
}
const jiraRequests = () => site.jira.stats().requests;

describe('a step change of a live go-live run', () => {
  it('costs one resolver call and no Jira request once the runbook is open', async () => {
    expect(await call('createRunbook', { versionId: release.versionId, from: { type: 'template' } })).toMatchObject({ ok: true });
    const started = await call('startRunbookRun', { versionId: release.versionId });
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const first = started.data.plan.steps[0]!.id;
    const before = jiraRequests();
    const changed = await call('actOnRunbookStep', { versionId: release.versionId, stepId: first, expectedStatus: 'not-started', action: { type: 'start' } });
    expect(changed).toMatchObject({ ok: true, data: { run: { states: { [first]: { status: 'running', by: { displayName: 'Ravi Menon' } } } } } });
    expect(jiraRequests() - before).toBe(0);
  });

  it('refuses a permission taken away in Jira within five minutes, not at once', async () => {
    const ravi = site.jira.dataset.users.find((u) => u.accountId === RAVI)!;
    const granted = ravi.projectPermissions;
    expect(await call('getRunbook', { versionId: release.versionId })).toMatchObject({ ok: true });
    ravi.projectPermissions = { ...granted, SHOP: [] };
    try {
      // Within the bound the answer Jira gave a moment ago still stands (and costs no request).
      now = new Date(DEMO_NOW.getTime() + ACCESS_TTL_MS - 1000);
      expect(await call('getRunbook', { versionId: release.versionId })).toMatchObject({ ok: true });
      now = new Date(DEMO_NOW.getTime() + ACCESS_TTL_MS);
      expect(await call('actOnRunbookStep', { versionId: release.versionId, stepId: 'anything', expectedStatus: 'running', action: { type: 'note', text: 'Still here?' } })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    } finally {
      ravi.projectPermissions = granted;
      now = DEMO_NOW;
    }
  });
});
