import type { Page } from 'playwright-core';
import { describeInBrowser, screenshotPath } from './support/browser';
import { useBrowserRuntime } from './support/runtime';

/** The local host's own pages: what `npm start` shows before any app frame. */
describeInBrowser('the local host in Chromium', () => {
  const { runtime, newPage, facts } = useBrowserRuntime({ page: false });
  let current: Page;
  const page = () => current;
  beforeEach(async () => {
    current = await newPage({ viewport: { width: 1440, height: 1000 } });
  }, 60_000);

  it('opens on SHOP, the project the README and the start banner speak of', async () => {
    await page().goto(`${runtime().hostUrl}/`);
    await page().waitForURL(/#\/project\/SHOP\/releases/, { timeout: 30_000 });
    expect(await page().getByTestId('project-switcher').inputValue()).toBe('SHOP');
  }, 60_000);

  it('lists the project’s issues from Jira', async () => {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/issues?as=${facts().admin.accountId}`);
    const list = page().getByTestId('issue-list');
    await list.waitFor({ timeout: 30_000 });
    const first = runtime().fakeJira!.dataset.issues.filter((i) => i.key.startsWith('SHOP-')).map((i) => i.key)[0]!;
    await page().getByTestId(`issue-link-${first}`).waitFor({ timeout: 30_000 });
    expect(await page().locator('[data-testid^="issue-link-SHOP-"]').count()).toBeGreaterThan(10);
    expect(await list.innerText()).not.toMatch(/400|Bad Request/);
    await page().screenshot({ path: screenshotPath('local-host-issues.png') });
  }, 60_000);

  it('releases a version in Jira from the “Release version” button', async () => {
    const version = facts().versionsOf('SHOP').find((v) => !v.released && !v.archived)!;
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/issues?as=${facts().admin.accountId}`);
    await page().getByTestId('triggers-button').click();
    await page().getByTestId('event-version').locator(`option[value="${version.id}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    await page().getByTestId('event-version').selectOption(version.id);
    await page().getByTestId('event-release-version').click();
    const result = page().getByTestId('trigger-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toContain('"released": true');
    expect(runtime().fakeJira!.dataset.versions.find((v) => v.id === version.id)?.released).toBe(true);
    await page().screenshot({ path: screenshotPath('local-host-release-version.png') });
  }, 60_000);

  it('says Jira’s quota is used up, and when it resets, instead of “not answering”; switched off, a reload works again', async () => {
    const jira = runtime().fakeJira!;
    jira.faults.quotaExhausted = true;
    try {
      await page().goto(`${runtime().hostUrl}/#/project/SHOP/issues`);
      const error = page().getByTestId('session-error');
      await error.waitFor({ timeout: 30_000 });
      expect(await error.getAttribute('data-code')).toBe('QUOTA_EXHAUSTED');
      const text = await error.innerText();
      expect(text).toContain('quota');
      expect(text).toMatch(/resets at \d\d:00 UTC/);
      expect(text).not.toContain('not answering');
      await page().screenshot({ path: screenshotPath('local-host-quota.png') });
    } finally {
      jira.faults.quotaExhausted = false;
    }
    await page().reload();
    await page().getByTestId('issue-list').waitFor({ timeout: 30_000 });
  }, 60_000);
});
