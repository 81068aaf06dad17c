import type { KpiSyncStatus } from '../../src/contract';
import { syncBusy, syncSummary } from '../../static/releases/src/kpis/sync-summary';

const at = (iso: string) => iso.slice(11, 16);
const status = (overrides: Partial<KpiSyncStatus>): KpiSyncStatus => ({ state: 'idle', chunksDone: 17, chunksTotal: 17, issuesStored: 421, ...overrides });

describe('the KPI sync as the settings and KPIs pages state it', () => {
  it.each([
    ['an up-to-date sync', status({ lastRunAt: '2026-11-24T10:00:00Z' }), false, 'Up to date · 421 issues stored · last run 10:00.'],
    ['a first backfill under way', status({ state: 'backfilling', chunksDone: 3, issuesStored: 90 }), true, 'Backfilling · 3 of 17 chunks · 90 issues stored.'],
    [
      'a full re-sync whose worker died',
      status({ state: 'backfilling', chunksDone: 2, rebuilding: { chunksDone: 2, chunksTotal: 17, startedAt: '2026-11-24T10:00:00Z' }, stalled: { chunks: 1, since: '2026-11-24T10:03:00Z' } }),
      false,
      'Full re-sync: 2 of 17 chunks (the figures stay the previous sync\'s until it completes) · 421 issues stored · stalled: 1 chunk stopped without finishing (lease expired 10:03); "Sync now" on the KPIs page resumes.',
    ],
    [
      'a delta whose worker died',
      status({ state: 'syncing', stalled: { chunks: 0, since: '2026-11-25T06:03:00Z' } }),
      false,
      'Syncing · 421 issues stored · stalled: the read of recent changes stopped without finishing (lease expired 06:03); "Sync now" on the KPIs page resumes.',
    ],
    ['a sync waiting for quota', status({ state: 'waiting-quota', retryAt: '2026-11-24T11:00:00Z' }), false, 'Waiting for Jira quota · 421 issues stored · continues after 11:00.'],
  ])('%s', (_, sync, busy, line) => {
    expect(syncBusy(sync)).toBe(busy);
    expect(syncSummary(sync, at)).toBe(line);
  });
});
