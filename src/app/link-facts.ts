import type { LinkFacts } from '../domain/releases/blockers';
import type { JiraIssueLink } from '../integrations/jira/types';

/** One Jira issue link as the blocker rules see it; a link without a linked issue is dropped. */
export function toLinkFacts(link: JiraIssueLink): LinkFacts | undefined {
  const linked = link.inwardIssue ?? link.outwardIssue;
  if (!linked) return undefined;
  return {
    typeName: link.type.name,
    inward: link.type.inward,
    direction: link.inwardIssue ? 'inward' : 'outward',
    linkedKey: linked.key,
    linkedStatusCategory: String(linked.fields?.status?.statusCategory?.key ?? 'new'),
  };
}
