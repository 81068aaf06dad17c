/**
 * The charts' resolvers against the fake Jira (demo data, fixed "now"): the burn-up reads its
 * history from the stored issue facts and the dependency graph from the readiness roll-ups, so a
 * look reads no issue from Jira; both check who is asking.
 */
import type { ReleaseBurnupView, ReleaseDependenciesView, ResolverResult } from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { DEMO_ACCOUNT } from '../../local/fake-jira';
import { LINK_TYPE } from '../../local/fake-jira/dataset';
import { type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;

beforeEach(async () => {
  site = await startDemoSite();
  facts = demoFacts(site.jira.dataset);
});
afterEach(() => site.close());

const context = (accountId: string) => ({ accountId, moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: facts.project('SHOP').id, key: 'SHOP', type: 'software' } } });
const call = async <T>(name: string, accountId: string, payload: unknown = {}) => (await dispatchResolver(site.deps, name, payload, context(accountId))) as ResolverResult<T>;
const ok = <T>(result: ResolverResult<T>): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
};
const version = (name: string) => site.jira.dataset.versions.find((v) => v.name === name)!;
const issuesIn = (name: string) => site.jira.dataset.issues.filter((i) => i.fixVersionIds.includes(version(name).id));

describe('the release burn-up', () => {
  it('says there is no history before the first sync, then ends on Jira’s own count today, reading no issue from Jira', async () => {
    const before = ok(await call<ReleaseBurnupView>('getReleaseBurnup', DEMO_ACCOUNT.viewer, { versionId: version('SHOP 2.4').id }));
    expect(before.history.state).toBe('never');

    ok(await call('startKpiSync', DEMO_ACCOUNT.admin));
    await site.queue.drain();
    site.jira.resetStats();
    const view = ok(await call<ReleaseBurnupView>('getReleaseBurnup', DEMO_ACCOUNT.viewer, { versionId: version('SHOP 2.4').id }));
    const routes = Object.keys(site.jira.stats().byRoute);
    expect(routes.some((r) => /search|changelog|\/issue\//.test(r))).toBe(false);
    expect(view.history.state).toBe('complete');
    const today = view.burnup.points[view.burnup.points.length - 1]!;
    expect(today.date).toBe('2026-11-24');
    expect(today.scope).toBe(issuesIn('SHOP 2.4').length);
    expect(today.done).toBe(issuesIn('SHOP 2.4').filter((i) => i.resolutionId !== null).length);
    expect(view.burnup.points[0]!.date).toBe(version('SHOP 2.4').startDate);
  });

  it('refuses someone who cannot browse the project, and a version id that is not one', async () => {
    expect(await call('getReleaseBurnup', DEMO_ACCOUNT.outsider, { versionId: version('SHOP 2.4').id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('getReleaseBurnup', DEMO_ACCOUNT.viewer, { versionId: 'SHOP 2.4' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('the dependency graph of releases', () => {
  it('has an edge for each pair of versions joined by Blocks links, with as many links as Jira holds', async () => {
    const first = ok(await call<ReleaseDependenciesView>('getReleaseDependencies', DEMO_ACCOUNT.viewer));
    expect(first.notBuilt.length).toBeGreaterThan(0);
    ok(await call('getReleaseReadiness', DEMO_ACCOUNT.viewer));
    await site.queue.drain();
    const view = ok(await call<ReleaseDependenciesView>('getReleaseDependencies', DEMO_ACCOUNT.viewer));
    expect(view.notBuilt).toEqual([]);
    // Counted from the dataset: links whose blocker is in PAY 3.1 and whose blocked issue is in SHOP 2.4.
    const pay = new Set(issuesIn('PAY 3.1').map((i) => i.id));
    const shop = new Set(issuesIn('SHOP 2.4').map((i) => i.id));
    const expected = site.jira.dataset.issueLinks.filter((l) => l.typeId === LINK_TYPE.blocks && pay.has(l.sourceIssueId) && shop.has(l.destinationIssueId)).length;
    const edge = view.graph.edges.find((e) => e.from === version('PAY 3.1').id && e.to === version('SHOP 2.4').id);
    expect(edge).toMatchObject({ links: expected, crossProject: true, inCycle: false });
    expect(view.graph.nodes.find((n) => n.id === version('PAY 3.1').id)).toMatchObject({ external: true, projectKey: 'PAY' });
  });
});
