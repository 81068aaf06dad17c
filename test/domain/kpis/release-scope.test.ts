import type { ExampleIssue } from './kpi-example';
import { WINDOW_1_TO_14_MARCH, plannedVersion, releaseFigure, type ReleaseExample } from './release-report';

const NOW = '2026-03-15T12:00:00Z';
const V = '2026.3.10';

/**
 * The release of SHOP 2026.3.10: started on 2 March (the start day is planning), planned for and
 * shipped on 10 March at 16:00. What happened to its issues:
 */
const story = (key: string, fixVersions: ExampleIssue['fixVersions'], resolved?: string): ExampleIssue => ({
  key,
  type: 'Story',
  created: '2026-02-20T09:00:00Z',
  ...(resolved ? { started: '2026-03-03T09:00:00Z', resolved, resolution: 'Done' } : {}),
  fixVersions,
});
const issues: ExampleIssue[] = [
  story('SHOP-1', [[V, '2026-02-25T09:00:00Z', null]], '2026-03-09T10:00:00Z'), // planned, done before
  story('SHOP-2', [[V, '2026-02-25T09:00:00Z', null]], '2026-03-10T15:00:00Z'), // planned, done on the day
  story('SHOP-3', [[V, '2026-02-25T09:00:00Z', '2026-03-06T10:00:00Z']]), // planned, dropped on the 6th
  story('SHOP-4', [[V, '2026-03-05T09:00:00Z', null]], '2026-03-08T10:00:00Z'), // added on the 5th, done
  story('SHOP-5', [[V, '2026-03-03T09:00:00Z', '2026-03-08T09:00:00Z']]), // added on the 3rd, dropped on the 8th
  // Added during planning; done the day after the release, then also put in 2026.3.17.
  story('SHOP-6', [[V, '2026-03-02T15:00:00Z', null], ['v317', '2026-03-12T09:00:00Z', null]], '2026-03-11T09:00:00Z'),
  story('SHOP-7', [[V, '2026-02-25T09:00:00Z', '2026-03-10T10:00:00Z'], ['v317', '2026-03-10T10:00:00Z', null]]), // moved on on release day
  story('SHOP-8', [[V, '2026-03-10T08:00:00Z', null]], '2026-03-10T12:00:00Z'), // added on release day, done
  story('SHOP-9', [[V, '2026-02-25T09:00:00Z', '2026-03-02T14:00:00Z']]), // dropped during planning
  story('SHOP-10', [[V, '2026-03-11T09:00:00Z', null]]), // added after the release
  { key: 'SHOP-11', type: 'Sub-task', created: '2026-03-05T09:00:00Z', fixVersions: [[V, '2026-03-05T09:00:00Z', null]] }, // sub-task: not counted
  story('SHOP-12', [[V, '2026-02-25T09:00:00Z', '2026-03-12T09:00:00Z'], ['10099', '2026-03-12T09:00:00Z', null]]), // moved to a version since deleted
  story('SHOP-13', [[V, '2026-02-25T09:00:00Z', '2026-03-11T09:00:00Z']]), // taken out of any version after the release
  story('SHOP-14', [[V, '2026-02-25T09:00:00Z', null]], '2026-03-12T09:00:00Z'), // re-opened on release day (below)
  story('SHOP-15', [[V, '2026-02-25T09:00:00Z', '2026-03-04T09:00:00Z'], [V, '2026-03-07T09:00:00Z', null]], '2026-03-09T09:00:00Z'), // dropped, re-added, done
];
const release: ReleaseExample = {
  now: NOW,
  settings: { windowDays: 14 },
  issues,
  reopened: { 'SHOP-14': [['2026-03-08T09:00:00Z', '2026-03-10T09:00:00Z'], ['2026-03-12T09:00:00Z', null]] },
  versions: [
    plannedVersion(V, '2026-03-10', '2026-03-10T16:00:00Z', { startDate: '2026-03-02' }),
    { id: 'v317', name: '2026.3.17', startDate: '2026-03-11', releaseDate: '2026-03-17', released: false },
  ],
};
const versionColumn = { key: 'version', label: 'Version', kind: 'version' };

