import { useEffect, useState } from 'react';
import { runbookRunChannel } from '../../../../src/contract-runbook';
import { subscribeToChannel } from '../platform';

/** With realtime, a slow poll only catches a notice lost on the way. */
export const SAFETY_POLL_MS = 60_000;
/** Without it (subscribing failed, or not yet answered), the page asks this often. */
export const FALLBACK_POLL_MS = 10_000;

export type LiveMode = 'connecting' | 'realtime' | 'polling';

/**
 * Keeps a release's run view fresh: subscribes to the release's run channel (Forge Realtime; the
 * local host's event stream) and reloads on each notice, within two seconds of the write; the
 * notice carries no data, the reload asks the authorized resolver. Polls every 10 s until the
 * subscription is open and whenever it could not be, and every 60 s beside it. Reloads only while
 * the page is visible.
 */
export function useLiveRefresh(versionId: string | undefined, reload: () => void): LiveMode {
  const [mode, setMode] = useState<LiveMode>('connecting');
  useEffect(() => {
    if (!versionId) return undefined;
    let closed = false;
    let unsubscribe: (() => void) | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    const poll = (ms: number) => {
      if (timer) clearInterval(timer);
      timer = setInterval(() => {
        if (document.visibilityState === 'visible') reload();
      }, ms);
    };
    setMode('connecting');
    poll(FALLBACK_POLL_MS);
    subscribeToChannel(runbookRunChannel(versionId), (notice) => {
      if (notice.versionId === versionId) reload();
    }).then(
      (stop) => {
        if (closed) return stop();
        unsubscribe = stop;
        setMode('realtime');
        poll(SAFETY_POLL_MS);
        // A write that landed while subscribing is not missed.
        reload();
      },
      () => {
        if (!closed) setMode('polling');
      },
    );
    return () => {
      closed = true;
      if (timer) clearInterval(timer);
      unsubscribe?.();
    };
  }, [versionId, reload]);
  return mode;
}
