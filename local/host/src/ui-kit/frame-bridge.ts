/** The frame's link to the host page: the app's own handlers, navigation and the user directory. */
type Fn = (...args: unknown[]) => unknown;

interface FrameBridge {
  callBridge(name: string, payload?: unknown): Promise<unknown>;
  handleLocally?(name: string, handler: (payload: unknown) => unknown): void;
}

export const bridge = (window as unknown as { __bridge?: FrameBridge }).__bridge;

/** Calls an app handler (onClick, onChange ...); a failure is logged, never breaks the frame. */
export const call = (fn: unknown, ...args: unknown[]) => {
  if (typeof fn !== 'function') return undefined;
  try {
    const out = (fn as Fn)(...args);
    if (out && typeof (out as Promise<unknown>).catch === 'function') (out as Promise<unknown>).catch((e) => console.error('UI Kit handler failed', e));
    return out;
  } catch (e) {
    console.error('UI Kit handler failed', e);
    return undefined;
  }
};

export function navigate(href: string, newTab: boolean) {
  void bridge?.callBridge('navigate', { url: href, type: newTab ? 'new-tab' : 'same-tab' }).catch((e) => console.error('navigate failed', e));
}

/** The host page's users, so a User node shows a name as Jira would. */
export function userDirectory(): Array<{ accountId: string; displayName: string }> {
  try {
    const host = (window.parent as unknown as { __localForgeHost?: { users?: () => Array<{ accountId: string; displayName: string }> } }).__localForgeHost;
    return host?.users?.() ?? [];
  } catch {
    return [];
  }
}
