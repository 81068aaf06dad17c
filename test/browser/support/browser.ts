import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);

export const chromiumPath = CANDIDATES.find((p) => existsSync(p));

/**
 * Browser tests need Debian's Chromium. Under CI a missing browser is a failure (the run must not
 * pass without them); on a developer machine they are skipped with a clear message.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumPath) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error('Chromium is not installed: .ci/run installs it with apt-get install chromium.');
      });
    });
    return;
  }
  console.warn(`Skipping browser tests "${name}": no Chromium found (apt-get install chromium, or set CHROMIUM_PATH).`);
  describe.skip(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath as string,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * Screenshots land in the system temp folder, so a test run leaves the work tree clean;
 * `UPDATE_SCREENSHOTS=1 npm test` refreshes the ones under docs/screenshots used by the docs.
 */
export function screenshotPath(name: string): string {
  const folder = process.env.UPDATE_SCREENSHOTS ? join(process.cwd(), 'docs/screenshots') : join(tmpdir(), 'release-readiness-screenshots');
  mkdirSync(folder, { recursive: true });
  return join(folder, name);
}

export interface ScreenshotLook {
  width: 1440 | 1024;
  dark: boolean;
  /** '' for 1440 light, then '-1024', '-dark', '-1024-dark', as docs/screenshots names them. */
  suffix: string;
}

/**
 * The widths and themes a page is checked at. A normal run checks two looks, which still covers
 * both widths and both themes; `UPDATE_SCREENSHOTS=1` takes all four for docs/screenshots.
 * Browser time is most of CI's time, so every look must pay for itself.
 */
export function screenshotLooks(): ScreenshotLook[] {
  const all: Array<[1440 | 1024, boolean]> = [
    [1440, false],
    [1024, true],
    [1024, false],
    [1440, true],
  ];
  const chosen = process.env.UPDATE_SCREENSHOTS ? all : all.slice(0, 2);
  return chosen.map(([width, dark]) => ({ width, dark, suffix: `${width === 1024 ? '-1024' : ''}${dark ? '-dark' : ''}` }));
}

/**
 * Shows `look` on a page already open (width at `height`, and the theme through the host's toggle),
 * so one page load can be shot in every look; waits until the app's frame has taken the theme.
 */
export async function showLook(page: Page, look: ScreenshotLook, height: number): Promise<void> {
  await page.setViewportSize({ width: look.width, height });
  const mode = look.dark ? 'dark' : 'light';
  if ((await page.locator('html').getAttribute('data-color-mode')) !== mode) await page.getByTestId('theme-toggle').click();
  await page.frameLocator('[data-testid="app-frame"]').locator(`html[data-color-mode="${mode}"]`).waitFor();
}

/**
 * The app's page does not scroll sideways at the viewport's current width: its frame's document is
 * no wider than the frame. Answers the overflow in pixels and the elements reaching past the right
 * edge (for the failure message), so `expect(...).toEqual({ overflow: 0, wider: [] })` says which.
 */
export async function sidewaysOverflow(page: Page): Promise<{ overflow: number; wider: string[] }> {
  return page.frameLocator('[data-testid="app-frame"]').locator('html').evaluate(() => {
    const root = document.scrollingElement as Element;
    const edge = root.clientWidth;
    const wider = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > edge + 0.5 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > edge + 0.5))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''} right ${Math.round(el.getBoundingClientRect().right)} of ${edge}`);
    return { overflow: Math.max(0, root.scrollWidth - edge), wider };
  });
}
