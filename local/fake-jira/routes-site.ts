/** Site routes: users, permissions, projects, versions, and the catalogues (fields, statuses, link types). */
import { z } from 'zod';
import type { DatasetProject, DatasetVersion, PermissionKey } from './dataset';
import { HttpError, badRequest, expandSet, forbidden, intParam, listParam, noContent, notFound, ok, parseBody, type Handler, type RouteContext } from './http';
import { fieldCatalog, groupIdOf } from './render';
import { PROJECT_PERMISSIONS } from './store';
import { formatJiraTime, parseDay } from './time';

// ---------------------------------------------------------------------------------------------
// Users

export const myself: Handler = (ctx) => {
  const user = ctx.principal.user;
  if (!user) throw notFound('The app has no user on this site.');
  ctx.charge({ users: 1 });
  return ok(ctx.render.user(user, expandSet(ctx.query.get('expand'))));
};

export const getUser: Handler = (ctx) => {
  const accountId = ctx.query.get('accountId');
  if (!accountId) throw badRequest('The accountId query parameter needs to be provided.');
  const user = ctx.store.usersById.get(accountId);
  if (!user) throw notFound('Specified user does not exist or you do not have required permissions');
  ctx.charge({ users: 1 });
  return ok(ctx.render.user(user));
};

export const searchUsers: Handler = (ctx) => {
  const startAt = intParam(ctx.query, 'startAt', 0);
  const maxResults = intParam(ctx.query, 'maxResults', 50, { max: 1000 });
  const users = ctx.store.dataset.users.slice(startAt, startAt + maxResults);
  ctx.charge({ users: users.length });
  return ok(users.map((u) => ctx.render.user(u)));
};

/** `GET /user/search?query=`: active people whose display name or e-mail starts with the text (any word). */
export const findUsers: Handler = (ctx) => {
  const text = (ctx.query.get('query') ?? '').trim().toLowerCase();
  const accountId = ctx.query.get('accountId');
  if (!text && !accountId) throw badRequest('One of the query parameters query, username or accountId is required.');
  const startAt = intParam(ctx.query, 'startAt', 0);
  const maxResults = intParam(ctx.query, 'maxResults', 50, { max: 1000 });
  const matches = ctx.store.dataset.users.filter(
    (u) =>
      u.active &&
      (accountId
        ? u.accountId === accountId
        : u.displayName.toLowerCase().split(/\s+/).some((word) => word.startsWith(text)) || u.displayName.toLowerCase().startsWith(text) || (u.emailAddress ?? '').toLowerCase().startsWith(text)),
  );
  const users = matches.slice(startAt, startAt + maxResults);
  ctx.charge({ users: users.length });
  return ok(users.map((u) => ctx.render.user(u)));
};

/** `GET /user/bulk?accountId=a&accountId=b`: a page of the named accounts (unknown ones left out). */
export const bulkUsers: Handler = (ctx) => {
  const ids = listParam(ctx.query, 'accountId');
  if (!ids || ids.length === 0) throw badRequest('The accountId query parameter needs to be provided.');
  const startAt = intParam(ctx.query, 'startAt', 0);
  const maxResults = intParam(ctx.query, 'maxResults', 10, { max: 200 });
  const found = ids.map((id) => ctx.store.usersById.get(id)).filter((u): u is NonNullable<typeof u> => u !== undefined);
  const values = found.slice(startAt, startAt + maxResults);
  ctx.charge({ users: values.length });
  return ok({ self: ctx.render.url('/rest/api/3/user/bulk'), maxResults, startAt, total: found.length, isLast: startAt + values.length >= found.length, values: values.map((u) => ctx.render.user(u)) });
};

/**
 * `GET /groups/picker?query=`: groups whose name contains the text (Jira's group picker), with the
 * name's match in bold as `html`, and Jira's "Showing n of m matching groups" header.
 */
