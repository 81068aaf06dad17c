import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { type SmallRelease, createSmallRelease, namePatchApprovers } from '../support/go-no-go-release';
import { describeInBrowser, screenshotPath, screenshotLooks } from './support/browser';
import { openGoNoGoBoard } from './support/go-no-go-board';
import { useBrowserRuntime } from './support/runtime';

const { releaseManager: RAVI } = DEMO_ACCOUNT;

describeInBrowser('the Go/No-Go page leads with the decision', () => {
  let release: SmallRelease;

  const { runtime, newPage } = useBrowserRuntime({
    page: false,
    setUp: async (runtime) => {
      release = await createSmallRelease(runtime.jiraUrl, { name: 'SHOP 2.6.1', startDate: '2026-11-18', releaseDate: '2026-11-26' });
      await namePatchApprovers(runtime.hostUrl);
    },
  });

  const openBoard = (width: number, height: number, dark = false) => openGoNoGoBoard(newPage, runtime().hostUrl, release.versionId, { accountId: RAVI, width, height, dark });

  it('says at the top that nobody decided, what the evidence recommends, what blocks and who still has to vote; the exit criteria start on the first screen', async () => {
    const { page, app } = await openBoard(1440, 900);
    const state = app.getByTestId('gng-decision-state');
    expect(await state.getAttribute('data-state')).toBe('undecided');
    expect(await state.innerText()).toMatch(/^Not decided yet/i);
    // No bold NO-GO badge before anyone decided: the recommendation says it in words.
    expect(await app.getByTestId('gng-verdict').innerText()).not.toMatch(/Decided: NO-GO/);
    const recommendation = app.getByTestId('gng-recommendation');
    expect(await recommendation.getAttribute('data-value')).toBe('NO_GO');
    // The headline counts both kinds of item the list holds, and agrees with it.
    const [stops, open] = [await app.locator('[data-testid="gng-blockers"] li[data-weight="stops"]').count(), await app.locator('[data-testid="gng-blockers"] li[data-weight="open"]').count()];
    expect(stops).toBeGreaterThan(0);
    expect(open).toBeGreaterThan(0);
    expect(await recommendation.innerText()).toContain(`Recommend NO-GO: ${stops} ${stops === 1 ? 'item stops' : 'items stop'} the release · ${open} still open.`);
    expect(await app.locator('[data-testid="gng-blockers"] li[data-weight="open"]').first().innerText()).toMatch(/^Still open: /);

    // One short list: the open High bug links to Jira, the untested rollback plan to the criteria.
    const blockers = app.getByTestId('gng-blockers');
    const bug = blockers.locator(`li[data-blocker="issue-${release.bugKey}"] a`);
    expect(await bug.getAttribute('href')).toBe(`/browse/${release.bugKey}`);
    expect(await blockers.locator('li[data-blocker="criterion-m-rollback-plan"] a').getAttribute('href')).toBe('#gng-criteria');

    // QA (Priya) and Operations (Dana) have not voted.
    const awaiting = app.getByTestId('gng-awaiting-votes');
    expect(await awaiting.getAttribute('data-roles')).toBe('qa operations');
    expect(await awaiting.innerText()).toMatch(/QA: Priya[\s\S]*Operations: Dana/);

    // The decision and the exit criteria are on the first screen at 1440 x 900.
    const frame = page.frameLocator('[data-testid="app-frame"]');
    const headerBox = await frame.getByTestId('gng-verdict').boundingBox();
    const criteriaBox = await frame.getByTestId('gng-criteria').boundingBox();
    expect(headerBox!.y).toBeLessThan(300);
    expect(criteriaBox!.y).toBeLessThan(900 - 60);

    // Sections fold away and open again.
    const signOffs = app.getByTestId('gng-signoffs');
    await app.getByTestId('gng-signoffs-toggle').click();
    expect(await signOffs.getAttribute('data-open')).toBe('false');
    expect(await app.getByTestId('gng-signoffs-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(await app.getByTestId('gng-vote-qa-GO').isVisible()).toBe(false);
    // A "still to vote" link opens the folded sign-offs again.
    await awaiting.locator('li[data-role="qa"] a').click();
    await signOffs.locator('xpath=self::*[@data-open="true"]').waitFor();
    expect(await app.getByTestId('gng-signoffs-toggle').getAttribute('aria-expanded')).toBe('true');
    // The audit log is folded away at first.
    expect(await app.getByTestId('gng-audit').getAttribute('data-open')).toBe('false');
    await page.evaluate(() => window.scrollTo(0, 0));
  }, 90_000);

  it('shows a skeleton of the page while the board loads', async () => {
    const page = await newPage({ viewport: { width: 1440, height: 900 } });
    // Hold the board's first answer (the real one, from the runtime) until the skeleton was seen.
    let release!: () => void;
    const seen = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/invoke', async (route) => {
      if ((JSON.parse(route.request().postData() ?? '{}') as { functionKey?: string }).functionKey === 'getGoNoGoBoard') await seen;
      await route.continue();
    });
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/go-no-go?as=${RAVI}`);
    const app = page.frameLocator('[data-testid="app-frame"]');
    const skeleton = app.getByTestId('page-skeleton');
    await skeleton.waitFor({ timeout: 30_000 });
    expect(await skeleton.getAttribute('aria-label')).toBe('Loading the Go/No-Go board');
    release();
    await app.getByTestId('gng-board').waitFor({ timeout: 30_000 });
    expect(await skeleton.count()).toBe(0);
    await page.close();
  }, 60_000);

  it.each(screenshotLooks().map((look) => [look.width, look.dark, `go-no-go-decision-first${look.suffix}.png`] as const))('reads at %i px (dark: %s)', async (width, dark, file) => {
    const { page, app } = await openBoard(width, 900, dark);
    await app.getByTestId('gng-blockers').waitFor();
    await page.screenshot({ path: screenshotPath(file) });
  }, 60_000);
});
