/**
 * A release burn-up: for each day of a version, how many issues were in its scope and how many of
 * them were done, with a projection of when done meets scope at the recent pace.
 *
 * Read like Jira's own version reports: scope is fix-version membership at the end of each day
 * (issues added late raise it, issues moved out lower it), done is "resolved" at the end of the day
 * (a reopened issue stops counting). Both come from the issue facts the KPI sync keeps from the
 * changelog (src/domain/kpis/facts.ts), so history is what Jira recorded, not today's state
 * projected backwards. Days are calendar days in the project's time zone (docs/time.md).
 */
import { type CalendarDate, addDays, daysBetween } from '../calendar/calendar-date';
import type { FixVersionInterval, ResolvedInterval } from '../kpis/facts';
import { MINUTE_MS, dayOf, startOfDay } from '../kpis/time';

/** The recent pace is the done count's change over at most this many days before today. */
export const PACE_WINDOW_DAYS = 14;
/** A burn-up never draws more days than this (about half a year): older history is cut. */
export const MAX_BURNUP_DAYS = 180;

export interface BurnupIssue {
  key: string;
  /** Epoch minutes, as the facts store them. */
  fixVersions: readonly FixVersionInterval[];
  resolutions: readonly ResolvedInterval[];
}

export interface BurnupInput {
  versionId: string;
  startDate?: CalendarDate;
  releaseDate?: CalendarDate;
  released: boolean;
  issues: readonly BurnupIssue[];
  now: Date;
  timeZone: string;
}

export interface BurnupPoint {
  date: CalendarDate;
  scope: number;
  done: number;
}

export type ProjectionReason = 'projected' | 'complete' | 'no-progress' | 'too-little-history' | 'released' | 'no-scope';

export interface BurnupProjection {
  reason: ProjectionReason;
  /** Days the pace was measured over (up to PACE_WINDOW_DAYS) and the done count's change in them. */
  paceDays: number;
  doneInPace: number;
  remaining: number;
  /** The day done reaches today's scope at the recent pace (only when `reason` is 'projected'). */
  reachesScopeOn: CalendarDate | null;
  /** Whether that day is after the release date; null without a release date or a projection. */
  afterReleaseDate: boolean | null;
}

export interface Burnup {
  versionId: string;
  today: CalendarDate;
  releaseDate: CalendarDate | null;
  /** Oldest first, one per day from the version's start (or first issue) to today. */
  points: BurnupPoint[];
  /** Scope changes after the first day drawn: issues added, issues moved out, done issues reopened. */
  added: number;
  removed: number;
  reopened: number;
  projection: BurnupProjection;
}

/** The last instant of a day, in epoch minutes, such that `from <= at < to` means "at the end of that day". */
function endOfDayMinutes(date: CalendarDate, timeZone: string): number {
  return startOfDay(addDays(date, 1), timeZone) / MINUTE_MS - 0.5;
}

function inVersion(issue: BurnupIssue, versionId: string, at: number): boolean {
  return issue.fixVersions.some((v) => v.versionId === versionId && v.from <= at && (v.to === null || v.to > at));
}

function resolved(issue: BurnupIssue, at: number): boolean {
  return issue.resolutions.some((r) => r.from <= at && (r.to === null || r.to > at));
}

function firstDay(input: BurnupInput, members: readonly BurnupIssue[], today: CalendarDate): CalendarDate {
  if (input.startDate) return input.startDate;
  const entries = members.flatMap((i) => i.fixVersions.filter((v) => v.versionId === input.versionId).map((v) => v.from));
  return entries.length ? dayOf(Math.min(...entries) * MINUTE_MS, input.timeZone) : today;
}

export function computeBurnup(input: BurnupInput): Burnup {
  const { versionId, timeZone } = input;
  const today = dayOf(input.now.getTime(), timeZone);
  const members = input.issues.filter((i) => i.fixVersions.some((v) => v.versionId === versionId));
  // A released version's line stops on its release day; a late one runs on to today.
  const last = input.released && input.releaseDate && input.releaseDate < today ? input.releaseDate : today;
  let first = firstDay(input, members, today);
  if (first > last) first = last;
  if (daysBetween(first, last) >= MAX_BURNUP_DAYS) first = addDays(last, -(MAX_BURNUP_DAYS - 1));

  const points: BurnupPoint[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const at = endOfDayMinutes(date, timeZone);
    let scope = 0;
    let done = 0;
    for (const issue of members) {
      if (!inVersion(issue, versionId, at)) continue;
      scope++;
      if (resolved(issue, at)) done++;
    }
    points.push({ date, scope, done });
  }

  const firstEnd = endOfDayMinutes(first, timeZone);
  const lastEnd = endOfDayMinutes(last, timeZone);
  const within = (t: number | null): t is number => t !== null && t > firstEnd && t <= lastEnd;
  let added = 0;
  let removed = 0;
  let reopened = 0;
  for (const issue of members) {
    for (const v of issue.fixVersions) {
      if (v.versionId !== versionId) continue;
      if (within(v.from)) added++;
      if (within(v.to)) removed++;
    }
    for (const r of issue.resolutions) if (within(r.to) && inVersion(issue, versionId, r.to)) reopened++;
  }

  return {
    versionId,
    today,
    releaseDate: input.releaseDate ?? null,
    points,
    added,
    removed,
    reopened,
    projection: project(points, input),
  };
}

function project(points: readonly BurnupPoint[], input: BurnupInput): BurnupProjection {
  const end = points[points.length - 1] as BurnupPoint;
  const baseIndex = Math.max(0, points.length - 1 - PACE_WINDOW_DAYS);
  const base = points[baseIndex] as BurnupPoint;
  const paceDays = points.length - 1 - baseIndex;
  const doneInPace = end.done - base.done;
  const remaining = Math.max(0, end.scope - end.done);
  const result = (reason: ProjectionReason, reachesScopeOn: CalendarDate | null = null): BurnupProjection => ({
    reason,
    paceDays,
    doneInPace,
    remaining,
    reachesScopeOn,
    afterReleaseDate: reachesScopeOn && input.releaseDate ? reachesScopeOn > input.releaseDate : null,
  });
  if (input.released) return result('released');
  if (end.scope === 0) return result('no-scope');
  if (remaining === 0) return result('complete');
  if (paceDays === 0) return result('too-little-history');
  if (doneInPace <= 0) return result('no-progress');
  // remaining / (doneInPace / paceDays) days, in whole numbers so the day never wobbles by rounding.
  return result('projected', addDays(end.date, Math.ceil((remaining * paceDays) / doneInPace)));
}
