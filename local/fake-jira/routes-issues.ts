/** Issue routes: enhanced JQL search, counts, bulk fetches, single issues, transitions, edits, links. */
import { z } from 'zod';
import type { DatasetIssue, DatasetProject } from './dataset';
import {
  HttpError,
  badRequest,
  decodeToken,
  encodeToken,
  expandSet,
  forbidden,
  hashText,
  intParam,
  listParam,
  noContent,
  notFound,
  ok,
  parseBody,
  type Handler,
  type RouteContext,
} from './http';
import { JqlError } from './jql';
import { compileJql, matchingIssues, type CompiledQuery } from './jql-compile';
import { selectFields } from './render';
import type { IssuePatch } from './store';

const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
export const SEARCH_DEFAULT_PAGE = 50;
export const SEARCH_MAX_PAGE_WITH_FIELDS = 100;
export const SEARCH_MAX_PAGE_IDS_ONLY = 5000;

function visibleIssue(ctx: RouteContext, idOrKey: string): DatasetIssue {
  const issue = ctx.store.findIssue(idOrKey);
  if (!issue || !ctx.store.canBrowse(ctx.principal, issue.projectId)) throw notFound(ISSUE_NOT_FOUND);
  return issue;
}

function projectOf(ctx: RouteContext, issue: DatasetIssue): DatasetProject {
  return ctx.store.projectsById.get(issue.projectId) as DatasetProject;
}

/** Compiles JQL for the caller; bad or unbounded JQL is a 400 as in Jira. */
function boundedQuery(ctx: RouteContext, jql: string): CompiledQuery {
  let compiled: CompiledQuery;
  try {
    compiled = compileJql(jql, ctx.store, ctx.principal, ctx.now());
  } catch (error) {
    if (error instanceof JqlError) throw badRequest(error.message);
    throw error;
  }
  if (!compiled.bounded) throw badRequest(UNBOUNDED);
  return compiled;
}

function principalKey(ctx: RouteContext): string {
  return ctx.principal.kind === 'app' ? 'app' : ctx.principal.user.accountId;
}

// ---------------------------------------------------------------------------------------------
// Search

const searchBody = z.strictObject({
  jql: z.string().optional(),
  nextPageToken: z.string().optional(),
  maxResults: z.number().int().optional(),
  fields: z.array(z.string()).optional(),
  expand: z.string().optional(),
  properties: z.array(z.string()).optional(),
  fieldsByKeys: z.boolean().optional(),
  reconcileIssues: z.array(z.number().int()).max(50).optional(),
  failFast: z.boolean().optional(),
});

interface SearchInput {
  jql: string;
  nextPageToken?: string;
  maxResults?: number;
  fields?: string[];
  expand?: string;
}

function search(ctx: RouteContext, input: SearchInput) {
  const { store } = ctx;
  const jql = input.jql.trim();
  const cacheKey = `${principalKey(ctx)}\u0000${jql}`;
  const selection = selectFields(store, input.fields, 'id');
  const cap = selection.idOnly ? SEARCH_MAX_PAGE_IDS_ONLY : SEARCH_MAX_PAGE_WITH_FIELDS;
  const requested = input.maxResults ?? SEARCH_DEFAULT_PAGE;
  if (requested < 1) throw badRequest("The 'maxResults' parameter must be greater than 0.");
  const pageSize = Math.min(requested, cap);

  const compiled = boundedQuery(ctx, jql);

  let offset = 0;
  let ids: string[] | undefined;
  if (input.nextPageToken) {
    const token = decodeToken(input.nextPageToken);
    if (!token || typeof token.o !== 'number' || token.q !== hashText(cacheKey)) throw badRequest('The provided next page token is invalid or expired.');
    offset = token.o;
    ids = ctx.searchCache.get(cacheKey)?.issueIds;
  }
  if (!ids) ids = ctx.searchCache.put(cacheKey, matchingIssues(compiled).map((i) => i.id)).issueIds;
  const page = ids
    .slice(offset, offset + pageSize)
    .map((id) => store.issuesById.get(id))
    .filter((i): i is DatasetIssue => i !== undefined);
  ctx.charge({ issues: page.length });
  const expand = expandSet(input.expand);
  const next = offset + pageSize;
  const isLast = next >= ids.length;
  return ok({
    issues: page.map((issue) => ctx.render.issue(issue, selection, expand, ctx.principal)),
    ...(isLast ? {} : { nextPageToken: encodeToken({ o: next, q: hashText(cacheKey) }) }),
    isLast,
  });
}

