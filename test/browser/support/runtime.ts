import { anchoredClock } from '../../../src/app/clock';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { startLocalRuntime, type LocalRuntime } from '../../../local/runtime';
import { demoFacts } from '../../support/demo-site';
import { launchBrowser } from './browser';
import { assertNoCspViolations, collectCspViolations } from './csp';

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
  /**
   * The CSP violations of the current test's pages so far. Any left at the end of a test fail it;
   * a test that provokes one on purpose empties the list after checking it.
   */
  cspViolations: () => string[];
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
  let violations: string[] = [];
  const collectors: string[][] = [];
  const watch = async (opened: Page): Promise<void> => {
    collectors.push(await collectCspViolations(opened));
  };
  // One list per test, whichever of the test's pages the violations happened in.
  const current = (): string[] => {
    for (const c of collectors) violations.push(...c.splice(0));
    return violations;
  };

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

  afterEach(() => {
    const found = current();
    violations = [];
    assertNoCspViolations(found);
  });

  const pageOptions = options.page;
  if (pageOptions !== false) {
    beforeEach(async () => {
      page = await browser.newPage(pageOptions ?? { viewport: { width: 1400, height: 1000 } });
      await pinClock(page);
      await watch(page);
      options.onPage?.(page);
    }, 30_000);
    afterEach(() => page.close(), 30_000);
  }

  return {
    runtime: () => runtime,
    browser: () => browser,
    page: () => page,
    facts: () => (facts ??= demoFacts(runtime.fakeJira!.dataset)),
    newPage: async (pageOptions) => {
      const opened = await browser.newPage(pageOptions);
      await pinClock(opened);
      await watch(opened);
      extraPages.push(opened);
      return opened;
    },
    cspViolations: current,
  };
}
