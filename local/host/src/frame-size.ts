/**
 * Auto-sizing app iframes to their content (the host polls the same-origin document).
 * Grow to the document's scroll height when content overflows; otherwise fit the body, so a
 * frame can also shrink. A body stretched to 100% simply keeps the current height.
 */
export interface FrameMeasure {
  /** `documentElement.scrollHeight` of the frame document. */
  docScrollHeight: number;
  /** The body's border-box height plus its vertical margins. */
  bodyHeight: number;
  /** The iframe's current height in px. */
  current: number;
  /** Never smaller than this. */
  min: number;
}

export function nextFrameHeight(m: FrameMeasure): number {
  const overflowing = m.docScrollHeight > m.current + 1;
  const wanted = overflowing ? m.docScrollHeight : m.bodyHeight;
  return Math.max(m.min, Math.ceil(wanted));
}
