import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { type SmallRelease, createSmallRelease, namePatchApprovers, transition } from '../support/go-no-go-release';
import { describeInBrowser, screenshotPath } from './support/browser';
import { useBrowserRuntime } from './support/runtime';

const { releaseManager: RAVI, qa: PRIYA, developer: DANA } = DEMO_ACCOUNT;

describeInBrowser('the Go/No-Go board in Chromium', () => {
  let release: SmallRelease;

  const { runtime, newPage } = useBrowserRuntime({
    page: false,
    setUp: async (runtime) => {
      // SHOP counts in Berlin while every browser below is in Kiritimati (UTC+14), where the
      // runtime's 10:00 UTC is already midnight of the next day.
      runtime.fakeJira!.dataset.siteTimeZone = 'Europe/Berlin';
      release = await createSmallRelease(runtime.jiraUrl, { name: 'SHOP 2.4.1', startDate: '2026-11-18', releaseDate: '2026-11-26' });
      await namePatchApprovers(runtime.hostUrl);
    },
  });

  /** The board of the small release, as `accountId` sees it. */
  async function openBoard(accountId: string): Promise<{ page: Page; app: FrameLocator }> {
    const page = await newPage({ viewport: { width: 1400, height: 1100 }, timezoneId: 'Pacific/Kiritimati' });
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/go-no-go?as=${accountId}`);
    const app = page.frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('gng-board').waitFor({ timeout: 30_000 });
    await app.getByTestId('gng-version-picker').selectOption(release.versionId);
    await app.locator(`[data-testid="gng-board"][data-version="${release.versionId}"]`).waitFor();
    return { page, app };
  }

  it('shows NO-GO for an open blocking bug; after the fix and the votes the release manager records GO and Jira has the version released', async () => {
    // 1. The release manager sees NO-GO, because of the open High bug.
    const manager = await openBoard(RAVI);
    await manager.app.locator('[data-testid="gng-verdict"][data-verdict="NO_GO"]').waitFor();
    expect(await manager.app.getByTestId('gng-blocking-issues').innerText()).toContain(release.bugKey);
    expect(await manager.app.getByTestId('gng-criterion-no-open-blocker-bugs').getAttribute('data-status')).toBe('fail');
    await manager.page.screenshot({ path: screenshotPath('go-no-go-board.png') });

    // 2. A developer fixes the bug in Jira.
    await transition(runtime().jiraUrl, DANA, release.bugKey, 'done');

    // 3. QA ticks the rollback plan with evidence and votes GO.
    const qa = await openBoard(PRIYA);
    await qa.app.locator('[data-testid="gng-criterion-no-open-blocker-bugs"][data-status="pass"]').waitFor();
    await qa.app.getByTestId('gng-evidence-m-rollback-plan').fill('https://wiki.example.com/shop-2-4-1/rollback');
    await qa.app.getByTestId('gng-tick-m-rollback-plan').click();
    await qa.app.locator('[data-testid="gng-criterion-m-rollback-plan"][data-status="pass"]').waitFor();
    await qa.app.getByTestId('gng-vote-qa-GO').click();
    await qa.app.locator('[data-testid="gng-role-qa"][data-state="GO"]').waitFor();
    expect(await qa.app.getByTestId('gng-vote-operations-GO').count()).toBe(0);
    // The vote's time is the project's (Berlin, 11:0x on the 24th), named because the browser is elsewhere, not the browser's 00:0x on the 25th.
    expect(await qa.app.getByTestId('gng-role-qa').innerText()).toMatch(/\(24 Nov, 11:\d\d CET\)/);

    // 4. Operations votes GO: the quorum is reached.
    const ops = await openBoard(DANA);
    await ops.app.getByTestId('gng-vote-operations-GO').click();
    await ops.app.locator('[data-testid="gng-role-operations"][data-state="GO"]').waitFor();
    await ops.app.locator('[data-testid="gng-verdict"][data-verdict="GO"]').waitFor();

    // 5. The release manager records GO, choosing to release the version in Jira.
    await manager.app.getByTestId('gng-version-picker').selectOption(release.versionId);
    await manager.page.reload();
    await manager.app.getByTestId('gng-board').waitFor({ timeout: 30_000 });
    await manager.app.getByTestId('gng-version-picker').selectOption(release.versionId);
    await manager.app.locator(`[data-testid="gng-board"][data-version="${release.versionId}"] [data-testid="gng-verdict"][data-verdict="GO"]`).waitFor();
    expect(await manager.app.getByTestId('gng-decide-GO').isChecked()).toBe(true);
    // Releasing in Jira is off until chosen; with every issue resolved there is nothing to move.
    expect(await manager.app.getByTestId('gng-mark-released').isChecked()).toBe(false);
    await manager.app.getByTestId('gng-mark-released').check();
    await manager.app.getByTestId('gng-unresolved-none').waitFor();
    await manager.app.getByTestId('gng-decision-comment').fill('Go for Thursday 10:00');
    await manager.app.getByTestId('gng-record-decision').click();
    const jiraRelease = manager.app.locator('[data-testid="gng-jira-release"][data-status="released"]');
    await jiraRelease.waitFor();
    expect(await jiraRelease.innerText()).toContain('Released in Jira');
    expect(await manager.app.getByTestId('gng-verdict').getAttribute('data-decision')).toBe('GO');
    expect(runtime().fakeJira!.dataset.versions.find((v) => v.id === release.versionId)).toMatchObject({ released: true, releaseDate: '2026-11-24' });

    // The audit log (folded away at first) lists every step.
    await manager.app.getByTestId('gng-audit-toggle').click();
    await manager.app.getByTestId('gng-audit-load').click();
    const audit = manager.app.getByTestId('gng-audit-table');
    await audit.waitFor();
    const actions = await audit.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(['jira.version-released', 'decision.recorded', 'vote.cast', 'vote.cast', 'criterion.ticked']);
    const firstEntry = audit.locator('tbody tr').first();
    expect(await firstEntry.innerText()).toMatch(/24 Nov 2026, 11:\d\d CET/);
    // The viewer's own time is in the tooltip.
    expect(await firstEntry.locator('td[title]').first().getAttribute('title')).toMatch(/^Your time: 25 Nov, 00:\d\d /);
    await manager.page.evaluate(() => window.scrollTo(0, 0));
    await manager.page.screenshot({ path: screenshotPath('go-no-go-decided.png') });
  }, 120_000);
});
