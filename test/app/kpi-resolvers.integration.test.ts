import type { KpiDrilldown, KpiReportView, KpiSettingsView, KpiSyncStatus, ResolverResult, RotatedSecret } from '../../src/contract';
import { signingSecrets } from '../../src/app/deployment-secret';
import { versionsFromHistory } from '../../src/app/kpi-data';
import type { KpiSyncDoc } from '../../src/app/kpi-sync';
import { dispatchResolver } from '../../src/app/resolvers';
import { readVersionHistory } from '../../src/app/version-tracking';
import { computeKpiReport } from '../../src/domain/kpis/report';
import { DEFAULT_KPI_SETTINGS, withZone } from '../../src/domain/kpis/settings';
import { keys } from '../../src/store/keys';
import { DEMO_ACCOUNT } from '../../local/fake-jira';
import { DEMO_NOW, type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';
import { datasetFacts } from '../support/kpi';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;

beforeEach(async () => {
  site = await startDemoSite();
  facts = demoFacts(site.jira.dataset);
});
afterEach(() => site.close());

const context = (accountId: string, key = 'SHOP') => ({
  accountId,
  moduleKey: 'releases-page',
  extension: { type: 'jira:projectPage', project: { id: facts.project(key).id, key, type: 'software' } },
});

async function call<T>(name: string, accountId: string, payload: unknown = {}, key = 'SHOP'): Promise<ResolverResult<T>> {
  return (await dispatchResolver(site.deps, name, payload, context(accountId, key))) as ResolverResult<T>;
}

function data<T>(result: ResolverResult<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

async function sync() {
  data(await call<KpiSyncStatus>('startKpiSync', facts.admin.accountId));
  await site.queue.drain();
}

describe('the KPI report', () => {
  it('says there is no data before the first sync', async () => {
    const report = data(await call<KpiReportView>('getKpiReport', DEMO_ACCOUNT.developer));
    expect(report.sync).toMatchObject({ state: 'never', issuesStored: 0 });
    expect(report.canAdminister).toBe(false);
    expect(report.figures.map((f) => f.id)).toHaveLength(11);
  });

  it('shows, after a sync, the numbers the engine computes from the same data, each with what it was computed from', async () => {
    await sync();
    const report = data(await call<KpiReportView>('getKpiReport', facts.shopOnlyViewer.accountId));
    const shop = facts.project('SHOP');
    expect(report.sync).toMatchObject({ state: 'idle', chunksDone: report.sync.chunksTotal, issuesStored: site.jira.dataset.issues.filter((i) => i.projectId === shop.id).length });

    const expected = computeKpiReport(
      {
        project: { id: shop.id, key: 'SHOP', name: shop.name },
        // The demo site reports UTC as its zone, so the project's days are UTC days.
        settings: withZone(DEFAULT_KPI_SETTINGS, 'UTC'),
        facts: datasetFacts(site.jira.dataset, 'SHOP'),
        dictionaries: { issueTypes: Object.fromEntries(site.jira.dataset.issueTypes.map((t) => [t.id, { name: t.name, subtask: t.subtask }])), resolutions: Object.fromEntries(site.jira.dataset.resolutions.map((r) => [r.id, r.name])) },
        versions: versionsFromHistory(await readVersionHistory(site.deps, shop.id)),
        deployments: [],
      },
      DEMO_NOW,
    );
    expect(report.figures).toEqual(expected.figures);
    for (const figure of report.figures) {
      expect(figure.window).toEqual({ from: '2026-08-26', to: '2026-11-24', days: 90, timeZone: 'UTC' });
      expect(figure.numerator.label).not.toBe('');
    }
    expect(report.deploymentSource).toBe('versions');
    expect(report.trends.every((t) => t.points.length === 12)).toBe(true);
    expect(report.canAdminister).toBe(false);
  });

  it.each([
    ['someone who may browse nothing', () => facts.nobody.accountId, 'SHOP'],
    ['someone who may not browse PAY', () => facts.shopOnlyViewer.accountId, 'PAY'],
  ])('is refused to %s', async (_case, who, key) => {
    expect(await call('getKpiReport', who(), {}, key)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Browse Projects') } });
    expect(await call('getKpiDrilldown', who(), { figureId: 'lead-time' }, key)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('drills down to the exact issues behind a figure', async () => {
    await sync();
    const report = data(await call<KpiReportView>('getKpiReport', DEMO_ACCOUNT.developer));
    const leadTime = report.figures.find((f) => f.id === 'lead-time')!;
    const drilldown = data(await call<KpiDrilldown>('getKpiDrilldown', DEMO_ACCOUNT.developer, { figureId: 'lead-time' }));
    expect(drilldown.rows).toHaveLength(leadTime.numerator.value);
    expect(drilldown.issueKeys).toHaveLength(leadTime.numerator.value);
    for (const key of drilldown.issueKeys) expect(key).toMatch(/^SHOP-\d+$/);
  });

  it.each([
    ['an unknown figure', { figureId: 'velocity' }],
    ['an extra field', { figureId: 'lead-time', projectKey: 'PAY' }],
  ])('refuses a drill-down of %s', async (_case, payload) => {
    expect(await call('getKpiDrilldown', DEMO_ACCOUNT.developer, payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('KPI settings and sync', () => {
  it('lets anyone who browses read the definitions, and only project admins change them', async () => {
    const view = data(await call<KpiSettingsView>('getKpiSettings', facts.shopOnlyViewer.accountId));
    expect(view).toMatchObject({ settings: DEFAULT_KPI_SETTINGS, defaults: DEFAULT_KPI_SETTINGS, canEdit: false, deploymentSecret: { configured: false } });

    const settings = { ...DEFAULT_KPI_SETTINGS, windowDays: 28, timeZone: 'Europe/Berlin', percentileMethod: 'nearest-rank' as const };
    expect(await call('saveKpiSettings', DEMO_ACCOUNT.developer, { settings, revision: 0 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Administer Projects') } });
    expect(await site.store.getVersioned(keys.kpiSettings())).toBeUndefined();

    expect(data(await call<KpiSettingsView>('saveKpiSettings', DEMO_ACCOUNT.releaseManager, { settings, revision: view.revision })).settings).toEqual(settings);
    const report = data(await call<KpiReportView>('getKpiReport', facts.shopOnlyViewer.accountId));
    expect(report.window).toEqual({ from: '2026-10-27', to: '2026-11-24', days: 28, timeZone: 'Europe/Berlin' });
  });

  it.each([
    ['a window too short', { windowDays: 3 }],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }],
    ['an invalid hotfix pattern', { hotfixVersionPattern: '(' }],
    ['an unknown failure signal', { failureSignals: ['pager'] }],
    ['an unknown setting', { velocity: true }],
  ])('refuses definitions with %s and stores nothing', async (_case, change) => {
    const result = await call('saveKpiSettings', facts.admin.accountId, { settings: { ...DEFAULT_KPI_SETTINGS, ...change }, revision: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await site.store.getVersioned(keys.kpiSettings())).toBeUndefined();
  });

  it('lets only project admins start a sync', async () => {
    expect(await call('startKpiSync', DEMO_ACCOUNT.developer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await site.queue.drain();
    expect(await site.store.getVersioned(keys.kpiSyncState(facts.project('SHOP').id))).toBeUndefined();
    expect(site.jira.stats().byRoute['POST /rest/api/3/search/jql']).toBeUndefined();
  });

  it('shows a sync whose worker died as stalled, on the KPIs page and in the settings, and "Sync now" resumes it', async () => {
    await sync();
    const key = keys.kpiSyncState(facts.project('SHOP').id);
    const stored = (await site.store.getVersioned<KpiSyncDoc>(key))!;
    // What a worker that died in the middle of a chunk leaves behind: its lease ran out a minute ago.
    const died = { state: 'running' as const, startedAt: new Date(DEMO_NOW.getTime() - 4 * 60_000).toISOString(), leaseUntil: new Date(DEMO_NOW.getTime() - 60_000).toISOString() };
    const chunks = stored.value.chunks.map((c, i) => (i === 3 ? { ...c, ...died } : c));
    await site.store.transact([{ kind: 'put', key, value: { ...stored.value, state: 'backfilling', chunks }, expectRev: stored.rev }]);

    const stalled = { chunks: 1, since: died.leaseUntil };
    expect(data(await call<KpiReportView>('getKpiReport', facts.admin.accountId)).sync).toMatchObject({ state: 'backfilling', stalled });
    expect(data(await call<KpiSettingsView>('getKpiSettings', facts.admin.accountId)).projectSync).toMatchObject({ state: 'backfilling', stalled });

    await sync();
    const resumed = data(await call<KpiReportView>('getKpiReport', facts.admin.accountId)).sync;
    expect(resumed).toMatchObject({ state: 'idle', chunksDone: resumed.chunksTotal });
    expect(resumed.stalled).toBeUndefined();
  });

  it('generates and rotates the deployment secret for project admins only, showing it once', async () => {
    expect(await call('rotateDeploymentSecret', DEMO_ACCOUNT.developer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await signingSecrets(site.deps)).toEqual([]);

    const first = data(await call<RotatedSecret>('rotateDeploymentSecret', DEMO_ACCOUNT.releaseManager));
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(first.status).toMatchObject({ configured: true, rotatedAt: DEMO_NOW.toISOString() });
    expect(first.status.previousValidUntil).toBeUndefined();

    const second = data(await call<RotatedSecret>('rotateDeploymentSecret', facts.admin.accountId));
    expect(second.secret).not.toBe(first.secret);
    expect(second.status.previousValidUntil).toBe(new Date(DEMO_NOW.getTime() + 86_400_000).toISOString());
    const view = data(await call<KpiSettingsView>('getKpiSettings', facts.shopOnlyViewer.accountId));
    expect(JSON.stringify(view)).not.toContain(second.secret);
  });
});
