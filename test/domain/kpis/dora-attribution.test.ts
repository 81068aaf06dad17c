/**
 * Which production deployment a failure signal points at, and when it counts as put right: small
 * histories around one release, by hand. Window: 1–14 March 2026 (now is 15 March, 12:00 UTC).
 */
import type { KpiFigureId } from '../../../src/contract-kpis';
import { foldFacts } from '../../../src/domain/kpis/fact-digest';
import { type KpiDeploymentEvent, prepare } from '../../../src/domain/kpis/model';
import { computeKpiReport, reportFrom } from '../../../src/domain/kpis/report';
import { type ExampleIssue, type KpiExample, exampleInput } from './kpi-example';

const NOW = '2026-03-15T12:00:00Z';

const prod = (id: string, at: string, extra: Partial<KpiDeploymentEvent> = {}): KpiDeploymentEvent => ({ id, environment: 'production', status: 'successful', at: `2026-03-${at}:00Z`, ...extra });
const incident = (key: string, created: string, resolved?: string, affects?: string[]): ExampleIssue => ({
  key,
  type: 'Incident',
  created: `2026-03-${created}:00Z`,
  ...(resolved ? { resolved: `2026-03-${resolved}:00Z`, resolution: 'Done' } : {}),
  ...(affects ? { affects } : {}),
});

function reportOf(deployments: KpiDeploymentEvent[], issues: ExampleIssue[] = [], settings: Record<string, unknown> = {}, extra: Partial<KpiExample> = {}) {
  return computeKpiReport(exampleInput({ name: 'history', now: NOW, settings: { windowDays: 14, ...settings }, deployments, issues, expect: {}, ...extra }), new Date(extra.now ?? NOW));
}
const figureOf = (report: ReturnType<typeof reportOf>, id: KpiFigureId) => report.figures.find((f) => f.id === id)!;
/** Each deployment of the change failure rate's drill-down with its failure signals (null: none); unattributed incidents by key. */
const failures = (report: ReturnType<typeof reportOf>) => report.drilldowns['change-failure-rate'].rows.map((r) => [r.deployment ?? r.incidents, r.signals]);
const recoveries = (report: ReturnType<typeof reportOf>) => report.drilldowns['recovery-time'].rows.map((r) => [r.deployment, r.started, r.recovered, r.by, r.hours]);

describe('the failure window: a signal counts up to failureWindowHours after the deployment, not a minute more', () => {
  const release = prod('R', '02T10:00');
  it.each([
    ['an incident raised', [release], [incident('P-1', '03T10:00', '03T11:00')], 'incident P-1 (2026-03-03T10:00Z)'],
    ['a rollback', [release, prod('RB', '03T10:00', { isRollback: true })], [], 'rollback RB (2026-03-03T10:00Z)'],
    ['a hotfix', [release, prod('HF', '03T10:00', { isHotfix: true })], [], 'hotfix HF (2026-03-03T10:00Z)'],
  ])('%s exactly 24 h after the release marks it failed', (_what, deployments, issues, signals) => {
    expect(failures(reportOf(deployments, issues, { failureWindowHours: 24 }))[0]).toEqual(['R', signals]);
  });

  it.each([
    ['a rollback', [release, prod('RB', '03T10:01', { isRollback: true })]],
    ['a hotfix', [release, prod('HF', '03T10:01', { isHotfix: true })]],
  ])('%s 24 h and a minute after the release is not its failure', (_what, deployments) => {
    expect(failures(reportOf(deployments, [], { failureWindowHours: 24 }))[0]).toEqual(['R', null]);
  });

  it('an incident 24 h and a minute after the release is listed as not attributed, with why', () => {
    const report = reportOf([release], [incident('P-1', '03T10:01', '03T11:00')], { failureWindowHours: 24 });
    expect(failures(report)).toEqual([
      ['R', null],
      ['P-1', 'incident P-1 not attributed: the last live production deployment before it was 24 h earlier, more than the 24 h failure window'],
    ]);
    expect(figureOf(report, 'change-failure-rate').notes).toEqual([
      'Failure signals: failed-status, rollback, hotfix, incident; a failure counts within 24 h after the deployment.',
      '1 incident in the window not attributed to a deployment (listed in the drill-down).',
    ]);
  });
});

