/**
 * The only file of the Custom UI that talks to Forge (@forge/bridge). Everything else gets plain
 * typed functions, so the pages can be reasoned about (and re-hosted) without the bridge.
 */
import { invoke as bridgeInvoke, realtime, router, view } from '@forge/bridge';
import type { ErrorBody, ResolverContract, ResolverResult } from '../../../src/contract';

export type ResolverKey = keyof ResolverContract;
export type PayloadOf<K extends ResolverKey> = ResolverContract[K]['payload'];
export type ResultOf<K extends ResolverKey> = ResolverContract[K]['result'];

/**
 * Calls a resolver. Never throws: a failure of the bridge itself (no connection, rate limit of the
 * bridge, a malformed answer) comes back as an `{ ok: false }` result like a resolver error, so
 * every caller has exactly one error path to render.
 */
export async function invoke<K extends ResolverKey>(name: K, payload: PayloadOf<K>): Promise<ResolverResult<ResultOf<K>>> {
  let answer: unknown;
  try {
    answer = await bridgeInvoke<Record<string, unknown>, unknown>(name, { ...payload });
  } catch (error) {
    return { ok: false, error: { code: 'INTERNAL', message: 'The app could not reach its back end.', details: [messageOf(error)] } };
  }
  if (isResolverResult(answer)) return answer as ResolverResult<ResultOf<K>>;
  return { ok: false, error: { code: 'INTERNAL', message: 'The app answered in a form this page does not understand.' } };
}

function isResolverResult(value: unknown): value is ResolverResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'data' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error as Partial<ErrorBody> | null;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message.trim();
  return String(error);
}

/** What the pages need from Forge's module context. */
export interface PageContext {
  moduleKey: string;
  accountId?: string;
  siteUrl?: string;
  locale?: string;
  timezone?: string;
  project?: { id: string; key: string; type?: string };
}

export async function getContext(): Promise<PageContext> {
  const context = await view.getContext();
  const extension: Record<string, unknown> = context.extension ?? {};
  const project = extension.project as { id?: unknown; key?: unknown; type?: unknown } | undefined;
  return {
    moduleKey: context.moduleKey,
    accountId: context.accountId,
    siteUrl: context.siteUrl,
    locale: context.locale,
    timezone: context.timezone,
    project:
      project && typeof project.key === 'string'
        ? { id: String(project.id ?? ''), key: project.key, type: typeof project.type === 'string' ? project.type : undefined }
        : undefined,
  };
}

/** Loads the host's theme (light/dark) so @atlaskit/tokens colours follow the user's setting. */
export function enableTheme(): Promise<void> {
  return view.theme.enable();
}

/** The sub-page location Forge keeps for full-page modules (`history` v4 semantics). */
export interface PageHistory {
  readonly pathname: string;
  push(path: string): void;
  /** Called with the new pathname after every change, including back/forward in the browser. */
  listen(onChange: (pathname: string) => void): () => void;
}

export async function createHistory(): Promise<PageHistory> {
  const history = await view.createHistory();
  return {
    get pathname() {
      return history.location.pathname;
    },
    push: (path) => history.push(path),
    listen: (onChange) => {
      // history v4 calls listeners with (location, action); read the location handed over, falling
      // back to the object's own (the bridge keeps it up to date) should a host use v5's ({location}).
      const unlisten = history.listen((location: unknown) => {
        const fromArg = pathnameOf(location) ?? pathnameOf((location as { location?: unknown } | null)?.location);
        onChange(fromArg ?? history.location.pathname);
      });
      return typeof unlisten === 'function' ? unlisten : () => undefined;
    },
  };
}

function pathnameOf(location: unknown): string | undefined {
  if (typeof location !== 'object' || location === null || !('pathname' in location)) return undefined;
  return typeof location.pathname === 'string' ? location.pathname : undefined;
}

/** Opens a Jira page (relative URL such as `/projects/KEY/versions/10001`) in a new tab. */
export function openInNewTab(relativeUrl: string): Promise<void> {
  return router.open(relativeUrl);
}

/** Navigates to another module of this app in the same project, e.g. the settings page. */
export function navigateToModule(moduleKey: string): Promise<void> {
  return router.navigate({ target: 'module', moduleKey });
}

/**
 * Forge Realtime: calls `onNotice` with each notice published on `channel` in this page's context
 * (resolvers publish after their writes). Resolves with the function that unsubscribes; rejects
 * when the platform cannot subscribe, so the caller can poll instead. A notice arrives as the JSON
 * text it was published as, or already parsed: both are handed on as an object.
 */
export async function subscribeToChannel(channel: string, onNotice: (notice: Record<string, unknown>) => void): Promise<() => void> {
  const subscription = await realtime.subscribe(channel, (payload) => {
    let notice: unknown = payload;
    if (typeof payload === 'string') {
      try {
        notice = JSON.parse(payload);
      } catch {
        notice = {};
      }
    }
    onNotice(typeof notice === 'object' && notice !== null ? (notice as Record<string, unknown>) : {});
  });
  return () => void subscription.unsubscribe();
}
