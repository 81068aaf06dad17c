import type { FrameLocator, Page } from 'playwright-core';
import { DEMO_ACCOUNT } from '../../local/fake-jira';
import { describeInBrowser, screenshotPath } from './support/browser';
import { useBrowserRuntime } from './support/runtime';

/** A field the server refuses is named in people's words next to it; the preview keeps its last good render. */
describeInBrowser('a field-level error in the release-notes template', () => {
  const { runtime, newPage } = useBrowserRuntime({ page: false });

  async function openEditor(width: number, dark: boolean): Promise<{ page: Page; app: FrameLocator }> {
    const page = await newPage({ viewport: { width, height: 1100 } });
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/release-notes?as=${DEMO_ACCOUNT.releaseManager}`);
    if (dark) await page.getByTestId('theme-toggle').click();
    const app = page.frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('notes-preview').waitFor({ timeout: 30_000 });
    await app.getByTestId('notes-edit-template').click();
    return { page, app };
  }

  it.each([
    [1440, false, 'release-notes-field-error.png'],
    [1024, true, 'release-notes-field-error-1024-dark.png'],
  ])('at %i px (dark: %s): an empty section title is named under the field, the preview stays, saving is refused in the same words', async (width, dark, file) => {
    const { page, app } = await openEditor(width, dark);
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
    await app.getByTestId('notes-preview-stale').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(file) });
  }, 90_000);
});
