import type { KpiDrilldown, KpiReportView, KpiSettingsView, KpiSyncStatus, ResolverResult } from '../../src/contract';
import { replaceSigningSecret } from '../../src/app/deployment-secret';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, ingestDeployment, signDeploymentBody } from '../../src/app/ingest-deployment';
import { computeProjectKpis } from '../../src/app/kpi-data';
import { readFacts, writeFacts } from '../../src/app/kpi-fact-store';
import { readSyncDoc, readableFacts } from '../../src/app/kpi-sync';
import { dispatchResolver } from '../../src/app/resolvers';
import { decodeFact } from '../../src/domain/kpis/facts';
import { DEFAULT_KPI_SETTINGS } from '../../src/domain/kpis/settings';
import { DEMO_ACCOUNT } from '../../local/fake-jira';
import { DEMO_NOW, type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';

// A sync of the demo site and several computations per test.
jest.setTimeout(30_000);

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;

beforeEach(async () => {
  site = await startDemoSite();
  facts = demoFacts(site.jira.dataset);
});
afterEach(() => site.close());

const context = (accountId: string) => ({
  accountId,
  moduleKey: 'releases-page',
  extension: { type: 'jira:projectPage', project: { id: facts.project('SHOP').id, key: 'SHOP', type: 'software' } },
});

async function call<T>(name: string, accountId: string, payload: unknown = {}): Promise<T> {
  const result = (await dispatchResolver(site.deps, name, payload, context(accountId))) as ResolverResult<T>;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

async function synced() {
  await call<KpiSyncStatus>('startKpiSync', facts.admin.accountId);
  await site.queue.drain();
}

/** What the engine computes from the store right now: what a view must show. */
async function fresh() {
  const shop = facts.project('SHOP');
  return computeProjectKpis(site.store, { id: shop.id, key: 'SHOP', name: shop.name, timeZone: 'UTC' }, DEMO_NOW);
}

/** The store keys a piece of work reads, and the reads and read units the fake store counted. */
async function reading<T>(work: () => Promise<T>): Promise<{ result: T; keys: string[]; reads: number; units: number }> {
  const keys: string[] = [];
  const get = jest.spyOn(site.store, 'get');
  const getVersioned = jest.spyOn(site.store, 'getVersioned');
  const before = { ...site.store.counters };
  try {
    const result = await work();
    keys.push(...get.mock.calls.map(([key]) => key), ...getVersioned.mock.calls.map(([key]) => key));
    return { result, keys, reads: site.store.counters.reads - before.reads, units: site.store.counters.readUnits - before.readUnits };
  } finally {
    get.mockRestore();
    getVersioned.mockRestore();
  }
}

describe('the stored KPI view', () => {
  it('is read instead of the facts while nothing changed: the report and a drill-down cost a few small reads', async () => {
    await synced();
    const first = await reading(() => call<KpiReportView>('getKpiReport', DEMO_ACCOUNT.developer));
    expect(first.keys.some((k) => k.startsWith('kpifacts:'))).toBe(true);

    const again = await reading(() => call<KpiReportView>('getKpiReport', DEMO_ACCOUNT.developer));
    expect(again.result.figures).toEqual(first.result.figures);
    expect(again.result.trends).toEqual(first.result.trends);
    expect(again.keys.filter((k) => /^(kpifacts|kpideps|versionhist|kpisnap|gng:index|plan:deployments):/.test(k))).toEqual([]);
    expect(again.units).toBeLessThan(10);

    const drilldown = await reading(() => call<KpiDrilldown>('getKpiDrilldown', DEMO_ACCOUNT.developer, { figureId: 'lead-time' }));
    expect(drilldown.result).toEqual((await fresh()).report.drilldowns['lead-time']);
    expect(drilldown.keys.filter((k) => k.startsWith('kpifacts:'))).toEqual([]);
    expect(drilldown.units).toBeLessThan(10);
  });

  it('is computed again once the facts, the deployments or the settings changed, never shown stale', async () => {
    await synced();
    const shop = facts.project('SHOP');
    const original = await call<KpiReportView>('getKpiReport', DEMO_ACCOUNT.developer);
    expect(original.figures).toEqual((await fresh()).report.figures);

    // A fact written (an issue delivered with another one): the facts' mark moves.
    const doc = await readSyncDoc(site.deps, shop.id);
    const readable = readableFacts(doc!);
    const { tuples } = await readFacts(site.store, shop.id, readable.months, readable.generation);
    const leadTimeKeys = new Set((await call<KpiDrilldown>('getKpiDrilldown', DEMO_ACCOUNT.developer, { figureId: 'lead-time' })).issueKeys);
    const delivered = tuples.map(decodeFact).find((f) => leadTimeKeys.has(f.key))!;
    await writeFacts(site.store, shop.id, [{ ...delivered, id: '990001', key: 'SHOP-990001', updated: delivered.updated + 1 }], readable.generation);
    const afterFact = await call<KpiReportView>('getKpiReport', DEMO_ACCOUNT.developer);
    expect(afterFact.figures).not.toEqual(original.figures);
    expect(afterFact.figures).toEqual((await fresh()).report.figures);
    const drilldown = await call<KpiDrilldown>('getKpiDrilldown', DEMO_ACCOUNT.developer, { figureId: 'lead-time' });
    expect(drilldown.issueKeys).toContain('SHOP-990001');

    // A production deployment from CI/CD: the deployments' mark moves.
    const secret = 'view-test-secret-0123456789';
    await replaceSigningSecret(site.deps, 'ci-admin', secret);
    const body = JSON.stringify({ deploymentId: 'gha-run-1', environment: 'production', status: 'successful', deployedAt: '2026-11-20T09:00:00Z', projectKey: 'SHOP', version: '9.9.9' });
    const timestamp = String(DEMO_NOW.getTime() / 1000);
    const answer = await ingestDeployment(site.deps, { method: 'POST', headers: { [SIGNATURE_HEADER]: await signDeploymentBody(secret, timestamp, body), [TIMESTAMP_HEADER]: timestamp }, body });
    expect(answer.statusCode).toBe(201);
    const afterDeployment = await call<KpiReportView>('getKpiReport', DEMO_ACCOUNT.developer);
    expect(afterDeployment.figures).not.toEqual(afterFact.figures);
    expect(afterDeployment.figures).toEqual((await fresh()).report.figures);

    // Settings saved: their revision is part of the stamp.
    const { revision } = await call<KpiSettingsView>('getKpiSettings', DEMO_ACCOUNT.releaseManager);
    await call<KpiSettingsView>('saveKpiSettings', DEMO_ACCOUNT.releaseManager, { settings: { ...DEFAULT_KPI_SETTINGS, windowDays: 28 }, revision });
    const afterSettings = await call<KpiReportView>('getKpiReport', DEMO_ACCOUNT.developer);
    expect(afterSettings.window.days).toBe(28);
    expect(afterSettings.figures).toEqual((await fresh()).report.figures);
  });
});
