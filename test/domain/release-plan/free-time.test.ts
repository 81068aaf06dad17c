import { fits, nearestFreeStart, peakUse } from '../../../src/domain/release-plan/free-time';
import { intersection, overlaps, quarterOf, quartersBetween } from '../../../src/domain/release-plan/intervals';

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
  ])('quarters from %s to %s', (from, to, expected) => {
    expect(quartersBetween(Date.parse(from), Date.parse(to))).toEqual(expected);
    expect(quarterOf(Date.parse(from))).toBe(expected[0]);
  });
});

describe('free time on an environment', () => {
  it.each<[string, Array<[number, number]>, [number, number], number]>([
    ['none', [], [0, 10], 0],
    ['one inside', [[2, 4]], [0, 10], 1],
    ['two touching count once at a time', [[2, 4], [4, 6]], [0, 10], 1],
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