export const pickGroups: Handler = (ctx) => {
  const text = (ctx.query.get('query') ?? '').trim();
  const caseInsensitive = ctx.query.get('caseInsensitive') === 'true';
  const maxResults = intParam(ctx.query, 'maxResults', 20, { max: 1000 });
  const excluded = new Set(listParam(ctx.query, 'exclude') ?? []);
  const names = [...new Set(ctx.store.dataset.users.flatMap((u) => u.groups))].filter((name) => !excluded.has(name)).sort();
  const fold = (value: string) => (caseInsensitive ? value.toLowerCase() : value);
  const matches = names.filter((name) => fold(name).includes(fold(text)));
  const shown = matches.slice(0, maxResults);
  const html = (name: string) => {
    const at = fold(name).indexOf(fold(text));
    return text ? `${escapeHtml(name.slice(0, at))}<b>${escapeHtml(name.slice(at, at + text.length))}</b>${escapeHtml(name.slice(at + text.length))}` : escapeHtml(name);
  };
  return ok({
    header: `Showing ${shown.length} of ${matches.length} matching groups`,
    total: matches.length,
    groups: shown.map((name) => ({ name, groupId: groupIdOf(name), html: html(name) })),
  });
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ---------------------------------------------------------------------------------------------
// Permissions

const PERMISSION_INFO: Record<string, { id: string; name: string; type: 'GLOBAL' | 'PROJECT'; description: string }> = {
  ADMINISTER: { id: '0', name: 'Administer Jira', type: 'GLOBAL', description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.' },
  USER_PICKER: { id: '27', name: 'Browse users and groups', type: 'GLOBAL', description: 'View and select users or groups from the user picker.' },
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.' },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', type: 'PROJECT', description: 'Ability to administer a project in Jira.' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  ASSIGN_ISSUES: { id: '13', name: 'Assign Issues', type: 'PROJECT', description: 'Ability to assign issues to other people.' },
  RESOLVE_ISSUES: { id: '14', name: 'Resolve Issues', type: 'PROJECT', description: 'Ability to resolve and reopen issues.' },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.' },
  CLOSE_ISSUES: { id: '18', name: 'Close Issues', type: 'PROJECT', description: 'Ability to close issues.' },
  WORK_ON_ISSUES: { id: '20', name: 'Work On Issues', type: 'PROJECT', description: 'Ability to log work done against an issue.' },
  LINK_ISSUES: { id: '21', name: 'Link Issues', type: 'PROJECT', description: 'Ability to link issues together.' },
  SCHEDULE_ISSUES: { id: '28', name: 'Schedule Issues', type: 'PROJECT', description: 'Ability to set or edit an issue\'s due date.' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', type: 'PROJECT', description: 'Ability to delete issues.' },
  MOVE_ISSUES: { id: '25', name: 'Move Issues', type: 'PROJECT', description: 'Ability to move issues between projects.' },
  MANAGE_SPRINTS_PERMISSION: { id: '-1', name: 'Manage sprints', type: 'PROJECT', description: 'Ability to manage sprints.' },
  VIEW_DEV_TOOLS: { id: '29', name: 'View Development Tools', type: 'PROJECT', description: 'Allows users to view development-related information.' },
  SYSTEM_ADMIN: { id: '44', name: 'Jira System Administrators', type: 'GLOBAL', description: 'Ability to perform all administration functions.' },
  BULK_CHANGE: { id: '33', name: 'Make bulk changes', type: 'GLOBAL', description: 'Modify collections of issues at once.' },
};

export const myPermissions: Handler = (ctx) => {
  const keys = listParam(ctx.query, 'permissions');
  if (!keys || keys.length === 0) throw badRequest('The permissions parameter is required.');
  const unknown = keys.filter((k) => !PERMISSION_INFO[k]);
  if (unknown.length) throw badRequest(`Unrecognized permission keys: [${unknown.join(', ')}]`);
  let project: DatasetProject | undefined;
  // The spec: projectKey is ignored when projectId is given, issueKey when issueId is.
  const projectKey = ctx.query.get('projectId') ?? ctx.query.get('projectKey');
  const issueKey = ctx.query.get('issueId') ?? ctx.query.get('issueKey');
  if (projectKey) {
    // A project the caller may not browse is "not found" (404), as the spec says, not 200 with false.
    project = ctx.store.findProject(projectKey);
    if (!project || !ctx.store.canBrowse(ctx.principal, project.id)) throw notFound(`No project could be found with key '${projectKey}'.`);
  } else if (issueKey) {
    const issue = ctx.store.findIssue(issueKey);
    if (!issue || !ctx.store.canBrowse(ctx.principal, issue.projectId)) throw notFound(`Issue does not exist or you do not have permission to see it.`);
    project = ctx.store.projectsById.get(issue.projectId);
  }
  const projects = project ? [project] : ctx.store.dataset.projects;
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const info = PERMISSION_INFO[key] as (typeof PERMISSION_INFO)[string];
    const have =
      info.type === 'GLOBAL'
        ? ctx.store.hasGlobal(ctx.principal, key as PermissionKey)
        : PROJECT_PERMISSIONS.includes(key as PermissionKey) && projects.some((p) => ctx.store.can(ctx.principal, key as PermissionKey, p));
    permissions[key] = { id: info.id, key, name: info.name, type: info.type, description: info.description, havePermission: have };
  }
  return ok({ permissions });
};

// ---------------------------------------------------------------------------------------------
// Projects

function visibleProject(ctx: RouteContext, idOrKey: string): DatasetProject {
  const project = ctx.store.findProject(idOrKey);
  if (!project || !ctx.store.canBrowse(ctx.principal, project.id)) throw notFound(`No project could be found with key '${idOrKey}'.`);
  return project;
}

export const searchProjects: Handler = (ctx) => {
  const { store, query } = ctx;
  const startAt = intParam(query, 'startAt', 0);
  const maxResults = intParam(query, 'maxResults', 50, { max: 100 });
  const keys = listParam(query, 'keys')?.map((k) => k.toUpperCase());
  const ids = listParam(query, 'id');
  const text = query.get('query')?.toLowerCase();
  const action = query.get('action') ?? 'view';
  let projects = store.projectsInOrder().filter((p) =>
    action === 'edit' ? store.can(ctx.principal, 'ADMINISTER_PROJECTS', p) : store.canBrowse(ctx.principal, p.id),
  );
  if (keys) projects = projects.filter((p) => keys.includes(p.key));
  if (ids) projects = projects.filter((p) => ids.includes(p.id));
  if (text) projects = projects.filter((p) => p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text));
  const orderBy = query.get('orderBy') ?? 'key';
  const field = orderBy.replace(/^[+-]/, '');
  if (field !== 'key' && field !== 'name') throw badRequest(`Invalid orderBy value '${orderBy}'.`);
  projects.sort((a, b) => a[field].localeCompare(b[field]) * (orderBy.startsWith('-') ? -1 : 1));
  const values = projects.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= projects.length;
  const expand = expandSet(query.get('expand'));
  const self = ctx.render.url(`/rest/api/3/project/search?startAt=${startAt}&maxResults=${maxResults}`);
  return ok({
    self,
    ...(isLast ? {} : { nextPage: ctx.render.url(`/rest/api/3/project/search?startAt=${startAt + maxResults}&maxResults=${maxResults}`) }),
    maxResults,
    startAt,
    total: projects.length,
    isLast,
    values: values.map((p) => ctx.render.project(p, expand, false)),
  });
};

export const getProject: Handler = (ctx) => {
  const project = visibleProject(ctx, ctx.params.projectIdOrKey as string);
  return ok(ctx.render.project(project, expandSet(ctx.query.get('expand')), true));
};

// ---------------------------------------------------------------------------------------------
// Versions

const VERSION_ORDERS = ['description', 'name', 'releaseDate', 'sequence', 'startDate'] as const;

function compareVersions(field: (typeof VERSION_ORDERS)[number]) {
  return (a: DatasetVersion, b: DatasetVersion): number => {
    if (field === 'sequence') return a.sequence - b.sequence;
    const va = a[field];
    const vb = b[field];
    if (va === vb) return a.sequence - b.sequence;
    if (va === undefined) return 1; // no date (or description): last
    if (vb === undefined) return -1;
    return va.localeCompare(vb, 'en', { numeric: true }) || a.sequence - b.sequence;
  };
}

export const projectVersionsPage: Handler = (ctx) => {
  const project = visibleProject(ctx, ctx.params.projectIdOrKey as string);
  const { query } = ctx;
  const startAt = intParam(query, 'startAt', 0);
  const maxResults = intParam(query, 'maxResults', 50, { min: 1 });
  const statuses = listParam(query, 'status')?.map((s) => s.toLowerCase());
  if (statuses?.some((s) => !['released', 'unreleased', 'archived'].includes(s))) throw badRequest(`Invalid status value. Valid values are released, unreleased and archived.`);
  const text = query.get('query')?.toLowerCase();
  const orderBy = query.get('orderBy') ?? 'sequence';
  const field = orderBy.replace(/^[+-]/, '') as (typeof VERSION_ORDERS)[number];
  if (!VERSION_ORDERS.includes(field)) throw badRequest(`Invalid orderBy value '${orderBy}'. Valid values are ${VERSION_ORDERS.join(', ')}.`);
  let versions = [...(ctx.store.versionsByProject.get(project.id) ?? [])];
  if (statuses) {
    versions = versions.filter((v) => {
      const status = v.archived ? 'archived' : v.released ? 'released' : 'unreleased';
      return statuses.includes(status);
    });
  }
  if (text) versions = versions.filter((v) => v.name.toLowerCase().includes(text) || (v.description ?? '').toLowerCase().includes(text));
  versions.sort(compareVersions(field));
  if (orderBy.startsWith('-')) versions.reverse();
  const values = versions.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= versions.length;
  const expand = expandSet(query.get('expand'));
  const base = `/rest/api/3/project/${project.key}/version`;
  return ok({
    self: ctx.render.url(`${base}?startAt=${startAt}&maxResults=${maxResults}`),
    ...(isLast ? {} : { nextPage: ctx.render.url(`${base}?startAt=${startAt + maxResults}&maxResults=${maxResults}`) }),
    maxResults,
    startAt,
    total: versions.length,
    isLast,
    values: values.map((v) => ctx.render.version(v, expand)),
  });
};

/**
 * The project's issue security scheme (`SecurityScheme`). Jira does not document its answer for a
 * project without one; the fake answers 204 No Content (the app treats anything but an explicit
 * "none" as secured).
 */
export const projectIssueSecurityScheme: Handler = (ctx) => {
  const project = visibleProject(ctx, ctx.params.projectKeyOrId as string);
  if (!canAdminister(ctx, project)) throw forbidden('You do not have the permission to see the issue security scheme of this project.');
  const scheme = project.issueSecurityScheme;
  if (!scheme) return noContent();
  return ok({
    self: ctx.render.url(`/rest/api/3/issuesecurityschemes/${scheme.id}`),
    id: Number(scheme.id),
    name: scheme.name,
    description: '',
    ...(scheme.levels[0] ? { defaultSecurityLevelId: Number(scheme.levels[0].id) } : {}),
    levels: scheme.levels.map((l) => ({ self: ctx.render.url(`/rest/api/3/securitylevel/${l.id}`), id: l.id, name: l.name, description: l.description })),
  });
};

export const projectVersionsAll: Handler = (ctx) => {
  const project = visibleProject(ctx, ctx.params.projectIdOrKey as string);
  const expand = expandSet(ctx.query.get('expand'));
  return ok((ctx.store.versionsByProject.get(project.id) ?? []).map((v) => ctx.render.version(v, expand)));
};

function visibleVersion(ctx: RouteContext, id: string): DatasetVersion {
  const version = ctx.store.versionsById.get(id);
  if (!version || !ctx.store.canBrowse(ctx.principal, version.projectId)) throw notFound(`Could not find version for id '${id}'`);
  return version;
}

export const getVersion: Handler = (ctx) => ok(ctx.render.version(visibleVersion(ctx, ctx.params.id as string), expandSet(ctx.query.get('expand'))));

const dateField = z.string().nullable().optional();
const VERSION_PROPERTIES = [
  'approvers',
  'archived',
  'description',
  'driver',
  'expand',
  'id',
  'issuesStatusForFixVersion',
  'moveUnfixedIssuesTo',
  'name',
  'operations',
  'overdue',
  'project',
  'projectId',
  'releaseDate',
  'released',
  'self',
  'startDate',
  'userReleaseDate',
  'userStartDate',
];
const versionBody = z
  .looseObject({
    name: z.string().optional(),
    description: z.string().nullable().optional(),
    startDate: dateField,
    releaseDate: dateField,
    released: z.boolean().optional(),
    archived: z.boolean().optional(),
    moveUnfixedIssuesTo: z.string().optional(),
    projectId: z.number().int().optional(),
    project: z.string().optional(),
  })
  .superRefine((value, issueCtx) => {
    const extra = Object.keys(value).filter((k) => !VERSION_PROPERTIES.includes(k));
    if (extra.length) issueCtx.addIssue({ code: 'unrecognized_keys', keys: extra, input: value, message: 'unrecognized' });
  });

function canAdminister(ctx: RouteContext, project: DatasetProject): boolean {
  return ctx.store.can(ctx.principal, 'ADMINISTER_PROJECTS', project) || ctx.store.hasGlobal(ctx.principal, 'ADMINISTER');
}

function checkVersionFields(ctx: RouteContext, project: DatasetProject, self: DatasetVersion | undefined, body: z.infer<typeof versionBody>): void {
  const errors: Record<string, string> = {};
  for (const key of ['startDate', 'releaseDate'] as const) {
    const value = body[key];
    if (typeof value === 'string' && Number.isNaN(parseDay(value))) errors[key] = 'Invalid date format. Please enter the date in the format "yyyy-MM-dd".';
  }
  if (body.name !== undefined) {
    if (body.name.trim() === '') errors.name = 'You must specify a valid version name';
    else if (body.name.length > 255) errors.name = 'The version name must not exceed 255 characters.';
    else if ((ctx.store.versionsByProject.get(project.id) ?? []).some((v) => v !== self && v.name.toLowerCase() === body.name?.toLowerCase())) {
      errors.name = 'A version with this name already exists in this project.';
    }
  }
  const start = body.startDate === undefined ? self?.startDate : (body.startDate ?? undefined);
  const release = body.releaseDate === undefined ? self?.releaseDate : (body.releaseDate ?? undefined);
  if (!errors.startDate && !errors.releaseDate && start && release && start > release) errors.startDate = 'The start date must be before the release date.';
  if (Object.keys(errors).length) throw new HttpError(400, [], errors);
}

export const updateVersion: Handler = (ctx) => {
  const version = visibleVersion(ctx, ctx.params.id as string);
  const project = ctx.store.projectsById.get(version.projectId) as DatasetProject;
  if (!canAdminister(ctx, project)) throw forbidden('You must have global or project administrator rights in order to modify versions.');
  const body = parseBody(versionBody, ctx.body);
  checkVersionFields(ctx, project, version, body);
  let moveTo: DatasetVersion | undefined;
  if (body.moveUnfixedIssuesTo) {
    const id = body.moveUnfixedIssuesTo.replace(/\/+$/, '').split('/').pop() ?? '';
    moveTo = ctx.store.versionsById.get(id);
    if (!moveTo || moveTo.projectId !== version.projectId || moveTo === version) throw badRequest('', { moveUnfixedIssuesTo: 'The version to move unfixed issues to is not valid.' });
  }
  const wasReleased = version.released;
  ctx.store.updateVersion(version, {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.startDate !== undefined ? { startDate: body.startDate } : {}),
    ...(body.releaseDate !== undefined ? { releaseDate: body.releaseDate } : {}),
    ...(body.released !== undefined ? { released: body.released } : {}),
    ...(body.archived !== undefined ? { archived: body.archived } : {}),
  });
  if (moveTo) {
    const target = moveTo;
    for (const issue of [...(ctx.store.issuesByProject.get(version.projectId) ?? [])]) {
      if (issue.resolutionId !== null || !issue.fixVersionIds.includes(version.id)) continue;
      const next = issue.fixVersionIds.filter((id) => id !== version.id);
      if (!next.includes(target.id)) next.push(target.id);
      const history = ctx.store.edit(issue, { fixVersionIds: next }, ctx.store.authorOf(ctx.principal));
      if (history) ctx.events.issue('avi:jira:updated:issue', issue, ctx.principal, history);
    }
  }
  const eventType = !wasReleased && version.released ? 'avi:jira:released:version' : wasReleased && !version.released ? 'avi:jira:unreleased:version' : 'avi:jira:updated:version';
  ctx.events.version(eventType, version, ctx.principal);
  return ok(ctx.render.version(version, expandSet(body.expand as string | undefined)));
};