describe('readiness of 2026.3.10 at its planned date', () => {
  // In it at the end of 10 March: 1, 2, 4, 6, 8, 12, 13, 14 and 15 (7 had moved on; 11 is a
  // sub-task). Resolved by then: 1, 2, 4, 8, 15; 14 had been re-opened that morning.
  it('is the share of its issues resolved by the end of that day', () => {
    expect(releaseFigure(release, 'readiness')).toEqual({
      figure: {
        id: 'readiness',
        group: 'release',
        title: 'Readiness at release date',
        value: 5 / 9,
        unit: 'percent',
        display: '55.6%',
        statistic: 'share',
        numerator: { value: 5, label: 'issues resolved by the end of the release date' },
        denominator: { value: 9, label: 'issues in 1 version due in the window, at the end of the release date' },
        secondary: [{ label: 'Versions', value: 1, display: '1' }],
        rag: 'red',
        window: WINDOW_1_TO_14_MARCH,
        definition: 'For versions whose planned release date (else Jira’s release date) falls in the window: share of their issues resolved by the end of that day.',
        notes: [],
        drilldownRows: 1,
      },
      drilldown: {
        figureId: 'readiness',
        title: 'Versions due in the window',
        columns: [
          versionColumn,
          { key: 'date', label: 'Release date used', kind: 'day' },
          { key: 'source', label: 'Date from', kind: 'text' },
          { key: 'scope', label: 'Issues', kind: 'number' },
          { key: 'done', label: 'Resolved', kind: 'number' },
          { key: 'share', label: 'Ready', kind: 'text' },
          { key: 'open', label: 'Not resolved', kind: 'issues' },
        ],
        rows: [{ version: `${V}|${V}`, date: '2026-03-10', source: 'planned date (recorded)', scope: 9, done: 5, share: '55.6%', open: 'SHOP-12, SHOP-13, SHOP-14, SHOP-6' }],
        issueKeys: ['SHOP-12', 'SHOP-13', 'SHOP-14', 'SHOP-6'],
      },
    });
  });
});

describe('scope change of 2026.3.10 after its start', () => {
  // At the end of the start day: 1, 2, 3, 6, 7, 12, 13, 14, 15 (9 was dropped during planning, 6
  // added then). Added later: 4, 5, 8 (on release day), 15 again; removed: 3, 5, 15. Not scope
  // change: 7 leaving on release day (carry-over), 12 and 13 leaving after, 10 added after.
  it('counts issues added or removed between the start day and the release day', () => {
    expect(releaseFigure(release, 'scope-change')).toEqual({
      figure: {
        id: 'scope-change',
        group: 'release',
        title: 'Scope change after start',
        value: 7 / 9,
        unit: 'percent',
        display: '77.8%',
        statistic: 'share',
        numerator: { value: 7, label: 'issues added or removed after the start day' },
        denominator: { value: 9, label: 'issues at the end of the start day (1 version released in the window)' },
        secondary: [
          { label: 'Added', value: 4, display: '4' },
          { label: 'Removed', value: 3, display: '3' },
        ],
        rag: 'red',
        window: WINDOW_1_TO_14_MARCH,
        definition:
          'For versions released in the window: issues added to or removed from the fix version after its start day (from the fix-version changelog), divided by its issues at the end of the start day.',
        notes: ['An issue added and later removed counts twice; removals on the release day are carry-over, not scope change.'],
        drilldownRows: 1,
      },
      drilldown: {
        figureId: 'scope-change',
        title: 'Versions released in the window',
        columns: [
          versionColumn,
          { key: 'start', label: 'Start', kind: 'day' },
          { key: 'release', label: 'Released', kind: 'day' },
          { key: 'atStart', label: 'Issues at start', kind: 'number' },
          { key: 'added', label: 'Added after start', kind: 'issues' },
          { key: 'removed', label: 'Removed after start', kind: 'issues' },
          { key: 'share', label: 'Change', kind: 'text' },
        ],
        rows: [{ version: `${V}|${V}`, start: '2026-03-02', release: '2026-03-10', atStart: 9, added: 'SHOP-15, SHOP-4, SHOP-5, SHOP-8', removed: 'SHOP-15, SHOP-3, SHOP-5', share: '77.8%' }],
        issueKeys: ['SHOP-15', 'SHOP-4', 'SHOP-5', 'SHOP-8', 'SHOP-15', 'SHOP-3', 'SHOP-5'],
      },
    });
  });

  it('leaves out versions without a start date, or started after they shipped, and says how many', () => {
    const versions = [
      plannedVersion('2026.3.4', '2026-03-04', '2026-03-04T16:00:00Z'),
      plannedVersion('2026.3.5', '2026-03-05', '2026-03-05T16:00:00Z', { startDate: '2026-03-06' }),
      plannedVersion('2026.3.6', '2026-03-06', '2026-03-06T16:00:00Z', { startDate: '2026-03-06' }),
    ];
    const { figure, drilldown } = releaseFigure({ now: NOW, settings: { windowDays: 14 }, versions, issues: [story('SHOP-1', [['2026.3.6', '2026-03-01T09:00:00Z', null]])] }, 'scope-change');
    expect([figure.value, figure.denominator, figure.notes[1], drilldown.rows]).toEqual([
      0,
      { value: 1, label: 'issues at the end of the start day (1 version released in the window)' },
      '2 released versions without a start date left out.',
      [{ version: '2026.3.6|2026.3.6', start: '2026-03-06', release: '2026-03-06', atStart: 1, added: null, removed: null, share: '0%' }],
    ]);
  });
});

