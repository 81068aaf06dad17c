/**
 * Hash routes of the host page (so state survives reload and tests can deep-link):
 *   #/project/SHOP/releases            the app's project page (sub-page '/')
 *   #/project/SHOP/releases/calendar   a project page sub-page (app path '/calendar')
 *   #/project/SHOP/settings            the app's project settings page
 *   #/project/SHOP/issues              issue list
 *   #/issue/SHOP-12                    issue view (issue panel on the right)
 * A query in the hash carries `as=<accountId>` (the user) and, on the project page, the app's own
 * search string. Pure functions: tested in test/local/host/routes.test.ts.
 */

export type HostRoute =
  | { kind: 'home' }
  | { kind: 'releases'; projectKey: string; subPath: string }
  | { kind: 'settings'; projectKey: string }
  | { kind: 'issues'; projectKey: string }
  | { kind: 'issue'; issueKey: string };

export interface HashState {
  route: HostRoute;
  /** `?as=` in the hash: the account to act as. */
  as?: string;
  /** The rest of the hash query (app search on the project page), '' or starting with '?'. */
  appSearch: string;
}

/**
 * Project page sub-pages: the `pages` of the `releases-page` jira:projectPage in manifest.yml
 * (test/local/host/routes.test.ts keeps them in step). Like Jira, the project page without a
 * sub-page shows the first one.
 */
export const RELEASE_SUBPAGES: ReadonlyArray<{ title: string; route: string }> = [
  { title: 'Overview', route: '/overview' },
  { title: 'Readiness', route: '/readiness' },
  { title: 'Calendar', route: '/calendar' },
  { title: 'Go/No-Go', route: '/go-no-go' },
  { title: 'Go-live', route: '/go-live' },
  { title: 'Environments', route: '/environments' },
  { title: 'KPIs', route: '/kpis' },
  { title: 'Release notes', route: '/release-notes' },
];

const PROJECT_KEY = /^[A-Z][A-Z0-9_]*$/i;
const ISSUE_KEY = /^([A-Z][A-Z0-9_]*)-(\d+)$/i;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function projectKeyOfIssue(issueKey: string): string | null {
  const m = ISSUE_KEY.exec(issueKey);
  return m ? m[1]!.toUpperCase() : null;
}

/** The project a route belongs to, if any. */
export function routeProjectKey(route: HostRoute): string | null {
  if (route.kind === 'home') return null;
  if (route.kind === 'issue') return projectKeyOfIssue(route.issueKey);
  return route.projectKey;
}

function normaliseSubPath(parts: string[]): string {
  const clean = parts.filter((p) => p !== '' && p !== '.').map(safeDecode);
  return `/${clean.map(encodeURIComponent).join('/')}`;
}

export function parseHash(hash: string): HashState {
  let h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h.startsWith('/')) h = `/${h}`;
  const q = h.indexOf('?');
  const path = q >= 0 ? h.slice(0, q) : h;
  const params = new URLSearchParams(q >= 0 ? h.slice(q + 1) : '');
  const as = params.get('as') || undefined;
  params.delete('as');
  const rest = params.toString();
  const appSearch = rest ? `?${rest}` : '';
  const seg = path.split('/').filter(Boolean);

  const home: HashState = { route: { kind: 'home' }, as, appSearch: '' };
  if (seg[0] === 'issue' && seg[1] && ISSUE_KEY.test(safeDecode(seg[1]))) {
    return { route: { kind: 'issue', issueKey: safeDecode(seg[1]).toUpperCase() }, as, appSearch: '' };
  }
  if (seg[0] === 'project' && seg[1] && PROJECT_KEY.test(safeDecode(seg[1]))) {
    const projectKey = safeDecode(seg[1]).toUpperCase();
    const page = seg[2] ?? 'releases';
    if (page === 'releases') return { route: { kind: 'releases', projectKey, subPath: normaliseSubPath(seg.slice(3)) }, as, appSearch };
    if (page === 'settings') return { route: { kind: 'settings', projectKey }, as, appSearch: '' };
    if (page === 'issues') return { route: { kind: 'issues', projectKey }, as, appSearch: '' };
    return { route: { kind: 'releases', projectKey, subPath: '/' }, as, appSearch: '' };
  }
  return home;
}

export function routePath(route: HostRoute): string {
  switch (route.kind) {
    case 'home':
      return '/';
    case 'issue':
      return `/issue/${route.issueKey}`;
    case 'settings':
      return `/project/${route.projectKey}/settings`;
    case 'issues':
      return `/project/${route.projectKey}/issues`;
    case 'releases': {
      const sub = route.subPath === '/' || route.subPath === '' ? '' : route.subPath.startsWith('/') ? route.subPath : `/${route.subPath}`;
      return `/project/${route.projectKey}/releases${sub}`;
    }
  }
}

/** `#/project/SHOP/releases/calendar?as=u1&tab=2` from its parts. */
export function formatHash(route: HostRoute, opts: { as?: string; appSearch?: string } = {}): string {
  const params = new URLSearchParams(route.kind === 'releases' && opts.appSearch ? opts.appSearch.replace(/^\?/, '') : '');
  const merged = new URLSearchParams();
  if (opts.as) merged.set('as', opts.as);
  params.forEach((v, k) => {
    if (k !== 'as') merged.append(k, v);
  });
  const query = merged.toString();
  return `#${routePath(route)}${query ? `?${query}` : ''}`;
}

