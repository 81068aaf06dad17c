import { DEMO_ACCOUNT } from '../../local/fake-jira';
import type { DatasetIssue } from '../../local/fake-jira/dataset';
import { describeInBrowser, screenshotPath } from './support/browser';
import { useBrowserRuntime } from './support/runtime';

describeInBrowser('the release notes preview in Chromium', () => {
  const { runtime, browser, page, facts } = useBrowserRuntime({ page: { viewport: { width: 1400, height: 1000 }, acceptDownloads: true } });

  const dataset = () => runtime().fakeJira!.dataset;
  const version = (name: string) => dataset().versions.find((v) => v.name === name)!;
  const typeName = (issue: DatasetIssue) => dataset().issueTypes.find((t) => t.id === issue.issueTypeId)!.name;
  const done = (issue: DatasetIssue) => dataset().statuses.find((s) => s.id === issue.statusId)!.categoryKey === 'done';
  const issuesOf = (versionId: string) => dataset().issues.filter((i) => i.fixVersionIds.includes(versionId) && typeName(i) !== 'Sub-task');

  async function openNotes(accountId: string, versionName: string) {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/releases/release-notes?as=${accountId}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('notes-preview').waitFor({ timeout: 30_000 });
    await app.getByTestId('notes-version').selectOption(version(versionName).id);
    await app.getByTestId('notes-preview').getByText(`Release notes: ${versionName} (`).waitFor();
    return app;
  }

  it('shows a version’s notes grouped into sections, with breaking changes first and internal work left out', async () => {
    const app = await openNotes(DEMO_ACCOUNT.releaseManager, 'SHOP 2.4');
    const current = version('SHOP 2.4');
    const preview = app.getByTestId('notes-preview');
    const stories = issuesOf(current.id).filter((i) => typeName(i) === 'Story' && done(i) && !i.labels.includes('internal'));
    for (const story of stories) await app.getByTestId('notes-section-new-features').getByTestId(`note-${story.key}`).waitFor();
    const breaking = issuesOf(current.id).find((i) => i.labels.includes('breaking-change'))!;
    await app.getByTestId('notes-breaking').getByTestId(`note-${breaking.key}`).waitFor();
    const text = await preview.innerText();
    for (const internal of issuesOf(current.id).filter((i) => i.labels.includes('internal'))) expect(text).not.toContain(internal.key);
    expect(text).toContain('left out:');

    await app.getByTestId('notes-show-markdown').click();
    expect(await app.getByTestId('notes-markdown').inputValue()).toContain('# Release notes: SHOP 2.4 (Web Shop)\n');
    const [download] = await Promise.all([page().waitForEvent('download'), app.getByTestId('notes-download').click()]);
    expect(download.suggestedFilename()).toBe('SHOP-2.4-release-notes.md');
    await page().screenshot({ path: screenshotPath('release-notes-preview.png') });
  }, 60_000);

  const searches = () => runtime().fakeJira!.stats().byRoute['POST /rest/api/3/search/jql']?.requests ?? 0;

  it('previews template edits before they are saved, reading the version once for 20 edits', async () => {
    runtime().fakeJira!.resetStats();
    const app = await openNotes(DEMO_ACCOUNT.releaseManager, 'SHOP 2.4');
    // One read of the version the page opens on (SHOP 2.3.1, the next due), one of SHOP 2.4 once chosen.
    expect(searches()).toBe(2);
    await app.getByTestId('notes-edit-template').click();
    for (let edit = 1; edit <= 20; edit++) {
      await app.getByTestId('template-intro').fill(`Edit ${edit} of {version}.`);
      await app.getByTestId('notes-preview').getByText(`Edit ${edit} of SHOP 2.4.`).waitFor({ timeout: 15_000 });
    }
    // The page holds the version's issues and renders every edit itself.
    expect(searches()).toBe(2);
    // A release-note field the loaded issues lack: read once more, with it.
    await app.getByTestId('template-note-field').selectOption('customfield_10050');
    const withNote = issuesOf(version('SHOP 2.4').id).find((i) => i.releaseNotes && typeName(i) === 'Story' && done(i) && !i.labels.includes('internal'))!;
    await app.getByTestId('notes-section-new-features').getByTestId(`note-${withNote.key}`).getByText(withNote.releaseNotes!).waitFor({ timeout: 15_000 });
    await app.getByTestId('section-title-0').fill('What is new');
    await app.getByTestId('notes-section-new-features').getByText('What is new').waitFor({ timeout: 15_000 });
    // Publishing uses the saved template: the button waits for a save.
    expect(await app.getByTestId('notes-publish').isDisabled()).toBe(true);
    expect(searches()).toBe(3);
  }, 90_000);

  it('publishes the notes to Confluence for a release manager, and shows where', async () => {
    const app = await openNotes(DEMO_ACCOUNT.releaseManager, 'SHOP 2.3.1');
    await app.getByTestId('notes-publish').click();
    const status = app.getByTestId('notes-publication');
    await status.getByText('Published to Confluence').waitFor({ timeout: 30_000 });
    expect(await status.getAttribute('data-status')).toBe('published');

    const title = `Release notes: SHOP 2.3.1 (${facts().project('SHOP').name})`;
    const found = await fetch(`${runtime().confluenceUrl}/wiki/api/v2/pages?title=${encodeURIComponent(title)}&body-format=storage`, { headers: { authorization: 'Bearer app' } });
    const pages = ((await found.json()) as { results: Array<{ id: string; body: { storage: { value: string } } }> }).results;
    expect(pages).toHaveLength(1);
    const firstDone = issuesOf(version('SHOP 2.3.1').id).find((i) => done(i) && !i.labels.includes('internal'))!;
    expect(pages[0]!.body.storage.value).toContain(`>${firstDone.key}</a>`);

    // Someone edits the page in Confluence: publishing again asks before overwriting it.
    const page0 = pages[0]!;
    const edited = await fetch(`${runtime().confluenceUrl}/wiki/api/v2/pages/${page0.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('ravi.menon@example.com:token').toString('base64')}` },
      body: JSON.stringify({ id: page0.id, status: 'current', title, body: { representation: 'storage', value: `${page0.body.storage.value}<p>Hand-written support note.</p>` }, version: { number: 2 } }),
    });
    expect(edited.status).toBe(200);
    await app.getByTestId('notes-publish').click();
    await status.getByText('changed by someone else').waitFor({ timeout: 30_000 });
    expect(await status.getAttribute('data-status')).toBe('needs-confirmation');
    await app.getByTestId('notes-overwrite').click();
    await status.getByText('Published to Confluence').waitFor({ timeout: 30_000 });
    const after = await fetch(`${runtime().confluenceUrl}/wiki/api/v2/pages/${page0.id}?body-format=storage`, { headers: { authorization: 'Bearer app' } });
    const overwritten = (await after.json()) as { version: { number: number }; body: { storage: { value: string } } };
    expect(overwritten.version.number).toBe(3);
    expect(overwritten.body.storage.value).not.toContain('Hand-written support note.');

    const view = await browser().newPage({ viewport: { width: 1200, height: 1000 } });
    await view.goto(`${runtime().confluenceUrl}/wiki/spaces/REL/pages/${pages[0]!.id}`);
    await view.getByText(firstDone.key).first().waitFor();
    await view.screenshot({ path: screenshotPath('release-notes-confluence.png'), fullPage: true });
    await view.close();
  }, 60_000);

  it('opens a version’s notes from its row in the overview', async () => {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/releases?as=${DEMO_ACCOUNT.releaseManager}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    const target = version('SHOP 2.5');
    await app.getByTestId(`release-notes-${target.id}`).click();
    await app.getByTestId('notes-preview').getByText('Release notes: SHOP 2.5 (').waitFor({ timeout: 30_000 });
    expect(await app.getByTestId('notes-version').inputValue()).toBe(target.id);
    await page().waitForURL(/\/releases\/release-notes/);
  }, 60_000);

  it('lets a stakeholder read the notes but not publish them', async () => {
    const app = await openNotes(facts().shopOnlyViewer.accountId, 'SHOP 2.4');
    await app.getByTestId('notes-read-only').waitFor();
    expect(await app.getByTestId('notes-publish').count()).toBe(0);
    expect(await app.getByTestId('notes-edit-template').count()).toBe(0);
  }, 60_000);
});
