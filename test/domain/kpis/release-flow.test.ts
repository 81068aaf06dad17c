import type { ExampleIssue } from './kpi-example';
import { PERCENTILE_METHOD_LABELS } from '../../../src/domain/kpis/stats';
import { WINDOW_1_TO_14_MARCH, plannedVersion, releaseFigure } from './release-report';

describe('escaped defects of the releases of 6–19 March', () => {
  // 2026.3.10 went to production on 10 March at 09:00 (CI); 2026.3.18 shipped on the 18th at
  // 10:00 (the release the app saw). Bugs count within 5 days after a release (settings).
  const bug = (key: string, created: string, affects: string[], type = 'Bug'): ExampleIssue => ({ key, type, created, affects });
  const example = {
    now: '2026-03-20T12:00:00Z',
    settings: { windowDays: 14, escapedDefectDays: 5, bugIssueTypes: ['Bug', 'Defect'] },
    versions: [
      { id: '2026.3.3', name: '2026.3.3', releaseDate: '2026-03-03', released: true },
      plannedVersion('2026.3.10', '2026-03-10', undefined, { released: true }),
      plannedVersion('2026.3.18', '2026-03-18', '2026-03-18T10:00:00Z'),
    ],
    deployments: [{ id: 'cd-310', environment: 'production', status: 'successful' as const, at: '2026-03-10T09:00:00Z', version: '2026.3.10' }],
    issues: [
      bug('SHOP-21', '2026-03-10T08:00:00Z', ['2026.3.10']), // found in testing, before the deployment
      bug('SHOP-20', '2026-03-10T09:00:00Z', ['2026.3.10']), // in the deployment's minute: not after it
      bug('SHOP-23', '2026-03-15T09:00:00Z', ['2026.3.10']), // exactly 5 days after: escaped
      bug('SHOP-22', '2026-03-10T15:00:00Z', ['2026.3.10']), // the afternoon of the release: escaped
      bug('SHOP-24', '2026-03-15T09:01:00Z', ['2026.3.10']), // a minute too late
      bug('SHOP-25', '2026-03-11T09:00:00Z', ['2026.3.10'], 'Story'), // not a bug
      bug('SHOP-29', '2026-03-19T10:00:00Z', ['2026.3.10', '2026.3.18']), // too late for .10, escaped from .18
      bug('SHOP-28', '2026-03-19T09:00:00Z', ['2026.3.18']),
      bug('SHOP-27', '2026-03-20T13:00:00Z', ['2026.3.18']), // after "now": not known yet
      bug('SHOP-30', '2026-03-04T09:00:00Z', ['2026.3.3']), // its release is before the window
    ],
  };

  it('counts bugs raised against each release within the days the settings give, per release', () => {
    expect(releaseFigure(example, 'escaped-defects')).toEqual({
      figure: {
        id: 'escaped-defects',
        group: 'release',
        title: 'Escaped defects',
        value: 2,
        unit: 'per-release',
        display: '2 per release',
        statistic: 'rate',
        numerator: { value: 4, label: 'bugs raised against a release within 5 days after it' },
        denominator: { value: 2, label: 'versions released in the window' },
        secondary: [{ label: 'Bugs', value: 4, display: '4' }],
        rag: 'amber',
        window: { from: '2026-03-06', to: '2026-03-20', days: 14, timeZone: 'UTC' },
        definition: 'For versions released in the window: bugs that name the version as affected and were raised within 5 days after its release, per version.',
        notes: [
          'Bugs are issues of type Bug, Defect whose affects version is the release, raised within 5 days after it.',
          '1 version released less than 5 days ago: more bugs may still be raised against them.',
        ],
        drilldownRows: 2,
      },
      drilldown: {
        figureId: 'escaped-defects',
        title: 'Versions released in the window and the bugs raised against them',
        columns: [
          { key: 'version', label: 'Version', kind: 'version' },
          { key: 'release', label: 'Released', kind: 'day' },
          { key: 'count', label: 'Bugs', kind: 'number' },
          { key: 'bugs', label: 'Escaped defects', kind: 'issues' },
          { key: 'open', label: 'Still observing', kind: 'flag' },
        ],
        rows: [
          { version: '2026.3.10|2026.3.10', release: '2026-03-10', count: 2, bugs: 'SHOP-22, SHOP-23', open: false },
          { version: '2026.3.18|2026.3.18', release: '2026-03-18', count: 2, bugs: 'SHOP-28, SHOP-29', open: true },
        ],
        issueKeys: ['SHOP-22', 'SHOP-23', 'SHOP-28', 'SHOP-29'],
      },
    });
  });

  it('lists versions released at the same moment by name', () => {
    const sameDay = ['2026.3.10-web', '2026.3.10-api'].map((name) => ({ id: name, name, releaseDate: '2026-03-10', released: true }));
    expect(releaseFigure({ ...example, versions: sameDay }, 'escaped-defects').drilldown.rows.map((r) => r.version)).toEqual(['2026.3.10-api|2026.3.10-api', '2026.3.10-web|2026.3.10-web']);
  });

  it('has no figure without a release in the window, and flags none as still observed', () => {
    const { figure, drilldown } = releaseFigure({ ...example, now: '2026-04-20T12:00:00Z' }, 'escaped-defects');
    expect([figure.value, figure.display, figure.rag, figure.notes.length, drilldown.rows]).toEqual([null, '–', 'neutral', 1, []]);
  });

  it('takes a release out of the window when it shipped the evening before the window began', () => {
    const late = { ...example, now: '2026-03-25T12:00:00Z', settings: { ...example.settings, windowDays: 15 } };
    // The window is 10–24 March: 2026.3.10's deployment (10 March, 09:00) is its first morning.
    expect(releaseFigure(late, 'escaped-defects').drilldown.rows.map((r) => r.version)).toEqual(['2026.3.10|2026.3.10', '2026.3.18|2026.3.18']);
    expect(releaseFigure({ ...late, now: '2026-03-26T12:00:00Z' }, 'escaped-defects').drilldown.rows.map((r) => r.version)).toEqual(['2026.3.18|2026.3.18']);
  });
});

