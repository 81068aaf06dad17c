import type { CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { jsonBytes } from '../../../src/domain/json-size';
import { type ReadinessTrendDoc, TREND_BUDGET_BYTES, TREND_DAYS, type TrendTuple, emptyTrend, recordTrend, trendPoints } from '../../../src/domain/readiness/trend';

const day = (d: string) => d as CalendarDate;
const tally = (versionId: string, green: number, amber: number, red: number) => ({ versionId, rag: { green, amber, red } });

describe('readiness trend', () => {
  it('keeps one point a day per release: a later roll-up the same day replaces it, the same one changes nothing', () => {
    const tracked = new Set(['24', '25']);
    const monday = recordTrend(emptyTrend(), day('2026-11-23'), [tally('24', 10, 3, 45), tally('25', 0, 0, 24)], tracked)!;
    const tuesday = recordTrend(monday, day('2026-11-24'), [tally('24', 14, 2, 42)], tracked)!;
    const again = recordTrend(tuesday, day('2026-11-24'), [tally('24', 16, 2, 40)], tracked)!;
    expect(trendPoints(again, '24')).toEqual([
      { date: '2026-11-23', ready: 10, atRisk: 3, notReady: 45 },
      { date: '2026-11-24', ready: 16, atRisk: 2, notReady: 40 },
    ]);
    expect(trendPoints(again, '25')).toHaveLength(1);
    expect(recordTrend(again, day('2026-11-24'), [tally('24', 16, 2, 40)], tracked)).toBeUndefined();
  });

  it('drops a release once it is released (no longer tracked)', () => {
    const doc = recordTrend(emptyTrend(), day('2026-11-23'), [tally('24', 1, 0, 1), tally('25', 1, 0, 1)], new Set(['24', '25']))!;
    const after = recordTrend(doc, day('2026-11-24'), [tally('25', 2, 0, 0)], new Set(['25']))!;
    expect(Object.keys(after.releases)).toEqual(['25']);
  });

  it(`keeps ${TREND_DAYS} days per release and stays under its byte budget with many releases`, () => {
    const ids = Array.from({ length: 120 }, (_, i) => String(10_000 + i));
    const tracked = new Set(ids);
    let doc = emptyTrend();
    for (let d = 0; d < 60; d++) {
      const date = new Date(Date.UTC(2026, 9, 1 + d)).toISOString().slice(0, 10);
      doc = recordTrend(doc, day(date), ids.map((id) => tally(id, 1000 + d, 100, 2000)), tracked) ?? doc;
    }
    expect(jsonBytes(doc)).toBeLessThanOrEqual(TREND_BUDGET_BYTES);
    const points = trendPoints(doc, ids[0]!);
    expect(points.length).toBeLessThanOrEqual(TREND_DAYS);
    expect(points[points.length - 1]?.date).toBe('2026-11-29');
  });
});

describe('readiness trend: the document as stored', () => {
  const tracked = new Set(['24', '25']);

  it.each<[string, ReadinessTrendDoc, Parameters<typeof recordTrend>[2], ReadinessTrendDoc | undefined]>([
    ['the first point of a release', emptyTrend(), [tally('24', 10, 3, 45)], { v: 1, releases: { '24': [['2026-11-24', 10, 3, 45]] } }],
    ['a roll-up of a release no longer tracked', emptyTrend(), [tally('23', 10, 3, 45)], undefined],
    ['no roll-up today', { v: 1, releases: { '24': [['2026-11-23', 10, 3, 45]] } }, [], undefined],
    [
      'a point dated after today (read before a clock correction) is replaced',
      { v: 1, releases: { '24': [['2026-11-23', 10, 3, 45], ['2026-11-25', 11, 3, 44]] } },
      [tally('24', 12, 3, 43)],
      { v: 1, releases: { '24': [['2026-11-23', 10, 3, 45], ['2026-11-24', 12, 3, 43]] } },
    ],
    [
      'a released release dropped, another left as it was',
      { v: 1, releases: { '23': [['2026-11-23', 1, 0, 0]], '25': [['2026-11-23', 0, 0, 24]] } },
      [],
      { v: 1, releases: { '25': [['2026-11-23', 0, 0, 24]] } },
    ],
  ])('%s', (_case, doc, tallies, expected) => {
    expect(recordTrend(doc, day('2026-11-24'), tallies, tracked)).toEqual(expected);
  });

  it('keeps the newest 42 days of a release', () => {
    const days = Array.from({ length: TREND_DAYS }, (_, i) => new Date(Date.UTC(2026, 9, 1 + i)).toISOString().slice(0, 10));
    const doc: ReadinessTrendDoc = { v: 1, releases: { '24': days.map((d) => [d, 1, 1, 1] as TrendTuple) } };
    const next = recordTrend(doc, day('2026-11-24'), [tally('24', 2, 2, 2)], tracked)!;
    expect(next.releases['24']).toEqual([...doc.releases['24']!.slice(1), ['2026-11-24', 2, 2, 2]]);
  });

  it('over its byte budget, drops the oldest day of every release first, but never a release’s only point', () => {
    const ids = Array.from({ length: 80 }, (_, i) => String(20_000 + i));
    const days = Array.from({ length: TREND_DAYS - 1 }, (_, i) => new Date(Date.UTC(2026, 9, 1 + i)).toISOString().slice(0, 10));
    const doc: ReadinessTrendDoc = { v: 1, releases: { lonely: [['2026-09-01', 5, 0, 0]], ...Object.fromEntries(ids.map((id) => [id, days.map((d) => [d, 1000, 100, 2000] as TrendTuple)])) } };
    const next = recordTrend(doc, day('2026-11-24'), ids.map((id) => tally(id, 1001, 100, 1999)), new Set([...ids, 'lonely']))!;
    const kept = next.releases[ids[0]!]!.map(([d]) => d);
    const dropped = days.filter((d) => !kept.includes(d));
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped).toEqual(days.slice(0, dropped.length));
    expect(ids.every((id) => JSON.stringify(next.releases[id]!.map(([d]) => d)) === JSON.stringify(kept))).toBe(true);
    expect(next.releases.lonely).toEqual([['2026-09-01', 5, 0, 0]]);
    expect(kept.at(-1)).toBe('2026-11-24');
    // As few days dropped as it takes: one more kept would not fit.
    expect(jsonBytes(next)).toBeLessThanOrEqual(TREND_BUDGET_BYTES);
    const oneMore = { ...next, releases: Object.fromEntries(Object.entries(next.releases).map(([id, points]) => [id, id === 'lonely' ? points : [doc.releases[id]!.find(([d]) => d === dropped.at(-1))!, ...points]])) };
    expect(jsonBytes(oneMore)).toBeGreaterThan(TREND_BUDGET_BYTES);
  });

  it('reads no points of a release it has none of, nor from no document', () => {
    expect([trendPoints(emptyTrend(), '24'), trendPoints(undefined, '24')]).toEqual([[], []]);
  });
});
