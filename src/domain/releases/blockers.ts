/** Jira's "Blocks" link: on the blocked issue the blocker appears as the inward issue. */
export interface LinkFacts {
  typeName: string;
  inward: string;
  direction: 'inward' | 'outward';
  linkedKey: string;
  linkedStatusCategory: string;
}

export function isBlockedByLink(link: LinkFacts): boolean {
  return link.direction === 'inward' && (link.typeName === 'Blocks' || link.inward.toLowerCase() === 'is blocked by');
}

/** Keys of the issues that block this one and are not done, each once, in link order. */
export function openBlockerKeys(links: LinkFacts[]): string[] {
  const keys: string[] = [];
  for (const link of links) {
    if (isBlockedByLink(link) && link.linkedStatusCategory !== 'done' && !keys.includes(link.linkedKey)) keys.push(link.linkedKey);
  }
  return keys;
}
