import {
  buildMonthGrid,
  countEventsInMonth,
  describeEvent,
  eventsByDay,
  shiftMonth,
  undatedReleases,
} from '../../static/releases/src/calendar-grid';
import { release } from './fixtures';

const keys = (week: { key: string }[] | undefined) => (week ?? []).map((d) => d.key);

describe('buildMonthGrid', () => {
  it('lays March 2026 out in Monday-first weeks, padded with the neighbouring months', () => {
    const grid = buildMonthGrid(new Date(2026, 2, 17), new Date(2026, 2, 17));
    expect(grid.title).toBe('March 2026');
    // 1 March 2026 is a Sunday: the first row starts on Monday 23 February.
    expect(keys(grid.weeks[0])).toEqual(['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01']);
    expect(grid.weeks).toHaveLength(6);
    expect(keys(grid.weeks[5])).toEqual(['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05']);
    expect(grid.weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('needs only four weeks for February 2027 (starts on a Monday, 28 days)', () => {
    const grid = buildMonthGrid(new Date(2027, 1, 1), new Date(2026, 0, 1));
    expect(grid.weeks).toHaveLength(4);
    expect(grid.weeks[0]?.[0]?.key).toBe('2027-02-01');
    expect(grid.weeks[3]?.[6]?.key).toBe('2027-02-28');
  });

  it('marks today, the days of the month and weekends', () => {
    const grid = buildMonthGrid(new Date(2026, 2, 1), new Date(2026, 2, 17));
    const days = grid.weeks.flat();
    expect(days.filter((d) => d.isToday).map((d) => d.key)).toEqual(['2026-03-17']);
    expect(days.filter((d) => d.inMonth)).toHaveLength(31);
    expect(days.find((d) => d.key === '2026-02-28')?.inMonth).toBe(false);
    expect(days.filter((d) => d.isWeekend).every((d) => [0, 6].includes(d.date.getDay()))).toBe(true);
    expect(grid.weeks.every((w) => w[5]?.isWeekend && w[6]?.isWeekend && !w[0]?.isWeekend)).toBe(true);
  });

  it('is not thrown off by the daylight-saving change (last Sunday of March)', () => {
    const days = buildMonthGrid(new Date(2026, 2, 1), new Date(2026, 2, 1)).weeks.flat().map((d) => d.key);
    expect(new Set(days).size).toBe(days.length);
    expect(days).toContain('2026-03-29');
    expect(days).toContain('2026-03-30');
  });
});

describe('shiftMonth', () => {
  it('moves to the first of the previous/next month, across years and from the 31st', () => {
    expect(shiftMonth(new Date(2026, 0, 31), -1)).toEqual(new Date(2025, 11, 1));
    expect(shiftMonth(new Date(2026, 0, 31), 1)).toEqual(new Date(2026, 1, 1));
    expect(shiftMonth(new Date(2026, 11, 15), 1)).toEqual(new Date(2027, 0, 1));
    expect(shiftMonth(new Date(2026, 4, 9), 0)).toEqual(new Date(2026, 4, 1));
  });
});

describe('eventsByDay', () => {
  const releases = [
    release({ id: '1', name: 'v2.0', state: 'in-progress', startDate: '2026-03-02', releaseDate: '2026-03-20' }),
    release({ id: '2', name: 'v1.9', state: 'overdue', releaseDate: '2026-03-02' }),
    release({ id: '3', name: 'Backlog', state: 'unscheduled' }),
    release({ id: '4', name: 'bad date', state: 'planned', releaseDate: '2026-02-30' }),
  ];

  it('files start and release dates under their day, releases first', () => {
    const events = eventsByDay(releases);
    expect(events.get('2026-03-02')?.map((e) => `${e.kind}:${e.name}`)).toEqual(['release:v1.9', 'start:v2.0']);
    expect(events.get('2026-03-20')?.map((e) => `${e.kind}:${e.versionId}`)).toEqual(['release:1']);
    expect([...events.keys()].sort()).toEqual(['2026-03-02', '2026-03-20']);
  });

  it('counts the events of a month', () => {
    const events = eventsByDay(releases);
    expect(countEventsInMonth(events, new Date(2026, 2, 1))).toBe(3);
    expect(countEventsInMonth(events, new Date(2026, 3, 1))).toBe(0);
  });

  it('lists versions that cannot be placed', () => {
    expect(undatedReleases(releases).map((r) => r.id)).toEqual(['3', '4']);
  });

  it('describes events for assistive technology', () => {
    const events = eventsByDay(releases).get('2026-03-02') ?? [];
    expect(events.map(describeEvent)).toEqual(['v1.9 release date, overdue', 'v2.0 starts']);
  });
});
