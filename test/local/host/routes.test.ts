import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RELEASE_SUBPAGES,
  appLocation,
  formatHash,
  jiraUrlToRoute,
  navigationTargetToRoute,
  parseHash,
  routeProjectKey,
  switchProject,
  type HostRoute,
} from '../../../local/host/src/routes';

describe('parseHash', () => {
  it.each<[string, HostRoute, string | undefined, string]>([
    ['', { kind: 'home' }, undefined, ''],
    ['#/', { kind: 'home' }, undefined, ''],
    ['#/nowhere', { kind: 'home' }, undefined, ''],
    ['#/project/SHOP/releases', { kind: 'releases', projectKey: 'SHOP', subPath: '/' }, undefined, ''],
    ['#/project/SHOP/releases/', { kind: 'releases', projectKey: 'SHOP', subPath: '/' }, undefined, ''],
    ['#/project/shop/releases/calendar', { kind: 'releases', projectKey: 'SHOP', subPath: '/calendar' }, undefined, ''],
    ['#/project/SHOP/releases/go-no-go?as=u2', { kind: 'releases', projectKey: 'SHOP', subPath: '/go-no-go' }, 'u2', ''],
    ['#/project/SHOP/releases/release/10001?as=u1&tab=risk', { kind: 'releases', projectKey: 'SHOP', subPath: '/release/10001' }, 'u1', '?tab=risk'],
    ['#/project/SHOP', { kind: 'releases', projectKey: 'SHOP', subPath: '/' }, undefined, ''],
    ['#/project/SHOP/settings', { kind: 'settings', projectKey: 'SHOP' }, undefined, ''],
    ['#/project/SHOP/issues?as=u3', { kind: 'issues', projectKey: 'SHOP' }, 'u3', ''],
    ['#/project/SHOP/whatever', { kind: 'releases', projectKey: 'SHOP', subPath: '/' }, undefined, ''],
    ['#/issue/SHOP-12', { kind: 'issue', issueKey: 'SHOP-12' }, undefined, ''],
    ['#/issue/shop-12?as=u1', { kind: 'issue', issueKey: 'SHOP-12' }, 'u1', ''],
    ['#/issue/not-an-issue', { kind: 'home' }, undefined, ''],
    ['/issue/SHOP-1', { kind: 'issue', issueKey: 'SHOP-1' }, undefined, ''],
  ])('%p', (hash, route, as, appSearch) => {
    expect(parseHash(hash)).toEqual({ route, as, appSearch });
  });
});

describe('formatHash', () => {
  it.each<[HostRoute, { as?: string; appSearch?: string }, string]>([
    [{ kind: 'home' }, {}, '#/'],
    [{ kind: 'releases', projectKey: 'SHOP', subPath: '/' }, {}, '#/project/SHOP/releases'],
    [{ kind: 'releases', projectKey: 'SHOP', subPath: '/calendar' }, { as: 'u1' }, '#/project/SHOP/releases/calendar?as=u1'],
    [{ kind: 'releases', projectKey: 'SHOP', subPath: 'kpis' }, { appSearch: '?range=90' }, '#/project/SHOP/releases/kpis?range=90'],
    [{ kind: 'releases', projectKey: 'SHOP', subPath: '/kpis' }, { as: 'u1', appSearch: 'range=90&as=evil' }, '#/project/SHOP/releases/kpis?as=u1&range=90'],
    [{ kind: 'settings', projectKey: 'SHOP' }, { appSearch: '?ignored=1' }, '#/project/SHOP/settings'],
    [{ kind: 'issues', projectKey: 'PAY' }, { as: 'a b' }, '#/project/PAY/issues?as=a+b'],
    [{ kind: 'issue', issueKey: 'SHOP-12' }, {}, '#/issue/SHOP-12'],
  ])('%j %j → %s', (route, opts, hash) => {
    expect(formatHash(route, opts)).toBe(hash);
  });

  it('round-trips through parseHash', () => {
    const routes: HostRoute[] = [
      { kind: 'releases', projectKey: 'SHOP', subPath: '/release/10001' },
      { kind: 'settings', projectKey: 'SHOP' },
      { kind: 'issues', projectKey: 'SHOP' },
      { kind: 'issue', issueKey: 'SHOP-9' },
    ];
    for (const route of routes) {
      const parsed = parseHash(formatHash(route, { as: 'user-bob', appSearch: '?x=1' }));
      expect(parsed.route).toEqual(route);
      expect(parsed.as).toBe('user-bob');
      expect(parsed.appSearch).toBe(route.kind === 'releases' ? '?x=1' : '');
    }
  });
});

describe('routeProjectKey / switchProject / appLocation', () => {
  it('knows the project of every route', () => {
    expect(routeProjectKey({ kind: 'issue', issueKey: 'PAY-3' })).toBe('PAY');
    expect(routeProjectKey({ kind: 'settings', projectKey: 'SHOP' })).toBe('SHOP');
    expect(routeProjectKey({ kind: 'home' })).toBeNull();
  });

  it.each<[HostRoute, HostRoute]>([
    [{ kind: 'releases', projectKey: 'SHOP', subPath: '/calendar' }, { kind: 'releases', projectKey: 'PAY', subPath: '/' }],
    [{ kind: 'settings', projectKey: 'SHOP' }, { kind: 'settings', projectKey: 'PAY' }],
    [{ kind: 'issues', projectKey: 'SHOP' }, { kind: 'issues', projectKey: 'PAY' }],
    [{ kind: 'issue', issueKey: 'SHOP-1' }, { kind: 'issues', projectKey: 'PAY' }],
    [{ kind: 'home' }, { kind: 'releases', projectKey: 'PAY', subPath: '/' }],
  ])('switchProject(%j, PAY)', (from, to) => {
    expect(switchProject(from, 'PAY')).toEqual(to);
  });

  it('gives the app its sub-page location', () => {
    expect(appLocation({ kind: 'releases', projectKey: 'SHOP', subPath: '/calendar' }, '?m=12')).toEqual({ pathname: '/calendar', search: '?m=12', hash: '' });
    expect(appLocation({ kind: 'settings', projectKey: 'SHOP' }, '?m=12')).toEqual({ pathname: '/', search: '', hash: '' });
  });
});

