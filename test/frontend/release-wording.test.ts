import { daysWording, formatReleaseDate, plural } from '../../src/frontend/release-wording';

describe('daysWording', () => {
  it.each<[number | null, boolean, string | null]>([
    [5, false, '5 days left'],
    [1, false, '1 day left'],
    [0, false, 'Due today'],
    [-1, false, '1 day late'],
    [-12, false, '12 days late'],
    [null, false, null],
    [-30, true, null],
    [3, true, null],
    [Number.NaN, false, null],
  ])('%p days, released=%p → %p', (days, released, expected) => {
    expect(daysWording(days, released)).toBe(expected);
  });
});

describe('formatReleaseDate', () => {
  it.each<[string | undefined, string]>([
    ['2026-12-01', '1 Dec 2026'],
    ['2027-01-31', '31 Jan 2027'],
    ['2026-06-15T00:00:00Z', '15 Jun 2026'],
    [undefined, 'No release date'],
    ['', 'No release date'],
    ['soon', 'soon'],
    ['2026-13-01', '2026-13-01'],
  ])('%p → %p', (input, expected) => {
    expect(formatReleaseDate(input)).toBe(expected);
  });
});

describe('plural', () => {
  it.each<[number, string]>([
    [0, '0 days'],
    [1, '1 day'],
    [2, '2 days'],
  ])('plural(%p)', (n, text) => expect(plural(n, 'day')).toBe(text));
});
