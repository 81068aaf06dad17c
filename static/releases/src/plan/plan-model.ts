/**
 * Pure helpers for the calendar and environment pages: which range to load, what falls on which
 * day of the month grid, date-time inputs, the CSV export (a timeline's axis: timeline-axis.ts). No
 * React, no bridge: tested in test/static/plan-model.test.ts.
 */
import { addDays, addMonths, endOfMonth, startOfDay, startOfMonth } from 'date-fns';
import { instantToWallTime, wallTimeToInstant } from '../../../../src/domain/calendar/wall-time';
import type {
  CalendarQuery,
  CalendarSlot,
  CalendarVersion,
  PlanConflict,
  PlanDeployment,
  PlanEnvironment,
  PlanWindow,
  ReleaseCalendarView,
} from '../../../../src/contract';
import { type CalendarDate, addDays as addCalendarDays } from '../../../../src/domain/calendar/calendar-date';
import { dayInZone, startOfDayIn } from '../../../../src/domain/calendar/zone';
import { csvText } from '../csv';
import { formatMonth, formatWhen, toDayKey } from '../date-format';
import { parseJiraDate } from '../release-rows';

export type PlanSlot = Extract<CalendarSlot, { hidden?: false }>;

export function isVisibleSlot(slot: CalendarSlot): slot is PlanSlot {
  return slot.hidden !== true;
}

// ---------------------------------------------------------------------------------------------
// Ranges

export interface DayRange {
  /** First and last day, inclusive (local dates). */
  from: Date;
  to: Date;
}

/** What one resolver call loads around a focused day: two months back, nine ahead (< 400 days). */
export function loadRangeFor(focus: Date): DayRange {
  return { from: startOfMonth(addMonths(focus, -2)), to: endOfMonth(addMonths(focus, 9)) };
}

export function covers(loaded: DayRange, from: Date, to: Date): boolean {
  return startOfDay(from) >= startOfDay(loaded.from) && startOfDay(to) <= startOfDay(loaded.to);
}

export function queryFor(range: DayRange, relatedProjects: string[] | undefined): CalendarQuery {
  return {
    from: toDayKey(range.from),
    to: toDayKey(range.to),
    ...(relatedProjects ? { relatedProjects } : {}),
  };
}

export function startOfQuarter(date: Date): Date {
  return new Date(date.getFullYear(), Math.floor(date.getMonth() / 3) * 3, 1);
}

export function endOfQuarter(date: Date): Date {
  return endOfMonth(addMonths(startOfQuarter(date), 2));
}

export function quarterTitle(date: Date): string {
  const start = startOfQuarter(date);
  return `Q${Math.floor(start.getMonth() / 3) + 1} ${start.getFullYear()} (${formatMonth(start).split(' ')[0]?.slice(0, 3)}–${formatMonth(addMonths(start, 2)).split(' ')[0]?.slice(0, 3)})`;
}

// ---------------------------------------------------------------------------------------------
// Days of the month grid

/**
 * The project's days (keys, in `timeZone`) that `[from, to)` covers, clipped to the grid's days
 * `[first, last]` (local-midnight Dates standing for project days): an event at 23:30 in the
 * project's zone is on that day whatever the browser's zone.
 */
export function dayKeysOf(fromIso: string, toIso: string, first: Date, last: Date, timeZone: string): string[] {
  const firstKey = toDayKey(first) as CalendarDate;
  const lastKey = toDayKey(last) as CalendarDate;
  const to = Date.parse(toIso);
  const fromKey = dayInZone(Date.parse(fromIso), timeZone);
  const keys: string[] = [];
  for (let day = fromKey < firstKey ? firstKey : fromKey; day <= lastKey && startOfDayIn(day, timeZone) < to; day = addCalendarDays(day, 1)) keys.push(day);
  return keys;
}

function fileBy<T>(items: readonly T[], daysOf: (item: T) => string[]): Map<string, T[]> {
  const byDay = new Map<string, T[]>();
  for (const item of items) {
    for (const key of daysOf(item)) {
      const list = byDay.get(key);
      if (list) list.push(item);
      else byDay.set(key, [item]);
    }
  }
  return byDay;
}

export interface DayContent {
  slots: Map<string, CalendarSlot[]>;
  windows: Map<string, PlanWindow[]>;
  deployments: Map<string, PlanDeployment[]>;
  starts: Map<string, CalendarVersion[]>;
  releases: Map<string, CalendarVersion[]>;
}

