/**
 * The release calendar as iCalendar (RFC 5545) for calendar subscriptions: version start and
 * release dates as all-day events (VALUE=DATE), environment slots and windows as UTC date-times.
 * Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character; TEXT values
 * are escaped. UIDs are stable per item so a calendar updates events instead of duplicating them.
 */
import { xmlSafe } from '../reports/storage-format';
import type { PlanEnvironment, PlanSlot, PlanWindow } from '../../contract-release-plan';
import type { RunStatus } from '../../contract-runbook';
import { parseCalendarDate, addDays } from '../calendar/calendar-date';
import { GO_LIVE_RUN } from '../status/vocabulary';
import { plural } from './wording';

export interface FeedVersion {
  id: string;
  name: string;
  description?: string;
  startDate?: string;
  releaseDate?: string;
  released: boolean;
}

/** A release's planned go-live: its runbook's go-live start and planned end, and where its run stands. */
export interface FeedGoLive {
  versionId: string;
  versionName: string;
  start: string;
  plannedEnd: string;
  run: RunStatus;
  steps: number;
}

export interface CalendarFeedInput {
  project: { key: string; name: string };
  versions: FeedVersion[];
  /** Go-lives planned in the runbooks (none when omitted). */
  goLives?: FeedGoLive[];
  slots: PlanSlot[];
  environments: PlanEnvironment[];
  windows: PlanWindow[];
  /** DTSTAMP of every event: when the feed was generated. */
  now: Date;
  /** Right-hand side of every UID, e.g. the site's cloud id; stable for the site. */
  uidDomain: string;
}

const MAX_LINE_OCTETS = 75;

/** Escapes a TEXT value (RFC 5545 3.3.11); control characters a calendar would choke on are dropped. */
export function escapeText(value: string): string {
  return xmlSafe(value)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line into CRLF-joined pieces of at most 75 octets, never inside a character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  // The first line holds 75 octets; continuation lines start with a space, leaving 74.
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `20261201T090000Z` */
export function formatUtc(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

/** `20261201` */
function formatDate(date: string): string {
  return date.replace(/-/g, '');
}

/** Lines of one VEVENT; `dates` are content lines already formatted (DTSTART...). */
function event(uid: string, stamp: string, dates: string[], summary: string, extra: string[]): string[] {
  return ['BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp}`, ...dates, `SUMMARY:${escapeText(summary)}`, ...extra, 'END:VEVENT'];
}

function allDay(date: string): string[] | undefined {
  const day = parseCalendarDate(date);
  if (!day) return undefined;
  return [`DTSTART;VALUE=DATE:${formatDate(day)}`, `DTEND;VALUE=DATE:${formatDate(addDays(day, 1))}`];
}

function timed(from: string, to: string): string[] {
  return [`DTSTART:${formatUtc(new Date(from))}`, `DTEND:${formatUtc(new Date(to))}`];
}

function windowScope(window: PlanWindow, environmentName: (id: string) => string): string {
  if (window.scope.type === 'site') return 'site-wide';
  if (window.scope.type === 'project') return window.scope.projectKey;
  return environmentName(window.scope.environmentId);
}

export function buildCalendarFeed(input: CalendarFeedInput): string {
  const stamp = formatUtc(input.now);
  const domain = input.uidDomain;
  const environmentName = (id: string) => input.environments.find((e) => e.id === id)?.name ?? 'unknown environment';
  const versionName = new Map(input.versions.map((v) => [v.id, v.name]));
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Release readiness for Jira//Release calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`${input.project.name} (${input.project.key}) releases`)}`,
    'X-WR-TIMEZONE:UTC',
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];

  const versions = [...input.versions].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
  for (const version of versions) {
    const description = version.description ? [`DESCRIPTION:${escapeText(version.description)}`] : [];
    const release = version.releaseDate ? allDay(version.releaseDate) : undefined;
    if (release) {
      lines.push(
        ...event(`version-${version.id}-release@${domain}`, stamp, release, `${version.name} ${version.released ? 'released' : 'release'}`, [
          ...description,
          `CATEGORIES:Release`,
          'TRANSP:TRANSPARENT',
          `STATUS:${version.released ? 'CONFIRMED' : 'TENTATIVE'}`,
        ]),
      );
    }
    const start = version.startDate ? allDay(version.startDate) : undefined;
    if (start) {
      lines.push(...event(`version-${version.id}-start@${domain}`, stamp, start, `${version.name} starts`, ['CATEGORIES:Version start', 'TRANSP:TRANSPARENT']));
    }
  }

  for (const goLive of [...(input.goLives ?? [])].sort((a, b) => a.start.localeCompare(b.start) || a.versionId.localeCompare(b.versionId))) {
    const run = GO_LIVE_RUN[goLive.run].word;
    lines.push(
      ...event(`golive-${goLive.versionId}@${domain}`, stamp, timed(goLive.start, goLive.plannedEnd), `${goLive.versionName} go-live (${run.toLowerCase()})`, [
        `DESCRIPTION:${escapeText(`Go-live runbook of ${goLive.versionName}: ${plural(goLive.steps, 'step')}, from the go-live start to the planned end.\nRun: ${run}.`)}`,
        'CATEGORIES:Go-live',
        'TRANSP:TRANSPARENT',
        // Planned until the run starts; then it is happening (or happened), whatever its outcome.
        `STATUS:${goLive.run === 'not-started' ? 'TENTATIVE' : 'CONFIRMED'}`,
      ]),
    );
  }

  for (const slot of [...input.slots].sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id))) {
    const environment = input.environments.find((e) => e.id === slot.environmentId);
    const name = versionName.get(slot.versionId) ?? `Version ${slot.versionId}`;
    const where = environment ? `${environment.name} (${environment.tier})` : 'unknown environment';
    const notes = [`${name} on ${where}.`, slot.required ? 'Must finish before the release.' : '', slot.note ?? ''].filter(Boolean).join('\n');
    lines.push(
      ...event(`slot-${slot.id}@${domain}`, stamp, timed(slot.from, slot.to), `${name} on ${environment?.name ?? 'unknown environment'}`, [
        `DESCRIPTION:${escapeText(notes)}`,
        ...(environment ? [`LOCATION:${escapeText(where)}`] : []),
        `LAST-MODIFIED:${formatUtc(new Date(slot.updatedAt))}`,
        'CATEGORIES:Environment slot',
        'TRANSP:TRANSPARENT',
      ]),
    );
  }

  for (const window of [...input.windows].sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id))) {
    const what = window.kind === 'freeze' ? 'Change freeze' : 'Maintenance';
    const tiers = window.kind === 'freeze' && window.tiers?.length ? ` (${window.tiers.join(', ')})` : '';
    lines.push(
      ...event(`window-${window.id}@${domain}`, stamp, timed(window.from, window.to), `${what} ${windowScope(window, environmentName)}${tiers}: ${window.reason}`, [
        `DESCRIPTION:${escapeText(window.reason)}`,
        `LAST-MODIFIED:${formatUtc(new Date(window.updatedAt))}`,
        `CATEGORIES:${what}`,
        'TRANSP:TRANSPARENT',
      ]),
    );
  }

  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
