/**
 * One project's weekly status page, whole: each section compared with the exact storage format
 * Confluence stores, for the cases that change it.
 */
import type { ProjectReleasesView, ReleaseSummary } from '../../../src/contract';
import { releaseStatusPageTitle, renderReleaseStatusPage } from '../../../src/domain/reports/release-status-page';
import { aReleaseSummary } from '../../support/builders';
import { lozenge } from './report-builders';

const JIRA = 'https://acme.atlassian.net';

const version = (id: string, name: string) => `<a href="${JIRA}/projects/SHOP/versions/${id}">${name}</a>`;

const LEGEND =
  `Status: ${lozenge('Red', 'Overdue')} past its date; ${lozenge('Yellow', 'At risk')} due within 7 days with under 80% done or issues not ready; ` +
  `${lozenge('Green', 'On track')} otherwise.`;
const INTRO = `<p>Every unreleased version of <a href="${JIRA}/projects/SHOP">Web &lt;Shop&gt;</a>, refreshed weekly by the Release readiness app. ${LEGEND}</p>`;
const INTRO_WITH_SLIPS = `<p>Every unreleased version of <a href="${JIRA}/projects/SHOP">Web &lt;Shop&gt;</a>, refreshed weekly by the Release readiness app. ${LEGEND} Slip: days the release date moved since the app first recorded it.</p>`;
const HEAD = '<tr><th>Version</th><th>Status</th><th>Start</th><th>Release</th><th>Progress</th><th>Open work</th>';

function aView(releases: ReleaseSummary[]): ProjectReleasesView {
  return { project: { id: '10000', key: 'SHOP', name: 'Web <Shop>' }, generatedAt: '2026-11-24T10:00:00.000Z', releases, olderReleasedCount: 0 };
}

