/**
 * What readiness needs to know about one issue, read from Jira in one search (the issue and the
 * issues that block it). The same shape feeds the issue panel (read as the user, in full) and the
 * release roll-up (read as the app, stored compactly).
 */

export type StatusCategory = 'new' | 'indeterminate' | 'done';

export interface VersionRef {
  id: string;
  name: string;
  releaseDate?: string;
  released: boolean;
}

export interface LinkedIssueFacts {
  key: string;
  /** Left out in stored facts to keep release shards small. */
  summary?: string;
  statusName: string;
  category: StatusCategory;
  issueType: string;
  priority?: string;
}

export interface BlockerFacts extends LinkedIssueFacts {
  /** The blocker's fix versions; undefined when they were not read (then they count as unknown). */
  fixVersions?: VersionRef[];
}

export interface IssueFacts {
  id: string;
  key: string;
  projectId: string;
  summary: string;
  issueType: string;
  subtask: boolean;
  statusName: string;
  category: StatusCategory;
  resolution: string | null;
  priority?: string;
  flagged: boolean;
  fixVersions: VersionRef[];
  /** Field id → filled, for the fields the policy asked about when these facts were read. */
  fields: Record<string, boolean>;
  subtasks: { total: number; open: LinkedIssueFacts[] };
  /** Every issue this one "is blocked by", done or not. */
  blockers: BlockerFacts[];
  /** Open issues linked in any other way (candidates for "no open linked bug"). */
  linked: LinkedIssueFacts[];
  /** Jira's `updated` of the issue, epoch ms: the order of the issue's own changes. */
  updated: number;
  /** When these facts were read, epoch ms: orders two reads of the same `updated`. */
  observed: number;
}

/** True when `incoming` describes the issue at least as recently as `stored`. */
export function isAtLeastAsRecent(incoming: Pick<IssueFacts, 'updated' | 'observed'>, stored: Pick<IssueFacts, 'updated' | 'observed'> | undefined): boolean {
  if (!stored) return true;
  return incoming.updated > stored.updated || (incoming.updated === stored.updated && incoming.observed >= stored.observed);
}

const MAX_STORED_SUMMARY = 80;
const MAX_STORED_LINKS = 20;

function compactLinked<T extends LinkedIssueFacts>(issue: T): T {
  const out = { ...issue };
  delete out.summary;
  return out;
}

/**
 * The facts as a release shard keeps them: no summaries of other issues, a trimmed summary, at
 * most MAX_STORED_LINKS of each list (an issue with more is rare and still reads as failing).
 */
export function compactFacts(facts: IssueFacts): IssueFacts {
  return {
    ...facts,
    summary: facts.summary.length > MAX_STORED_SUMMARY ? `${facts.summary.slice(0, MAX_STORED_SUMMARY - 1)}…` : facts.summary,
    subtasks: { total: facts.subtasks.total, open: facts.subtasks.open.slice(0, MAX_STORED_LINKS).map(compactLinked) },
    blockers: facts.blockers.slice(0, MAX_STORED_LINKS).map(compactLinked),
    linked: facts.linked.slice(0, MAX_STORED_LINKS).map(compactLinked),
  };
}

/** The few things other issues' readiness depends on: when they change, dependents are re-read. */
export function dependentsSignature(facts: IssueFacts): string {
  return [facts.category, facts.statusName, facts.priority ?? '', facts.issueType, facts.fixVersions.map((v) => `${v.id}@${v.releaseDate ?? ''}`).join(',')].join('|');
}
