import { readFile } from 'node:fs/promises';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { dispatchResolver } from '../../src/app/resolvers';
import { type SiteWindowsDoc, emptySiteWindows, siteWindowsDoc } from '../../src/app/release-plan/documents';
import { updateSplitDoc } from '../../src/store/sharded-list';
import type { PlanWindow } from '../../src/contract-release-plan';
import { type SmallRelease, createSmallRelease } from '../support/go-no-go-release';
import { describeInBrowser, screenshotPath, sidewaysOverflow } from './support/browser';
import { typeDateTime } from './support/date-time';
import { useBrowserRuntime } from './support/runtime';

const { releaseManager: RAVI, admin: ALANA, viewer: SAM } = DEMO_ACCOUNT;

describeInBrowser('the Go-live runbook in Chromium', () => {
  let release: SmallRelease;
  let gated: SmallRelease;

  const { runtime, newPage, facts } = useBrowserRuntime({
    page: false,
    setUp: async (runtime) => {
      // An emergency release may run without a GO decision, so the walk starts at the runbook.
      release = await createSmallRelease(runtime.jiraUrl, { name: 'SHOP 2.4.9', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency: card payments failing' });
      gated = await createSmallRelease(runtime.jiraUrl, { name: 'SHOP 2.4.10', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency: refunds stuck' });
      // A production freeze on the calendar over the planned deployment, for the plan's calendar check.
      const freeze = { id: 'freeze-card-networks', kind: 'freeze', scope: { type: 'site' }, tiers: ['PROD'], from: '2026-11-24T10:40:00.000Z', to: '2026-11-24T12:00:00.000Z', reason: 'Card networks’ change freeze', updatedAt: '2026-11-20T09:00:00.000Z', updatedBy: ALANA } satisfies PlanWindow;
      await updateSplitDoc<SiteWindowsDoc>(runtime.store, siteWindowsDoc(), emptySiteWindows, (doc) => ({ windows: [...doc.windows, freeze] }));
    },
  });

  /** One page, four screenshots (1440 and 1024 px, light and dark): `frame` scrolls to what they show. */
  async function shootFourWays(page: Page, name: string, height: number, frame: () => Promise<unknown>): Promise<void> {
    for (const [width, dark, suffix] of [
      [1440, false, ''],
      [1440, true, '-dark'],
      [1024, true, '-1024-dark'],
      [1024, false, '-1024'],
    ] as const) {
      await page.setViewportSize({ width, height });
      if (dark !== ((await page.locator('html').getAttribute('data-color-mode')) === 'dark')) await page.getByTestId('theme-toggle').click();
      await frame();
      // At 1024 px nothing may make the page scroll sideways.
      if (width === 1024) expect(await sidewaysOverflow(page)).toEqual({ overflow: 0, wider: [] });
      await page.screenshot({ path: screenshotPath(`${name}${suffix}.png`) });
    }
  }

  async function openGoLive(accountId: string, versionId = release.versionId): Promise<{ page: Page; app: FrameLocator }> {
    const page = await newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/go-live?as=${accountId}`);
    const app = page.frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('go-live').waitFor({ timeout: 30_000 });
    await app.getByTestId('golive-version').selectOption(versionId);
    await app.locator(`[data-testid="go-live"][data-version="${versionId}"]`).waitFor();
    return { page, app };
  }

  it('plans from the template with the critical path, runs live, and a second watcher sees each step change without reloading', async () => {
    const manager = await openGoLive(RAVI);
    await manager.app.getByTestId('golive-create-template').click();
    await manager.app.getByTestId('golive-step-deploy-prod').waitFor();
    expect(await manager.app.getByTestId('golive-step-deploy-prod').getAttribute('data-critical')).toBe('true');
    expect(await manager.app.getByTestId('golive-step-rb-redeploy').getAttribute('data-critical')).toBe('false');
    expect(await manager.app.getByTestId('golive-summary').innerText()).toContain('(no go-live start yet)');
    await editStepsInThePage(manager);
    // The go-live start is a wall time in the project's zone (UTC in the demo).
    await typeDateTime(manager.app, 'golive-start-at', '2026-11-24T10:30');
    await manager.app.getByTestId('golive-set-start').click();
    await manager.app.getByText('Planned end Tue 24 Nov, 11:05').waitFor();
    expect(await manager.app.getByTestId('golive-step-deploy-prod').innerText()).toContain('Tue 24 Nov, 10:35 – 10:50');
    await manager.page.screenshot({ path: screenshotPath('go-live-plan.png') });
    await rehearseOnUat(manager);

    // A stakeholder follows along in another page: reading, no buttons.
    const watcher = await openGoLive(SAM);
    expect(await watcher.app.getByTestId('golive-start-run').isDisabled()).toBe(true);
    // Both pages hear the release's realtime channel; polling is down to once a minute, so what
    // arrives within two seconds below arrived through it.
    for (const { app } of [manager, watcher]) await app.locator(`[data-testid="go-live"][data-version="${release.versionId}"][data-live="realtime"]`).waitFor({ timeout: 5_000 });

    await manager.app.getByTestId('golive-start-run').click();
    await manager.app.locator('[data-testid="golive-run-status"][data-status="running"]').waitFor();
    await manager.app.getByTestId('golive-start-incident-bridge').click();
    await manager.app.getByTestId('golive-complete-incident-bridge').click();
    await manager.app.locator('[data-testid="golive-step-incident-bridge"][data-status="completed"]').waitFor();

    // The watcher sees the completed step within two seconds, without reloading (Forge Realtime's stand-in).
    await watcher.app.locator('[data-testid="golive-step-incident-bridge"][data-status="completed"]').waitFor({ timeout: 2_000 });
    await watcher.app.locator('[data-testid="golive-step-deploy-prod"][data-ready="true"]').waitFor({ timeout: 2_000 });
    expect(await watcher.app.getByTestId('golive-start-deploy-prod').count()).toBe(0);

    // An administrator (a release manager too) starts the deployment in a third page.
    const admin = await openGoLive(ALANA);
    await admin.app.getByTestId('golive-start-deploy-prod').click();
    await admin.app.locator('[data-testid="golive-step-deploy-prod"][data-status="running"]').waitFor();
    await manager.app.locator('[data-testid="golive-step-deploy-prod"][data-status="running"]').waitFor({ timeout: 2_000 });

    // The deployment fails; the release manager rolls back and the rollback steps become ready.
    await admin.app.getByTestId('golive-text-deploy-prod').fill('Payment gateway rejects the new TLS certificate');
    await admin.app.getByTestId('golive-fail-deploy-prod').click();
    await manager.app.locator('[data-testid="golive-step-deploy-prod"][data-status="failed"]').waitFor({ timeout: 2_000 });
    await manager.app.getByLabel('Why roll back').fill('Deployment failed: TLS certificate rejected');
    await manager.app.getByTestId('golive-rollback').click();
    await manager.app.locator('[data-testid="golive-run-status"][data-status="rolling-back"]').waitFor();
    await manager.app.locator('[data-testid="golive-step-rb-announce"][data-ready="true"]').waitFor();
    await watcher.app.locator('[data-testid="golive-run-status"][data-status="rolling-back"]').waitFor({ timeout: 2_000 });
    // Anyone watching takes the run away as CSV, one row per step with who did what.
    const [download] = await Promise.all([watcher.page.waitForEvent('download'), watcher.app.getByTestId('golive-export-csv').click()]);
    expect(download.suggestedFilename()).toBe('shop-2-4-9-runbook.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain('Deploy the emergency change to production,Deployment,,Production,');
    expect(csv).toContain('Failed,');
    expect(csv).toContain('Payment gateway rejects the new TLS certificate');
    await manager.page.screenshot({ path: screenshotPath('go-live-run.png') });
  }, 120_000);

  /**
   * A rehearsal on UAT-1 (no GO needed): the manager starts it and the bridge step in the page; the
   * step is completed 40 minutes later (the runtime's clock moved on for that one call), and the
   * plan warns that its 5 minutes are shorter than the rehearsal.
   */
  async function rehearseOnUat({ page, app }: { page: Page; app: FrameLocator }): Promise<void> {
    // The deployment step placed on Production falls in the card networks' freeze of the calendar (seeded above).
    await app.getByTestId('golive-edit-deploy-prod').click();
    await app.getByTestId('golive-step-environment').fill('Production');
    await app.getByTestId('golive-step-save').click();
    const conflict = app.locator('[data-testid="golive-calendar-conflict"][data-rule="slot-in-freeze"]');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('“Deploy the emergency change to production”: SHOP 2.4.9 on Production falls in a change freeze');
    expect(await conflict.innerText()).toContain('overlaps the change freeze site-wide “Card networks’ change freeze”');
    await app.getByTestId('golive-rehearsal-environment').selectOption('env-uat1');
    await app.getByTestId('golive-start-rehearsal').click();
    await app.locator('[data-testid="golive-rehearsal-1"][data-status="running"]').waitFor();
    expect(await app.getByTestId('golive-rehearsal-1').innerText()).toContain('Rehearsal 1 on UAT-1 · started by Ravi Menon');
    await app.getByTestId('golive-rehearse-start-incident-bridge').click();
    await app.locator('[data-testid="golive-rehearsal-status-incident-bridge"][data-status="running"]').waitFor();
    const base = runtime().deps;
    const later = { ...base, clock: { now: () => new Date(base.clock.now().getTime() + 40 * 60_000) } };
    const project = facts().project('SHOP');
    const completed = await dispatchResolver(later, 'actOnRehearsalStep', { versionId: release.versionId, rehearsal: 1, stepId: 'incident-bridge', expectedStatus: 'running', action: { type: 'complete' } }, {
      accountId: RAVI,
      moduleKey: 'releases-page',
      extension: { type: 'jira:projectPage', project: { id: project.id, key: 'SHOP', type: 'software' } },
    });
    expect(completed.ok).toBe(true);
    // The page asks again every 2 seconds: the warning arrives without a reload.
    const cell = app.locator('[data-testid="golive-rehearsed-incident-bridge"][data-longer="true"]');
    await cell.waitFor({ timeout: 5_000 });
    expect(await cell.innerText()).toContain('planned 5 min, rehearsed 40 min');
    expect(await app.getByTestId('golive-rehearsed-deploy-prod').innerText()).toContain('not rehearsed');
    await app.locator('[data-testid="golive-rehearsal-status-deploy-prod"][data-status="not-started"]').waitFor();
    await shootFourWays(page, 'go-live-rehearsal', 1350, async () => {
      await app.getByTestId('golive-summary').evaluate((section) => section.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollBy(0, -72)); // clear of the host's sticky bar
    });
    await page.setViewportSize({ width: 1400, height: 1000 });
  }

  /** Types into one of Atlassian's pickers and takes the option with this text. */
  async function pick(scope: Locator, picker: string, text: string, option: string): Promise<void> {
    await scope.locator(`[data-testid="${picker}"] input`).first().fill(text);
    await scope.getByTestId(picker).getByRole('option', { name: option }).click({ timeout: 15_000 });
  }

  /**
   * A release manager adds a step with every field, reads the server's refusal next to the field,
   * moves, edits and removes it; the plan ends as the template made it.
   */
  async function editStepsInThePage({ page, app }: { page: Page; app: FrameLocator }): Promise<void> {
    await app.getByTestId('golive-add-step').click();
    const editor = app.getByTestId('golive-step-editor');
    await editor.getByTestId('golive-step-title').fill('Warm the payment caches');
    await editor.getByTestId('golive-step-kind').selectOption('preparation');
    await editor.getByTestId('golive-step-duration').fill('20');
    await editor.getByTestId('golive-step-description').fill('Replay the last hour of card authorisations against the new nodes.');
    await editor.getByTestId('golive-step-owner-type').selectOption('group');
    await pick(editor, 'golive-step-group', 'qa', 'qa-team');
    await editor.getByTestId('golive-step-environment').fill('PROD');
    await editor.getByTestId('golive-step-start-type').selectOption('relative');
    await editor.getByTestId('golive-step-offset').fill('-15');
    await editor.getByTestId('golive-step-dep-incident-bridge').check();
    await editor.getByTestId('golive-step-link').fill('http://ci.example.com/pipelines/812');
    await editor.getByTestId('golive-step-save').click();
    // Refused: the sentence sits under the link field, and nothing was added.
    const linkError = editor.locator('[data-invalid="true"]').getByTestId('golive-field-error');
    await linkError.waitFor();
    expect(await linkError.innerText()).toBe('Link must be an https:// link.');
    expect(await app.getByTestId('golive-action-error').innerText()).toContain('One field needs a change');
    expect(await app.getByTestId('golive-step-warm-the-payment-caches').count()).toBe(0);
    await shootFourWays(page, 'go-live-step-editor', 1000, async () => {
      await editor.evaluate((form) => form.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollBy(0, -72)); // clear of the host's sticky bar
    });
    await page.setViewportSize({ width: 1400, height: 1000 });

    await editor.getByTestId('golive-step-link').fill('https://ci.example.com/pipelines/812');
    await editor.getByTestId('golive-step-save').click();
    const row = app.getByTestId('golive-step-warm-the-payment-caches');
    await row.waitFor();
    expect(await app.getByTestId('golive-action-error').count()).toBe(0);
    const text = await row.innerText();
    for (const part of ['Warm the payment caches', 'Preparation · PROD · 20 min', 'qa-team (group)', 'T+5 min – T+25 min', 'Open the incident bridge']) expect(text).toContain(part);
    const order = () => app.locator('[data-testid="golive-steps"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    // A new step goes after the go-live's steps, before the rollback steps.
    expect((await order()).indexOf('golive-step-warm-the-payment-caches')).toBe(4);
    expect((await order())[5]).toBe('golive-step-rb-announce');
    await app.getByTestId('golive-up-warm-the-payment-caches').click();
    await app.locator('[data-testid="golive-steps"] tbody tr:nth-child(4)[data-testid="golive-step-warm-the-payment-caches"]').waitFor();

    await app.getByTestId('golive-edit-warm-the-payment-caches').click();
    expect(await editor.getByTestId('golive-step-link').inputValue()).toBe('https://ci.example.com/pipelines/812');
    await editor.getByTestId('golive-step-duration').fill('25');
    await editor.getByTestId('golive-step-save').click();
    await row.getByText('Preparation · PROD · 25 min').waitFor();

    await app.getByTestId('golive-remove-warm-the-payment-caches').click();
    await row.waitFor({ state: 'detached' });
  }

  it('asks a checkpoint’s approver for a vote; a rollback vote switches the run to the rollback steps for everyone', async () => {
    const manager = await openGoLive(RAVI, gated.versionId);
    await manager.app.getByTestId('golive-create-template').click();
    await manager.app.getByTestId('golive-add-step').click();
    const editor = manager.app.getByTestId('golive-step-editor');
    await editor.getByTestId('golive-step-title').fill('Go/no-go after the incident bridge');
    await editor.getByTestId('golive-step-kind').selectOption('checkpoint');
    await editor.getByTestId('golive-step-duration').fill('5');
    await editor.getByTestId('golive-step-dep-incident-bridge').check();
    await pick(editor, 'golive-step-approver-picker', 'Sam', 'Sam Okafor');
    await editor.getByTestId('golive-step-save').click();
    const checkpoint = 'go-no-go-after-the-incident-bridge';
    await manager.app.getByTestId(`golive-step-${checkpoint}`).waitFor();
    await manager.app.getByTestId('golive-start-run').click();
    for (const [action, stepId] of [
      ['start', 'incident-bridge'],
      ['complete', 'incident-bridge'],
      ['start', checkpoint],
    ] as const) {
      await manager.app.getByTestId(`golive-${action}-${stepId}`).click();
      await manager.app.locator(`[data-testid="golive-step-${stepId}"][data-status="${action === 'start' ? 'running' : 'completed'}"]`).waitFor();
    }
    // The checkpoint waits for Sam's vote; Ravi, a release manager but no approver, is not asked.
    expect(await manager.app.getByTestId(`golive-vote-continue-${checkpoint}`).count()).toBe(0);
    expect(await manager.app.getByTestId(`golive-votes-${checkpoint}`).innerText()).toContain('Sam Okafor: not voted yet');

    const sam = await openGoLive(SAM, gated.versionId);
    const votes = sam.app.getByTestId(`golive-votes-${checkpoint}`);
    await sam.app.getByTestId(`golive-vote-reason-${checkpoint}`).fill('Refund queue still growing');
    await shootFourWays(sam.page, 'go-live-checkpoint-vote', 800, () => sam.app.getByTestId(`golive-step-${checkpoint}`).evaluate((row) => row.scrollIntoView({ block: 'center' })));
    await sam.app.getByTestId(`golive-vote-rollback-${checkpoint}`).click();
    await votes.locator('li[data-vote="rollback"]').waitFor();
    expect(await sam.app.getByTestId(`golive-vote-rollback-${checkpoint}`).count()).toBe(0);
    await manager.app.locator('[data-testid="golive-run-status"][data-status="rolling-back"]').waitFor({ timeout: 5_000 });
    expect(await manager.app.getByTestId(`golive-status-${checkpoint}`).innerText()).toContain('Sam Okafor voted to roll back');
    await manager.app.locator('[data-testid="golive-step-rb-announce"][data-ready="true"]').waitFor();
  }, 90_000);

  it('edits a release type’s template in Release settings, with refusals in words', async () => {
    const page = await newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/settings?as=${RAVI}`);
    const app = page.frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('settings-tab-runbooks').click({ timeout: 30_000 });
    await app.getByTestId('runbook-template-type').selectOption('hotfix');
    await app.locator('[data-testid="runbook-template"][data-type="hotfix"][data-saved="false"]').waitFor();
    await app.getByTestId('runbook-template-add').click();
    await app.getByTestId('golive-step-title').fill('   ');
    // A template starts relative to the go-live start: no fixed time to choose.
    expect(await app.getByTestId('golive-step-start-type').locator('option').allInnerTexts()).toEqual(['When its dependencies are done', 'Minutes from the go-live start']);
    await app.getByTestId('golive-step-save').click();
    await app.getByTestId('runbook-template-save').click();
    expect(await app.getByTestId('runbook-template-error').innerText()).toContain('Step 9: title cannot be empty.');
    await app.getByTestId('runbook-template-remove-step').click();
    await app.getByTestId('runbook-template-add').click();
    await app.getByTestId('golive-step-title').fill('Tell the service desk');
    await app.getByTestId('golive-step-kind').selectOption('communication');
    await app.getByTestId('golive-step-dep-verify-fix').check();
    await app.getByTestId('golive-step-save').click();
    await app.getByTestId('runbook-template-save').click();
    await app.locator('[data-testid="runbook-template"][data-saved="true"]').waitFor();
    await app.getByTestId('runbook-template-saved').waitFor();
    expect(await app.getByTestId('runbook-template-step-tell-the-service-desk').innerText()).toContain('Verify the defect is fixed in production');
  }, 60_000);

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
