/**
 * The charts in Chromium, on the demo site after one daily run (issue history synced, roll-ups
 * built): the release burn-up with its projection on the overview and on the Go/No-Go page, the
 * readiness trend and the calendar's dependency graph. One page per width and theme, each chart
 * checked and photographed.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { describeInBrowser, screenshotLooks, screenshotPath } from './support/browser';
import { useBrowserRuntime } from './support/runtime';

const { releaseManager: RAVI } = DEMO_ACCOUNT;

describeInBrowser('charts: burn-up, readiness trend, dependency graph', () => {
  const { runtime, newPage } = useBrowserRuntime({
    page: false,
    setUp: async (runtime) => {
      // The daily run syncs the issue history (KPI facts) and builds the readiness roll-ups.
      const answer = await fetch(`${runtime.hostUrl}/api/triggers/daily-sync`, { method: 'POST' });
      if (!answer.ok) throw new Error(`daily run: ${answer.status}`);
      await runtime.settled();
    },
  });

  const versionId = (name: string) => runtime().fakeJira!.dataset.versions.find((v) => v.name === name)!.id;

  async function open(width: number, dark: boolean, route: string): Promise<{ page: Page; app: FrameLocator }> {
    const page = await newPage({ viewport: { width, height: 1200 } });
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/${route}?as=${RAVI}`);
    if (dark) await page.getByTestId('theme-toggle').click();
    return { page, app: page.frameLocator('[data-testid="app-frame"]') };
  }

  const suffix = (width: number, dark: boolean) => `${width === 1024 ? '-1024' : ''}${dark ? '-dark' : ''}`;

  it.each(screenshotLooks().map((look) => [look.width, look.dark] as const))('draws the burn-up (overview, Go/No-Go), the readiness trend and the dependency graph at %i px (dark: %s)', async (width, dark) => {
    const { page, app } = await open(width, dark, 'overview');
    const overview = app.getByTestId('overview-burnup-chart');
    await overview.waitFor({ timeout: 30_000 });
    const late = versionId('SHOP 2.3.1');
    await app.getByTestId('overview-burnup-picker').selectOption(late);
    await app.locator('[data-testid="overview-burnup-chart"][data-projection]').waitFor();
    // A late release: its date (20 Nov) has passed, and the projection says by how much it will miss.
    expect(await overview.getAttribute('data-projection')).toBe('projected');
    expect(await overview.getAttribute('data-late')).toBe('true');
    expect(await app.getByTestId('overview-burnup-chart-projection').innerText()).toMatch(/would be done by \d+ \w+ 2026 – \d+ days after the release date \(20 Nov\)/);
    await app.getByTestId('overview-burnup-chart-release-line').waitFor();
    await app.getByTestId('overview-burnup-chart-projection-line').waitFor();
    await app.getByTestId('overview-burnup').screenshot({ path: screenshotPath(`burnup-overview${suffix(width, dark)}.png`) });

    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/go-no-go?as=${RAVI}`);
    await app.getByTestId('gng-board').waitFor({ timeout: 30_000 });
    await app.getByTestId('gng-version-picker').selectOption(versionId('SHOP 2.4'));
    await app.locator(`[data-testid="gng-board"][data-version="${versionId('SHOP 2.4')}"]`).waitFor();
    const gng = app.getByTestId('gng-burnup-chart');
    await gng.waitFor({ timeout: 30_000 });
    // Today's point is Jira's own: the issues with the fix version now, and how many are resolved.
    const inScope = runtime().fakeJira!.dataset.issues.filter((i) => i.fixVersionIds.includes(versionId('SHOP 2.4')));
    const resolved = inScope.filter((i) => i.resolutionId !== null).length;
    expect(await app.getByTestId('gng-burnup-chart-status').innerText()).toMatch(new RegExp(`^${inScope.length} issues in scope, ${resolved} done · since 27 Oct: \\d+ added, \\d+ removed`));
    // Screen readers get the same words as the picture.
    expect(await app.locator('#gng-burnup-chart-svg-desc').textContent()).toContain('would be done by');
    await app.getByTestId('gng-burnup').screenshot({ path: screenshotPath(`burnup-go-no-go${suffix(width, dark)}.png`) });

    // The readiness page records today's trend point of each release: the same counts as its card.
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/readiness?as=${RAVI}`);
    const v24 = versionId('SHOP 2.4');
    const trend = app.getByTestId(`readiness-trend-${v24}`);
    await trend.waitFor({ timeout: 45_000 });
    expect(Number(await trend.getAttribute('data-points'))).toBeGreaterThanOrEqual(1);
    expect(await app.getByTestId(`readiness-trend-${v24}-last`).innerText()).toMatch(/^24 Nov: \d+ ready, (\d+ at risk, )?\d+ not ready/);
    await app.getByTestId(`readiness-release-${v24}`).screenshot({ path: screenshotPath(`readiness-trend${suffix(width, dark)}.png`) });

    // The calendar's dependency graph: PAY 3.1 (another project) blocks SHOP 2.4, SHOP 2.5 blocks SHOP 2.4.
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/calendar?as=${RAVI}`);
    const graph = app.getByTestId('dependency-graph');
    await graph.waitFor({ timeout: 30_000 });
    const pay = versionId('PAY 3.1');
    expect(await app.getByTestId(`dependency-edge-${pay}-${v24}`).getAttribute('stroke-dasharray')).toBe('6 4');
    const list = await app.getByTestId('dependency-list').innerText();
    expect(list).toMatch(/PAY 3\.1 blocks SHOP 2\.4: \d+ links, \d+ open .*another project/);
    expect(list).toMatch(/SHOP 2\.5 blocks SHOP 2\.4/);
    await app.getByTestId('release-dependencies').screenshot({ path: screenshotPath(`dependency-graph${suffix(width, dark)}.png`) });
  }, 180_000);
});
