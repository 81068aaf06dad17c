import type { ProjectReadinessView, ReleaseCalendarView, ResolverResult } from '../../src/contract';
import { job } from '../../src/app/jobs-catalog';
import { reconcileReleaseReadiness } from '../../src/app/readiness/release-readiness';
import { dispatchResolver } from '../../src/app/resolvers';
import { type PortfolioOutcome, runWeeklyReports } from '../../src/app/weekly-reports';
import { PORTFOLIO_PAGE_TITLE } from '../../src/domain/reports/portfolio-page';
import { keys } from '../../src/store/keys';
import { DEMO_NOW, type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';

const WEEK = 7 * 86_400_000;
let site: DemoSite;
let now: Date;

beforeEach(async () => {
  now = DEMO_NOW;
  site = await startDemoSite({ clock: { now: () => now } });
  await site.store.set(keys.reportSettings(), { spaceKey: 'REL' });
});
afterEach(() => site.close());

async function weeklyRun() {
  await runWeeklyReports(site.deps);
  await site.queue.drain();
}

const page = (title: string) => site.confluence.pages().find((p) => p.status === 'current' && p.title === title);
const statusPage = (key: string) => page(`Release status: ${demoFacts(site.jira.dataset).project(key).name} (${key})`)!;

describe('the weekly status with slip, changes and the portfolio', () => {
  it('publishes a portfolio page over every project once the last project is done', async () => {
    await weeklyRun();
    const portfolio = page(PORTFOLIO_PAGE_TITLE);
    expect(portfolio).toBeDefined();
    const unreleased = site.jira.dataset.versions.filter((v) => !v.released && !v.archived);
    for (const version of unreleased) expect(portfolio!.body).toContain(`>${version.name}</a>`);
    for (const project of site.jira.dataset.projects) expect(portfolio!.body).toContain(`ri:content-title="Release status: ${project.name} (${project.key})"`);
    expect(await site.store.get<PortfolioOutcome>(keys.portfolioOutcome())).toMatchObject({ ok: true, action: 'created', projects: site.jira.dataset.projects.length });
    expect(statusPage('SHOP').body).toContain('This is the first weekly report');
    expect(statusPage('SHOP').body).toContain('<th>Slip</th>');
  });

  it('lists the go-lives planned in the next 14 days from the runbooks, in the project’s zone', async () => {
    const shop = demoFacts(site.jira.dataset).project('SHOP');
    const version = site.jira.dataset.versions.find((v) => !v.released && !v.archived && String(v.projectId) === shop.id)!;
    const goLiveStart = new Date(DEMO_NOW.getTime() + 3 * 86_400_000).toISOString();
    const context = { accountId: DEMO_ACCOUNT.releaseManager, moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: shop.id, key: 'SHOP' } } };
    expect(await dispatchResolver(site.deps, 'createRunbook', { versionId: String(version.id), from: { type: 'template' }, goLiveStart }, context)).toMatchObject({ ok: true });
    await weeklyRun();
    const section = statusPage('SHOP').body.split('<h2>Go-lives in the next 14 days</h2>')[1]?.split('<h2>')[0] ?? '';
    expect(section).toContain(`>${version.name}</a>`);
    expect(section).toContain('Not started');
  });

  it('leaves every page alone when the week runs twice', async () => {
    await weeklyRun();
    const versions = site.confluence.pages().map((p) => [p.title, p.version.number]);
    await weeklyRun();
    expect(site.confluence.pages().map((p) => [p.title, p.version.number])).toEqual(versions);
    expect(await site.store.get(keys.reportOutcome('SHOP'))).toMatchObject({ ok: true, action: 'unchanged' });
  });

  it('next week says what changed and how far a moved release slipped', async () => {
    await weeklyRun();
    const shop = demoFacts(site.jira.dataset).project('SHOP');
    const moved = site.jira.dataset.versions.find((v) => v.projectId === shop.id && !v.released && v.releaseDate && v.startDate)!;
    const before = moved.releaseDate!;
    const later = new Date(Date.parse(`${before}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
    moved.releaseDate = later;
    now = new Date(DEMO_NOW.getTime() + WEEK);

    await weeklyRun();
    const body = statusPage('SHOP').body;
    expect(body).toContain(`What changed since ${DEMO_NOW.toISOString().slice(0, 10)}`);
    expect(body).toContain(`Release date moved from ${before} to ${later} (14 days later).`);
    expect(body).toContain('+14 days');
    const portfolio = page(PORTFOLIO_PAGE_TITLE)!.body;
    expect(portfolio).toContain(`Release date moved from ${before} to ${later} (14 days later).`);
    expect(portfolio).toContain('+14 d');
  });

  it('names a project that could not be refreshed on the portfolio, and still publishes it', async () => {
    const keysOfRun = [...site.jira.dataset.projects.map((p) => p.key), 'GONE'];
    await site.store.transact([{ kind: 'put', key: keys.reportRun(), expectRev: 0, value: { week: '2026-W48', projectKeys: keysOfRun, finished: {} } }]);
    await site.queue.push(keysOfRun.map((projectKey) => job('publish-project-status', { projectKey })));
    await site.queue.drain();
    expect(await site.store.get(keys.reportOutcome('GONE'))).toMatchObject({ ok: false });
    const portfolio = page(PORTFOLIO_PAGE_TITLE);
    expect(portfolio?.body).toContain('Not refreshed this week');
    expect(portfolio?.body).toContain('GONE');
    expect(portfolio?.body).toContain('SHOP 2.4');
  });
});

describe('one status vocabulary', () => {
  it('gives each release the same health word on the calendar as on the Confluence status and portfolio pages', async () => {
    const facts = demoFacts(site.jira.dataset);
    const shop = facts.project('SHOP');
    const unreleased = site.jira.dataset.versions.filter((v) => v.projectId === shop.id && !v.released && !v.archived);
    for (const version of unreleased) await reconcileReleaseReadiness(site.deps, shop.id, version.id);
    const context = { accountId: facts.admin.accountId, moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: shop.id, key: 'SHOP', type: 'software' } } };
    const answer = (await dispatchResolver(site.deps, 'getReleaseCalendar', { from: '2026-10-01', to: '2027-03-31' }, context)) as ResolverResult<ReleaseCalendarView>;
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    const withHealth = answer.data.versions.filter((v) => v.projectKey === 'SHOP' && v.health);
    expect(withHealth.length).toBeGreaterThan(0);
    const readiness = (await dispatchResolver(site.deps, 'getReleaseReadiness', {}, context)) as ResolverResult<ProjectReadinessView>;
    if (!readiness.ok) throw new Error(JSON.stringify(readiness.error));
    for (const version of withHealth) expect(readiness.data.releases.find((r) => r.release.id === version.id)?.health?.word).toBe(version.health!.word);

    await weeklyRun();
    const status = statusPage('SHOP').body;
    const portfolio = page(PORTFOLIO_PAGE_TITLE)!.body;
    for (const version of withHealth) {
      const cell = `<ac:parameter ac:name="title">${version.health!.word}</ac:parameter>`;
      const rowOf = (body: string) => body.slice(body.indexOf(`>${version.name}</a>`)).split('</tr>')[0]!;
      expect(rowOf(status)).toContain(cell);
      expect(rowOf(portfolio)).toContain(cell);
    }
  });
});
