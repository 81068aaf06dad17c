// The real @forge/bridge (invoke, view.getContext, view.createHistory, view.theme.enable,
// requestJira, router) talking to the host's bridge implementation.
import { bridge } from '../../support/fake-bridge';
import { invoke, realtime, requestJira, router, view } from '@forge/bridge';
import {
  createBridgeHost,
  decideNavigation,
  requestJiraBody,
  statusText,
  toProductFetchResponse,
  type ApiAnswer,
  type BridgeDeps,
  type FrameRegistration,
} from '../../../local/host/src/bridge-host';
import { buildModuleContext } from '../../../local/host/src/context';
import { createFrameHistory } from '../../../local/host/src/history';
import type { HostRoute } from '../../../local/host/src/routes';

const SITE = 'http://127.0.0.1:4100';

// @forge/bridge builds `new Request('', init)`; a browser resolves '' against the page URL, Node
// has no page URL. Give Node one for these tests.
const NativeRequest = globalThis.Request;
beforeAll(() => {
  globalThis.Request = class extends NativeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(input === '' ? `${SITE}/` : input, init);
    }
  } as typeof Request;
});
afterAll(() => {
  globalThis.Request = NativeRequest;
});

function setup(answer: (path: string, body: unknown) => ApiAnswer = () => ({ status: 200, body: { ok: true, data: {} } })) {
  const posts: Array<{ path: string; body: unknown }> = [];
  const wentTo: Array<{ route: HostRoute; appSearch: string }> = [];
  const tabs: string[] = [];
  const left: string[] = [];
  let accountId = 'user-alice';
  let hostLoc = { pathname: '/calendar', search: '' };
  const history = createFrameHistory({ read: () => hostLoc, write: (l) => (hostLoc = l) });
  let themed = 0;
  let reloaded = 0;
  const streams: Array<{ url: string; send: (data: string) => void; closed: boolean }> = [];
  const frame: FrameRegistration = {
    frameId: 'f1',
    context: () => buildModuleContext({ moduleKey: 'releases-page', project: { id: '10000', key: 'SHOP' } }, { accountId, siteUrl: SITE, colorMode: 'light' }),
    history: () => history,
    enableTheming: () => void themed++,
    reload: () => void reloaded++,
  };
  const deps: BridgeDeps = {
    frame: (id) => (id === 'f1' ? frame : undefined),
    postJson: async (path, body) => {
      posts.push({ path, body });
      return answer(path, body);
    },
    goTo: (route, appSearch) => wentTo.push({ route, appSearch }),
    openTab: (url) => tabs.push(url),
    leaveTo: (url) => left.push(url),
    hrefFor: (route) => `/#/${route.kind}`,
    siteOrigin: SITE,
    openEvents: async (url, onMessage) => {
      const stream = { url, send: onMessage, closed: false };
      streams.push(stream);
      return () => void (stream.closed = true);
    },
  };
  const host = createBridgeHost(deps);
  bridge.reset((name, payload) => host.callBridge('f1', name, payload));
  return {
    host,
    posts,
    wentTo,
    tabs,
    left,
    setAccount: (id: string) => (accountId = id),
    setHostLoc: (l: typeof hostLoc) => (hostLoc = l),
    history,
    counts: () => ({ themed, reloaded }),
    streams,
  };
}

