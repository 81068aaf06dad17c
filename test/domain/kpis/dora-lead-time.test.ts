/**
 * Lead time for changes on small histories computed by hand: from commit times when CI sends them
 * (DORA's definition), otherwise Jira's proxy from work started (or creation) to the first
 * production deployment. Window: 1–14 March 2026 (now is 15 March, 12:00 UTC).
 */
import { foldFacts } from '../../../src/domain/kpis/fact-digest';
import { type KpiDeploymentEvent, prepare } from '../../../src/domain/kpis/model';
import { computeKpiReport, reportFrom } from '../../../src/domain/kpis/report';
import { type ExampleIssue, type KpiExample, exampleInput } from './kpi-example';

const NOW = '2026-03-15T12:00:00Z';
const INTERPOLATED = 'linear interpolation between the closest ranks (Excel PERCENTILE.INC, numpy default)';
const window = { from: '2026-03-01', to: '2026-03-15', days: 14, timeZone: 'UTC' };

const prod = (id: string, at: string, extra: Partial<KpiDeploymentEvent> = {}): KpiDeploymentEvent => ({ id, environment: 'production', status: 'successful', at, ...extra });
const commits = (...list: Array<[string, string]>) => ({ commits: list.map(([sha, committedAt]) => ({ sha, committedAt })) });

function reportOf(example: Omit<KpiExample, 'name' | 'now' | 'expect'>, settings: Record<string, unknown> = {}) {
  return computeKpiReport(exampleInput({ name: 'lead time', now: NOW, expect: {}, ...example, settings: { windowDays: 14, ...settings } }), new Date(NOW));
}
const leadTime = (report: ReturnType<typeof reportOf>) => report.figures.find((f) => f.id === 'lead-time')!;

describe('lead time for changes from the commit times CI sends', () => {
  const deployments = [
    prod('d0', '2026-02-27T10:00:00Z', commits(['c0', '2026-02-26T10:00:00Z'])),
    // c0 was deployed before the window: not counted again.
    prod('d1', '2026-03-02T10:00:00Z', commits(['c1', '2026-03-01T10:00:00Z'], ['c2', '2026-03-02T08:00:00Z'], ['c0', '2026-02-26T10:00:00Z'])),
    // A failed pipeline brings nothing to production; its retry brings c3.
    prod('d2', '2026-03-03T09:00:00Z', { status: 'failed', ...commits(['c3', '2026-03-02T22:00:00Z']) }),
    prod('d3', '2026-03-03T10:00:00Z', commits(['c3', '2026-03-02T22:00:00Z'], ['c2', '2026-03-02T08:00:00Z'])),
    prod('d4', '2026-03-09T10:00:00Z'),
    // A commit time after the deployment (a skewed CI clock) is no lead time.
    prod('d5', '2026-03-09T12:00:00Z', commits(['c9', '2026-03-09T13:00:00Z'])),
    prod('today', '2026-03-15T09:00:00Z', commits(['c10', '2026-03-15T08:00:00Z'])),
  ];

  it('takes each commit once, at the first successful production deployment that brought it: 24, 2 and 12 h, median 12 h (elite)', () => {
    const report = reportOf({ deployments });
    expect(leadTime(report)).toEqual({
      id: 'lead-time',
      group: 'dora',
      title: 'Lead time for changes',
      value: 12,
      unit: 'hours',
      display: '12 h',
      statistic: 'median',
      numerator: { value: 3, label: 'commits first deployed to production in the window' },
      denominator: null,
      method: INTERPOLATED,
      secondary: [
        { label: '85th percentile', value: expect.closeTo(20.4, 9), display: '20.4 h' },
        { label: 'Mean', value: expect.closeTo(38 / 3, 9), display: '12.7 h' },
      ],
      band: { table: '2023', level: 'elite', label: 'Elite', wording: 'Less than one day', rule: 'under 24 hours' },
      rag: 'green',
      window,
      definition: 'Time from a commit until the first production deployment that brought it; median and 85th percentile.',
      notes: ['Commit to production, from the commit times CI sent with each deployment (DORA’s definition).', '1 production deployment in the window sent no commit times: not counted.'],
      drilldownRows: 3,
    });
    expect(report.drilldowns['lead-time']).toEqual({
      figureId: 'lead-time',
      title: 'Commits first deployed to production in the window',
      columns: [
        { key: 'commit', label: 'Commit', kind: 'text' },
        { key: 'committed', label: 'Committed (UTC)', kind: 'time' },
        { key: 'deployment', label: 'Deployment', kind: 'deployment' },
        { key: 'deployed', label: 'Deployed (UTC)', kind: 'time' },
        { key: 'hours', label: 'Lead time (h)', kind: 'number' },
      ],
      rows: [
        { commit: 'c1', committed: '2026-03-01T10:00Z', deployment: 'd1', deployed: '2026-03-02T10:00Z', hours: 24 },
        { commit: 'c2', committed: '2026-03-02T08:00Z', deployment: 'd1', deployed: '2026-03-02T10:00Z', hours: 2 },
        { commit: 'c3', committed: '2026-03-02T22:00Z', deployment: 'd3', deployed: '2026-03-03T10:00Z', hours: 12 },
      ],
      issueKeys: [],
    });
  });

  it('rounds a drill-down row’s hours to two decimals', () => {
    const report = reportOf({ deployments: [prod('d1', '2026-03-02T10:00:00Z', commits(['c1', '2026-03-02T09:40:00Z']))] });
    expect(report.drilldowns['lead-time'].rows).toEqual([{ commit: 'c1', committed: '2026-03-02T09:40Z', deployment: 'd1', deployed: '2026-03-02T10:00Z', hours: 0.33 }]);
    expect(leadTime(report)).toMatchObject({ value: 1 / 3, display: '0.3 h', band: { level: 'elite' } });
  });

  it('counts a commit deployed the minute it was made as 0 h', () => {
    const report = reportOf({ deployments: [prod('d1', '2026-03-02T10:00:00Z', commits(['c1', '2026-03-02T10:00:00Z'], ['c2', '2026-03-02T09:00:00Z']))] });
    expect(report.drilldowns['lead-time'].rows.map((r) => [r.commit, r.hours])).toEqual([
      ['c1', 0],
      ['c2', 1],
    ]);
  });

  it('falls back to Jira’s proxy when no commit reached production in the window', () => {
    const report = reportOf({ deployments: [deployments[0]!, prod('d1', '2026-03-02T10:00:00Z')] });
    expect(leadTime(report).definition).toBe(
      'Proxy (CI sent no commit times): time from the first move of an issue to an In Progress status until its first production deployment; median and 85th percentile.',
    );
  });
});

