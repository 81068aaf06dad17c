/**
 * One status vocabulary (docs/status-vocabulary.md): the same release reads the same on the
 * readiness page, the overview, the calendar and the weekly status page in Confluence, and its
 * readiness counts read the same on the readiness and Go/No-Go pages. One page, one release.
 */
import { DEMO_ACCOUNT } from '../../local/fake-jira';
import { RELEASE_HEALTH } from '../../src/domain/status/vocabulary';
import { describeInBrowser, screenshotLooks, screenshotPath, showLook } from './support/browser';
import { useBrowserRuntime } from './support/runtime';

describeInBrowser('one status vocabulary in Chromium', () => {
  const { runtime, page, newPage, facts } = useBrowserRuntime({ page: { viewport: { width: 1440, height: 1000 }, timezoneId: 'UTC' } });

  it('gives SHOP 2.4 the same health word on the readiness page, the overview, the calendar and the Confluence status page', async () => {
    const release = runtime().fakeJira!.dataset.versions.find((v) => v.name === 'SHOP 2.4')!;
    const app = page().frameLocator('[data-testid="app-frame"]');
    const open = (route: string) => page().goto(`${runtime().hostUrl}/#/project/SHOP/releases/${route}?as=${DEMO_ACCOUNT.releaseManager}`);

    // The readiness page builds the roll-ups on its first look and looks again until they are ready.
    await open('readiness');
    await app.getByTestId(`readiness-ready-${release.id}`).waitFor({ timeout: 45_000 });
    // textContent: lozenges show their words in capitals through CSS only.
    const word = (await app.getByTestId(`readiness-overall-${release.id}`).textContent())!.trim();
    expect(Object.values(RELEASE_HEALTH).map((h) => h.word)).toContain(word);
    const tally = await app.getByTestId(`readiness-release-${release.id}`).getByRole('img', { name: /^\d+ issues?: / }).first().getAttribute('aria-label');

    await open('overview');
    const cell = app.getByTestId(`readiness-cell-${release.id}`);
    await cell.getByText(word, { exact: true }).waitFor({ timeout: 30_000 });

    await open('calendar');
    await app.getByTestId('calendar').waitFor({ timeout: 30_000 });
    await app.getByTestId('mode-table').click();
    const healthCell = app.getByTestId(`plan-row-${release.id}`).locator('[title]').filter({ has: app.getByRole('img', { name: new RegExp(`^${word}: `) }) });
    expect((await healthCell.textContent())!.trim()).toBe(word);

    // Go/No-Go has no health word; its readiness counts are the readiness page's, in the same words.
    await open('go-no-go');
    await app.getByTestId('gng-board').waitFor({ timeout: 30_000 });
    await app.getByTestId('gng-version-picker').selectOption(release.id);
    await app.locator(`[data-testid="gng-board"][data-version="${release.id}"]`).waitFor();
    expect(await app.getByTestId('gng-readiness-summary').innerText()).toBe(tally);

    // The weekly status page in Confluence: the release's row carries the same word in a status macro.
    expect((await fetch(`${runtime().hostUrl}/api/triggers/weekly-reports`, { method: 'POST' })).status).toBe(200);
    const title = `Release status: ${facts().project('SHOP').name} (SHOP)`;
    const found = await fetch(`${runtime().confluenceUrl}/wiki/api/v2/pages?title=${encodeURIComponent(title)}`, { headers: { authorization: 'Bearer app' } });
    const [statusPage] = ((await found.json()) as { results: Array<{ id: string }> }).results;
    const confluence = await newPage({ viewport: { width: 1200, height: 1000 } });
    await confluence.goto(`${runtime().confluenceUrl}/wiki/spaces/REL/pages/${statusPage!.id}`);
    const row = confluence.locator('tr', { has: confluence.getByRole('link', { name: release.name, exact: true }) });
    // Confluence writes status titles in capitals itself (docs/status-vocabulary.md).
    expect((await row.locator('.status-lozenge').first().textContent())!.trim()).toBe(word.toUpperCase());
    await confluence.close();

    // The overview in each look, on the same page (SHOP 2.4 is its second row, in view unscrolled).
    await open('overview');
    await cell.getByText(word, { exact: true }).waitFor({ timeout: 30_000 });
    for (const look of screenshotLooks()) {
      await showLook(page(), look, 1000);
      // Switched in place: the filter fields take the new theme's token colours at once, like the drop-down beside them.
      const colours = (el: Element) => `${getComputedStyle(el).backgroundColor} ${getComputedStyle(el).color}`;
      // Polled for 100 ms, half of Atlaskit's 0.2 s fade: a loaded CI frame may land between two
      // style recalculations, but a field still fading from the old theme would not catch up.
      const textField = app.locator('[data-ds--text-field--container]').filter({ has: app.getByLabel('Filter versions by name or description') });
      const dropDown = app.getByTestId('state-filter');
      const pair = async () => [await textField.evaluate(colours), await dropDown.evaluate(colours)];
      let [field, reference] = await pair();
      for (const end = performance.now() + 100; field !== reference && performance.now() < end; ) [field, reference] = await pair();
      expect(field).toBe(reference);
      // The progress text wraps: the table fits the frame, Readiness in view without scrolling sideways.
      const table = app.getByTestId('releases-table');
      const [tableBox, readinessBox] = [await table.boundingBox(), await table.locator('th', { hasText: 'Readiness' }).boundingBox()];
      expect(readinessBox!.x + readinessBox!.width).toBeLessThanOrEqual(tableBox!.x + tableBox!.width + 1);
      expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
      expect(readinessBox!.x + readinessBox!.width).toBeLessThanOrEqual(look.width);
      await page().screenshot({ path: screenshotPath(`status-vocabulary${look.suffix}.png`) });
    }
  }, 120_000);
});
