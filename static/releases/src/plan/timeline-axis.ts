/**
 * The horizontal axis of the quarter and environment timelines, in the project's days: one
 * column per day of the project's release zone, whatever the browser's zone (docs/time.md, rule 7).
 * Day ticks sit at the project's midnight (a day's first instant), a release date (a calendar date,
 * no time) spans its project day, and an instant sits at its project day's index plus the fraction
 * of that day gone by, so a 23- or 25-hour day changes only its own column, never later ones.
 * Pure: tested in test/static/timeline-axis.test.ts.
 */
import { type CalendarDate, addDays, dayNumber, daysBetween, parseCalendarDate } from '../../../../src/domain/calendar/calendar-date';
import { startOfDayIn } from '../../../../src/domain/calendar/zone';
import { toDayKey } from '../date-format';
import { endOfQuarter, startOfQuarter } from './plan-model';

export interface DayAxis {
  /** First project day shown. */
  first: CalendarDate;
  /** Number of days shown (columns). */
  days: number;
  /** starts[i]: the first instant of project day `first + i`; starts[days] ends the axis. */
  starts: readonly number[];
  /** First and end instant of the axis (`[from, to)`), for filtering what is in range. */
  from: number;
  to: number;
  timeZone: string;
}

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The axis over the project days `first` to `last`, inclusive, in the project's zone. */
export function dayAxis(first: CalendarDate, last: CalendarDate, timeZone: string): DayAxis {
  const days = Math.max(1, daysBetween(first, last) + 1);
  const starts = Array.from({ length: days + 1 }, (_, i) => startOfDayIn(addDays(first, i), timeZone));
  return { first, days, starts, from: starts[0] as number, to: starts[days] as number, timeZone };
}

/** The axis over the quarter of `focus` (a local-midnight Date standing for a project day). */
export function quarterAxis(focus: Date, timeZone: string): DayAxis {
  return dayAxis(toDayKey(startOfQuarter(focus)) as CalendarDate, toDayKey(endOfQuarter(focus)) as CalendarDate, timeZone);
}

/**
 * Where an instant sits, in days from the axis' start: its project day's index plus the fraction
 * of that day (a day of 23 or 25 hours is still one column). Outside the axis it runs on at 24
 * hours a day, so spans reaching beyond it clip at its edges.
 */
export function axisPosition(axis: DayAxis, at: number): number {
  const { starts, days } = axis;
  if (at < axis.from) return (at - axis.from) / DAY_MS;
  if (at >= axis.to) return days + (at - axis.to) / DAY_MS;
  let low = 0;
  let high = days; // starts[low] <= at < starts[high]
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if ((starts[mid] as number) <= at) low = mid;
    else high = mid;
  }
  const start = starts[low] as number;
  return low + (at - start) / ((starts[low + 1] as number) - start);
}

/** Left and width of the instants `[from, to)` on the axis, in percent, clipped; undefined outside it. */
export function axisSpan(axis: DayAxis, from: number, to: number): { left: number; width: number } | undefined {
  const a = Math.max(axisPosition(axis, from), 0);
  const b = Math.min(axisPosition(axis, to), axis.days);
  if (b <= a) return undefined;
  return { left: (a / axis.days) * 100, width: Math.max(((b - a) / axis.days) * 100, 0.15) };
}

/** The instants a calendar date (a version's start or release date) spans: its whole project day. */
export function projectDayRange(text: string | undefined, timeZone: string): { from: number; to: number } | undefined {
  const date = text ? parseCalendarDate(text) : undefined;
  return date ? { from: startOfDayIn(date, timeZone), to: startOfDayIn(addDays(date, 1), timeZone) } : undefined;
}

export interface AxisTick {
  /** Column index: the tick sits at this day's project midnight. */
  index: number;
  day: CalendarDate;
  /** "Jan 2027" on the first day of a month and on the axis' first day. */
  month?: string;
  monday: boolean;
  /** Day of the month, for the Monday labels. */
  dayOfMonth: number;
}

/** Ticks on the first of each month, the axis' first day and every Monday. */
export function axisTicks(axis: DayAxis): AxisTick[] {
  const ticks: AxisTick[] = [];
  for (let index = 0; index < axis.days; index++) {
    const day = addDays(axis.first, index);
    const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
    const monday = (dayNumber(day) + 3) % 7 === 0; // day 0 (1 Jan 1970) was a Thursday
    if (dayOfMonth === 1 || index === 0) ticks.push({ index, day, month: `${MONTHS[month - 1]} ${year}`, monday, dayOfMonth });
    else if (monday) ticks.push({ index, day, monday, dayOfMonth });
  }
  return ticks;
}

/** A tick's left edge, in percent of the axis. */
export const tickLeft = (axis: DayAxis, index: number): number => (index / axis.days) * 100;
