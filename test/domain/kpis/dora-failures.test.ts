/**
 * The four DORA figures on a fortnight of a web team's production history, computed by hand:
 * a release rolled back the same morning, a pipeline that failed and was retried, a hotfix the next
 * day, an incident against the hotfix's version, an incident still open, and two incidents no
 * deployment can be blamed for. Window: the 14 days 1–14 March 2026 (now is 15 March, 12:00 UTC).
 */
import type { KpiFigureId } from '../../../src/contract-kpis';
import type { KpiDeploymentEvent } from '../../../src/domain/kpis/model';
import { computeKpiReport } from '../../../src/domain/kpis/report';
import { type ExampleIssue, type KpiExample, exampleInput } from './kpi-example';

const NOW = '2026-03-15T12:00:00Z';

const deployments: KpiDeploymentEvent[] = [
  { id: 'old', environment: 'production', status: 'successful', at: '2026-02-20T10:00:00Z' },
  { id: 'A', environment: 'production', status: 'successful', at: '2026-03-02T10:00:00Z', version: '2026.03.0' },
  { id: 'RB', environment: 'production', status: 'successful', at: '2026-03-02T12:00:00Z', version: '2026.03.0', isRollback: true },
  { id: 'B', environment: 'production', status: 'failed', at: '2026-03-03T09:00:00Z', version: '2026.03.0' },
  { id: 'C', environment: 'Production', status: 'successful', at: '2026-03-03T09:30:00Z', version: '2026.03.0' },
  { id: 'stg', environment: 'staging', status: 'successful', at: '2026-03-04T08:00:00Z', version: '2026.03.1' },
  { id: 'H', environment: 'production', status: 'successful', at: '2026-03-04T15:30:00Z', version: '2026.03.1', isHotfix: true },
  { id: 'D', environment: 'prod', status: 'successful', at: '2026-03-09T10:00:00Z' },
  { id: 'X', environment: 'production', status: 'cancelled', at: '2026-03-10T10:00:00Z' },
  { id: 'E', environment: 'production', status: 'successful', at: '2026-03-11T10:00:00Z' },
  { id: 'F', environment: 'production', status: 'successful', at: '2026-03-12T10:00:00Z' },
  { id: 'T', environment: 'production', status: 'successful', at: '2026-03-15T08:00:00Z' },
];

const incidents: ExampleIssue[] = [
  // Against the hotfix's version, two days after it: resolved four hours later.
  { key: 'P-31', type: 'Incident', created: '2026-03-06T10:00:00Z', resolved: '2026-03-06T14:00:00Z', resolution: 'Done', affects: ['2'] },
  // The day after D, still open.
  { key: 'P-32', type: 'Incident', created: '2026-03-10T10:00:00Z' },
  // 212 hours after the last deployment before it: beyond the 168 h failure window.
  { key: 'P-33', type: 'Incident', created: '2026-03-01T06:00:00Z', resolved: '2026-03-01T07:00:00Z', resolution: 'Done' },
  // Against 2026.03.0, last deployed (C) 242.5 hours earlier: not attributed, not even to F.
  { key: 'P-34', type: 'Incident', created: '2026-03-13T12:00:00Z', resolved: '2026-03-13T13:00:00Z', resolution: 'Done', affects: ['1'] },
];

const fortnight: KpiExample = {
  name: 'a fortnight of a web team',
  now: NOW,
  settings: { windowDays: 14 },
  issues: incidents,
  versions: [
    { id: '1', name: '2026.03.0', startDate: '2026-02-16', releaseDate: '2026-03-02', released: true },
    { id: '2', name: '2026.03.1', startDate: '2026-03-03', releaseDate: '2026-03-04', released: true },
  ],
  deployments,
  expect: {},
};

