/**
 * Import FIRST in a test file: @forge/bridge captures `globalThis.__bridge.callBridge` when it is
 * imported, so the dispatcher has to be in place before that. Tests then swap `bridge.handler`.
 * @forge/react's reconciler reads `self.__bridge`, which Node does not define.
 */
import type { ForgeDoc } from '../../local/host/src/forge-doc';

type Handler = (name: string, payload: unknown) => unknown;

interface BridgeGlobal {
  __bridge: { calls: Array<{ name: string; payload: unknown }>; callBridge: (name: string, payload?: unknown) => Promise<unknown> };
  self?: unknown;
}

const g = globalThis as unknown as BridgeGlobal;
if (typeof g.self === 'undefined') g.self = globalThis;

export const bridge = {
  handler: (() => undefined) as Handler,
  calls: [] as Array<{ name: string; payload: unknown }>,
  /** The latest forgeDoc root (the reconciler mutates it in place: snapshot() to keep a state). */
  forgeDoc: null as ForgeDoc | null,
  reconciles: 0,
  reset(handler: Handler) {
    this.handler = handler;
    this.calls = [];
    this.forgeDoc = null;
    this.reconciles = 0;
  },
};

g.__bridge.callBridge = (name: string, payload?: unknown) => {
  bridge.calls.push({ name, payload });
  if (name === 'reconcile') {
    bridge.forgeDoc = (payload as { forgeDoc: ForgeDoc }).forgeDoc;
    bridge.reconciles += 1;
    return Promise.resolve(undefined);
  }
  try {
    return Promise.resolve(bridge.handler(name, payload));
  } catch (e) {
    return Promise.reject(e);
  }
};

/** Let promises and React's scheduler run until `done()` holds (or fail after `ms`). */
export async function waitFor(done: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error('waitFor: condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