describe('lead time for changes from Jira when CI sends no commit times', () => {
  const story = (key: string, created: string, started: string | undefined, resolved: string, extra: Partial<ExampleIssue> = {}): ExampleIssue => ({
    key,
    type: 'Story',
    created,
    ...(started ? { started } : {}),
    resolved,
    resolution: 'Done',
    ...extra,
  });
  const issues: ExampleIssue[] = [
    story('P-1', '2026-03-01T00:00:00Z', '2026-03-09T10:00:00Z', '2026-03-10T11:00:00Z'),
    // Never moved to In Progress: measured from creation.
    story('P-2', '2026-03-08T12:00:00Z', undefined, '2026-03-10T11:00:00Z', { type: 'Task' }),
    story('P-3', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', '2026-03-10T11:00:00Z', { type: 'Sub-task' }),
    story('P-4', '2026-03-01T00:00:00Z', undefined, '2026-03-10T09:00:00Z', { resolution: "Won't Do" }),
    // Work started the day after the deployment that named it.
    story('P-5', '2026-03-01T00:00:00Z', '2026-03-11T09:00:00Z', '2026-03-11T10:00:00Z'),
    // Resolved in February, before the deployments read: it shipped then.
    story('P-6', '2026-02-01T00:00:00Z', '2026-02-02T00:00:00Z', '2026-02-25T00:00:00Z'),
    // In version 1.0, resolved before its deployment: 70 h.
    story('P-7', '2026-03-01T00:00:00Z', '2026-03-09T14:00:00Z', '2026-03-12T10:00:00Z', { fixVersions: [['1', '2026-03-01T00:00:00Z', null]] }),
    // In version 1.0, resolved two hours after its deployment, shipped by nothing since.
    story('P-8', '2026-03-01T00:00:00Z', '2026-03-11T12:00:00Z', '2026-03-12T14:00:00Z', { fixVersions: [['1', '2026-03-01T00:00:00Z', null]] }),
  ];
  const deployments = [
    prod('D1', '2026-03-10T12:00:00Z', { issueKeys: ['P-2', 'P-1', 'P-3', 'P-4', 'P-5', 'P-6'] }),
    prod('D2', '2026-03-12T12:00:00Z', { version: '1.0' }),
  ];
  const example = { issues, deployments, versions: [{ id: '1', name: '1.0', released: true }], deploymentsSince: '2026-03-01T00:00:00.000Z' };

  it('measures 26, 48 and 70 h: median 2 days (high), and says which issues were left out and why', () => {
    const report = reportOf(example);
    expect(leadTime(report)).toEqual({
      id: 'lead-time',
      group: 'dora',
      title: 'Lead time for changes',
      value: 48,
      unit: 'hours',
      display: '2 days',
      statistic: 'median',
      numerator: { value: 3, label: 'issues first deployed to production in the window' },
      denominator: null,
      method: INTERPOLATED,
      secondary: [
        { label: '85th percentile', value: expect.closeTo(63.4, 9), display: '2.6 days' },
        { label: 'Mean', value: 48, display: '2 days' },
      ],
      band: { table: '2023', level: 'high', label: 'High', wording: 'Between one day and one week', rule: 'up to 7 days' },
      rag: 'green',
      window,
      definition:
        'Proxy (CI sent no commit times): time from the first move of an issue to an In Progress status until its first production deployment; median and 85th percentile.',
      notes: [
        '1 issue never moved to an In Progress status: measured from creation.',
        '1 issue left out: deployed before work on them started.',
        '1 sub-task left out (settings).',
        "1 issue left out: resolved as not delivered (Won't Do, Duplicate, Cannot Reproduce, Declined).",
        '1 issue named again by a deployment in the window left out: resolved, and so first deployed, before the deployments the report reads.',
        '1 issue resolved after their version was deployed, and not shipped by a later deployment yet, not counted: P-8.',
        'An issue counts at the first successful production deployment that named it (issueKeys) or shipped its fix version done.',
      ],
      drilldownRows: 3,
    });
    expect(report.drilldowns['lead-time']).toEqual({
      figureId: 'lead-time',
      title: 'Issues first deployed to production in the window',
      columns: [
        { key: 'issue', label: 'Issue', kind: 'issue' },
        { key: 'start', label: 'Work started (UTC)', kind: 'time' },
        { key: 'from', label: 'Measured from', kind: 'text' },
        { key: 'deployment', label: 'Deployment', kind: 'deployment' },
        { key: 'deployed', label: 'Deployed (UTC)', kind: 'time' },
        { key: 'hours', label: 'Lead time (h)', kind: 'number' },
      ],
      rows: [
        { issue: 'P-1', start: '2026-03-09T10:00Z', from: 'In Progress', deployment: 'D1', deployed: '2026-03-10T12:00Z', hours: 26 },
        { issue: 'P-2', start: '2026-03-08T12:00Z', from: 'creation', deployment: 'D1', deployed: '2026-03-10T12:00Z', hours: 48 },
        { issue: 'P-7', start: '2026-03-09T14:00Z', from: 'In Progress', deployment: 'D2', deployed: '2026-03-12T12:00Z', hours: 70 },
      ],
      issueKeys: ['P-2', 'P-1', 'P-7'],
    });
  });

  it('measured from creation: every issue counts from when it was created, and none is singled out', () => {
    const report = reportOf(example, { leadTimeStart: 'created' });
    const figure = leadTime(report);
    expect({ definition: figure.definition, numerator: figure.numerator.value, notes: figure.notes.slice(0, 3) }).toEqual({
      definition: 'Proxy (CI sent no commit times): time from the creation of an issue until its first production deployment; median and 85th percentile.',
      numerator: 4,
      notes: [
        '1 sub-task left out (settings).',
        "1 issue left out: resolved as not delivered (Won't Do, Duplicate, Cannot Reproduce, Declined).",
        '1 issue named again by a deployment in the window left out: resolved, and so first deployed, before the deployments the report reads.',
      ],
    });
    expect(report.drilldowns['lead-time'].rows.map((r) => [r.issue, r.from, r.hours])).toEqual([
      ['P-1', 'creation', 228],
      ['P-2', 'creation', 48],
      ['P-5', 'creation', 228],
      ['P-7', 'creation', 276],
    ]);
  });

  it('lists ten of the issues resolved after their version was deployed, and says there are more', () => {
    const late = Array.from({ length: 11 }, (_, i) => story(`P-${11 + i}`, '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', '2026-03-11T10:00:00Z', { fixVersions: [['1', '2026-03-01T00:00:00Z', null]] }));
    const report = reportOf({ issues: late, deployments: [prod('D1', '2026-03-10T12:00:00Z', { version: '1.0' })], versions: [{ id: '1', name: '1.0', released: true }] });
    expect(leadTime(report).notes[0]).toBe(
      '11 issues resolved after their version was deployed, and not shipped by a later deployment yet, not counted: P-11, P-12, P-13, P-14, P-15, P-16, P-17, P-18, P-19, P-20, ….',
    );
  });

  it('counts as resolved after its version was deployed only an issue done after the version’s last successful deployment of the window, and not shipped since', () => {
    const inVersion = (id: string) => ({ fixVersions: [[id, '2026-03-01T00:00:00Z', null]] as Array<[string, string, string | null]> });
    const after = '2026-03-11T10:00:00Z';
    const input = exampleInput({
      name: 'late',
      now: NOW,
      settings: { windowDays: 7 },
      versions: [
        { id: '1', name: '1.0', released: true },
        { id: '2', name: '2.0', released: true },
        { id: '3', name: '3.0', released: true },
      ],
      deployments: [
        prod('D0', '2026-02-20T10:00:00Z', { version: '3.0' }),
        prod('D1', '2026-03-10T12:00:00Z', { version: '1.0' }),
        prod('D2', '2026-03-10T13:00:00Z', { version: '2.0', status: 'failed' }),
        prod('D3', '2026-03-12T12:00:00Z', { issueKeys: ['P-2'] }),
      ],
      issues: [
        story('P-1', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', after, inVersion('1')),
        // Shipped by a later deployment that named it.
        story('P-2', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', after, inVersion('1')),
        story('P-3', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', after, { ...inVersion('1'), resolution: "Won't Do" }),
        { key: 'P-4', type: 'Story', created: '2026-03-01T00:00:00Z', ...inVersion('1') },
        // Done before D1: D1 shipped it.
        story('P-5', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', '2026-03-09T10:00:00Z', inVersion('1')),
        // Its version's only deployment failed.
        story('P-6', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', after, inVersion('2')),
        // Its version was deployed before the window.
        story('P-7', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', after, inVersion('3')),
        // Done, then taken out of 1.0 before D1 shipped it.
        story('P-8', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', '2026-03-09T10:00:00Z', { fixVersions: [['1', '2026-03-01T00:00:00Z', '2026-03-09T12:00:00Z']] }),
      ],
      expect: {},
    });
    // On 11 March at 08:00 (window 4–10 March) P-1 was not resolved yet; on 15 March (8–14 March) it was.
    const instants = [new Date('2026-03-11T08:00:00Z'), new Date(NOW)];
    const folded = foldFacts(prepare(input), input.facts, instants);
    const lateNotes = instants.map((now) => reportFrom(folded, now).figures.find((f) => f.id === 'lead-time')!.notes.filter((n) => n.includes('resolved after')));
    expect(lateNotes).toEqual([[], ['1 issue resolved after their version was deployed, and not shipped by a later deployment yet, not counted: P-1.']]);
  });

  it('with version releases as the deployments, says an issue counts when it was done and in the released version', () => {
    const report = reportOf({ issues: [issues[6]!], versions: [{ id: '1', name: '1.0', releaseDate: '2026-03-12', released: true }] });
    const figure = leadTime(report);
    // Released on 12 March: deployed at the end of that day, 23:59:59.999 UTC.
    expect({ value: figure.value, notes: figure.notes }).toEqual({
      value: (Date.parse('2026-03-13T00:00:00Z') - 1 - Date.parse('2026-03-09T14:00:00Z')) / 3_600_000,
      notes: ['Deployments are version releases: an issue counts when it was done and in the version when it was released.'],
    });
    expect(report.drilldowns['lead-time'].rows).toEqual([{ issue: 'P-7', start: '2026-03-09T14:00Z', from: 'In Progress', deployment: 'version-1', deployed: '2026-03-12T23:59Z', hours: 82 }]);
  });

  it('one history read at three instants: each window takes only the issues first deployed in it', () => {
    const deliveries = [
      story('P-1', '2026-03-01T00:00:00Z', '2026-03-04T10:00:00Z', '2026-03-05T09:00:00Z'),
      story('P-2', '2026-03-01T00:00:00Z', '2026-03-09T10:00:00Z', '2026-03-10T09:00:00Z'),
      story('P-3', '2026-03-01T00:00:00Z', '2026-03-11T10:00:00Z', '2026-03-12T09:00:00Z'),
    ];
    const input = exampleInput({
      name: 'three instants',
      now: NOW,
      settings: { windowDays: 7 },
      issues: deliveries,
      deployments: [prod('D1', '2026-03-05T10:00:00Z', { issueKeys: ['P-1'] }), prod('D2', '2026-03-10T10:00:00Z', { issueKeys: ['P-2'] }), prod('D3', '2026-03-12T10:00:00Z', { issueKeys: ['P-3'] })],
      expect: {},
    });
    const instants = ['2026-03-08T12:00:00Z', '2026-03-11T12:00:00Z', '2026-03-13T12:00:00Z'].map((at) => new Date(at));
    const folded = foldFacts(prepare(input), input.facts, instants);
    // Windows: 1–7 March (D1), 4–10 March (D1, D2), 6–12 March (D2, D3).
    expect(instants.map((now) => reportFrom(folded, now).drilldowns['lead-time'].issueKeys)).toEqual([['P-1'], ['P-1', 'P-2'], ['P-2', 'P-3']]);
    expect(instants.map((now) => reportFrom(folded, now).figures.find((f) => f.id === 'lead-time')!.value)).toEqual([24, 24, 24]);
  });
});
