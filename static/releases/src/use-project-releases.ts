import { useState } from 'react';
import type { ErrorBody, ProjectReleasesView } from '../../../src/contract';
import { useResolverAnswer } from './use-resolver-answer';

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
  const { data, loading, error, reload } = useResolverAnswer('getProjectReleases', includeOlderReleased ? { includeOlderReleased: true } : {}, { enabled });
  return { data, loading, error, includeOlderReleased, setIncludeOlderReleased, reload };
}
