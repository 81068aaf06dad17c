import type { KpiSyncStatus } from '../../../../src/contract';

export const SYNC_STATE_LABEL: Record<KpiSyncStatus['state'], string> = {
  never: 'Not synced',
  backfilling: 'Backfilling',
  idle: 'Up to date',
  syncing: 'Syncing',
  'waiting-quota': 'Waiting for Jira quota',
  'rate-limited': 'Slowed down by Jira',
  error: 'Sync failed',
};

/** Whether "Sync now" would only queue a second copy of work in progress: a stalled sync is not busy. */
export function syncBusy(sync: KpiSyncStatus): boolean {
  return (sync.state === 'backfilling' || sync.state === 'syncing') && !sync.stalled;
}

/** What stopped: backfill chunks, or (0 chunks) the read of recent changes. */
export function stalledWhat(chunks: number): string {
  if (chunks === 0) return 'the read of recent changes';
  return chunks === 1 ? '1 chunk' : `${chunks} chunks`;
}

/** One line on where a project's KPI fact sync stands, as the settings page shows it. */
export function syncSummary(sync: KpiSyncStatus, formatInstant: (iso: string) => string): string {
  if (sync.state === 'never') return 'Not synced yet.';
  const parts = [sync.rebuilding ? `Full re-sync: ${sync.chunksDone} of ${sync.chunksTotal} chunks (the figures stay the previous sync's until it completes)` : SYNC_STATE_LABEL[sync.state]];
  if (!sync.rebuilding && sync.state === 'backfilling') parts.push(`${sync.chunksDone} of ${sync.chunksTotal} chunks`);
  parts.push(`${sync.issuesStored} issues stored`);
  if (sync.stalled) parts.push(`stalled: ${stalledWhat(sync.stalled.chunks)} stopped without finishing (lease expired ${formatInstant(sync.stalled.since)}); "Sync now" on the KPIs page resumes`);
  if (sync.state === 'waiting-quota' || sync.state === 'rate-limited') parts.push(sync.retryAt ? `continues after ${formatInstant(sync.retryAt)}` : 'continues on its own');
  if (sync.state === 'error' && sync.error) parts.push(`last error: ${sync.error}`);
  if (sync.lastRunAt) parts.push(`last run ${formatInstant(sync.lastRunAt)}`);
  return `${parts.join(' · ')}.`;
}