/** The same kind of page for another project (project switcher). */
export function switchProject(route: HostRoute, projectKey: string): HostRoute {
  switch (route.kind) {
    case 'settings':
      return { kind: 'settings', projectKey };
    case 'issues':
    case 'issue':
      return { kind: 'issues', projectKey };
    default:
      return { kind: 'releases', projectKey, subPath: '/' };
  }
}

/** The app-side location for a project page route (what `createHistory().location` shows). */
export function appLocation(route: HostRoute, appSearch: string): { pathname: string; search: string; hash: string } {
  const pathname = route.kind === 'releases' ? route.subPath || '/' : '/';
  return { pathname, search: route.kind === 'releases' ? appSearch : '', hash: '' };
}

/**
 * A Jira-style URL (`/browse/SHOP-12`, `/projects/SHOP/...`, `/jira/software/projects/SHOP/...`,
 * `/plugins/servlet/project-config/SHOP`, or this host's own `#/...` URLs) as a host route, or null
 * when it is not a Jira page this host imitates. Absolute URLs count only on `siteOrigin`.
 */
export function jiraUrlToRoute(url: string, siteOrigin: string): { route: HostRoute; appSearch: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url, `${siteOrigin}/`);
  } catch {
    return null;
  }
  if (parsed.origin !== new URL(siteOrigin).origin) return null;
  if (parsed.hash.startsWith('#/') && (parsed.pathname === '/' || parsed.pathname === '')) {
    const state = parseHash(parsed.hash);
    return state.route.kind === 'home' ? null : { route: state.route, appSearch: state.appSearch };
  }
  const seg = parsed.pathname.split('/').filter(Boolean).map(safeDecode);
  const search = parsed.search;

  if (seg[0] === 'browse' && seg[1]) {
    if (ISSUE_KEY.test(seg[1])) return { route: { kind: 'issue', issueKey: seg[1].toUpperCase() }, appSearch: '' };
    if (PROJECT_KEY.test(seg[1])) return { route: { kind: 'issues', projectKey: seg[1].toUpperCase() }, appSearch: '' };
    return null;
  }
  if (seg[0] === 'plugins' && seg[1] === 'servlet' && seg[2] === 'project-config' && seg[3] && PROJECT_KEY.test(seg[3])) {
    return { route: { kind: 'settings', projectKey: seg[3].toUpperCase() }, appSearch: '' };
  }
  // /projects/KEY/..., /jira/software/projects/KEY/..., /jira/software/c/projects/KEY/..., /jira/core/projects/KEY/...
  const p = seg.indexOf('projects');
  if (p >= 0 && p <= 3 && seg[p + 1] && PROJECT_KEY.test(seg[p + 1]!) && (p === 0 || seg[0] === 'jira')) {
    const projectKey = seg[p + 1]!.toUpperCase();
    const rest = seg.slice(p + 2);
    if (rest[0] === 'issues' || rest[0] === 'boards' || rest[0] === 'board' || rest[0] === 'list') {
      return { route: { kind: 'issues', projectKey }, appSearch: '' };
    }
    if (rest[0] === 'settings') return { route: { kind: 'settings', projectKey }, appSearch: '' };
    if (rest[0] === 'apps') {
      // /apps/<appId>/<envId>/<sub page...>
      return { route: { kind: 'releases', projectKey, subPath: normaliseSubPath(rest.slice(3)) }, appSearch: search };
    }
    return { route: { kind: 'releases', projectKey, subPath: '/' }, appSearch: '' };
  }
  return null;
}

export interface NavigationTargetLike {
  target?: string;
  issueKey?: string;
  projectKey?: string;
  moduleKey?: string;
  path?: string;
}

/** @forge/bridge `router.navigate({target, ...})` locations this host knows, as routes. */
export function navigationTargetToRoute(
  loc: NavigationTargetLike,
  currentProjectKey: string | null,
): { route: HostRoute; appSearch: string } | null {
  if (loc.target === 'issue' && loc.issueKey && ISSUE_KEY.test(loc.issueKey)) {
    return { route: { kind: 'issue', issueKey: loc.issueKey.toUpperCase() }, appSearch: '' };
  }
  if (loc.target === 'projectSettingsDetails' && loc.projectKey) {
    return { route: { kind: 'settings', projectKey: loc.projectKey.toUpperCase() }, appSearch: '' };
  }
  if (loc.target === 'module') {
    const projectKey = (loc.projectKey ?? currentProjectKey)?.toUpperCase();
    if (!projectKey) return null;
    if (loc.moduleKey === 'release-settings') return { route: { kind: 'settings', projectKey }, appSearch: '' };
    if (loc.moduleKey === 'releases-page' || !loc.moduleKey) {
      const path = loc.path ?? '/';
      const q = path.indexOf('?');
      const pathname = q >= 0 ? path.slice(0, q) : path;
      return {
        route: { kind: 'releases', projectKey, subPath: normaliseSubPath(pathname.split('/')) },
        appSearch: q >= 0 ? path.slice(q) : '',
      };
    }
  }
  return null;
}
