/**
 * Jira stores version dates as calendar dates (yyyy-MM-dd) without a time zone. Comparing them
 * with "now" through Date objects in the server's local zone shifts them by a day around
 * midnight, so they are handled as day numbers, and "today" is taken in a named time zone.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type CalendarDate = string & { readonly __calendarDate: unique symbol };

export function parseCalendarDate(text: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  // A day or month out of range moves the month when Date.UTC rolls it over; a year before 100
  // comes back as 19xx.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1) return undefined;
  return text as CalendarDate;
}

export function dayNumber(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function fromDayNumber(day: number): CalendarDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10) as CalendarDate;
}

/** The calendar date of an instant in a time zone (IANA name), e.g. the site's zone. */
export function calendarDateIn(now: Date, timeZone: string): CalendarDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const { year, month, day } = Object.fromEntries(parts.map((p) => [p.type, p.value])) as Record<'year' | 'month' | 'day', string>;
  return `${year}-${month}-${day}` as CalendarDate;
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}
