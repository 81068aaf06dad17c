import type { NotesPublication, OpenReleaseNotesResult, ReleaseNotesPreview, ReleaseNotesSession, ReleaseNotesSettingsView, ResolverResult } from '../../src/contract';
import { missingTemplateFields, renderNotesPreview } from '../../src/domain/release-notes/release-notes';
import { handleProductEvent } from '../../src/app/product-events';
import { publishReleaseNotes } from '../../src/app/release-notes';
import { dispatchResolver } from '../../src/app/resolvers';
import { keys } from '../../src/store/keys';
import { DEMO_ACCOUNT } from '../../local/fake-jira';
import type { DatasetIssue } from '../../local/fake-jira/dataset';
import { DEMO_NOW, type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;
let stopEvents: () => void;
let delivering: Array<Promise<unknown>> = [];
let now: Date;

beforeEach(async () => {
  now = DEMO_NOW;
  site = await startDemoSite({ clock: { now: () => now } });
  facts = demoFacts(site.jira.dataset);
  await site.store.set(keys.reportSettings(), { spaceKey: 'REL' });
  // As on Forge: the site's product events reach the app's trigger.
  delivering = [];
  stopEvents = site.jira.onEvent((event) => void delivering.push(handleProductEvent(site.deps, event)));
});
afterEach(async () => {
  stopEvents();
  await site.close();
});

const shop = () => facts.project('SHOP');
const version = (name: string) => site.jira.dataset.versions.find((v) => v.name === name)!;
const issuesOf = (versionId: string) => site.jira.dataset.issues.filter((i) => i.fixVersionIds.includes(versionId));
const typeName = (issue: DatasetIssue) => site.jira.dataset.issueTypes.find((t) => t.id === issue.issueTypeId)!.name;
const isDone = (issue: DatasetIssue) => site.jira.dataset.statuses.find((s) => s.id === issue.statusId)!.categoryKey === 'done';
const notesPages = () => site.confluence.pages().filter((p) => p.status === 'current' && p.title.startsWith('Release notes:'));
const pageTitle = (name: string) => `Release notes: ${name} (${shop().name})`;

const context = (accountId: string, key = 'SHOP') => ({
  accountId,
  moduleKey: 'releases-page',
  extension: { type: 'jira:projectPage', project: { id: facts.project(key).id, key, type: 'software' } },
});

async function call<T>(name: string, payload: unknown, accountId: string = DEMO_ACCOUNT.releaseManager, key = 'SHOP') {
  return (await dispatchResolver(site.deps, name, payload, context(accountId, key))) as ResolverResult<T>;
}

async function releaseInJira(versionId: string) {
  await site.deps.jiraAsUser(DEMO_ACCOUNT.releaseManager).updateVersion(versionId, { released: true });
  // The event handler enqueues the job; then the queue runs it.
  await Promise.all(delivering);
  await site.queue.drain();
}

async function editInConfluence(pageId: string, body: string) {
  const current = site.confluence.pages().find((p) => p.id === pageId)!;
  const response = await fetch(`${site.confluence.url}/wiki/api/v2/pages/${pageId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('ravi.menon@example.com:token').toString('base64')}` },
    body: JSON.stringify({ id: pageId, status: 'current', title: current.title, body: { representation: 'storage', value: body }, version: { number: current.version.number + 1 } }),
  });
  expect(response.status).toBe(200);
}

