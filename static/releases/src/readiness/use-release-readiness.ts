import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorBody, ProjectReadinessView } from '../../../../src/contract';
import { invoke } from '../platform';

export interface ReleaseReadinessState {
  data?: ProjectReadinessView;
  loading: boolean;
  error?: ErrorBody;
  reload: () => void;
}

/** While a roll-up is being built, look again this often, at most BUILD_POLLS times. */
const BUILD_POLL_MS = 2500;
const BUILD_POLLS = 24;

/**
 * Loads `getReleaseReadiness` (every unreleased version, or one with its full list of blocking
 * issues) once `enabled`; looks again while a roll-up is still being built. Later answers win.
 */
export function useReleaseReadiness(enabled: boolean, versionId?: string): ReleaseReadinessState {
  const [data, setData] = useState<ProjectReadinessView>();
  const [error, setError] = useState<ErrorBody>();
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const polls = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    const request = ++latest.current;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    setLoading(true);
    void invoke('getReleaseReadiness', versionId ? { versionId } : {}).then((result) => {
      if (cancelled || request !== latest.current) return;
      setLoading(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setData(result.data);
      setError(undefined);
      if (result.data.releases.some((r) => r.status === 'building') && polls.current < BUILD_POLLS) {
        polls.current++;
        timer = setTimeout(() => setGeneration((g) => g + 1), BUILD_POLL_MS);
      }
    });
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [enabled, versionId, generation]);

  const reload = useCallback(() => {
    polls.current = 0;
    setGeneration((g) => g + 1);
  }, []);
  return { data, loading, error, reload };
}
