import type { ProjectReleasesView, ResolverResult } from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;

beforeAll(async () => {
  site = await startDemoSite();
  facts = demoFacts(site.jira.dataset);
});
afterAll(() => site.close());
beforeEach(() => {
  site.jira.resetStats();
  Object.assign(site.jira.faults, { latencyMs: 0, fail429Next: 0, fail5xxNext: 0, quotaExhausted: false });
});

const projectContext = (accountId: string, key = 'SHOP') => ({
  accountId,
  moduleKey: 'releases-page',
  extension: { type: 'jira:projectPage', project: { id: facts.project(key).id, key, type: 'software' } },
});

async function releases(accountId: string, key = 'SHOP', payload: unknown = {}) {
  return (await dispatchResolver(site.deps, 'getProjectReleases', payload, projectContext(accountId, key))) as ResolverResult<ProjectReleasesView>;
}

describe('the releases overview resolver', () => {
  it('lists the project’s versions with issue counts by status category, as Jira has them', async () => {
    const result = await releases(facts.admin.accountId);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.data.project.key).toBe('SHOP');
    const shown = result.data.releases;
    expect(shown.length).toBeGreaterThan(2);
    for (const release of shown) expect(release.counts).toEqual(facts.countsOf(release.id));
    expect(shown.map((r) => r.state)).toEqual(expect.arrayContaining(['released', 'overdue', 'in-progress']));
    const everyUnarchived = facts.versionsOf('SHOP').filter((v) => !v.archived).length;
    expect(shown.length + result.data.olderReleasedCount).toBe(everyUnarchived);
  });

  it('costs few Jira points: counts instead of fetching issues', async () => {
    await releases(facts.admin.accountId);
    const stats = site.jira.stats();
    // 1 permission check + project + versions + 3 counts per version; no per-issue points.
    expect(stats.points).toBe(stats.requests);
  });

  it.each([
    ['a user who may browse only SHOP asks for PAY', () => facts.shopOnlyViewer.accountId, 'PAY', 'FORBIDDEN'],
    ['a user who may browse nothing asks for SHOP', () => facts.nobody.accountId, 'SHOP', 'FORBIDDEN'],
  ])('refuses when %s', async (_case, who, key, code) => {
    const result = await releases(who(), key);
    expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringContaining('Browse Projects') } });
  });

  it.each([
    ['no account in the context', {}, { code: 'UNAUTHENTICATED' }],
    ['an unknown field in the payload', { includeOlderReleased: true, projectKey: 'PAY' }, { code: 'VALIDATION' }],
    ['a wrong type in the payload', { includeOlderReleased: 'yes' }, { code: 'VALIDATION' }],
  ])('answers a catalogued error for %s, without calling Jira', async (_case, payload, error) => {
    const context = _case.startsWith('no account') ? { extension: projectContext('x').extension } : projectContext(facts.admin.accountId);
    const result = await dispatchResolver(site.deps, 'getProjectReleases', payload, context);
    expect(result).toMatchObject({ ok: false, error });
    expect(site.jira.stats().requests).toBe(0);
  });

  it('answers UNKNOWN_RESOLVER for a name it does not provide', async () => {
    expect(await dispatchResolver(site.deps, 'dropTables', {}, projectContext(facts.admin.accountId))).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_RESOLVER' },
    });
  });

  it('rides out a burst of 429s and a 503', async () => {
    Object.assign(site.jira.faults, { fail429Next: 2, fail5xxNext: 1 });
    const result = await releases(facts.admin.accountId);
    expect(result.ok).toBe(true);
  });

  it('stops on an exhausted quota and says when it resumes, without calling Jira again', async () => {
    site.jira.faults.quotaExhausted = true;
    const first = await releases(facts.admin.accountId);
    expect(first).toMatchObject({ ok: false, error: { code: 'QUOTA_EXHAUSTED', retryAt: expect.any(String) } });
    site.jira.faults.quotaExhausted = false;
    const before = site.jira.stats().requests;
    const second = await releases(facts.admin.accountId);
    expect(second).toMatchObject({ ok: false, error: { code: 'QUOTA_EXHAUSTED' } });
    expect(site.jira.stats().requests).toBe(before);
    await site.store.delete('quota:jira');
  });
});
