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
import { FactFold } from '../../../src/domain/kpis/fact-digest';
import type { IssueFact } from '../../../src/domain/kpis/facts';
import { type KpiInput, prepare } from '../../../src/domain/kpis/model';
import { type KpiReport, completeSnapshots, kpiInstants, reportFrom, snapshotInstant, trendWeekEnds, weekEndOf } from '../../../src/domain/kpis/report';
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
function plain(report: KpiReport, full: boolean) {
  const drilldowns = Object.fromEntries(report.figures.map((f) => [f.id, full ? report.drilldowns[f.id] : hash(report.drilldowns[f.id])]));
  return { window: report.window, deploymentSource: report.deploymentSource, deploymentSourceReason: report.deploymentSourceReason, figures: report.figures, notes: report.notes, drilldowns };
}

/** The facts in a shuffled order, in parts of up to 97: as the store hands them over, part by part. */
function parts(facts: IssueFact[], seed: number): IssueFact[][] {
  const shuffled = [...facts];
  let a = seed;
  for (let i = shuffled.length - 1; i > 0; i--) {
    a = (a * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = a % (i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j] as IssueFact, shuffled[i] as IssueFact];
  }
  return Array.from({ length: Math.ceil(shuffled.length / 97) }, (_, i) => shuffled.slice(i * 97, (i + 1) * 97));
}

/** Reports at "now" and at the weekly snapshot's instant, and the 12-week trend, from facts folded part by part. */
function computed(c: (typeof CASES)[number]) {
  const { facts, ...sources } = c.input();
  const tz = sources.settings.timeZone;
  const instants = kpiInstants(c.now, tz, 12);
  const fold = new FactFold(prepare(sources), instants.reports, instants.trend);
  for (const part of parts(facts, facts.length)) for (const fact of part) fold.add(fact);
  const folded = fold.result();
  return {
    report: plain(reportFrom(folded, c.now), c.full),
    weekly: plain(reportFrom(folded, snapshotInstant(weekEndOf(c.now, tz), tz)), c.full),
    trend: completeSnapshots(folded, trendWeekEnds(c.now, tz, 12), [], c.now),
  };
}

describe('KPI report from facts folded part by part, in any order', () => {
  if (process.env.UPDATE_KPI_GOLDEN === '1') {
    writeFileSync(GOLDEN, `${JSON.stringify(Object.fromEntries(CASES.map((c) => [c.name, computed(c)])))}\n`);
  }
  const golden = existsSync(GOLDEN) ? (JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>) : {};

  // Mutation runs (vitest.domain.config.mts sets MUTATION_RUN) leave out the generated 2,000-issue
  // projects: every mutant of kpis ran them (3 s of a survivor's 5), and the hand-built project
  // reaches the same code. jest (`npm test`) runs all six.
  const cases = process.env.MUTATION_RUN === '1' ? CASES.filter((c) => !c.name.startsWith('generated')) : CASES;
  it.each(cases.map((c) => [c.name, c] as const))('%s: the same figures, notes, drill-downs and trend as when every fact was held', (name, c) => {
    expect(JSON.parse(JSON.stringify(computed(c)))).toEqual(golden[name]);
  });
});
