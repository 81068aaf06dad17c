/**
 * "Now" and "today" for every page: the server's, in the project's release time zone, loaded
 * once when the page starts (`getProjectTime`). Pages never read the browser's clock to decide
 * what they show; the browser only measures how long the page has been open (a monotonic timer)
 * so "now" keeps moving while it stays open.
 */
import { createContext, useContext } from 'react';
import type { ProjectTimeView } from '../../../src/contract';

export interface ProjectTime {
  /** The project's today as a local-midnight Date, for date grids built with date-fns. */
  today: Date;
  /** The project's today, yyyy-MM-dd. */
  todayIso: string;
  /** The server's "now", advanced by the time this page has been open. */
  now(): Date;
  timeZone: string;
  source: ProjectTimeView['source'];
}

/** A yyyy-MM-dd day as the Date the browser's date grids use for that day (its local midnight). */
export function localDay(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

export function projectTimeFrom(view: ProjectTimeView, elapsedMs: () => number = () => performance.now()): ProjectTime {
  const serverNow = Date.parse(view.now);
  const openedAt = elapsedMs();
  return {
    today: localDay(view.today),
    todayIso: view.today,
    now: () => new Date(serverNow + (elapsedMs() - openedAt)),
    timeZone: view.timeZone,
    source: view.source,
  };
}

const ProjectTimeContext = createContext<ProjectTime | undefined>(undefined);

export const ProjectTimeProvider = ProjectTimeContext.Provider;

/** The project's time where a component may also show before it is loaded (an error on start). */
export function useOptionalProjectTime(): ProjectTime | undefined {
  return useContext(ProjectTimeContext);
}

export function useProjectTime(): ProjectTime {
  const time = useContext(ProjectTimeContext);
  if (!time) throw new Error('The project time is not loaded: wrap the page in <ProjectTimeProvider>.');
  return time;
}
