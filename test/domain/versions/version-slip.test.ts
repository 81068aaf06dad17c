import { describeSlip, releaseSlip } from '../../../src/domain/versions/version-slip';
import type { VersionHistory } from '../../../src/domain/versions/version-history';

const history = (...dates: Array<string | null>): VersionHistory => ({
  versionId: '10005',
  name: 'SHOP 2.4',
  records: dates.map((releaseDate, i) => ({ startDate: '2026-10-27', releaseDate, released: false, observedAt: `2026-11-0${i + 1}T10:00:00.000Z`, source: 'event' as const })),
});

describe('the slip of a release date', () => {
  it.each<[string, VersionHistory | undefined, string | undefined, ReturnType<typeof releaseSlip>]>([
    ['no history', undefined, '2026-12-03', undefined],
    ['no current date', history('2026-12-03'), undefined, undefined],
    ['never moved', history('2026-12-03'), '2026-12-03', { baselineDate: '2026-12-03', currentDate: '2026-12-03', slipDays: 0, moves: 0 }],
    ['moved later twice', history('2026-12-01', '2026-12-05', '2026-12-10'), '2026-12-10', { baselineDate: '2026-12-01', currentDate: '2026-12-10', slipDays: 9, moves: 2 }],
    ['pulled in', history('2026-12-10', '2026-12-03'), '2026-12-03', { baselineDate: '2026-12-10', currentDate: '2026-12-03', slipDays: -7, moves: 0 }],
    ['a date set after none', history(null, '2026-12-03'), '2026-12-03', { baselineDate: '2026-12-03', currentDate: '2026-12-03', slipDays: 0, moves: 0 }],
    ['a move the history has not seen yet', history('2026-12-03'), '2026-12-08', { baselineDate: '2026-12-03', currentDate: '2026-12-08', slipDays: 5, moves: 1 }],
    ['set again later after the date was cleared', history('2026-12-03', null), '2026-12-08', { baselineDate: '2026-12-03', currentDate: '2026-12-08', slipDays: 5, moves: 1 }],
    // No baseline: the version had no release date while the app watched it, only now.
    ['a date set now, none ever recorded', history(null, null), '2026-12-08', undefined],
    ['a current date that is not a day', history('2026-12-03'), '2026-12-32', undefined],
  ])('%s', (_case, h, current, expected) => {
    expect(releaseSlip(h, current)).toEqual(expected);
  });

  it.each([
    [undefined, 'no history yet'],
    [{ baselineDate: 'a', currentDate: 'b', slipDays: 0, moves: 0 }, 'not moved'],
    [{ baselineDate: 'a', currentDate: 'b', slipDays: 0, moves: 2 }, 'not moved (moved 2× and back)'],
    [{ baselineDate: 'a', currentDate: 'b', slipDays: 9, moves: 2 }, '+9 days (moved 2×)'],
    [{ baselineDate: 'a', currentDate: 'b', slipDays: 1, moves: 1 }, '+1 day'],
    [{ baselineDate: 'a', currentDate: 'b', slipDays: -7, moves: 0 }, '7 days earlier than first planned'],
  ])('describes %j as %p', (slip, text) => {
    expect(describeSlip(slip)).toBe(text);
  });
});