describe('what a failure signal points at', () => {
  it('a hotfix marks the last live deployment before it, not itself and not a failed attempt in between', () => {
    const report = reportOf([prod('R', '02T10:00'), prod('R2', '02T11:00', { status: 'failed' }), prod('HF', '02T16:00', { version: '1.0.1', isHotfix: true })]);
    expect(failures(report)).toEqual([
      ['R', 'hotfix HF (2026-03-02T16:00Z)'],
      ['R2', 'deployment reported failed/rolled back (2026-03-02T11:00Z)'],
      ['HF', null],
    ]);
    expect(recoveries(report)).toEqual([
      ['R', '2026-03-02T10:00Z', '2026-03-02T16:00Z', 'hotfix 1.0.1', 6],
      ['R2', '2026-03-02T11:00Z', '2026-03-02T16:00Z', 'next successful deployment HF', 5],
    ]);
  });

  it('a hotfix with no live deployment before it is nobody’s failure', () => {
    const report = reportOf([prod('R', '02T10:00', { status: 'failed' }), prod('HF', '02T16:00', { isHotfix: true })]);
    expect(failures(report)).toEqual([
      ['R', 'deployment reported failed/rolled back (2026-03-02T10:00Z)'],
      ['HF', null],
    ]);
  });

  it('a rollback marks the last change before it, even a failed attempt, and never itself', () => {
    const report = reportOf([prod('R', '02T10:00'), prod('R2', '02T11:00', { status: 'rolled_back' }), prod('RB', '02T11:30', { isRollback: true })]);
    expect(failures(report)).toEqual([
      ['R', null],
      ['R2', 'deployment reported failed/rolled back (2026-03-02T11:00Z); rollback RB (2026-03-02T11:30Z)'],
    ]);
    // The rollback is the next successful production deployment: it puts the failed attempt right.
    expect(recoveries(report)).toEqual([['R2', '2026-03-02T11:00Z', '2026-03-02T11:30Z', 'next successful deployment RB', 0.5]]);
  });

  it('a hotfix whose pipeline failed is no hotfix yet: its successful retry is', () => {
    const report = reportOf([prod('R', '02T10:00'), prod('HF', '03T10:00', { status: 'failed', isHotfix: true }), prod('HF2', '03T10:30', { isHotfix: true })]);
    expect(failures(report)).toEqual([
      ['R', 'hotfix HF2 (2026-03-03T10:30Z)'],
      ['HF', 'deployment reported failed/rolled back (2026-03-03T10:00Z)'],
      ['HF2', null],
    ]);
  });

  it('a rollback that failed rolled nothing back', () => {
    expect(failures(reportOf([prod('R', '02T10:00'), prod('RB', '02T11:00', { status: 'failed', isRollback: true })]))).toEqual([['R', null]]);
  });

  it('a rollback before any change is nobody’s failure', () => {
    expect(failures(reportOf([prod('RB', '02T09:00', { isRollback: true }), prod('R', '02T10:00')]))).toEqual([['R', null]]);
  });

  it('an incident raised the minute a deployment lands is that deployment’s', () => {
    expect(failures(reportOf([prod('R1', '02T10:00'), prod('R2', '03T10:00')], [incident('P-1', '03T10:00', '03T12:00')]))).toEqual([
      ['R1', null],
      ['R2', 'incident P-1 (2026-03-03T10:00Z)'],
    ]);
  });

  it('an incident after a failed attempt is the failure of the deployment that was live', () => {
    expect(failures(reportOf([prod('R1', '02T10:00'), prod('R2', '03T09:00', { status: 'failed' })], [incident('P-1', '03T10:00', '03T12:00')]))).toEqual([
      ['R1', 'incident P-1 (2026-03-03T10:00Z)'],
      ['R2', 'deployment reported failed/rolled back (2026-03-03T09:00Z)'],
    ]);
  });

  it('an incident names its release by the affected version, the last deployment of it before the incident', () => {
    const versions = [
      { id: '1', name: '2026.03.0', released: true },
      { id: '2', name: '2026.03.1', released: true },
    ];
    const deployments = [prod('V1', '02T10:00', { version: '2026.03.0' }), prod('V1b', '03T10:00', { version: '2026.03.0' }), prod('CD', '04T10:00'), prod('V2', '06T10:00', { version: '2026.03.1' })];
    // P-1 affects 2026.03.0 (deployed twice before it): V1b, not the continuous deployment CD after it.
    // P-2 affects 2026.03.1, deployed only after P-2 was raised: the last live deployment before it, CD.
    const report = reportOf(deployments, [incident('P-1', '05T10:00', '05T11:00', ['1']), incident('P-2', '05T12:00', '05T13:00', ['2'])], {}, { versions });
    expect(failures(report)).toEqual([
      ['V1', null],
      ['V1b', 'incident P-1 (2026-03-05T10:00Z)'],
      ['CD', 'incident P-2 (2026-03-05T12:00Z)'],
      ['V2', null],
    ]);
  });

  it('an incident raised before any production deployment is listed as not attributed', () => {
    expect(failures(reportOf([prod('R', '02T10:00')], [incident('P-1', '01T08:00', '01T09:00')]))).toEqual([
      ['R', null],
      ['P-1', 'incident P-1 not attributed: no production deployment before it'],
    ]);
  });
});

