import type { CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { foldFacts } from '../../../src/domain/kpis/fact-digest';
import { prepare } from '../../../src/domain/kpis/model';
import { type KpiSnapshot, TRENDED, completeSnapshots, computeKpiReport, kpiInstants, reportFrom, snapshotOf, trendsOf } from '../../../src/domain/kpis/report';
import { type KpiExample, exampleInput } from './kpi-example';

const NOW = '2026-03-18T12:00:00Z'; // a Wednesday
/** Two weeks of a small team: a CalVer release a week, one incident, a story shipped by each release. */
const team: KpiExample = {
  name: 'team',
  now: NOW,
  settings: { windowDays: 14 },
  issues: [
    { key: 'SHOP-1', type: 'Story', created: '2026-03-01T09:00:00Z', started: '2026-03-02T09:00:00Z', resolved: '2026-03-04T09:00:00Z', resolution: 'Done', fixVersions: [['2026.3.5', '2026-03-01T09:00:00Z', null]] },
    { key: 'SHOP-2', type: 'Story', created: '2026-03-01T09:00:00Z', started: '2026-03-09T09:00:00Z', resolved: '2026-03-11T09:00:00Z', resolution: 'Done', fixVersions: [['2026.3.12', '2026-03-01T09:00:00Z', null]] },
    { key: 'SHOP-3', type: 'Incident', created: '2026-03-12T15:00:00Z', resolved: '2026-03-12T17:00:00Z', resolution: 'Done' },
  ],
  versions: [
    { id: '2026.3.5', name: '2026.3.5', startDate: '2026-03-01', releaseDate: '2026-03-05', released: true },
    { id: '2026.3.12', name: '2026.3.12', startDate: '2026-03-06', releaseDate: '2026-03-12', released: true },
  ],
  expect: {},
};

describe('the instants a project’s KPIs are computed at', () => {
  it.each([
    ['UTC', 'UTC', ['2026-03-16T00:00:00.000Z'], ['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z']],
    ['Auckland, already Thursday', 'Pacific/Auckland', ['2026-03-15T11:00:00.000Z'], ['2026-03-01T11:00:00.000Z', '2026-03-08T11:00:00.000Z', '2026-03-15T11:00:00.000Z']],
  ])('are now, the start of this week’s Monday and of each trend week’s Monday: %s', (_case, zone, monday, trend) => {
    const instants = kpiInstants(new Date(NOW), zone, 3);
    expect({ reports: instants.reports.map((d) => d.toISOString()), trend: instants.trend.map((d) => d.toISOString()) }).toEqual({ reports: [NOW.replace('Z', '.000Z'), ...monday], trend });
  });
});

describe('a report', () => {
  it('says what it is of: project, instant, window, where deployments come from', () => {
    const report = computeKpiReport(exampleInput(team), new Date(NOW));
    expect({ ...report, figures: report.figures.map((f) => f.id), drilldowns: Object.keys(report.drilldowns) }).toEqual({
      project: { id: '10000', key: 'P', name: 'Example' },
      asOf: '2026-03-18T12:00:00.000Z',
      window: { from: '2026-03-04', to: '2026-03-18', days: 14, timeZone: 'UTC' },
      deploymentSource: 'versions',
      deploymentSourceReason: 'No CI/CD feed has sent a production deployment for this project, so every released Jira version counts as one production deployment, at the end of its release day.',
      figures: ['deployment-frequency', 'lead-time', 'change-failure-rate', 'recovery-time', 'on-time-delivery', 'readiness', 'scope-change', 'carry-over', 'escaped-defects', 'cycle-time', 'throughput'],
      drilldowns: ['deployment-frequency', 'lead-time', 'change-failure-rate', 'recovery-time', 'on-time-delivery', 'readiness', 'scope-change', 'carry-over', 'escaped-defects', 'cycle-time', 'throughput'],
      notes: [],
    });
    expect(report.drilldowns.throughput.rows.map((r) => r.issue)).toEqual(['SHOP-1', 'SHOP-2', 'SHOP-3']);
  });

  it.each([
    ['the window’s first day', '2026-03-04', []],
    ['the day after', '2026-03-05', ['The window starts before 2026-03-05: issues created before that day are synced only if they changed since, so older work may be missing.']],
  ])('warns when the synced history starts after the window does: history from %s', (_case, horizon, notes) => {
    expect(computeKpiReport({ ...exampleInput(team), horizon }, new Date(NOW)).notes).toEqual(notes);
  });

  it('is refused at an instant the facts were not folded for', () => {
    const folded = foldFacts(prepare(exampleInput(team)), exampleInput(team).facts, [new Date(NOW)]);
    expect(() => reportFrom(folded, new Date('2026-03-16T00:00:00Z'))).toThrow('KPI facts were folded for other instants than 2026-03-16T00:00:00.000Z.');
  });

  it('computes only the figures asked for', () => {
    const folded = foldFacts(prepare(exampleInput(team)), exampleInput(team).facts, [new Date(NOW)]);
    expect(reportFrom(folded, new Date(NOW), new Set(['throughput', 'lead-time'] as const)).figures.map((f) => f.id)).toEqual(['lead-time', 'throughput']);
  });
});

describe('weekly snapshots and trends', () => {
  const input = exampleInput(team);
  const weekEnds = ['2026-03-09', '2026-03-16'] as CalendarDate[];
  const folded = () => foldFacts(prepare(input), input.facts, [new Date(NOW)], weekEnds.map((d) => new Date(`${d}T00:00:00Z`)));
  const computedAt = new Date(NOW);

  it('keeps a figure’s value, numerator and denominator', () => {
    const report = computeKpiReport(input, new Date(NOW));
    const snapshot = snapshotOf(report, '2026-03-16', 'weekly-run', computedAt, 14);
    expect({ ...snapshot, figures: { 'cycle-time': snapshot.figures['cycle-time'], throughput: snapshot.figures.throughput } }).toEqual({
      weekEnd: '2026-03-16',
      source: 'weekly-run',
      computedAt: '2026-03-18T12:00:00.000Z',
      windowDays: 14,
      timeZone: 'UTC',
      deploymentSource: 'versions',
      figures: { 'cycle-time': { value: 2, numerator: 2, denominator: null }, throughput: { value: 1.5, numerator: 3, denominator: 14 } },
    });
    expect(Object.keys(snapshot.figures)).toHaveLength(11);
  });

  it('uses a stored weekly snapshot only when it has the same window and zone, and recomputes the others as of their Monday', () => {
    const kept = (weekEnd: string, windowDays: number, timeZone: string): KpiSnapshot => ({ weekEnd, source: 'weekly-run', computedAt: '2026-03-09T03:00:00.000Z', windowDays, timeZone, deploymentSource: 'versions', figures: {} });
    const sameDefinitions = kept('2026-03-09', 14, 'UTC');
    const trend = completeSnapshots(folded(), weekEnds, [sameDefinitions, kept('2026-03-16', 30, 'UTC'), kept('2026-03-16', 14, 'Europe/Berlin')], computedAt);
    expect(trend[0]).toBe(sameDefinitions);
    // As of Monday 16 March: the window is 2–15 March; SHOP-1 (4 March), SHOP-2 (11 March) and the incident (12 March) are done.
    expect({ ...trend[1], figures: Object.keys(trend[1]!.figures) }).toEqual({
      weekEnd: '2026-03-16',
      source: 'recomputed',
      computedAt: '2026-03-18T12:00:00.000Z',
      windowDays: 14,
      timeZone: 'UTC',
      deploymentSource: 'versions',
      figures: ['deployment-frequency', 'lead-time', 'change-failure-rate', 'recovery-time', 'on-time-delivery', 'escaped-defects', 'cycle-time', 'throughput'],
    });
    expect(trend[1]!.figures.throughput).toEqual({ value: 1.5, numerator: 3, denominator: 14 });
  });

  it('draws one line per trended figure, one point per week, titled as the figure', () => {
    const report = computeKpiReport(input, new Date(NOW));
    const snapshots = completeSnapshots(folded(), weekEnds, [], computedAt);
    const trends = trendsOf(snapshots, report.figures);
    expect(trends.map((t) => t.figureId)).toEqual([...TRENDED]);
    expect(trends.find((t) => t.figureId === 'throughput')).toEqual({
      figureId: 'throughput',
      title: 'Throughput',
      unit: 'per-week',
      // As of 9 March (window 23 Feb – 8 March): SHOP-1 only.
      points: [
        { weekEnd: '2026-03-09', value: 0.5, source: 'recomputed' },
        { weekEnd: '2026-03-16', value: 1.5, source: 'recomputed' },
      ],
    });
  });

  it('names a line by its id, and leaves a week without the figure empty, when the report has no such figure', () => {
    const snapshot: KpiSnapshot = { weekEnd: '2026-03-16', source: 'weekly-run', computedAt: NOW, windowDays: 14, timeZone: 'UTC', deploymentSource: 'ci', figures: {} };
    expect(trendsOf([snapshot], [])[0]).toEqual({ figureId: 'deployment-frequency', title: 'deployment-frequency', unit: 'count', points: [{ weekEnd: '2026-03-16', value: null, source: 'weekly-run' }] });
  });
});
