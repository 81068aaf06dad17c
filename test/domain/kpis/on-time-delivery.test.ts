import { computeKpiReport } from '../../../src/domain/kpis/report';
import { type ExampleVersion, exampleInput } from './kpi-example';

const NOW = '2026-03-15T12:00:00Z';

/** A version planned on 20 Feb for `due`, released on `shipped` (or not yet). */
function aVersion(name: string, due: string, shipped?: string): ExampleVersion {
  const planned = { releaseDate: due, released: false, observedAt: '2026-02-20T09:00:00Z' };
  return shipped
    ? { id: name, name, releaseDate: shipped, released: true, history: [planned, { releaseDate: shipped, released: true, observedAt: `${shipped}T16:00:00Z` }] }
    : { id: name, name, releaseDate: due, released: false, history: [planned] };
}

function onTime(tolerance: number, version: ExampleVersion) {
  const input = exampleInput({ name: 'on time', now: NOW, settings: { windowDays: 14, onTimeToleranceDays: tolerance }, versions: [version], expect: {} });
  const figure = computeKpiReport(input, new Date(NOW)).figures.find((f) => f.id === 'on-time-delivery')!;
  return { onTime: figure.numerator.value, measured: figure.denominator?.value, notes: figure.notes.join(' ') };
}

describe('on-time delivery at the edge of the tolerance', () => {
  // The tolerance is the number of late days that still count as on time: the edge is included.
  it.each<[string, number, ExampleVersion, { onTime: number; measured: number }]>([
    ['released on the planned day, no tolerance', 0, aVersion('A', '2026-03-05', '2026-03-05'), { onTime: 1, measured: 1 }],
    ['released a day late, no tolerance', 0, aVersion('A', '2026-03-05', '2026-03-06'), { onTime: 0, measured: 1 }],
    ['released exactly 2 days late, 2 days tolerated', 2, aVersion('A', '2026-03-05', '2026-03-07'), { onTime: 1, measured: 1 }],
    ['released 3 days late, 2 days tolerated', 2, aVersion('A', '2026-03-05', '2026-03-08'), { onTime: 0, measured: 1 }],
    ['still unreleased 3 days after its date, 2 days tolerated', 2, aVersion('A', '2026-03-12'), { onTime: 0, measured: 1 }],
  ])('%s', (_case, tolerance, version, expected) => {
    expect(onTime(tolerance, version)).toMatchObject(expected);
  });

  // Not released yet but still within the tolerance: it may still ship on time, so it is not decided.
  it.each<[string, number, ExampleVersion]>([
    ['a day overdue, 1 day tolerated', 1, aVersion('A', '2026-03-14')],
    ['exactly 2 days overdue, 2 days tolerated', 2, aVersion('A', '2026-03-13')],
  ])('leaves out a version %s as not decided yet', (_case, tolerance, version) => {
    expect(onTime(tolerance, version)).toEqual({ onTime: 0, measured: 0, notes: expect.stringContaining('1 version due in the window still within the tolerance: not decided yet') });
  });
});
