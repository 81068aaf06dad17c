import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorBody, ProjectReleasesView } from '../../../src/contract';
import { invoke } from './platform';

export interface ProjectReleasesState {
  /** Last data received; kept while a reload is running so the table does not flash. */
  data?: ProjectReleasesView;
  loading: boolean;
  error?: ErrorBody;
  includeOlderReleased: boolean;
  setIncludeOlderReleased: (include: boolean) => void;
  reload: () => void;
}

/** Loads `getProjectReleases` once `enabled` turns true; later answers win over earlier ones. */
export function useProjectReleases(enabled: boolean): ProjectReleasesState {
  const [includeOlderReleased, setIncludeOlderReleased] = useState(false);
  const [data, setData] = useState<ProjectReleasesView>();
  const [error, setError] = useState<ErrorBody>();
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    const request = ++latest.current;
    setLoading(true);
    void invoke('getProjectReleases', includeOlderReleased ? { includeOlderReleased: true } : {}).then((result) => {
      if (request !== latest.current) return;
      setLoading(false);
      if (result.ok) {
        setData(result.data);
        setError(undefined);
      } else {
        setError(result.error);
      }
    });
  }, [enabled, includeOlderReleased, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, loading, error, includeOlderReleased, setIncludeOlderReleased, reload };
}
