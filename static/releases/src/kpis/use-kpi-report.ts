import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorBody, KpiReportView, KpiSyncStatus } from '../../../../src/contract';
import { invoke } from '../platform';
import { syncBusy } from './sync-summary';

export interface KpiReportState {
  report?: KpiReportView;
  loading: boolean;
  error?: ErrorBody;
  reload(): void;
  /** Queues a sync (project admins) and polls until it settles. */
  sync(full?: boolean): Promise<{ ok: true; status: KpiSyncStatus } | { ok: false; error: ErrorBody }>;
  syncing: boolean;
}

const POLL_MS = 2500;
const MAX_POLLS = 120;

/** `getKpiReport` once, again on reload, and every few seconds while a sync runs. Later answers win. */
export function useKpiReport(): KpiReportState {
  const [report, setReport] = useState<KpiReportView>();
  const [error, setError] = useState<ErrorBody>();
  const [loading, setLoading] = useState(true);
  const [syncing, setSyncing] = useState(false);
  const latest = useRef(0);
  const polls = useRef(0);
  /** A sync was just requested: keep polling while its first job has not written anything yet. */
  const awaiting = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const load = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    const result = await invoke('getKpiReport', {});
    if (request !== latest.current) return;
    setLoading(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setReport(result.data);
    setError(undefined);
    clearTimeout(timer.current);
    const state = result.data.sync.state;
    if (state !== 'never') awaiting.current = false;
    // A stalled sync is not polled: it waits for "Sync now" (or the daily run) to resume it.
    if ((syncBusy(result.data.sync) || awaiting.current) && polls.current < MAX_POLLS) {
      polls.current++;
      timer.current = setTimeout(() => void load(), POLL_MS);
    } else {
      setSyncing(false);
    }
  }, []);

  useEffect(() => {
    void load();
    return () => clearTimeout(timer.current);
  }, [load]);

  const reload = useCallback(() => void load(), [load]);
  const sync = useCallback(
    async (full = false) => {
      setSyncing(true);
      polls.current = 0;
      awaiting.current = true;
      const result = await invoke('startKpiSync', full ? { full: true } : {});
      if (!result.ok) {
        awaiting.current = false;
        setSyncing(false);
        return result;
      }
      await load();
      return { ok: true as const, status: result.data };
    },
    [load],
  );
  return { report, loading, error, reload, sync, syncing };
}