describe('carry-over of 2026.3.10', () => {
  // In it at the start of 10 March: 1, 2, 4, 6, 7, 12, 13, 14, 15 (15 once, though it was added
  // twice). Not resolved by the end of the day: 6 (done on the 11th), 7 (moved to 2026.3.17 that
  // morning), 12, 13, and 14 (re-opened that morning).
  it('counts the issues not resolved by the end of the release day, and says where they are now', () => {
    expect(releaseFigure(release, 'carry-over')).toEqual({
      figure: {
        id: 'carry-over',
        group: 'release',
        title: 'Carry-over',
        value: 5 / 9,
        unit: 'percent',
        display: '55.6%',
        statistic: 'share',
        numerator: { value: 5, label: 'issues not resolved by the end of the release day' },
        denominator: { value: 9, label: 'issues in the fix version at the start of the release day (1 version)' },
        secondary: [{ label: 'Issues carried over', value: 5, display: '5' }],
        rag: 'red',
        window: WINDOW_1_TO_14_MARCH,
        definition: 'For versions released in the window: issues in the version at the start of its release day that were not resolved by the end of that day (moved on or left open).',
        notes: [],
        drilldownRows: 1,
      },
      drilldown: {
        figureId: 'carry-over',
        title: 'Versions released in the window',
        columns: [
          versionColumn,
          { key: 'release', label: 'Released', kind: 'day' },
          { key: 'scope', label: 'Issues at release', kind: 'number' },
          { key: 'carried', label: 'Carried over', kind: 'issues' },
          { key: 'now', label: 'Where they are now', kind: 'text' },
        ],
        rows: [
          {
            version: `${V}|${V}`,
            release: '2026-03-10',
            scope: 9,
            carried: 'SHOP-12, SHOP-13, SHOP-14, SHOP-6, SHOP-7',
            now: 'SHOP-12: 10099; SHOP-13: no version; SHOP-14: 2026.3.10; SHOP-6: 2026.3.10, 2026.3.17; SHOP-7: 2026.3.17',
          },
        ],
        issueKeys: ['SHOP-12', 'SHOP-13', 'SHOP-14', 'SHOP-6', 'SHOP-7'],
      },
    });
  });
});

describe('carry-over as of a past instant', () => {
  it('says where the carried issues were then, not where they went later', () => {
    // As of 12 March 08:00, before SHOP-12 moved to 10099 and SHOP-6 was also put in 2026.3.17.
    const { drilldown } = releaseFigure({ ...release, now: '2026-03-12T08:00:00Z' }, 'carry-over');
    expect(drilldown.rows[0]?.now).toBe('SHOP-12: 2026.3.10; SHOP-13: no version; SHOP-14: 2026.3.10; SHOP-6: 2026.3.10; SHOP-7: 2026.3.17');
  });
});

