/**
 * DORA figures at their edges, on small hand-computed histories: instants that coincide (a signal at
 * the report's "now", a deployment at a window's first instant), repeated failures, several
 * incidents and versions at once. Window: 1–14 March 2026 unless said (now is 15 March, 12:00 UTC).
 */
import type { KpiFigureId } from '../../../src/contract-kpis';
import { foldFacts } from '../../../src/domain/kpis/fact-digest';
import { type KpiDeploymentEvent, prepare } from '../../../src/domain/kpis/model';
import { computeKpiReport, reportFrom } from '../../../src/domain/kpis/report';
import { type ExampleIssue, type ExampleVersion, exampleInput } from './kpi-example';

const NOW = '2026-03-15T12:00:00Z';

const prod = (id: string, at: string, extra: Partial<KpiDeploymentEvent> = {}): KpiDeploymentEvent => ({ id, environment: 'production', status: 'successful', at, ...extra });
const incident = (key: string, created: string, resolved?: string, affects?: string[]): ExampleIssue => ({
  key,
  type: 'Incident',
  created,
  ...(resolved ? { resolved, resolution: 'Done' } : {}),
  ...(affects ? { affects } : {}),
});

interface History {
  deployments: KpiDeploymentEvent[];
  issues?: ExampleIssue[];
  versions?: ExampleVersion[];
  settings?: Record<string, unknown>;
  now?: string;
}

function reportOf(h: History) {
  const now = h.now ?? NOW;
  return computeKpiReport(exampleInput({ name: 'edges', now, settings: { windowDays: 14, ...h.settings }, deployments: h.deployments, issues: h.issues ?? [], versions: h.versions ?? [], expect: {} }), new Date(now));
}
type Report = ReturnType<typeof reportOf>;
const figureOf = (report: Report, id: KpiFigureId) => report.figures.find((f) => f.id === id)!;
const failures = (report: Report) => report.drilldowns['change-failure-rate'].rows.map((r) => [r.deployment ?? r.incidents, r.signals, r.incidents]);
const recoveries = (report: Report) => report.drilldowns['recovery-time'].rows.map((r) => [r.deployment, r.recovered, r.by, r.hours]);

