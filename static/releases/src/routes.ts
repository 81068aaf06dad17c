/**
 * Sub-pages of the "Releases" project page. Each `path` matches a `route` of the
 * jira:projectPage `pages` list in manifest.yml; Forge hands the current one to the app through
 * the history from `view.createHistory()` (`history.location.pathname`, e.g. `/calendar`).
 */
export type RouteId = 'overview' | 'readiness' | 'calendar' | 'go-no-go' | 'go-live' | 'environments' | 'kpis' | 'release-notes';

export interface RouteDef {
  id: RouteId;
  /** Path pushed onto the Forge history: `/` + the manifest route. */
  path: string;
  label: string;
}

export const ROUTES: readonly RouteDef[] = [
  { id: 'overview', path: '/overview', label: 'Overview' },
  { id: 'readiness', path: '/readiness', label: 'Readiness' },
  { id: 'calendar', path: '/calendar', label: 'Calendar' },
  { id: 'go-no-go', path: '/go-no-go', label: 'Go/No-Go' },
  { id: 'go-live', path: '/go-live', label: 'Go-live' },
  { id: 'environments', path: '/environments', label: 'Environments' },
  { id: 'kpis', path: '/kpis', label: 'KPIs' },
  { id: 'release-notes', path: '/release-notes', label: 'Release notes' },
];

const BY_SEGMENT = new Map<string, RouteId>(ROUTES.map((r) => [r.path.slice(1), r.id]));

/**
 * The route for a history pathname. Tolerates a missing leading slash, a trailing slash, a query or
 * hash, and a longer path ending in a route segment (the documented shape is `/<route>`, but hosts
 * have been seen handing over the page's full path). The module root `/` and anything unknown are
 * the overview.
 */
export function routeFromPathname(pathname: string | undefined | null): RouteId {
  if (!pathname) return 'overview';
  const path = pathname.split(/[?#]/, 1)[0] ?? '';
  const segments = path.split('/').filter((s) => s.length > 0);
  const last = segments[segments.length - 1];
  if (last === undefined) return 'overview';
  return BY_SEGMENT.get(last.toLowerCase()) ?? 'overview';
}

export function pathForRoute(id: RouteId): string {
  return ROUTES.find((r) => r.id === id)?.path ?? '/';
}
