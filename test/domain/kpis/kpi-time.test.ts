import type { CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { dayOf, endOfDay, mondayOf, parseInstant, startOfDay } from '../../../src/domain/kpis/time';

const day = (text: string) => text as CalendarDate;

describe('the calendar day of a deployment in the report’s time zone', () => {
  // Each row: an instant (UTC), a zone, the day it is on there (tzdata 2025).
  it.each([
    ['2026-03-02T09:00:00Z', 'UTC', '2026-03-02'],
    ['2026-03-02T23:59:59.999Z', 'UTC', '2026-03-02'],
    ['2026-02-28T23:30:00Z', 'Europe/Berlin', '2026-03-01'],
    ['2026-02-28T22:59:59.999Z', 'Europe/Berlin', '2026-02-28'],
    // Summer time (+2 h): a deployment at 22:30 UTC is after midnight in Berlin.
    ['2026-07-01T21:59:59.999Z', 'Europe/Berlin', '2026-07-01'],
    ['2026-07-01T22:00:00Z', 'Europe/Berlin', '2026-07-02'],
    // The night summer time starts: 01:00 UTC is 03:00 in Berlin; the next midnight is at 22:00 UTC.
    ['2026-03-29T00:59:00Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-03-29T22:30:00Z', 'Europe/Berlin', '2026-03-30'],
    ['2026-11-24T04:30:00Z', 'America/New_York', '2026-11-23'],
    ['2026-12-04T11:00:00Z', 'Pacific/Auckland', '2026-12-05'],
    ['2026-05-31T18:30:00Z', 'Asia/Kolkata', '2026-06-01'],
    ['2026-05-31T18:29:59Z', 'Asia/Kolkata', '2026-05-31'],
    ['1969-12-31T23:30:00Z', 'UTC', '1969-12-31'],
  ])('%s in %s is on %s', (instant, zone, expected) => {
    expect(dayOf(Date.parse(instant), zone)).toBe(expected);
  });
});

describe('the edges of a day in the report’s time zone', () => {
  // A version released on a day counts at the end of that day: the last millisecond before the next one starts.
  it.each([
    ['2026-03-10', 'UTC', '2026-03-10T00:00:00.000Z', '2026-03-10T23:59:59.999Z'],
    ['2026-11-24', 'Europe/Berlin', '2026-11-23T23:00:00.000Z', '2026-11-24T22:59:59.999Z'],
    // 23 hours long: summer time starts.
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z', '2026-03-29T21:59:59.999Z'],
    // 25 hours long: summer time ends.
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00.000Z', '2026-10-25T22:59:59.999Z'],
  ])('%s in %s runs from %s to %s', (date, zone, start, end) => {
    expect([new Date(startOfDay(day(date), zone)).toISOString(), new Date(endOfDay(day(date), zone)).toISOString()]).toEqual([start, end]);
  });
});

describe('the Monday a week of the trend starts on', () => {
  it.each([
    ['2026-11-23', '2026-11-23'], // a Monday is its own week's start
    ['2026-11-25', '2026-11-23'],
    ['2026-11-29', '2026-11-23'], // Sunday closes the ISO week
    ['2027-01-01', '2026-12-28'], // across a new year
    ['1970-01-01', '1969-12-29'],
    ['1969-12-28', '1969-12-22'], // a Sunday before 1970: day numbers are negative
  ])('the week of %s starts on Monday %s', (date, monday) => {
    expect(mondayOf(day(date))).toBe(monday);
  });
});

describe('reading Jira’s instants', () => {
  it.each([
    ['2026-03-01T10:00:00.000+0000', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T11:00:00.000+0100', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000Z'],
  ])('reads %s as %s', (text, instant) => {
    expect(new Date(parseInstant(text)!).toISOString()).toBe(instant);
  });

  it.each([[null], [undefined], [''], ['not a date'], ['2026-13-45T10:00:00Z']])('reads no instant from %p', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});
