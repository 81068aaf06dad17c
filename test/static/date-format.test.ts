import { formatDateTime, formatDateTimeYear, formatDay, formatDayMonth, formatInstant, formatMonth, formatTime, toDayKey, viewerTimeTitle } from '../../static/releases/src/date-format';

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

// Instants are shown in the project's zone whatever the viewer's browser is in (docs/time.md).
// Each row is an instant where the project's day differs from the UTC day or the viewer's.
describe('date-format, instants in the project zone', () => {
  it.each([
    // instant (UTC)            project zone            viewer zone            date and time          time alone
    ['2026-12-05T10:30:00Z', 'Pacific/Auckland', 'Pacific/Auckland', '5 Dec, 23:30', '23:30'],
    ['2026-12-05T11:30:00Z', 'Pacific/Auckland', 'Europe/Berlin', '6 Dec, 00:30 GMT+13', '00:30 GMT+13'],
    ['2026-12-06T01:00:00Z', 'America/Los_Angeles', 'Europe/Berlin', '5 Dec, 17:00 PST', '17:00 PST'],
    ['2026-12-06T08:00:00Z', 'America/Los_Angeles', 'America/Los_Angeles', '6 Dec, 00:00', '00:00'],
    ['2026-12-05T22:30:00Z', 'Europe/Berlin', 'America/Los_Angeles', '5 Dec, 23:30 CET', '23:30 CET'],
    ['2026-12-05T23:30:00Z', 'UTC', 'Pacific/Auckland', '5 Dec, 23:30 UTC', '23:30 UTC'],
    ['2026-12-05T23:30:00Z', 'UTC', 'Etc/UTC', '5 Dec, 23:30', '23:30'],
    // Berlin's summer time starts at 02:00 on 29 March 2026: an hour apart, two zone names.
    ['2026-03-29T00:30:00Z', 'Europe/Berlin', 'UTC', '29 Mar, 01:30 CET', '01:30 CET'],
    ['2026-03-29T01:30:00Z', 'Europe/Berlin', 'UTC', '29 Mar, 03:30 CEST', '03:30 CEST'],
    // Los Angeles falls back on 1 November 2026: 01:30 happens twice, PDT then PST.
    ['2026-11-01T08:30:00Z', 'America/Los_Angeles', 'UTC', '1 Nov, 01:30 PDT', '01:30 PDT'],
    ['2026-11-01T09:30:00Z', 'America/Los_Angeles', 'UTC', '1 Nov, 01:30 PST', '01:30 PST'],
  ])('shows %s in %s, to a viewer in %s, as "%s"', (iso, zone, viewer, dateTime, time) => {
    expect(formatDateTime(iso, zone, viewer)).toBe(dateTime);
    expect(formatDateTime(new Date(iso), zone, viewer)).toBe(dateTime);
    expect(formatTime(iso, zone, viewer)).toBe(time);
  });

  // Berlin, Auckland and Los Angeles rows are the Go-live page model's (test/static/golive-model.test.ts).
  it('names the weekday in the zone', () => {
    expect(formatInstant('2026-12-05T22:00:00.000Z', 'UTC')).toBe('Sat 5 Dec, 22:00');
  });

  it.each([
    ['2026-11-24T09:05:00.000Z', 'UTC', '24 Nov 2026, 09:05 UTC'],
    ['2026-12-31T11:30:00.000Z', 'Pacific/Auckland', '1 Jan 2027, 00:30 GMT+13'],
    ['2027-01-01T07:30:00.000Z', 'America/Los_Angeles', '31 Dec 2026, 23:30 PST'],
  ])('writes the record time %s in %s with its zone, whoever reads it: %s', (iso, zone, text) => {
    expect(formatDateTimeYear(iso, zone)).toBe(text);
  });

  it('gives the viewer their own time in a tooltip only when their zone differs', () => {
    expect(viewerTimeTitle('2026-12-05T22:30:00Z', 'Europe/Berlin', 'America/Los_Angeles')).toBe('Your time: 5 Dec, 14:30 PST');
    expect(viewerTimeTitle('2026-12-05T22:30:00Z', 'Europe/Berlin', 'Europe/Berlin')).toBeUndefined();
  });

  it('shows nothing for a missing or broken instant', () => {
    expect(formatDateTime('', 'Europe/Berlin', 'UTC')).toBe('');
    expect(formatTime(new Date(Number.NaN), 'Europe/Berlin', 'UTC')).toBe('');
    expect(formatInstant('soon', 'UTC')).toBe('');
  });
});
