import { formatDay, formatDayMonth, formatMonth, toDayKey } from '../../static/releases/src/date-format';

describe('date-format', () => {
  it('keys local dates as yyyy-MM-dd', () => {
    expect(toDayKey(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(toDayKey(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });

  it('formats for display in English, day first', () => {
    expect(formatDay(new Date(2026, 2, 5))).toBe('5 Mar 2026');
    expect(formatDayMonth(new Date(2026, 2, 5))).toBe('5 Mar');
    expect(formatMonth(new Date(2026, 2, 5))).toBe('March 2026');
  });
});

describe('date-format, months', () => {
  it('abbreviates every month to three letters', () => {
    const shorts = Array.from({ length: 12 }, (_, m) => formatDayMonth(new Date(2026, m, 1)).slice(2));
    expect(shorts).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
  });
});
