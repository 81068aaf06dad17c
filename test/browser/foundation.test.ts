import { describeInBrowser, screenshotPath } from './support/browser';
import { frameFittedToContent, insideFrame } from './support/frames';
import { useBrowserRuntime } from './support/runtime';

describeInBrowser('the local runtime in Chromium', () => {
  const { runtime, page, facts } = useBrowserRuntime();

  it('shows the project’s versions with their issue counts from Jira on the project page', async () => {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/releases?as=${facts().admin.accountId}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('releases-table').waitFor({ timeout: 30_000 });
    const unreleased = facts().versionsOf('SHOP').filter((v) => !v.released && !v.archived);
    for (const version of unreleased) {
      const row = app.getByTestId(`release-row-${version.id}`);
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain(version.name);
      expect(text).toContain(String(facts().countsOf(version.id).total));
    }
    await page().screenshot({ path: screenshotPath('releases-page.png') });
  }, 60_000);

  it('tells a user without Browse Projects why they see nothing', async () => {
    await page().goto(`${runtime().hostUrl}/#/project/PAY/releases?as=${facts().shopOnlyViewer.accountId}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    const error = app.getByTestId('page-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.innerText()).toContain('Browse Projects');
  }, 60_000);

  it('shows an issue’s release and open blockers in the UI Kit panel', async () => {
    const dataset = runtime().fakeJira!.dataset;
    const doneIds = new Set(dataset.statuses.filter((s) => s.categoryKey === 'done').map((s) => s.id));
    const blocks = dataset.issueLinkTypes.find((t) => t.name === 'Blocks')!;
    const shop = facts().project('SHOP');
    const link = dataset.issueLinks.find((l) => {
      const blocker = dataset.issues.find((i) => i.id === l.sourceIssueId)!;
      const blocked = dataset.issues.find((i) => i.id === l.destinationIssueId)!;
      return l.typeId === blocks.id && !doneIds.has(blocker.statusId) && blocked.projectId === shop.id && blocked.fixVersionIds.length > 0;
    })!;
    const blocked = dataset.issues.find((i) => i.id === link.destinationIssueId)!;
    const blocker = dataset.issues.find((i) => i.id === link.sourceIssueId)!;
    const version = dataset.versions.find((v) => v.id === blocked.fixVersionIds[0])!;

    await page().goto(`${runtime().hostUrl}/#/issue/${blocked.key}?as=${facts().admin.accountId}`);
    const panel = page().frameLocator('[data-testid="issue-panel-frame"]');
    const root = panel.getByTestId('forge-doc-root');
    await root.getByText(version.name).first().waitFor({ timeout: 30_000 });
    await root.getByText(blocker.key).first().waitFor();
    // The host sizes the panel frame to its content a moment after it renders: all of it shows.
    const fit = await frameFittedToContent(page(), 'issue-panel-frame');
    expect(fit.content).toBeLessThanOrEqual(fit.frame + 1);
    expect(await insideFrame(page(), 'issue-panel-frame', root.getByText(blocker.key).first())).toBe(true);
    await page().screenshot({ path: screenshotPath('issue-panel.png') });
  }, 60_000);
});
