/**
 * The overview's issue counts come from Jira's version list (`expand=issuesstatus`, one request
 * for every version) where the project has no issue security scheme; where it has one, Jira's
 * counts could include issues hidden from the viewer, so each version is counted per user.
 */
import type { ProjectReleasesView, ResolverResult } from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;

beforeEach(async () => {
  site = await startDemoSite();
  facts = demoFacts(site.jira.dataset);
});
afterEach(() => site.close());

async function overview(): Promise<ProjectReleasesView> {
  const context = { accountId: facts.admin.accountId, moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: facts.project('SHOP').id, key: 'SHOP', type: 'software' } } };
  const result = (await dispatchResolver(site.deps, 'getProjectReleases', {}, context)) as ResolverResult<ProjectReleasesView>;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

const requestsTo = (route: string) => site.jira.stats().byRoute[route]?.requests ?? 0;

describe('the overview’s issue counts', () => {
  it('come from the version list, in fewer requests than one per version, where no issue security applies', async () => {
    await overview(); // the first view of the day also reads the project's zone and issue security
    site.jira.resetStats();
    const view = await overview();
    expect(view.releases.length).toBeGreaterThan(3);
    for (const release of view.releases) expect(release.counts).toEqual(facts.countsOf(release.id));
    expect(requestsTo('POST /rest/api/3/search/approximate-count')).toBe(0);
    // Permission check, project, versions with their counts.
    expect(site.jira.stats().requests).toBe(3);
    expect(site.jira.stats().requests).toBeLessThan(view.releases.length);
  });

  it('asks Jira about the project’s issue security at most once a day', async () => {
    await overview();
    await overview();
    expect(requestsTo('GET /rest/api/3/project/{projectKeyOrId}/issuesecuritylevelscheme')).toBe(1);
  });

  it('are counted per user, version by version, where the project has an issue security scheme', async () => {
    site.jira.dataset.projects.find((p) => p.key === 'SHOP')!.issueSecurityScheme = { id: '10000', name: 'Shop security', levels: [{ id: '10021', name: 'Staff only', description: '' }] };
    const view = await overview();
    for (const release of view.releases) expect(release.counts).toEqual(facts.countsOf(release.id));
    expect(requestsTo('POST /rest/api/3/search/approximate-count')).toBe(3 * view.releases.length);
  });
});