/** Everything on the days from `first` to `last`: only items overlapping them are touched. */
export function dayContent(view: ReleaseCalendarView, first: Date, last: Date, timeZone: string): DayContent {
  // Versions' dates are calendar days (the grid's own); instants are filed on the project's days.
  const gridLo = startOfDay(first).getTime();
  const gridHi = addDays(startOfDay(last), 1).getTime();
  const lo = startOfDayIn(toDayKey(first) as CalendarDate, timeZone);
  const hi = startOfDayIn(addCalendarDays(toDayKey(last) as CalendarDate, 1), timeZone);
  const inside = (item: { from: string; to: string }) => Date.parse(item.to) > lo && Date.parse(item.from) < hi;
  const versionDay = (text: string | undefined) => {
    const date = parseJiraDate(text);
    return date && date.getTime() >= gridLo && date.getTime() < gridHi ? [toDayKey(date)] : [];
  };
  return {
    slots: fileBy(view.slots.filter(inside), (s) => dayKeysOf(s.from, s.to, first, last, timeZone)),
    windows: fileBy(view.windows.filter(inside), (w) => dayKeysOf(w.from, w.to, first, last, timeZone)),
    deployments: fileBy(
      view.deployments.filter((d) => Date.parse(d.at) >= lo && Date.parse(d.at) < hi),
      (d) => [dayInZone(Date.parse(d.at), timeZone)],
    ),
    starts: fileBy(view.versions, (v) => versionDay(v.startDate)),
    releases: fileBy(view.versions, (v) => versionDay(v.releaseDate)),
  };
}

// ---------------------------------------------------------------------------------------------
// Lookups

export interface PlanLookups {
  environment: Map<string, PlanEnvironment>;
  version: Map<string, CalendarVersion>;
  /** Conflicts by the id of each slot, window, version or deployment they involve. */
  conflictsOf: Map<string, PlanConflict[]>;
  /** The project's release zone: every time the plan shows is a time there. */
  timeZone: string;
}

export const versionRef = (projectKey: string, versionId: string) => `${projectKey}/${versionId}`;

export function lookups(view: ReleaseCalendarView, timeZone: string): PlanLookups {
  const conflictsOf = new Map<string, PlanConflict[]>();
  for (const conflict of view.conflicts) {
    for (const item of conflict.items) {
      const key = item.kind === 'version' ? versionRef(item.projectKey ?? '', item.id) : `${item.kind}:${item.id}`;
      const list = conflictsOf.get(key);
      if (list) list.push(conflict);
      else conflictsOf.set(key, [conflict]);
    }
  }
  return {
    environment: new Map(view.environments.map((e) => [e.id, e])),
    version: new Map(view.versions.map((v) => [versionRef(v.projectKey, v.id), v])),
    conflictsOf,
    timeZone,
  };
}

export function slotLabel(slot: CalendarSlot, look: PlanLookups): string {
  const environment = look.environment.get(slot.environmentId)?.name ?? 'Unknown environment';
  if (!isVisibleSlot(slot)) return `${environment}: booked by a project you cannot see`;
  const version = look.version.get(versionRef(slot.projectKey, slot.versionId))?.name ?? `${slot.projectKey} version ${slot.versionId}`;
  return `${version} on ${environment}`;
}

export function windowLabel(window: PlanWindow, look: PlanLookups): string {
  const what = window.kind === 'freeze' ? 'Change freeze' : 'Maintenance';
  const where =
    window.scope.type === 'site' ? 'site-wide' : window.scope.type === 'project' ? window.scope.projectKey : (look.environment.get(window.scope.environmentId)?.name ?? 'unknown environment');
  const tiers = window.kind === 'freeze' && window.tiers?.length ? `, ${window.tiers.join('/')}` : '';
  return `${what} (${where}${tiers}): ${window.reason}`;
}

// ---------------------------------------------------------------------------------------------
// Date-time inputs: wall times in the project's zone (DateTimeInput), never the browser's

/** The wall time (`2026-11-24T09:00`) an instant shows in the project's zone; '' for none. */
export function toInputValue(iso: string | undefined, timeZone: string): string {
  return iso ? instantToWallTime(iso, timeZone) : '';
}

/** The ISO instant of a wall time in the project's zone, or undefined when it is empty or not a date-time. */
export function fromInputValue(value: string, timeZone: string): string | undefined {
  return wallTimeToInstant(value, timeZone);
}

