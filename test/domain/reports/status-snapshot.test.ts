import type { CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { type StatusSnapshot, diffSnapshots, isoWeek, rollSnapshots, snapshotOf } from '../../../src/domain/reports/status-snapshot';
import { aReleaseSummary } from '../../support/builders';

describe('ISO weeks', () => {
  it.each([
    ['2026-11-24', '2026-W48'],
    ['2026-11-23', '2026-W48'],
    ['2026-11-29', '2026-W48'],
    ['2026-11-30', '2026-W49'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-01-01', '2026-W01'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeek(date as CalendarDate)).toBe(week);
  });
});

const view = (releases: ReturnType<typeof aReleaseSummary>[], generatedAt = '2026-11-24T10:00:00.000Z') => ({
  project: { id: '10000', key: 'SHOP', name: 'Web Shop' },
  generatedAt,
  releases,
  olderReleasedCount: 0,
});

const lastWeek = snapshotOf(
  view(
    [
      aReleaseSummary({ id: '1', name: '2.4', releaseDate: '2026-12-04', daysToRelease: 17, counts: { todo: 5, inProgress: 3, done: 2, total: 10 }, percentDone: 20 }),
      aReleaseSummary({ id: '2', name: '2.3.1', releaseDate: '2026-11-20', daysToRelease: 3 }),
      aReleaseSummary({ id: '3', name: '2.6', releaseDate: '2027-02-01', daysToRelease: 80 }),
    ],
    '2026-11-17T10:00:00.000Z',
  ),
  '2026-W47',
  { '1': { baselineDate: '2026-12-04', currentDate: '2026-12-04', slipDays: 0, moves: 0 } },
);

describe('what changed since last week', () => {
  const thisWeek: StatusSnapshot = snapshotOf(
    view([
      aReleaseSummary({ id: '1', name: '2.4', releaseDate: '2026-12-11', daysToRelease: 17, counts: { todo: 4, inProgress: 3, done: 6, total: 13 }, percentDone: 46 }),
      aReleaseSummary({ id: '2', name: '2.3.1', released: true, state: 'released', releaseDate: '2026-11-20' }),
      aReleaseSummary({ id: '4', name: '2.5', releaseDate: undefined, state: 'unscheduled', daysToRelease: null }),
    ]),
    '2026-W48',
    {},
  );

  it('lists each release’s changes, new releases, released ones and ones that left', () => {
    expect(diffSnapshots(lastWeek, thisWeek)).toEqual({
      since: '2026-11-17T10:00:00.000Z',
      releases: [
        {
          versionId: '1',
          versionName: '2.4',
          changes: ['Release date moved from 2026-12-04 to 2026-12-11 (7 days later).', 'Scope +3 issues (10 → 13).', '4 issues done since (20% → 46% done).'],
        },
        { versionId: '4', versionName: '2.5', changes: ['New in flight, no release date yet.'] },
        { versionId: '2', versionName: '2.3.1', changes: ['Released.'] },
        { versionId: '3', versionName: '2.6', changes: ['No longer in flight (released long ago, archived or deleted).'] },
      ],
    });
  });

  it('has nothing to compare for a first report', () => {
    expect(diffSnapshots(undefined, thisWeek)).toEqual({ releases: [] });
  });

  it('notices a RAG change', () => {
    const late = { ...lastWeek, releases: [{ ...lastWeek.releases[0]!, rag: { colour: 'Red' as const, label: 'Overdue' } }] };
    expect(diffSnapshots(lastWeek, late).releases[0]!.changes).toEqual(['Status On track → Overdue.']);
  });

  it('reads a snapshot stored before the one vocabulary ("ON TRACK") as the same status', () => {
    const stored = { ...lastWeek, releases: lastWeek.releases.map((r) => ({ ...r, rag: { ...r.rag, label: r.rag.label.toUpperCase() } })) };
    expect(diffSnapshots(stored, lastWeek).releases.flatMap((r) => r.changes)).toEqual([]);
  });

  it('keeps the slip in the snapshot', () => {
    expect(lastWeek.releases.find((r) => r.id === '1')?.slipDays).toBe(0);
    expect(lastWeek.releases.find((r) => r.id === '2')?.slipDays).toBeUndefined();
  });
});

describe('rolling the stored snapshots', () => {
  const week = (w: string, takenAt: string) => ({ ...lastWeek, week: w, takenAt });
  const w47 = week('2026-W47', '2026-11-17T10:00:00.000Z');
  const w48 = week('2026-W48', '2026-11-24T10:00:00.000Z');
  const w48again = week('2026-W48', '2026-11-24T11:00:00.000Z');

  it.each([
    ['the first report has no baseline', undefined, w48, { current: w48 }, undefined],
    ['a new week compares with the last one', { current: w47 }, w48, { current: w48, previous: w47 }, w47],
    ['a second run in the same week keeps the same baseline', { current: w48, previous: w47 }, w48again, { current: w48again, previous: w47 }, w47],
    ['a second run in the first week still has none', { current: w48 }, w48again, { current: w48again }, undefined],
  ])('%s', (_case, stored, snapshot, document, baseline) => {
    expect(rollSnapshots(stored, snapshot)).toEqual({ document, ...(baseline ? { baseline } : {}) });
  });
});
