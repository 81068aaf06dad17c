import type { ConfluencePageRef, ConfluenceSpaceRef, GroupRef, ResolverResult, UserRef } from '../../src/contract';
import { PICKER_RESULTS_MAX } from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;

beforeAll(async () => {
  site = await startDemoSite();
  facts = demoFacts(site.jira.dataset);
  site.deps.store = new InMemoryKvStore();
});
afterAll(() => site.close());

const person = (role: string) => site.jira.dataset.users.find((u) => u.role.startsWith(role))!;
const admin = () => facts.admin.accountId;
const context = (accountId: string) => ({ accountId, moduleKey: 'releases-settings', extension: { type: 'jira:projectSettingsPage', project: { id: facts.project('SHOP').id, key: 'SHOP', type: 'software' } } });

async function call<T>(name: string, payload: unknown, accountId = admin()): Promise<ResolverResult<T>> {
  return (await dispatchResolver(site.deps, name, payload, context(accountId))) as ResolverResult<T>;
}
function ok<T>(result: ResolverResult<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}
const groupsInDataset = () => [...new Set(site.jira.dataset.users.flatMap((u) => u.groups))];

describe('pickers: people, groups, Confluence spaces and pages by name', () => {
  it('finds Jira groups by any part of their name, case-insensitive, as Jira names them', async () => {
    const found = ok(await call<GroupRef[]>('searchGroups', { query: 'TEAM' }));
    const expected = groupsInDataset().filter((g) => g.toLowerCase().includes('team')).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(found.map((g) => g.name)).toEqual(expected);
    expect(found.every((g) => /^[0-9a-f-]{36}$/.test(g.groupId ?? ''))).toBe(true);
  });

  it('names stored account ids (unknown ones left out) and finds spaces and pages by title text', async () => {
    const qa = person('QA');
    const named = ok(await call<UserRef[]>('lookupUsers', { accountIds: [qa.accountId, 'no-such-account'] }));
    expect(named).toEqual([{ accountId: qa.accountId, displayName: qa.displayName }]);

    const [rel] = site.confluence.spaces();
    const spaces = ok(await call<ConfluenceSpaceRef[]>('searchConfluenceSpaces', { query: 'release' }));
    expect(spaces).toEqual([{ key: rel!.key, name: rel!.name }]);

    const confluence = site.deps.confluenceAsApp();
    const parent = await confluence.createPage({ spaceId: rel!.id, title: 'Release notes 2026', storageValue: '<p>x</p>' });
    await confluence.createPage({ spaceId: rel!.id, title: 'Archive of notes', storageValue: '<p>x</p>' });
    const pages = ok(await call<ConfluencePageRef[]>('searchConfluencePages', { spaceKey: rel!.key, query: 'NOTES' }));
    expect(pages.map((p) => p.title)).toEqual(['Archive of notes', 'Release notes 2026']);
    const byId = ok(await call<ConfluencePageRef[]>('searchConfluencePages', { spaceKey: rel!.key, pageIds: [parent.id, rel!.homepageId] }));
    expect(byId).toEqual([{ id: parent.id, title: 'Release notes 2026' }, { id: rel!.homepageId, title: `${rel!.name} Home` }]);
    // A page of another space is not named as this space's page.
    const [, eng] = site.confluence.spaces();
    expect(ok(await call<ConfluencePageRef[]>('searchConfluencePages', { spaceKey: eng!.key, pageIds: [parent.id] }))).toEqual([]);
  });

  it(`shows at most ${PICKER_RESULTS_MAX} groups`, async () => {
    for (let i = 0; i < PICKER_RESULTS_MAX + 5; i++) person('Developer').groups.push(`squad-${String(i).padStart(2, '0')}`);
    try {
      expect(ok(await call<GroupRef[]>('searchGroups', { query: 'squad' }))).toHaveLength(PICKER_RESULTS_MAX);
    } finally {
      person('Developer').groups = person('Developer').groups.filter((g) => !g.startsWith('squad-'));
    }
  });

  it.each([
    ['searchGroups', { query: 'qa' }],
    ['lookupUsers', { accountIds: [] }],
    ['searchConfluenceSpaces', { query: 'rel' }],
    ['searchConfluencePages', { spaceKey: 'REL', query: 'home' }],
  ])('%s: refused to someone who may not change the release settings (a developer)', async (name, payload) => {
    site.jira.resetStats();
    const result = await call(name, payload, person('Developer').accountId);
    expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN');
  });

  it.each([
    ['searchGroups', {}],
    ['searchGroups', { query: '   ' }],
    ['searchGroups', { query: 'x'.repeat(101) }],
    ['searchGroups', { query: 'qa', maxResults: 500 }],
    ['lookupUsers', { accountIds: Array.from({ length: 51 }, (_, i) => `acc-${i}`) }],
    ['lookupUsers', { accountIds: ['not an id'] }],
    ['searchConfluenceSpaces', { query: '' }],
    ['searchConfluencePages', { spaceKey: 'REL' }],
    ['searchConfluencePages', { spaceKey: 'R E L', query: 'home' }],
    ['searchConfluencePages', { spaceKey: 'REL', pageIds: ['abc'] }],
    ['searchConfluencePages', { spaceKey: 'REL', pageIds: ['1', '2', '3', '4', '5', '6'] }],
  ])('%s refuses %j before asking Jira or Confluence', async (name, payload) => {
    site.jira.resetStats();
    const result = await call(name, payload);
    expect(result.ok ? 'ok' : result.error.code).toBe('VALIDATION');
    expect(site.jira.stats().requests).toBe(0);
  });

  it('says when the space does not exist', async () => {
    const result = await call('searchConfluencePages', { spaceKey: 'NOPE', query: 'home' });
    expect(result.ok ? 'ok' : result.error.code).toBe('NOT_FOUND');
  });
});
