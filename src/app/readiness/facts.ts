/**
 * Reads readiness facts from Jira: one bounded search returns an issue together with the issues
 * that block it (their fix versions included), so a panel paint or an event costs one request.
 */
import type { BlockerFacts, IssueFacts, LinkedIssueFacts, StatusCategory, VersionRef } from '../../domain/readiness/facts';
import { type ReadinessPolicy, defaultPolicy, policyFieldIds } from '../../domain/readiness/policy';
import { UpstreamError } from '../../errors';
import type { JiraClient } from '../../integrations/jira/jira-client';
import type { JiraIssue, JiraVersion } from '../../integrations/jira/types';

/** Jira's own description of the "Blocks" link seen from the blocked issue. */
export const BLOCKED_BY = 'is blocked by';

const BASE_FIELDS = ['summary', 'status', 'issuetype', 'resolution', 'priority', 'fixVersions', 'issuelinks', 'subtasks', 'parent', 'project', 'updated'];
/** What a blocker read through bulkfetch needs to carry. */
export const BLOCKER_FIELDS = ['summary', 'status', 'issuetype', 'priority', 'fixVersions'];

export function factFields(policy: ReadinessPolicy): string[] {
  return [...new Set([...BASE_FIELDS, ...policyFieldIds(policy)])];
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;
const ISSUE_ID = /^\d{1,20}$/;

/** JQL for an issue (key or id) and its blockers; only a well-formed key or id is ever put into it. */
export function issueWithBlockersJql(issueKeyOrId: string): string {
  if (ISSUE_ID.test(issueKeyOrId)) return `id = ${issueKeyOrId} OR issue in linkedIssues(${issueKeyOrId}, "${BLOCKED_BY}") ORDER BY key`;
  if (!ISSUE_KEY.test(issueKeyOrId)) throw new UpstreamError(404, `"${issueKeyOrId.slice(0, 40)}" is not an issue key.`);
  return `issuekey = ${issueKeyOrId} OR issue in linkedIssues(${issueKeyOrId}, "${BLOCKED_BY}") ORDER BY key`;
}

interface NamedValue {
  name?: string;
}
interface LinkedRaw {
  id?: string;
  key: string;
  fields?: { summary?: string; status?: { name?: string; statusCategory?: { key?: string } }; issuetype?: NamedValue; priority?: NamedValue };
}

function category(status: { statusCategory?: { key?: string } } | undefined): StatusCategory {
  const key = status?.statusCategory?.key;
  return key === 'done' || key === 'indeterminate' ? key : 'new';
}

function linkedFacts(raw: LinkedRaw): LinkedIssueFacts {
  const f = raw.fields ?? {};
  return {
    key: raw.key,
    ...(f.summary ? { summary: f.summary } : {}),
    statusName: f.status?.name ?? 'Unknown',
    category: category(f.status),
    issueType: f.issuetype?.name ?? 'Issue',
    ...(f.priority?.name ? { priority: f.priority.name } : {}),
  };
}

export function versionRefs(versions: Array<Pick<JiraVersion, 'id' | 'name'> & Partial<JiraVersion>> | undefined): VersionRef[] {
  return (versions ?? []).map((v) => ({ id: String(v.id), name: v.name, released: v.released === true, ...(v.releaseDate ? { releaseDate: v.releaseDate } : {}) }));
}

/** An Atlassian document with some text, or a mention, card, image…: not just empty paragraphs. */
function adfHasContent(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
  if (type === 'text') return typeof text === 'string' && text.trim().length > 0;
  if (Array.isArray(content)) return content.some(adfHasContent);
  return type !== 'doc' && type !== 'paragraph' && type !== 'hardBreak' && type !== 'rule';
}

/** Is a field "filled"? Empty strings, lists and documents count as empty. */
export function isFilled(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') {
    const doc = value as { type?: unknown; content?: unknown[] };
    if (doc.type === 'doc') return adfHasContent(value);
    return Object.keys(value).length > 0;
  }
  return true;
}

export interface FactsRead {
  facts: IssueFacts;
  /** Parent of a sub-task, issues it blocks and other linked issues: their readiness may depend on this one. */
  dependents: { parentKey?: string; keys: string[] };
  /** The facts were derived from an event's changelog and the stored entry, not read from Jira. */
  fromChangelog?: true;
}

