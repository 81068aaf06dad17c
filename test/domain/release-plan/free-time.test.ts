import { fits, nearestFreeStart, peakUse } from '../../../src/domain/release-plan/free-time';
import { containsInstant, dayInterval, dayIntervalAt, dayIntervalOf, intersection, overlaps, quarterOf, quartersBetween } from '../../../src/domain/release-plan/intervals';
import { parseCalendarDate } from '../../../src/domain/calendar/calendar-date';

const H = 3_600_000;
const i = (from: number, to: number) => ({ from: from * H, to: to * H });

describe('half-open intervals', () => {
  it.each<[string, [number, number], [number, number], boolean]>([
    ['overlapping', [0, 10], [5, 15], true],
    ['touching at the end', [0, 10], [10, 20], false],
    ['touching at the start', [10, 20], [0, 10], false],
    ['one inside the other', [0, 10], [2, 3], true],
    ['apart', [0, 1], [2, 3], false],
    ['identical', [0, 10], [0, 10], true],
  ])('%s', (_case, a, b, expected) => {
    expect(overlaps(i(...a), i(...b))).toBe(expected);
    expect(overlaps(i(...b), i(...a))).toBe(expected);
    expect(intersection(i(...a), i(...b)) !== undefined).toBe(expected);
  });

  it.each<[string, string, string[]]>([
    ['2026-11-24T10:00:00Z', '2026-11-30T00:00:00Z', ['2026q4']],
    ['2026-12-31T23:59:59Z', '2027-01-01T00:00:00Z', ['2026q4', '2027q1']],
    ['2026-02-01T00:00:00Z', '2026-10-01T00:00:00Z', ['2026q1', '2026q2', '2026q3', '2026q4']],
    ['2026-02-01T00:00:00Z', '2026-05-15T00:00:00Z', ['2026q1', '2026q2']],
  ])('quarters from %s to %s', (from, to, expected) => {
    expect(quartersBetween(Date.parse(from), Date.parse(to))).toEqual(expected);
    expect(quarterOf(Date.parse(from))).toBe(expected[0]);
  });

  it.each<[string, number, boolean]>([
    ['before the start', -1, false],
    ['at the start', 0, true],
    ['inside', 5, true],
    ['at the end', 10, false],
  ])('an instant %s of an interval is in it: %s', (_case, at, expected) => {
    expect(containsInstant(i(0, 10), at * H)).toBe(expected);
  });

  it('takes days in UTC unless told otherwise, 23 hours long on a spring-forward day elsewhere', () => {
    const day = { from: '2026-03-29T00:00:00.000Z', to: '2026-03-30T00:00:00.000Z' };
    const readable = (interval: { from: number; to: number } | undefined) => interval && { from: new Date(interval.from).toISOString(), to: new Date(interval.to).toISOString() };
    expect(readable(dayInterval(parseCalendarDate('2026-03-29')!))).toEqual(day);
    expect(readable(dayIntervalOf('2026-03-29'))).toEqual(day);
    expect(readable(dayIntervalAt(Date.parse('2026-03-29T12:00:00Z')))).toEqual(day);
    expect(readable(dayIntervalOf('2026-03-29', 'Europe/London'))).toEqual({ from: '2026-03-29T00:00:00.000Z', to: '2026-03-29T23:00:00.000Z' });
    expect(dayIntervalOf('2026-02-30')).toBeUndefined();
  });
});

describe('free time on an environment', () => {
  it.each<[string, Array<[number, number]>, [number, number], number]>([
    ['none', [], [0, 10], 0],
    ['one inside', [[2, 4]], [0, 10], 1],
    ['two touching count once at a time', [[2, 4], [4, 6]], [0, 10], 1],
    ['two touching, the later listed first', [[4, 6], [2, 4]], [0, 10], 1],
    ['two overlapping', [[2, 5], [4, 6]], [0, 10], 2],
    ['outside the window', [[12, 14]], [0, 10], 0],
  ])('peak use with %s', (_case, bookings, window, expected) => {
    expect(peakUse(bookings.map((b) => i(...b)), i(...window))).toBe(expected);
  });

  it.each<[string, Array<[number, number]>, Array<[number, number]>, number, number, { min?: number; max?: number }, number | undefined]>([
    ['free where preferred', [[0, 10]], [], 1, 10, {}, 10],
    ['right after the booking', [[0, 10]], [], 1, 5, {}, 10],
    ['after booking and blocked time', [[0, 10]], [[10, 12]], 1, 5, {}, 12],
    ['in a gap that fits exactly', [[0, 10], [15, 20]], [], 1, 5, {}, 10],
    ['past a gap too short', [[0, 10], [12, 20]], [], 1, 5, { min: 0 }, 20],
    ['earlier when later is out of bounds', [[10, 20]], [], 1, 12, { min: 0, max: 22 }, 5],
    ['nowhere inside the bounds', [[0, 20]], [], 1, 5, { min: 0, max: 20 }, undefined],
    ['nothing booked: where preferred', [], [], 1, 10, {}, 10],
    ['nothing booked, preferred before the lower bound: at the bound', [], [], 1, 1, { min: 3 }, 3],
    ['nothing booked, preferred too close to the upper bound: ending at the bound', [], [], 1, 10, { max: 12 }, 7],
    ['the nearest of several later gaps, whatever the order of the bookings', [[20, 30], [0, 10]], [], 1, 5, {}, 10],
    ['the nearest of several earlier gaps, whatever the order of the bookings', [[0, 2], [10, 20]], [], 1, 12, { max: 24 }, 5],
  ])('the nearest start: %s', (_case, bookings, blocked, capacity, preferred, bounds, expected) => {
    const start = nearestFreeStart(5 * H, preferred * H, { bookings: bookings.map((b) => i(...b)), blocked: blocked.map((b) => i(...b)), capacity }, {
      ...(bounds.min !== undefined ? { min: bounds.min * H } : {}),
      ...(bounds.max !== undefined ? { max: bounds.max * H } : {}),
    });
    expect(start === undefined ? undefined : start / H).toBe(expected);
  });

  it('uses spare capacity', () => {
    expect(fits(i(0, 5), { bookings: [i(0, 10)], blocked: [], capacity: 2 })).toBe(true);
    expect(fits(i(0, 5), { bookings: [i(0, 10), i(3, 4)], blocked: [], capacity: 2 })).toBe(false);
  });
});
