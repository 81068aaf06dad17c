import type { ReleaseState, ReleaseSummary, StatusCategoryCounts } from '../../contract';
import { type CalendarDate, addDays, daysBetween, parseCalendarDate } from '../calendar/calendar-date';

/** A Jira version as the domain needs it; built from the REST shape by the app layer. */
export interface VersionFacts {
  id: string;
  name: string;
  description?: string;
  startDate?: string;
  releaseDate?: string;
  released: boolean;
  archived: boolean;
}

export const DEFAULT_RELEASED_LOOKBACK_DAYS = 90;

export function releaseState(version: VersionFacts, today: CalendarDate): ReleaseState {
  if (version.released) return 'released';
  const release = version.releaseDate ? parseCalendarDate(version.releaseDate) : undefined;
  if (release && daysBetween(today, release) < 0) return 'overdue';
  const start = version.startDate ? parseCalendarDate(version.startDate) : undefined;
  if (start && daysBetween(today, start) > 0) return 'planned';
  if (!release && !start) return 'unscheduled';
  return 'in-progress';
}

export function daysToRelease(version: VersionFacts, today: CalendarDate): number | null {
  const release = version.releaseDate ? parseCalendarDate(version.releaseDate) : undefined;
  return release ? daysBetween(today, release) : null;
}

export function percentDone(counts: StatusCategoryCounts): number {
  return counts.total === 0 ? 0 : Math.floor((counts.done / counts.total) * 100);
}

export function summarizeRelease(version: VersionFacts, counts: StatusCategoryCounts, today: CalendarDate): ReleaseSummary {
  const summary: ReleaseSummary = {
    id: version.id,
    name: version.name,
    released: version.released,
    state: releaseState(version, today),
    daysToRelease: daysToRelease(version, today),
    counts,
    percentDone: percentDone(counts),
  };
  if (version.description) summary.description = version.description;
  if (version.startDate) summary.startDate = version.startDate;
  if (version.releaseDate) summary.releaseDate = version.releaseDate;
  return summary;
}

/**
 * Which versions a release overview shows: every unreleased, unarchived version, and released ones
 * from the look-back window (older ones on request), so a project with years of history does not
 * spend Jira quota on versions nobody looks at.
 */
export function selectVersionsToShow(
  versions: VersionFacts[],
  today: CalendarDate,
  options: { includeOlderReleased?: boolean; lookbackDays?: number } = {},
): { shown: VersionFacts[]; olderReleasedCount: number } {
  const cutoff = addDays(today, -(options.lookbackDays ?? DEFAULT_RELEASED_LOOKBACK_DAYS));
  const shown: VersionFacts[] = [];
  let olderReleasedCount = 0;
  for (const version of versions) {
    if (version.archived) continue;
    const release = version.releaseDate ? parseCalendarDate(version.releaseDate) : undefined;
    const isOld = version.released && (!release || daysBetween(cutoff, release) < 0);
    if (isOld && !options.includeOlderReleased) olderReleasedCount++;
    else shown.push(version);
  }
  return { shown: sortReleases(shown), olderReleasedCount };
}

/** Unreleased first by release date (undated last), then released, most recent first. */
export function sortReleases<T extends VersionFacts>(versions: T[]): T[] {
  const key = (v: T) => v.releaseDate ?? '9999-12-31';
  return [...versions].sort((a, b) => {
    if (a.released !== b.released) return a.released ? 1 : -1;
    const order = a.released ? key(b).localeCompare(key(a)) : key(a).localeCompare(key(b));
    return order !== 0 ? order : a.name.localeCompare(b.name, undefined, { numeric: true });
  });
}