describe('cycle time and throughput of 1–14 March', () => {
  const done = (key: string, started: string | undefined, resolved: string, extra: Partial<ExampleIssue> = {}): ExampleIssue => ({
    key,
    type: 'Story',
    created: '2026-02-20T09:00:00Z',
    ...(started ? { started } : {}),
    resolved,
    resolution: 'Done',
    ...extra,
  });
  const issues: ExampleIssue[] = [
    done('SHOP-1', '2026-03-02T10:00:00Z', '2026-03-05T10:00:00Z'), // 3 days
    done('SHOP-2', '2026-03-04T10:00:00Z', '2026-03-09T22:00:00Z'), // 5.5 days
    done('SHOP-3', '2026-03-12T10:00:00Z', '2026-03-13T04:00:00Z', { type: 'Bug' }), // 0.75 days
    done('SHOP-4', undefined, '2026-03-06T09:00:00Z', { type: 'Task' }), // never In Progress
    done('SHOP-5', '2026-03-03T10:00:00Z', '2026-03-04T10:00:00Z', { resolution: "Won't Do" }),
    done('SHOP-6', '2026-03-03T10:00:00Z', '2026-03-04T10:00:00Z', { type: 'Sub-task' }),
    done('SHOP-7', '2026-02-27T00:00:00Z', '2026-03-01T00:00:00Z'), // the window's first minute: 2 days
    done('SHOP-8', '2026-03-10T00:00:00Z', '2026-03-15T00:00:00Z'), // today: not in the window
    done('SHOP-9', '2026-02-25T00:00:00Z', '2026-02-28T23:59:00Z'), // before the window
    // A workflow that keeps the resolution when an issue goes back to In Progress.
    done('SHOP-10', '2026-03-07T09:00:00Z', '2026-03-06T10:00:00Z'),
    done('SHOP-11', '2026-03-03T10:00:00Z', '2026-03-05T10:00:00Z', { resolution: 'Duplicate' }),
    done('SHOP-12', '2026-03-04T10:00:00Z', '2026-03-05T10:00:00Z'), // 1 day, resolved with SHOP-1
  ];
  const example = { now: '2026-03-15T12:00:00Z', settings: { windowDays: 14 }, issues };
  const resolvedNotes = ['1 sub-task left out (settings).', '2 issues resolved as not delivered left out.'];

  it('takes the median and 85th percentile of the days from In Progress to resolution', () => {
    // Days 0.75, 1, 2, 3, 5.5: median 2; p85 at rank 3.4: 3 + 0.4 × 2.5 = 4.
    expect(releaseFigure(example, 'cycle-time')).toEqual({
      figure: {
        id: 'cycle-time',
        group: 'release',
        title: 'Cycle time',
        value: 2,
        unit: 'days',
        display: '2 days',
        statistic: 'median',
        numerator: { value: 5, label: 'issues resolved in the window' },
        denominator: null,
        method: PERCENTILE_METHOD_LABELS.interpolated,
        secondary: [{ label: '85th percentile', value: expect.closeTo(4, 9), display: '4 days' }],
        rag: 'neutral',
        window: WINDOW_1_TO_14_MARCH,
        definition: 'Days from the first move to an In Progress status to resolution, for issues resolved in the window; median and 85th percentile.',
        notes: ['2 issues resolved without ever being In Progress: left out.', ...resolvedNotes],
        drilldownRows: 5,
      },
      drilldown: {
        figureId: 'cycle-time',
        title: 'Issues resolved in the window',
        columns: [
          { key: 'issue', label: 'Issue', kind: 'issue' },
          { key: 'start', label: 'Started (UTC)', kind: 'time' },
          { key: 'resolved', label: 'Resolved (UTC)', kind: 'time' },
          { key: 'days', label: 'Cycle time (days)', kind: 'number' },
        ],
        rows: [
          { issue: 'SHOP-7', start: '2026-02-27T00:00Z', resolved: '2026-03-01T00:00Z', days: 2 },
          { issue: 'SHOP-1', start: '2026-03-02T10:00Z', resolved: '2026-03-05T10:00Z', days: 3 },
          { issue: 'SHOP-12', start: '2026-03-04T10:00Z', resolved: '2026-03-05T10:00Z', days: 1 },
          { issue: 'SHOP-2', start: '2026-03-04T10:00Z', resolved: '2026-03-09T22:00Z', days: 5.5 },
          { issue: 'SHOP-3', start: '2026-03-12T10:00Z', resolved: '2026-03-13T04:00Z', days: 0.75 },
        ],
        issueKeys: ['SHOP-7', 'SHOP-1', 'SHOP-12', 'SHOP-2', 'SHOP-3'],
      },
    });
  });

  it('counts an issue moved through In Progress to Done within a minute with 0 days', () => {
    const { figure } = releaseFigure({ ...example, issues: [done('SHOP-1', '2026-03-05T10:00:00Z', '2026-03-05T10:00:30Z')] }, 'cycle-time');
    expect([figure.value, figure.numerator.value, figure.notes]).toEqual([0, 1, []]);
  });

  it('measures from creation when the settings say so', () => {
    const { figure, drilldown } = releaseFigure({ ...example, settings: { windowDays: 14, leadTimeStart: 'created' }, issues: [done('SHOP-4', undefined, '2026-03-06T09:00:00Z', { created: '2026-03-04T21:00:00Z' })] }, 'cycle-time');
    expect([figure.value, figure.definition, figure.notes, drilldown.rows]).toEqual([
      1.5,
      'Days from creation to resolution of issues resolved in the window; median and 85th percentile.',
      [],
      [{ issue: 'SHOP-4', start: '2026-03-04T21:00Z', resolved: '2026-03-06T09:00Z', days: 1.5 }],
    ]);
  });

  it('counts issues delivered in the window per week', () => {
    expect(releaseFigure(example, 'throughput')).toEqual({
      figure: {
        id: 'throughput',
        group: 'release',
        title: 'Throughput',
        value: 3.5,
        unit: 'per-week',
        display: '3.5 issues per week',
        statistic: 'rate',
        numerator: { value: 7, label: 'issues resolved (delivered) in the window' },
        denominator: { value: 14, label: 'days in the window' },
        secondary: [],
        rag: 'neutral',
        window: WINDOW_1_TO_14_MARCH,
        definition: 'Issues resolved in the window with a resolution that counts as delivered, per week.',
        notes: resolvedNotes,
        drilldownRows: 7,
      },
      drilldown: {
        figureId: 'throughput',
        title: 'Issues resolved in the window',
        columns: [
          { key: 'issue', label: 'Issue', kind: 'issue' },
          { key: 'resolved', label: 'Resolved (UTC)', kind: 'time' },
          { key: 'week', label: 'Week of (UTC)', kind: 'day' },
        ],
        rows: [
          { issue: 'SHOP-7', resolved: '2026-03-01T00:00Z', week: '2026-02-23' },
          { issue: 'SHOP-1', resolved: '2026-03-05T10:00Z', week: '2026-03-02' },
          { issue: 'SHOP-12', resolved: '2026-03-05T10:00Z', week: '2026-03-02' },
          { issue: 'SHOP-4', resolved: '2026-03-06T09:00Z', week: '2026-03-02' },
          { issue: 'SHOP-10', resolved: '2026-03-06T10:00Z', week: '2026-03-02' },
          { issue: 'SHOP-2', resolved: '2026-03-09T22:00Z', week: '2026-03-09' },
          { issue: 'SHOP-3', resolved: '2026-03-13T04:00Z', week: '2026-03-09' },
        ],
        issueKeys: ['SHOP-7', 'SHOP-1', 'SHOP-12', 'SHOP-4', 'SHOP-10', 'SHOP-2', 'SHOP-3'],
      },
    });
  });

  it('puts an issue resolved late on a Sunday (UTC) in the next week in Berlin', () => {
    const { drilldown } = releaseFigure({ now: '2026-03-15T12:00:00Z', settings: { windowDays: 14, timeZone: 'Europe/Berlin' }, issues: [done('SHOP-1', '2026-03-02T10:00:00Z', '2026-03-08T23:30:00Z')] }, 'throughput');
    expect(drilldown.rows).toEqual([{ issue: 'SHOP-1', resolved: '2026-03-08T23:30Z', week: '2026-03-09' }]);
    expect(drilldown.columns[2]).toEqual({ key: 'week', label: 'Week of (Europe/Berlin)', kind: 'day' });
  });
});