/** Facts of one issue from its own fields and, for blockers, the issues read alongside it. */
export function toIssueFacts(issue: JiraIssue, policy: ReadinessPolicy, blockersByKey: ReadonlyMap<string, JiraIssue>, observed: number): FactsRead {
  const f = issue.fields;
  const status = f.status as { name?: string; statusCategory?: { key?: string } } | undefined;
  const issuetype = f.issuetype as { name?: string; subtask?: boolean } | undefined;
  const flaggedIds = policy.criteria.flatMap((c) => (c.kind === 'not-flagged' ? [c.fieldId] : []));
  const fields: Record<string, boolean> = {};
  for (const id of policyFieldIds(policy)) fields[id] = isFilled(f[id]);

  const subtasks = ((f.subtasks as LinkedRaw[] | undefined) ?? []).map(linkedFacts);
  const blockers: BlockerFacts[] = [];
  const linked: LinkedIssueFacts[] = [];
  const dependents = new Set<string>();
  for (const link of f.issuelinks ?? []) {
    const other = (link.inwardIssue ?? link.outwardIssue) as LinkedRaw | undefined;
    if (!other?.key) continue;
    const blockedBy = !!link.inwardIssue && (link.type.name === 'Blocks' || link.type.inward?.toLowerCase() === BLOCKED_BY);
    if (blockedBy) {
      if (blockers.some((b) => b.key === other.key)) continue;
      const full = blockersByKey.get(other.key);
      blockers.push({
        ...linkedFacts(full ? { key: full.key, fields: full.fields as LinkedRaw['fields'] } : other),
        ...(full ? { fixVersions: versionRefs(full.fields.fixVersions) } : {}),
      });
    } else {
      dependents.add(other.key);
      const facts = linkedFacts(other);
      if (facts.category !== 'done' && !linked.some((l) => l.key === facts.key)) linked.push(facts);
    }
  }
  const parent = f.parent as { key?: string } | undefined;
  const updated = Date.parse(String(f.updated ?? ''));
  const facts: IssueFacts = {
    id: String(issue.id),
    key: issue.key,
    projectId: String((f.project as { id?: unknown } | undefined)?.id ?? ''),
    summary: f.summary ?? '',
    issueType: issuetype?.name ?? 'Issue',
    subtask: issuetype?.subtask === true,
    statusName: status?.name ?? 'Unknown',
    category: category(status),
    resolution: (f.resolution as NamedValue | null | undefined)?.name ?? null,
    ...((f.priority as NamedValue | undefined)?.name ? { priority: (f.priority as NamedValue).name as string } : {}),
    flagged: flaggedIds.some((id) => isFilled(f[id])),
    fixVersions: versionRefs(f.fixVersions),
    fields,
    subtasks: { total: subtasks.length, open: subtasks.filter((s) => s.category !== 'done') },
    blockers: blockers.filter((b) => b.key !== issue.key),
    linked: linked.filter((l) => l.key !== issue.key && !blockers.some((b) => b.key === l.key)),
    updated: Number.isFinite(updated) ? updated : 0,
    observed,
  };
  return { facts, dependents: { ...(parent?.key ? { parentKey: parent.key } : {}), keys: [...dependents] } };
}

/**
 * Reads an issue and its blockers in one search as whoever `jira` acts for. Undefined when the
 * issue does not exist or that principal cannot see it (Jira answers 400 for an unknown key in
 * JQL, 404 elsewhere).
 */
export async function readIssueFacts(
  jira: JiraClient,
  issueKeyOrId: string,
  policy: ReadinessPolicy,
  observed: () => number,
): Promise<(FactsRead & { issue: JiraIssue; related: Map<string, JiraIssue> }) | undefined> {
  let issues: JiraIssue[];
  try {
    const page = await jira.searchPage(issueWithBlockersJql(issueKeyOrId), factFields(policy), { maxResults: 100 });
    issues = page.issues;
  } catch (error) {
    if (error instanceof UpstreamError && (error.status === 400 || error.status === 404)) return undefined;
    throw error;
  }
  const issue = issues.find((i) => i.key === issueKeyOrId || String(i.id) === issueKeyOrId);
  if (!issue) return undefined;
  const related = new Map(issues.map((i) => [i.key, i]));
  return { ...toIssueFacts(issue, policy, related, observed()), issue, related };
}

/**
 * Reads an issue whose project (hence policy) is not known yet, e.g. from a link event: first
 * with the fields of the default policy, then – only if the project's policy names other fields –
 * those fields with a second request.
 */
export async function readIssueFactsAnywhere(
  jira: JiraClient,
  issueKeyOrId: string,
  policyOf: (projectId: string) => Promise<ReadinessPolicy>,
  observed: () => number,
): Promise<(FactsRead & { policy: ReadinessPolicy }) | undefined> {
  const fallback = defaultPolicy();
  const first = await readIssueFacts(jira, issueKeyOrId, fallback, observed);
  if (!first) return undefined;
  const policy = await policyOf(first.facts.projectId);
  const known = new Set(factFields(fallback));
  const missing = policyFieldIds(policy).filter((id) => !known.has(id));
  let issue = first.issue;
  if (missing.length) {
    const extra = await jira.getIssue(issue.key, missing);
    issue = { ...issue, fields: { ...issue.fields, ...extra.fields } };
  }
  return { ...toIssueFacts(issue, policy, first.related, first.facts.observed), policy };
}

/** Issue keys this issue "is blocked by", from its links. */
export function blockerKeysOf(issue: JiraIssue): string[] {
  return (issue.fields.issuelinks ?? []).flatMap((link) =>
    link.inwardIssue && (link.type.name === 'Blocks' || link.type.inward?.toLowerCase() === BLOCKED_BY) ? [link.inwardIssue.key] : [],
  );
}

/**
 * Facts of every issue of a version, as the app: a bounded search (`fixVersion = id`, only the
 * fields readiness reads, pages of 100) and one bulk fetch per 100 blockers outside the version.
 */
export async function readReleaseFacts(
  jira: JiraClient,
  versionId: string,
  policy: ReadinessPolicy,
  observed: number,
  options: { updatedWithinMinutes?: number } = {},
): Promise<IssueFacts[]> {
  if (!/^\d{1,20}$/.test(versionId)) throw new UpstreamError(404, 'Not a version id.');
  // Relative to Jira's clock, so the site's time zone does not matter.
  const recent = options.updatedWithinMinutes !== undefined ? ` AND updated >= -${Math.max(1, Math.ceil(options.updatedWithinMinutes))}m` : '';
  const issues = await jira.searchAll(`fixVersion = ${versionId}${recent} ORDER BY key`, factFields(policy), { pageSize: 100 });
  const byKey = new Map(issues.map((i) => [i.key, i]));
  const outside = [...new Set(issues.flatMap(blockerKeysOf))].filter((key) => !byKey.has(key));
  if (outside.length) for (const blocker of await jira.bulkFetchIssues(outside, BLOCKER_FIELDS)) byKey.set(blocker.key, blocker);
  return issues.map((issue) => toIssueFacts(issue, policy, byKey, observed).facts);
}
