/**
 * Release readiness in Chromium through the local runtime: the project's readiness page builds
 * its roll-ups, a QA engineer signs a check off in the UI Kit issue panel, a developer may not,
 * a sign-off by someone who lost the role is refused by the server, and the roll-up follows.
 */
import { DEMO_ACCOUNT } from '../../local/fake-jira';
import { describeInBrowser, screenshotPath } from './support/browser';
import { frameFittedToContent, insideFrame } from './support/frames';
import { useBrowserRuntime } from './support/runtime';

describeInBrowser('release readiness in Chromium', () => {
  const { runtime, page } = useBrowserRuntime({ page: { viewport: { width: 1400, height: 1200 } } });

  const data = () => runtime().fakeJira!.dataset;
  const version = (name: string) => data().versions.find((v) => v.name === name)!;
  const typeName = (id: string) => data().issueTypes.find((t) => t.id === id)!.name;
  /** Unsigned SHOP 2.4 stories, in key order. */
  const stories = () => data().issues.filter((i) => i.fixVersionIds.includes(version('SHOP 2.4').id) && typeName(i.issueTypeId) === 'Story');

  async function qaFailingCount(): Promise<number> {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/releases/readiness?as=${DEMO_ACCOUNT.releaseManager}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    const id = version('SHOP 2.4').id;
    // The first look builds the roll-ups; the page looks again until they are ready.
    await app.getByTestId(`readiness-ready-${id}`).waitFor({ timeout: 45_000 });
    const item = app.getByTestId(`readiness-failing-${id}`).locator('li[data-criterion="qa-passed"]');
    return Number(await item.getAttribute('data-count'));
  }

  function panel() {
    return page().frameLocator('[data-testid="issue-panel-frame"]').getByTestId('forge-doc-root');
  }

  it('signs a check off as QA, shows who may not, refuses a signer without the role, and updates the roll-up', async () => {
    const before = await qaFailingCount();
    expect(before).toBeGreaterThan(1);
    await page().screenshot({ path: screenshotPath('readiness-page.png') });

    // A QA engineer signs "QA passed" off, with evidence.
    const [first, second] = stories();
    await page().goto(`${runtime().hostUrl}/#/issue/${first!.key}?as=${DEMO_ACCOUNT.qa}`);
    await panel().getByTestId('sign-qa-passed').click({ timeout: 30_000 });
    await panel().getByTestId('sign-off-evidence').fill('https://ci.example.com/shop/run/4711');
    await panel().getByTestId('sign-off-comment').fill('Passed on staging.');
    await panel().getByTestId('confirm-sign-off').click();
    await panel().getByTestId('sign-off-notice').waitFor();
    expect(await panel().getByTestId('sign-off-notice').innerText()).toContain('“QA passed” signed off.');
    expect(await panel().getByTestId('sign-off-history').innerText()).toContain('Priya Shah signed off QA passed');
    await panel().getByTestId('revoke-qa-passed').waitFor();
    // The host sizes the frame to its content: the history under the new notice shows too.
    const fit = await frameFittedToContent(page(), 'issue-panel-frame');
    expect(fit.content).toBeLessThanOrEqual(fit.frame + 1);
    expect(await insideFrame(page(), 'issue-panel-frame', panel().getByTestId('sign-off-history'))).toBe(true);
    await page().screenshot({ path: screenshotPath('issue-panel-readiness.png') });

    // A developer sees it signed, and cannot sign QA on another issue.
    await page().goto(`${runtime().hostUrl}/#/issue/${second!.key}?as=${DEMO_ACCOUNT.developer}`);
    await panel().getByTestId('cannot-sign-qa-passed').waitFor({ timeout: 30_000 });
    expect(await panel().getByTestId('cannot-sign-qa-passed').innerText()).toBe('Only qa-team can sign this off.');
    expect(await panel().getByTestId('sign-qa-passed').count()).toBe(0);
    await panel().getByTestId('sign-code-reviewed').waitFor();

    // Someone removed from qa-team after the panel opened is refused by the server.
    const qa = data().users.find((u) => u.accountId === DEMO_ACCOUNT.qa)!;
    const groups = qa.groups;
    await page().goto(`${runtime().hostUrl}/#/issue/${second!.key}?as=${DEMO_ACCOUNT.qa}`);
    await panel().getByTestId('sign-qa-passed').click({ timeout: 30_000 });
    qa.groups = groups.filter((g) => g !== 'qa-team');
    try {
      await panel().getByTestId('confirm-sign-off').click();
      await panel().getByTestId('sign-off-error').waitFor();
      expect(await panel().getByTestId('sign-off-error').innerText()).toContain('Only qa-team may sign off "QA passed".');
    } finally {
      qa.groups = groups;
    }

    // The release roll-up counts the one sign-off, not the refused one.
    expect(await qaFailingCount()).toBe(before - 1);
  }, 120_000);

  it('edits the readiness policy in the settings page with inline problems', async () => {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/settings?as=${DEMO_ACCOUNT.releaseManager}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('settings-tab-readiness').click({ timeout: 30_000 });
    await app.getByTestId('readiness-policy').waitFor();
    await app.getByTestId('policy-id-1').fill('status-done');
    const problem = app.getByTestId('policy-criterion-1').locator('li[data-severity="error"]');
    expect(await problem.innerText()).toContain('The id "status-done" is used twice');
    expect(await app.getByTestId('policy-save').isDisabled()).toBe(true);
    await app.getByTestId('policy-id-1').fill('resolution-set');
    await app.getByTestId('policy-close-days').fill('3');
    await app.getByTestId('policy-save').click();
    await app.getByTestId('policy-saved').waitFor();
    expect((await runtime().store.getVersioned<{ policy: { closeDays: number } }>('readiness:policy:10000'))?.value.policy.closeDays).toBe(3);
  }, 60_000);
});
