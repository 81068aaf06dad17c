/**
 * The portfolio release status page, whole: what a release manager reads across projects, compared
 * with the exact storage format Confluence stores.
 */
import { type PortfolioProject, renderPortfolioPage } from '../../../src/domain/reports/portfolio-page';
import type { SnapshotRelease, StatusSnapshot } from '../../../src/domain/reports/status-snapshot';
import { aSnapshotRelease as aRelease, lozenge } from './report-builders';

const JIRA = 'https://acme.atlassian.net';

const pageLink = (title: string, text: string) =>
  `<ac:link><ri:page ri:content-title="${title}"/><ac:plain-text-link-body><![CDATA[${text}]]></ac:plain-text-link-body></ac:link>`;
const HEAD = '<tr><th>Project</th><th>Version</th><th>Status</th><th>Release</th><th>Slip</th><th>Done</th><th>Since last week</th></tr>';
const INTRO = (projects: string) => `<p>Every unreleased version of ${projects}, refreshed weekly by the Release readiness app from the project status pages.</p>`;

function aProject(key: string, name: string, releases: SnapshotRelease[], changes: PortfolioProject['changes'] = { releases: [] }): PortfolioProject {
  const snapshot: StatusSnapshot = { projectKey: key, projectName: name, week: '2026-W48', takenAt: '2026-11-24T10:00:00.000Z', releases, releasedIds: [] };
  return { snapshot, changes, pageTitle: `Release status: ${name} (${key})` };
}

