import { ROUTES, pathForRoute, routeFromPathname } from '../../static/releases/src/routes';

describe('routeFromPathname', () => {
  it.each([
    ['/', 'overview'],
    ['/overview', 'overview'],
    ['', 'overview'],
    [undefined, 'overview'],
    [null, 'overview'],
    ['/calendar', 'calendar'],
    ['calendar', 'calendar'],
    ['/calendar/', 'calendar'],
    ['/calendar?month=2026-03', 'calendar'],
    ['/go-no-go', 'go-no-go'],
    ['/go-live', 'go-live'],
    ['/readiness', 'readiness'],
    ['/environments', 'environments'],
    ['/KPIs', 'kpis'],
    ['/release-notes', 'release-notes'],
    ['/jira/software/projects/SHOP/apps/abc/def/kpis', 'kpis'],
    ['/unknown', 'overview'],
    ['/calendar/unknown', 'overview'],
  ] as const)('%p -> %s', (pathname, expected) => {
    expect(routeFromPathname(pathname)).toBe(expected);
  });

  it('round-trips every route through its path', () => {
    for (const route of ROUTES) expect(routeFromPathname(pathForRoute(route.id))).toBe(route.id);
  });

  it('uses the manifest routes for the sub-pages', () => {
    expect(ROUTES.map((r) => r.path)).toEqual(['/overview', '/readiness', '/calendar', '/go-no-go', '/go-live', '/environments', '/kpis', '/release-notes']);
  });
});
