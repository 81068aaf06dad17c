import { handleProductEvent } from '../../src/app/product-events';
import { readVersionHistory } from '../../src/app/version-tracking';
import { releaseSlips } from '../../src/domain/versions/version-history';
import { testDeps } from '../support/app-deps';

/** A version event as Jira raises it: the version, and when it happened (ms). */
const versionEvent = (releaseDate: string, at: string, eventType = 'avi:jira:updated:version') => ({
  eventType,
  timestamp: Date.parse(at),
  version: { id: '10001', name: 'SHOP 2.4', projectId: 10000, releaseDate, released: false, archived: false },
});

describe('version events that arrive late, twice or out of order', () => {
  it('keeps the date history in the order things happened: one move is one slip, and the newest date stays current', async () => {
    let now = new Date('2026-11-10T12:00:00Z');
    const deps = testDeps({ clock: { now: () => now } });
    const created = versionEvent('2026-12-01', '2026-11-02T09:00:00Z', 'avi:jira:created:version');
    const moved = versionEvent('2026-12-08', '2026-11-05T09:00:00Z');
    const movedAgain = versionEvent('2026-12-15', '2026-11-09T09:00:00Z');
    // Delivered out of order, one of them twice, the last one minutes late.
    for (const event of [created, movedAgain, moved, moved]) {
      await handleProductEvent(deps, event);
      now = new Date(now.getTime() + 60_000);
    }
    const history = (await readVersionHistory(deps, '10000'))!.versions['10001']!;
    expect(history.records.map((r) => [r.releaseDate, r.observedAt])).toEqual([
      ['2026-12-01', '2026-11-02T09:00:00.000Z'],
      ['2026-12-08', '2026-11-05T09:00:00.000Z'],
      ['2026-12-15', '2026-11-09T09:00:00.000Z'],
    ]);
    expect(releaseSlips(history)).toBe(2);
  });

  it('never dates an event after the clock: a timestamp from a skewed sender is capped at now', async () => {
    const now = new Date('2026-11-10T12:00:00Z');
    const deps = testDeps({ clock: { now: () => now } });
    await handleProductEvent(deps, versionEvent('2026-12-01', '2027-01-01T00:00:00Z'));
    const history = (await readVersionHistory(deps, '10000'))!.versions['10001']!;
    expect(history.records.map((r) => r.observedAt)).toEqual([now.toISOString()]);
  });
});
