/**
 * Calendar days in a named time zone (IANA), with Intl only so this stays pure. A project's
 * "today", its release days and freeze windows are days in the project's release zone; Jira's
 * instants are UTC.
 */
import { type CalendarDate, addDays, dayNumber } from './calendar-date';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return formatters.get(timeZone) ?? newFormatter(timeZone);
}

function newFormatter(timeZone: string): Intl.DateTimeFormat {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  formatters.set(timeZone, formatter);
  return formatter;
}

/** True for an IANA zone name the runtime knows (e.g. `Europe/Berlin`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  // Stryker disable next-line StringLiteral: a short cut; Intl gives UTC (or any name) its own offset, 0 for UTC
  if (timeZone === 'UTC') return 0;
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  // The formatter asks for every one of these parts, so each is there.
  const { year, month, day, hour, minute, second } = Object.fromEntries(parts.map((p) => [p.type, Number(p.value)])) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const wholeSeconds = ms - (((ms % 1000) + 1000) % 1000);
  return asUtc - wholeSeconds;
}

/** The calendar day (in the zone) an instant falls on. */
export function dayInZone(ms: number, timeZone: string): CalendarDate {
  const local = ms + zoneOffsetMs(ms, timeZone);
  return new Date(Math.floor(local / DAY_MS) * DAY_MS).toISOString().slice(0, 10) as CalendarDate;
}

/**
 * The first instant of a calendar day in the zone. Usually local 00:00; where the zone skips
 * midnight (America/Santiago and America/Havana start summer time at 00:00) the day starts at the
 * first instant that exists, 01:00, never at 23:00 of the day before.
 */
export function startOfDayIn(date: CalendarDate, timeZone: string): number {
  const midnightUtc = dayNumber(date) * DAY_MS;
  // Stryker disable next-line StringLiteral: a short cut; the general path gives UTC midnight too
  if (timeZone === 'UTC') return midnightUtc;
  // Local midnight is UTC midnight minus the offset in force then; the offsets around that day
  // are the candidates (before and after a change). Keep those that really fall on `date` and
  // take the earliest: the first of two midnights when a day repeats its first hour.
  const offsets = new Set<number>();
  // Stryker disable next-line ArithmeticOperator: other probes only change which candidates are tried; a kept one is checked below, else the halving answers
  for (const probe of [midnightUtc - 14 * HOUR_MS, midnightUtc, midnightUtc + 14 * HOUR_MS]) offsets.add(zoneOffsetMs(probe, timeZone));
  let best: number | undefined;
  // Stryker disable next-line BlockStatement: without candidates the halving below finds the same first instant
  for (const offset of offsets) {
    const candidate = midnightUtc - offset;
    if (dayInZone(candidate, timeZone) !== date) continue;
    // Stryker disable next-line ArithmeticOperator: candidate + 1 is on the day whenever candidate is (candidates are never a day's last millisecond), so every candidate is dropped and the halving answers
    if (dayInZone(candidate - 1, timeZone) === date) continue;
    if (best === undefined || candidate < best) best = candidate;
  }
  if (best !== undefined) return best;
  // No candidate is the day's first instant: midnight falls in a skipped hour. The day starts
  // where the change happens, found by halving between the last instant of the day before and
  // the first candidate inside the day. "At or after the day" rather than "on the day": a zone
  // can skip a whole day (Samoa went from 29 to 31 December 2011), which then starts, and ends,
  // where the next day starts, instead of searching forever for an instant that is on it.
  const reached = (instant: number) => dayInZone(instant, timeZone) >= date;
  // Stryker disable next-line ArithmeticOperator,MethodExpression: only a first guess: the loops below move low back and high on until they bracket the start
  let low = midnightUtc - Math.max(...offsets) - 1;
  // Stryker disable next-line ArithmeticOperator,MethodExpression: as for low
  let high = midnightUtc - Math.min(...offsets) + 2 * HOUR_MS;
  while (reached(low)) low -= HOUR_MS;
  while (!reached(high)) high += HOUR_MS;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (reached(mid)) high = mid;
    else low = mid;
  }
  return high;
}

/** The last instant (ms) of a calendar day in the zone: the next day's start minus 1 ms. */
export function endOfDayIn(date: CalendarDate, timeZone: string): number {
  return startOfDayIn(addDays(date, 1), timeZone) - 1;
}
