import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { type SmallRelease, createSmallRelease } from '../support/go-no-go-release';
import { describeInBrowser, screenshotPath } from './support/browser';
import { useBrowserRuntime } from './support/runtime';

const { releaseManager: RAVI, admin: ALANA, viewer: SAM } = DEMO_ACCOUNT;

describeInBrowser('the Go-live runbook in Chromium', () => {
  let release: SmallRelease;

  const { runtime, newPage } = useBrowserRuntime({
    page: false,
    setUp: async (runtime) => {
      // An emergency release may run without a GO decision, so the walk starts at the runbook.
      release = await createSmallRelease(runtime.jiraUrl, { name: 'SHOP 2.4.9', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency: card payments failing' });
    },
  });

  async function openGoLive(accountId: string): Promise<{ page: Page; app: FrameLocator }> {
    const page = await newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/go-live?as=${accountId}`);
    const app = page.frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('go-live').waitFor({ timeout: 30_000 });
    await app.getByTestId('golive-version').selectOption(release.versionId);
    await app.locator(`[data-testid="go-live"][data-version="${release.versionId}"]`).waitFor();
    return { page, app };
  }

  it('plans from the template with the critical path, runs live, and a second watcher sees each step change without reloading', async () => {
    const manager = await openGoLive(RAVI);
    await manager.app.getByTestId('golive-create-template').click();
    await manager.app.getByTestId('golive-step-deploy-prod').waitFor();
    expect(await manager.app.getByTestId('golive-step-deploy-prod').getAttribute('data-critical')).toBe('true');
    expect(await manager.app.getByTestId('golive-step-rb-redeploy').getAttribute('data-critical')).toBe('false');
    expect(await manager.app.getByTestId('golive-summary').innerText()).toContain('(no go-live start yet)');
    // The go-live start is a wall time in the project's zone (UTC in the demo).
    await manager.app.getByTestId('golive-start-at').fill('2026-11-24T10:30');
    await manager.app.getByTestId('golive-set-start').click();
    await manager.app.getByText('Planned end Tue 24 Nov, 11:05').waitFor();
    expect(await manager.app.getByTestId('golive-step-deploy-prod').innerText()).toContain('Tue 24 Nov, 10:35 – 10:50');
    await manager.page.screenshot({ path: screenshotPath('go-live-plan.png') });

    // A stakeholder follows along in another page: reading, no buttons.
    const watcher = await openGoLive(SAM);
    expect(await watcher.app.getByTestId('golive-start-run').isDisabled()).toBe(true);

    await manager.app.getByTestId('golive-start-run').click();
    await manager.app.locator('[data-testid="golive-run-status"][data-status="running"]').waitFor();
    await manager.app.getByTestId('golive-start-incident-bridge').click();
    await manager.app.getByTestId('golive-complete-incident-bridge').click();
    await manager.app.locator('[data-testid="golive-step-incident-bridge"][data-status="completed"]').waitFor();

    // The page asks again every 2 seconds: the watcher sees the run and the completed step without reloading.
    await watcher.app.locator('[data-testid="golive-step-incident-bridge"][data-status="completed"]').waitFor({ timeout: 5_000 });
    await watcher.app.locator('[data-testid="golive-step-deploy-prod"][data-ready="true"]').waitFor({ timeout: 5_000 });
    expect(await watcher.app.getByTestId('golive-start-deploy-prod').count()).toBe(0);

    // An administrator (a release manager too) starts the deployment in a third page.
    const admin = await openGoLive(ALANA);
    await admin.app.getByTestId('golive-start-deploy-prod').click();
    await admin.app.locator('[data-testid="golive-step-deploy-prod"][data-status="running"]').waitFor();
    await manager.app.locator('[data-testid="golive-step-deploy-prod"][data-status="running"]').waitFor({ timeout: 5_000 });

    // The deployment fails; the release manager rolls back and the rollback steps become ready.
    await admin.app.getByTestId('golive-text-deploy-prod').fill('Payment gateway rejects the new TLS certificate');
    await admin.app.getByTestId('golive-fail-deploy-prod').click();
    await manager.app.locator('[data-testid="golive-step-deploy-prod"][data-status="failed"]').waitFor({ timeout: 5_000 });
    await manager.app.getByLabel('Why roll back').fill('Deployment failed: TLS certificate rejected');
    await manager.app.getByTestId('golive-rollback').click();
    await manager.app.locator('[data-testid="golive-run-status"][data-status="rolling-back"]').waitFor();
    await manager.app.locator('[data-testid="golive-step-rb-announce"][data-ready="true"]').waitFor();
    await watcher.app.locator('[data-testid="golive-run-status"][data-status="rolling-back"]').waitFor({ timeout: 5_000 });
    await manager.page.screenshot({ path: screenshotPath('go-live-run.png') });
  }, 120_000);

  it('is one click away from the Go/No-Go board', async () => {
    const page = await newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/go-no-go?as=${RAVI}`);
    const app = page.frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('gng-version-picker').selectOption(release.versionId, { timeout: 30_000 });
    await app.locator(`[data-testid="gng-board"][data-version="${release.versionId}"]`).waitFor();
    await app.getByTestId('gng-open-go-live').click();
    await app.locator(`[data-testid="go-live"][data-version="${release.versionId}"]`).waitFor();
  }, 60_000);
});