export const searchJqlGet: Handler = (ctx) => {
  const maxResults = ctx.query.get('maxResults');
  return search(ctx, {
    jql: ctx.query.get('jql') ?? '',
    ...(ctx.query.get('nextPageToken') ? { nextPageToken: ctx.query.get('nextPageToken') as string } : {}),
    ...(maxResults !== null ? { maxResults: intParam(ctx.query, 'maxResults', SEARCH_DEFAULT_PAGE, { min: -1 }) } : {}),
    ...(listParam(ctx.query, 'fields') ? { fields: listParam(ctx.query, 'fields') as string[] } : {}),
    ...(ctx.query.get('expand') ? { expand: ctx.query.get('expand') as string } : {}),
  });
};

export const searchJqlPost: Handler = (ctx) => {
  const body = parseBody(searchBody, ctx.body);
  return search(ctx, { ...body, jql: body.jql ?? '' });
};

export const approximateCount: Handler = (ctx) => {
  const { jql = '' } = parseBody(z.strictObject({ jql: z.string().optional() }), ctx.body);
  const compiled = boundedQuery(ctx, jql);
  let count = 0;
  for (const issue of compiled.candidates()) if (compiled.matches(issue)) count++;
  return ok({ count });
};

// The old search is gone (CHANGE-2046).
export const oldSearchGone: Handler = () =>
  ok(
    {
      errorMessages: [
        'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
      ],
      errors: {},
    },
    410,
  );

// ---------------------------------------------------------------------------------------------
// Bulk fetches

const bulkFetchBody = z.strictObject({
  issueIdsOrKeys: z.array(z.string()),
  fields: z.array(z.string()).optional(),
  expand: z.array(z.string()).optional(),
  fieldsByKeys: z.boolean().optional(),
  properties: z.array(z.string()).optional(),
});

export const bulkFetchIssues: Handler = (ctx) => {
  const body = parseBody(bulkFetchBody, ctx.body);
  if (body.issueIdsOrKeys.length === 0) throw badRequest('At least one issue ID or key must be provided.');
  if (body.issueIdsOrKeys.length > 100) throw badRequest('The number of issue IDs or keys must not exceed 100.');
  const found = new Map<string, DatasetIssue>();
  const issueErrors: Array<{ id: string; errorMessage: string }> = [];
  for (const idOrKey of body.issueIdsOrKeys) {
    const issue = ctx.store.findIssue(idOrKey);
    if (issue && ctx.store.canBrowse(ctx.principal, issue.projectId)) found.set(issue.id, issue);
    else issueErrors.push({ id: idOrKey, errorMessage: ISSUE_NOT_FOUND });
  }
  const issues = [...found.values()].sort((a, b) => Number(a.id) - Number(b.id));
  ctx.charge({ issues: issues.length });
  const selection = selectFields(ctx.store, body.fields, 'navigable');
  const expand = expandSet(body.expand);
  return ok({ issues: issues.map((i) => ctx.render.issue(i, { ...selection, keyRequested: true }, expand, ctx.principal)), issueErrors });
};

const changelogBody = z.strictObject({
  issueIdsOrKeys: z.array(z.string()).min(1).max(1000),
  fieldIds: z.array(z.string()).max(10).optional(),
  maxResults: z.number().int().min(1).max(10000).optional(),
  nextPageToken: z.string().optional(),
});

