import { formatDay, formatInstant, formatLength, formatSpan, listOf, plural } from '../../../src/domain/release-plan/wording';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('how the release plan words lengths, lists and days', () => {
  it.each<[string, number, string]>([
    ['a 20-minute smoke test counts as an hour', 20 * 60_000, '1 hour'],
    ['an hour', HOUR, '1 hour'],
    ['a 4-hour production window', 4 * HOUR, '4 hours'],
    ['just under a day', DAY - 1, '24 hours'],
    ['exactly a day', DAY, '1 day'],
    ['a day and a half rounds to two', 1.5 * DAY, '2 days'],
    ['a week of NFT', 7 * DAY, '7 days'],
  ])('%s: %s', (_case, ms, expected) => {
    expect(formatLength(ms)).toBe(expected);
  });

  it.each<[string[], string]>([
    [[], ''],
    [['SHOP 2.4'], 'SHOP 2.4'],
    [['SHOP 2.4', 'PAY 3.1'], 'SHOP 2.4 and PAY 3.1'],
    [['SHOP 2.4', 'PAY 3.1', 'OPS 1.0'], 'SHOP 2.4, PAY 3.1 and OPS 1.0'],
  ])('lists %j as %j', (names, expected) => {
    expect(listOf(names)).toBe(expected);
  });

  it.each<[number, string]>([
    [0, '0 releases'],
    [1, '1 release'],
    [2, '2 releases'],
  ])('counts %i as %j', (count, expected) => {
    expect(plural(count, 'release')).toBe(expected);
  });

  it('names the day and time in the viewer’s zone, which the span names', () => {
    const at = Date.parse('2026-12-11T12:00:00Z');
    // Noon UTC on Friday is already Saturday in Kiritimati (UTC+14), and 01:00 on Saturday in Auckland (UTC+13 in summer).
    expect(formatDay(at)).toBe('Fri, 11 Dec 2026');
    expect(formatDay(at, 'Pacific/Kiritimati')).toBe('Sat, 12 Dec 2026');
    expect(formatInstant(at, 'Pacific/Auckland')).toBe('Sat, 12 Dec 2026, 01:00');
    expect(formatSpan(at, at + 2 * HOUR, 'UTC')).toBe('Fri, 11 Dec 2026, 12:00 – Fri, 11 Dec 2026, 14:00 (UTC)');
  });
});