describe('bridge host through the real @forge/bridge', () => {
  it('getContext returns the frame context (a copy, current user)', async () => {
    const t = setup();
    const ctx = await view.getContext();
    expect(ctx).toMatchObject({
      moduleKey: 'releases-page',
      accountId: 'user-alice',
      cloudId: 'local',
      environmentType: 'DEVELOPMENT',
      extension: { type: 'jira:projectPage', project: { id: '10000', key: 'SHOP', type: 'software' } },
    });
    t.setAccount('user-bob');
    expect((await view.getContext()).accountId).toBe('user-bob');
  });

  it('invoke posts {accountId, moduleKey, extension, functionKey, payload} and returns the result as is', async () => {
    const t = setup(() => ({ status: 200, body: { ok: false, error: { code: 'FORBIDDEN', message: 'No.' } } }));
    const result = await invoke('getProjectReleases', { includeOlderReleased: true });
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'No.' } });
    expect(t.posts).toEqual([
      {
        path: '/api/invoke',
        body: {
          accountId: 'user-alice',
          moduleKey: 'releases-page',
          extension: { type: 'jira:projectPage', project: { id: '10000', key: 'SHOP', type: 'software' } },
          functionKey: 'getProjectReleases',
          payload: { includeOlderReleased: true },
        },
      },
    ]);
  });

  it('invoke with metadata answers {body, metadata}; a malformed request rejects', async () => {
    let status = 200;
    setup(() => ({ status, body: status === 200 ? { ok: true, data: 1 } : { error: { message: 'bad functionKey' } } }));
    expect(await invoke('x', {}, { rateLimitProperties: true })).toEqual({ body: { ok: true, data: 1 }, metadata: {} });
    status = 400;
    await expect(invoke('x', {})).rejects.toThrow(/bad functionKey/);
  });

  it('requestJira goes through /api/request-jira as the frame user and yields a real Response', async () => {
    const t = setup(() => ({
      status: 200,
      body: { status: 200, headers: { 'content-type': 'application/json', 'x-arequestid': ['a', 'b'] }, body: '{"issues":[],"isLast":true}' },
    }));
    const res = await requestJira('/rest/api/3/search/jql', {
      method: 'POST',
      body: JSON.stringify({ jql: 'project = SHOP' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.statusText).toBe('OK');
    expect(res.headers.get('x-arequestid')).toBe('a, b');
    expect(await res.json()).toEqual({ issues: [], isLast: true });
    expect(t.posts[0]).toEqual({
      path: '/api/request-jira',
      body: { accountId: 'user-alice', restPath: '/rest/api/3/search/jql', method: 'POST', body: '{"jql":"project = SHOP"}' },
    });
  });

  it('requestJira passes Jira errors and empty bodies through', async () => {
    let next: ApiAnswer = { status: 200, body: { status: 404, headers: {}, body: '{"errorMessages":["Issue does not exist"]}' } };
    setup(() => next);
    const res = await requestJira('/rest/api/3/issue/NOPE-1');
    expect(res.status).toBe(404);
    expect(res.ok).toBe(false);
    expect(await res.json()).toEqual({ errorMessages: ['Issue does not exist'] });

    next = { status: 200, body: { status: 204, headers: {}, body: '' } };
    const put = await requestJira('/rest/api/3/version/1', { method: 'PUT', body: '{}' });
    expect(put.status).toBe(204);
    expect(await put.text()).toBe('');
  });

  it('createHistory hands out the frame history; push moves the host URL', async () => {
    const t = setup();
    const history = await view.createHistory();
    expect(history.location.pathname).toBe('/calendar');
    const seen: string[] = [];
    history.listen((location) => seen.push(location.pathname));
    history.push('/kpis');
    expect(t.history.location.pathname).toBe('/kpis');
    t.setHostLoc({ pathname: '/environments', search: '' });
    t.history.sync();
    expect(seen).toEqual(['/kpis', '/environments']);
    expect(history.location.pathname).toBe('/environments');
  });

  it('router.navigate / open map Jira URLs and targets to host routes', async () => {
    const t = setup();
    await router.navigate('/browse/SHOP-12');
    await router.navigate({ target: 'issue', issueKey: 'SHOP-3' });
    await router.navigate({ target: 'module', moduleKey: 'releases-page', path: '/go-no-go' });
    await router.open('/browse/SHOP-12');
    await router.open('https://status.example.com/');
    await router.navigate('https://example.com/elsewhere');
    expect(t.wentTo).toEqual([
      { route: { kind: 'issue', issueKey: 'SHOP-12' }, appSearch: '' },
      { route: { kind: 'issue', issueKey: 'SHOP-3' }, appSearch: '' },
      { route: { kind: 'releases', projectKey: 'SHOP', subPath: '/go-no-go' }, appSearch: '' },
    ]);
    expect(t.tabs).toEqual(['/#/issue', 'https://status.example.com/']);
    expect(t.left).toEqual(['https://example.com/elsewhere']);
    await expect(router.navigate({ target: 'dashboard', dashboardId: '1' })).rejects.toThrow(/not imitated/);
  });

  it('theme.enable, reload and anything else', async () => {
    const t = setup();
    await view.theme.enable();
    await router.reload();
    expect(t.counts()).toEqual({ themed: 1, reloaded: 1 });
    expect(await t.host.callBridge('f1', 'resize', { height: 10 })).toBeUndefined();
    expect(await t.host.callBridge('f1', 'onError', { error: 'x' })).toBeUndefined();
  });

  it('realtime.subscribe hears the frame project’s channel on the host’s event stream, until unsubscribed', async () => {
    const t = setup();
    const heard: unknown[] = [];
    const subscription = await realtime.subscribe('runbook-run-10042', (payload) => void heard.push(payload));
    expect(t.streams.map((s) => s.url)).toEqual(['/api/realtime?projectId=10000&channel=runbook-run-10042']);
    t.streams[0]?.send(JSON.stringify({ versionId: '10042', revision: 7 }));
    expect(heard).toEqual([{ versionId: '10042', revision: 7 }]);
    await subscription.unsubscribe();
    expect(t.streams[0]?.closed).toBe(true);
    await expect(realtime.subscribeGlobal('x', () => undefined)).rejects.toThrow(/Global/);
  });

  it('rejects calls from unknown frames and other products', async () => {
    const t = setup();
    await expect(t.host.callBridge('nope', 'getContext')).rejects.toThrow(/No app frame/);
    await expect(t.host.callBridge('f1', 'fetchProduct', { product: 'confluence', restPath: '/wiki/api/v2/pages' })).rejects.toThrow(/jira/);
  });
});

describe('pure helpers', () => {
  it.each([
    [{ restPath: '/rest/api/3/myself' }, { accountId: 'u', restPath: '/rest/api/3/myself', method: 'GET' }],
    [{ restPath: '/x', fetchRequestInit: { method: 'get', body: null } }, { accountId: 'u', restPath: '/x', method: 'GET' }],
    [{ restPath: '/x', fetchRequestInit: { method: 'PUT', body: '{"a":1}' } }, { accountId: 'u', restPath: '/x', method: 'PUT', body: '{"a":1}' }],
  ])('requestJiraBody(%j)', (payload, expected) => {
    expect(requestJiraBody('u', payload)).toEqual(expected);
  });

  it.each([
    [{ status: 200, headers: [['Content-Type', 'text/plain']], body: 'hi' }, { status: 200, statusText: 'OK', headers: { 'content-type': 'text/plain' }, body: 'hi' }],
    [{ status: 200, headers: {}, body: { a: 1 } }, { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }],
    [{ status: 204, headers: {}, body: 'ignored' }, { status: 204, statusText: 'No Content', headers: {}, body: '' }],
    [{ status: 'weird', headers: null, body: null }, { status: 502, statusText: 'Bad Gateway', headers: {}, body: '' }],
  ])('toProductFetchResponse(%j)', (answer, expected) => {
    expect(toProductFetchResponse(answer)).toEqual(expected);
  });

  it('statusText', () => {
    expect(statusText(429)).toBe('Too Many Requests');
    expect(statusText(299)).toBe('');
  });

  it.each([
    [{ url: '/browse/SHOP-1', type: 'same-tab' as const }, { kind: 'route', route: { kind: 'issue', issueKey: 'SHOP-1' }, appSearch: '', newTab: false }],
    [{ url: '/browse/SHOP-1', type: 'new-tab' as const }, { kind: 'route', route: { kind: 'issue', issueKey: 'SHOP-1' }, appSearch: '', newTab: true }],
    [{ url: '/wiki/x' }, { kind: 'external', url: `${SITE}/wiki/x`, newTab: false }],
    [{}, { kind: 'unsupported', reason: 'navigate needs a url or a target' }],
  ])('decideNavigation(%j)', (payload, expected) => {
    expect(decideNavigation(payload, SITE, 'SHOP')).toEqual(expected);
  });
});
