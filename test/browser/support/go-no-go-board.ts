import type { BrowserContextOptions, FrameLocator, Page } from 'playwright-core';

/**
 * Opens the Go/No-Go page as `accountId` on a fresh page (dark theme when asked) and picks the
 * release, waiting until its board shows.
 */
export async function openGoNoGoBoard(
  newPage: (options?: BrowserContextOptions) => Promise<Page>,
  hostUrl: string,
  versionId: string,
  { accountId, width, height, dark = false }: { accountId: string; width: number; height: number; dark?: boolean },
): Promise<{ page: Page; app: FrameLocator }> {
  const page = await newPage({ viewport: { width, height } });
  await page.goto(`${hostUrl}/#/project/SHOP/releases/go-no-go?as=${accountId}`);
  if (dark) await page.getByTestId('theme-toggle').click();
  const app = page.frameLocator('[data-testid="app-frame"]');
  await app.getByTestId('gng-board').waitFor({ timeout: 30_000 });
  await app.getByTestId('gng-version-picker').selectOption(versionId);
  await app.locator(`[data-testid="gng-board"][data-version="${versionId}"]`).waitFor();
  return { page, app };
}
