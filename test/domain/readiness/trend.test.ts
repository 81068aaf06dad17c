import type { CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { jsonBytes } from '../../../src/domain/json-size';
import { TREND_BUDGET_BYTES, TREND_DAYS, emptyTrend, recordTrend, trendPoints } from '../../../src/domain/readiness/trend';

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
