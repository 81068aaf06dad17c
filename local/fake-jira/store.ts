/**
 * The live state behind the fake Jira: the dataset plus the indexes that make lookups and
 * searches fast, the permission rules, and every change the REST API can make (each one
 * appending to the issue's changelog as Jira does).
 */
import type {
  DatasetChangeHistory,
  DatasetChangeItem,
  DatasetComponent,
  DatasetIssue,
  DatasetIssueLink,
  DatasetIssueType,
  DatasetLinkType,
  DatasetNamed,
  DatasetProject,
  DatasetStatus,
  DatasetUser,
  DatasetVersion,
  JiraDataset,
  PermissionKey,
  StatusCategoryKey,
} from './dataset';
import { formatJiraTime, parseDay, parseJiraTime, startOfUtcDay } from './time';
import { PROJECT_PERMISSION_KEYS } from './dataset';

export type Principal = { kind: 'app'; user: DatasetUser | undefined } | { kind: 'user'; user: DatasetUser };

export const PROJECT_PERMISSIONS: PermissionKey[] = [...PROJECT_PERMISSION_KEYS];

/** Per-issue values derived once (parsed times, key number, position in key order). */
export interface IssueMeta {
  rank: number;
  number: number;
  created: number;
  updated: number;
  resolved: number | null;
}

const lower = (s: string) => s.toLowerCase();

function maxNumericId(ids: Iterable<string>, floor: number): number {
  let max = floor;
  for (const id of ids) {
    const n = Number(id);
    if (Number.isFinite(n) && n > max) max = n;
  }
  return max;
}

export class JiraStore {
  generation = 0;

  projectsById = new Map<string, DatasetProject>();
  projectsByKey = new Map<string, DatasetProject>();
  versionsById = new Map<string, DatasetVersion>();
  versionsByProject = new Map<string, DatasetVersion[]>();
  usersById = new Map<string, DatasetUser>();
  usersByEmail = new Map<string, DatasetUser>();
  issuesById = new Map<string, DatasetIssue>();
  issuesByKey = new Map<string, DatasetIssue>();
  /** In key order. */
  issuesByProject = new Map<string, DatasetIssue[]>();
  children = new Map<string, DatasetIssue[]>();
  linksByIssue = new Map<string, DatasetIssueLink[]>();
  statusesById = new Map<string, DatasetStatus>();
  issueTypesById = new Map<string, DatasetIssueType>();
  prioritiesById = new Map<string, DatasetNamed>();
  resolutionsById = new Map<string, DatasetNamed>();
  linkTypesById = new Map<string, DatasetLinkType>();
  componentsById = new Map<string, DatasetComponent & { projectId: string }>();
  private meta = new Map<DatasetIssue, IssueMeta>();
  private projectOrdinal = new Map<string, number>();
  private sizes = '';
  private nextIssueId = 0;
  private nextHistoryId = 0;
  private nextLinkId = 0;
  private nextVersionId = 0;

  constructor(
    readonly dataset: JiraDataset,
    readonly now: () => number,
  ) {
    this.reindex();
  }

  private sizeSignature(): string {
    const d = this.dataset;
    return `${d.issues.length}/${d.versions.length}/${d.projects.length}/${d.users.length}/${d.issueLinks.length}`;
  }

  /** Rebuilds the indexes when someone added or removed records in `dataset` directly. */
  refreshIfChanged(): void {
    if (this.sizeSignature() !== this.sizes) this.reindex();
  }

