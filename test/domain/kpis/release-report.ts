/** Release figures of a small worked example, read the way the KPIs page reads them. */
import type { KpiDrilldown, KpiFigure, KpiFigureId } from '../../../src/contract-kpis';
import { computeKpiReport } from '../../../src/domain/kpis/report';
import { type ExampleVersion, type KpiExample, exampleInput } from './kpi-example';

export type ReleaseExample = Omit<KpiExample, 'name' | 'expect'> & {
  /** Issues re-opened: every resolution interval [resolved, re-opened or null], oldest first. */
  reopened?: Record<string, Array<[string, string | null]>>;
};

const minutes = (iso: string) => Math.floor(Date.parse(iso) / 60_000);

/** The report's figure and its drill-down. */
export function releaseFigure(example: ReleaseExample, id: KpiFigureId): { figure: KpiFigure; drilldown: KpiDrilldown } {
  const input = exampleInput({ name: id, expect: {}, ...example });
  for (const fact of input.facts) {
    const intervals = example.reopened?.[fact.key];
    if (intervals) fact.resolutions = intervals.map(([from, to]) => ({ from: minutes(from), to: to === null ? null : minutes(to) }));
  }
  const report = computeKpiReport(input, new Date(example.now));
  const figure = report.figures.find((f) => f.id === id);
  if (!figure) throw new Error(`no figure ${id}`);
  return { figure, drilldown: report.drilldowns[id] };
}

/** A version whose plan the app recorded on `plannedAt`, released as the app saw it (an event) at `shippedAt`. */
export function plannedVersion(name: string, due: string, shippedAt?: string, extra: Partial<ExampleVersion> = {}): ExampleVersion {
  const plan = { releaseDate: due, released: false, observedAt: '2026-02-20T09:00:00Z' };
  const release = shippedAt ? [{ releaseDate: due, released: true, observedAt: shippedAt, source: 'event' as const }] : [];
  return { id: name, name, releaseDate: due, released: shippedAt !== undefined, history: [plan, ...release], ...extra };
}

export const WINDOW_1_TO_14_MARCH = { from: '2026-03-01', to: '2026-03-15', days: 14, timeZone: 'UTC' };
