import { dispatchResolver } from '../../src/app/resolvers';
import type { ProjectReleasesView, ProjectTimeView, ResolverResult } from '../../src/contract';
import { type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';
import { keys } from '../../src/store/keys';

/**
 * A project's days are counted in its release time zone: a release due today is due until
 * midnight there, whatever the server's zone (UTC) says about the same instant.
 */
let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;
let now: Date;

beforeEach(async () => {
  now = new Date('2026-11-24T10:00:00Z');
  site = await startDemoSite({ clock: { now: () => now } });
  facts = demoFacts(site.jira.dataset);
});
afterEach(() => site.close());

const context = (accountId: string, key = 'SHOP') => ({ accountId, moduleKey: 'releases-page', extension: { project: { id: facts.project(key).id, key } } });

async function call<T>(name: string, accountId: string, payload: unknown): Promise<ResolverResult<T>> {
  return (await dispatchResolver(site.deps, name, payload, context(accountId))) as ResolverResult<T>;
}

function ok<T>(result: ResolverResult<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

/** An unreleased SHOP version due on `releaseDate`, added to the fake Jira. */
function versionDueOn(releaseDate: string): string {
  const shop = facts.project('SHOP');
  const id = String(90_000 + site.jira.dataset.versions.length);
  site.jira.dataset.versions.push({ id, projectId: shop.id, name: `SHOP due ${releaseDate}`, releaseDate, released: false, archived: false, sequence: 999, dependsOnVersionIds: [] });
  site.jira.reindex();
  return id;
}

async function releaseRow(versionId: string) {
  const view = ok(await call<ProjectReleasesView>('getProjectReleases', facts.admin.accountId, {}));
  return view.releases.find((r) => r.id === versionId)!;
}

async function chooseZone(timeZone: string | null, expectedTimeZone: string | null = null): Promise<ProjectTimeView> {
  return ok(await call<ProjectTimeView>('saveProjectTimeZone', facts.admin.accountId, { timeZone, expectedTimeZone }));
}

describe('a project’s release time zone', () => {
  it.each([
    // zone, local time of the check (as UTC), due day, state, days left
    ['Pacific/Auckland', '2026-12-05T10:30:00Z', '2026-12-05', 'in-progress', 0], // 23:30 on the due day in Auckland
    ['Pacific/Auckland', '2026-12-05T11:30:00Z', '2026-12-05', 'overdue', -1], // 00:30 the next day in Auckland
    ['America/Los_Angeles', '2026-12-06T01:00:00Z', '2026-12-05', 'in-progress', 0], // 17:00 in California, already the 6th in UTC
    ['America/Los_Angeles', '2026-12-06T08:30:00Z', '2026-12-05', 'overdue', -1], // 00:30 on the 6th in California
    ['UTC', '2026-12-05T23:30:00Z', '2026-12-05', 'in-progress', 0],
  ])('in %s at %s, a release due %s is %s with %i days left', async (zone, at, due, state, daysLeft) => {
    await chooseZone(zone);
    const versionId = versionDueOn(due);
    now = new Date(at);
    expect(await releaseRow(versionId)).toMatchObject({ releaseDate: due, state, daysToRelease: daysLeft });
  });

  it('follows the site’s zone from Jira until the project chooses one, and says where it comes from', async () => {
    site.jira.dataset.siteTimeZone = 'Europe/Berlin';
    now = new Date('2026-11-24T23:30:00Z'); // 00:30 on the 25th in Berlin
    const first = ok(await call<ProjectTimeView>('getProjectTime', facts.admin.accountId, {}));
    expect(first).toMatchObject({ timeZone: 'Europe/Berlin', source: 'site', siteTimeZone: 'Europe/Berlin', today: '2026-11-25', now: now.toISOString() });

    const chosen = await chooseZone('Pacific/Auckland');
    expect(chosen).toMatchObject({ timeZone: 'Pacific/Auckland', source: 'project', today: '2026-11-25', canEdit: true });

    const cleared = await chooseZone(null, 'Pacific/Auckland');
    expect(cleared).toMatchObject({ timeZone: 'Europe/Berlin', source: 'site' });
  });

  it('reads the site’s zone from Jira once a day, not on every call', async () => {
    site.jira.resetStats();
    await call('getProjectTime', facts.admin.accountId, {});
    await call('getProjectTime', facts.admin.accountId, {});
    expect(site.jira.stats().byRoute['GET /rest/api/3/serverInfo']?.requests ?? 0).toBe(1);
    now = new Date(now.getTime() + 25 * 3_600_000);
    await call('getProjectTime', facts.admin.accountId, {});
    expect(site.jira.stats().byRoute['GET /rest/api/3/serverInfo']?.requests ?? 0).toBe(2);
  });

  it('falls back to UTC, and says so, when Jira cannot tell the site’s zone', async () => {
    // The project's id and key were checked on an earlier call; now Jira fails on the zone.
    await site.store.transact([{ kind: 'put', key: keys.projectTimeZone(facts.project('SHOP').id), value: { projectKey: 'SHOP' }, expectRev: 0 }]);
    site.jira.faults.fail5xxNext = 10;
    const view = ok(await call<ProjectTimeView>('getProjectTime', facts.admin.accountId, {}));
    expect(view).toMatchObject({ timeZone: 'UTC', source: 'default' });
  });

  it.each([
    ['an unknown zone', { timeZone: 'Mars/Olympus_Mons', expectedTimeZone: null }, 'VALIDATION'],
    ['a stale page', { timeZone: 'Europe/Paris', expectedTimeZone: 'Asia/Tokyo' }, 'CONFLICT'],
    ['an extra field', { timeZone: 'Europe/Paris', expectedTimeZone: null, projectId: '1' }, 'VALIDATION'],
  ])('refuses %s with a catalogued error and changes nothing', async (_case, payload, code) => {
    await chooseZone('Europe/Berlin');
    const result = await call('saveProjectTimeZone', facts.admin.accountId, { ...payload, ...(payload.expectedTimeZone === 'Asia/Tokyo' ? {} : { expectedTimeZone: 'Europe/Berlin' }) });
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(ok(await call<ProjectTimeView>('getProjectTime', facts.admin.accountId, {}))).toMatchObject({ timeZone: 'Europe/Berlin', source: 'project' });
  });

  it('refuses a context whose project id and key are different projects’, before reading or writing anything', async () => {
    const mixed = { accountId: facts.admin.accountId, moduleKey: 'release-settings', extension: { project: { id: facts.project('PAY').id, key: 'SHOP' } } };
    const result = await dispatchResolver(site.deps, 'saveProjectTimeZone', { timeZone: 'Europe/Paris', expectedTimeZone: null }, mixed);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await site.store.getVersioned(keys.projectTimeZone(facts.project('PAY').id))).toBeUndefined();
    // The same goes for every resolver: the Go/No-Go settings of PAY stay untouched.
    expect(await dispatchResolver(site.deps, 'getGoNoGoSettings', {}, mixed)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('lets only the project’s admins and release managers change it', async () => {
    const result = await call('saveProjectTimeZone', facts.shopOnlyViewer.accountId, { timeZone: 'Europe/Paris', expectedTimeZone: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(ok(await call<ProjectTimeView>('getProjectTime', facts.shopOnlyViewer.accountId, { withAccess: true }))).toMatchObject({ source: 'site', canEdit: false });
  });
});