  reindex(): void {
    const d = this.dataset;
    this.projectsById = new Map(d.projects.map((p) => [p.id, p]));
    this.projectsByKey = new Map(d.projects.map((p) => [p.key.toUpperCase(), p]));
    this.versionsById = new Map(d.versions.map((v) => [v.id, v]));
    this.versionsByProject = new Map();
    for (const v of d.versions) this.listFor(this.versionsByProject, v.projectId).push(v);
    for (const list of this.versionsByProject.values()) list.sort((a, b) => a.sequence - b.sequence || Number(a.id) - Number(b.id));
    this.usersById = new Map(d.users.map((u) => [u.accountId, u]));
    this.usersByEmail = new Map(d.users.filter((u) => u.emailAddress).map((u) => [lower(u.emailAddress), u]));
    this.statusesById = new Map(d.statuses.map((s) => [s.id, s]));
    this.issueTypesById = new Map(d.issueTypes.map((t) => [t.id, t]));
    this.prioritiesById = new Map(d.priorities.map((p) => [p.id, p]));
    this.resolutionsById = new Map(d.resolutions.map((r) => [r.id, r]));
    this.linkTypesById = new Map(d.issueLinkTypes.map((t) => [t.id, t]));
    this.componentsById = new Map(d.projects.flatMap((p) => p.components.map((c) => [c.id, { ...c, projectId: p.id }] as const)));
    this.issuesById = new Map();
    this.issuesByKey = new Map();
    this.children = new Map();
    for (const issue of d.issues) {
      this.issuesById.set(issue.id, issue);
      this.issuesByKey.set(issue.key.toUpperCase(), issue);
      if (issue.parentId) this.listFor(this.children, issue.parentId).push(issue);
    }
    this.linksByIssue = new Map();
    for (const link of d.issueLinks) {
      this.listFor(this.linksByIssue, link.sourceIssueId).push(link);
      this.listFor(this.linksByIssue, link.destinationIssueId).push(link);
    }
    this.rebuildOrder();
    this.nextIssueId = maxNumericId(this.issuesById.keys(), 10000) + 1;
    this.nextHistoryId = maxNumericId(
      d.issues.flatMap((i) => i.changelog.map((h) => h.id)),
      10000,
    ) + 1;
    this.nextLinkId = maxNumericId(d.issueLinks.map((l) => l.id), 9999) + 1;
    this.nextVersionId = maxNumericId(this.versionsById.keys(), 9999) + 1;
    this.sizes = this.sizeSignature();
    this.generation++;
  }

  private listFor<T>(map: Map<string, T[]>, key: string): T[] {
    let list = map.get(key);
    if (!list) {
      list = [];
      map.set(key, list);
    }
    return list;
  }

  private static numberOf(key: string): number {
    return Number(key.slice(key.lastIndexOf('-') + 1));
  }

  /** Key order: projects by key, then issue number. */
  private rankOf(issue: DatasetIssue, number: number): number {
    return (this.projectOrdinal.get(issue.projectId) ?? this.projectOrdinal.size) * 1e9 + number;
  }

  private computeMeta(issue: DatasetIssue): IssueMeta {
    const number = JiraStore.numberOf(issue.key);
    return {
      rank: this.rankOf(issue, number),
      number,
      created: parseJiraTime(issue.created),
      updated: parseJiraTime(issue.updated),
      resolved: issue.resolutiondate ? parseJiraTime(issue.resolutiondate) : null,
    };
  }

  private rebuildOrder(): void {
    this.projectOrdinal = new Map(this.projectsInOrder().map((p, i) => [p.id, i]));
    this.issuesByProject = new Map();
    for (const issue of this.dataset.issues) this.listFor(this.issuesByProject, issue.projectId).push(issue);
    this.meta = new Map();
    for (const issue of this.dataset.issues) this.meta.set(issue, this.computeMeta(issue));
    for (const list of this.issuesByProject.values()) list.sort((a, b) => (this.meta.get(a) as IssueMeta).number - (this.meta.get(b) as IssueMeta).number);
  }

  metaOf(issue: DatasetIssue): IssueMeta {
    let meta = this.meta.get(issue);
    if (!meta) {
      meta = this.computeMeta(issue);
      this.meta.set(issue, meta);
    }
    return meta;
  }

