/**
 * The weekly snapshot of a project's releases and the sentences that say what changed in a week,
 * one change at a time, and the storage format building blocks.
 */
import type { CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { type SnapshotRelease, type StatusSnapshot, diffSnapshots, snapshotOf, weekStart } from '../../../src/domain/reports/status-snapshot';
import { escapeXml, table } from '../../../src/domain/reports/storage-format';
import { aReleaseSummary } from '../../support/builders';
import { aSnapshotRelease } from './report-builders';

const aRelease = (overrides: Partial<SnapshotRelease> = {}) => aSnapshotRelease({ id: '1', startDate: undefined, ...overrides });

const snapshot = (releases: SnapshotRelease[], takenAt: string, releasedIds: string[] = []): StatusSnapshot => ({
  projectKey: 'SHOP',
  projectName: 'Web Shop',
  week: '2026-W48',
  takenAt,
  releases,
  releasedIds,
});
const LAST_WEEK = '2026-11-17T10:00:00.000Z';
const THIS_WEEK = '2026-11-24T10:00:00.000Z';

describe('what changed in one release since last week', () => {
  it.each([
    ['nothing', {}, {}, undefined],
    ['a rename', {}, { name: '2.4 Spring' }, ['Renamed from 2.4.']],
    ['a date set', { releaseDate: undefined }, {}, ['Release date set to 2026-12-04.']],
    ['a date removed', {}, { releaseDate: undefined }, ['Release date removed (was 2026-12-04).']],
    ['a date moved later by a day', {}, { releaseDate: '2026-12-05' }, ['Release date moved from 2026-12-04 to 2026-12-05 (1 day later).']],
    ['a date moved earlier', {}, { releaseDate: '2026-12-01' }, ['Release date moved from 2026-12-04 to 2026-12-01 (3 days earlier).']],
    ['a date moved earlier by a day', {}, { releaseDate: '2026-12-03' }, ['Release date moved from 2026-12-04 to 2026-12-03 (1 day earlier).']],
    ['a date that is not a calendar day', { releaseDate: 'soon' }, {}, ['Release date moved from soon to 2026-12-04.']],
    ['a status change', {}, { rag: { colour: 'Yellow' as const, label: 'At risk' } }, ['Status On track → At risk.']],
    ['one issue added', {}, { total: 11 }, ['Scope +1 issue (10 → 11).']],
    ['issues removed', {}, { total: 8 }, ['Scope −2 issues (10 → 8).']],
    ['one issue done', {}, { done: 6, percentDone: 60 }, ['1 issue done since (50% → 60% done).']],
    ['issues reopened', {}, { done: 3, percentDone: 30 }, ['2 issues reopened since (50% → 30% done).']],
    [
      'everything at once, most important first',
      {},
      { name: '2.4.0', releaseDate: '2026-12-11', rag: { colour: 'Red' as const, label: 'Overdue' }, total: 12, done: 7, percentDone: 58 },
      ['Renamed from 2.4.', 'Release date moved from 2026-12-04 to 2026-12-11 (7 days later).', 'Status On track → Overdue.', 'Scope +2 issues (10 → 12).', '2 issues done since (50% → 58% done).'],
    ],
  ])('%s', (_case, before: Partial<SnapshotRelease>, after: Partial<SnapshotRelease>, changes) => {
    const diff = diffSnapshots(snapshot([aRelease(before)], LAST_WEEK), snapshot([aRelease(after)], THIS_WEEK));
    expect(diff).toEqual({ since: LAST_WEEK, releases: changes ? [{ versionId: '1', versionName: after.name ?? '2.4', changes }] : [] });
  });

  it.each([
    ['with a date', { releaseDate: '2026-12-04' }, 'New in flight, due 2026-12-04.'],
    ['without a date', { releaseDate: undefined }, 'New in flight, no release date yet.'],
  ])('names a release new in flight %s', (_case, overrides, sentence) => {
    expect(diffSnapshots(snapshot([], LAST_WEEK), snapshot([aRelease(overrides)], THIS_WEEK)).releases).toEqual([{ versionId: '1', versionName: '2.4', changes: [sentence] }]);
  });
});

describe('the weekly snapshot of a project', () => {
  it('keeps what the page showed of each release in flight, and the ids of the released ones', () => {
    const view = {
      project: { id: '10000', key: 'SHOP', name: 'Web Shop' },
      generatedAt: THIS_WEEK,
      releases: [
        aReleaseSummary({ id: '1', name: '2.4', daysToRelease: 5, percentDone: 50 }),
        aReleaseSummary({ id: '2', name: '2.5', startDate: undefined, releaseDate: undefined, daysToRelease: null, state: 'unscheduled' }),
        aReleaseSummary({ id: '0', name: '2.3', released: true, state: 'released', releaseDate: '2026-11-20' }),
      ],
      olderReleasedCount: 4,
    };
    expect(snapshotOf(view, '2026-W48', { '1': { baselineDate: '2026-12-01', currentDate: '2026-12-04', slipDays: 3, moves: 1 } })).toEqual({
      projectKey: 'SHOP',
      projectName: 'Web Shop',
      week: '2026-W48',
      takenAt: THIS_WEEK,
      releases: [
        { id: '1', name: '2.4', state: 'in-progress', startDate: '2026-11-01', releaseDate: '2026-12-04', daysToRelease: 5, rag: { colour: 'Yellow', label: 'At risk' }, percentDone: 50, done: 5, total: 10, slipDays: 3 },
        { id: '2', name: '2.5', state: 'unscheduled', daysToRelease: null, rag: { colour: 'Grey', label: 'No date' }, percentDone: 50, done: 5, total: 10 },
      ],
      releasedIds: ['0'],
    });
  });
});

describe('the Monday of a week', () => {
  it.each([
    ['a Monday', '2026-11-23', '2026-11-23'],
    ['a Tuesday', '2026-11-24', '2026-11-23'],
    ['a Sunday', '2026-11-29', '2026-11-23'],
    ['a Sunday across a year end', '2027-01-03', '2026-12-28'],
    ['a day before 1970', '1969-12-31', '1969-12-29'],
  ])('of %s %s is %s', (_case, day, monday) => {
    expect(weekStart(day as CalendarDate)).toBe(monday);
  });
});

describe('storage format building blocks', () => {
  it('escapes quotes and apostrophes, so user text is safe inside an attribute', () => {
    expect(escapeXml(`Bob's "big" <release> & more`)).toBe('Bob&#39;s &quot;big&quot; &lt;release&gt; &amp; more');
  });

  it('writes a table of headings and already-marked-up cells', () => {
    expect(table(['A & B', 'C'], [['<b>1</b>', '2'], ['3', '4']])).toBe('<table><tbody><tr><th>A &amp; B</th><th>C</th></tr><tr><td><b>1</b></td><td>2</td></tr><tr><td>3</td><td>4</td></tr></tbody></table>');
  });
});
