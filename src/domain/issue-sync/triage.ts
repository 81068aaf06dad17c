/**
 * Which issue changes can move release readiness or the delivery KPIs, read from a product
 * event's changelog alone: events only mark a project for the next incremental search, and most
 * edits (descriptions, labels, assignees, ranks) on issues in no release move neither.
 */

/** One changelog item of an `avi:jira:updated:issue` event (Jira's webhook shape). */
export interface ChangeItem {
  field?: string | null;
  fieldId?: string | null;
}

/**
 * Jira names some fields differently in `field` than in `fieldId`, and older payloads leave
 * `fieldId` out: the display names that matter here, mapped to the REST field ids.
 */
const FIELD_ID_BY_NAME: Record<string, string> = {
  status: 'status',
  resolution: 'resolution',
  'fix version': 'fixVersions',
  version: 'versions',
  issuetype: 'issuetype',
  'issue type': 'issuetype',
  priority: 'priority',
  summary: 'summary',
  link: 'issuelinks',
  parent: 'parent',
  issueparentassociation: 'parent',
  'parent issue': 'parent',
  project: 'project',
  key: 'project',
  component: 'components',
  flagged: 'customfield_10021',
  'story point estimate': 'customfield_10016',
  labels: 'labels',
};

export function fieldIdOf(item: ChangeItem): string {
  if (item.fieldId) return item.fieldId;
  const name = (item.field ?? '').trim().toLowerCase();
  return FIELD_ID_BY_NAME[name] ?? name;
}

/**
 * Fields every issue's change matters for, in a release or not: what the KPI facts read (status,
 * resolution, type, fix and affects versions, a move to another project), and what other issues'
 * readiness reads of it (status, priority, type, releases; see `dependentsSignature`), plus its
 * parent, whose sub-task list it is part of.
 */
export const ALWAYS_RELEVANT = new Set(['status', 'resolution', 'resolutiondate', 'issuetype', 'fixVersions', 'versions', 'project', 'priority', 'parent']);

/** Fields only an issue's own readiness reads: they matter while it is in an unreleased version. */
export const RELEASE_RELEVANT = new Set(['summary', 'issuelinks', 'subtasks']);

export type Triage = { action: 'mark'; reason: string } | { action: 'ignore'; reason: string };

export interface IssueChange {
  eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue';
  /** Undefined when the event carries no changelog (then anything may have changed). */
  items: ChangeItem[] | undefined;
  /** The issue is in an unreleased version (from the event's fix versions or the app's index). */
  inRelease: boolean;
  /** Fields the project's readiness policy reads (required fields, the flag field). */
  policyFields: readonly string[];
}

/** Marks what can change readiness or KPIs; ignores the rest. Pure. */
export function triageIssueChange(change: IssueChange): Triage {
  if (change.eventType === 'avi:jira:created:issue') return { action: 'mark', reason: 'new issue' };
  if (!change.items || change.items.length === 0) return { action: 'mark', reason: 'no changelog: anything may have changed' };
  const fields = change.items.map(fieldIdOf);
  const always = fields.find((f) => ALWAYS_RELEVANT.has(f));
  if (always) return { action: 'mark', reason: `${always} changed` };
  const own = fields.find((f) => RELEASE_RELEVANT.has(f) || change.policyFields.includes(f));
  if (own && change.inRelease) return { action: 'mark', reason: `${own} changed on an issue in a release` };
  if (own) return { action: 'ignore', reason: `${own} changed on an issue in no release` };
  return { action: 'ignore', reason: `${[...new Set(fields)].join(', ')} changed: neither readiness nor KPIs read it` };
}
