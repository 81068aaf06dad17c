import type { KpiPublicationStatus, KpiReportView, ResolverResult } from '../../src/contract';
import { indexDeploymentForKpis } from '../../src/app/deployment-index';
import { job } from '../../src/app/jobs-catalog';
import { runWeeklyKpiReports } from '../../src/app/kpi-reports';
import { dispatchResolver } from '../../src/app/resolvers';
import { KPI_PORTFOLIO_TITLE, kpiPageTitle } from '../../src/domain/reports/kpi-page';
import type { KpiSnapshot } from '../../src/domain/kpis/report';
import { keys } from '../../src/store/keys';
import { type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;

beforeEach(async () => {
  site = await startDemoSite();
  facts = demoFacts(site.jira.dataset);
  await site.queue.push(site.jira.dataset.projects.map((p) => job('kpi-sync', { projectId: p.id, projectKey: p.key })));
  await site.queue.drain();
});
afterEach(() => site.close());

const currentPages = (title: string) => site.confluence.pages().filter((p) => p.status === 'current' && p.title === title);
const shopTitle = () => kpiPageTitle({ key: 'SHOP', name: facts.project('SHOP').name });
const outcome = (key: string) => site.store.get<KpiPublicationStatus>(keys.kpiReportOutcome(key));

async function weekly() {
  const result = await runWeeklyKpiReports(site.deps);
  await site.queue.drain();
  return result;
}

describe('the weekly KPI pages in Confluence', () => {
  it('creates one page per project and a portfolio page; a second run finds them and updates only what changed', async () => {
    await site.store.set(keys.reportSettings(), { spaceKey: 'REL' });
    expect(await weekly()).toEqual({ projects: 2, spaceConfigured: true });
    expect(currentPages(shopTitle())).toHaveLength(1);
    expect(currentPages(KPI_PORTFOLIO_TITLE)).toHaveLength(1);
    expect(await outcome('SHOP')).toMatchObject({ ok: true, action: 'created', title: shopTitle() });
    const body = currentPages(shopTitle())[0]!.body;
    expect(body).toContain('ac:name="status"');
    expect(body).toContain('ac:name="chart"');
    expect(body).toContain('/issues/?jql=key%20in%20(SHOP-');

    // A production deployment before the week's Monday changes the figures: the page is updated, not duplicated.
    await indexDeploymentForKpis(site.store, {
      deploymentId: 'run-1',
      environment: 'production',
      status: 'successful',
      deployedAt: '2026-11-20T15:00:00Z',
      projectKey: 'SHOP',
      issueKeys: [site.jira.dataset.issues.find((i) => i.projectId === facts.project('SHOP').id && i.resolutiondate)!.key],
      receivedAt: '2026-11-20T15:00:01Z',
    });
    site.confluence.faults.fail409Next = 1; // someone edits the page at the same time: re-read and retry
    await weekly();
    expect(currentPages(shopTitle())).toHaveLength(1);
    expect(currentPages(shopTitle())[0]!.version.number).toBe(2);
    expect(await outcome('SHOP')).toMatchObject({ ok: true, action: 'updated' });
    expect(currentPages(shopTitle())[0]!.body).toContain('CI/CD sent 1 production deployment');
    expect(await outcome('PAY')).toMatchObject({ ok: true, action: 'unchanged' });

    await weekly();
    expect(currentPages(shopTitle())).toHaveLength(1);
    expect(await outcome('SHOP')).toMatchObject({ ok: true, action: 'unchanged' });
    expect(currentPages(KPI_PORTFOLIO_TITLE)).toHaveLength(1);
  });

  it.each([
    ['does not exist', () => site.store.set(keys.reportSettings(), { spaceKey: 'NOPE' }), /NOPE does not exist/],
    ['denies the app', async () => {
      await site.store.set(keys.reportSettings(), { spaceKey: 'REL' });
      site.confluence.faults.denySpaces = ['REL'];
    }, /not allowed/],
    ['is not chosen', async () => undefined, /No Confluence space/],
  ])('when the space %s: records why, keeps the week’s snapshot, publishes nothing, and the KPI page says so', async (_case, arrange, message) => {
    await arrange();
    const before = site.confluence.pages().length;
    await weekly();
    expect(site.confluence.pages()).toHaveLength(before);
    expect(await outcome('SHOP')).toMatchObject({ ok: false, error: expect.stringMatching(message) });
    const snapshots = await site.store.getVersioned<{ weeks: KpiSnapshot[] }>(keys.kpiSnapshots(facts.project('SHOP').id));
    expect(snapshots?.value.weeks.map((w) => [w.weekEnd, w.source])).toEqual([['2026-11-23', 'weekly-run']]);
    const report = (await dispatchResolver(site.deps, 'getKpiReport', {}, { accountId: facts.admin.accountId, extension: { project: { id: facts.project('SHOP').id, key: 'SHOP' } } })) as ResolverResult<KpiReportView>;
    if (!report.ok) throw new Error(report.error.message);
    expect(report.data.publication).toMatchObject({ ok: false, error: expect.stringMatching(message) });
    expect(report.data.trends[0]!.points.at(-1)).toMatchObject({ weekEnd: '2026-11-23', source: 'weekly-run' });
  });
});