/** "1 Dec, 09:00": the wall time an instant shows in the project's zone, whatever the browser's. */
export { formatWhen };

export function formatSpanLocal(fromIso: string, toIso: string, timeZone: string): string {
  return `${formatWhen(fromIso, timeZone)} – ${formatWhen(toIso, timeZone)}`;
}

// ---------------------------------------------------------------------------------------------
// CSV export

/** A CSV cell: quoted when needed; a leading = + - @ is neutralised so spreadsheets do not run it. */
export const CSV_COLUMNS = ['Type', 'Project', 'Version', 'Environment', 'Tier', 'From', 'To', 'State', 'Required before release', 'Details', 'Conflicts'] as const;

/** The plan as CSV (RFC 4180, CRLF): versions, bookings, windows and deployments; times in UTC. */
export function planCsv(view: ReleaseCalendarView): string {
  const look = lookups(view, 'UTC'); // the CSV's times are instants in UTC
  const rows: Array<Array<string | number | boolean | undefined>> = [];
  const conflictTitles = (key: string) => (look.conflictsOf.get(key) ?? []).map((c) => c.title).join('; ');
  for (const v of view.versions) {
    rows.push(['Version', v.projectKey, v.name, '', '', v.startDate, v.releaseDate, v.state, '', v.description, conflictTitles(versionRef(v.projectKey, v.id))]);
  }
  for (const s of view.slots) {
    const env = look.environment.get(s.environmentId);
    if (!isVisibleSlot(s)) {
      rows.push(['Booking', '', '(another project)', env?.name, env?.tier, s.from, s.to, '', '', '', conflictTitles(`slot:${s.id}`)]);
      continue;
    }
    const version = look.version.get(versionRef(s.projectKey, s.versionId));
    rows.push(['Booking', s.projectKey, version?.name ?? s.versionId, env?.name, env?.tier, s.from, s.to, '', s.required ? 'yes' : 'no', s.note, conflictTitles(`slot:${s.id}`)]);
  }
  for (const w of view.windows) {
    rows.push([w.kind === 'freeze' ? 'Change freeze' : 'Maintenance', w.scope.type === 'project' ? w.scope.projectKey : '', '', w.scope.type === 'environment' ? look.environment.get(w.scope.environmentId)?.name : w.scope.type === 'site' ? 'all' : '', w.tiers?.join(' '), w.from, w.to, '', '', w.reason, conflictTitles(`window:${w.id}`)]);
  }
  for (const d of view.deployments) {
    const env = d.environmentId ? look.environment.get(d.environmentId) : undefined;
    rows.push(['Deployment', d.projectKey, d.versionName, env?.name ?? d.environmentName, env?.tier, d.at, '', d.status, '', d.source === 'manual' ? `recorded by hand${d.note ? `: ${d.note}` : ''}` : d.url, conflictTitles(`deployment:${d.id}`)]);
  }
  return csvText([CSV_COLUMNS as readonly string[], ...rows]);
}

/**
 * "2 clashes, 1 warning in the loaded year": only the counts that are not zero, and the tone of
 * the worst one, so a list holding only warnings is never summarised in red or as "no conflicts".
 */
export function conflictSummary(conflicts: ReadonlyArray<Pick<PlanConflict, 'severity'>>, scopeText: string): { text: string; tone: 'danger' | 'warning' | 'neutral' | 'success' } {
  if (conflicts.length === 0) return { text: `No conflicts ${scopeText}.`, tone: 'success' };
  const count = (severity: PlanConflict['severity']) => conflicts.filter((c) => c.severity === severity).length;
  const [errors, warnings, notes] = [count('error'), count('warning'), count('info')];
  const parts = [
    errors ? `${errors} clash${errors === 1 ? '' : 'es'}` : '',
    warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
    notes ? `${notes} note${notes === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return { text: `${parts.join(', ')} ${scopeText}`, tone: errors ? 'danger' : warnings ? 'warning' : 'neutral' };
}

/**
 * A slot booked from a day of the month grid: 09:00 to 17:00 on the clock of the project's zone,
 * wherever the browser is (an Auckland project read from Los Angeles still opens on its own day).
 */
export function dayBookingDraft(dayKey: string, timeZone: string): { from: string; to: string } {
  const from = wallTimeToInstant(`${dayKey}T09:00`, timeZone);
  const to = wallTimeToInstant(`${dayKey}T17:00`, timeZone);
  if (!from || !to) throw new Error(`Not a day: ${dayKey}`);
  return { from, to };
}
