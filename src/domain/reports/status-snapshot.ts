import type { ProjectReleasesView, ReleaseState } from '../../contract';
import { type CalendarDate, dayNumber, daysBetween, fromDayNumber, parseCalendarDate } from '../calendar/calendar-date';
import type { ReleaseSlip } from '../versions/version-slip';
import { releaseRag } from './release-status-page';
import type { StatusColour } from './storage-format';
import type { StatusFactsByVersion } from './status-facts';

/** What the weekly status showed for one release, kept to tell next week what changed. */
export interface SnapshotRelease {
  id: string;
  name: string;
  state: ReleaseState;
  startDate?: string;
  releaseDate?: string;
  daysToRelease: number | null;
  rag: { colour: StatusColour; label: string };
  percentDone: number;
  done: number;
  total: number;
  slipDays?: number;
}

/** One project's weekly status, compact enough that one KVS value holds two of them. */
export interface StatusSnapshot {
  projectKey: string;
  projectName: string;
  /** ISO week of the report, e.g. 2026-W48. */
  week: string;
  takenAt: string;
  /** Unreleased versions (the releases in flight). */
  releases: SnapshotRelease[];
  /** Versions shown as released, by id, so "released since" can be told from "deleted". */
  releasedIds: string[];
}

/** Stored per project: this week's snapshot and the one before it (the comparison baseline). */
export interface SnapshotDocument {
  current: StatusSnapshot;
  previous?: StatusSnapshot;
}

/** The ISO-8601 week of a calendar date, e.g. `2026-W48` (weeks start on Monday). */
export function isoWeek(date: CalendarDate): string {
  const day = dayNumber(date);
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1; // 1970-01-01 (day 0) was a Thursday
  const thursday = day - weekday + 4;
  const year = Number(fromDayNumber(thursday).slice(0, 4));
  const jan1 = dayNumber(`${year}-01-01` as CalendarDate);
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function snapshotOf(view: ProjectReleasesView, week: string, slips: Record<string, ReleaseSlip | undefined>, facts: StatusFactsByVersion = {}): StatusSnapshot {
  return {
    projectKey: view.project.key,
    projectName: view.project.name,
    week,
    takenAt: view.generatedAt,
    releases: view.releases
      .filter((r) => !r.released)
      .map((r) => {
        const rag = releaseRag(r, facts[r.id]);
        const slip = slips[r.id];
        return {
          id: r.id,
          name: r.name,
          state: r.state,
          ...(r.startDate ? { startDate: r.startDate } : {}),
          ...(r.releaseDate ? { releaseDate: r.releaseDate } : {}),
          daysToRelease: r.daysToRelease,
          rag: { colour: rag.colour, label: rag.label },
          percentDone: r.percentDone,
          done: r.counts.done,
          total: r.counts.total,
          ...(slip ? { slipDays: slip.slipDays } : {}),
        };
      }),
    releasedIds: view.releases.filter((r) => r.released).map((r) => r.id),
  };
}

/**
 * Rolls the stored snapshots forward. The baseline is the last snapshot of an EARLIER week, so a
 * second run in the same week (a retried job, a duplicate trigger) compares with the same
 * baseline and renders the same page.
 */
export function rollSnapshots(stored: SnapshotDocument | undefined, snapshot: StatusSnapshot): { document: SnapshotDocument; baseline?: StatusSnapshot } {
  if (!stored) return { document: { current: snapshot } };
  if (stored.current.week === snapshot.week) {
    return { document: { current: snapshot, ...(stored.previous ? { previous: stored.previous } : {}) }, ...(stored.previous ? { baseline: stored.previous } : {}) };
  }
  return { document: { current: snapshot, previous: stored.current }, baseline: stored.current };
}

export interface ReleaseChange {
  versionId: string;
  versionName: string;
  /** Short sentences, most important first. */
  changes: string[];
}

export interface StatusChanges {
  /** When the baseline report was taken; undefined for a first report. */
  since?: string;
  releases: ReleaseChange[];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function signedDays(from: string, to: string): string {
  const a = parseCalendarDate(from);
  const b = parseCalendarDate(to);
  if (!a || !b) return '';
  // Called for two different dates only, and a date parses to itself: days is never 0.
  const days = daysBetween(a, b);
  return days > 0 ? ` (${plural(days, 'day')} later)` : ` (${plural(-days, 'day')} earlier)`;
}

/** What changed in a project's releases between the baseline and now, release by release. */
export function diffSnapshots(baseline: StatusSnapshot | undefined, current: StatusSnapshot): StatusChanges {
  if (!baseline) return { releases: [] };
  const before = new Map(baseline.releases.map((r) => [r.id, r]));
  const now = new Map(current.releases.map((r) => [r.id, r]));
  const out: ReleaseChange[] = [];

  for (const release of current.releases) {
    const old = before.get(release.id);
    const changes: string[] = [];
    if (!old) {
      changes.push(`New in flight${release.releaseDate ? `, due ${release.releaseDate}` : ', no release date yet'}.`);
    } else {
      if (old.name !== release.name) changes.push(`Renamed from ${old.name}.`);
      if (old.releaseDate !== release.releaseDate) {
        if (!release.releaseDate) changes.push(`Release date removed (was ${old.releaseDate}).`);
        else if (!old.releaseDate) changes.push(`Release date set to ${release.releaseDate}.`);
        else changes.push(`Release date moved from ${old.releaseDate} to ${release.releaseDate}${signedDays(old.releaseDate, release.releaseDate)}.`);
      }
      // Snapshots written before the one vocabulary said "AT RISK" for "At risk": same status.
      if (old.rag.label.toLowerCase() !== release.rag.label.toLowerCase()) changes.push(`Status ${old.rag.label} → ${release.rag.label}.`);
      if (old.total !== release.total) {
        const delta = release.total - old.total;
        changes.push(`Scope ${delta > 0 ? '+' : '−'}${plural(Math.abs(delta), 'issue')} (${old.total} → ${release.total}).`);
      }
      if (old.done !== release.done) {
        const delta = release.done - old.done;
        changes.push(`${plural(Math.abs(delta), 'issue')} ${delta > 0 ? 'done' : 'reopened'} since (${old.percentDone}% → ${release.percentDone}% done).`);
      }
    }
    if (changes.length) out.push({ versionId: release.id, versionName: release.name, changes });
  }
  for (const old of baseline.releases) {
    if (now.has(old.id)) continue;
    out.push({
      versionId: old.id,
      versionName: old.name,
      changes: [current.releasedIds.includes(old.id) ? 'Released.' : 'No longer in flight (released long ago, archived or deleted).'],
    });
  }
  return { since: baseline.takenAt, releases: out };
}

/** Monday of the ISO week a date is in (for headings such as "since the week of 16 Nov"). */
export function weekStart(date: CalendarDate): CalendarDate {
  const day = dayNumber(date);
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
  return fromDayNumber(day - weekday + 1);
}
