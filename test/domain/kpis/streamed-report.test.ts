/**
 * Whole reports (every figure, note, drill-down row and the 12-week trend) on a hand-built project
 * and on generated ones, against reports recorded from the computation that held every fact at once
 * (streamed-report.golden.json, written by commit "KPI report goldens" before facts were streamed).
 * `UPDATE_KPI_GOLDEN=1 npx jest test/domain/kpis/streamed-report.test.ts` writes it again: only do
 * that for a change of definition, and say so in the commit.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KpiInput } from '../../../src/domain/kpis/model';
import { prepare } from '../../../src/domain/kpis/model';
import { completeSnapshots, computeKpiReport, snapshotInstant, trendWeekEnds, weekEndOf } from '../../../src/domain/kpis/report';
import { GENERATED_NOW, HAND_NOW, generatedInput, handBuiltInput } from './kpi-datasets';

const GOLDEN = join(__dirname, 'streamed-report.golden.json');

const variant = {
  deploymentSource: 'versions',
  frequencyCounts: 'deployment-days',
  cfrNumerator: 'incidents',
  recoveryEnd: 'fix-deployed',
  recoveryStart: 'deployment',
  leadTimeStart: 'created',
  percentileMethod: 'nearest-rank',
  hotfixVersionPattern: '^\\d{4}\\.\\d{2}\\.[1-9]',
  windowDays: 30,
  excludeSubtasks: false,
  onTimeToleranceDays: 2,
};

const CASES: Array<{ name: string; input: () => KpiInput; now: Date; full: boolean }> = [
  { name: 'hand-built, default settings', input: () => handBuiltInput(), now: HAND_NOW, full: true },
  { name: 'hand-built, every other setting', input: () => handBuiltInput(variant), now: HAND_NOW, full: false },
  { name: 'hand-built, CI only, 14-day window', input: () => handBuiltInput({ deploymentSource: 'ci', windowDays: 14, recoveryEnd: 'fix-deployed' }), now: HAND_NOW, full: false },
  { name: 'generated 2,000 issues, default settings', input: () => generatedInput(1, 2000), now: GENERATED_NOW, full: false },
  { name: 'generated 2,000 issues, commits from CI, lower percentiles', input: () => generatedInput(2, 2000, { commits: true, settings: { percentileMethod: 'lower', failureWindowHours: 48 } }), now: GENERATED_NOW, full: false },
  { name: 'generated 2,000 issues, every other setting', input: () => generatedInput(3, 2000, { settings: variant }), now: GENERATED_NOW, full: false },
];

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** A report as plain data: drill-downs built (they are built on first read). */
function plain(report: ReturnType<typeof computeKpiReport>, full: boolean) {
  const drilldowns = Object.fromEntries(report.figures.map((f) => [f.id, full ? report.drilldowns[f.id] : hash(report.drilldowns[f.id])]));
  return { window: report.window, deploymentSource: report.deploymentSource, deploymentSourceReason: report.deploymentSourceReason, figures: report.figures, notes: report.notes, drilldowns };
}

function computed(c: (typeof CASES)[number]) {
  const input = c.input();
  const tz = input.settings.timeZone;
  const weekly = snapshotInstant(weekEndOf(c.now, tz), tz);
  return {
    report: plain(computeKpiReport(input, c.now), c.full),
    weekly: plain(computeKpiReport(input, weekly), c.full),
    trend: completeSnapshots(prepare(input), trendWeekEnds(c.now, tz, 12), [], c.now),
  };
}

describe('KPI report on realistic data, recorded before facts were streamed', () => {
  if (process.env.UPDATE_KPI_GOLDEN === '1') {
    writeFileSync(GOLDEN, `${JSON.stringify(Object.fromEntries(CASES.map((c) => [c.name, computed(c)])), null, 1)}\n`);
  }
  const golden = existsSync(GOLDEN) ? (JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>) : {};

  it.each(CASES.map((c) => [c.name, c] as const))('%s: the same figures, notes, drill-downs and trend', (name, c) => {
    expect(JSON.parse(JSON.stringify(computed(c)))).toEqual(golden[name]);
  });
});
