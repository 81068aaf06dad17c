import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorBody, GoNoGoBoardView } from '../../../../src/contract';
import { type PayloadOf, type ResolverKey, invoke } from '../platform';

/** Resolvers that answer with the whole board, so the page re-renders from one answer. */
export type BoardMutation = 'saveBoardConfig' | 'addOrUpdateRisk' | 'tickCriterion' | 'castVote' | 'recordDecision' | 'markVersionReleased' | 'startNewRound';

export interface GoNoGoBoardState {
  data?: GoNoGoBoardView;
  error?: ErrorBody;
  loading: boolean;
  /** The version asked for (undefined: the board's default, the next release). */
  versionId?: string;
  selectVersion(versionId: string): void;
  reload(): void;
  /** Runs a change; resolves to the error to show next to the form, or undefined when it landed. */
  mutate<K extends BoardMutation>(name: K, payload: PayloadOf<K>): Promise<ErrorBody | undefined>;
}

/** The board's first paint is one call; later answers win over earlier ones. */
export function useGoNoGoBoard(): GoNoGoBoardState {
  const [versionId, setVersionId] = useState<string>();
  const [data, setData] = useState<GoNoGoBoardView>();
  const [error, setError] = useState<ErrorBody>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    void invoke('getGoNoGoBoard', versionId ? { versionId } : {}).then((result) => {
      if (request !== latest.current) return;
      setLoading(false);
      if (result.ok) {
        setData(result.data);
        setError(undefined);
      } else {
        setError(result.error);
      }
    });
  }, [versionId, generation]);

  const mutate = useCallback(async <K extends BoardMutation>(name: K, payload: PayloadOf<K>) => {
    const request = ++latest.current;
    const result = await invoke(name as ResolverKey, payload as never);
    if (request === latest.current) setLoading(false);
    if (!result.ok) return result.error;
    if (request === latest.current) {
      setData(result.data as GoNoGoBoardView);
      setError(undefined);
    }
    return undefined;
  }, []);

  return {
    ...(data ? { data } : {}),
    ...(error ? { error } : {}),
    loading,
    ...(versionId ? { versionId } : {}),
    selectVersion: setVersionId,
    reload: useCallback(() => setGeneration((g) => g + 1), []),
    mutate,
  };
}
