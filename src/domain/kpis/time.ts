/**
 * Instants and calendar days in a named time zone, for KPI windows. Jira's instants are UTC; a
 * "day" (deployment days, release days, week buckets) is a calendar day in the report's zone.
 * Only Intl is used (no I/O), so this stays a pure domain module.
 */
import { type CalendarDate, addDays, dayNumber } from '../calendar/calendar-date';
import { isTimeZone, startOfDayIn, zoneOffsetMs } from '../calendar/zone';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export { isTimeZone, zoneOffsetMs };

// Converting many instants to days is the hot path of the engine (tens of thousands per report), so
// the zone's offset is cached per UTC quarter hour. That is exact: zones switch at whole local
// hours and every offset is a multiple of 15 minutes, so a switch falls on a quarter-hour boundary.
const QUARTER_HOUR_MS = 15 * MINUTE_MS;
const offsetCache = new Map<string, Map<number, number>>();

function cachedOffset(ms: number, timeZone: string): number {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a fast path only; Intl gives UTC the same offset, 0
  if (timeZone === 'UTC') return 0;
  let byHour = offsetCache.get(timeZone);
  // Stryker disable next-line ConditionalExpression: a cache; a fresh map for every call computes the same offsets
  if (!byHour) {
    byHour = new Map();
    offsetCache.set(timeZone, byHour);
  }
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  let offset = byHour.get(quarter);
  // Stryker disable next-line ConditionalExpression: a cache; computing the offset again gives the same one
  if (offset === undefined) {
    offset = zoneOffsetMs(quarter * QUARTER_HOUR_MS, timeZone);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: bounds the cache's memory; clearing it sooner or later changes no offset
    if (byHour.size > 200_000) byHour.clear();
    byHour.set(quarter, offset);
  }
  return offset;
}

/** The calendar day (in the zone) that an instant falls on. */
export function dayOf(ms: number, timeZone: string): CalendarDate {
  const local = ms + cachedOffset(ms, timeZone);
  return new Date(Math.floor(local / DAY_MS) * DAY_MS).toISOString().slice(0, 10) as CalendarDate;
}

/** The instant a calendar day starts in the zone (00:00 local, or the first instant after a skipped midnight). */
export function startOfDay(date: CalendarDate, timeZone: string): number {
  return startOfDayIn(date, timeZone);
}

/** The instant a calendar day ends in the zone: the next day's start minus 1 ms. */
export function endOfDay(date: CalendarDate, timeZone: string): number {
  return startOfDay(addDays(date, 1), timeZone) - 1;
}

/** Monday of the week a calendar day belongs to (ISO weeks). */
export function mondayOf(date: CalendarDate): CalendarDate {
  const n = dayNumber(date);
  // 1970-01-01 was a Thursday: (n + 3) % 7 is 0 on Mondays.
  const weekday = (((n + 3) % 7) + 7) % 7;
  return addDays(date, -weekday);
}

/** Jira writes `2026-03-01T10:00:00.000+0000`; Date.parse reads it, and ISO strings too. */
export function parseInstant(text: string | null | undefined): number | undefined {
  // No text reads as NaN too (String(null) is "null"), so it needs no case of its own.
  const ms = Date.parse(String(text));
  return Number.isNaN(ms) ? undefined : ms;
}
