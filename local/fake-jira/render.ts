/**
 * Dataset records to Jira REST v3 representations (schemas in
 * shared/openapi/jira-platform-v3.json), including `fields` selection and `expand`.
 */
import type {
  DatasetChangeHistory,
  DatasetIssue,
  DatasetIssueType,
  DatasetNamed,
  DatasetProject,
  DatasetStatus,
  DatasetUser,
  DatasetVersion,
} from './dataset';
import type { JiraStore, Principal } from './store';
import { formatJiraTime, formatUserDate } from './time';

type Json = Record<string, unknown>;

export interface SystemField {
  id: string;
  name: string;
  navigable: boolean;
  schema: Json;
  clauseNames: string[];
  orderable?: boolean;
  custom?: boolean;
}

/** Every issue field the fake Jira returns. */
export function fieldCatalog(store: JiraStore): SystemField[] {
  const { storyPoints, flagged } = store.dataset.customFields;
  const cfNumber = (id: string) => Number(id.replace('customfield_', ''));
  return [
    { id: 'summary', name: 'Summary', navigable: true, orderable: true, schema: { type: 'string', system: 'summary' }, clauseNames: ['summary'] },
    { id: 'status', name: 'Status', navigable: true, schema: { type: 'status', system: 'status' }, clauseNames: ['status'] },
    { id: 'issuetype', name: 'Issue Type', navigable: true, orderable: true, schema: { type: 'issuetype', system: 'issuetype' }, clauseNames: ['issuetype', 'type'] },
    { id: 'project', name: 'Project', navigable: true, orderable: false, schema: { type: 'project', system: 'project' }, clauseNames: ['project'] },
    { id: 'priority', name: 'Priority', navigable: true, orderable: true, schema: { type: 'priority', system: 'priority' }, clauseNames: ['priority'] },
    { id: 'resolution', name: 'Resolution', navigable: true, orderable: true, schema: { type: 'resolution', system: 'resolution' }, clauseNames: ['resolution'] },
    { id: 'labels', name: 'Labels', navigable: true, orderable: true, schema: { type: 'array', items: 'string', system: 'labels' }, clauseNames: ['labels'] },
    { id: 'components', name: 'Components', navigable: true, orderable: true, schema: { type: 'array', items: 'component', system: 'components' }, clauseNames: ['component'] },
    { id: 'fixVersions', name: 'Fix versions', navigable: true, orderable: true, schema: { type: 'array', items: 'version', system: 'fixVersions' }, clauseNames: ['fixVersion'] },
    { id: 'versions', name: 'Affects versions', navigable: true, orderable: true, schema: { type: 'array', items: 'version', system: 'versions' }, clauseNames: ['affectedVersion'] },
    { id: 'parent', name: 'Parent', navigable: true, orderable: true, schema: { type: 'issuelink', system: 'parent' }, clauseNames: ['parent'] },
    { id: 'issuelinks', name: 'Linked Issues', navigable: true, orderable: true, schema: { type: 'array', items: 'issuelinks', system: 'issuelinks' }, clauseNames: ['issueLink'] },
    { id: 'subtasks', name: 'Sub-tasks', navigable: true, orderable: false, schema: { type: 'array', items: 'issuelinks', system: 'subtasks' }, clauseNames: ['subtasks'] },
    { id: 'assignee', name: 'Assignee', navigable: true, orderable: true, schema: { type: 'user', system: 'assignee' }, clauseNames: ['assignee'] },
    { id: 'reporter', name: 'Reporter', navigable: true, orderable: true, schema: { type: 'user', system: 'reporter' }, clauseNames: ['reporter'] },
    { id: 'creator', name: 'Creator', navigable: true, orderable: false, schema: { type: 'user', system: 'creator' }, clauseNames: ['creator'] },
    { id: 'created', name: 'Created', navigable: true, orderable: false, schema: { type: 'datetime', system: 'created' }, clauseNames: ['created', 'createdDate'] },
    { id: 'updated', name: 'Updated', navigable: true, orderable: false, schema: { type: 'datetime', system: 'updated' }, clauseNames: ['updated', 'updatedDate'] },
    { id: 'resolutiondate', name: 'Resolved', navigable: true, orderable: false, schema: { type: 'datetime', system: 'resolutiondate' }, clauseNames: ['resolutiondate', 'resolved'] },
    { id: 'statuscategorychangedate', name: 'Status Category Changed', navigable: true, orderable: false, schema: { type: 'datetime', system: 'statuscategorychangedate' }, clauseNames: ['statusCategoryChangedDate'] },
    { id: 'description', name: 'Description', navigable: false, orderable: true, schema: { type: 'string', system: 'description' }, clauseNames: ['description'] },
    {
      id: storyPoints,
      name: 'Story point estimate',
      navigable: true,
      orderable: true,
      custom: true,
      schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: cfNumber(storyPoints) },
      clauseNames: [`cf[${cfNumber(storyPoints)}]`, 'Story point estimate'],
    },
    {
      id: flagged,
      name: 'Flagged',
      navigable: true,
      orderable: true,
      custom: true,
      schema: { type: 'array', items: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes', customId: cfNumber(flagged) },
      clauseNames: [`cf[${cfNumber(flagged)}]`, 'Flagged'],
    },
    ...textAreaFields(store).map(({ id, name }) => ({
      id,
      name,
      navigable: true,
      orderable: true,
      custom: true,
      schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea', customId: cfNumber(id) },
      clauseNames: [`cf[${cfNumber(id)}]`, name],
    })),
  ];
}

