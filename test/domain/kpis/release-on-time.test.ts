import { PERCENTILE_METHOD_LABELS } from '../../../src/domain/kpis/stats';
import { WINDOW_1_TO_14_MARCH, plannedVersion, releaseFigure } from './release-report';

const NOW = '2026-03-15T12:00:00Z';

describe('on-time delivery of two weeks of CalVer releases', () => {
  // The window is 1–14 March (today, the 15th, is not over). Plans were recorded on 20 February.
  const versions = [
    // Shipped two days early.
    plannedVersion('2026.3.2', '2026-03-04', '2026-03-02T16:00:00Z', { releaseDate: '2026-03-02' }),
    // Shipped on the planned day.
    plannedVersion('2026.3.3', '2026-03-03', '2026-03-03T16:00:00Z'),
    // Moved from the 6th to the 9th, shipped on the 10th: 4 days late against the first plan.
    {
      ...plannedVersion('2026.3.6', '2026-03-06'),
      releaseDate: '2026-03-09',
      released: true,
      history: [
        { releaseDate: '2026-03-06', released: false, observedAt: '2026-02-20T09:00:00Z' },
        { releaseDate: '2026-03-09', released: false, observedAt: '2026-03-05T09:00:00Z' },
        { releaseDate: '2026-03-09', released: true, observedAt: '2026-03-10T09:00:00Z', source: 'event' as const },
      ],
    },
    // Jira's release dialog kept the planned 10th; the app saw it ship on the 13th.
    plannedVersion('2026.3.10', '2026-03-10', '2026-03-13T09:00:00Z'),
    // Due on the 12th, not shipped: 3 days overdue so far.
    plannedVersion('2026.3.12', '2026-03-12'),
    // Due yesterday, not shipped: late, with no tolerance.
    plannedVersion('2026.3.14', '2026-03-14'),
    // Installed after it shipped: the app never saw a plan.
    { id: 'Legacy 1.9', name: 'Legacy 1.9', releaseDate: '2026-03-05', released: true, history: [{ releaseDate: '2026-03-05', released: true, observedAt: '2026-03-06T02:00:00Z' }] },
    // Due before the window, and after it.
    plannedVersion('2026.2.27', '2026-02-27', '2026-02-27T16:00:00Z'),
    plannedVersion('2026.3.20', '2026-03-20'),
  ];

  it('counts the versions planned for the window, with their slips', () => {
    const { figure } = releaseFigure({ now: NOW, settings: { windowDays: 14 }, versions }, 'on-time-delivery');
    expect(figure).toEqual({
      id: 'on-time-delivery',
      group: 'release',
      title: 'On-time delivery',
      value: 2 / 6,
      unit: 'percent',
      display: '33.3%',
      statistic: 'share',
      numerator: { value: 2, label: 'versions released on time' },
      denominator: { value: 6, label: 'versions planned for the window' },
      method: PERCENTILE_METHOD_LABELS.interpolated,
      // Slips -2, 0, 1, 3, 3, 4 days: median 2; of the late ones (1, 3, 3, 4): 3.
      secondary: [
        { label: 'Median slip', value: 2, display: '2 days' },
        { label: 'Median slip of late versions', value: 3, display: '3 days' },
        { label: 'Largest slip', value: 4, display: '4 days' },
        { label: 'Date moves (later)', value: 1, display: '1' },
      ],
      rag: 'red',
      window: WINDOW_1_TO_14_MARCH,
      definition: 'Share of versions whose planned release date falls in the window that were released on or before that date (plus the tolerance); slip days = actual release date − planned date.',
      notes: [
        'On time: released at most 0 days after the planned date (the first release date the app recorded).',
        'Released: the day the app saw the release (else Jira’s release date), moved to the production deployment that shipped it when CI reported one.',
        '1 version released in the window left out: no planned date recorded before release.',
        'A version not released yet counts as late; its slip is the days overdue so far.',
      ],
      drilldownRows: 7,
    });
  });

  it('lists each version with its plan, its release and where the release day comes from', () => {
    const { drilldown } = releaseFigure({ now: NOW, settings: { windowDays: 14 }, versions }, 'on-time-delivery');
    const row = (version: string, planned: string | null, actual: string | null, source: string | null, slip: number | null, moves: number, onTime: boolean | null, state: string) => ({
      version: `${version}|${version}`,
      planned,
      recorded: planned ? '2026-02-20T09:00Z' : null,
      actual,
      source,
      slip,
      moves,
      onTime,
      state,
    });
    expect(drilldown).toEqual({
      figureId: 'on-time-delivery',
      title: 'Versions planned for the window',
      columns: [
        { key: 'version', label: 'Version', kind: 'version' },
        { key: 'planned', label: 'Planned date', kind: 'day' },
        { key: 'recorded', label: 'Plan recorded (UTC)', kind: 'time' },
        { key: 'actual', label: 'Released', kind: 'day' },
        { key: 'source', label: 'Release from', kind: 'text' },
        { key: 'slip', label: 'Slip (days)', kind: 'number' },
        { key: 'moves', label: 'Date moves', kind: 'number' },
        { key: 'onTime', label: 'On time', kind: 'flag' },
        { key: 'state', label: 'State', kind: 'text' },
      ],
      rows: [
        row('2026.3.2', '2026-03-04', '2026-03-02', 'release seen by the app', -2, 0, true, 'released'),
        row('2026.3.3', '2026-03-03', '2026-03-03', 'release seen by the app', 0, 0, true, 'released'),
        row('2026.3.6', '2026-03-06', '2026-03-10', 'release seen by the app', 4, 1, false, 'released'),
        row('2026.3.10', '2026-03-10', '2026-03-13', 'release seen by the app', 3, 0, false, 'released'),
        row('2026.3.12', '2026-03-12', null, null, 3, 0, false, 'not released yet'),
        row('2026.3.14', '2026-03-14', null, null, 1, 0, false, 'not released yet'),
        row('Legacy 1.9', null, '2026-03-05', 'release date in Jira', null, 0, null, 'not measurable: the app first saw it already released'),
      ],
      issueKeys: [],
    });
  });

  it('knows nothing after its "now": as of the 11th, 2026.3.10 is not shipped yet and its later move is not seen', () => {
    const moved = {
      ...plannedVersion('2026.3.10', '2026-03-10', '2026-03-13T09:00:00Z'),
      history: [
        { releaseDate: '2026-03-10', released: false, observedAt: '2026-02-20T09:00:00Z' },
        { releaseDate: '2026-03-12', released: false, observedAt: '2026-03-11T09:00:00Z' },
        { releaseDate: '2026-03-12', released: true, observedAt: '2026-03-13T09:00:00Z', source: 'event' as const },
      ],
    };
    const asOf = (now: string) => releaseFigure({ now, settings: { windowDays: 14 }, versions: [moved] }, 'on-time-delivery').drilldown.rows[0];
    expect(asOf('2026-03-11T08:00:00Z')).toMatchObject({ actual: null, slip: 1, moves: 0, state: 'not released yet' });
    expect(asOf('2026-03-15T12:00:00Z')).toMatchObject({ actual: '2026-03-13', slip: 3, moves: 1, state: 'released' });
  });

  it.each([
    ['planned for the window’s first day', '2026-03-01', 1],
    ['planned for the day before the window', '2026-02-28', 0],
    ['planned for today (not over yet)', '2026-03-15', 0],
  ])('a version %s is in the window: %i', (_case, due, measured) => {
    const { figure } = releaseFigure({ now: NOW, settings: { windowDays: 14 }, versions: [plannedVersion('2026.3', due, `${due}T10:00:00Z`)] }, 'on-time-delivery');
    expect(figure.denominator?.value).toBe(measured);
  });

  it('leaves out a version first seen released when it shipped before the window', () => {
    const legacy = { id: 'L', name: 'Legacy 1.8', releaseDate: '2026-02-26', released: true, history: [{ releaseDate: '2026-02-26', released: true, observedAt: '2026-03-06T02:00:00Z' }] };
    const { figure } = releaseFigure({ now: NOW, settings: { windowDays: 14 }, versions: [legacy] }, 'on-time-delivery');
    expect([figure.value, figure.display, figure.rag, figure.drilldownRows, figure.secondary.map((s) => s.value)]).toEqual([null, '–', 'neutral', 0, [null, null, null, 0]]);
  });

  it('says nothing of overdue versions when every version planned for the window shipped', () => {
    const { figure } = releaseFigure({ now: NOW, settings: { windowDays: 14 }, versions: [plannedVersion('2026.3.3', '2026-03-03', '2026-03-03T16:00:00Z')] }, 'on-time-delivery');
    expect([figure.value, figure.rag, figure.notes.length, figure.secondary.map((s) => s.value)]).toEqual([1, 'green', 2, [0, null, 0, 0]]);
  });
});

