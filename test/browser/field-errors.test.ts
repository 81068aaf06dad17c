import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_ACCOUNT } from '../../local/fake-jira';
import { describeInBrowser, screenshotLooks, screenshotPath, showLook } from './support/browser';
import { useBrowserRuntime } from './support/runtime';

/** A field the server refuses is named in people's words next to it; the preview keeps its last good render. */
describeInBrowser('a field-level error in the release-notes template', () => {
  const { runtime, newPage } = useBrowserRuntime({ page: false });

  async function openEditor(): Promise<{ page: Page; app: FrameLocator }> {
    const page = await newPage({ viewport: { width: 1440, height: 1100 } });
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/release-notes?as=${DEMO_ACCOUNT.releaseManager}`);
    const app = page.frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('notes-preview').waitFor({ timeout: 30_000 });
    await app.getByTestId('notes-edit-template').click();
    return { page, app };
  }

  it('names an empty section title under the field, keeps the preview, refuses saving in the same words, and reads in each look', async () => {
    const { page, app } = await openEditor();
    const firstSection = app.getByTestId('notes-preview').locator('[data-testid^="notes-section-"]').first();
    await firstSection.waitFor();
    await app.getByTestId('section-title-0').fill('');

    const error = app.getByTestId('template-section-0').getByTestId('field-error');
    await error.waitFor({ timeout: 15_000 });
    expect(await error.innerText()).toBe('Section 1 title cannot be empty.');
    expect(await app.getByTestId('section-title-0').getAttribute('aria-invalid')).toBe('true');
    await app.getByTestId('notes-preview-stale').waitFor();
    expect(await firstSection.isVisible()).toBe(true);

    await app.getByTestId('notes-save-template').click();
    await app.getByText('The template was not saved').waitFor({ timeout: 15_000 });
    expect(await error.innerText()).toBe('Section 1 title cannot be empty.');
    const text = await app.locator('body').innerText();
    expect(text).not.toMatch(/Too small|expected string|template\.sections/);
    // The same page in each look: width and theme switched in place.
    for (const look of screenshotLooks()) {
      await showLook(page, look, 1100);
      // The field and its message in the middle (the stacked 1,024 px layout puts the editor under the preview).
      await app.getByTestId('template-section-0').evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: screenshotPath(`release-notes-field-error${look.suffix}.png`) });
    }
  }, 90_000);
});