/** The multi-line text custom fields of the dataset (release and upgrade notes), when it has them. */
export function textAreaFields(store: JiraStore): Array<{ id: string; name: string; value: (issue: DatasetIssue) => string | null }> {
  const { releaseNotes, upgradeNotes } = store.dataset.customFields;
  return [
    ...(releaseNotes ? [{ id: releaseNotes, name: 'Release notes', value: (issue: DatasetIssue) => issue.releaseNotes ?? null }] : []),
    ...(upgradeNotes ? [{ id: upgradeNotes, name: 'Upgrade notes', value: (issue: DatasetIssue) => issue.upgradeNotes ?? null }] : []),
  ];
}

/** Plain text as Jira REST v3 returns a multi-line text field: an ADF document, one paragraph per line. */
export function textToAdf(text: string): Json {
  const lines = text.split(/\n+/).map((line) => line.trim()).filter(Boolean);
  return {
    type: 'doc',
    version: 1,
    content: lines.map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}

/** Which fields to return, following Jira's `fields` rules (`*all`, `*navigable`, `-x`, names). */
export interface FieldSelection {
  fields: Set<string>;
  /** Only `id` (and maybe `key`) were asked for. */
  idOnly: boolean;
  keyRequested: boolean;
}

export function selectFields(store: JiraStore, requested: string[] | undefined, defaultMode: 'all' | 'navigable' | 'id'): FieldSelection {
  const catalog = fieldCatalog(store);
  const byLower = new Map(catalog.map((f) => [f.id.toLowerCase(), f.id]));
  const tokens = (requested ?? []).flatMap((f) => f.split(',')).map((t) => t.trim()).filter(Boolean);
  const include = new Set<string>();
  const exclude = new Set<string>();
  let all = false;
  let navigable = false;
  let keyRequested = false;
  let explicit = false;
  for (const token of tokens) {
    if (token === '*all') all = true;
    else if (token === '*navigable') navigable = true;
    else if (token.startsWith('-')) {
      const id = byLower.get(token.slice(1).toLowerCase());
      if (id) exclude.add(id);
    } else if (token.toLowerCase() === 'id') {
      explicit = true;
    } else if (token.toLowerCase() === 'key') {
      keyRequested = true;
      explicit = true;
    } else {
      explicit = true;
      const id = byLower.get(token.toLowerCase());
      if (id) include.add(id);
    }
  }
  const onlyExclusions = !all && !navigable && !explicit;
  if (tokens.length === 0 || onlyExclusions) {
    if (defaultMode === 'all') all = true;
    else if (defaultMode === 'navigable' || (defaultMode === 'id' && exclude.size > 0)) navigable = true;
  }
  for (const f of catalog) if (all || (navigable && f.navigable)) include.add(f.id);
  for (const id of exclude) include.delete(id);
  const idOnly = include.size === 0 && !all && !navigable;
  return { fields: include, idOnly, keyRequested: keyRequested || !idOnly };
}

export class Renderer {
  constructor(
    private readonly store: JiraStore,
    private readonly baseUrl: () => string,
  ) {}

  url(path: string): string {
    return `${this.baseUrl()}${path}`;
  }

  avatarUrls(kind: 'user' | 'project', id: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const size of [16, 24, 32, 48]) {
      out[`${size}x${size}`] = kind === 'user' ? this.url(`/secure/useravatar?size=${size}&ownerId=${encodeURIComponent(id)}`) : this.url(`/secure/projectavatar?size=${size}&pid=${id}`);
    }
    return out;
  }

  /** The `User` schema (myself, user, users/search); `groups` with `expand=groups`. */
  user(user: DatasetUser, expand: Set<string> = new Set()): Json {
    return {
      self: this.url(`/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`),
      accountId: user.accountId,
      accountType: user.accountType,
      ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
      avatarUrls: this.avatarUrls('user', user.accountId),
      displayName: user.displayName,
      active: user.active,
      timeZone: user.timeZone,
      locale: 'en_US',
      ...(expand.has('groups')
        ? {
            groups: {
              size: user.groups.length,
              items: user.groups.map((name) => ({ name, groupId: groupIdOf(name), self: this.url(`/rest/api/3/group?groupId=${groupIdOf(name)}`) })),
            },
          }
        : {}),
    };
  }

  /** The `UserDetails` schema (issue fields, changelog authors). */
  userDetails(accountId: string | null): Json | null {
    if (!accountId) return null;
    const user = this.store.usersById.get(accountId);
    if (!user) return { accountId, active: false, displayName: 'Former user', accountType: 'unknown' };
    return {
      self: this.url(`/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`),
      accountId: user.accountId,
      ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
      avatarUrls: this.avatarUrls('user', user.accountId),
      displayName: user.displayName,
      active: user.active,
      timeZone: user.timeZone,
      accountType: user.accountType,
    };
  }

  statusCategory(key: string): Json {
    const category = this.store.dataset.statusCategories.find((c) => c.key === key);
    return {
      self: this.url(`/rest/api/3/statuscategory/${category?.id ?? 1}`),
      id: category?.id ?? 1,
      key: category?.key ?? 'undefined',
      colorName: category?.colorName ?? 'medium-gray',
      name: category?.name ?? 'No Category',
    };
  }

  status(status: DatasetStatus): Json {
    return {
      self: this.url(`/rest/api/3/status/${status.id}`),
      description: status.description,
      iconUrl: this.url('/images/icons/statuses/generic.png'),
      name: status.name,
      id: status.id,
      statusCategory: this.statusCategory(status.categoryKey),
    };
  }

  issueType(type: DatasetIssueType): Json {
    return {
      self: this.url(`/rest/api/3/issuetype/${type.id}`),
      id: type.id,
      description: type.description,
      iconUrl: this.url(`/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.id}?size=medium`),
      name: type.name,
      subtask: type.subtask,
      avatarId: Number(type.id),
      hierarchyLevel: type.hierarchyLevel,
    };
  }

  priority(priority: DatasetNamed): Json {
    return { self: this.url(`/rest/api/3/priority/${priority.id}`), iconUrl: this.url(`/images/icons/priorities/${priority.name.toLowerCase()}.svg`), name: priority.name, id: priority.id };
  }

  resolution(resolution: DatasetNamed): Json {
    return { self: this.url(`/rest/api/3/resolution/${resolution.id}`), id: resolution.id, name: resolution.name };
  }

  projectDetails(project: DatasetProject): Json {
    return {
      self: this.url(`/rest/api/3/project/${project.id}`),
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: 'software',
      simplified: false,
      avatarUrls: this.avatarUrls('project', project.id),
    };
  }

  /** The `Project` schema; `full` for GET /project/{key}, the shorter list form otherwise. */
  project(project: DatasetProject, expand: Set<string>, full: boolean): Json {
    const issues = this.store.issuesByProject.get(project.id) ?? [];
    const lead = this.store.usersById.get(project.leadAccountId);
    return {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      self: this.url(`/rest/api/3/project/${project.id}`),
      id: project.id,
      key: project.key,
      ...(full || expand.has('description') ? { description: project.description } : {}),
      ...((full || expand.has('lead')) && lead ? { lead: this.user(lead) } : {}),
      ...(full
        ? {
            components: project.components.map((c) => ({
              self: this.url(`/rest/api/3/component/${c.id}`),
              id: c.id,
              name: c.name,
              project: project.key,
              projectId: Number(project.id),
              assigneeType: 'PROJECT_DEFAULT',
              realAssigneeType: 'PROJECT_DEFAULT',
              isAssigneeTypeValid: false,
            })),
          }
        : {}),
      ...(full || expand.has('issuetypes') ? { issueTypes: this.store.dataset.issueTypes.map((t) => this.issueType(t)) } : {}),
      ...(full ? { assigneeType: 'UNASSIGNED', versions: (this.store.versionsByProject.get(project.id) ?? []).map((v) => this.version(v, new Set())), roles: {} } : {}),
      name: project.name,
      avatarUrls: this.avatarUrls('project', project.id),
      projectTypeKey: 'software',
      simplified: false,
      style: 'classic',
      isPrivate: false,
      properties: {},
      ...(expand.has('insight')
        ? {
            insight: {
              totalIssueCount: issues.length,
              ...(issues.length ? { lastIssueUpdateTime: formatJiraTime(Math.max(...issues.map((i) => this.store.metaOf(i).updated))) } : {}),
            },
          }
        : {}),
    };
  }

  /** The `Version` schema. */
  version(version: DatasetVersion, expand: Set<string>): Json {
    const out: Json = {
      self: this.url(`/rest/api/3/version/${version.id}`),
      id: version.id,
      ...(version.description !== undefined ? { description: version.description } : {}),
      name: version.name,
      archived: version.archived,
      released: version.released,
      ...(version.startDate ? { startDate: version.startDate } : {}),
      ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}),
      ...(version.releaseDate ? { overdue: this.store.isOverdue(version) } : {}),
      ...(version.startDate ? { userStartDate: formatUserDate(version.startDate) } : {}),
      ...(version.releaseDate ? { userReleaseDate: formatUserDate(version.releaseDate) } : {}),
      projectId: Number(version.projectId),
    };
    if (expand.has('issuesstatus')) {
      const counts = { unmapped: 0, toDo: 0, inProgress: 0, done: 0 };
      for (const issue of this.store.issuesByProject.get(version.projectId) ?? []) {
        if (!issue.fixVersionIds.includes(version.id)) continue;
        const category = this.store.categoryOf(issue.statusId);
        if (category === 'new') counts.toDo++;
        else if (category === 'indeterminate') counts.inProgress++;
        else counts.done++;
      }
      out.issuesStatusForFixVersion = counts;
    }
    if (expand.has('operations')) out.operations = [];
    if (expand.has('approvers')) out.approvers = [];
    return out;
  }

  /** A version as it appears inside issue fields. */
  private versionRef(id: string): Json {
    const version = this.store.versionsById.get(id);
    if (!version) return { id, name: id, archived: false, released: false };
    return {
      self: this.url(`/rest/api/3/version/${version.id}`),
      id: version.id,
      ...(version.description !== undefined ? { description: version.description } : {}),
      name: version.name,
      archived: version.archived,
      released: version.released,
      ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}),
    };
  }

  linkedIssue(issue: DatasetIssue): Json {
    const status = this.store.statusesById.get(issue.statusId);
    const type = this.store.issueTypesById.get(issue.issueTypeId);
    const priority = this.store.prioritiesById.get(issue.priorityId);
    return {
      id: issue.id,
      key: issue.key,
      self: this.url(`/rest/api/3/issue/${issue.id}`),
      fields: {
        summary: issue.summary,
        ...(status ? { status: this.status(status) } : {}),
        ...(priority ? { priority: this.priority(priority) } : {}),
        ...(type ? { issuetype: this.issueType(type) } : {}),
      },
    };
  }

  statusCategoryChangeDate(issue: DatasetIssue): string {
    for (let i = issue.changelog.length - 1; i >= 0; i--) {
      const history = issue.changelog[i] as DatasetChangeHistory;
      const moved = history.items.some((item) => item.fieldId === 'status' && item.from !== null && item.to !== null && this.store.categoryOf(item.from) !== this.store.categoryOf(item.to));
      if (moved) return history.created;
    }
    return issue.created;
  }

  /** One field's value, or undefined when the field is unknown. */
  fieldValue(issue: DatasetIssue, field: string, principal: Principal): unknown {
    const { store } = this;
    switch (field) {
      case 'summary':
        return issue.summary;
      case 'status': {
        const status = store.statusesById.get(issue.statusId);
        return status ? this.status(status) : null;
      }
      case 'issuetype': {
        const type = store.issueTypesById.get(issue.issueTypeId);
        return type ? this.issueType(type) : null;
      }
      case 'project': {
        const project = store.projectsById.get(issue.projectId);
        return project ? this.projectDetails(project) : null;
      }
      case 'priority': {
        const priority = store.prioritiesById.get(issue.priorityId);
        return priority ? this.priority(priority) : null;
      }
      case 'resolution': {
        const resolution = issue.resolutionId ? store.resolutionsById.get(issue.resolutionId) : undefined;
        return resolution ? this.resolution(resolution) : null;
      }
      case 'labels':
        return [...issue.labels];
      case 'components':
        return issue.componentIds.map((id) => ({ self: this.url(`/rest/api/3/component/${id}`), id, name: store.componentsById.get(id)?.name ?? id }));
      case 'fixVersions':
        return issue.fixVersionIds.map((id) => this.versionRef(id));
      case 'versions':
        return issue.affectsVersionIds.map((id) => this.versionRef(id));
      case 'parent': {
        const parent = issue.parentId ? store.issuesById.get(issue.parentId) : undefined;
        return parent && store.canBrowse(principal, parent.projectId) ? this.linkedIssue(parent) : undefined;
      }
      case 'issuelinks':
        return store.linksOf(issue.id).flatMap((link) => {
          const outgoing = link.sourceIssueId === issue.id;
          const other = store.issuesById.get(outgoing ? link.destinationIssueId : link.sourceIssueId);
          const type = store.linkTypesById.get(link.typeId);
          if (!other || !type || !store.canBrowse(principal, other.projectId)) return [];
          return [
            {
              id: link.id,
              self: this.url(`/rest/api/3/issueLink/${link.id}`),
              type: { id: type.id, name: type.name, inward: type.inward, outward: type.outward, self: this.url(`/rest/api/3/issueLinkType/${type.id}`) },
              [outgoing ? 'outwardIssue' : 'inwardIssue']: this.linkedIssue(other),
            },
          ];
        });
      case 'subtasks':
        return store.childrenOf(issue.id).map((child) => this.linkedIssue(child));
      case 'assignee':
        return this.userDetails(issue.assigneeAccountId);
      case 'reporter':
      case 'creator':
        return this.userDetails(issue.reporterAccountId);
      case 'created':
        return issue.created;
      case 'updated':
        return issue.updated;
      case 'resolutiondate':
        return issue.resolutiondate;
      case 'statuscategorychangedate':
        return this.statusCategoryChangeDate(issue);
      case 'description':
        return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: `${issue.summary}.` }] }] };
      default:
        if (field === store.dataset.customFields.storyPoints) return issue.storyPoints;
        if (field === store.dataset.customFields.flagged) {
          return issue.flagged ? [{ self: this.url('/rest/api/3/customFieldOption/10019'), value: 'Impediment', id: '10019' }] : null;
        }
        for (const text of textAreaFields(store)) {
          if (field === text.id) {
            const value = text.value(issue);
            return value ? textToAdf(value) : null;
          }
        }
        return undefined;
    }
  }

  history(history: DatasetChangeHistory, fieldIds?: Set<string>): Json {
    return {
      id: history.id,
      author: this.userDetails(history.authorAccountId) ?? undefined,
      created: history.created,
      items: history.items.filter((item) => !fieldIds || fieldIds.has(item.fieldId)).map((item) => ({ ...item })),
    };
  }

  transitions(): Json[] {
    return this.store.dataset.statuses.map((status, index) => ({
      id: transitionIdOf(index),
      name: status.name,
      to: this.status(status),
      hasScreen: false,
      isGlobal: true,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    }));
  }

  /** The `IssueBean` schema. */
  issue(issue: DatasetIssue, selection: FieldSelection, expand: Set<string>, principal: Principal): Json {
    if (selection.idOnly && !selection.keyRequested && expand.size === 0) return { id: issue.id };
    const fields: Json = {};
    for (const field of selection.fields) {
      const value = this.fieldValue(issue, field, principal);
      if (value !== undefined) fields[field] = value;
    }
    const out: Json = {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: this.url(`/rest/api/3/issue/${issue.id}`),
      key: issue.key,
      fields,
    };
    if (expand.has('names')) {
      const names: Record<string, string> = {};
      for (const f of fieldCatalog(this.store)) if (selection.fields.has(f.id)) names[f.id] = f.name;
      out.names = names;
    }
    if (expand.has('schema')) {
      const schema: Record<string, unknown> = {};
      for (const f of fieldCatalog(this.store)) if (selection.fields.has(f.id)) schema[f.id] = f.schema;
      out.schema = schema;
    }
    if (expand.has('transitions')) out.transitions = this.transitions().filter((t) => (t.to as Json).id !== issue.statusId);
    if (expand.has('changelog')) {
      const recent = [...issue.changelog].reverse().slice(0, MAX_EXPANDED_HISTORIES);
      out.changelog = { startAt: 0, maxResults: recent.length, total: issue.changelog.length, histories: recent.map((h) => this.history(h)) };
    }
    return out;
  }
}

/**
 * A group's id: Jira Cloud gives every group a UUID; here it is derived from the name (FNV-1a), so
 * the demo stays deterministic.
 */
export function groupIdOf(name: string): string {
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    let hash = 0x811c9dc5 ^ round;
    for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
    hex.push(hash.toString(16).padStart(8, '0'));
  }
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `expand=changelog` on issues returns at most this many histories, newest first (as Jira). */
export const MAX_EXPANDED_HISTORIES = 40;

export function transitionIdOf(statusIndex: number): string {
  return String((statusIndex + 1) * 10 + 1);
}