describe('scope change at the edges of the start and release days', () => {
  // 2026.3.10 started on 2 March and shipped on 10 March; SHOP-1 is in it all along.
  const planned: ExampleIssue['fixVersions'] = [[V, '2026-02-25T09:00:00Z', null]];
  it.each<[string, ExampleIssue['fixVersions'], { atStart: number; added: string | null; removed: string | null }]>([
    ['added in the start day’s last minute: planning', [[V, '2026-03-02T23:59:00Z', null]], { atStart: 2, added: null, removed: null }],
    ['added at the start of the next day', [[V, '2026-03-03T00:00:00Z', null]], { atStart: 1, added: 'SHOP-2', removed: null }],
    ['added in the release day’s last minute', [[V, '2026-03-10T23:59:00Z', null]], { atStart: 1, added: 'SHOP-2', removed: null }],
    ['removed in the start day’s last minute: planning', [[V, '2026-02-25T09:00:00Z', '2026-03-02T23:59:00Z']], { atStart: 1, added: null, removed: null }],
    ['removed in the last minute before the release day', [[V, '2026-02-25T09:00:00Z', '2026-03-09T23:59:00Z']], { atStart: 2, added: null, removed: 'SHOP-2' }],
    ['removed as the release day began: carry-over', [[V, '2026-02-25T09:00:00Z', '2026-03-10T00:00:00Z']], { atStart: 2, added: null, removed: null }],
  ])('an issue %s', (_case, fixVersions, expected) => {
    const { drilldown } = releaseFigure({ ...release, reopened: {}, issues: [story('SHOP-1', planned), story('SHOP-2', fixVersions)] }, 'scope-change');
    expect(drilldown.rows[0]).toMatchObject(expected);
  });
});

describe('a window without a release', () => {
  it.each(['readiness', 'scope-change', 'carry-over'] as const)('has no %s to show', (id) => {
    const { figure, drilldown } = releaseFigure({ now: NOW, settings: { windowDays: 14 }, versions: [plannedVersion('2026.3.20', '2026-03-20')], issues: [story('SHOP-1', [['2026.3.20', '2026-03-01T09:00:00Z', null]])] }, id);
    expect([figure.value, figure.display, figure.rag, figure.numerator.value, figure.denominator?.value, drilldown.rows]).toEqual([null, '–', 'neutral', 0, 0, []]);
  });

  it('has no share for a version nothing was planned into at its start', () => {
    const { figure, drilldown } = releaseFigure({ ...release, reopened: {}, issues: [story('SHOP-4', [[V, '2026-03-05T09:00:00Z', null]])] }, 'scope-change');
    expect([figure.value, drilldown.rows[0]?.share, drilldown.rows[0]?.added]).toEqual([null, '–', 'SHOP-4']);
  });
});

describe('readiness of several versions', () => {
  it('reads a version without a recorded plan at the release date Jira shows, and says so; rows by date, then name', () => {
    const versions = [
      plannedVersion('2026.3.12', '2026-03-12'),
      { id: 'L', name: 'Legacy 1.9', releaseDate: '2026-03-05', released: true },
      plannedVersion('Android 3.1', '2026-03-05', '2026-03-05T15:00:00Z'),
    ];
    const issues = [
      story('SHOP-1', [['L', '2026-02-01T09:00:00Z', null]], '2026-03-04T09:00:00Z'),
      story('SHOP-2', [['2026.3.12', '2026-02-25T09:00:00Z', null]], '2026-03-11T09:00:00Z'),
      story('SHOP-3', [['2026.3.12', '2026-02-25T09:00:00Z', null]]),
    ];
    const { figure, drilldown } = releaseFigure({ now: NOW, settings: { windowDays: 14 }, versions, issues }, 'readiness');
    expect([figure.value, figure.rag, figure.denominator?.label, figure.notes]).toEqual([
      2 / 3,
      'red',
      'issues in 3 versions due in the window, at the end of the release date',
      ['Versions without a recorded plan use the release date Jira shows now.'],
    ]);
    expect(drilldown.rows).toEqual([
      { version: 'Android 3.1|Android 3.1', date: '2026-03-05', source: 'planned date (recorded)', scope: 0, done: 0, share: '–', open: null },
      { version: 'L|Legacy 1.9', date: '2026-03-05', source: 'release date in Jira (no plan recorded)', scope: 1, done: 1, share: '100%', open: null },
      { version: '2026.3.12|2026.3.12', date: '2026-03-12', source: 'planned date (recorded)', scope: 2, done: 1, share: '50%', open: 'SHOP-3' },
    ]);
  });
});
