import type { Page } from 'playwright-core';

export interface FrameFit {
  /** The frame's height in the host page. */
  frame: number;
  /** The height its document needs. */
  content: number;
}

/**
 * Waits until the host has sized an app frame to its document (it re-measures every 250 ms, as
 * content changes without events), i.e. the document no longer overflows the frame, and returns
 * both heights so the test can assert on them.
 */
export async function frameFittedToContent(page: Page, testId: string, timeout = 10_000): Promise<FrameFit> {
  const handle = await page.waitForFunction(
    (selector) => {
      const iframe = document.querySelector<HTMLIFrameElement>(selector);
      const root = iframe?.contentDocument?.documentElement;
      if (!iframe || !root) return null;
      const fit = { frame: iframe.clientHeight, content: root.scrollHeight };
      return fit.content <= fit.frame + 1 ? fit : null;
    },
    `[data-testid="${testId}"]`,
    { timeout },
  );
  return (await handle.jsonValue()) as FrameFit;
}

/** Whether the element is drawn inside the frame's visible area (no scrolling needed to read it). */
export async function insideFrame(page: Page, testId: string, locator: { boundingBox(): Promise<{ y: number; height: number } | null> }): Promise<boolean> {
  const frame = await page.locator(`[data-testid="${testId}"]`).boundingBox();
  const box = await locator.boundingBox();
  return !!frame && !!box && box.y >= frame.y - 1 && box.y + box.height <= frame.y + frame.height + 1;
}
