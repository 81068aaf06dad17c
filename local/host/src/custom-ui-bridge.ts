/**
 * Loaded first in every app iframe (same origin as the host page). Defines what the Forge platform
 * defines for Custom UI and UI Kit code: `window.__bridge.callBridge(name, payload)`. Calls go to
 * the host page, `window.parent.__localForgeHost.callBridge(frameId, name, payload)`, where the
 * frame id is the iframe element's `data-forge-frame-id`. A frame can answer some calls itself
 * (the UI Kit panel frame renders `reconcile` locally) with `__bridge.handleLocally(name, fn)`.
 */

type Handler = (payload: unknown) => unknown;

interface LocalForgeHost {
  callBridge(frameId: string, name: string, payload?: unknown): Promise<unknown>;
}

interface LocalBridge {
  callBridge(name: string, payload?: unknown): Promise<unknown>;
  handleLocally(name: string, handler: Handler): void;
  frameId: string | null;
}

const w = window as unknown as { __bridge?: LocalBridge; __localForgeHost?: LocalForgeHost; parent: unknown };

function frameId(): string | null {
  try {
    return window.frameElement?.getAttribute('data-forge-frame-id') ?? null;
  } catch {
    return null;
  }
}

function host(): LocalForgeHost | undefined {
  try {
    if (window.parent === window) return undefined;
    return (window.parent as unknown as { __localForgeHost?: LocalForgeHost }).__localForgeHost;
  } catch {
    return undefined;
  }
}

/** Answers are made in the host page's JS realm: copy plain data into this one. */
function toThisRealm(name: string, value: unknown): unknown {
  if (name === 'createHistory' || name === 'subscribeRealtimeChannel' || value === null || typeof value !== 'object') return value;
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

function toLocalError(e: unknown): Error {
  const src = (e ?? {}) as { message?: unknown; name?: unknown };
  const err = new Error(typeof src.message === 'string' ? src.message : String(e));
  if (typeof src.name === 'string') err.name = src.name;
  return err;
}

const local = new Map<string, Handler>();

const bridge: LocalBridge = {
  frameId: frameId(),
  callBridge(name, payload) {
    const handler = local.get(name);
    if (handler) {
      try {
        return Promise.resolve(handler(payload));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    const h = host();
    const id = frameId();
    if (!h || !id) {
      return Promise.reject(
        new Error(`The local Forge host is not reachable from this page (bridge call '${name}'). Open the app through the host page instead.`),
      );
    }
    return new Promise((resolve, reject) => {
      h.callBridge(id, name, payload).then(
        (value) => resolve(toThisRealm(name, value)),
        (e) => reject(toLocalError(e)),
      );
    });
  },
  handleLocally(name, handler) {
    local.set(name, handler);
  },
};

w.__bridge = bridge;

export {};