function reportOf(example: KpiExample, settings: Record<string, unknown> = {}) {
  return computeKpiReport(exampleInput({ ...example, settings: { ...example.settings, ...settings } }), new Date(example.now));
}
const figureOf = (report: ReturnType<typeof reportOf>, id: KpiFigureId) => report.figures.find((f) => f.id === id)!;
const window = { from: '2026-03-01', to: '2026-03-15', days: 14, timeZone: 'UTC' };
const SOURCE = 'CI/CD sent 10 production deployments for this project, so those are counted (version releases are not).';

describe('DORA figures of a fortnight with a rollback, a retried pipeline, a hotfix and incidents', () => {
  it('deployment frequency: 7 production changes in 14 days are 3.5 per week (high); the rollback, the staging run, the cancelled run and today’s deployment do not count', () => {
    const report = reportOf(fortnight);
    expect(figureOf(report, 'deployment-frequency')).toEqual({
      id: 'deployment-frequency',
      group: 'dora',
      title: 'Deployment frequency',
      value: 3.5,
      unit: 'per-week',
      display: '3.50 per week',
      statistic: 'rate',
      numerator: { value: 7, label: 'production deployments' },
      denominator: { value: 14, label: 'days in the window' },
      secondary: [
        { label: 'Per day', value: 0.5, display: '0.500' },
        { label: 'Deployment days', value: 6, display: '6 deployment days (not counted)' },
      ],
      band: { table: '2023', level: 'high', label: 'High', wording: 'Between once per day and once per week', rule: 'at least once per 7 days' },
      rag: 'green',
      window,
      definition: 'Production deployments (not rollbacks) per week of the window; failed and rolled-back attempts count, as in the change failure rate.',
      notes: [SOURCE, '1 rollback in the window not counted: a rollback is not a change.'],
      drilldownRows: 7,
    });
    const row = (deployment: string, at: string, version: string | null, status: string, failed: boolean, environment = 'production') => ({ deployment, at, day: at.slice(0, 10), environment, version, status, failed });
    expect(report.drilldowns['deployment-frequency']).toEqual({
      figureId: 'deployment-frequency',
      title: 'Production deployments in the window',
      columns: [
        { key: 'deployment', label: 'Deployment', kind: 'deployment' },
        { key: 'at', label: 'Deployed (UTC)', kind: 'time' },
        { key: 'day', label: 'Day (UTC)', kind: 'day' },
        { key: 'environment', label: 'Environment', kind: 'text' },
        { key: 'version', label: 'Version', kind: 'text' },
        { key: 'status', label: 'Status', kind: 'text' },
        { key: 'failed', label: 'Failed', kind: 'flag' },
      ],
      rows: [
        row('A', '2026-03-02T10:00Z', '2026.03.0', 'successful', true),
        row('B', '2026-03-03T09:00Z', '2026.03.0', 'failed', true),
        row('C', '2026-03-03T09:30Z', '2026.03.0', 'successful', true, 'Production'),
        row('H', '2026-03-04T15:30Z', '2026.03.1', 'successful', true),
        row('D', '2026-03-09T10:00Z', null, 'successful', true, 'prod'),
        row('E', '2026-03-11T10:00Z', null, 'successful', false),
        row('F', '2026-03-12T10:00Z', null, 'successful', false),
      ],
      issueKeys: [],
    });
  });

  it('deployment frequency by deployment days: 6 days with a production change in 14 days are 3 per week', () => {
    const figure = figureOf(reportOf(fortnight, { frequencyCounts: 'deployment-days' }), 'deployment-frequency');
    expect({ value: figure.value, display: figure.display, numerator: figure.numerator, secondary: figure.secondary, band: figure.band?.level, definition: figure.definition }).toEqual({
      value: 3,
      display: '3 per week',
      numerator: { value: 6, label: 'days with a production deployment' },
      secondary: [
        { label: 'Deployment days per day', value: 6 / 14, display: '0.429' },
        { label: 'Deployments', value: 7, display: '7 deployments (not counted)' },
      ],
      band: 'high',
      definition: 'Days with at least one production deployment (not a rollback), per week of the window.',
    });
  });

  it('change failure rate: 5 of 7 deployments failed (low): rolled back, failed status, hotfixed, and two with an incident; two incidents are not attributed', () => {
    const report = reportOf(fortnight);
    expect(figureOf(report, 'change-failure-rate')).toEqual({
      id: 'change-failure-rate',
      group: 'dora',
      title: 'Change failure rate',
      value: 5 / 7,
      unit: 'percent',
      display: '71.4%',
      statistic: 'share',
      numerator: { value: 5, label: 'production deployments followed by a failure' },
      denominator: { value: 7, label: 'production deployments in the window' },
      secondary: [
        { label: 'Failed deployments', value: 5, display: '5' },
        { label: 'Incidents attributed', value: 2, display: '2' },
        { label: 'Incidents not attributed', value: 2, display: '2' },
      ],
      band: { table: '2023', level: 'low', label: 'Low', wording: '64%', rule: 'over 15%' },
      rag: 'red',
      window,
      definition: 'Share of production deployments of the window followed, within the failure window, by a failure signal (incident, rollback, hotfix or a failed status).',
      notes: [
        'Failure signals: failed-status, rollback, hotfix, incident; a failure counts within 168 h after the deployment.',
        '2 incidents in the window not attributed to a deployment (listed in the drill-down).',
      ],
      drilldownRows: 9,
    });
    const row = (deployment: string, at: string, version: string | null, signals: string | null, incidents: string | null = null) => ({ deployment, at, version, failed: signals !== null, signals, incidents });
    expect(report.drilldowns['change-failure-rate']).toEqual({
      figureId: 'change-failure-rate',
      title: 'Production deployments in the window and the failures attributed to them',
      columns: [
        { key: 'deployment', label: 'Deployment', kind: 'deployment' },
        { key: 'at', label: 'Deployed / raised (UTC)', kind: 'time' },
        { key: 'version', label: 'Version', kind: 'text' },
        { key: 'failed', label: 'Failed', kind: 'flag' },
        { key: 'signals', label: 'Failure signals', kind: 'text' },
        { key: 'incidents', label: 'Incidents', kind: 'issues' },
      ],
      rows: [
        row('A', '2026-03-02T10:00Z', '2026.03.0', 'rollback RB (2026-03-02T12:00Z)'),
        row('B', '2026-03-03T09:00Z', '2026.03.0', 'deployment reported failed/rolled back (2026-03-03T09:00Z)'),
        row('C', '2026-03-03T09:30Z', '2026.03.0', 'hotfix H (2026-03-04T15:30Z)'),
        row('H', '2026-03-04T15:30Z', '2026.03.1', 'incident P-31 (2026-03-06T10:00Z)', 'P-31'),
        row('D', '2026-03-09T10:00Z', null, 'incident P-32 (2026-03-10T10:00Z)', 'P-32'),
        row('E', '2026-03-11T10:00Z', null, null),
        row('F', '2026-03-12T10:00Z', null, null),
        {
          deployment: null,
          at: '2026-03-01T06:00Z',
          version: null,
          failed: null,
          signals: 'incident P-33 not attributed: the last live production deployment before it was 8.8 days earlier, more than the 168 h failure window',
          incidents: 'P-33',
        },
        {
          deployment: null,
          at: '2026-03-13T12:00Z',
          version: null,
          failed: null,
          signals: 'incident P-34 not attributed: its affected version was deployed 10.1 days before it, more than the 168 h failure window',
          incidents: 'P-34',
        },
      ],
      issueKeys: ['P-31', 'P-32', 'P-33', 'P-34'],
    });
  });

  it('change failure rate counting incidents: 2 attributed incidents over 7 deployments, the band only indicative', () => {
    const figure = figureOf(reportOf(fortnight, { cfrNumerator: 'incidents' }), 'change-failure-rate');
    expect({ value: figure.value, display: figure.display, statistic: figure.statistic, numerator: figure.numerator, band: figure.band?.level, definition: figure.definition, notes: figure.notes.slice(2) }).toEqual({
      value: 2 / 7,
      display: '28.6%',
      statistic: 'incidents per deployment',
      numerator: { value: 2, label: 'incidents attributed to those deployments' },
      band: 'low',
      definition: 'Incidents attributed to production deployments of the window, divided by those deployments.',
      notes: ['Counting incidents per deployment: the DORA bands are defined for failed deployments, so the band is indicative only.'],
    });
  });

  it('recovery time: the median of 0.5, 2, 4 and 30 hours is 3 h (high); the deployment with an open incident is not recovered yet', () => {
    const report = reportOf(fortnight);
    expect(figureOf(report, 'recovery-time')).toEqual({
      id: 'recovery-time',
      group: 'dora',
      title: 'Failed deployment recovery time',
      value: 3,
      unit: 'hours',
      display: '3 h',
      statistic: 'median',
      numerator: { value: 4, label: 'failed production deployments of the window that recovered' },
      denominator: { value: 5, label: 'failed production deployments in the window' },
      method: 'linear interpolation between the closest ranks (Excel PERCENTILE.INC, numpy default)',
      secondary: [
        { label: '85th percentile', value: expect.closeTo(18.3, 9), display: '18.3 h' },
        { label: 'Not recovered yet', value: 1, display: '1' },
      ],
      band: { table: '2023', level: 'high', label: 'High', wording: 'Less than one day', rule: 'under 24 hours' },
      rag: 'green',
      window,
      definition:
        'Time from the detection of a failure of a production deployment (its first incident, else the deployment) until every failure attributed to it was put right (rollback, hotfix, next deployment or incident resolved); median.',
      notes: [
        'Timed from when the failure was detected: the incident raised, or the deployment itself for rollbacks, hotfixes and failed deployments.',
        'Recovery of an incident-signalled failure: the incident resolved; an open incident is not recovered.',
        '1 failed deployment not recovered yet: left out of the median.',
      ],
      drilldownRows: 5,
    });
    expect(report.drilldowns['recovery-time']).toEqual({
      figureId: 'recovery-time',
      title: 'Failed production deployments in the window',
      columns: [
        { key: 'deployment', label: 'Deployment', kind: 'deployment' },
        { key: 'at', label: 'Deployed (UTC)', kind: 'time' },
        { key: 'signals', label: 'Failure signals', kind: 'text' },
        { key: 'started', label: 'Failure from (UTC)', kind: 'time' },
        { key: 'recovered', label: 'Recovered (UTC)', kind: 'time' },
        { key: 'by', label: 'Recovered by', kind: 'text' },
        { key: 'hours', label: 'Recovery (h)', kind: 'number' },
      ],
      rows: [
        { deployment: 'A', at: '2026-03-02T10:00Z', signals: 'rollback RB (2026-03-02T12:00Z)', started: '2026-03-02T10:00Z', recovered: '2026-03-02T12:00Z', by: 'rollback RB', hours: 2 },
        { deployment: 'B', at: '2026-03-03T09:00Z', signals: 'deployment reported failed/rolled back (2026-03-03T09:00Z)', started: '2026-03-03T09:00Z', recovered: '2026-03-03T09:30Z', by: 'next successful deployment C', hours: 0.5 },
        { deployment: 'C', at: '2026-03-03T09:30Z', signals: 'hotfix H (2026-03-04T15:30Z)', started: '2026-03-03T09:30Z', recovered: '2026-03-04T15:30Z', by: 'hotfix 2026.03.1', hours: 30 },
        { deployment: 'H', at: '2026-03-04T15:30Z', signals: 'incident P-31 (2026-03-06T10:00Z)', started: '2026-03-06T10:00Z', recovered: '2026-03-06T14:00Z', by: 'P-31 resolved', hours: 4 },
        { deployment: 'D', at: '2026-03-09T10:00Z', signals: 'incident P-32 (2026-03-10T10:00Z)', started: '2026-03-10T10:00Z', recovered: null, by: 'not yet: P-32 still open', hours: null },
      ],
      issueKeys: ['P-31', 'P-32'],
    });
  });

  it.each([
    // recoveryStart deployment: H is timed from its deployment, 46.5 h; median of 0.5, 2, 30, 46.5
    [{ recoveryStart: 'deployment' }, 16, 39.075, 'H', '2026-03-04T15:30Z', '2026-03-06T14:00Z', 'P-31 resolved', 46.5],
    // recoveryEnd fix-deployed: P-31's fix shipped with D, the first deployment after its resolution: 72 h
    [{ recoveryEnd: 'fix-deployed' }, 16, 53.1, 'H', '2026-03-06T10:00Z', '2026-03-09T10:00Z', 'fix deployed in D after P-31 was resolved', 72],
  ] as const)('recovery time with %j: median %s h, p85 %s h', (settings, median, p85, deployment, started, recovered, by, hours) => {
    const report = reportOf(fortnight, settings);
    const figure = figureOf(report, 'recovery-time');
    expect([figure.value, figure.secondary[0]?.value]).toEqual([expect.closeTo(median, 9), expect.closeTo(p85, 9)]);
    expect(report.drilldowns['recovery-time'].rows.find((r) => r.deployment === deployment)).toMatchObject({ started, recovered, by, hours });
  });

  it('says how recovery is timed when it starts at the deployment and ends with the fix deployed', () => {
    const figure = figureOf(reportOf(fortnight, { recoveryStart: 'deployment', recoveryEnd: 'fix-deployed' }), 'recovery-time');
    expect({ definition: figure.definition, notes: figure.notes }).toEqual({
      definition: 'Time from a failed production deployment until every failure attributed to it was put right (rollback, hotfix, next deployment or incident resolved); median.',
      notes: [
        'Timed from the failed deployment.',
        'Recovery of an incident-signalled failure: the first production deployment after the incident was resolved (the fix shipped); an open incident is not recovered.',
        '1 failed deployment not recovered yet: left out of the median.',
      ],
    });
  });

  it.each([
    [['failed-status'], ['B'], 'failed-status'],
    [['rollback'], ['A'], 'rollback'],
    [['hotfix'], ['C'], 'hotfix'],
    [['incident'], ['H', 'D'], 'incident'],
    [[], [], 'none'],
  ] as const)('with only the failure signals %j, the failed deployments are %j', (failureSignals, failed, listed) => {
    const report = reportOf(fortnight, { failureSignals });
    const figure = figureOf(report, 'change-failure-rate');
    expect({ numerator: figure.numerator.value, note: figure.notes[0] }).toEqual({
      numerator: failed.length,
      note: `Failure signals: ${listed}; a failure counts within 168 h after the deployment.`,
    });
    expect(report.drilldowns['change-failure-rate'].rows.filter((r) => r.failed).map((r) => r.deployment)).toEqual(failed);
  });

  it('knows nothing after its "now": on 6 March at noon, H’s incident is known but not resolved yet, and later incidents do not exist', () => {
    const report = reportOf({ ...fortnight, now: '2026-03-06T12:00:00Z' });
    const cfr = figureOf(report, 'change-failure-rate');
    // Window 20 February – 5 March: old, A, B, C and H; P-33 (1 March) is the one unattributed incident.
    expect([cfr.numerator.value, cfr.denominator?.value, cfr.secondary.map((s) => s.value)]).toEqual([4, 5, [4, 1, 1]]);
    const recovery = figureOf(report, 'recovery-time');
    expect([recovery.value, recovery.numerator.value, recovery.denominator?.value]).toEqual([2, 3, 4]);
    expect(report.drilldowns['recovery-time'].rows.at(-1)).toEqual({
      deployment: 'H',
      at: '2026-03-04T15:30Z',
      signals: 'incident P-31 (2026-03-06T10:00Z)',
      started: '2026-03-06T10:00Z',
      recovered: null,
      by: 'not yet: not by 2026-03-06T12:00Z',
      hours: null,
    });
  });
});
