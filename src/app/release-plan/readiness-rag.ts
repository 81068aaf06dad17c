/**
 * Health per version (On track / At risk / Overdue, src/domain/status/vocabulary.ts) from the
 * readiness roll-up (src/app/readiness/), for the calendar: the same rule as the weekly status. Reading a
 * roll-up costs one store read per bucket, so only the versions where readiness matters now get
 * one: unreleased, overdue or due within RAG_HORIZON_DAYS, at most MAX_VERSIONS_WITH_RAG per view.
 * A roll-up still being built has no RAG yet; the calendar never triggers a rebuild (the readiness
 * page and the daily job do).
 */
import type { CalendarVersion } from '../../contract-release-plan';
import type { CalendarDate } from '../../domain/calendar/calendar-date';
import { daysBetween, parseCalendarDate } from '../../domain/calendar/calendar-date';
import { type ShardEntry, healthOfRollup, rollUpRelease } from '../../domain/readiness/rollup';
import { daysLeftFor } from '../../domain/readiness/evaluate';
import type { ReleaseHealth } from '../../domain/status/vocabulary';
import { mapWithConcurrency } from '../concurrency';
import type { AppDeps } from '../deps';
import { loadPolicy } from '../readiness/policy';
import { builtAtOf, readReleaseShards } from '../readiness/rollup-store';

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

/** Health keyed `${projectKey}/${versionId}`, for the versions that have a built roll-up. */
export async function readinessHealth(
  deps: Pick<AppDeps, 'store' | 'log'>,
  versions: Candidate[],
  projectIds: ReadonlyMap<string, string>,
  today: CalendarDate,
): Promise<Map<string, ReleaseHealth>> {
  const chosen = versionsNeedingRag(versions, today);
  if (chosen.length === 0) return new Map();
  const projects = [...new Set(chosen.map((v) => v.projectKey))];
  const policies = new Map(
    await Promise.all(projects.map(async (key) => [key, projectIds.get(key) ? (await loadPolicy(deps.store, projectIds.get(key) as string, deps.log)).policy : undefined] as const)),
  );
  const releaseDates = new Map(versions.map((v) => [v.id, v.releaseDate]));
  const rags = await mapWithConcurrency(chosen, 4, async (version) => {
    const policy = policies.get(version.projectKey);
    if (!policy) return undefined;
    const shards = await readReleaseShards(deps.store, version.id);
    if (!builtAtOf(shards)) return undefined;
    const entries: ShardEntry[] = shards.flatMap((s) => Object.values(s.issues));
    const target = { id: version.id, name: version.name, released: version.released, ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}) };
    return healthOfRollup(version.state, daysLeftFor(target, today, releaseDates), rollUpRelease(policy, target, entries, today, releaseDates));
  });
  const result = new Map<string, ReleaseHealth>();
  chosen.forEach((v, i) => {
    const rag = rags[i];
    if (rag) result.set(`${v.projectKey}/${v.id}`, rag);
  });
  return result;
}
