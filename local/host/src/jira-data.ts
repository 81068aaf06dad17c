/**
 * What the host page itself reads from Jira (through `POST /api/request-jira`, as the current user)
 * and how it reads the answers. Pure: tested in test/local/host/jira-data.test.ts.
 */

export const ISSUE_LIST_FIELDS = ['summary', 'status', 'issuetype', 'fixVersions'];
export const ISSUE_VIEW_FIELDS = ['summary', 'status', 'issuetype', 'fixVersions', 'project', 'assignee', 'reporter', 'priority', 'issuelinks', 'labels', 'duedate'];

export function issueListRequest(projectKey: string) {
  return {
    restPath: '/rest/api/3/search/jql',
    method: 'POST',
    body: JSON.stringify({ jql: `project = ${projectKey} ORDER BY key`, fields: ISSUE_LIST_FIELDS, maxResults: 100 }),
  };
}

export function issueRequest(issueKey: string) {
  return { restPath: `/rest/api/3/issue/${encodeURIComponent(issueKey)}?fields=${ISSUE_VIEW_FIELDS.join(',')}`, method: 'GET' };
}

export function versionsRequest(projectKey: string) {
  return { restPath: `/rest/api/3/project/${encodeURIComponent(projectKey)}/version?maxResults=100&orderBy=-sequence`, method: 'GET' };
}

export interface IssueRow {
  id: string;
  key: string;
  summary: string;
  status: string;
  statusCategory: 'new' | 'indeterminate' | 'done' | 'undefined';
  issueType: string;
  fixVersions: Array<{ id: string; name: string }>;
}

export interface IssueLinkRow {
  direction: 'inward' | 'outward';
  label: string;
  key: string;
  summary: string;
  status: string;
  statusCategory: IssueRow['statusCategory'];
}

export interface IssueDetail extends IssueRow {
  project: { id: string; key: string; name: string };
  assignee: string | null;
  reporter: string | null;
  priority: string | null;
  labels: string[];
  dueDate: string | null;
  links: IssueLinkRow[];
}

export interface VersionRow {
  id: string;
  name: string;
  released: boolean;
  releaseDate?: string;
  archived?: boolean;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);

function statusOf(fields: Json): { status: string; statusCategory: IssueRow['statusCategory'] } {
  const status = obj(fields.status);
  const cat = str(obj(status.statusCategory).key, 'undefined');
  return {
    status: str(status.name, '—'),
    statusCategory: cat === 'new' || cat === 'indeterminate' || cat === 'done' ? cat : 'undefined',
  };
}

export function parseIssueRow(raw: unknown): IssueRow {
  const issue = obj(raw);
  const fields = obj(issue.fields);
  return {
    id: str(issue.id),
    key: str(issue.key),
    summary: str(fields.summary),
    ...statusOf(fields),
    issueType: str(obj(fields.issuetype).name, '—'),
    fixVersions: (Array.isArray(fields.fixVersions) ? fields.fixVersions : []).map((v) => ({ id: str(obj(v).id), name: str(obj(v).name) })),
  };
}

/** `POST /rest/api/3/search/jql` answer → rows (+ whether more pages exist). */
export function parseSearch(raw: unknown): { issues: IssueRow[]; isLast: boolean } {
  const body = obj(raw);
  const issues = (Array.isArray(body.issues) ? body.issues : []).map(parseIssueRow);
  return { issues, isLast: body.isLast !== false || !body.nextPageToken };
}

function displayName(v: unknown): string | null {
  const u = obj(v);
  return u.displayName ? str(u.displayName) : u.accountId ? str(u.accountId) : null;
}

export function parseIssue(raw: unknown): IssueDetail {
  const issue = obj(raw);
  const fields = obj(issue.fields);
  const project = obj(fields.project);
  const links: IssueLinkRow[] = [];
  for (const l of Array.isArray(fields.issuelinks) ? fields.issuelinks : []) {
    const link = obj(l);
    const type = obj(link.type);
    const inward = link.inwardIssue ? obj(link.inwardIssue) : null;
    const outward = link.outwardIssue ? obj(link.outwardIssue) : null;
    const other = inward ?? outward;
    if (!other) continue;
    const of = obj(other.fields);
    links.push({
      direction: inward ? 'inward' : 'outward',
      label: str(inward ? type.inward : type.outward, str(type.name, 'relates to')),
      key: str(other.key),
      summary: str(of.summary),
      ...statusOf(of),
    });
  }
  return {
    ...parseIssueRow(raw),
    project: { id: str(project.id), key: str(project.key), name: str(project.name) },
    assignee: displayName(fields.assignee),
    reporter: displayName(fields.reporter),
    priority: fields.priority ? str(obj(fields.priority).name) || null : null,
    labels: Array.isArray(fields.labels) ? fields.labels.map((x) => str(x)) : [],
    dueDate: typeof fields.duedate === 'string' ? fields.duedate : null,
    links,
  };
}

/** `GET /rest/api/3/project/{key}/version` answers a page `{values: [...]}` (or a bare array on the old route). */
export function parseVersions(raw: unknown): VersionRow[] {
  const list = Array.isArray(raw) ? raw : Array.isArray(obj(raw).values) ? (obj(raw).values as unknown[]) : [];
  return list.map((v) => {
    const x = obj(v);
    return {
      id: str(x.id),
      name: str(x.name),
      released: x.released === true,
      ...(typeof x.releaseDate === 'string' ? { releaseDate: x.releaseDate } : {}),
      ...(x.archived === true ? { archived: true } : {}),
    };
  });
}

/** `/api/request-jira` answers `{status, headers, body}` with the body as text. */
export function jiraJson(answer: { status?: number; body?: unknown }): { status: number; json: unknown } {
  const status = typeof answer.status === 'number' ? answer.status : 0;
  if (typeof answer.body !== 'string') return { status, json: answer.body ?? null };
  if (!answer.body) return { status, json: null };
  try {
    return { status, json: JSON.parse(answer.body) };
  } catch {
    return { status, json: answer.body };
  }
}

/** A Jira error body's messages, for display. */
export function jiraErrorText(status: number, json: unknown): string {
  const body = obj(json);
  const messages = [
    ...(Array.isArray(body.errorMessages) ? body.errorMessages.map((m) => str(m)) : []),
    ...Object.entries(obj(body.errors)).map(([k, v]) => `${k}: ${str(v)}`),
  ].filter(Boolean);
  if (typeof json === 'string' && json) messages.push(json.slice(0, 200));
  return `Jira answered ${status}${messages.length ? `: ${messages.join('; ')}` : ''}`;
}
