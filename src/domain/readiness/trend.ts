/**
 * The readiness trend: one point a day per unreleased release (issues ready, at risk, not ready at
 * that day's roll-up), kept in one small document per project. Recording is idempotent per day (a
 * later roll-up the same day replaces the day's point), releases no longer tracked are dropped, and
 * the document stays under a byte budget by dropping the oldest days first.
 */
import type { CalendarDate } from '../calendar/calendar-date';
import { jsonBytes } from '../json-size';

/** Days kept per release. */
export const TREND_DAYS = 42;
/** The document's budget (Forge's limit is 240 KiB): 60 releases × 42 days fit with room to spare. */
export const TREND_BUDGET_BYTES = 64 * 1024;

/** [day, ready, at risk, not ready]. */
export type TrendTuple = [day: string, ready: number, atRisk: number, notReady: number];

export interface ReadinessTrendDoc {
  v: 1;
  releases: Record<string, TrendTuple[]>;
}

export interface ReadinessTrendPoint {
  date: string;
  ready: number;
  atRisk: number;
  notReady: number;
}

export interface ReleaseTally {
  versionId: string;
  /** The roll-up's RAG counts: green is ready, amber at risk, red not ready. */
  rag: { green: number; amber: number; red: number };
}

export const emptyTrend = (): ReadinessTrendDoc => ({ v: 1, releases: {} });

/**
 * The document with today's point of each release in `tallies`; releases not in `tracked` are
 * dropped. Undefined when nothing changed (the caller then writes nothing).
 */
export function recordTrend(doc: ReadinessTrendDoc, today: CalendarDate, tallies: readonly ReleaseTally[], tracked: ReadonlySet<string>): ReadinessTrendDoc | undefined {
  const releases: Record<string, TrendTuple[]> = {};
  for (const [id, points] of Object.entries(doc.releases)) if (tracked.has(id)) releases[id] = points;
  for (const { versionId, rag } of tallies) {
    if (!tracked.has(versionId)) continue;
    const point: TrendTuple = [today, rag.green, rag.amber, rag.red];
    const kept = (releases[versionId] ?? []).filter(([day]) => day < today);
    releases[versionId] = [...kept, point].slice(-TREND_DAYS);
  }
  let next: ReadinessTrendDoc = { v: 1, releases };
  while (jsonBytes(next) > TREND_BUDGET_BYTES) {
    const oldest = Object.values(next.releases).reduce<string | undefined>((min, points) => (points.length > 1 && (!min || (points[0] as TrendTuple)[0] < min) ? (points[0] as TrendTuple)[0] : min), undefined);
    if (!oldest) break;
    next = { v: 1, releases: Object.fromEntries(Object.entries(next.releases).map(([id, points]) => [id, points.length > 1 ? points.filter(([day]) => day !== oldest) : points])) };
  }
  return JSON.stringify(next) === JSON.stringify(doc) ? undefined : next;
}

export function trendPoints(doc: ReadinessTrendDoc | undefined, versionId: string): ReadinessTrendPoint[] {
  return (doc?.releases[versionId] ?? []).map(([date, ready, atRisk, notReady]) => ({ date, ready, atRisk, notReady }));
}
