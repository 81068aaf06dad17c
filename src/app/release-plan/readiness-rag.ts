/**
 * Health per version (On track / At risk / Overdue, src/domain/status/vocabulary.ts) from the
 * readiness summary of each release (src/domain/readiness/summary.ts, one small read each), for the
 * calendar: the same rule as the weekly status. Only the versions where readiness matters now get
 * one: unreleased, overdue or due within RAG_HORIZON_DAYS, at most MAX_VERSIONS_WITH_RAG per view.
 * A roll-up still being built has no RAG yet; the calendar never triggers a rebuild (the readiness
 * page and the daily job do).
 */
import type { CalendarVersion } from '../../contract-release-plan';
import type { CalendarDate } from '../../domain/calendar/calendar-date';
import { daysBetween, parseCalendarDate } from '../../domain/calendar/calendar-date';
import { daysLeftFor } from '../../domain/readiness/evaluate';
import { healthOfSummary } from '../../domain/readiness/summary';
import type { ReleaseHealth } from '../../domain/status/vocabulary';
import type { AppDeps } from '../deps';
import { readSummaries } from '../readiness/summary-store';

export const RAG_HORIZON_DAYS = 45;
export const MAX_VERSIONS_WITH_RAG = 12;

type Candidate = Pick<CalendarVersion, 'id' | 'projectKey' | 'name' | 'releaseDate' | 'released' | 'state'>;

/** The versions that get a RAG: soonest due first (overdue ones first of all). */
export function versionsNeedingRag(versions: Candidate[], today: CalendarDate): Candidate[] {
  return versions
    .filter((v) => {
      const due = v.releaseDate ? parseCalendarDate(v.releaseDate) : undefined;
      return !v.released && due !== undefined && daysBetween(today, due) <= RAG_HORIZON_DAYS;
    })
    .sort((a, b) => (a.releaseDate as string).localeCompare(b.releaseDate as string))
    .slice(0, MAX_VERSIONS_WITH_RAG);
}

/** Health keyed `${projectKey}/${versionId}`, for the versions that have a built roll-up: one summary read each. */
export async function readinessHealth(
  deps: Pick<AppDeps, 'store'>,
  versions: Candidate[],
  today: CalendarDate,
): Promise<Map<string, ReleaseHealth>> {
  const chosen = versionsNeedingRag(versions, today);
  if (chosen.length === 0) return new Map();
  const releaseDates = new Map(versions.map((v) => [v.id, v.releaseDate]));
  const summaries = await readSummaries(deps.store, chosen.map((v) => v.id));
  const result = new Map<string, ReleaseHealth>();
  for (const version of chosen) {
    const summary = summaries.get(version.id);
    if (!summary?.builtAt) continue;
    const target = { id: version.id, name: version.name, released: version.released, ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}) };
    result.set(`${version.projectKey}/${version.id}`, healthOfSummary(summary, version.state, daysLeftFor(target, today, releaseDates)));
  }
  return result;
}