describe('the planned date is what the app knew at the time', () => {
  // 2026.3.10 was created without a date; a release date of 10 March was first set on the 9th.
  const history = (dateSetAt: string) => [
    { released: false, observedAt: '2026-02-20T09:00:00Z' },
    { releaseDate: '2026-03-10', released: false, observedAt: dateSetAt },
  ];
  const rows = (now: string, dateSetAt: string) =>
    releaseFigure({ now, settings: { windowDays: 14 }, versions: [{ id: 'V', name: '2026.3.10', releaseDate: '2026-03-10', released: false, history: history(dateSetAt) }] }, 'on-time-delivery').drilldown.rows.map(
      (r) => [r.planned, r.recorded, r.slip],
    );
  it.each([
    ['set before the report', '2026-03-12T00:00:00Z', '2026-03-09T09:00:00Z', [['2026-03-10', '2026-03-09T09:00Z', 2]]],
    ['set at the report’s very instant', '2026-03-12T00:00:00Z', '2026-03-12T00:00:00Z', [['2026-03-10', '2026-03-12T00:00Z', 2]]],
    ['set after the report (a past week recomputed)', '2026-03-12T00:00:00Z', '2026-03-12T00:01:00Z', []],
    ['recorded at a time that cannot be read', '2026-03-12T00:00:00Z', 'the 9th', []],
  ])('a date %s', (_case, now, dateSetAt, expected) => {
    expect(rows(now, dateSetAt)).toEqual(expected);
  });
});
