/** Pure date maths for the release calendar: a month as weeks (Monday first) and events per day. */
import { addMonths, eachDayOfInterval, endOfMonth, endOfWeek, isSameMonth, startOfMonth, startOfWeek } from 'date-fns';
import type { ReleaseState, ReleaseSummary } from '../../../src/contract';
import { formatMonth, toDayKey } from './date-format';
import { parseJiraDate } from './release-rows';

const WEEK = { weekStartsOn: 1 } as const;

export interface CalendarDay {
  /** yyyy-MM-dd, the key events are filed under. */
  key: string;
  date: Date;
  dayOfMonth: number;
  inMonth: boolean;
  isToday: boolean;
  isWeekend: boolean;
}

export interface MonthGrid {
  /** First day of the month shown. */
  month: Date;
  title: string;
  weeks: CalendarDay[][];
}

export const WEEKDAY_LABELS = [
  { short: 'Mon', long: 'Monday' },
  { short: 'Tue', long: 'Tuesday' },
  { short: 'Wed', long: 'Wednesday' },
  { short: 'Thu', long: 'Thursday' },
  { short: 'Fri', long: 'Friday' },
  { short: 'Sat', long: 'Saturday' },
  { short: 'Sun', long: 'Sunday' },
] as const;

export function dayKey(date: Date): string {
  return toDayKey(date);
}

/** Whole weeks from the Monday on or before the 1st to the Sunday on or after the last day. */
export function buildMonthGrid(anyDayInMonth: Date, today: Date): MonthGrid {
  const month = startOfMonth(anyDayInMonth);
  const days = eachDayOfInterval({ start: startOfWeek(month, WEEK), end: endOfWeek(endOfMonth(month), WEEK) });
  const todayKey = dayKey(today);
  const weeks: CalendarDay[][] = [];
  days.forEach((date, index) => {
    const key = dayKey(date);
    const day: CalendarDay = {
      key,
      date,
      dayOfMonth: date.getDate(),
      inMonth: isSameMonth(date, month),
      isToday: key === todayKey,
      isWeekend: date.getDay() === 0 || date.getDay() === 6,
    };
    if (index % 7 === 0) weeks.push([day]);
    else weeks[weeks.length - 1]?.push(day);
  });
  return { month, title: formatMonth(month), weeks };
}

export function shiftMonth(month: Date, by: number): Date {
  return startOfMonth(addMonths(month, by));
}

export type CalendarEventKind = 'start' | 'release';

export interface CalendarEvent {
  kind: CalendarEventKind;
  versionId: string;
  name: string;
  state: ReleaseState;
  /** yyyy-MM-dd */
  date: string;
}

/** Start and release dates of every version, filed by day; each day's events sorted release first, then by name. */
export function eventsByDay(releases: readonly ReleaseSummary[]): Map<string, CalendarEvent[]> {
  const byDay = new Map<string, CalendarEvent[]>();
  const add = (event: CalendarEvent) => {
    const list = byDay.get(event.date);
    if (list) list.push(event);
    else byDay.set(event.date, [event]);
  };
  for (const r of releases) {
    const start = parseJiraDate(r.startDate);
    const release = parseJiraDate(r.releaseDate);
    if (start) add({ kind: 'start', versionId: r.id, name: r.name, state: r.state, date: dayKey(start) });
    if (release) add({ kind: 'release', versionId: r.id, name: r.name, state: r.state, date: dayKey(release) });
  }
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  for (const list of byDay.values()) {
    list.sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'release' ? -1 : 1));
  }
  return byDay;
}

/** Versions with neither a start nor a release date cannot be placed on the calendar. */
export function undatedReleases(releases: readonly ReleaseSummary[]): ReleaseSummary[] {
  return releases.filter((r) => !parseJiraDate(r.startDate) && !parseJiraDate(r.releaseDate));
}

/** Number of events falling inside the given month (for the month's summary line). */
export function countEventsInMonth(events: Map<string, CalendarEvent[]>, month: Date): number {
  const prefix = toDayKey(startOfMonth(month)).slice(0, 8);
  let count = 0;
  for (const [key, list] of events) if (key.startsWith(prefix)) count += list.length;
  return count;
}

/** Accessible description of one event, e.g. "2.4 release date, overdue". */
export function describeEvent(event: CalendarEvent): string {
  const what = event.kind === 'start' ? 'starts' : 'release date';
  const state =
    event.kind === 'release' && (event.state === 'overdue' || event.state === 'released') ? `, ${event.state}` : '';
  return `${event.name} ${what}${state}`;
}