describe('the portfolio release status page, whole', () => {
  it('with no project says there is nothing in flight', () => {
    expect(renderPortfolioPage([], JIRA)).toBe(`${INTRO('0 projects')}<p>No releases in flight.</p><h2>Releases in flight</h2><p>No unreleased versions.</p>`);
  });

  it('lists one project’s release with its status, date, slip, progress and the week’s change', () => {
    const shop = aProject('SHOP', 'Web Shop', [aRelease({ slipDays: 0 })], { since: '2026-11-17T10:00:00.000Z', releases: [{ versionId: '10', versionName: '2.4', changes: ['Scope +2 issues (8 → 10).', 'Status At risk → On track.'] }] });
    expect(renderPortfolioPage([shop], JIRA)).toBe(
      INTRO('1 project') +
        `<p>${lozenge('Green', 'On track')} 1</p>` +
        '<h2>Releases in flight</h2>' +
        `<table><tbody>${HEAD}<tr>` +
        `<td>${pageLink('Release status: Web Shop (SHOP)', 'Web Shop (SHOP)')}</td>` +
        `<td><a href="${JIRA}/projects/SHOP/versions/10">2.4</a></td>` +
        `<td>${lozenge('Green', 'On track')}</td>` +
        '<td>2026-12-04 (in 10 days)</td>' +
        '<td>not moved</td>' +
        '<td>50% (5/10)</td>' +
        '<td>Scope +2 issues (8 → 10). Status At risk → On track.</td>' +
        '</tr></tbody></table>',
    );
  });

  it('counts every status in the vocabulary’s order, projects in key order, and names the projects not refreshed', () => {
    const shop = aProject('SHOP', 'Web Shop', [
      aRelease({ id: '11', name: '2.3.1', rag: { colour: 'Red', label: 'Overdue' }, releaseDate: '2026-11-20', daysToRelease: -4, slipDays: 4 }),
      aRelease({ id: '12', name: '2.5', rag: { colour: 'Grey', label: 'No date' }, releaseDate: undefined, daysToRelease: null }),
    ]);
    const pay = aProject('PAY', 'Payments', [
      // A snapshot stored before the one vocabulary said "AT RISK": it counts with "At risk".
      aRelease({ id: '20', name: '3.1', rag: { colour: 'Yellow', label: 'AT RISK' }, daysToRelease: 1, releaseDate: '2026-11-25', slipDays: -2 }),
      aRelease({ id: '21', name: '3.2', rag: { colour: 'Yellow', label: 'At risk' }, daysToRelease: 0, releaseDate: '2026-11-24' }),
      aRelease({ id: '22', name: '3.3', rag: { colour: 'Purple', label: 'Planned' }, daysToRelease: null, releaseDate: '2027-01-15' }),
      aRelease({ id: '23', name: '3.0', rag: { colour: 'Red', label: 'Overdue' }, daysToRelease: -1, releaseDate: '2026-11-23' }),
    ]);
    const row = (project: string, id: string, name: string, status: string, release: string, slip: string) =>
      `<tr><td>${project}</td><td><a href="${JIRA}/projects/${id.startsWith('1') ? 'SHOP' : 'PAY'}/versions/${id}">${name}</a></td><td>${status}</td><td>${release}</td><td>${slip}</td><td>50% (5/10)</td><td>First report.</td></tr>`;
    const payLink = pageLink('Release status: Payments (PAY)', 'Payments (PAY)');
    const shopLink = pageLink('Release status: Web Shop (SHOP)', 'Web Shop (SHOP)');
    expect(renderPortfolioPage([shop, pay], JIRA, ['OPS', 'R&D'])).toBe(
      INTRO('2 projects') +
        `<p>${lozenge('Red', 'Overdue')} 2 ${lozenge('Yellow', 'At risk')} 2 ${lozenge('Purple', 'Planned')} 1 ${lozenge('Grey', 'No date')} 1</p>` +
        `<ac:structured-macro ac:name="note"><ac:rich-text-body><p>Not refreshed this week (see the app's settings for why): OPS, R&amp;D.</p></ac:rich-text-body></ac:structured-macro>` +
        '<h2>Releases in flight</h2>' +
        `<table><tbody>${HEAD}` +
        row(payLink, '20', '3.1', lozenge('Yellow', 'AT RISK'), '2026-11-25 (in 1 day)', '-2 d') +
        row(payLink, '21', '3.2', lozenge('Yellow', 'At risk'), '2026-11-24 (today)', '–') +
        row(payLink, '22', '3.3', lozenge('Purple', 'Planned'), '2027-01-15', '–') +
        row(payLink, '23', '3.0', lozenge('Red', 'Overdue'), '2026-11-23 (1 day late)', '–') +
        row(shopLink, '11', '2.3.1', lozenge('Red', 'Overdue'), '2026-11-20 (4 days late)', '+4 d') +
        row(shopLink, '12', '2.5', lozenge('Grey', 'No date'), 'no release date', '–') +
        '</tbody></table>',
    );
  });

  it('says "No change." for a release that did not change, the changes of one that did, and lists the releases that left the list', () => {
    const shop = aProject('SHOP', 'Web <Shop>', [aRelease(), aRelease({ id: '11', name: '2.5' })], {
      since: '2026-11-17T10:00:00.000Z',
      releases: [
        { versionId: '11', versionName: '2.5', changes: ['Renamed from 2.5-rc.'] },
        { versionId: '9', versionName: '2.3 <final>', changes: ['Released.', 'Renamed from 2.3-rc.'] },
        { versionId: '8', versionName: '2.2', changes: ['No longer in flight (released long ago, archived or deleted).'] },
      ],
    });
    expect(renderPortfolioPage([shop], JIRA)).toBe(
      INTRO('1 project') +
        `<p>${lozenge('Green', 'On track')} 2</p>` +
        '<h2>Releases in flight</h2>' +
        `<table><tbody>${HEAD}<tr>` +
        `<td>${pageLink('Release status: Web &lt;Shop&gt; (SHOP)', 'Web <Shop> (SHOP)')}</td>` +
        `<td><a href="${JIRA}/projects/SHOP/versions/10">2.4</a></td>` +
        `<td>${lozenge('Green', 'On track')}</td>` +
        '<td>2026-12-04 (in 10 days)</td><td>–</td><td>50% (5/10)</td><td>No change.</td>' +
        '</tr><tr>' +
        `<td>${pageLink('Release status: Web &lt;Shop&gt; (SHOP)', 'Web <Shop> (SHOP)')}</td>` +
        `<td><a href="${JIRA}/projects/SHOP/versions/11">2.5</a></td>` +
        `<td>${lozenge('Green', 'On track')}</td>` +
        '<td>2026-12-04 (in 10 days)</td><td>–</td><td>50% (5/10)</td><td>Renamed from 2.5-rc.</td>' +
        '</tr></tbody></table>' +
        '<h2>Left the list since last week</h2>' +
        '<ul><li><p>2.3 &lt;final&gt; (SHOP): Released. Renamed from 2.3-rc.</p></li><li><p>2.2 (SHOP): No longer in flight (released long ago, archived or deleted).</p></li></ul>',
    );
  });

  it('keeps a project name that closes CDATA inside the link text', () => {
    const page = renderPortfolioPage([aProject('OPS', 'Ops ]]> Infra', [aRelease()])], JIRA);
    expect(page).toContain('<ac:plain-text-link-body><![CDATA[Ops ]] > Infra (OPS)]]></ac:plain-text-link-body>');
  });
});
