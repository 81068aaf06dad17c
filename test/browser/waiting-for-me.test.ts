import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { type SmallRelease, createSmallRelease, namePatchApprovers } from '../support/go-no-go-release';
import { describeInBrowser } from './support/browser';
import { useBrowserRuntime } from './support/runtime';

const { releaseManager: RAVI, qa: PRIYA } = DEMO_ACCOUNT;

describeInBrowser('the sign-offs waiting for me in Chromium', () => {
  let release: SmallRelease;

  const { runtime, newPage } = useBrowserRuntime({
    page: false,
    setUp: async (runtime) => {
      release = await createSmallRelease(runtime.jiraUrl, { name: 'SHOP 2.4.1', startDate: '2026-11-18', releaseDate: '2026-11-26' });
      await namePatchApprovers(runtime.hostUrl);
    },
  });

  it('shows an approver, on the Overview, the sign-offs waiting for them and opens that release’s board', async () => {
    const page = await newPage({ viewport: { width: 1400, height: 1100 } });
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/overview?as=${PRIYA}`);
    const app = page.frameLocator('[data-testid="app-frame"]');
    const waiting = app.getByTestId('waiting-for-me');
    await waiting.waitFor({ timeout: 30_000 });
    expect(await waiting.innerText()).toMatch(/Waiting for your sign-off \(1\)[\s\S]*SHOP 2\.4\.1 · QA · due 26 Nov 2026/);
    await app.getByTestId(`waiting-open-${release.versionId}-qa`).click();
    await app.locator(`[data-testid="gng-board"][data-version="${release.versionId}"]`).waitFor({ timeout: 30_000 });
    // Someone who owes nothing sees no such box.
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/overview?as=${RAVI}`);
    await app.getByTestId('releases-table').waitFor({ timeout: 30_000 });
    expect(await app.getByTestId('waiting-for-me').count()).toBe(0);
  }, 60_000);
});
