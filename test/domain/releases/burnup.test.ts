import type { CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { type BurnupIssue, computeBurnup } from '../../../src/domain/releases/burnup';

/**
 * SHOP 2.4, a team in Auckland (NZDT, UTC+13): planned 23 Nov to 1 Dec 2026, still unreleased on
 * 5 Dec. Figures below were counted by hand from this history, day by day in Auckland.
 */
const V = '10024';
const NEXT = '10025';
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+13:00`) / 60_000;
const planned = at('2026-11-10 09:00');

function issue(key: string, fixVersions: BurnupIssue['fixVersions'], resolutions: BurnupIssue['resolutions'] = []): BurnupIssue {
  return { key, fixVersions, resolutions };
}

const history: BurnupIssue[] = [
  issue('SHOP-1', [{ versionId: V, from: planned, to: null }], [{ from: at('2026-11-25 10:00'), to: null }]),
  issue('SHOP-2', [{ versionId: V, from: planned, to: null }], [{ from: at('2026-11-27 16:00'), to: null }]),
  // Resolved on the 26th, reopened on the 30th: done for four days, then not.
  issue('SHOP-3', [{ versionId: V, from: planned, to: null }], [{ from: at('2026-11-26 11:00'), to: at('2026-11-30 09:15') }]),
  // Moved to the next version on the 28th.
  issue('SHOP-4', [{ versionId: V, from: planned, to: at('2026-11-28 14:00') }, { versionId: NEXT, from: at('2026-11-28 14:00'), to: null }]),
  // Added late (the 29th), resolved on 3 Dec.
  issue('SHOP-5', [{ versionId: V, from: at('2026-11-29 09:00'), to: null }], [{ from: at('2026-12-03 12:00'), to: null }]),
  // Added at 00:30 on 2 Dec in Auckland: still 1 Dec in UTC.
  issue('SHOP-6', [{ versionId: V, from: at('2026-12-02 00:30'), to: null }]),
  issue('SHOP-7', [{ versionId: V, from: planned, to: null }]),
  // Added on the 24th, resolved at 23:30 on 4 Dec (10:30 UTC).
  issue('SHOP-8', [{ versionId: V, from: at('2026-11-24 08:00'), to: null }], [{ from: at('2026-12-04 23:30'), to: null }]),
  // Never in the version: not counted.
  issue('SHOP-9', [{ versionId: NEXT, from: planned, to: null }], [{ from: at('2026-11-25 10:00'), to: null }]),
];

const base = {
  versionId: V,
  startDate: '2026-11-23' as CalendarDate,
  releaseDate: '2026-12-01' as CalendarDate,
  released: false,
  issues: history,
  now: new Date('2026-12-05T00:00:00Z'), // 13:00 on 5 Dec in Auckland
  timeZone: 'Pacific/Auckland',
};

describe('release burn-up', () => {
  it('counts scope and done at the end of each Auckland day: late additions, a removal and a reopened issue', () => {
    const burnup = computeBurnup(base);
    expect(burnup.today).toBe('2026-12-05');
    expect(burnup.points.map((p) => [p.date.slice(5), p.scope, p.done])).toEqual([
      ['11-23', 5, 0],
      ['11-24', 6, 0],
      ['11-25', 6, 1],
      ['11-26', 6, 2],
      ['11-27', 6, 3],
      ['11-28', 5, 3],
      ['11-29', 6, 3],
      ['11-30', 6, 2],
      ['12-01', 6, 2],
      ['12-02', 7, 2],
      ['12-03', 7, 3],
      ['12-04', 7, 4],
      ['12-05', 7, 4],
    ]);
    expect({ added: burnup.added, removed: burnup.removed, reopened: burnup.reopened }).toEqual({ added: 3, removed: 1, reopened: 1 });
  });

  it('counts days in UTC when that is the project zone: the issue added after midnight in Auckland joins a day earlier', () => {
    const burnup = computeBurnup({ ...base, timeZone: 'UTC' });
    expect(burnup.points.find((p) => p.date === '2026-12-01')?.scope).toBe(7);
  });

  it.each([
    {
      name: 'late release: 4 done in 12 days, 3 left, lands 9 days after today, after the release date',
      input: base,
      expected: { reason: 'projected', paceDays: 12, doneInPace: 4, remaining: 3, reachesScopeOn: '2026-12-14', afterReleaseDate: true },
    },
    {
      name: 'the pace reads only the last 14 days of a long history',
      input: { ...base, startDate: '2026-11-01' as CalendarDate, releaseDate: '2026-12-31' as CalendarDate },
      // Base day 21 Nov: 0 done; 4 done since, 3 left: 3 × 14 / 4 = 10.5, so 11 days.
      expected: { reason: 'projected', paceDays: 14, doneInPace: 4, remaining: 3, reachesScopeOn: '2026-12-16', afterReleaseDate: false },
    },
    {
      name: 'no progress in the window: no projection',
      input: { ...base, issues: history.map((i) => ({ ...i, resolutions: [] })) },
      expected: { reason: 'no-progress', paceDays: 12, doneInPace: 0, remaining: 7, reachesScopeOn: null, afterReleaseDate: null },
    },
    {
      name: 'everything done: complete',
      input: { ...base, issues: history.map((i) => ({ ...i, resolutions: [{ from: planned, to: null }] })) },
      expected: { reason: 'complete', paceDays: 12, doneInPace: 2, remaining: 0, reachesScopeOn: null, afterReleaseDate: null },
    },
    {
      name: 'a released version is not projected',
      input: { ...base, released: true },
      expected: { reason: 'released', paceDays: 8, doneInPace: 2, remaining: 4, reachesScopeOn: null, afterReleaseDate: null },
    },
  ])('projection: $name', ({ input, expected }) => {
    expect(computeBurnup(input).projection).toEqual(expected);
  });

  it('a released version stops on its release day; without a start date it starts on the day the first issue joined', () => {
    const released = computeBurnup({ ...base, released: true });
    expect(released.points[released.points.length - 1]).toEqual({ date: '2026-12-01', scope: 6, done: 2 });
    const { startDate: _omitted, ...noStart } = base;
    const fromFirstIssue = computeBurnup(noStart);
    expect(fromFirstIssue.points[0]).toEqual({ date: '2026-11-10', scope: 5, done: 0 });
  });
});

describe('release burn-up: where the line starts and ends (UTC project)', () => {
  const utc = (instant: string) => Date.parse(`${instant}Z`) / 60_000;
  const day = (date: string) => date as CalendarDate;
  const open = (key: string, from: string): BurnupIssue => issue(key, [{ versionId: V, from: utc(from), to: null }]);
  const plain = { versionId: V, released: false, issues: [] as BurnupIssue[], now: new Date('2026-12-05T12:00:00Z'), timeZone: 'UTC' };

  it('an issue added at midnight counts on the day that midnight begins, not the day before', () => {
    const burnup = computeBurnup({ ...plain, startDate: day('2026-12-01'), issues: [open('SHOP-1', '2026-11-01T00:00'), open('SHOP-2', '2026-12-03T00:00')] });
    expect(burnup.points.map((p) => p.scope)).toEqual([1, 1, 2, 2, 2]);
  });

  it('without a start date, starts on the day an issue joined this version, whatever other versions it was in before', () => {
    const moved = issue('SHOP-1', [
      { versionId: NEXT, from: utc('2026-11-20T09:00'), to: utc('2026-12-02T09:00') },
      { versionId: V, from: utc('2026-12-02T09:00'), to: null },
    ]);
    expect(computeBurnup({ ...plain, issues: [moved] }).points[0]?.date).toBe('2026-12-02');
  });

  it('a version that starts later is drawn as today alone, with too little history to project', () => {
    const burnup = computeBurnup({ ...plain, startDate: day('2026-12-10'), issues: [open('SHOP-1', '2026-11-01T00:00')] });
    expect(burnup.points).toEqual([{ date: '2026-12-05', scope: 1, done: 0 }]);
    expect(burnup.projection.reason).toBe('too-little-history');
  });

  it('a version released ahead of its planned date runs to today, not to the planned date', () => {
    const burnup = computeBurnup({ ...plain, startDate: day('2026-12-01'), releaseDate: day('2026-12-20'), released: true, issues: [open('SHOP-1', '2026-11-01T00:00')] });
    expect(burnup.points.at(-1)?.date).toBe('2026-12-05');
    expect(burnup.releaseDate).toBe('2026-12-20');
  });

  it.each([
    ['200 days', '2026-05-19', 180, '2026-06-09'],
    ['exactly 180 days', '2026-06-08', 180, '2026-06-09'],
    ['179 days', '2026-06-09', 180, '2026-06-09'],
  ])('a history of %s before today is drawn over at most 180 days', (_case, startDate, length, firstDrawn) => {
    const burnup = computeBurnup({ ...plain, startDate: day(startDate), issues: [open('SHOP-1', '2026-01-01T00:00')] });
    expect([burnup.points.length, burnup.points[0]?.date]).toEqual([length, firstDrawn]);
  });

  it('a version with no issues has no scope to project', () => {
    const burnup = computeBurnup({ ...plain, startDate: day('2026-12-01') });
    expect(burnup.projection.reason).toBe('no-scope');
    expect(burnup.points.at(-1)).toEqual({ date: '2026-12-05', scope: 0, done: 0 });
  });

  it('a released version counts no scope change after its release day', () => {
    const lateMove = issue('SHOP-1', [{ versionId: V, from: utc('2026-11-01T00:00'), to: utc('2026-12-03T09:00') }]);
    const burnup = computeBurnup({ ...plain, startDate: day('2026-11-28'), releaseDate: day('2026-12-01'), released: true, issues: [lateMove, open('SHOP-2', '2026-12-04T09:00')] });
    expect({ added: burnup.added, removed: burnup.removed }).toEqual({ added: 0, removed: 0 });
  });

  it('does not count as reopened an issue reopened before the first day drawn', () => {
    const reopenedEarly = issue('SHOP-1', [{ versionId: V, from: utc('2026-11-01T00:00'), to: null }], [{ from: utc('2026-11-10T09:00'), to: utc('2026-11-12T09:00') }]);
    expect(computeBurnup({ ...plain, startDate: day('2026-12-01'), issues: [reopenedEarly] }).reopened).toBe(0);
  });

  it.each([
    ['on the release date is not after it', '2026-12-13', false],
    ['a day after the release date is after it', '2026-12-12', true],
  ])('a projection landing %s', (_case, releaseDate, after) => {
    // 1 done in the 4 days since 1 Dec, 2 left: 2 × 4 / 1 = 8 days after 5 Dec, the 13th.
    const issues = [
      issue('SHOP-1', [{ versionId: V, from: utc('2026-11-01T00:00'), to: null }], [{ from: utc('2026-12-03T09:00'), to: null }]),
      open('SHOP-2', '2026-11-01T00:00'),
      open('SHOP-3', '2026-11-01T00:00'),
    ];
    const { projection } = computeBurnup({ ...plain, startDate: day('2026-12-01'), releaseDate: day(releaseDate), issues });
    expect(projection).toMatchObject({ reason: 'projected', reachesScopeOn: '2026-12-13', afterReleaseDate: after });
  });
});