describe('the project status page, whole', () => {
  it('is titled by project', () => {
    expect(releaseStatusPageTitle(aView([]))).toBe('Release status: Web <Shop> (SHOP)');
  });

  it('with no versions says none is in flight and shows no released table', () => {
    expect(renderReleaseStatusPage(aView([]), JIRA)).toBe(`${INTRO}<h2>Releases in flight</h2><p>No unreleased versions.</p>`);
  });

  it('lists a release in flight with its status, dates, progress and open work, and the recently released', () => {
    const page = renderReleaseStatusPage(
      aView([
        aReleaseSummary({ id: '10001', name: '2.4 <Spring>' }),
        aReleaseSummary({ id: '10000', name: '2.3', released: true, state: 'released', releaseDate: '2026-11-01', daysToRelease: -23, counts: { todo: 0, inProgress: 0, done: 12, total: 12 } }),
        aReleaseSummary({ id: '9999', name: '2.2', released: true, state: 'released', releaseDate: undefined, daysToRelease: null, counts: { todo: 0, inProgress: 0, done: 3, total: 3 } }),
      ]),
      JIRA,
    );
    expect(page).toBe(
      INTRO +
        '<h2>Releases in flight</h2>' +
        `<table><tbody>${HEAD}</tr>` +
        `<tr><td>${version('10001', '2.4 &lt;Spring&gt;')}</td><td>${lozenge('Green', 'On track')}</td><td>2026-11-01</td><td>2026-12-04 (in 10 days)</td><td>50% done (5/10)</td><td>2 to do, 3 in progress</td></tr>` +
        '</tbody></table>' +
        '<h2>Recently released</h2>' +
        '<table><tbody><tr><th>Version</th><th>Released on</th><th>Issues</th></tr>' +
        `<tr><td>${version('10000', '2.3')}</td><td>2026-11-01</td><td>12</td></tr>` +
        `<tr><td>${version('9999', '2.2')}</td><td>–</td><td>3</td></tr>` +
        '</tbody></table>',
    );
  });

  it.each([
    ['due in ten days', { daysToRelease: 10 }, '2026-12-04 (in 10 days)'],
    ['due tomorrow', { daysToRelease: 1, percentDone: 90 }, '2026-12-04 (in 1 day)'],
    ['due today', { daysToRelease: 0, percentDone: 90 }, '2026-12-04 (today)'],
    ['a day late', { state: 'overdue' as const, daysToRelease: -1 }, '2026-12-04 (1 day late)'],
    ['three days late', { state: 'overdue' as const, daysToRelease: -3 }, '2026-12-04 (3 days late)'],
    ['a date the app cannot count to', { daysToRelease: null }, '2026-12-04'],
    ['no release date', { state: 'unscheduled' as const, releaseDate: undefined, daysToRelease: null }, 'no release date'],
  ])('dates a release %s as "%s"', (_case, overrides, release) => {
    const row = /<tr><td><a [^>]*>1\.2\.0<\/a><\/td><td>.*?<\/td><td>(.*?)<\/td><td>(.*?)<\/td>/.exec(renderReleaseStatusPage(aView([aReleaseSummary(overrides)]), JIRA));
    expect(row?.slice(1)).toEqual(['2026-11-01', release]);
  });

  it('shows a dash for a release without a start date', () => {
    const page = renderReleaseStatusPage(aView([aReleaseSummary({ startDate: undefined })]), JIRA);
    expect(page).toContain(`<tr><td>${version('10001', '1.2.0')}</td><td>${lozenge('Green', 'On track')}</td><td>–</td><td>2026-12-04 (in 10 days)</td>`);
  });

  it('adds the slip column with the legend, a dash for a release without a date', () => {
    const page = renderReleaseStatusPage(
      aView([aReleaseSummary({ id: '1', name: '2.4' }), aReleaseSummary({ id: '2', name: '2.5', state: 'unscheduled', releaseDate: undefined, daysToRelease: null })]),
      JIRA,
      { slips: { '1': { baselineDate: '2026-11-30', currentDate: '2026-12-04', slipDays: 4, moves: 2 } } },
    );
    expect(page).toBe(
      INTRO_WITH_SLIPS +
        '<h2>Releases in flight</h2>' +
        '<table><tbody><tr><th>Version</th><th>Status</th><th>Start</th><th>Release</th><th>Slip</th><th>Progress</th><th>Open work</th></tr>' +
        `<tr><td>${version('1', '2.4')}</td><td>${lozenge('Green', 'On track')}</td><td>2026-11-01</td><td>2026-12-04 (in 10 days)</td><td>+4 days (moved 2×)</td><td>50% done (5/10)</td><td>2 to do, 3 in progress</td></tr>` +
        `<tr><td>${version('2', '2.5')}</td><td>${lozenge('Grey', 'No date')}</td><td>2026-11-01</td><td>no release date</td><td>–</td><td>50% done (5/10)</td><td>2 to do, 3 in progress</td></tr>` +
        '</tbody></table>',
    );
  });

  it('shows each module’s facts in their own column, a dash for a release without them', () => {
    const page = renderReleaseStatusPage(aView([aReleaseSummary({ id: '1', name: '2.4', daysToRelease: 5, percentDone: 90 }), aReleaseSummary({ id: '2', name: '2.5' })]), JIRA, {
      facts: {
        '1': { readiness: { ready: 17, atRisk: 0, notReady: 3 }, goNoGo: { label: 'GO', colour: 'Green' }, risks: [], upcoming: ['UAT <EU> 1–5 Dec'] },
        '2': { risks: ['PSP contract unsigned', 'Load test & sign-off'] },
      },
    });
    expect(page).toBe(
      INTRO +
        '<h2>Releases in flight</h2>' +
        `<table><tbody>${HEAD}<th>Readiness</th><th>Go/No-Go</th><th>Open risks</th><th>Environments and freezes</th></tr>` +
        `<tr><td>${version('1', '2.4')}</td><td>${lozenge('Yellow', 'At risk')}</td><td>2026-11-01</td><td>2026-12-04 (in 5 days)</td><td>90% done (5/10)</td><td>2 to do, 3 in progress</td>` +
        `<td>17 ready, 3 not ready</td><td>${lozenge('Green', 'GO')}</td><td>–</td><td>UAT &lt;EU&gt; 1–5 Dec</td></tr>` +
        `<tr><td>${version('2', '2.5')}</td><td>${lozenge('Green', 'On track')}</td><td>2026-11-01</td><td>2026-12-04 (in 10 days)</td><td>50% done (5/10)</td><td>2 to do, 3 in progress</td>` +
        '<td>–</td><td>–</td><td>PSP contract unsigned<br/>Load test &amp; sign-off</td><td>–</td></tr>' +
        '</tbody></table>',
    );
  });

  it('leaves out the columns of facts no release has', () => {
    const page = renderReleaseStatusPage(aView([aReleaseSummary()]), JIRA, { facts: { '10001': { goNoGo: { label: 'NO GO', colour: 'Red' } } } });
    expect(page).toContain(`${HEAD}<th>Go/No-Go</th></tr>`);
  });

  it.each([
    ['a first report', { releases: [] }, '<h2>What changed since last week</h2><p>This is the first weekly report: next week lists what changed since this one.</p>'],
    ['a week without changes', { since: '2026-11-17T10:00:00.000Z', releases: [] }, '<h2>What changed since 2026-11-17</h2><p>Nothing changed in the releases in flight.</p>'],
    [
      'a week with changes',
      {
        since: '2026-11-17T10:00:00.000Z',
        releases: [
          { versionId: '10001', versionName: '1.2.0 <rc>', changes: ['Scope +2 issues (8 → 10).', 'Status On track → At risk.'] },
          { versionId: '10000', versionName: '1.1.0', changes: ['Released.'] },
        ],
      },
      '<h2>What changed since 2026-11-17</h2><ul>' +
        `<li><p><strong>${version('10001', '1.2.0 &lt;rc&gt;')}</strong>: Scope +2 issues (8 → 10). Status On track → At risk.</p></li>` +
        `<li><p><strong>${version('10000', '1.1.0')}</strong>: Released.</p></li>` +
        '</ul>',
    ],
  ])('says what changed since last week: %s', (_case, changes, section) => {
    expect(renderReleaseStatusPage(aView([]), JIRA, { changes })).toBe(`${INTRO}<h2>Releases in flight</h2><p>No unreleased versions.</p>${section}`);
  });
});
