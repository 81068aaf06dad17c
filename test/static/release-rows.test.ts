import {
  filterReleases,
  formatJiraDate,
  isSortColumn,
  parseJiraDate,
  progressSegments,
  relativeReleaseText,
  sortReleases,
  stateAppearance,
  versionPath,
} from '../../static/releases/src/release-rows';
import { release } from './fixtures';

describe('stateAppearance', () => {
  it('maps each state to its lozenge', () => {
    expect(stateAppearance('released')).toBe('success');
    expect(stateAppearance('overdue')).toBe('removed');
    expect(stateAppearance('in-progress')).toBe('inprogress');
    expect(stateAppearance('planned')).toBe('new');
    expect(stateAppearance('unscheduled')).toBe('default');
  });
});

describe('parseJiraDate / formatJiraDate', () => {
  it('reads yyyy-MM-dd as a local calendar date', () => {
    const d = parseJiraDate('2026-03-05');
    expect(d && [d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()]).toEqual([2026, 2, 5, 0]);
  });

  it('rejects missing, malformed and impossible dates', () => {
    expect(parseJiraDate(undefined)).toBeUndefined();
    expect(parseJiraDate('')).toBeUndefined();
    expect(parseJiraDate('05/03/2026')).toBeUndefined();
    expect(parseJiraDate('2026-02-30')).toBeUndefined();
    expect(parseJiraDate('2026-13-01')).toBeUndefined();
  });

  it('formats for display, with a dash for no date', () => {
    expect(formatJiraDate('2026-03-05')).toBe('5 Mar 2026');
    expect(formatJiraDate(undefined)).toBe('–');
  });
});

describe('relativeReleaseText', () => {
  it('says how far away or late an unreleased version is', () => {
    expect(relativeReleaseText({ released: false, daysToRelease: 3 })).toBe('in 3 days');
    expect(relativeReleaseText({ released: false, daysToRelease: 1 })).toBe('in 1 day');
    expect(relativeReleaseText({ released: false, daysToRelease: 0 })).toBe('due today');
    expect(relativeReleaseText({ released: false, daysToRelease: -1 })).toBe('1 day late');
    expect(relativeReleaseText({ released: false, daysToRelease: -12 })).toBe('12 days late');
  });

  it('says nothing for released versions or without a date', () => {
    expect(relativeReleaseText({ released: true, daysToRelease: -4 })).toBeUndefined();
    expect(relativeReleaseText({ released: false, daysToRelease: null })).toBeUndefined();
  });
});

describe('progressSegments', () => {
  it('splits the bar by status category', () => {
    const seg = progressSegments({ todo: 1, inProgress: 1, done: 2, total: 4 });
    expect(seg.widths).toEqual({ todo: 25, inProgress: 25, done: 50 });
  });

  it('is empty without issues', () => {
    expect(progressSegments({ todo: 0, inProgress: 0, done: 0, total: 0 }).widths).toEqual({ todo: 0, inProgress: 0, done: 0 });
  });
});

const sample = [
  release({ id: '1', name: 'v1.10', state: 'released', released: true, releaseDate: '2026-01-10', percentDone: 100, counts: { todo: 0, inProgress: 0, done: 8, total: 8 } }),
  release({ id: '2', name: 'v1.9', state: 'overdue', releaseDate: '2026-02-01', description: 'Payments hotfix', percentDone: 40, counts: { todo: 3, inProgress: 0, done: 2, total: 5 } }),
  release({ id: '3', name: 'v2.0', state: 'in-progress', startDate: '2026-02-01', releaseDate: '2026-04-01', percentDone: 10, counts: { todo: 9, inProgress: 9, done: 2, total: 20 } }),
  release({ id: '4', name: 'Backlog', state: 'unscheduled' }),
  release({ id: '5', name: 'v2.1', state: 'planned', releaseDate: '2026-05-01' }),
];

describe('filterReleases', () => {
  it('matches name or description, case-insensitively', () => {
    expect(filterReleases(sample, { text: 'V1' }).map((r) => r.id)).toEqual(['1', '2']);
    expect(filterReleases(sample, { text: '  payments ' }).map((r) => r.id)).toEqual(['2']);
  });

  it('filters by state and text together', () => {
    expect(filterReleases(sample, { text: 'v', state: 'planned' }).map((r) => r.id)).toEqual(['5']);
    expect(filterReleases(sample, { text: '', state: 'overdue' }).map((r) => r.id)).toEqual(['2']);
  });

  it('keeps everything with an empty filter', () => {
    expect(filterReleases(sample, { text: '' })).toHaveLength(5);
  });
});

describe('sortReleases', () => {
  const ids = (rs: { id: string }[]) => rs.map((r) => r.id);

  it('sorts names naturally (1.9 before 1.10)', () => {
    expect(ids(sortReleases(sample, 'name', 'ASC'))).toEqual(['4', '2', '1', '3', '5']);
  });

  it('puts versions without a date last in ascending order', () => {
    expect(ids(sortReleases(sample, 'release', 'ASC'))).toEqual(['1', '2', '3', '5', '4']);
    expect(ids(sortReleases(sample, 'start', 'ASC'))[0]).toBe('3');
  });

  it('orders states by urgency: overdue, in progress, planned, unscheduled, released', () => {
    expect(ids(sortReleases(sample, 'state', 'ASC'))).toEqual(['2', '3', '5', '4', '1']);
  });

  it('sorts progress and issue counts numerically, ties by release date', () => {
    expect(ids(sortReleases(sample, 'progress', 'ASC'))).toEqual(['5', '4', '3', '2', '1']);
    expect(ids(sortReleases(sample, 'issues', 'DESC'))).toEqual(['3', '1', '2', '4', '5']);
  });

  it('DESC is the exact reverse of ASC and the input is not modified', () => {
    const before = ids(sample);
    for (const column of ['name', 'state', 'start', 'release', 'progress', 'issues'] as const) {
      expect(ids(sortReleases(sample, column, 'DESC'))).toEqual(ids(sortReleases(sample, column, 'ASC')).reverse());
    }
    expect(ids(sample)).toEqual(before);
  });
});

describe('isSortColumn / versionPath', () => {
  it('recognises the table columns only', () => {
    expect(isSortColumn('release')).toBe(true);
    expect(isSortColumn('owner')).toBe(false);
    expect(isSortColumn(undefined)).toBe(false);
  });

  it('builds the relative Jira URL of a version', () => {
    expect(versionPath('SHOP', '10042')).toBe('/projects/SHOP/versions/10042');
  });
});