export const bulkFetchChangelogs: Handler = (ctx) => {
  const body = parseBody(changelogBody, ctx.body);
  if (body.fieldIds && new Set(body.fieldIds).size !== body.fieldIds.length) throw badRequest('fieldIds must not contain duplicates.');
  const fieldIds = body.fieldIds?.length ? new Set(body.fieldIds) : undefined;
  const issues = new Map<string, DatasetIssue>();
  for (const idOrKey of body.issueIdsOrKeys) {
    const issue = ctx.store.findIssue(idOrKey);
    if (issue && ctx.store.canBrowse(ctx.principal, issue.projectId)) issues.set(issue.id, issue);
  }
  const entries: Array<{ issue: DatasetIssue; index: number; at: string }> = [];
  for (const issue of issues.values()) {
    issue.changelog.forEach((history, index) => {
      if (!fieldIds || history.items.some((item) => fieldIds.has(item.fieldId))) entries.push({ issue, index, at: history.created });
    });
  }
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : Number(a.issue.id) - Number(b.issue.id) || a.index - b.index));
  const signature = hashText(`${[...issues.keys()].join(',')}|${[...(fieldIds ?? [])].join(',')}`);
  let offset = 0;
  if (body.nextPageToken) {
    const token = decodeToken(body.nextPageToken);
    if (!token || typeof token.o !== 'number' || token.s !== signature) throw badRequest('The provided next page token is invalid or expired.');
    offset = token.o;
  }
  const pageSize = body.maxResults ?? 1000;
  const page = entries.slice(offset, offset + pageSize);
  const grouped = new Map<string, Array<Record<string, unknown>>>();
  for (const { issue, index } of page) {
    const list = grouped.get(issue.id) ?? [];
    list.push(ctx.render.history(issue.changelog[index] as DatasetIssue['changelog'][number], fieldIds));
    grouped.set(issue.id, list);
  }
  ctx.charge({ issues: grouped.size });
  const next = offset + pageSize;
  return ok({
    issueChangeLogs: [...grouped].map(([issueId, changeHistories]) => ({ issueId, changeHistories })),
    ...(next < entries.length ? { nextPageToken: encodeToken({ o: next, s: signature }) } : {}),
  });
};

// ---------------------------------------------------------------------------------------------
// One issue

export const getIssue: Handler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
  ctx.charge({ issues: 1 });
  const selection = selectFields(ctx.store, listParam(ctx.query, 'fields'), 'all');
  return ok(ctx.render.issue(issue, { ...selection, keyRequested: true }, expandSet(ctx.query.get('expand')), ctx.principal));
};

function availableTransitions(ctx: RouteContext, issue: DatasetIssue) {
  if (!ctx.store.can(ctx.principal, 'TRANSITION_ISSUES', projectOf(ctx, issue))) return [];
  return ctx.render.transitions().filter((t) => (t.to as { id: string }).id !== issue.statusId);
}

export const getTransitions: Handler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
  return ok({ expand: 'transitions', transitions: availableTransitions(ctx, issue) });
};

const idOrName = z.looseObject({ id: z.string().optional(), name: z.string().optional() });

const transitionBody = z.looseObject({
  transition: z.looseObject({ id: z.string().optional(), name: z.string().optional() }).optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
  update: z.record(z.string(), z.unknown()).optional(),
  historyMetadata: z.unknown().optional(),
  properties: z.array(z.unknown()).optional(),
});

export const postTransition: Handler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
  const body = parseBody(transitionBody, ctx.body);
  const transitionId = body.transition?.id;
  if (!transitionId) throw badRequest("Missing 'transition' identifier");
  const transition = availableTransitions(ctx, issue).find((t) => t.id === transitionId);
  if (!transition) throw badRequest(`Transition id '${transitionId}' is not valid for this issue.`);
  const target = (transition.to as { id: string }).id;
  const done = ctx.store.categoryOf(target) === 'done';
  let resolutionId: string | null = null;
  for (const field of Object.keys(body.fields ?? {})) {
    if (field !== 'resolution' || !done) throw badRequest('', { [field]: `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.` });
  }
  if (done) {
    const requested = body.fields?.resolution as { id?: string; name?: string } | undefined;
    const resolutions = ctx.store.dataset.resolutions;
    const match = requested
      ? resolutions.find((r) => r.id === requested.id || (requested.name !== undefined && r.name.toLowerCase() === requested.name.toLowerCase()))
      : (resolutions.find((r) => r.name === 'Done') ?? resolutions[0]);
    if (!match) throw badRequest('', { resolution: 'The resolution is not valid.' });
    resolutionId = match.id;
  }
  const history = ctx.store.transition(issue, target, resolutionId, ctx.store.authorOf(ctx.principal));
  ctx.events.issue('avi:jira:updated:issue', issue, ctx.principal, history);
  return noContent();
};