describe('DORA figures at their edges', () => {
  it('a failed attempt retried and failed again is put right by the first successful deployment, not the next attempt', () => {
    const report = reportOf({ deployments: [prod('R1', '2026-03-02T10:00:00Z', { status: 'failed' }), prod('R2', '2026-03-02T10:30:00Z', { status: 'failed' }), prod('R3', '2026-03-02T11:00:00Z')] });
    expect(recoveries(report)).toEqual([
      ['R1', '2026-03-02T11:00Z', 'next successful deployment R3', 1],
      ['R2', '2026-03-02T11:00Z', 'next successful deployment R3', 0.5],
    ]);
    expect(figureOf(report, 'recovery-time').notes).toEqual([
      'Timed from when the failure was detected: the incident raised, or the deployment itself for rollbacks, hotfixes and failed deployments.',
      'Recovery of an incident-signalled failure: the incident resolved; an open incident is not recovered.',
    ]);
  });

  it('a rollback before any change rolls back nothing, even with changes after it', () => {
    const report = reportOf({ deployments: [prod('RB', '2026-03-02T09:00:00Z', { isRollback: true }), prod('R1', '2026-03-02T10:00:00Z'), prod('R2', '2026-03-02T11:00:00Z')] });
    expect(failures(report)).toEqual([
      ['R1', null, null],
      ['R2', null, null],
    ]);
  });

  it('a deployment with two incidents lists both, and recovers when the later one is resolved', () => {
    const report = reportOf({
      deployments: [prod('R', '2026-03-02T10:00:00Z')],
      issues: [incident('P-1', '2026-03-02T11:00:00Z', '2026-03-02T15:00:00Z'), incident('P-2', '2026-03-02T12:00:00Z', '2026-03-02T13:00:00Z')],
    });
    expect(failures(report)).toEqual([['R', 'incident P-1 (2026-03-02T11:00Z); incident P-2 (2026-03-02T12:00Z)', 'P-1, P-2']]);
    // Detected at 11:00 (the first incident), put right at 15:00 (the last).
    expect(recoveries(report)).toEqual([['R', '2026-03-02T15:00Z', 'P-1 resolved', 4]]);
    expect(figureOf(report, 'change-failure-rate').secondary[1]).toEqual({ label: 'Incidents attributed', value: 2, display: '2' });
  });

  it('an incident names its release by the affected version deployed last before it, not a deployment of it after the incident', () => {
    const versions = [
      { id: '1', name: '2026.03.0', released: true },
      { id: '2', name: '2026.02.9', released: true },
    ];
    const deployments = [
      prod('OLD', '2026-03-01T10:00:00Z', { version: '2026.02.9' }),
      prod('V1', '2026-03-02T10:00:00Z', { version: '2026.03.0' }),
      prod('CD', '2026-03-03T10:00:00Z'),
      prod('V1-again', '2026-03-07T10:00:00Z', { version: '2026.03.0' }),
    ];
    // Affects 2026.03.0 and the older 2026.02.9: the latest deployment of either before it is V1.
    const report = reportOf({ deployments, versions, issues: [incident('P-1', '2026-03-04T10:00:00Z', '2026-03-04T11:00:00Z', ['1', '2'])] });
    expect(failures(report).filter(([, signals]) => signals !== null)).toEqual([['V1', 'incident P-1 (2026-03-04T10:00Z)', 'P-1']]);
  });

  it('recovery ending with the fix deployed: a deployment a millisecond before the incident was resolved did not ship the fix', () => {
    const report = reportOf({
      deployments: [prod('R', '2026-03-02T10:00:00Z'), prod('EARLY', '2026-03-02T13:59:59.999Z'), prod('FIX', '2026-03-02T16:00:00Z')],
      issues: [incident('P-1', '2026-03-02T12:00:00Z', '2026-03-02T14:00:00Z')],
      settings: { recoveryEnd: 'fix-deployed' },
    });
    expect(recoveries(report)).toEqual([['R', '2026-03-02T16:00Z', 'fix deployed in FIX after P-1 was resolved', 4]]);
  });

  it.each([
    ['an incident raised at the very instant of the report is known', '2026-03-05T10:00:00Z', [['R', null, 'not yet: P-1 still open', null]]],
    ['an incident resolved at the very instant of the report is recovered', '2026-03-05T11:00:00Z', [['R', '2026-03-05T11:00Z', 'P-1 resolved', 1]]],
  ])('%s', (_case, now, expected) => {
    const issues = [incident('P-1', '2026-03-05T10:00:00Z', now === '2026-03-05T11:00:00Z' ? '2026-03-05T11:00:00Z' : undefined)];
    expect(recoveries(reportOf({ deployments: [prod('R', '2026-03-04T10:00:00Z')], issues, now }))).toEqual(expected);
  });

  it('lists the issues resolved after their version was deployed by key, whatever order they came in, and not for a version deployed only today', () => {
    const story = (key: string, version: string): ExampleIssue => ({ key, type: 'Story', created: '2026-03-01T00:00:00Z', started: '2026-03-02T00:00:00Z', resolved: '2026-03-15T10:00:00Z', resolution: 'Done', fixVersions: [[version, '2026-03-01T00:00:00Z', null]] });
    const report = reportOf({
      versions: [
        { id: '1', name: '1.0', released: true },
        { id: '2', name: '1.1', released: true },
      ],
      // 1.1 was deployed today, after the window: what was resolved after it is for tomorrow's report.
      deployments: [prod('D1', '2026-03-10T12:00:00Z', { version: '1.0' }), prod('D2', '2026-03-15T09:00:00Z', { version: '1.1' })],
      issues: [story('P-3', '1'), story('P-1', '1'), story('P-2', '1'), story('P-4', '2')],
    });
    expect(figureOf(report, 'lead-time').notes[0]).toBe('3 issues resolved after their version was deployed, and not shipped by a later deployment yet, not counted: P-1, P-2, P-3.');
  });

  it('takes a deployment at the first instant of a window into it, and one at the start of the next day out, when one history is read at three instants', () => {
    const story = (key: string, started: string): ExampleIssue => ({ key, type: 'Story', created: '2026-03-01T00:00:00Z', started, resolved: started.replace('T00', 'T12'), resolution: 'Done' });
    const input = exampleInput({
      name: 'window edges',
      now: NOW,
      settings: { windowDays: 7 },
      issues: [story('P-1', '2026-03-03T00:00:00Z'), story('P-2', '2026-03-10T00:00:00Z'), story('P-3', '2026-03-11T00:00:00Z')],
      deployments: [
        prod('D1', '2026-03-04T00:00:00Z', { issueKeys: ['P-1'] }),
        prod('D2', '2026-03-11T00:00:00Z', { issueKeys: ['P-2'] }),
        prod('D3', '2026-03-12T00:00:00Z', { issueKeys: ['P-3'] }),
      ],
      expect: {},
    });
    const instants = ['2026-03-08T12:00:00Z', '2026-03-11T12:00:00Z', '2026-03-13T12:00:00Z'].map((at) => new Date(at));
    const folded = foldFacts(prepare(input), input.facts, instants);
    // Windows: 1–7 March, 4–10 March (D1 at its first instant; D2 at the start of the 11th is out), 6–12 March.
    expect(instants.map((now) => reportFrom(folded, now).drilldowns['lead-time'].issueKeys)).toEqual([['P-1'], ['P-1'], ['P-2', 'P-3']]);
  });
});
