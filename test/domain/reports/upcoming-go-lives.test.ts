import { renderReleaseStatusPage } from '../../../src/domain/reports/release-status-page';
import { type StatusGoLive, renderUpcomingGoLives, upcomingGoLives } from '../../../src/domain/reports/upcoming-go-lives';
import { escapeXml } from '../../../src/domain/reports/storage-format';
import { lozenge } from './report-builders';
import { aReleaseSummary } from '../../support/builders';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const goLive = (versionName: string, start: string, plannedEnd: string, run: StatusGoLive['run'] = 'not-started'): StatusGoLive => ({ versionId: versionName.replace(/\D/g, ''), versionName, start, plannedEnd, run });

describe('the go-lives the weekly status lists', () => {
  it.each([
    ['planned tomorrow night', goLive('2.4', '2026-11-25T22:00:00Z', '2026-11-26T01:00:00Z'), true],
    ['planned 13 days ahead', goLive('2.5', '2026-12-07T09:00:00Z', '2026-12-07T11:00:00Z'), true],
    ['planned 14 days ahead or later', goLive('2.6', '2026-12-08T10:00:00Z', '2026-12-08T12:00:00Z'), false],
    ['under way now, within its plan', goLive('2.3', '2026-11-24T09:00:00Z', '2026-11-24T11:00:00Z', 'running'), true],
    ['under way past its planned end', goLive('2.3', '2026-11-24T06:00:00Z', '2026-11-24T08:00:00Z', 'rolling-back'), true],
    ['run and completed early, before its planned end', goLive('2.3', '2026-11-24T09:00:00Z', '2026-11-24T11:00:00Z', 'completed'), false],
    ['rolled back', goLive('2.3', '2026-11-24T09:00:00Z', '2026-11-24T11:00:00Z', 'rolled-back'), false],
    ['planned last week and never run', goLive('2.2', '2026-11-17T22:00:00Z', '2026-11-18T01:00:00Z'), false],
  ])('%s: listed %s', (_case, g, listed) => {
    expect(upcomingGoLives([g], NOW)).toEqual(listed ? [g] : []);
  });

  it('lists the soonest first', () => {
    const later = goLive('2.5', '2026-12-01T22:00:00Z', '2026-12-02T01:00:00Z');
    const sooner = goLive('2.4', '2026-11-25T22:00:00Z', '2026-11-26T01:00:00Z');
    expect(upcomingGoLives([later, sooner], NOW).map((g) => g.versionName)).toEqual(['2.4', '2.5']);
  });
});

describe('the weekly status page’s go-lives', () => {
  const view = { project: { id: '10000', key: 'SHOP', name: 'Shop' }, generatedAt: '2026-11-24T10:00:00.000Z', releases: [aReleaseSummary()], olderReleasedCount: 0 };

  it('shows each go-live’s start and planned end in the project’s zone, and its run in the status vocabulary', () => {
    const page = renderReleaseStatusPage(view, 'https://acme.atlassian.net', {
      goLives: { items: [goLive('SHOP 2.4 <beta>', '2026-11-25T22:00:00Z', '2026-11-26T01:30:00Z')], timeZone: 'Pacific/Auckland' },
    });
    const section = page.slice(page.indexOf('<h2>Go-lives in the next 14 days</h2>'));
    expect(section).toContain('Starts (Pacific/Auckland)');
    // 22:00 UTC on the 25th is 11:00 on the 26th in Auckland (summer time, +13).
    expect(section).toContain('Thu, 26 Nov 2026, 11:00');
    expect(section).toContain('Thu, 26 Nov 2026, 14:30');
    expect(section).toContain('SHOP 2.4 &lt;beta&gt;</a>');
    expect(section).toContain('<ac:parameter ac:name="title">Not started</ac:parameter>');
  });

  it('says when none is planned, and leaves the section out when the caller has no runbooks to read', () => {
    expect(renderReleaseStatusPage(view, '', { goLives: { items: [], timeZone: 'UTC' } })).toContain('No go-live is planned in the next 14 days.');
    expect(renderReleaseStatusPage(view, '')).not.toContain('Go-lives');
  });
});

describe('the go-lives section, whole', () => {
  const link = (r: { id: string; name: string }) => `<a href="v/${r.id}">${escapeXml(r.name)}</a>`;

  it('is a table of each go-live in the project’s zone with its run’s status', () => {
    const items = [goLive('2.4', '2026-11-25T22:00:00Z', '2026-11-26T01:30:00Z'), goLive('2.3', '2026-11-24T09:00:00Z', '2026-11-24T11:00:00Z', 'running')];
    expect(renderUpcomingGoLives(items, 'Europe/Berlin', link)).toEqual([
      '<h2>Go-lives in the next 14 days</h2>',
      '<table><tbody><tr><th>Release</th><th>Starts (Europe/Berlin)</th><th>Planned end</th><th>Run</th></tr>' +
        `<tr><td><a href="v/24">2.4</a></td><td>Wed, 25 Nov 2026, 23:00</td><td>Thu, 26 Nov 2026, 02:30</td><td>${lozenge('Purple', 'Not started')}</td></tr>` +
        `<tr><td><a href="v/23">2.3</a></td><td>Tue, 24 Nov 2026, 10:00</td><td>Tue, 24 Nov 2026, 12:00</td><td>${lozenge('Blue', 'Running')}</td></tr>` +
        '</tbody></table>',
    ]);
  });

  it('says when none is planned', () => {
    expect(renderUpcomingGoLives([], 'UTC', link)).toEqual(['<h2>Go-lives in the next 14 days</h2>', '<p>No go-live is planned in the next 14 days.</p>']);
  });

  it.each([
    ['running past its planned end', goLive('2.3', '2026-11-24T06:00:00Z', '2026-11-24T08:00:00Z', 'running'), true],
    ['not started, planned to end just now', goLive('2.3', '2026-11-24T08:00:00Z', '2026-11-24T10:00:00Z'), false],
  ])('a go-live %s: listed %s', (_case, g, listed) => {
    expect(upcomingGoLives([g], NOW)).toEqual(listed ? [g] : []);
  });

  it('lists go-lives starting together by release name', () => {
    const b = goLive('SHOP 2.5', '2026-11-25T22:00:00Z', '2026-11-26T01:00:00Z');
    const a = goLive('PAY 3.1', '2026-11-25T22:00:00Z', '2026-11-26T01:00:00Z');
    expect(upcomingGoLives([b, a], NOW).map((g) => g.versionName)).toEqual(['PAY 3.1', 'SHOP 2.5']);
  });
});
