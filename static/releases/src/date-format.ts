/**
 * The Custom UI's one formatting module: every date and time the pages show comes from here.
 *
 * Instants (an event's time, a vote, a deployment) are shown in the project's release zone, never
 * the browser's, so a release manager in Berlin and an engineer in San Francisco read the same day
 * and time for the same event, and it agrees with the project's "today" (docs/time.md). Where a
 * time of day is shown and the viewer's browser is in another zone, the zone's abbreviation
 * follows ("14:05 CET"), and `viewerTimeTitle` gives the viewer's own time for a tooltip.
 *
 * Calendar days (`formatDay` and friends) take the local-midnight Date the date grids use for a
 * project day (`localDay` in project-time.tsx), so they read the Date's own fields.
 *
 * Without date-fns' `format` (it would pull every formatter and a locale into the bundle).
 * English UI text, day-month order. Lint allows `toLocale*String` and `new Intl.DateTimeFormat`
 * without a `timeZone` only here.
 */
import { instantToWallTime } from '../../../src/domain/calendar/wall-time';
import { sameZone, zoneAbbreviation as zoneName } from '../../../src/domain/calendar/zone-name';

const LOCALE = 'en-GB';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// Spelled out rather than Intl: ICU versions disagree on short months ("Sep" vs "Sept").
const shortMonth = (month: number) => (MONTHS[month] ?? '').slice(0, 3);
const longDate = new Intl.DateTimeFormat(LOCALE, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** yyyy-MM-dd of a local date. */
export const toDayKey = (date: Date): string => `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
/** "5 Mar 2026" */
export const formatDay = (date: Date): string => `${date.getDate()} ${shortMonth(date.getMonth())} ${date.getFullYear()}`;
/** "5 Mar" */
export const formatDayMonth = (date: Date): string => `${date.getDate()} ${shortMonth(date.getMonth())}`;
/** "March 2026" */
export const formatMonth = (date: Date): string => `${MONTHS[date.getMonth()] ?? ''} ${date.getFullYear()}`;
/** "Thursday 5 March 2026" (punctuation as the runtime's ICU has it) */
export const formatLongDate = (date: Date): string => longDate.format(date);

// ---------------------------------------------------------------------------------------------
// Instants, in the project's zone

/** An instant as the API sends it (ISO text) or as a Date. */
export type Instant = string | Date;

const iso = (at: Instant): string => (typeof at === 'string' ? at : Number.isNaN(at.getTime()) ? '' : at.toISOString());

interface Wall {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hhmm: string;
}

/** The instant's day and clock time in the zone; undefined when it is not an instant. */
function wallIn(at: Instant, timeZone: string): Wall | undefined {
  const wall = instantToWallTime(iso(at), timeZone);
  if (!wall) return undefined;
  const [year, month, day] = wall.slice(0, 10).split('-').map(Number) as [number, number, number];
  return { year, month: month - 1, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(), hhmm: wall.slice(11, 16) };
}

let browserZone: string | undefined;
/**
 * The zone the viewer's browser is in (only to tell whether the project's zone differs). Read once
 * per page: it is the default of every formatted time, and making an Intl formatter for each one
 * cost a 300-step go-live page about 0.1 ms per time shown.
 */
export function viewerTimeZone(): string {
  return (browserZone ??= new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
}

/** The zone's short name at that instant ("CET", "PDT", "GMT+13"): the domain's, shared with the issue panel. */
export function zoneAbbreviation(at: Instant, timeZone: string): string {
  return zoneName(Date.parse(iso(at)), timeZone);
}

const withZone = (text: string, at: Instant, timeZone: string, viewerZone: string) => (sameZone(timeZone, viewerZone) ? text : `${text} ${zoneAbbreviation(at, timeZone)}`);

/** "14:05" in the project's zone; "14:05 CET" when the viewer's browser is in another zone. */
export function formatTime(at: Instant, timeZone: string, viewerZone: string = viewerTimeZone()): string {
  const wall = wallIn(at, timeZone);
  return wall ? withZone(wall.hhmm, at, timeZone, viewerZone) : '';
}

/** "5 Mar, 14:05" in the project's zone; "5 Mar, 14:05 CET" when the viewer's browser is in another zone. */
export function formatDateTime(at: Instant, timeZone: string, viewerZone: string = viewerTimeZone()): string {
  const wall = wallIn(at, timeZone);
  return wall ? withZone(`${wall.day} ${shortMonth(wall.month)}, ${wall.hhmm}`, at, timeZone, viewerZone) : '';
}

/**
 * "5 Mar 2026, 14:05 CET" in the project's zone, always with the zone's name: records kept for
 * years and compared across teams (decisions, audit entries, reviews).
 */
export function formatDateTimeYear(at: Instant, timeZone: string): string {
  const wall = wallIn(at, timeZone);
  return wall ? `${wall.day} ${shortMonth(wall.month)} ${wall.year}, ${wall.hhmm} ${zoneAbbreviation(at, timeZone)}` : '';
}

/** "Tue 24 Nov, 23:00" in the zone, with no zone name (go-live plans, which name the zone once). */
export function formatInstant(at: Instant, timeZone: string): string {
  const wall = wallIn(at, timeZone);
  return wall ? `${WEEKDAYS[wall.weekday] ?? ''} ${wall.day} ${shortMonth(wall.month)}, ${wall.hhmm}` : '';
}

/** "1 Dec, 09:00" in the zone, with no zone name (the release calendar, which names its zone). */
export function formatWhen(at: Instant, timeZone: string): string {
  return formatDateTime(at, timeZone, timeZone);
}

/**
 * A tooltip with the viewer's own time ("Your time: 5 Mar, 05:05 PST"), or undefined when the
 * viewer's browser is in the project's zone and the text already says it.
 */
export function viewerTimeTitle(at: Instant, timeZone: string, viewerZone: string = viewerTimeZone()): string | undefined {
  if (sameZone(timeZone, viewerZone)) return undefined;
  const local = formatDateTime(at, viewerZone, viewerZone);
  return local ? `Your time: ${local} ${zoneAbbreviation(at, viewerZone)}` : undefined;
}
