import { renderPortfolioPage } from '../../../src/domain/reports/portfolio-page';
import { renderReleaseStatusPage } from '../../../src/domain/reports/release-status-page';
import { diffSnapshots, snapshotOf } from '../../../src/domain/reports/status-snapshot';
import { aReleaseSummary } from '../../support/builders';
import { storageFormatProblem } from '../../../local/fake-confluence/storage-format';

const view = (key: string, name: string, releases: ReturnType<typeof aReleaseSummary>[]) => ({
  project: { id: '1', key, name },
  generatedAt: '2026-11-24T10:00:00.000Z',
  releases,
  olderReleasedCount: 0,
});

const shop = view('SHOP', 'Web <Shop>', [aReleaseSummary({ id: '10', name: 'SHOP 2.4' }), aReleaseSummary({ id: '11', name: 'SHOP 2.3.1', state: 'overdue', daysToRelease: -4, releaseDate: '2026-11-20' })]);
const pay = view('PAY', 'Payments', [aReleaseSummary({ id: '20', name: 'PAY 3.1', daysToRelease: 5, percentDone: 40 })]);

describe('the portfolio page', () => {
  const page = renderPortfolioPage(
    [
      { snapshot: snapshotOf(shop, '2026-W48', { '10': { baselineDate: '2026-11-30', currentDate: '2026-12-04', slipDays: 4, moves: 1 } }), changes: { releases: [] }, pageTitle: 'Release status: Web <Shop> (SHOP)' },
      { snapshot: snapshotOf(pay, '2026-W48', {}), changes: { since: '2026-11-17T10:00:00.000Z', releases: [{ versionId: '20', versionName: 'PAY 3.1', changes: ['Scope +2 issues (8 → 10).'] }] }, pageTitle: 'Release status: Payments (PAY)' },
    ],
    'https://acme.atlassian.net',
    ['OPS'],
  );

  it('counts the releases by RAG and lists every release in flight, projects in key order', () => {
    expect(page).toContain('<ac:parameter ac:name="title">Overdue</ac:parameter></ac:structured-macro> 1');
    expect(page).toContain('<ac:parameter ac:name="title">At risk</ac:parameter></ac:structured-macro> 1');
    expect(page.indexOf('PAY 3.1')).toBeLessThan(page.indexOf('SHOP 2.4'));
    expect(page).toContain('href="https://acme.atlassian.net/projects/SHOP/versions/10"');
    expect(page).toContain('<td>+4 d</td>');
  });

  it('links each project’s status page, shows the week’s changes and names projects not refreshed', () => {
    expect(page).toContain('<ri:page ri:content-title="Release status: Web &lt;Shop&gt; (SHOP)"/>');
    expect(page).toContain('Scope +2 issues (8 → 10).');
    expect(page).toContain('First report.');
    expect(page).toContain("Not refreshed this week (see the app's settings for why): OPS.");
  });
});

describe('the project status page with the weekly extras', () => {
  it('adds a slip column and the changes since last week', () => {
    const page = renderReleaseStatusPage(shop, '', {
      slips: { '10': { baselineDate: '2026-11-30', currentDate: '2026-12-04', slipDays: 4, moves: 1 } },
      changes: diffSnapshots(snapshotOf(view('SHOP', 'Web Shop', [aReleaseSummary({ id: '10', name: 'SHOP 2.4', releaseDate: '2026-11-30' })]), '2026-W47', {}), snapshotOf(shop, '2026-W48', {})),
    });
    expect(page).toContain('<th>Slip</th>');
    expect(page).toContain('<td>+4 days</td>');
    expect(page).toContain('<td>no history yet</td>');
    expect(page).toContain('What changed since 2026-11-24');
    expect(page).toContain('Release date moved from 2026-11-30 to 2026-12-04 (4 days later).');
  });

  it.each([
    ['UTC', 'What changed since 2026-11-23'],
    ['Pacific/Auckland', 'What changed since 2026-11-24'],
    ['America/Los_Angeles', 'What changed since 2026-11-23'],
  ])('dates the baseline taken at 23 Nov 12:00 UTC in the project zone %s: %s', (timeZone, heading) => {
    expect(renderReleaseStatusPage(shop, '', { changes: { since: '2026-11-23T12:00:00.000Z', releases: [] }, timeZone })).toContain(heading);
  });

  it('says so on a first report', () => {
    expect(renderReleaseStatusPage(shop, '', { changes: { releases: [] } })).toContain('This is the first weekly report');
  });

  it('shows columns for other modules’ facts only when some release has them', () => {
    expect(renderReleaseStatusPage(shop, '', { facts: {} })).not.toContain('Readiness');
    const page = renderReleaseStatusPage(shop, '', {
      facts: { '10': { readiness: { ready: 30, atRisk: 2, notReady: 8 }, risks: ['PSP contract <unsigned>'], upcoming: ['UAT-1 1–5 Dec', 'Freeze 20 Dec'] } },
    });
    expect(page).toContain('<th>Readiness</th>');
    expect(page).toContain('<td>30 ready, 2 at risk, 8 not ready</td>');
    expect(page).toContain('<th>Open risks</th>');
    expect(page).toContain('<th>Environments and freezes</th>');
    expect(page).not.toContain('<th>Go/No-Go</th>');
    expect(page).toContain('PSP contract &lt;unsigned&gt;');
    expect(page).toContain('UAT-1 1–5 Dec<br/>Freeze 20 Dec');
  });
});

describe('the portfolio page as Confluence parses it', () => {
  it('is storage format Confluence accepts even when Jira names hold characters XML forbids', () => {
    const bell = view('OPS', 'Ops\u0007 & <Infra> ]]>', [aReleaseSummary({ id: '30', name: 'OPS 1.0\u001b' })]);
    const hostile = renderPortfolioPage([{ snapshot: snapshotOf(bell, '2026-W48', {}), changes: { releases: [] }, pageTitle: 'Release status: Ops\u0007 (OPS)' }], 'https://acme.atlassian.net', []);
    expect(storageFormatProblem(hostile)).toBeUndefined();
  });
});
