/**
 * What `view.createHistory()` resolves to in a Custom UI frame: a `history`-package-like object
 * whose location is the app's sub-page path (`/calendar`), backed by the host page's hash route.
 * @forge/bridge calls `history.listen((location) => ...)`; Forge's documented listener signature is
 * `(location, action)`. No DOM here: the host passes in how to read/write its URL.
 */

export interface AppLocation {
  pathname: string;
  search: string;
  hash: string;
  state: unknown;
  key: string;
}

export type HistoryAction = 'POP' | 'PUSH' | 'REPLACE';
export type HistoryListener = (location: AppLocation, action: HistoryAction) => void;

export type To = string | { pathname?: string; search?: string; hash?: string };

export interface AppHistory {
  readonly action: HistoryAction;
  location: AppLocation;
  length: number;
  push(to: To, state?: unknown): void;
  replace(to: To, state?: unknown): void;
  go(delta: number): void;
  back(): void;
  forward(): void;
  listen(listener: HistoryListener): () => void;
  block(): () => void;
  createHref(to: To): string;
}

let keySeq = 0;
const nextKey = () => `k${(++keySeq).toString(36)}`;

/** Resolve `to` against the current app location (relative paths, search-only, hash-only). */
export function resolveTo(to: To, current: { pathname: string; search: string }): { pathname: string; search: string; hash: string } {
  if (typeof to !== 'string') {
    return {
      pathname: to.pathname ?? current.pathname,
      search: to.search ? (to.search.startsWith('?') ? to.search : `?${to.search}`) : to.pathname ? '' : current.search,
      hash: to.hash ? (to.hash.startsWith('#') ? to.hash : `#${to.hash}`) : '',
    };
  }
  const base = `http://app${current.pathname.startsWith('/') ? current.pathname : `/${current.pathname}`}${current.search}`;
  const url = new URL(to, base);
  return { pathname: url.pathname, search: url.search, hash: url.hash };
}

export interface HistoryHost {
  /** The app location the host URL currently shows. */
  read(): { pathname: string; search: string; hash?: string };
  /** Make the host URL show this app location (push or replace a host history entry). */
  write(loc: { pathname: string; search: string }, mode: 'push' | 'replace'): void;
  /** Browser history steps. */
  go?(delta: number): void;
}

export interface FrameHistory extends AppHistory {
  /** The host URL changed (back button, host nav): tell listeners if the app location differs. */
  sync(): void;
}

export function createFrameHistory(host: HistoryHost): FrameHistory {
  const listeners = new Set<HistoryListener>();
  const initial = host.read();
  let action: HistoryAction = 'POP';
  let location: AppLocation = { pathname: initial.pathname, search: initial.search, hash: initial.hash ?? '', state: null, key: 'default' };
  let length = 1;

  const emit = () => {
    for (const l of [...listeners]) {
      try {
        l(location, action);
      } catch (e) {
        console.error('history listener failed', e);
      }
    }
  };

  const change = (to: To, state: unknown, mode: 'push' | 'replace') => {
    const next = resolveTo(to, location);
    action = mode === 'push' ? 'PUSH' : 'REPLACE';
    location = { ...next, state: state ?? null, key: nextKey() };
    if (mode === 'push') length += 1;
    host.write({ pathname: next.pathname, search: next.search }, mode);
    emit();
  };

  const history: FrameHistory = {
    get action() {
      return action;
    },
    get location() {
      return location;
    },
    set location(loc: AppLocation) {
      // @forge/bridge's createHistory assigns the listener's location back: keep it.
      location = loc;
    },
    get length() {
      return length;
    },
    push: (to, state) => change(to, state, 'push'),
    replace: (to, state) => change(to, state, 'replace'),
    go: (delta) => host.go?.(delta),
    back: () => host.go?.(-1),
    forward: () => host.go?.(1),
    listen(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    block: () => () => undefined,
    createHref: (to) => {
      const r = resolveTo(to, location);
      return `${r.pathname}${r.search}${r.hash}`;
    },
    sync() {
      const now = host.read();
      if (now.pathname === location.pathname && now.search === location.search) return;
      action = 'POP';
      location = { pathname: now.pathname, search: now.search, hash: now.hash ?? '', state: null, key: nextKey() };
      emit();
    },
  };
  return history;
}
