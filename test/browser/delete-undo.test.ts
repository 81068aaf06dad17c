import type { FrameLocator, Page } from 'playwright-core';
import type { PlanSettingsView, ReleaseCalendarView } from '../../src/contract';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { describeInBrowser, screenshotPath, screenshotLooks } from './support/browser';
import { hostInvoke } from './support/host-invoke';
import { BROWSER_TEST_NOW, useBrowserRuntime } from './support/runtime';

const RAVI = DEMO_ACCOUNT.releaseManager;

/** A resolver called through the running local host, as the page calls it. */
function invokeAs<T>(hostUrl: string, functionKey: string, payload: unknown): Promise<T> {
  return hostInvoke<T>(hostUrl, RAVI, functionKey, payload);
}

describeInBrowser('deleting with a confirmation and undoing it from the flag', () => {
  let sandboxId: string;
  const { runtime, newPage } = useBrowserRuntime({
    page: false,
    setUp: async (runtime) => {
      // An environment nothing is booked on, so it may be deleted.
      const settings = await invokeAs<PlanSettingsView>(runtime.hostUrl, 'saveEnvironment', { environment: { name: 'Sandbox', tier: 'DEV', components: ['Checkout'], status: 'available', capacity: 1, notes: 'Demo environment for trying things out' } });
      sandboxId = settings.environments.find((e) => e.name === 'Sandbox')!.id;
    },
  });
  const inventory = () => invokeAs<PlanSettingsView>(runtime().hostUrl, 'getPlanSettings', {});

  /** The page's timers run on Playwright's clock from the tests' instant: 10 s pass without waiting. */
  async function open(path: string, width: number, dark = false): Promise<{ page: Page; app: FrameLocator }> {
    const page = await newPage({ viewport: { width, height: 900 } });
    await page.clock.install({ time: BROWSER_TEST_NOW });
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/${path}?as=${RAVI}`);
    if (dark) await page.getByTestId('theme-toggle').click();
    return { page, app: page.frameLocator('[data-testid="app-frame"]') };
  }

  async function openInventory(width: number, dark = false) {
    const opened = await open('settings', width, dark);
    await opened.app.getByTestId('settings-tab-environments').click({ timeout: 30_000 });
    await opened.app.getByTestId('inventory-Sandbox').waitFor({ timeout: 30_000 });
    return opened;
  }

  it('asks before deleting an environment of the site inventory, offers Undo for 10 seconds, and Undo brings it back as it was', async () => {
    const { page, app } = await openInventory(1440);
    const before = (await inventory()).environments.find((e) => e.id === sandboxId);

    // Cancel changes nothing.
    await app.getByTestId('inventory-delete-Sandbox').click();
    const dialog = app.getByTestId('confirm-delete');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Delete Sandbox?');
    await app.getByTestId('confirm-delete-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await inventory()).environments.map((e) => e.id)).toContain(sandboxId);

    // Confirmed: gone on the server, with a flag offering Undo.
    await app.getByTestId('inventory-delete-Sandbox').click();
    await app.getByTestId('confirm-delete-confirm').click();
    const flag = app.getByTestId('undo-flag');
    await flag.waitFor();
    expect(await flag.innerText()).toContain('Deleted Sandbox');
    await app.getByTestId('inventory-Sandbox').waitFor({ state: 'detached' });
    expect((await inventory()).environments.map((e) => e.id)).not.toContain(sandboxId);

    // Undo restores it through the server: same id, same content.
    await app.getByTestId('undo-flag-undo').click();
    await app.getByTestId('undo-flag-restored').waitFor();
    await app.getByTestId('inventory-Sandbox').waitFor();
    expect((await inventory()).environments.find((e) => e.id === sandboxId)).toEqual(before);

    // Another delete, left alone: after 10 seconds on the page's clock the flag is gone, and so is Sandbox.
    await page.clock.runFor(5_000);
    await app.getByTestId('inventory-delete-Sandbox').click();
    await app.getByTestId('confirm-delete-confirm').click();
    await flag.waitFor();
    await page.clock.runFor(9_000);
    expect(await flag.isVisible()).toBe(true);
    await page.clock.runFor(1_500);
    await flag.waitFor({ state: 'detached' });
    expect((await inventory()).environments.map((e) => e.id)).not.toContain(sandboxId);
    // Bring it back for the other tests (through the API, as another tab would).
    await invokeAs(runtime().hostUrl, 'saveEnvironment', { environment: { name: 'Sandbox', tier: 'DEV', components: ['Checkout'], status: 'available', capacity: 1, notes: 'Demo environment for trying things out' } });
    sandboxId = (await inventory()).environments.find((e) => e.name === 'Sandbox')!.id;
    await page.close();
  }, 90_000);

  it('asks before deleting an environment slot and puts the booking back on Undo', async () => {
    const { page, app } = await open('releases/environments', 1440);
    const bar = app.locator('[data-testid^="bar-slot-"]', { hasText: 'SHOP 2.5' }).first();
    await bar.waitFor({ timeout: 30_000 });
    const testId = (await bar.getAttribute('data-testid'))!;
    const slotId = testId.replace('bar-slot-', '');
    const calendar = () => invokeAs<ReleaseCalendarView>(runtime().hostUrl, 'getReleaseCalendar', { from: '2026-10-01', to: '2027-03-31' });
    const before = (await calendar()).slots.find((s) => s.id === slotId);
    await bar.click();
    await app.getByTestId('slot-delete').click();
    expect(await app.getByTestId('confirm-delete').innerText()).toMatch(/Delete the .+ slot of SHOP 2\.5\?/);
    await app.getByTestId('confirm-delete-confirm').click();
    await app.getByTestId('undo-flag').waitFor();
    await app.getByTestId(testId).waitFor({ state: 'detached' });
    expect((await calendar()).slots.some((s) => s.id === slotId)).toBe(false);
    await app.getByTestId('undo-flag-undo').click();
    await app.getByTestId('undo-flag-restored').waitFor();
    await app.getByTestId(testId).waitFor();
    expect((await calendar()).slots.find((s) => s.id === slotId)).toEqual(before);
    await page.close();
  }, 90_000);

  it.each(screenshotLooks().map((look) => [look.width, look.dark, look.suffix] as const))('reads at %i px (dark: %s)', async (width, dark, suffix) => {
    const { page, app } = await openInventory(width, dark);
    await app.getByTestId('inventory-delete-Sandbox').click();
    await app.getByTestId('confirm-delete').waitFor();
    // Past the modal's opening animation (on the page's clock).
    await page.clock.runFor(500);
    await page.screenshot({ path: screenshotPath(`delete-confirm${suffix}.png`) });
    await app.getByTestId('confirm-delete-confirm').click();
    await app.getByTestId('undo-flag').waitFor();
    await page.clock.runFor(500);
    await page.screenshot({ path: screenshotPath(`delete-undo-flag${suffix}.png`) });
    await app.getByTestId('undo-flag-undo').click();
    await app.getByTestId('undo-flag-restored').waitFor();
    await page.close();
  }, 60_000);
});
