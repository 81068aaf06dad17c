import { createFrameHistory, resolveTo, type HistoryHost } from '../../../local/host/src/history';

function fakeHost(initial = { pathname: '/', search: '' }) {
  let loc = { ...initial };
  const writes: Array<{ loc: { pathname: string; search: string }; mode: string }> = [];
  const host: HistoryHost & { set(p: string, s?: string): void } = {
    read: () => loc,
    write: (next, mode) => {
      writes.push({ loc: next, mode });
      loc = { ...next };
    },
    set: (pathname, search = '') => (loc = { pathname, search }),
  };
  return { host, writes };
}

describe('resolveTo', () => {
  const cur = { pathname: '/calendar', search: '?m=1' };
  it.each<[Parameters<typeof resolveTo>[0], ReturnType<typeof resolveTo>]>([
    ['/kpis', { pathname: '/kpis', search: '', hash: '' }],
    ['/kpis?range=30#top', { pathname: '/kpis', search: '?range=30', hash: '#top' }],
    ['go-no-go', { pathname: '/go-no-go', search: '', hash: '' }],
    ['?m=2', { pathname: '/calendar', search: '?m=2', hash: '' }],
    [{ pathname: '/environments' }, { pathname: '/environments', search: '', hash: '' }],
    [{ search: 'm=3' }, { pathname: '/calendar', search: '?m=3', hash: '' }],
  ])('%j', (to, expected) => {
    expect(resolveTo(to, cur)).toEqual(expected);
  });
});

describe('createFrameHistory', () => {
  it('starts at the host location', () => {
    const { host } = fakeHost({ pathname: '/calendar', search: '?m=1' });
    const h = createFrameHistory(host);
    expect(h.location).toMatchObject({ pathname: '/calendar', search: '?m=1', hash: '', state: null });
    expect(h.action).toBe('POP');
  });

  it('push/replace write the host URL and notify listeners as (location, action)', () => {
    const { host, writes } = fakeHost();
    const h = createFrameHistory(host);
    const heard: string[] = [];
    h.listen((loc, action) => heard.push(`${action} ${loc.pathname}${loc.search}`));
    h.push('/calendar', { from: 'test' });
    h.replace('/kpis?range=90');
    expect(writes).toEqual([
      { loc: { pathname: '/calendar', search: '' }, mode: 'push' },
      { loc: { pathname: '/kpis', search: '?range=90' }, mode: 'replace' },
    ]);
    expect(heard).toEqual(['PUSH /calendar', 'REPLACE /kpis?range=90']);
    expect(h.location.pathname).toBe('/kpis');
    expect(h.length).toBe(2);
  });

  it('keeps push state on the location', () => {
    const { host } = fakeHost();
    const h = createFrameHistory(host);
    h.push('/go-no-go', { releaseId: '10001' });
    expect(h.location.state).toEqual({ releaseId: '10001' });
  });

  it('sync() reports host URL changes once, and ignores its own writes', () => {
    const { host } = fakeHost();
    const h = createFrameHistory(host);
    const heard: string[] = [];
    h.listen((loc, action) => heard.push(`${action} ${loc.pathname}`));
    h.push('/calendar');
    h.sync(); // the host saw its own write: nothing new
    host.set('/environments');
    h.sync();
    h.sync();
    expect(heard).toEqual(['PUSH /calendar', 'POP /environments']);
  });

  it('unlisten stops notifications; @forge/bridge may assign location back', () => {
    const { host } = fakeHost();
    const h = createFrameHistory(host);
    const heard: string[] = [];
    const unlisten = h.listen((loc) => {
      h.location = loc; // what @forge/bridge's createHistory does
      heard.push(loc.pathname);
    });
    h.push('/a');
    unlisten();
    h.push('/b');
    expect(heard).toEqual(['/a']);
    expect(h.location.pathname).toBe('/b');
  });

  it('a throwing listener does not stop the others', () => {
    const { host } = fakeHost();
    const h = createFrameHistory(host);
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const heard: string[] = [];
    h.listen(() => {
      throw new Error('boom');
    });
    h.listen((loc) => heard.push(loc.pathname));
    h.push('/x');
    expect(heard).toEqual(['/x']);
    spy.mockRestore();
  });

  it('createHref and back/forward', () => {
    const go: number[] = [];
    const { host } = fakeHost({ pathname: '/calendar', search: '' });
    const h = createFrameHistory({ ...host, go: (d) => go.push(d) });
    expect(h.createHref('kpis?x=1')).toBe('/kpis?x=1');
    h.back();
    h.forward();
    h.go(-2);
    expect(go).toEqual([-1, 1, -2]);
  });
});
