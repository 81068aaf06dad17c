import { type CalendarDate, daysBetween } from '../../src/domain/calendar/calendar-date';
import { localDay } from '../../static/releases/src/project-time';
import { axisPosition, axisSpan, axisTicks, dayAxis, projectDayRange, quarterAxis, tickLeft } from '../../static/releases/src/plan/timeline-axis';

// The timelines' axis is in the project's days (docs/time.md, rule 7): whatever zone the viewer's
// browser is in, a booking, a freeze or a deployment sits in its project day's column, between
// that day's ticks, and a release date fills its project day.
const inViewerZone = <T>(viewerZone: string, run: () => T): T => {
  const saved = process.env.TZ;
  process.env.TZ = viewerZone; // the "browser's" zone: local-midnight Dates follow it
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
};

/** Column (0 = the quarter's first day) and fraction of that day an instant is placed at. */
const placed = (projectZone: string, viewerZone: string, quarter: string, at: string) =>
  inViewerZone(viewerZone, () => {
    const axis = quarterAxis(localDay(quarter), projectZone);
    const position = axisPosition(axis, Date.parse(at));
    return { first: axis.first, column: Math.floor(position), fraction: position - Math.floor(position) };
  });

describe('the timeline axis in the project’s days', () => {
  it.each<[string, string, string, string, string, string, number]>([
    // case                                                        project zone          viewer zone            quarter       instant (UTC)              project day   fraction
    ['a slot from 09:00 in Auckland', 'Pacific/Auckland', 'America/Los_Angeles', '2027-01-01', '2027-01-04T20:00:00Z', '2027-01-05', 9 / 24],
    ['a slot at 23:30 in Auckland (its day, not the next)', 'Pacific/Auckland', 'America/Los_Angeles', '2027-01-01', '2027-01-05T10:30:00Z', '2027-01-05', 23.5 / 24],
    ['midnight in Auckland (on the day tick)', 'Pacific/Auckland', 'America/Los_Angeles', '2027-01-01', '2027-01-05T11:00:00Z', '2027-01-06', 0],
    ['the quarter’s first instant in Auckland', 'Pacific/Auckland', 'America/Los_Angeles', '2027-01-01', '2026-12-31T11:00:00Z', '2027-01-01', 0],
    ['noon on the 23-hour day Berlin starts summer time (11 h in)', 'Europe/Berlin', 'Pacific/Auckland', '2026-01-01', '2026-03-29T10:00:00Z', '2026-03-29', 11 / 23],
    ['09:00 the day after summer time starts (not shifted by its hour)', 'Europe/Berlin', 'Pacific/Auckland', '2026-01-01', '2026-03-30T07:00:00Z', '2026-03-30', 9 / 24],
    ['a slot at 23:30 in Berlin on the quarter’s last day', 'Europe/Berlin', 'America/Los_Angeles', '2026-01-01', '2026-03-31T21:30:00Z', '2026-03-31', 23.5 / 24],
    ['a deployment at 23:30 in Berlin in winter', 'Europe/Berlin', 'UTC', '2026-01-01', '2026-02-10T22:30:00Z', '2026-02-10', 23.5 / 24],
  ])('places %s (project in %s, viewer in %s) on its project day', (_case, projectZone, viewerZone, quarter, at, day, fraction) => {
    const { first, column, fraction: got } = placed(projectZone, viewerZone, quarter, at);
    expect(first).toBe(quarter);
    expect(column).toBe(daysBetween(first, day as CalendarDate));
    expect(got).toBeCloseTo(fraction, 9);
  });

  it.each<[string, string, string, string, number]>([
    // project zone   viewer zone            quarter       release date  column
    ['Pacific/Auckland', 'America/Los_Angeles', '2027-01-01', '2027-01-05', 4],
    ['Europe/Berlin', 'America/Los_Angeles', '2026-01-01', '2026-03-29', 87],
    ['Europe/Berlin', 'Pacific/Auckland', '2026-01-01', '2026-03-31', 89],
  ])('fills a release date’s whole project day (project in %s, viewer in %s)', (projectZone, viewerZone, quarter, date, column) => {
    inViewerZone(viewerZone, () => {
      const axis = quarterAxis(localDay(quarter), projectZone);
      const range = projectDayRange(date, projectZone)!;
      expect(axisPosition(axis, range.from)).toBe(column);
      expect(axisPosition(axis, range.to)).toBe(column + 1);
      expect(axisSpan(axis, range.from, range.to)).toEqual({ left: tickLeft(axis, column), width: 100 / axis.days });
    });
  });

  it('puts a quarter’s day ticks at the project’s midnight, months on the 1st and Mondays, and keeps every day one column', () => {
    const axis = dayAxis('2026-01-01' as CalendarDate, '2026-03-31' as CalendarDate, 'Europe/Berlin');
    expect(axis.days).toBe(90);
    expect(axis.from).toBe(Date.parse('2025-12-31T23:00:00Z'));
    expect(axis.to).toBe(Date.parse('2026-03-31T22:00:00Z'));
    const ticks = axisTicks(axis);
    expect(ticks.filter((t) => t.month).map((t) => [t.index, t.month])).toEqual([
      [0, 'Jan 2026'],
      [31, 'Feb 2026'],
      [59, 'Mar 2026'],
    ]);
    const mondays = ticks.filter((t) => t.monday);
    expect(mondays.slice(0, 2).map((t) => [t.day, t.dayOfMonth])).toEqual([
      ['2026-01-05', 5],
      ['2026-01-12', 12],
    ]);
    // 30 Mar, the Monday after the 23-hour day: its tick and its midnight (22:00 UTC) agree.
    const after = mondays.find((t) => t.day === '2026-03-30')!;
    expect(axisSpan(axis, Date.parse('2026-03-29T22:00:00Z'), axis.to)?.left).toBeCloseTo(tickLeft(axis, after.index), 9);
  });

  it.each<[string, [string, string], { left: number; width: number } | undefined]>([
    ['clipped at the axis’ start', ['2025-12-30T00:00:00Z', '2026-01-03T00:00:00Z'], { left: 0, width: 2 * 25 }],
    ['clipped at its end', ['2026-01-04T00:00:00Z', '2026-01-09T00:00:00Z'], { left: 3 * 25, width: 25 }],
    ['outside it', ['2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z'], undefined],
    ['a point, kept visible', ['2026-01-02T12:00:00Z', '2026-01-02T12:00:00.001Z'], { left: 1.5 * 25, width: 0.15 }],
  ])('places a span %s', (_case, [from, to], expected) => {
    const axis = dayAxis('2026-01-01' as CalendarDate, '2026-01-04' as CalendarDate, 'UTC');
    const got = axisSpan(axis, Date.parse(from), Date.parse(to));
    if (!expected) expect(got).toBeUndefined();
    else {
      expect(got?.left).toBeCloseTo(expected.left, 9);
      expect(got?.width).toBeCloseTo(expected.width, 6);
    }
  });
});