describe('when a failed deployment is put right', () => {
  it('every signal must be put right: the rollback at 11:00, the incident resolved at 10:45, recovered at 11:00 (1 h)', () => {
    const report = reportOf([prod('R', '02T10:00'), prod('RB', '02T11:00', { isRollback: true })], [incident('P-1', '02T10:15', '02T10:45')]);
    expect(recoveries(report)).toEqual([['R', '2026-03-02T10:00Z', '2026-03-02T11:00Z', 'rollback RB', 1]]);
  });

  it('a failed deployment with a signal still open is not recovered, whatever else was put right', () => {
    const report = reportOf([prod('R', '02T10:00'), prod('RB', '02T11:00', { isRollback: true })], [incident('P-1', '02T10:15')]);
    expect(recoveries(report)).toEqual([['R', '2026-03-02T10:00Z', null, 'not yet: P-1 still open', null]]);
    expect(figureOf(report, 'recovery-time')).toMatchObject({ value: null, display: '–', rag: 'neutral', numerator: { value: 0 }, denominator: { value: 1 } });
    expect(figureOf(report, 'recovery-time')).not.toHaveProperty('band');
  });

  it('a failed attempt with no successful deployment since is not recovered', () => {
    const report = reportOf([prod('R', '02T10:00'), prod('R2', '09T10:00', { status: 'failed' })]);
    expect(recoveries(report)).toEqual([['R2', '2026-03-09T10:00Z', null, 'not yet: no successful deployment since', null]]);
  });

  it.each([
    ['a deployment the minute the incident is resolved ships the fix', [prod('R', '02T10:00'), prod('FIX', '02T14:00')], '2026-03-02T14:00Z', 'fix deployed in FIX after P-1 was resolved', 4],
    ['with no deployment since, the incident is not recovered', [prod('R', '02T10:00')], null, 'not yet: P-1 resolved, no deployment since', null],
  ])('recovery ending with the fix deployed: %s', (_case, deployments, recovered, by, hours) => {
    const report = reportOf(deployments, [incident('P-1', '02T10:00', '02T14:00')], { recoveryEnd: 'fix-deployed' });
    expect(recoveries(report)[0]).toEqual(['R', '2026-03-02T10:00Z', recovered, by, hours]);
  });

  it('an imported incident resolved before it was raised recovers in 0 h, never in negative hours', () => {
    const report = reportOf([prod('R', '02T10:00')], [incident('P-1', '02T12:00', '02T11:00')]);
    expect(recoveries(report)).toEqual([['R', '2026-03-02T12:00Z', '2026-03-02T11:00Z', 'P-1 resolved', 0]]);
  });
});