describe('jiraUrlToRoute', () => {
  const site = 'http://127.0.0.1:4100';
  it.each<[string, { route: HostRoute; appSearch: string } | null]>([
    ['/browse/SHOP-12', { route: { kind: 'issue', issueKey: 'SHOP-12' }, appSearch: '' }],
    ['/browse/shop-12', { route: { kind: 'issue', issueKey: 'SHOP-12' }, appSearch: '' }],
    [`${site}/browse/SHOP-12`, { route: { kind: 'issue', issueKey: 'SHOP-12' }, appSearch: '' }],
    ['/browse/SHOP', { route: { kind: 'issues', projectKey: 'SHOP' }, appSearch: '' }],
    ['/projects/SHOP', { route: { kind: 'releases', projectKey: 'SHOP', subPath: '/' }, appSearch: '' }],
    ['/projects/SHOP/versions/10001', { route: { kind: 'releases', projectKey: 'SHOP', subPath: '/' }, appSearch: '' }],
    ['/projects/SHOP/issues', { route: { kind: 'issues', projectKey: 'SHOP' }, appSearch: '' }],
    ['/jira/software/projects/SHOP/boards/1', { route: { kind: 'issues', projectKey: 'SHOP' }, appSearch: '' }],
    ['/jira/software/c/projects/SHOP/settings/details', { route: { kind: 'settings', projectKey: 'SHOP' }, appSearch: '' }],
    ['/jira/software/projects/SHOP/apps/app-id/env-id/calendar?m=1', { route: { kind: 'releases', projectKey: 'SHOP', subPath: '/calendar' }, appSearch: '?m=1' }],
    ['/plugins/servlet/project-config/SHOP', { route: { kind: 'settings', projectKey: 'SHOP' }, appSearch: '' }],
    ['/#/issue/PAY-3', { route: { kind: 'issue', issueKey: 'PAY-3' }, appSearch: '' }],
    ['#/project/SHOP/releases/kpis?r=30', { route: { kind: 'releases', projectKey: 'SHOP', subPath: '/kpis' }, appSearch: '?r=30' }],
    ['https://example.com/browse/SHOP-12', null],
    ['/wiki/spaces/REL', null],
    ['/secure/Dashboard.jspa', null],
    ['/browse/', null],
  ])('%s', (url, expected) => {
    expect(jiraUrlToRoute(url, site)).toEqual(expected);
  });
});

describe('navigationTargetToRoute', () => {
  it.each<[Parameters<typeof navigationTargetToRoute>[0], string | null, { route: HostRoute; appSearch: string } | null]>([
    [{ target: 'issue', issueKey: 'SHOP-3' }, null, { route: { kind: 'issue', issueKey: 'SHOP-3' }, appSearch: '' }],
    [{ target: 'projectSettingsDetails', projectKey: 'pay' }, null, { route: { kind: 'settings', projectKey: 'PAY' }, appSearch: '' }],
    [{ target: 'module', moduleKey: 'releases-page', projectKey: 'SHOP', path: '/go-no-go?r=1' }, null, { route: { kind: 'releases', projectKey: 'SHOP', subPath: '/go-no-go' }, appSearch: '?r=1' }],
    [{ target: 'module', moduleKey: 'releases-page' }, 'SHOP', { route: { kind: 'releases', projectKey: 'SHOP', subPath: '/' }, appSearch: '' }],
    [{ target: 'module', moduleKey: 'release-settings' }, 'SHOP', { route: { kind: 'settings', projectKey: 'SHOP' }, appSearch: '' }],
    [{ target: 'module', moduleKey: 'releases-page' }, null, null],
    [{ target: 'module', moduleKey: 'someone-elses-module', projectKey: 'SHOP' }, null, null],
    [{ target: 'dashboard' }, 'SHOP', null],
    [{ target: 'issue', issueKey: 'nope' }, null, null],
  ])('%j (current %s)', (loc, current, expected) => {
    expect(navigationTargetToRoute(loc, current)).toEqual(expected);
  });
});

describe('RELEASE_SUBPAGES', () => {
  it('matches the pages of the releases-page module in manifest.yml', () => {
    const manifest = readFileSync(join(__dirname, '../../../manifest.yml'), 'utf8');
    const block = /- key: releases-page\n([\s\S]*?)\n {2}[a-z]/.exec(manifest)?.[1] ?? '';
    const pages = [...block.matchAll(/- title: (.+)\n\s+route: (\S+)/g)].map((m) => ({ title: m[1]!.trim(), route: `/${m[2]}` }));
    expect(pages.length).toBeGreaterThan(0);
    expect(RELEASE_SUBPAGES).toEqual(pages);
  });
});
