/**
 * Half-open intervals of instants, `[from, to)` in epoch milliseconds: an interval ending at 12:00
 * and one starting at 12:00 touch but do not overlap. A start at or after the end is refused where
 * intervals are made, never silently treated as empty.
 */
import { type CalendarDate, addDays, parseCalendarDate } from '../calendar/calendar-date';
import { dayInZone, startOfDayIn } from '../calendar/zone';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface Interval {
  from: number;
  to: number;
}

/** Epoch ms of an ISO instant, or NaN when it is not one. */
export function instant(iso: string): number {
  return Date.parse(iso);
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

export function intervalOf(item: { from: string; to: string }): Interval {
  return { from: instant(item.from), to: instant(item.to) };
}

/** True when both share some time; touching ends do not count. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.from < b.to && b.from < a.to;
}

/** True when the instant lies in the interval (its start included, its end not). */
export function containsInstant(interval: Interval, at: number): boolean {
  return interval.from <= at && at < interval.to;
}

/** The overlap of two intervals, undefined when they do not overlap. */
export function intersection(a: Interval, b: Interval): Interval | undefined {
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  return from < to ? { from, to } : undefined;
}

export function duration(interval: Interval): number {
  return interval.to - interval.from;
}

/**
 * A Jira calendar date as the day it names in a zone (the project's release zone):
 * `[its first instant, the next day's first instant)`, 23 or 25 hours long on DST days.
 */
export function dayInterval(date: CalendarDate, timeZone = 'UTC'): Interval {
  return { from: startOfDayIn(date, timeZone), to: startOfDayIn(addDays(date, 1), timeZone) };
}

/** The day of a `yyyy-MM-dd` text in a zone, undefined when it is not a real date. */
export function dayIntervalOf(text: string | undefined, timeZone = 'UTC'): Interval | undefined {
  const date = text ? parseCalendarDate(text) : undefined;
  return date ? dayInterval(date, timeZone) : undefined;
}

/** `2026q4`: the UTC calendar quarter of an instant, used to shard stored plans. */
export function quarterOf(ms: number): string {
  const date = new Date(ms);
  return `${date.getUTCFullYear()}q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** Every quarter from the one holding `from` to the one holding `to` (inclusive), oldest first. */
export function quartersBetween(from: number, to: number): string[] {
  const start = new Date(from);
  const end = new Date(to);
  let year = start.getUTCFullYear();
  let quarter = Math.floor(start.getUTCMonth() / 3);
  const lastYear = end.getUTCFullYear();
  const lastQuarter = Math.floor(end.getUTCMonth() / 3);
  const result: string[] = [];
  while (year < lastYear || (year === lastYear && quarter <= lastQuarter)) {
    result.push(`${year}q${quarter + 1}`);
    quarter++;
    if (quarter === 4) {
      quarter = 0;
      year++;
    }
  }
  return result;
}

/** The day (in the zone) that contains an instant, as an interval. */
export function dayIntervalAt(ms: number, timeZone = 'UTC'): Interval {
  return dayInterval(dayInZone(ms, timeZone), timeZone);
}