export const createVersion: Handler = (ctx) => {
  const body = parseBody(versionBody, ctx.body);
  const project = ctx.store.findProject(body.projectId !== undefined ? String(body.projectId) : (body.project ?? ''));
  if (!project || !ctx.store.canBrowse(ctx.principal, project.id)) throw notFound('Project does not exist or you do not have permission to see it.');
  if (!canAdminister(ctx, project)) throw forbidden('You must have global or project administrator rights in order to modify versions.');
  if (body.name === undefined) throw new HttpError(400, [], { name: 'You must specify a valid version name' });
  checkVersionFields(ctx, project, undefined, body);
  const version = ctx.store.createVersion({
    projectId: project.id,
    name: body.name,
    ...(body.description ? { description: body.description } : {}),
    ...(body.startDate ? { startDate: body.startDate } : {}),
    ...(body.releaseDate ? { releaseDate: body.releaseDate } : {}),
    released: body.released ?? false,
    archived: body.archived ?? false,
  });
  ctx.events.version('avi:jira:created:version', version, ctx.principal);
  return ok(ctx.render.version(version, new Set()), 201);
};

export const relatedIssueCounts: Handler = (ctx) => {
  const version = visibleVersion(ctx, ctx.params.id as string);
  let fixed = 0;
  let affected = 0;
  for (const issue of ctx.store.issuesByProject.get(version.projectId) ?? []) {
    if (issue.fixVersionIds.includes(version.id)) fixed++;
    if (issue.affectsVersionIds.includes(version.id)) affected++;
  }
  return ok({
    self: ctx.render.url(`/rest/api/3/version/${version.id}`),
    issuesFixedCount: fixed,
    issuesAffectedCount: affected,
    issueCountWithCustomFieldsShowingVersion: 0,
    customFieldUsage: [],
  });
};

