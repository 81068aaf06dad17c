/**
 * The KPI report of one project: every figure with its numerator, denominator, window, method and
 * time zone, the drill-down behind each, weekly snapshots and trends. Pure: "now" and the data come
 * in as arguments (src/app/kpi-data.ts loads them; the CLI and the app compute the same way).
 */
import type { KpiDrilldown, KpiFigure, KpiFigureId, KpiTrend, KpiWindow } from '../../contract-kpis';
import { type CalendarDate, addDays } from '../calendar/calendar-date';
import { type MetricResult, changeFailureRate, deploymentFrequency, leadTime, recoveryTime, windowOf } from './dora';
import { type Computed, foldFacts } from './fact-digest';
import { type KpiInput, type WindowBounds, prepare, windowBounds } from './model';
import { carryOver, cycleTime, escapedDefects, onTimeDelivery, readiness, scopeChange, throughput } from './release';
import { dayOf, mondayOf, startOfDay } from './time';

export interface KpiReport {
  project: KpiInput['project'];
  /** The instant the report is computed for. */
  asOf: string;
  window: KpiWindow;
  deploymentSource: 'ci' | 'versions';
  deploymentSourceReason: string;
  figures: KpiFigure[];
  drilldowns: Record<KpiFigureId, KpiDrilldown>;
  notes: string[];
}

const METRICS: Array<[KpiFigureId, (p: Computed, w: WindowBounds) => MetricResult]> = [
  ['deployment-frequency', deploymentFrequency],
  ['lead-time', leadTime],
  ['change-failure-rate', changeFailureRate],
  ['recovery-time', recoveryTime],
  ['on-time-delivery', onTimeDelivery],
  ['readiness', readiness],
  ['scope-change', scopeChange],
  ['carry-over', carryOver],
  ['escaped-defects', escapedDefects],
  ['cycle-time', cycleTime],
  ['throughput', throughput],
];

/** The report as of `now` from sources with every fact in one array (tests, examples). */
export function computeKpiReport(input: KpiInput, now: Date): KpiReport {
  return reportFrom(foldFacts(prepare(input), input.facts, [now]), now);
}

/**
 * The instants a project's KPIs are computed at: whole reports at `now` (the view) and at the start
 * of this week's Monday (the weekly snapshot), trend points at the start of each trend week's Monday.
 * Facts are folded for these.
 */
export function kpiInstants(now: Date, timeZone: string, trendWeeks: number): { reports: Date[]; trend: Date[] } {
  return { reports: [now, snapshotInstant(weekEndOf(now, timeZone), timeZone)], trend: trendWeekEnds(now, timeZone, trendWeeks).map((weekEnd) => snapshotInstant(weekEnd, timeZone)) };
}

/** The report as of `now` (one of the instants the facts were folded for); `only` limits it to some figures (a trend needs eight of eleven). */
export function reportFrom(p: Computed, now: Date, only?: ReadonlySet<KpiFigureId>): KpiReport {
  if (!p.facts.instants.has(now.getTime())) throw new Error(`KPI facts were folded for other instants than ${now.toISOString()}.`);
  const w = windowBounds(now, p.settings);
  const figures: KpiFigure[] = [];
  const drilldowns = {} as Record<KpiFigureId, KpiDrilldown>;
  for (const [id, metric] of METRICS) {
    if (only && !only.has(id)) continue;
    const { figure, drilldown } = metric(p, w);
    figures.push(figure);
    // Built on each read and not kept: a trend never reads them, and storing the view packs one
    // drill-down (40,000 rows at 150,000 issues) and drops it before building the next.
    Object.defineProperty(drilldowns, figure.id, { enumerable: true, get: drilldown });
  }
  const notes: string[] = [];
  if (p.input.horizon && w.fromDay < p.input.horizon) {
    notes.push(`The window starts before ${p.input.horizon}: issues created before that day are synced only if they changed since, so older work may be missing.`);
  }
  return {
    project: p.input.project,
    asOf: now.toISOString(),
    window: windowOf(w, p.tz),
    deploymentSource: p.deploymentSource,
    deploymentSourceReason: p.deploymentSourceReason,
    figures,
    drilldowns,
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Weekly snapshots and trends

export interface SnapshotValue {
  value: number | null;
  numerator: number;
  denominator: number | null;
}

export interface KpiSnapshot {
  /** The Monday (yyyy-MM-dd) at whose start the snapshot's window ends. */
  weekEnd: string;
  source: 'weekly-run' | 'recomputed';
  computedAt: string;
  windowDays: number;
  timeZone: string;
  deploymentSource: 'ci' | 'versions';
  figures: Partial<Record<KpiFigureId, SnapshotValue>>;
}

/** The figures a trend shows (the others are context for a single window). */
export const TRENDED: readonly KpiFigureId[] = [
  'deployment-frequency',
  'lead-time',
  'change-failure-rate',
  'recovery-time',
  'on-time-delivery',
  'cycle-time',
  'throughput',
  'escaped-defects',
];

const TRENDED_SET: ReadonlySet<KpiFigureId> = new Set(TRENDED);

/** The Monday starting the current week in the zone: snapshots' windows end there. */
export function weekEndOf(now: Date, timeZone: string): CalendarDate {
  return mondayOf(dayOf(now.getTime(), timeZone));
}

/** The instant a snapshot for a week end is computed at: the start of that Monday. */
export function snapshotInstant(weekEnd: CalendarDate, timeZone: string): Date {
  return new Date(startOfDay(weekEnd, timeZone));
}

export function snapshotOf(report: KpiReport, weekEnd: string, source: KpiSnapshot['source'], computedAt: Date, windowDays: number): KpiSnapshot {
  const figures: KpiSnapshot['figures'] = {};
  for (const f of report.figures) figures[f.id] = { value: f.value, numerator: f.numerator.value, denominator: f.denominator?.value ?? null };
  return { weekEnd, source, computedAt: computedAt.toISOString(), windowDays, timeZone: report.window.timeZone, deploymentSource: report.deploymentSource, figures };
}

/** The last `count` week ends up to and including the one of `now`, oldest first. */
export function trendWeekEnds(now: Date, timeZone: string, count: number): CalendarDate[] {
  const last = weekEndOf(now, timeZone);
  return Array.from({ length: count }, (_, i) => addDays(last, -7 * (count - 1 - i)));
}

/**
 * One snapshot per week end: the stored one when the weekly run kept it with the same definitions
 * (window and zone), otherwise recomputed from the synced history as of that Monday.
 */
export function completeSnapshots(p: Computed, weekEnds: CalendarDate[], stored: KpiSnapshot[], computedAt: Date): KpiSnapshot[] {
  const byWeek = new Map(stored.filter((s) => s.windowDays === p.settings.windowDays && s.timeZone === p.tz).map((s) => [s.weekEnd, s]));
  return weekEnds.map((weekEnd) => {
    const kept = byWeek.get(weekEnd);
    if (kept) return kept;
    return snapshotOf(reportFrom(p, snapshotInstant(weekEnd, p.tz), TRENDED_SET), weekEnd, 'recomputed', computedAt, p.settings.windowDays);
  });
}

export function trendsOf(snapshots: KpiSnapshot[], figures: KpiFigure[]): KpiTrend[] {
  return TRENDED.map((id) => {
    const figure = figures.find((f) => f.id === id);
    return {
      figureId: id,
      title: figure?.title ?? id,
      unit: figure?.unit ?? 'count',
      points: snapshots.map((s) => ({ weekEnd: s.weekEnd, value: s.figures[id]?.value ?? null, source: s.source })),
    };
  });
}
