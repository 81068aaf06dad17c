import { type CalendarDate, calendarDateIn } from '../../../src/domain/calendar/calendar-date';
import { dayInZone, endOfDayIn, isTimeZone, startOfDayIn, zoneOffsetMs } from '../../../src/domain/calendar/zone';
import { startOfDay } from '../../../src/domain/kpis/time';

const day = (text: string) => text as CalendarDate;

describe('the offset of a zone at an instant', () => {
  // Intl shows whole seconds: the instant's own seconds and milliseconds must not leak into the offset.
  it.each([
    ['Europe/Berlin', '2026-11-24T08:59:59.999Z', 3_600_000],
    ['Europe/Berlin', '2026-07-01T12:00:30.250Z', 7_200_000],
    ['Europe/Berlin', '1969-12-31T23:59:59.250Z', 3_600_000],
    ['America/New_York', '2026-11-24T08:59:59.001Z', -5 * 3_600_000],
    ['Asia/Kolkata', '2026-06-01T00:00:00.500Z', 5.5 * 3_600_000],
  ])('%s at %s is %i ms', (zone, instant, offset) => {
    expect(zoneOffsetMs(Date.parse(instant), zone)).toBe(offset);
  });
});

describe('the first instant of a day in a time zone', () => {
  // Each row: a zone, a date, and the UTC instant its day starts (checked against tzdata 2025).
  it.each([
    ['UTC', '2026-11-24', '2026-11-24T00:00:00.000Z'],
    ['Europe/Berlin', '2026-11-24', '2026-11-23T23:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00.000Z'], // summer time starts at 02:00, not midnight
    ['Pacific/Auckland', '2026-12-05', '2026-12-04T11:00:00.000Z'],
    ['America/Los_Angeles', '2026-11-01', '2026-11-01T07:00:00.000Z'], // the day that repeats 01:00-02:00
    ['Asia/Kolkata', '2026-06-01', '2026-05-31T18:30:00.000Z'],
    // Chile starts summer time at 24:00 on the first Saturday of September: Sunday starts at 01:00.
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z'],
    // Chile ends summer time at 24:00 on the first Saturday of April: 23:00-24:00 Saturday repeats.
    ['America/Santiago', '2026-04-05', '2026-04-05T04:00:00.000Z'],
    ['America/Santiago', '2026-04-04', '2026-04-04T03:00:00.000Z'],
    // Cuba starts summer time at 00:00 on the second Sunday of March: that day starts at 01:00.
    ['America/Havana', '2026-03-08', '2026-03-08T05:00:00.000Z'],
    // Cuba ends it at 01:00 on the first Sunday of November: 00:00-01:00 repeats, the day starts at the first 00:00.
    ['America/Havana', '2026-11-01', '2026-11-01T04:00:00.000Z'],
  ])('%s %s starts at %s', (zone, date, expected) => {
    expect(new Date(startOfDayIn(day(date), zone)).toISOString()).toBe(expected);
    // The KPI engine reads days through the same rule.
    expect(new Date(startOfDay(day(date), zone)).toISOString()).toBe(expected);
  });

  it.each([
    ['America/Santiago', '2026-09-06'],
    ['America/Santiago', '2026-04-05'],
    ['America/Havana', '2026-03-08'],
    ['America/Havana', '2026-11-01'],
    ['Pacific/Auckland', '2026-09-27'],
    ['Australia/Lord_Howe', '2026-10-04'],
  ])('in %s, %s starts on that day and one millisecond earlier is the day before', (zone, date) => {
    const start = startOfDayIn(day(date), zone);
    expect(dayInZone(start, zone)).toBe(date);
    expect(calendarDateIn(new Date(start), zone)).toBe(date);
    expect(dayInZone(start - 1, zone)).not.toBe(date);
    // Never 23:00 of the day before: the local wall clock at the start is in the day itself.
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(start)));
    expect(hour).toBeLessThan(2);
  });

  it('a day ends one millisecond before the next one starts, whatever its length', () => {
    // 2026-09-06 in Santiago has 23 hours, 2026-04-04 has 25.
    expect(endOfDayIn(day('2026-09-06'), 'America/Santiago') + 1 - startOfDayIn(day('2026-09-06'), 'America/Santiago')).toBe(23 * 3_600_000);
    expect(endOfDayIn(day('2026-04-04'), 'America/Santiago') + 1 - startOfDayIn(day('2026-04-04'), 'America/Santiago')).toBe(25 * 3_600_000);
  });

  it('a day the zone skipped has no length and starts where the next day starts (Samoa, 30 Dec 2011)', () => {
    // Pacific/Apia moved across the date line: 29 December 2011 23:59:59 was followed by 31 December 00:00.
    const skipped = startOfDayIn(day('2011-12-30'), 'Pacific/Apia');
    expect(skipped).toBe(startOfDayIn(day('2011-12-31'), 'Pacific/Apia'));
    expect(new Date(skipped).toISOString()).toBe('2011-12-30T10:00:00.000Z');
    expect(endOfDayIn(day('2011-12-29'), 'Pacific/Apia') + 1).toBe(skipped);
    expect(endOfDayIn(day('2011-12-30'), 'Pacific/Apia') + 1 - skipped).toBe(0);
  });

  it.each([
    ['Europe/Berlin', true],
    ['Pacific/Auckland', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
  ])('knows whether %s is a time zone', (zone, known) => {
    expect(isTimeZone(zone)).toBe(known);
  });
});