export const unresolvedIssueCount: Handler = (ctx) => {
  const version = visibleVersion(ctx, ctx.params.id as string);
  let total = 0;
  let unresolved = 0;
  for (const issue of ctx.store.issuesByProject.get(version.projectId) ?? []) {
    if (!issue.fixVersionIds.includes(version.id)) continue;
    total++;
    if (issue.resolutionId === null) unresolved++;
  }
  return ok({ self: ctx.render.url(`/rest/api/3/version/${version.id}/unresolvedIssueCount`), issuesUnresolvedCount: unresolved, issuesCount: total });
};

// ---------------------------------------------------------------------------------------------
// Catalogues

export const issueLinkTypes: Handler = (ctx) =>
  ok({
    issueLinkTypes: ctx.store.dataset.issueLinkTypes.map((t) => ({ id: t.id, name: t.name, inward: t.inward, outward: t.outward, self: ctx.render.url(`/rest/api/3/issueLinkType/${t.id}`) })),
  });

export const fields: Handler = (ctx) =>
  ok(
    fieldCatalog(ctx.store).map((f) => ({
      id: f.id,
      key: f.id,
      name: f.name,
      custom: f.custom ?? false,
      orderable: f.orderable ?? false,
      navigable: f.navigable,
      searchable: true,
      clauseNames: f.clauseNames,
      schema: f.schema,
    })),
  );

export const statuses: Handler = (ctx) => ok(ctx.store.dataset.statuses.map((s) => ctx.render.status(s)));

export const serverInfo: Handler = (ctx) =>
  ok({
    baseUrl: ctx.render.url(''),
    displayUrl: ctx.render.url(''),
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100282,
    buildDate: '2026-01-01T00:00:00.000+0000',
    serverTime: formatJiraTime(ctx.now()),
    scmInfo: 'fake-jira',
    serverTitle: 'Jira (fake)',
    serverTimeZone: ctx.store.dataset.siteTimeZone ?? 'UTC',
  });