// ---------------------------------------------------------------------------------------------
// Editing and creating issues

function cannotSet(field: string): HttpError {
  return badRequest('', { [field]: `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.` });
}

interface Ref {
  id?: string;
  name?: string;
  key?: string;
  value?: string;
  accountId?: string | null;
}

function asRef(value: unknown, field: string): Ref {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('', { [field]: `Field '${field}' expects an object with an id or a name.` });
  return value as Ref;
}

function asRefs(value: unknown, field: string): Ref[] {
  if (!Array.isArray(value)) throw badRequest('', { [field]: `Field '${field}' expects an array.` });
  return value.map((v) => asRef(v, field));
}

/** Field values from `fields` and `update` to a store patch. */
function issuePatch(ctx: RouteContext, project: DatasetProject, current: DatasetIssue | undefined, fields: Record<string, unknown>, update: Record<string, unknown>): IssuePatch {
  const { store } = ctx;
  const patch: IssuePatch = {};
  const versionId = (ref: Ref, field: string) => {
    const version = store.dataset.versions.find((v) => v.projectId === project.id && (v.id === ref.id || (ref.name !== undefined && v.name === ref.name)));
    if (!version) throw badRequest('', { [field]: `Version ${ref.id ? `id '${ref.id}'` : `name '${ref.name}'`} is not valid.` });
    return version.id;
  };
  const componentId = (ref: Ref) => {
    const component = project.components.find((c) => c.id === ref.id || c.name === ref.name);
    if (!component) throw badRequest('', { components: `Component ${ref.id ?? ref.name} is not valid.` });
    return component.id;
  };
  const multi: Record<string, { key: 'fixVersionIds' | 'affectsVersionIds' | 'componentIds' | 'labels'; resolve: (v: unknown) => string }> = {
    fixVersions: { key: 'fixVersionIds', resolve: (v) => versionId(asRef(v, 'fixVersions'), 'fixVersions') },
    versions: { key: 'affectsVersionIds', resolve: (v) => versionId(asRef(v, 'versions'), 'versions') },
    components: { key: 'componentIds', resolve: (v) => componentId(asRef(v, 'components')) },
    labels: {
      key: 'labels',
      resolve: (v) => {
        if (typeof v !== 'string' || /\s/.test(v) || v === '') throw badRequest('', { labels: 'Labels must be single words.' });
        return v;
      },
    },
  };
  const { storyPoints, flagged, releaseNotes, upgradeNotes } = store.dataset.customFields;
  for (const [field, value] of Object.entries(fields)) {
    if (field in multi) {
      const spec = multi[field] as (typeof multi)[string];
      if (!Array.isArray(value)) throw badRequest('', { [field]: `Field '${field}' expects an array.` });
      patch[spec.key] = value.map(spec.resolve);
    } else if (field === 'summary') {
      if (typeof value !== 'string' || value.trim() === '') throw badRequest('', { summary: 'You must specify a summary of the issue.' });
      patch.summary = value;
    } else if (field === 'priority') {
      const ref = asRef(value, 'priority');
      const priority = store.dataset.priorities.find((p) => p.id === ref.id || p.name === ref.name);
      if (!priority) throw badRequest('', { priority: 'The priority selected is invalid.' });
      patch.priorityId = priority.id;
    } else if (field === 'assignee') {
      if (value === null) patch.assigneeAccountId = null;
      else {
        const ref = asRef(value, 'assignee');
        const user = ref.accountId ? store.usersById.get(ref.accountId) : undefined;
        if (!user) throw badRequest('', { assignee: `User '${ref.accountId}' does not exist.` });
        patch.assigneeAccountId = user.accountId;
      }
    } else if (field === storyPoints) {
      if (value !== null && typeof value !== 'number') throw badRequest('', { [field]: 'Operation value must be a number' });
      patch.storyPoints = value;
    } else if (field === flagged) {
      const refs = value === null ? [] : asRefs(value, field);
      if (refs.some((r) => r.value !== 'Impediment' && r.id !== '10019')) throw badRequest('', { [field]: "Option value 'Impediment' is the only valid option." });
      patch.flagged = refs.length > 0;
    } else if (field === releaseNotes || field === upgradeNotes) {
      // REST v3 takes rich text as an ADF document, as Jira does; a plain string is refused.
      const text = value === null ? null : adfText(value);
      if (text === undefined) throw badRequest('', { [field]: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)' });
      patch[field === releaseNotes ? 'releaseNotes' : 'upgradeNotes'] = text === '' ? null : text;
    } else if (!['project', 'issuetype', 'parent'].includes(field) || current) {
      throw cannotSet(field);
    }
  }
  for (const [field, operations] of Object.entries(update)) {
    const spec = multi[field];
    if (!spec) throw cannotSet(field);
    let values = patch[spec.key] ?? (current ? [...(current[spec.key] as string[])] : []);
    for (const op of asRefs(operations, field) as Array<Record<string, unknown>>) {
      if ('set' in op) values = Array.isArray(op.set) ? op.set.map(spec.resolve) : [];
      if ('add' in op) {
        const id = spec.resolve(op.add);
        if (!values.includes(id)) values = [...values, id];
      }
      if ('remove' in op) {
        const id = spec.resolve(op.remove);
        values = values.filter((v) => v !== id);
      }
    }
    patch[spec.key] = values;
  }
  return patch;
}

const editBody = z.looseObject({
  fields: z.record(z.string(), z.unknown()).optional(),
  update: z.record(z.string(), z.unknown()).optional(),
  historyMetadata: z.unknown().optional(),
  properties: z.array(z.unknown()).optional(),
  transition: z.unknown().optional(),
});

export const editIssue: Handler = (ctx) => {
  const issue = visibleIssue(ctx, ctx.params.issueIdOrKey as string);
  const project = projectOf(ctx, issue);
  if (!ctx.store.can(ctx.principal, 'EDIT_ISSUES', project)) throw forbidden('You do not have permission to edit issues in this project.');
  const body = parseBody(editBody, ctx.body);
  const patch = issuePatch(ctx, project, issue, body.fields ?? {}, body.update ?? {});
  const history = ctx.store.edit(issue, patch, ctx.store.authorOf(ctx.principal));
  if (history) ctx.events.issue('avi:jira:updated:issue', issue, ctx.principal, history);
  return noContent();
};

const createBody = z.looseObject({
  fields: z.looseObject({
    project: idOrName.extend({ key: z.string().optional() }),
    issuetype: idOrName,
    summary: z.string().min(1),
    priority: idOrName.optional(),
    parent: z.looseObject({ id: z.string().optional(), key: z.string().optional() }).optional(),
  }),
  update: z.record(z.string(), z.unknown()).optional(),
});

export const createIssue: Handler = (ctx) => {
  const body = parseBody(createBody, ctx.body);
  const { store } = ctx;
  const ref = body.fields.project;
  const project = store.findProject(ref.id ?? ref.key ?? '');
  if (!project || !store.canBrowse(ctx.principal, project.id)) throw badRequest('', { project: 'valid project is required' });
  if (!store.can(ctx.principal, 'CREATE_ISSUES', project)) throw forbidden('You do not have permission to create issues in this project.');
  const typeRef = body.fields.issuetype;
  const type = store.dataset.issueTypes.find((t) => t.id === typeRef.id || (typeRef.name !== undefined && t.name.toLowerCase() === typeRef.name.toLowerCase()));
  if (!type) throw badRequest('', { issuetype: 'Specify a valid issue type' });
  let parentId: string | null = null;
  if (body.fields.parent) {
    const parent = store.findIssue(body.fields.parent.id ?? body.fields.parent.key ?? '');
    if (!parent || parent.projectId !== project.id) throw badRequest('', { parent: 'Could not find issue by id or key.' });
    parentId = parent.id;
  }
  if (type.subtask && !parentId) throw badRequest('', { parent: 'Given parent issue does not belong to appropriate hierarchy.' });
  const { project: _p, issuetype: _t, parent: _parent, summary, priority: _priority, ...rest } = body.fields;
  const patch = issuePatch(ctx, project, undefined, { ...rest, ...(body.fields.priority ? { priority: body.fields.priority } : {}) }, body.update ?? {});
  const defaultPriority = store.dataset.priorities.find((p) => p.name === 'Medium') ?? store.dataset.priorities[0];
  const issue = store.createIssue(
    { ...patch, projectId: project.id, issueTypeId: type.id, summary, priorityId: patch.priorityId ?? defaultPriority?.id ?? '3', parentId },
    store.authorOf(ctx.principal),
  );
  ctx.events.issue('avi:jira:created:issue', issue, ctx.principal);
  return ok({ id: issue.id, key: issue.key, self: ctx.render.url(`/rest/api/3/issue/${issue.id}`) }, 201);
};

// ---------------------------------------------------------------------------------------------
// Issue links

const linkBody = z.looseObject({
  type: z.looseObject({ id: z.string().optional(), name: z.string().optional() }),
  inwardIssue: z.looseObject({ id: z.string().optional(), key: z.string().optional() }),
  outwardIssue: z.looseObject({ id: z.string().optional(), key: z.string().optional() }),
  comment: z.unknown().optional(),
});

/**
 * `{type: Blocks, inwardIssue: A, outwardIssue: B}` records "A blocks B": A is the link's source
 * (its issuelinks show `outwardIssue: B`), B shows `inwardIssue: A` ("is blocked by").
 */
export const createIssueLink: Handler = (ctx) => {
  const body = parseBody(linkBody, ctx.body);
  const type = ctx.store.dataset.issueLinkTypes.find((t) => t.id === body.type.id || (body.type.name !== undefined && t.name.toLowerCase() === body.type.name.toLowerCase()));
  if (!type) throw notFound(`No issue link type with name '${body.type.name ?? body.type.id}' found.`);
  const source = visibleIssue(ctx, body.inwardIssue.id ?? body.inwardIssue.key ?? '');
  const destination = visibleIssue(ctx, body.outwardIssue.id ?? body.outwardIssue.key ?? '');
  if (source.id === destination.id) throw badRequest('You cannot link an issue to itself.');
  if (!ctx.store.can(ctx.principal, 'LINK_ISSUES', projectOf(ctx, source))) throw forbidden('You do not have the permission to link issues.');
  const before = ctx.store.dataset.issueLinks.length;
  const link = ctx.store.createLink(type.id, source, destination, ctx.store.authorOf(ctx.principal));
  if (ctx.store.dataset.issueLinks.length > before) ctx.events.issueLink(link, ctx.principal);
  return { status: 201 };
};

export const getIssueLink: Handler = (ctx) => {
  const link = ctx.store.dataset.issueLinks.find((l) => l.id === ctx.params.linkId);
  const source = link ? ctx.store.issuesById.get(link.sourceIssueId) : undefined;
  const destination = link ? ctx.store.issuesById.get(link.destinationIssueId) : undefined;
  if (!link || !source || !destination || !ctx.store.canBrowse(ctx.principal, source.projectId) || !ctx.store.canBrowse(ctx.principal, destination.projectId)) {
    throw notFound('No issue link with id exists.');
  }
  const type = ctx.store.linkTypesById.get(link.typeId);
  return ok({
    id: link.id,
    self: ctx.render.url(`/rest/api/3/issueLink/${link.id}`),
    type: { id: type?.id, name: type?.name, inward: type?.inward, outward: type?.outward, self: ctx.render.url(`/rest/api/3/issueLinkType/${link.typeId}`) },
    inwardIssue: ctx.render.linkedIssue(source),
    outwardIssue: ctx.render.linkedIssue(destination),
  });
};

/** The text of an ADF document (paragraphs as lines); undefined when `value` is not one. */
function adfText(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || (value as { type?: unknown }).type !== 'doc') return undefined;
  const lines: string[] = [];
  const walk = (node: unknown, line: string[]): void => {
    if (typeof node !== 'object' || node === null) return;
    const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
    if (type === 'text' && typeof text === 'string') line.push(text);
    if (Array.isArray(content)) {
      if (type === 'paragraph' || type === 'heading') {
        const own: string[] = [];
        for (const child of content) walk(child, own);
        if (own.join('').trim()) lines.push(own.join('').trim());
      } else {
        for (const child of content) walk(child, line);
      }
    }
  };
  walk(value, []);
  return lines.join('\n');
}