  /** The projects in key order. */
  projectsInOrder(): DatasetProject[] {
    return [...this.dataset.projects].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  // -------------------------------------------------------------------------------------------
  // Lookups

  findProject(idOrKey: string): DatasetProject | undefined {
    return this.projectsById.get(idOrKey) ?? this.projectsByKey.get(idOrKey.toUpperCase());
  }

  findIssue(idOrKey: string): DatasetIssue | undefined {
    return this.issuesById.get(idOrKey) ?? this.issuesByKey.get(idOrKey.toUpperCase());
  }

  categoryOf(statusId: string): StatusCategoryKey {
    return this.statusesById.get(statusId)?.categoryKey ?? 'new';
  }

  linksOf(issueId: string): DatasetIssueLink[] {
    return this.linksByIssue.get(issueId) ?? [];
  }

  childrenOf(issueId: string): DatasetIssue[] {
    return this.children.get(issueId) ?? [];
  }

  /** Calendar "today" of the fake site (UTC). */
  today(): number {
    return startOfUtcDay(this.now());
  }

  isOverdue(version: DatasetVersion): boolean {
    if (version.released || !version.releaseDate) return false;
    return parseDay(version.releaseDate) < this.today();
  }

  // -------------------------------------------------------------------------------------------
  // Permissions

  permissionsIn(principal: Principal, project: DatasetProject): Set<PermissionKey> {
    if (principal.kind === 'app') return new Set(PROJECT_PERMISSIONS);
    const { projectPermissions } = principal.user;
    return new Set([...(projectPermissions['*'] ?? []), ...(projectPermissions[project.key] ?? [])]);
  }

  can(principal: Principal, permission: PermissionKey, project: DatasetProject): boolean {
    return this.permissionsIn(principal, project).has(permission);
  }

  canBrowse(principal: Principal, projectId: string): boolean {
    const project = this.projectsById.get(projectId);
    return project !== undefined && this.can(principal, 'BROWSE_PROJECTS', project);
  }

  hasGlobal(principal: Principal, permission: PermissionKey): boolean {
    if (principal.kind === 'app') return true;
    return principal.user.globalPermissions.includes(permission);
  }

  visibleProjects(principal: Principal): DatasetProject[] {
    return this.projectsInOrder().filter((p) => this.can(principal, 'BROWSE_PROJECTS', p));
  }

  authorOf(principal: Principal): string {
    return principal.user?.accountId ?? '';
  }

  // -------------------------------------------------------------------------------------------
  // Changes (each bumps `generation`, which invalidates cached searches)

  private appendHistory(issue: DatasetIssue, author: string, items: DatasetChangeItem[], at: number): DatasetChangeHistory {
    const history: DatasetChangeHistory = { id: String(this.nextHistoryId++), authorAccountId: author, created: formatJiraTime(at), items };
    issue.changelog.push(history);
    issue.updated = history.created;
    const meta = this.metaOf(issue);
    meta.updated = at;
    this.generation++;
    return history;
  }

  versionName(id: string): string {
    return this.versionsById.get(id)?.name ?? id;
  }

  transition(issue: DatasetIssue, toStatusId: string, resolutionId: string | null, author: string): DatasetChangeHistory {
    const at = this.now();
    const from = this.statusesById.get(issue.statusId);
    const to = this.statusesById.get(toStatusId);
    const items: DatasetChangeItem[] = [
      { field: 'status', fieldtype: 'jira', fieldId: 'status', from: issue.statusId, fromString: from?.name ?? null, to: toStatusId, toString: to?.name ?? null },
    ];
    const done = to?.categoryKey === 'done';
    const nextResolution = done ? (resolutionId ?? issue.resolutionId) : null;
    if (nextResolution !== issue.resolutionId) {
      items.push({
        field: 'resolution',
        fieldtype: 'jira',
        fieldId: 'resolution',
        from: issue.resolutionId,
        fromString: issue.resolutionId ? (this.resolutionsById.get(issue.resolutionId)?.name ?? null) : null,
        to: nextResolution,
        toString: nextResolution ? (this.resolutionsById.get(nextResolution)?.name ?? null) : null,
      });
      if (issue.resolutionId === null) issue.resolutiondate = formatJiraTime(at);
      if (nextResolution === null) issue.resolutiondate = null;
      issue.resolutionId = nextResolution;
      this.metaOf(issue).resolved = issue.resolutiondate ? parseJiraTime(issue.resolutiondate) : null;
    }
    issue.statusId = toStatusId;
    return this.appendHistory(issue, author, items, at);
  }

  /** Applies field edits and records them; null when nothing changed. */
  edit(issue: DatasetIssue, patch: IssuePatch, author: string): DatasetChangeHistory | null {
    const items: DatasetChangeItem[] = [];
    const jira = (field: string, fieldId: string, from: string | null, fromString: string | null, to: string | null, toString: string | null, fieldtype: 'jira' | 'custom' = 'jira') =>
      items.push({ field, fieldtype, fieldId, from, fromString, to, toString });
    if (patch.summary !== undefined && patch.summary !== issue.summary) {
      jira('summary', 'summary', null, issue.summary, null, patch.summary);
      issue.summary = patch.summary;
    }
    if (patch.priorityId !== undefined && patch.priorityId !== issue.priorityId) {
      jira('priority', 'priority', issue.priorityId, this.prioritiesById.get(issue.priorityId)?.name ?? null, patch.priorityId, this.prioritiesById.get(patch.priorityId)?.name ?? null);
      issue.priorityId = patch.priorityId;
    }
    if (patch.labels !== undefined && patch.labels.join(' ') !== issue.labels.join(' ')) {
      jira('labels', 'labels', null, issue.labels.join(' '), null, patch.labels.join(' '));
      issue.labels = [...patch.labels];
    }
    const multi = (field: string, fieldId: string, before: string[], after: string[] | undefined, name: (id: string) => string | null) => {
      if (after === undefined) return before;
      for (const id of before) if (!after.includes(id)) jira(field, fieldId, id, name(id), null, null);
      for (const id of after) if (!before.includes(id)) jira(field, fieldId, null, null, id, name(id));
      return [...after];
    };
    issue.fixVersionIds = multi('Fix Version', 'fixVersions', issue.fixVersionIds, patch.fixVersionIds, (id) => this.versionName(id));
    issue.affectsVersionIds = multi('Version', 'versions', issue.affectsVersionIds, patch.affectsVersionIds, (id) => this.versionName(id));
    issue.componentIds = multi('Component', 'components', issue.componentIds, patch.componentIds, (id) => this.componentsById.get(id)?.name ?? null);
    if (patch.storyPoints !== undefined && patch.storyPoints !== issue.storyPoints) {
      const s = (n: number | null) => (n === null ? null : String(n));
      jira('Story point estimate', this.dataset.customFields.storyPoints, s(issue.storyPoints), s(issue.storyPoints), s(patch.storyPoints), s(patch.storyPoints), 'custom');
      issue.storyPoints = patch.storyPoints;
    }
    if (patch.flagged !== undefined && patch.flagged !== issue.flagged) {
      if (patch.flagged) jira('Flagged', this.dataset.customFields.flagged, null, null, '[10019]', 'Impediment', 'custom');
      else jira('Flagged', this.dataset.customFields.flagged, '[10019]', 'Impediment', null, null, 'custom');
      issue.flagged = patch.flagged;
    }
    const text = (field: string, fieldId: string | undefined, key: 'releaseNotes' | 'upgradeNotes') => {
      const next = patch[key];
      if (next === undefined || !fieldId || next === (issue[key] ?? null)) return;
      jira(field, fieldId, null, issue[key] ?? null, null, next, 'custom');
      issue[key] = next;
    };
    text('Release notes', this.dataset.customFields.releaseNotes, 'releaseNotes');
    text('Upgrade notes', this.dataset.customFields.upgradeNotes, 'upgradeNotes');
    if (patch.assigneeAccountId !== undefined && patch.assigneeAccountId !== issue.assigneeAccountId) {
      const name = (id: string | null) => (id ? (this.usersById.get(id)?.displayName ?? null) : null);
      jira('assignee', 'assignee', issue.assigneeAccountId, name(issue.assigneeAccountId), patch.assigneeAccountId, name(patch.assigneeAccountId));
      issue.assigneeAccountId = patch.assigneeAccountId;
    }
    if (items.length === 0) return null;
    return this.appendHistory(issue, author, items, this.now());
  }

  createIssue(input: NewIssue, author: string): DatasetIssue {
    const project = this.projectsById.get(input.projectId) as DatasetProject;
    const siblings = this.issuesByProject.get(project.id) ?? [];
    const number = siblings.reduce((max, i) => Math.max(max, this.metaOf(i).number), 0) + 1;
    const now = formatJiraTime(this.now());
    const todo = this.dataset.statuses.find((s) => s.categoryKey === 'new') ?? (this.dataset.statuses[0] as DatasetStatus);
    const issue: DatasetIssue = {
      id: String(this.nextIssueId++),
      key: `${project.key}-${number}`,
      projectId: project.id,
      issueTypeId: input.issueTypeId,
      summary: input.summary,
      statusId: todo.id,
      resolutionId: null,
      priorityId: input.priorityId,
      labels: input.labels ?? [],
      componentIds: input.componentIds ?? [],
      fixVersionIds: input.fixVersionIds ?? [],
      affectsVersionIds: input.affectsVersionIds ?? [],
      parentId: input.parentId ?? null,
      storyPoints: input.storyPoints ?? null,
      flagged: input.flagged ?? false,
      ...(input.releaseNotes ? { releaseNotes: input.releaseNotes } : {}),
      ...(input.upgradeNotes ? { upgradeNotes: input.upgradeNotes } : {}),
      assigneeAccountId: input.assigneeAccountId ?? null,
      reporterAccountId: author,
      created: now,
      updated: now,
      resolutiondate: null,
      changelog: [],
    };
    this.dataset.issues.push(issue);
    this.issuesById.set(issue.id, issue);
    this.issuesByKey.set(issue.key.toUpperCase(), issue);
    this.listFor(this.issuesByProject, project.id).push(issue);
    if (issue.parentId) this.listFor(this.children, issue.parentId).push(issue);
    this.meta.set(issue, this.computeMeta(issue));
    this.sizes = this.sizeSignature();
    this.generation++;
    return issue;
  }

  createLink(typeId: string, source: DatasetIssue, destination: DatasetIssue, author: string): DatasetIssueLink {
    const existing = this.linksOf(source.id).find((l) => l.typeId === typeId && l.sourceIssueId === source.id && l.destinationIssueId === destination.id);
    if (existing) return existing;
    const type = this.linkTypesById.get(typeId) as DatasetLinkType;
    const link: DatasetIssueLink = { id: String(this.nextLinkId++), typeId, sourceIssueId: source.id, destinationIssueId: destination.id };
    this.dataset.issueLinks.push(link);
    this.listFor(this.linksByIssue, source.id).push(link);
    this.listFor(this.linksByIssue, destination.id).push(link);
    this.sizes = this.sizeSignature();
    const at = this.now();
    const note = (to: DatasetIssue, verb: string): DatasetChangeItem => ({ field: 'Link', fieldtype: 'jira', fieldId: 'issuelinks', from: null, fromString: null, to: to.key, toString: `This issue ${verb} ${to.key}` });
    this.appendHistory(source, author, [note(destination, type.outward)], at);
    this.appendHistory(destination, author, [note(source, type.inward)], at);
    return link;
  }

  updateVersion(version: DatasetVersion, patch: VersionPatch): void {
    for (const key of ['name', 'description', 'startDate', 'releaseDate'] as const) {
      const value = patch[key];
      if (value === undefined) continue;
      if (value === null) delete version[key];
      else version[key] = value;
    }
    if (patch.released !== undefined) version.released = patch.released;
    if (patch.archived !== undefined) version.archived = patch.archived;
    this.generation++;
  }

  createVersion(input: Omit<DatasetVersion, 'id' | 'sequence' | 'dependsOnVersionIds'>): DatasetVersion {
    const siblings = this.versionsByProject.get(input.projectId) ?? [];
    const version: DatasetVersion = {
      ...input,
      id: String(this.nextVersionId++),
      sequence: siblings.reduce((max, v) => Math.max(max, v.sequence), 0) + 1,
      dependsOnVersionIds: [],
    };
    this.dataset.versions.push(version);
    this.versionsById.set(version.id, version);
    this.listFor(this.versionsByProject, version.projectId).push(version);
    this.sizes = this.sizeSignature();
    this.generation++;
    return version;
  }
}

export interface IssuePatch {
  summary?: string;
  priorityId?: string;
  labels?: string[];
  fixVersionIds?: string[];
  affectsVersionIds?: string[];
  componentIds?: string[];
  storyPoints?: number | null;
  flagged?: boolean;
  releaseNotes?: string | null;
  upgradeNotes?: string | null;
  assigneeAccountId?: string | null;
}

export interface NewIssue extends Omit<IssuePatch, 'summary' | 'priorityId'> {
  projectId: string;
  issueTypeId: string;
  summary: string;
  priorityId: string;
  parentId?: string | null;
}

export interface VersionPatch {
  name?: string;
  description?: string | null;
  startDate?: string | null;
  releaseDate?: string | null;
  released?: boolean;
  archived?: boolean;
}
