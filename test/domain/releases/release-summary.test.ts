import { parseCalendarDate, type CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { releaseState, selectVersionsToShow, sortReleases, summarizeRelease } from '../../../src/domain/releases/release-summary';
import { aVersion } from '../../support/builders';

const today = parseCalendarDate('2026-11-24') as CalendarDate;

describe('where a release stands today', () => {
  it.each([
    ['released, even when its date is past', { released: true, releaseDate: '2026-10-01' }, 'released'],
    ['past its release date and not released', { releaseDate: '2026-11-23' }, 'overdue'],
    ['due today', { releaseDate: '2026-11-24' }, 'in-progress'],
    ['started and due later', { startDate: '2026-11-01', releaseDate: '2026-12-04' }, 'in-progress'],
    ['starting today', { startDate: '2026-11-24', releaseDate: '2026-12-20' }, 'in-progress'],
    ['starting tomorrow', { startDate: '2026-11-25', releaseDate: '2026-12-20' }, 'planned'],
    ['with a date but no start', { releaseDate: '2027-01-10' }, 'in-progress'],
    ['with no dates at all', {}, 'unscheduled'],
  ])('a version %s is %s', (_case, overrides, state) => {
    expect(releaseState(aVersion(overrides), today)).toBe(state);
  });

  it('counts days to the release date as whole calendar days', () => {
    expect(summarizeRelease(aVersion({ releaseDate: '2026-12-04' }), { todo: 1, inProgress: 0, done: 2, total: 3 }, today)).toMatchObject({
      daysToRelease: 10,
      percentDone: 66,
    });
    expect(summarizeRelease(aVersion({ releaseDate: '2026-11-20' }), { todo: 0, inProgress: 0, done: 0, total: 0 }, today)).toMatchObject({
      daysToRelease: -4,
      percentDone: 0,
      state: 'overdue',
    });
  });
});

describe('the summary of a release', () => {
  const counts = { todo: 1, inProgress: 0, done: 1, total: 2 };

  it('carries the description and dates Jira has for the version', () => {
    const version = aVersion({ description: 'Checkout rework', startDate: '2026-11-01', releaseDate: '2026-12-04' });
    expect(summarizeRelease(version, counts, today)).toEqual({
      id: '10001',
      name: '1.2.0',
      released: false,
      state: 'in-progress',
      daysToRelease: 10,
      counts,
      percentDone: 50,
      description: 'Checkout rework',
      startDate: '2026-11-01',
      releaseDate: '2026-12-04',
    });
  });

  it('leaves out what Jira has not got, rather than showing it empty', () => {
    const summary = summarizeRelease(aVersion({ description: '', startDate: '', releaseDate: '' }), counts, today);
    expect(summary).toEqual({ id: '10001', name: '1.2.0', released: false, state: 'unscheduled', daysToRelease: null, counts, percentDone: 50 });
  });
});

describe('which versions the overview shows', () => {
  const versions = [
    aVersion({ id: '1', name: '1.0', released: true, releaseDate: '2026-06-01' }),
    aVersion({ id: '2', name: '1.1', released: true, releaseDate: '2026-10-15' }),
    aVersion({ id: '3', name: '1.2', releaseDate: '2026-12-04' }),
    aVersion({ id: '4', name: '1.3', releaseDate: '2026-11-20' }),
    aVersion({ id: '5', name: 'Later' }),
    aVersion({ id: '6', name: 'Old', archived: true, releaseDate: '2026-12-01' }),
  ];

  it('leaves out archived versions and released ones older than 90 days, and says how many', () => {
    const { shown, olderReleasedCount } = selectVersionsToShow(versions, today);
    expect(shown.map((v) => v.name)).toEqual(['1.3', '1.2', 'Later', '1.1']);
    expect(olderReleasedCount).toBe(1);
  });

  it('shows older released versions on request', () => {
    const { shown, olderReleasedCount } = selectVersionsToShow(versions, today, { includeOlderReleased: true });
    expect(shown.map((v) => v.name)).toEqual(['1.3', '1.2', 'Later', '1.1', '1.0']);
    expect(olderReleasedCount).toBe(0);
  });

  it('still shows a version released exactly 90 days ago', () => {
    const { shown, olderReleasedCount } = selectVersionsToShow([aVersion({ released: true, releaseDate: '2026-08-26' })], today);
    expect([shown.length, olderReleasedCount]).toEqual([1, 0]);
    expect(selectVersionsToShow([aVersion({ released: true, releaseDate: '2026-08-25' })], today).olderReleasedCount).toBe(1);
  });

  it('orders versions due the same day by name, numbers by their value (1.9 before 1.10)', () => {
    const sameDay = ['1.10', 'Beta', '1.9'].map((name) => aVersion({ id: name, name, releaseDate: '2026-12-04' }));
    expect(sortReleases(sameDay).map((v) => v.name)).toEqual(['1.9', '1.10', 'Beta']);
  });

  it('orders unreleased by date, undated after them, then released newest first', () => {
    expect(sortReleases(versions.slice(0, 5)).map((v) => v.id)).toEqual(['4', '3', '5', '2', '1']);
  });
});