describe('publishing on release', () => {
  it('writes one notes page when the version is released in Jira, grouped by the default template', async () => {
    const hotfix = version('SHOP 2.3.1');
    await releaseInJira(hotfix.id);

    const pages = notesPages();
    expect(pages.map((p) => p.title)).toEqual([pageTitle(hotfix.name)]);
    const body = pages[0]!.body;
    const issues = issuesOf(hotfix.id).filter((i) => typeName(i) !== 'Sub-task');
    const internal = issues.filter((i) => i.labels.includes('internal'));
    const doneStories = issues.filter((i) => typeName(i) === 'Story' && isDone(i) && !i.labels.includes('internal'));
    const openBugs = issues.filter((i) => typeName(i) === 'Bug' && !isDone(i) && !i.labels.includes('internal'));
    for (const issue of doneStories) expect(body).toContain(`>${issue.key}</a>`);
    for (const issue of internal) expect(body).not.toContain(`>${issue.key}</a>`);
    if (doneStories.length) expect(body).toContain('<h2>New features</h2>');
    if (openBugs.length) expect(body).toContain('<h2>Known issues</h2>');
    expect(body).toContain(`/browse/${issues[0]!.key}`);

    const record = await site.store.getVersioned<NotesPublication>(keys.notesPublication(hotfix.id));
    expect(record?.value).toMatchObject({ status: 'published', action: 'created', trigger: 'release-event', pageId: pages[0]!.id, pageVersion: 1, publishedBy: 'app' });
  });

  it('calls out breaking changes with their upgrade notes', async () => {
    const current = version('SHOP 2.4');
    const breaking = issuesOf(current.id).find((i) => i.labels.includes('breaking-change'))!;
    expect(breaking.upgradeNotes).toBeTruthy();
    const { settings: { template }, revision } = await settingsView();
    const saved = await call('saveReleaseNotesSettings', {
      template: { ...template, upgradeNotesField: 'customfield_10051', releaseNoteField: 'customfield_10050' },
      publishing: { autoPublish: true },
      revision,
    });
    expect(saved.ok).toBe(true);
    const published = await publishReleaseNotes(site.deps, { projectId: shop().id, versionId: current.id, trigger: 'manual', force: false });
    expect(published).toMatchObject({ status: 'published' });
    const body = notesPages()[0]!.body;
    expect(body).toContain('<h2>Breaking changes and upgrade notes</h2>');
    expect(body).toContain(breaking.upgradeNotes!.replace(/'/g, '&#39;'));
    const withNote = issuesOf(current.id).find((i) => i.releaseNotes && isDone(i) && typeName(i) === 'Story' && !i.labels.includes('internal'));
    if (withNote) expect(body).toContain(withNote.releaseNotes!.replace(/'/g, '&#39;'));
  });

  it('does not create a second page for a duplicate event, and updates the page when the notes change', async () => {
    const hotfix = version('SHOP 2.3.1');
    const event = { eventType: 'avi:jira:released:version', version: { id: hotfix.id, name: hotfix.name, projectId: hotfix.projectId, released: true } };
    const answers = await Promise.all([handleProductEvent(site.deps, event), handleProductEvent(site.deps, event), handleProductEvent(site.deps, event)]);
    await site.queue.drain();
    expect(answers.filter((a) => a.detail?.endsWith('release notes queued'))).toHaveLength(1);
    expect(notesPages()).toHaveLength(1);
    const page = notesPages()[0]!;
    expect(page.version.number).toBe(1);

    // Redelivered later (a new hour): the job runs again, finds the page as it wrote it, and leaves it.
    now = new Date(DEMO_NOW.getTime() + 3_600_000);
    await handleProductEvent(site.deps, event);
    await site.queue.drain();
    expect(notesPages()[0]!.version.number).toBe(1);
    expect((await site.store.getVersioned<NotesPublication>(keys.notesPublication(hotfix.id)))?.value).toMatchObject({ action: 'unchanged' });

    const story = issuesOf(hotfix.id).find((i) => isDone(i) && typeName(i) !== 'Sub-task' && !i.labels.includes('internal'))!;
    story.summary = 'Checkout: totals are rounded correctly';
    site.jira.reindex();
    now = new Date(DEMO_NOW.getTime() + 2 * 3_600_000);
    await handleProductEvent(site.deps, event);
    await site.queue.drain();
    expect(notesPages()).toHaveLength(1);
    expect(notesPages()[0]).toMatchObject({ id: page.id, version: expect.objectContaining({ number: 2 }) });
    expect(notesPages()[0]!.body).toContain('Checkout: totals are rounded correctly');
    expect((await site.store.getVersioned<NotesPublication>(keys.notesPublication(hotfix.id)))?.value).toMatchObject({ action: 'updated', pageVersion: 2 });
  });

  it('does not overwrite an edit made in Confluence until a release manager confirms', async () => {
    const hotfix = version('SHOP 2.3.1');
    await releaseInJira(hotfix.id);
    const page = notesPages()[0]!;
    await editInConfluence(page.id, `${page.body}<p>Support: call us if checkout looks wrong.</p>`);

    const story = issuesOf(hotfix.id).find((i) => isDone(i) && typeName(i) !== 'Sub-task' && !i.labels.includes('internal'))!;
    story.summary = 'A change the app wants to publish';
    site.jira.reindex();

    const asked = await call<{ publication: NotesPublication }>('publishReleaseNotes', { versionId: hotfix.id });
    expect(asked).toMatchObject({ ok: true, data: { publication: { status: 'needs-confirmation', conflict: { pageId: page.id, pageVersion: 2 } } } });
    expect(notesPages()[0]!.body).toContain('Support: call us');
    expect(notesPages()[0]!.version.number).toBe(2);

    // The preview shows the question to the release manager.
    const preview = await call<ReleaseNotesPreview>('previewReleaseNotes', { versionId: hotfix.id });
    expect(preview).toMatchObject({ ok: true, data: { canPublish: true, publication: { status: 'needs-confirmation' } } });

    const forced = await call<{ publication: NotesPublication }>('publishReleaseNotes', { versionId: hotfix.id, force: true });
    expect(forced).toMatchObject({ ok: true, data: { publication: { status: 'published', action: 'updated', pageVersion: 3 } } });
    expect(notesPages()[0]!.body).not.toContain('Support: call us');
    expect(notesPages()[0]!.body).toContain('A change the app wants to publish');
  });

  it('recreates a page that was deleted in Confluence', async () => {
    const hotfix = version('SHOP 2.3.1');
    await releaseInJira(hotfix.id);
    const page = notesPages()[0]!;
    const deleted = await fetch(`${site.confluence.url}/wiki/api/v2/pages/${page.id}`, { method: 'DELETE', headers: { authorization: 'Bearer app' } });
    expect(deleted.status).toBe(204);
    expect(notesPages()).toHaveLength(0);

    const again = await call<{ publication: NotesPublication }>('publishReleaseNotes', { versionId: hotfix.id });
    expect(again).toMatchObject({ ok: true, data: { publication: { status: 'published', action: 'recreated' } } });
    expect(notesPages()).toHaveLength(1);
    expect(notesPages()[0]!.id).not.toBe(page.id);
  });

  it('says "nothing to publish" for a version without issues, and creates no page', async () => {
    const created = await site.deps.jiraAsApp().getProject('SHOP');
    const response = await fetch(`${site.jira.url}/rest/api/3/version`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer user:${DEMO_ACCOUNT.releaseManager}` },
      body: JSON.stringify({ name: 'SHOP 2.4.1', projectId: Number(created.id) }),
    });
    const empty = (await response.json()) as { id: string };
    await releaseInJira(empty.id);
    expect(notesPages()).toHaveLength(0);
    expect((await site.store.getVersioned<NotesPublication>(keys.notesPublication(empty.id)))?.value).toMatchObject({
      status: 'nothing-to-publish',
      error: expect.stringContaining('has no issues'),
    });
  });

  it('publishes nothing on release when the project switched it off', async () => {
    const view = await settingsView();
    const saved = await call('saveReleaseNotesSettings', { template: view.settings.template, publishing: { autoPublish: false }, revision: view.revision });
    expect(saved.ok).toBe(true);
    await releaseInJira(version('SHOP 2.3.1').id);
    expect(notesPages()).toHaveLength(0);
    expect(await site.store.getVersioned(keys.notesPublication(version('SHOP 2.3.1').id))).toBeUndefined();
  });
});

async function settingsView(accountId: string = DEMO_ACCOUNT.releaseManager) {
  const result = await call<ReleaseNotesSettingsView>('getReleaseNotesSettings', {}, accountId);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

describe('the release-notes resolvers', () => {
  it('offers the default template, the text fields of the site and the project’s versions', async () => {
    const view = await settingsView();
    expect(view).toMatchObject({ projectKey: 'SHOP', isDefault: true, problems: [], canEdit: true, target: { spaceKey: 'REL' } });
    expect(view.catalog.textFields).toEqual(expect.arrayContaining([{ id: 'customfield_10050', name: 'Release notes' }, { id: 'customfield_10051', name: 'Upgrade notes' }]));
    expect(view.catalog.issueTypes).not.toContain('Sub-task');
    expect(view.versions.map((v) => v.id).sort()).toEqual(facts.versionsOf('SHOP').map((v) => v.id).sort());
  });

  it('lets a viewer preview the notes but not publish them, and stores nothing', async () => {
    const current = version('SHOP 2.4');
    const preview = await call<ReleaseNotesPreview>('previewReleaseNotes', { versionId: current.id }, facts.shopOnlyViewer.accountId);
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.data).toMatchObject({ canPublish: false, publication: null, fileName: 'SHOP-2.4-release-notes.md' });
    expect(preview.data.markdown).toContain(`# Release notes: SHOP 2.4 (${shop().name})`);

    const publish = await call('publishReleaseNotes', { versionId: current.id }, facts.shopOnlyViewer.accountId);
    expect(publish).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const save = await call('saveReleaseNotesSettings', { template: (await settingsView()).settings.template, publishing: { autoPublish: true }, revision: 0 }, facts.shopOnlyViewer.accountId);
    expect(save).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(notesPages()).toHaveLength(0);
    expect((await site.store.query('notes:')).results).toHaveLength(0);
    expect(await site.store.getVersioned(keys.notesSettings(shop().id))).toBeUndefined();
  });

  it('lists every problem of a template that references unknown fields, and saves nothing', async () => {
    const { template } = (await settingsView()).settings;
    const result = await call('saveReleaseNotesSettings', {
      template: {
        ...template,
        releaseNoteField: 'customfield_99999',
        upgradeNotesField: 'customfield_10016',
        intro: 'Welcome to {release}.',
        sections: [...template.sections, { id: 'epics', title: 'Epics', issueTypes: ['Epic'], labels: [], components: ['Warehouse'], status: 'done' }],
      },
      publishing: { autoPublish: true, parentPageId: '999999' },
      revision: 0,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const details = result.ok ? [] : (result.error.details ?? []);
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringContaining('customfield_99999 does not exist'),
        expect.stringContaining('Story point estimate (customfield_10016) is not a text field'),
        expect.stringContaining('{release}'),
        expect.stringContaining('issue type "Epic" does not exist'),
        expect.stringContaining('component "Warehouse" does not exist'),
        expect.stringContaining('parent page 999999 does not exist'),
      ]),
    );
    expect(await site.store.getVersioned(keys.notesSettings(shop().id))).toBeUndefined();
  });

  it('previews an unsaved template: internal notes list internal issues, customer notes do not', async () => {
    const current = version('SHOP 2.4');
    const internal = issuesOf(current.id).find((i) => i.labels.includes('internal') && typeName(i) !== 'Sub-task')!;
    const { template } = (await settingsView()).settings;
    const anySection = { ...template, sections: [{ id: 'all', title: 'Everything', issueTypes: ['Story', 'Task', 'Bug', 'Incident'], labels: [], components: [], status: 'any' }] };
    const customer = await call<ReleaseNotesPreview>('previewReleaseNotes', { versionId: current.id, template: anySection });
    const forTeam = await call<ReleaseNotesPreview>('previewReleaseNotes', { versionId: current.id, template: { ...anySection, audience: 'internal' } });
    if (!customer.ok || !forTeam.ok) throw new Error('preview failed');
    const keysIn = (p: ReleaseNotesPreview) => p.document.sections.flatMap((s) => s.items.map((i) => i.key));
    expect(keysIn(customer.data)).not.toContain(internal.key);
    expect(keysIn(forTeam.data)).toContain(internal.key);
    expect(customer.data.document.counts.internal).toBeGreaterThan(0);
    expect(await site.store.getVersioned(keys.notesSettings(shop().id))).toBeUndefined();
  });

  it.each([
    ['a version of another project', () => ({ versionId: version('PAY 3.1').id }), 'NOT_FOUND'],
    ['a version id that is not one', () => ({ versionId: 'SHOP 2.4' }), 'VALIDATION'],
    ['an unknown payload field', () => ({ versionId: version('SHOP 2.4').id, projectKey: 'PAY' }), 'VALIDATION'],
  ])('refuses to preview %s', async (_case, payload, code) => {
    expect(await call('previewReleaseNotes', payload())).toMatchObject({ ok: false, error: { code } });
  });

  it.each([
    ['getReleaseNotesSettings', () => ({ projectKey: 'PAY' }), 'VALIDATION'],
    ['saveReleaseNotesSettings', () => ({ template: {}, publishing: { autoPublish: true }, revision: 0 }), 'VALIDATION'],
    ['publishReleaseNotes', () => ({ versionId: version('SHOP 2.4').id, force: 'yes' }), 'VALIDATION'],
  ])('answers %s with a catalogued error for a malformed payload, and stores nothing', async (name, payload, code) => {
    expect(await call(name, payload())).toMatchObject({ ok: false, error: { code } });
    expect((await site.store.query('notes:')).results).toHaveLength(0);
    expect(await site.store.getVersioned(keys.notesSettings(shop().id))).toBeUndefined();
  });

  it('says when Jira’s quota is used up, and records nothing', async () => {
    site.jira.faults.quotaExhausted = true;
    const result = await call('publishReleaseNotes', { versionId: version('SHOP 2.4').id });
    site.jira.faults.quotaExhausted = false;
    expect(result).toMatchObject({ ok: false, error: { code: 'QUOTA_EXHAUSTED', retryAt: expect.any(String) } });
    expect((await site.store.query('notes:')).results).toHaveLength(0);
  });

  it('answers FORBIDDEN to a user who cannot browse the project', async () => {
    expect(await call('getReleaseNotesSettings', {}, facts.nobody.accountId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('previewReleaseNotes', { versionId: version('SHOP 2.4').id }, facts.nobody.accountId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses to publish without a Confluence space, and records nothing', async () => {
    await site.store.delete(keys.reportSettings());
    const result = await call('publishReleaseNotes', { versionId: version('SHOP 2.4').id });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('No Confluence space') } });
    expect(notesPages()).toHaveLength(0);
    expect((await site.store.query('notes:')).results).toHaveLength(0);
  });
});

describe('publishing release notes for a version of another project', () => {
  it('is refused as not found before anything of that version is read or written', async () => {
    const pay = site.jira.dataset.versions.find((v) => v.projectId === facts.project('PAY').id)!;
    const before = await site.store.get(keys.notesPublication(pay.id));
    const pagesBefore = notesPages().length;
    expect(await call('publishReleaseNotes', { versionId: pay.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await site.store.get(keys.notesPublication(pay.id))).toEqual(before);
    expect(notesPages()).toHaveLength(pagesBefore);
  });
});

describe('a release-notes editing session', () => {
  const searches = () => Object.entries(site.jira.stats().byRoute).filter(([route]) => route.includes('/search/jql')).reduce((n, [, s]) => n + s.requests, 0);

  it('reads the version once: the page opens with its issues and renders 20 template edits as the server would', async () => {
    const current = version('SHOP 2.4');
    site.jira.resetStats();
    const opened = await call<OpenReleaseNotesResult>('openReleaseNotes', { versionId: current.id });
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(searches()).toBe(1);
    const session = opened.data.session!;
    expect(session.source.version.id).toBe(current.id);
    let template = opened.data.settings.settings.template;
    // The demo template, rendered in the browser, is what the server renders.
    const server = await call<ReleaseNotesPreview>('previewReleaseNotes', { versionId: current.id });
    if (!server.ok) throw new Error('preview failed');
    expect(renderNotesPreview(session.source, template)).toEqual({ document: server.data.document, markdown: server.data.markdown, fileName: server.data.fileName });

    site.jira.resetStats();
    for (let edit = 1; edit <= 20; edit++) {
      template = { ...template, intro: `Edit ${edit}: {version} of {project}.`, audience: edit % 2 ? 'internal' : 'customer' };
      expect(await call('checkReleaseNotesTemplate', { template })).toEqual({ ok: true, data: { valid: true } });
      expect(missingTemplateFields(session.source, template)).toEqual([]);
      expect(renderNotesPreview(session.source, template).document.intro).toBe(`Edit ${edit}: SHOP 2.4 of ${shop().name}.`);
    }
    expect(site.jira.stats()).toMatchObject({ requests: 0, points: 0 });

    // A release-note field the loaded issues lack: one more read, with it; then the same as the server again.
    const withNote = { ...template, releaseNoteField: 'customfield_10050' };
    expect(missingTemplateFields(session.source, withNote)).toEqual(['customfield_10050']);
    const again = await call<ReleaseNotesSession>('loadReleaseNotesSession', { versionId: current.id, fields: ['customfield_10050'] });
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    expect(searches()).toBe(1);
    const serverWithNote = await call<ReleaseNotesPreview>('previewReleaseNotes', { versionId: current.id, template: withNote });
    if (!serverWithNote.ok) throw new Error('preview failed');
    expect(renderNotesPreview(again.data.source, withNote).markdown).toBe(serverWithNote.data.markdown);
    expect(again.data.source.issues.some((i) => i.fieldText.customfield_10050)).toBe(true);
  });

  it('refuses a template the editor may not save in the same words, and a viewer who cannot browse the project', async () => {
    const { template } = (await settingsView()).settings;
    const refused = await call('checkReleaseNotesTemplate', { template: { ...template, sections: [{ ...template.sections[0]!, title: '' }] } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [expect.stringMatching(/^template\.sections\.0\.title: /)] } });
    expect(await call('openReleaseNotes', {}, facts.nobody.accountId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('loadReleaseNotesSession', { versionId: version('SHOP 2.4').id }, facts.nobody.accountId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('loadReleaseNotesSession', { versionId: version('PAY 3.1').id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
