import { handleProductEvent } from '../../src/app/product-events';
import { runDailySync } from '../../src/app/scheduled';
import { readVersionHistory } from '../../src/app/version-tracking';
import { runWeeklyReports } from '../../src/app/weekly-reports';
import { keys } from '../../src/store/keys';
import { type DemoSite, startDemoSite } from '../support/demo-site';

let site: DemoSite;
beforeEach(async () => {
  site = await startDemoSite();
});
afterEach(() => site.close());

describe('the daily reconciliation', () => {
  it('records every project’s version dates, and a second run the same day does nothing', async () => {
    expect(await runDailySync(site.deps)).toEqual({ skipped: false, projects: site.jira.dataset.projects.length });
    await site.queue.drain();
    for (const project of site.jira.dataset.projects) {
      const history = await readVersionHistory(site.deps, project.id);
      const versions = site.jira.dataset.versions.filter((v) => v.projectId === project.id);
      expect(Object.keys(history?.versions ?? {}).sort()).toEqual(versions.map((v) => v.id).sort());
    }
    const requests = site.jira.stats().requests;
    expect(await runDailySync(site.deps)).toEqual({ skipped: true, projects: 0 });
    await site.queue.drain();
    expect(site.jira.stats().requests).toBe(requests);
  });
});

describe('version events', () => {
  const version = () => site.jira.dataset.versions.find((v) => !v.released && v.releaseDate)!;

  it('records a moved release date once, however often the event arrives', async () => {
    const v = version();
    const event = { eventType: 'avi:jira:updated:version', version: { id: v.id, name: v.name, projectId: v.projectId, startDate: v.startDate, releaseDate: '2027-02-01', released: false } };
    expect(await handleProductEvent(site.deps, event)).toEqual({ handled: true, detail: 'version history updated' });
    expect(await handleProductEvent(site.deps, event)).toEqual({ handled: true, detail: 'version unchanged' });
    const history = await readVersionHistory(site.deps, v.projectId);
    expect(history?.versions[v.id]?.records.map((r) => r.releaseDate)).toEqual(['2027-02-01']);
  });

  it('keeps both of two concurrent events about different versions of one project', async () => {
    const [a, b] = site.jira.dataset.versions.filter((v) => v.projectId === version().projectId);
    await Promise.all(
      [a!, b!].map((v) => handleProductEvent(site.deps, { eventType: 'avi:jira:updated:version', version: { id: v.id, name: v.name, projectId: v.projectId, releaseDate: '2027-03-01' } })),
    );
    const history = await readVersionHistory(site.deps, a!.projectId);
    expect(Object.keys(history?.versions ?? {}).sort()).toEqual([a!.id, b!.id].sort());
  });

  it('ignores an event without a readable version and stores nothing', async () => {
    expect(await handleProductEvent(site.deps, { eventType: 'avi:jira:updated:version', version: { id: 1 } })).toMatchObject({ handled: false });
    expect((await site.store.query('versionhist:')).results).toHaveLength(0);
  });
});

describe('the weekly status report', () => {
  it('is not published until a Confluence space is chosen', async () => {
    expect(await runWeeklyReports(site.deps)).toEqual({ configured: false, projects: 0 });
  });

  it('creates one page per project, and a second run finds it and leaves it alone', async () => {
    await site.store.set(keys.reportSettings(), { spaceKey: 'REL' });
    const projects = site.jira.dataset.projects.length;
    const countPages = () => site.confluence.pages().filter((p) => p.status === 'current' && p.title.startsWith('Release status:')).length;

    await runWeeklyReports(site.deps);
    await site.queue.drain();
    expect(countPages()).toBe(projects);
    expect(await site.store.get(keys.reportOutcome('SHOP'))).toMatchObject({ ok: true, action: 'created' });

    await runWeeklyReports(site.deps);
    await site.queue.drain();
    expect(countPages()).toBe(projects);
    expect(await site.store.get(keys.reportOutcome('SHOP'))).toMatchObject({ ok: true, action: 'unchanged' });
  });

  it('updates the page when a release changed', async () => {
    await site.store.set(keys.reportSettings(), { spaceKey: 'REL' });
    await runWeeklyReports(site.deps);
    await site.queue.drain();
    const v = site.jira.dataset.versions.find((x) => x.projectId === site.jira.dataset.projects.find((p) => p.key === 'SHOP')!.id && !x.released && x.releaseDate)!;
    v.releaseDate = '2027-06-30';
    await runWeeklyReports(site.deps);
    await site.queue.drain();
    expect(await site.store.get(keys.reportOutcome('SHOP'))).toMatchObject({ ok: true, action: 'updated' });
    const page = site.confluence.pages().find((p) => p.title === 'Release status: ' + site.jira.dataset.projects.find((p) => p.key === 'SHOP')!.name + ' (SHOP)');
    expect(page).toBeDefined();
  });

  it('records a clear failure when the space does not exist, and publishes nothing', async () => {
    await site.store.set(keys.reportSettings(), { spaceKey: 'NOPE' });
    await runWeeklyReports(site.deps);
    await site.queue.drain();
    expect(await site.store.get(keys.reportOutcome('SHOP'))).toMatchObject({ ok: false, error: expect.stringContaining('NOPE') });
  });
});
