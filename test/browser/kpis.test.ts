import { readFileSync } from 'node:fs';
import type { KpiReportView, ResolverResult } from '../../src/contract';
import { DEMO_ACCOUNT } from '../../local/fake-jira';
import { countWithLabel } from '../../src/domain/kpis/format';
import { indexDeploymentForKpis } from '../../src/app/deployment-index';
import { keys } from '../../src/store/keys';
import { describeInBrowser, screenshotPath } from './support/browser';
import { useBrowserRuntime } from './support/runtime';

describeInBrowser('the KPIs page in Chromium', () => {
  const { runtime, page, facts } = useBrowserRuntime();

  async function open(accountId: string) {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/releases/kpis?as=${accountId}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('kpis-page').waitFor({ timeout: 30_000 });
    return app;
  }

  it('syncs on request, then shows each figure with its numerator and denominator, and what is behind it', async () => {
    const app = await open(facts().admin.accountId);
    await app.locator('[data-testid="kpi-sync-status"][data-state="never"]').waitFor();
    await app.getByTestId('kpi-sync-now').click();
    await app.locator('[data-testid="kpi-sync-status"][data-state="idle"]').waitFor({ timeout: 30_000 });

    const report = await reportAs(facts().admin.accountId);
    for (const figure of report.figures) {
      const card = app.getByTestId(`figure-${figure.id}`);
      expect(await app.getByTestId(`figure-${figure.id}-numerator`).innerText()).toBe(countWithLabel(figure.numerator.value, figure.numerator.label));
      if (figure.denominator) expect(await app.getByTestId(`figure-${figure.id}-denominator`).innerText()).toBe(countWithLabel(figure.denominator.value, figure.denominator.label));
      expect(await card.innerText()).toContain('26 Aug 2026 – 23 Nov 2026 (90 days, UTC)');
    }
    expect(await app.getByTestId('figure-lead-time').innerText()).toContain('linear interpolation');
    expect(await app.getByTestId('trend-throughput').locator('circle').count()).toBe(12);

    await app.getByTestId('drilldown-lead-time').click();
    const table = app.getByTestId('drilldown-table-lead-time');
    await table.waitFor({ timeout: 30_000 });
    const leadTime = report.figures.find((f) => f.id === 'lead-time')!;
    expect(await table.innerText()).toContain(`${leadTime.numerator.value} rows`);
    // Every row of the drill-down, not only the page shown, as CSV with the table's headers.
    const [download] = await Promise.all([page().waitForEvent('download'), app.getByTestId('drilldown-csv-lead-time').click()]);
    expect(download.suggestedFilename()).toBe('shop-lead-time.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(leadTime.numerator.value + 1);
    expect(lines[0]).toContain('Issue');
    // The table shows fact times in the project's zone, named in each cell (UTC in the demo); the CSV keeps exact UTC minutes.
    expect(await table.innerText()).not.toContain('(UTC)');
    expect(await table.innerText()).toMatch(/\b\d{1,2} [A-Z][a-z]{2} 20\d\d, \d\d:\d\d UTC\b/);
    expect(lines[0]).toContain('(UTC)');
    await app.getByTestId('figure-deployment-frequency').scrollIntoViewIfNeeded();
    await page().screenshot({ path: screenshotPath('kpis-page.png') });
  }, 90_000);

  it('shows a viewer the figures but no sync button', async () => {
    const app = await open(DEMO_ACCOUNT.viewer);
    await app.getByTestId('figure-deployment-frequency').waitFor();
    expect(await app.getByTestId('kpi-sync-now').count()).toBe(0);
  }, 60_000);

  async function reportAs(accountId: string): Promise<KpiReportView> {
    const response = await fetch(`${runtime().hostUrl}/api/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId, moduleKey: 'releases-page', extension: { project: { id: facts().project('SHOP').id, key: 'SHOP' } }, functionKey: 'getKpiReport', payload: {} }),
    });
    const body = (await response.json()) as ResolverResult<KpiReportView>;
    if (!body.ok) throw new Error(body.error.message);
    return body.data;
  }

  it('lets a project admin remove a test deployment, after a confirmation, and says what changed', async () => {
    const event = { deploymentId: 'curl-test-1', environment: 'production', status: 'successful' as const, deployedAt: '2026-11-23T09:00:00Z', projectKey: 'SHOP', receivedAt: '2026-11-23T09:00:01.000Z' };
    await runtime().store.set(keys.deployment(event.deploymentId), event);
    await indexDeploymentForKpis(runtime().store, event);
    const app = await open(facts().admin.accountId);
    const row = app.getByTestId('recorded-curl-test-1');
    await row.waitFor({ timeout: 30_000 });
    await app.getByTestId('remove-curl-test-1').click();
    // Nothing is removed until the removal is confirmed.
    expect(await runtime().store.get(keys.deployment('curl-test-1'))).toBeDefined();
    await app.getByTestId('confirm-remove-curl-test-1').click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await app.getByTestId('recorded-deployments').innerText()).toContain('curl-test-1: removed');
    expect(await runtime().store.get(keys.deployment('curl-test-1'))).toBeUndefined();
    await app.getByTestId('recorded-deployments').scrollIntoViewIfNeeded();
    await page().screenshot({ path: screenshotPath('kpis-recorded-deployments.png') });
  }, 60_000);

  it('does not show recorded deployments to someone who cannot administer the project', async () => {
    const app = await open(DEMO_ACCOUNT.viewer);
    await app.getByTestId('figure-lead-time').waitFor({ timeout: 30_000 });
    expect(await app.getByTestId('recorded-deployments').count()).toBe(0);
  }, 60_000);
});
