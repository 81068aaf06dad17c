import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CalendarQuery, ErrorBody, ReleaseCalendarView, ResolverContract } from '../../../../src/contract';
import { invoke } from '../platform';
import { type DayRange, covers, loadRangeFor, queryFor } from './plan-model';

/** Resolvers that change the plan and answer with the fresh calendar view. */
export type PlanMutation =
  | 'saveEnvironmentSlot'
  | 'deleteEnvironmentSlot'
  | 'restoreEnvironmentSlot'
  | 'savePlanWindow'
  | 'deletePlanWindow'
  | 'restorePlanWindow'
  | 'recordDeployment'
  | 'setVersionDependencies';
type MutationPayload<K extends PlanMutation> = Omit<ResolverContract[K]['payload'], 'view'>;

export type MutationOutcome = { ok: true; view: ReleaseCalendarView } | { ok: false; error: ErrorBody };

export interface ReleaseCalendarState {
  view?: ReleaseCalendarView;
  loading: boolean;
  error?: ErrorBody;
  /** The days loaded (or being loaded). */
  range: DayRange;
  /** Loads a new range around `focus` unless `[from, to]` is already loaded. */
  ensure(focus: Date, from: Date, to: Date): void;
  /** Related projects shown (undefined: the project's saved ones). */
  related?: string[];
  setRelated(keys: string[] | undefined): void;
  reload(): void;
  mutate<K extends PlanMutation>(name: K, payload: MutationPayload<K>): Promise<MutationOutcome>;
}

/**
 * The release calendar of the page's project: one `getReleaseCalendar` call per view (a range of
 * about a year around the day in focus), and every change answers with the fresh view. Later
 * answers win over earlier ones. Marks `calendar:data` when data arrives, for the benchmark.
 */
export function useReleaseCalendar(initialFocus: Date): ReleaseCalendarState {
  const [range, setRange] = useState<DayRange>(() => loadRangeFor(initialFocus));
  const [related, setRelated] = useState<string[]>();
  const [view, setView] = useState<ReleaseCalendarView>();
  const [error, setError] = useState<ErrorBody>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const query: CalendarQuery = useMemo(() => queryFor(range, related), [range, related]);

  const accept = useCallback((next: ReleaseCalendarView) => {
    performance.mark('calendar:data');
    setView(next);
    setError(undefined);
  }, []);

  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    void invoke('getReleaseCalendar', query).then((result) => {
      if (request !== latest.current) return;
      setLoading(false);
      if (result.ok) accept(result.data);
      else setError(result.error);
    });
  }, [query, generation, accept]);

  const ensure = useCallback((focus: Date, from: Date, to: Date) => {
    setRange((current) => (covers(current, from, to) ? current : loadRangeFor(focus)));
  }, []);

  const mutate = useCallback(
    async <K extends PlanMutation>(name: K, payload: MutationPayload<K>): Promise<MutationOutcome> => {
      const request = ++latest.current;
      setLoading(true);
      const result = await invoke(name, { ...payload, view: query } as ResolverContract[K]['payload']);
      if (request === latest.current) setLoading(false);
      if (!result.ok) return { ok: false, error: result.error };
      const next = result.data as ReleaseCalendarView;
      if (request === latest.current) accept(next);
      return { ok: true, view: next };
    },
    [query, accept],
  );

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { view, loading, error, range, ensure, related, setRelated, reload, mutate };
}