describe('the window’s edges and an empty window', () => {
  it('counts a deployment at the first instant of the window and none at the start of today', () => {
    const report = reportOf([prod('edge', '01T00:00'), prod('today', '15T00:00'), { ...prod('before', '01T00:00'), at: '2026-02-28T23:59:59.999Z' }]);
    expect(report.drilldowns['deployment-frequency'].rows.map((r) => r.deployment)).toEqual(['edge']);
    expect(figureOf(report, 'deployment-frequency')).toMatchObject({ value: 0.5, numerator: { value: 1 } });
  });

  it('has no change failure rate, recovery time or lead time without deployments, and says so', () => {
    const report = reportOf([], [incident('P-1', '05T10:00', '05T11:00')]);
    const rate = figureOf(report, 'change-failure-rate');
    expect({ value: rate.value, display: rate.display, rag: rate.rag, numerator: rate.numerator.value, denominator: rate.denominator?.value, band: rate.band }).toEqual({
      value: null,
      display: '–',
      rag: 'neutral',
      numerator: 0,
      denominator: 0,
      band: undefined,
    });
    expect(rate).not.toHaveProperty('band');
    expect(failures(report)).toEqual([['P-1', 'incident P-1 not attributed: no production deployment before it']]);
    const frequency = figureOf(report, 'deployment-frequency');
    expect({ value: frequency.value, display: frequency.display, band: frequency.band?.level, rag: frequency.rag }).toEqual({ value: 0, display: '0 per week', band: 'low', rag: 'red' });
    for (const id of ['recovery-time', 'lead-time'] as const) {
      expect(figureOf(report, id)).toMatchObject({ value: null, display: '–', rag: 'neutral', numerator: { value: 0 } });
      expect(figureOf(report, id)).not.toHaveProperty('band');
    }
    expect(figureOf(report, 'lead-time').secondary).toEqual([
      { label: '85th percentile', value: null, display: '–' },
      { label: 'Mean', value: null, display: '–' },
    ]);
    expect(figureOf(report, 'recovery-time').secondary).toEqual([
      { label: '85th percentile', value: null, display: '–' },
      { label: 'Not recovered yet', value: 0, display: '0' },
    ]);
  });
});

describe('one history read at two instants', () => {
  it('gives each instant its own failures: what was known on 5 March, on 6 March, and on 15 March', () => {
    const deployments = [prod('R', '02T10:00'), prod('R2', '04T10:00')];
    const issues = [incident('P-1', '05T10:00', '07T10:00')];
    const input = exampleInput({ name: 'two instants', now: NOW, settings: { windowDays: 14 }, deployments, issues, expect: {} });
    const before = new Date('2026-03-05T09:00:00Z');
    const early = new Date('2026-03-06T12:00:00Z');
    const late = new Date(NOW);
    const folded = foldFacts(prepare(input), input.facts, [before, early, late]);
    const at = (now: Date) => recoveries(reportFrom(folded, now) as ReturnType<typeof reportOf>);
    // Before P-1 was raised, R2 had not failed.
    expect(at(before)).toEqual([]);
    expect(failures(reportFrom(folded, before) as ReturnType<typeof reportOf>)).toEqual([
      ['R', null],
      ['R2', null],
    ]);
    expect(at(early)).toEqual([['R2', '2026-03-05T10:00Z', null, 'not yet: not by 2026-03-06T12:00Z', null]]);
    expect(at(late)).toEqual([['R2', '2026-03-05T10:00Z', '2026-03-07T10:00Z', 'P-1 resolved', 48]]);
    expect(at(early)).toEqual([['R2', '2026-03-05T10:00Z', null, 'not yet: not by 2026-03-06T12:00Z', null]]);
  });
});
