import { useCallback, useState } from 'react';
import type { ErrorBody, GoNoGoBoardView } from '../../../../src/contract';
import { type PayloadOf, type ResolverKey, invoke } from '../platform';
import { useResolverAnswer } from '../use-resolver-answer';

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
export function useGoNoGoBoard(initialVersionId?: string): GoNoGoBoardState {
  const [versionId, setVersionId] = useState<string | undefined>(initialVersionId);
  const { data, setData, error, setError, loading, setLoading, latest, reload } = useResolverAnswer('getGoNoGoBoard', versionId ? { versionId } : {}, { initialLoading: true });

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
  }, [latest, setData, setError, setLoading]);

  return {
    ...(data ? { data } : {}),
    ...(error ? { error } : {}),
    loading,
    ...(versionId ? { versionId } : {}),
    selectVersion: setVersionId,
    reload,
    mutate,
  };
}
