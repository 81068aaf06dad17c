/**
 * The host side of the Forge bridge: what `globalThis.__bridge.callBridge(name, payload)` in an
 * app iframe ends up calling (via custom-ui-bridge.ts → `parent.__localForgeHost.callBridge`).
 * Payload shapes follow @forge/bridge 7.2.0 (node_modules/@forge/bridge/out/**):
 *   getContext       ()                                            → FullContext
 *   invoke           {functionKey, payload, metadata?}             → resolver result (as is)
 *   fetchProduct     {product, restPath, fetchRequestInit:{method, body, headers:[[k,v]]}, isMultipartFormData}
 *                                                                  → {body, headers, status, statusText}
 *   createHistory    ()                                            → history object
 *   navigate         {url | target..., type:'same-tab'|'new-tab'}  → undefined
 *   enableTheming    ()                                            → undefined
 *   reload           ()                                            → undefined
 *   subscribeRealtimeChannel {channelName, onEvent, options}       → {unsubscribe}: the local
 *                    realtime hub's event stream for the frame's project (Forge scopes a channel
 *                    to the module's context); onEvent gets each payload as its JSON text
 *   anything else (resize, onError, ...)                           → undefined
 * No DOM: the page-specific parts come in as `BridgeDeps` so this is unit tested.
 */
import { invokeRequest, type ModuleContext } from './context';
import type { AppHistory } from './history';
import { jiraUrlToRoute, navigationTargetToRoute, routeProjectKey, type HostRoute, type NavigationTargetLike } from './routes';

export interface FrameRegistration {
  frameId: string;
  /** The current context (read on every call: the user or theme may have changed). */
  context(): ModuleContext;
  /** Sub-page history (project page frames); created lazily by createHistory. */
  history?: () => AppHistory;
  enableTheming?: () => void;
  reload?: () => void;
}

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface BridgeDeps {
  frame(frameId: string): FrameRegistration | undefined;
  /** POST a JSON body to the host server, answer parsed as JSON. */
  postJson(path: string, body: unknown): Promise<ApiAnswer>;
  /** Same-tab navigation to a host route. */
  goTo(route: HostRoute, appSearch: string): void;
  /** Open a URL in a new tab. */
  openTab(url: string): void;
  /** Same-tab navigation away from the host page (non-Jira URL). */
  leaveTo(url: string): void;
  /** The host URL for a route (for new-tab navigation to Jira pages). */
  hrefFor(route: HostRoute, appSearch: string): string;
  siteOrigin: string;
  /**
   * Opens the host server's event stream at `url`; `onMessage` gets each event's data. Resolves
   * once the stream is open, rejects when it cannot be. Returns the function that closes it.
   */
  openEvents?(url: string, onMessage: (data: string) => void): Promise<() => void>;
  log?(frameId: string, name: string, payload: unknown): void;
}

export class BridgeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BridgeAPIError';
  }
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? '';
}

export interface FetchProductPayload {
  product?: string;
  restPath?: string;
  fetchRequestInit?: { method?: string; body?: string | null; headers?: Array<[string, string]> | Record<string, string> };
  isMultipartFormData?: boolean;
}

/** `POST /api/request-jira` body for a bridge fetchProduct call. */
export function requestJiraBody(accountId: string, payload: FetchProductPayload) {
  const method = (payload.fetchRequestInit?.method ?? 'GET').toUpperCase();
  const body = payload.fetchRequestInit?.body;
  return {
    accountId,
    restPath: payload.restPath ?? '/',
    method,
    ...(body !== undefined && body !== null && method !== 'GET' && method !== 'HEAD' ? { body } : {}),
  };
}

/**
 * The `/api/request-jira` answer `{status, headers, body}` as @forge/bridge's fetch.js wants it:
 * `{body, headers, status, statusText}` with `headers` a flat string record and `body` text,
 * because it does `new Response(body || null, {headers, status, statusText})`.
 */
export function toProductFetchResponse(answer: { status?: unknown; headers?: unknown; body?: unknown }) {
  const status = typeof answer.status === 'number' && answer.status >= 200 && answer.status <= 599 ? answer.status : 502;
  const headers: Record<string, string> = {};
  const raw = answer.headers;
  if (Array.isArray(raw)) {
    for (const pair of raw) if (Array.isArray(pair) && pair.length >= 2) headers[String(pair[0]).toLowerCase()] = String(pair[1]);
  } else if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw)) {
      if (v === undefined || v === null) continue;
      headers[k.toLowerCase()] = Array.isArray(v) ? v.map(String).join(', ') : String(v);
    }
  }
  let body: string;
  if (typeof answer.body === 'string') body = answer.body;
  else if (answer.body === undefined || answer.body === null) body = '';
  else {
    body = JSON.stringify(answer.body);
    if (!headers['content-type']) headers['content-type'] = 'application/json';
  }
  // A Response with a null-body status must not carry a body.
  if (status === 204 || status === 205 || status === 304) body = '';
  return { body, headers, status, statusText: statusText(status) };
}

export interface NavigatePayload extends NavigationTargetLike {
  url?: string;
  type?: 'same-tab' | 'new-tab';
}

export type NavigationDecision =
  | { kind: 'route'; route: HostRoute; appSearch: string; newTab: boolean }
  | { kind: 'external'; url: string; newTab: boolean }
  | { kind: 'unsupported'; reason: string };

