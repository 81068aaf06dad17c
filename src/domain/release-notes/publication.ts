/**
 * Whether the app may write a version's notes page, decided from what it wrote last and what the
 * page holds now. Confluence keeps edits as new page versions; the app remembers the version it
 * wrote and a hash of its body, so a newer version with a different body is someone's edit, and
 * the app asks before replacing it.
 */

export interface WrittenPage {
  pageId: string;
  /** The Confluence version number the app's last write produced. */
  pageVersion: number;
  /** contentHash of the normalised body the app wrote. */
  bodyHash: string;
}

export interface CurrentPage {
  id: string;
  version: number;
  title: string;
  bodyHash: string;
}

export type PublishDecision =
  | { kind: 'create'; recreate: boolean }
  | { kind: 'unchanged' }
  | { kind: 'update' }
  | { kind: 'needs-confirmation'; reason: string };

export function decidePublication(input: {
  written?: WrittenPage | undefined;
  /** The page now: the one the app wrote, else one with the title; undefined when neither exists. */
  page?: CurrentPage | undefined;
  wantedTitle: string;
  wantedHash: string;
  force: boolean;
}): PublishDecision {
  const { written, page } = input;
  if (!page) return { kind: 'create', recreate: written !== undefined };
  // Already what we would write (our own earlier write, or a concurrent run's): nothing to do.
  if (page.bodyHash === input.wantedHash && page.title === input.wantedTitle) return { kind: 'unchanged' };
  if (input.force) return { kind: 'update' };
  if (!written || written.pageId !== page.id) {
    return {
      kind: 'needs-confirmation',
      reason: `A page titled "${page.title}" already exists in the space and the app did not write it.`,
    };
  }
  if (page.version > written.pageVersion && page.bodyHash !== written.bodyHash) {
    return {
      kind: 'needs-confirmation',
      reason: `The page was edited in Confluence (version ${page.version}; the app wrote version ${written.pageVersion}).`,
    };
  }
  return { kind: 'update' };
}

/**
 * A 64-bit FNV-1a hash (hex) of a text: enough to recognise the app's own page body. Not for
 * security: nobody gains anything by forging it.
 */
export function contentHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
