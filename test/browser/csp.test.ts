import { describeInBrowser, screenshotPath } from './support/browser';
import { useBrowserRuntime } from './support/runtime';

/**
 * The local host serves the Custom UI under the Content-Security-Policy Forge serves it under
 * (`@forge/csp`); every browser test fails on a violation (test/browser/support/csp.ts). These
 * tests show the policy is there, that a violation is caught, and that every sub-page, each its
 * own lazily loaded chunk, renders under it.
 */
describeInBrowser('the Custom UI under Forge’s Content-Security-Policy', () => {
  const { runtime, page, facts, cspViolations } = useBrowserRuntime();
  const releasesUrl = (route = '') => `${runtime().hostUrl}/#/project/SHOP/releases${route}?as=${facts().admin.accountId}`;

  it('is served with Forge’s policy: scripts only from the app itself, no eval, sandboxed', async () => {
    const served = page().waitForResponse((r) => /\/apps\/releases\/(index\.html)?(\?|$)/.test(new URL(r.url()).pathname + new URL(r.url()).search));
    await page().goto(releasesUrl());
    const csp = (await served).headers()['content-security-policy'] ?? '';
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src ')) ?? '';
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).not.toContain('unsafe-eval');
    expect(csp).toMatch(/(^|; )sandbox [^;]*allow-scripts/);
    await page().frameLocator('[data-testid="app-frame"]').getByTestId('releases-table').waitFor({ timeout: 30_000 });
  }, 60_000);

  it('catches what Forge would block: an inline script in the app frame is refused and reported', async () => {
    await page().goto(releasesUrl());
    const app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('releases-table').waitFor({ timeout: 30_000 });
    const ran = await app.locator('body').evaluate((body) => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      body.appendChild(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    // The report crosses from the page to the test asynchronously: wait for it, not for a time.
    await page().waitForFunction(() => new Promise((done) => requestAnimationFrame(() => done(true))));
    for (let i = 0; i < 50 && !cspViolations().some((v) => v.includes('script-src')); i++) await page().evaluate(() => new Promise((done) => setTimeout(done, 20)));
    expect(cspViolations().join('\n')).toMatch(/script-src/);
    cspViolations().splice(0); // provoked on purpose: not this test's failure
  }, 60_000);

  it.each([
    ['/readiness', 'readiness-page'],
    ['/calendar', 'calendar-page'],
    ['/go-no-go', 'gng-board'],
    ['/environments', 'environments-page'],
    ['/kpis', 'kpis-page'],
    ['/release-notes', 'release-notes-page'],
  ])('renders the %s sub-page under the policy', async (route, testId) => {
    await page().goto(releasesUrl(route));
    await page().frameLocator('[data-testid="app-frame"]').getByTestId(testId).waitFor({ timeout: 30_000 });
    await page().screenshot({ path: screenshotPath(`csp${route.replace('/', '-')}.png`) });
  }, 60_000);

  it('renders the project settings page under the policy', async () => {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/settings?as=${facts().admin.accountId}`);
    await page().frameLocator('[data-testid="app-frame"]').getByRole('heading').first().waitFor({ timeout: 30_000 });
    await page().screenshot({ path: screenshotPath('csp-settings.png') });
  }, 60_000);
});