export function decideNavigation(payload: NavigatePayload, siteOrigin: string, currentProjectKey: string | null): NavigationDecision {
  const newTab = payload.type === 'new-tab';
  if (typeof payload.url === 'string' && payload.url) {
    const hit = jiraUrlToRoute(payload.url, siteOrigin);
    if (hit) return { kind: 'route', ...hit, newTab };
    let absolute: string;
    try {
      absolute = new URL(payload.url, `${siteOrigin}/`).toString();
    } catch {
      return { kind: 'unsupported', reason: `not a URL: ${payload.url}` };
    }
    return { kind: 'external', url: absolute, newTab };
  }
  if (payload.target) {
    const hit = navigationTargetToRoute(payload, currentProjectKey);
    if (hit) return { kind: 'route', ...hit, newTab };
    return { kind: 'unsupported', reason: `navigation target '${payload.target}' is not imitated by the local host` };
  }
  return { kind: 'unsupported', reason: 'navigate needs a url or a target' };
}

function projectKeyOf(context: ModuleContext): string | null {
  const ext = context.extension as { project?: { key?: string }; issue?: { key?: string } };
  if (ext.project?.key) return ext.project.key;
  return ext.issue?.key ? routeProjectKey({ kind: 'issue', issueKey: ext.issue.key }) : null;
}

export function createBridgeHost(deps: BridgeDeps) {
  async function callBridge(frameId: string, name: string, payload?: unknown): Promise<unknown> {
    deps.log?.(frameId, name, payload);
    const frame = deps.frame(frameId);
    if (!frame) throw new BridgeError(`No app frame '${frameId}' is registered with the local host.`);
    const p = (payload ?? {}) as Record<string, unknown>;
    switch (name) {
      case 'getContext':
        return JSON.parse(JSON.stringify(frame.context()));

      case 'invoke': {
        const functionKey = p.functionKey;
        if (typeof functionKey !== 'string') throw new BridgeError('functionKey must be a string!');
        const answer = await deps.postJson('/api/invoke', invokeRequest(frame.context(), { functionKey, payload: p.payload }));
        if (answer.status !== 200) {
          const detail = (answer.body as { error?: { message?: string }; message?: string } | null) ?? null;
          const msg = detail?.error?.message ?? detail?.message ?? `HTTP ${answer.status}`;
          throw new BridgeError(`invoke '${functionKey}' failed: ${msg}`);
        }
        // With metadata requested, Forge answers { body, metadata }.
        return p.metadata ? { body: answer.body, metadata: {} } : answer.body;
      }

      case 'fetchProduct': {
        const fp = p as FetchProductPayload;
        if (fp.product !== 'jira') throw new BridgeError(`fetchProduct: the local runtime serves product 'jira' only, not '${String(fp.product)}'.`);
        if (fp.isMultipartFormData) throw new BridgeError('fetchProduct: multipart uploads are not supported by the local runtime.');
        const answer = await deps.postJson('/api/request-jira', requestJiraBody(frame.context().accountId, fp));
        if (answer.status !== 200) {
          return toProductFetchResponse({ status: answer.status, headers: { 'content-type': 'application/json' }, body: answer.body });
        }
        return toProductFetchResponse((answer.body ?? {}) as Record<string, unknown>);
      }

      case 'createHistory': {
        if (!frame.history) throw new BridgeError('createHistory is only available to project page frames.');
        return frame.history();
      }

      case 'navigate': {
        const decision = decideNavigation(p as NavigatePayload, deps.siteOrigin, projectKeyOf(frame.context()));
        if (decision.kind === 'route') {
          if (decision.newTab) deps.openTab(deps.hrefFor(decision.route, decision.appSearch));
          else deps.goTo(decision.route, decision.appSearch);
        } else if (decision.kind === 'external') {
          if (decision.newTab) deps.openTab(decision.url);
          else deps.leaveTo(decision.url);
        } else {
          throw new BridgeError(decision.reason);
        }
        return undefined;
      }

      case 'getUrl': {
        const decision = decideNavigation(p as NavigatePayload, deps.siteOrigin, projectKeyOf(frame.context()));
        if (decision.kind === 'route') return new URL(deps.hrefFor(decision.route, decision.appSearch), `${deps.siteOrigin}/`).toString();
        return undefined;
      }

      case 'enableTheming':
        frame.enableTheming?.();
        return undefined;

      case 'reload':
        frame.reload?.();
        return undefined;

      case 'subscribeRealtimeChannel': {
        const { channelName, onEvent } = p as { channelName?: unknown; onEvent?: unknown };
        if (typeof channelName !== 'string' || typeof onEvent !== 'function') throw new BridgeError('subscribe needs a channel name and a callback.');
        if (p.isGlobal) throw new BridgeError('Global realtime channels are not imitated by the local host.');
        const projectId = (frame.context().extension as { project?: { id?: unknown } }).project?.id;
        if (!deps.openEvents || projectId === undefined) throw new BridgeError('Realtime channels are only available to project page frames here.');
        const query = new URLSearchParams({ projectId: String(projectId), channel: channelName });
        const close = await deps.openEvents(`/api/realtime?${query.toString()}`, (data) => {
          let payload: unknown = data;
          try {
            payload = JSON.parse(data);
          } catch {
            // keep the text
          }
          (onEvent as (payload: unknown) => void)(payload);
        });
        return { unsubscribe: async () => close() };
      }

      default:
        // resize, onError, emitReadyEvent, changeWindowTitle, ...: nothing to do locally.
        return undefined;
    }
  }
  return { callBridge };
}
