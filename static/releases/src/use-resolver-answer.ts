import { type Dispatch, type MutableRefObject, type SetStateAction, useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorBody } from '../../../src/contract';
import { type PayloadOf, type ResolverKey, type ResultOf, invoke } from './platform';

export interface ResolverAnswer<K extends ResolverKey> {
  data?: ResultOf<K>;
  setData: Dispatch<SetStateAction<ResultOf<K> | undefined>>;
  error?: ErrorBody;
  setError: Dispatch<SetStateAction<ErrorBody | undefined>>;
  loading: boolean;
  setLoading: Dispatch<SetStateAction<boolean>>;
  /** Number of the latest request; a caller sending its own requests bumps it so older answers are dropped. */
  latest: MutableRefObject<number>;
  reload: () => void;
}

/**
 * Calls a read resolver while `enabled`, again whenever the payload changes or on `reload`; later
 * answers win over earlier ones, and the last data is kept while a reload runs (no flash).
 */
export function useResolverAnswer<K extends ResolverKey>(name: K, payload: PayloadOf<K>, { enabled = true, initialLoading = false }: { enabled?: boolean; initialLoading?: boolean } = {}): ResolverAnswer<K> {
  const [data, setData] = useState<ResultOf<K>>();
  const [error, setError] = useState<ErrorBody>();
  const [loading, setLoading] = useState(initialLoading);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  // The payload is plain JSON (it crosses the bridge): compare it by value, not by identity.
  const payloadKey = JSON.stringify(payload);

  useEffect(() => {
    if (!enabled) return;
    const request = ++latest.current;
    setLoading(true);
    void invoke(name, JSON.parse(payloadKey) as PayloadOf<K>).then((result) => {
      if (request !== latest.current) return;
      setLoading(false);
      if (result.ok) {
        setData(result.data);
        setError(undefined);
      } else {
        setError(result.error);
      }
    });
  }, [name, payloadKey, enabled, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...(data !== undefined ? { data } : {}), setData, ...(error ? { error } : {}), setError, loading, setLoading, latest, reload };
}
