import { anchoredClock } from '../../../src/app/clock';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startLocalRuntime, type LocalRuntime } from '../../../local/runtime';
import { demoFacts } from '../../support/demo-site';
import { launchBrowser } from './browser';

/** The fixed "now" of the browser tests, the same as the demo site's. */
export const BROWSER_TEST_NOW = new Date('2026-11-24T10:00:00Z');

export interface BrowserRuntimeOptions {
  /** Options of the fresh page each test gets; `false` when the tests open their own pages with `newPage`. */
  page?: BrowserContextOptions | false;
  /** Runs on each fresh page before the test (e.g. to listen to requests). */
  onPage?: (page: Page) => void;
  /** Set-up that needs the runtime (seeding Jira, saving settings), run before the browser starts. */
  setUp?: (runtime: LocalRuntime) => Promise<void>;
}

export interface BrowserRuntime {
  runtime: () => LocalRuntime;
  browser: () => Browser;
  /** The page of the current test (only when `page` is not `false`). */
  page: () => Page;
  /** Facts about the demo dataset, read from the runtime's fake Jira. */
  facts: () => ReturnType<typeof demoFacts>;
  /** Opens another page, closed with the browser after the tests. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
}

/**
 * The page's clock reads the instant the runtime's clock started at, so nothing in a page can depend on
 * the day the tests happen to run (pages take "today" from the server; this makes sure).
 */
export async function pinClock(page: Page): Promise<void> {
  await page.clock.setFixedTime(BROWSER_TEST_NOW);
}

/**
 * Starts the local runtime (in memory, demo data, fixed clock) and Chromium once for a describe
 * block, and gives each test a fresh page; everything is closed afterwards.
 */
export function useBrowserRuntime(options: BrowserRuntimeOptions = {}): BrowserRuntime {
  let runtime: LocalRuntime;
  let browser: Browser;
  let page: Page;
  let facts: ReturnType<typeof demoFacts> | undefined;
  const extraPages: Page[] = [];

  beforeAll(async () => {
    runtime = await startLocalRuntime({ port: 0, inMemory: true, quiet: true, clock: anchoredClock(BROWSER_TEST_NOW) });
    await options.setUp?.(runtime);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(extraPages.map((p) => p.close()));
    await browser?.close();
    await runtime?.close();
  });

  const pageOptions = options.page;
  if (pageOptions !== false) {
    beforeEach(async () => {
      page = await browser.newPage(pageOptions ?? { viewport: { width: 1400, height: 1000 } });
      await pinClock(page);
      options.onPage?.(page);
      // A new page can take longer than jest's default 5 s on a busy machine.
    }, 30_000);
    afterEach(() => page.close());
  }

  return {
    runtime: () => runtime,
    browser: () => browser,
    page: () => page,
    facts: () => (facts ??= demoFacts(runtime.fakeJira!.dataset)),
    newPage: async (pageOptions) => {
      const opened = await browser.newPage(pageOptions);
      await pinClock(opened);
      extraPages.push(opened);
      return opened;
    },
  };
}
