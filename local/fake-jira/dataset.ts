/**
 * The fake Jira's data: one plain, JSON-serialisable object. It is also the demo-data format
 * (a folder holding `jira-dataset.json`) that other tools read, so keep it flat and stable:
 * ids are strings as Jira writes them, dates are `yyyy-MM-dd`, times are Jira's
 * `yyyy-MM-ddTHH:mm:ss.SSS+0000`. See docs/fake-jira.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const DATASET_SCHEMA_VERSION = 1;

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface DatasetStatusCategory {
  id: number;
  key: StatusCategoryKey;
  name: string;
  colorName: string;
}

export interface DatasetStatus {
  id: string;
  name: string;
  description: string;
  categoryKey: StatusCategoryKey;
}

export interface DatasetIssueType {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  /** 0 standard, -1 sub-task, 1 epic. */
  hierarchyLevel: number;
}

export interface DatasetNamed {
  id: string;
  name: string;
  description: string;
}

export interface DatasetLinkType {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

/** Project permission keys as Jira names them (GET /rest/api/3/permissions). */
export const PROJECT_PERMISSION_KEYS = [
  'BROWSE_PROJECTS',
  'ADMINISTER_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'ASSIGN_ISSUES',
  'RESOLVE_ISSUES',
  'CLOSE_ISSUES',
  'TRANSITION_ISSUES',
  'SCHEDULE_ISSUES',
  'LINK_ISSUES',
  'ADD_COMMENTS',
  'WORK_ON_ISSUES',
] as const;

/** Global permission keys the demo uses. */
export const GLOBAL_PERMISSION_KEYS = ['ADMINISTER', 'USER_PICKER'] as const;

export type PermissionKey = (typeof GLOBAL_PERMISSION_KEYS)[number] | (typeof PROJECT_PERMISSION_KEYS)[number];

export interface DatasetUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  accountType: 'atlassian' | 'app';
  active: boolean;
  timeZone: string;
  /** What this person is for in the demo (documentation only). */
  role: string;
  /** Global permissions, e.g. ADMINISTER, USER_PICKER. */
  globalPermissions: PermissionKey[];
  /** Project permissions by project key; the key `*` means every project. */
  projectPermissions: Record<string, PermissionKey[]>;
  /** Names of the Jira groups the person belongs to (`/myself?expand=groups`). */
  groups: string[];
}

export interface DatasetComponent {
  id: string;
  name: string;
}

export interface DatasetProject {
  id: string;
  key: string;
  name: string;
  description: string;
  leadAccountId: string;
  components: DatasetComponent[];
  /** The project's issue security scheme, if it has one (`GET /project/{key}/issuesecuritylevelscheme`). */
  issueSecurityScheme?: { id: string; name: string; levels: Array<{ id: string; name: string; description: string }> };
}

export interface DatasetVersion {
  id: string;
  projectId: string;
  name: string;
  description?: string;
  startDate?: string;
  releaseDate?: string;
  released: boolean;
  archived: boolean;
  /** Order in the project's version list (Jira's `sequence`). */
  sequence: number;
  /** Versions (often of another project) this one needs first. Not part of Jira's API. */
  dependsOnVersionIds: string[];
}

export interface DatasetChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface DatasetChangeHistory {
  id: string;
  authorAccountId: string;
  created: string;
  items: DatasetChangeItem[];
}

export interface DatasetIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  statusId: string;
  resolutionId: string | null;
  priorityId: string;
  labels: string[];
  componentIds: string[];
  fixVersionIds: string[];
  /** Jira's `versions` field (JQL `affectedVersion`). */
  affectsVersionIds: string[];
  parentId: string | null;
  /** The story points custom field (see `customFields.storyPoints`). */
  storyPoints: number | null;
  /** The Flagged custom field (value `Impediment`). */
  flagged: boolean;
  /** The "Release notes" text custom field (see `customFields.releaseNotes`); absent means empty. */
  releaseNotes?: string | null;
  /** The "Upgrade notes" text custom field (see `customFields.upgradeNotes`); absent means empty. */
  upgradeNotes?: string | null;
  assigneeAccountId: string | null;
  reporterAccountId: string;
  created: string;
  updated: string;
  resolutiondate: string | null;
  /** Oldest first. Consistent with the current field values. */
  changelog: DatasetChangeHistory[];
}

/** "source <outward> destination", e.g. SHOP-1 blocks SHOP-2 (SHOP-2 "is blocked by" SHOP-1). */
export interface DatasetIssueLink {
  id: string;
  typeId: string;
  sourceIssueId: string;
  destinationIssueId: string;
}

export interface JiraDataset {
  schemaVersion: number;
  /** "Today" of the data (UTC day, yyyy-MM-dd) and the seed it was generated from. */
  anchor: string;
  seed: number;
  /** The site's default time zone (serverInfo.serverTimeZone); UTC when absent. */
  siteTimeZone?: string;
  statusCategories: DatasetStatusCategory[];
  statuses: DatasetStatus[];
  issueTypes: DatasetIssueType[];
  priorities: DatasetNamed[];
  resolutions: DatasetNamed[];
  issueLinkTypes: DatasetLinkType[];
  /** Ids of the custom fields the data uses (the text fields are optional in older files). */
  customFields: { storyPoints: string; flagged: string; releaseNotes?: string; upgradeNotes?: string };
  users: DatasetUser[];
  projects: DatasetProject[];
  versions: DatasetVersion[];
  issues: DatasetIssue[];
  issueLinks: DatasetIssueLink[];
}

// ---------------------------------------------------------------------------------------------
// The catalogue every dataset shares (ids as on a fresh Jira Cloud software site)

export const STATUS_CATEGORIES: DatasetStatusCategory[] = [
  { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  { id: 3, key: 'done', name: 'Done', colorName: 'green' },
];

export const STATUS = { todo: '10000', inProgress: '3', inReview: '10001', done: '10002' } as const;
export const STATUSES: DatasetStatus[] = [
  { id: STATUS.todo, name: 'To Do', description: 'Work that has not started.', categoryKey: 'new' },
  { id: STATUS.inProgress, name: 'In Progress', description: 'Someone is working on it.', categoryKey: 'indeterminate' },
  { id: STATUS.inReview, name: 'In Review', description: 'Waiting for review or QA.', categoryKey: 'indeterminate' },
  { id: STATUS.done, name: 'Done', description: 'Finished.', categoryKey: 'done' },
];

export const ISSUE_TYPE = { story: '10001', task: '10002', bug: '10003', incident: '10004', subtask: '10005' } as const;
export const ISSUE_TYPES: DatasetIssueType[] = [
  { id: ISSUE_TYPE.story, name: 'Story', description: 'Functionality or a feature expressed as a user goal.', subtask: false, hierarchyLevel: 0 },
  { id: ISSUE_TYPE.task, name: 'Task', description: 'A small, distinct piece of work.', subtask: false, hierarchyLevel: 0 },
  { id: ISSUE_TYPE.bug, name: 'Bug', description: 'A problem or error.', subtask: false, hierarchyLevel: 0 },
  { id: ISSUE_TYPE.incident, name: 'Incident', description: 'A production incident.', subtask: false, hierarchyLevel: 0 },
  { id: ISSUE_TYPE.subtask, name: 'Sub-task', description: 'A small piece of work that is part of a larger task.', subtask: true, hierarchyLevel: -1 },
];

export const PRIORITY = { highest: '1', high: '2', medium: '3', low: '4', lowest: '5' } as const;
export const PRIORITIES: DatasetNamed[] = [
  { id: PRIORITY.highest, name: 'Highest', description: 'This problem will block progress.' },
  { id: PRIORITY.high, name: 'High', description: 'Serious problem that could block progress.' },
  { id: PRIORITY.medium, name: 'Medium', description: 'Has the potential to affect progress.' },
  { id: PRIORITY.low, name: 'Low', description: 'Minor problem or easily worked around.' },
  { id: PRIORITY.lowest, name: 'Lowest', description: 'Trivial problem with little or no impact on progress.' },
];

export const RESOLUTION = { done: '10000', wontDo: '10001', duplicate: '10002', cannotReproduce: '10003' } as const;
export const RESOLUTIONS: DatasetNamed[] = [
  { id: RESOLUTION.done, name: 'Done', description: 'Work has been completed on this issue.' },
  { id: RESOLUTION.wontDo, name: "Won't Do", description: 'This issue won\'t be actioned.' },
  { id: RESOLUTION.duplicate, name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' },
  { id: RESOLUTION.cannotReproduce, name: 'Cannot Reproduce', description: 'This issue could not be reproduced.' },
];

export const LINK_TYPE = { blocks: '10000', cloners: '10001', duplicate: '10002', relates: '10003' } as const;
export const ISSUE_LINK_TYPES: DatasetLinkType[] = [
  { id: LINK_TYPE.blocks, name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: LINK_TYPE.cloners, name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: LINK_TYPE.duplicate, name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: LINK_TYPE.relates, name: 'Relates', inward: 'relates to', outward: 'relates to' },
];

export const CUSTOM_FIELDS = {
  storyPoints: 'customfield_10016',
  flagged: 'customfield_10021',
  /** Multi-line text fields (ADF in REST v3), as a site would add them for release notes. */
  releaseNotes: 'customfield_10050',
  upgradeNotes: 'customfield_10051',
} as const;

/** The parts of a dataset that do not depend on the demo story. */
export function datasetCatalog(): Pick<
  JiraDataset,
  'statusCategories' | 'statuses' | 'issueTypes' | 'priorities' | 'resolutions' | 'issueLinkTypes' | 'customFields'
> {
  return structuredClone({
    statusCategories: STATUS_CATEGORIES,
    statuses: STATUSES,
    issueTypes: ISSUE_TYPES,
    priorities: PRIORITIES,
    resolutions: RESOLUTIONS,
    issueLinkTypes: ISSUE_LINK_TYPES,
    customFields: { ...CUSTOM_FIELDS },
  });
}

// ---------------------------------------------------------------------------------------------
// Reading a dataset from disk (the demo-data folder format)

const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const jiraTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/);
const permission = z.enum([...GLOBAL_PERMISSION_KEYS, ...PROJECT_PERMISSION_KEYS]);
const named = z.object({ id: z.string(), name: z.string(), description: z.string() });
const changeItem = z.object({
  field: z.string(),
  fieldtype: z.enum(['jira', 'custom']),
  fieldId: z.string(),
  from: z.string().nullable(),
  fromString: z.string().nullable(),
  to: z.string().nullable(),
  toString: z.string().nullable(),
});

export const datasetSchema = z.object({
  schemaVersion: z.literal(DATASET_SCHEMA_VERSION),
  anchor: dateOnly,
  seed: z.number(),
  statusCategories: z.array(z.object({ id: z.number(), key: z.enum(['new', 'indeterminate', 'done']), name: z.string(), colorName: z.string() })),
  statuses: z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), categoryKey: z.enum(['new', 'indeterminate', 'done']) })),
  issueTypes: z.array(z.object({ id: z.string(), name: z.string(), description: z.string(), subtask: z.boolean(), hierarchyLevel: z.number() })),
  priorities: z.array(named),
  resolutions: z.array(named),
  issueLinkTypes: z.array(z.object({ id: z.string(), name: z.string(), inward: z.string(), outward: z.string() })),
  customFields: z.object({ storyPoints: z.string(), flagged: z.string(), releaseNotes: z.string().optional(), upgradeNotes: z.string().optional() }),
  users: z.array(
    z.object({
      accountId: z.string().min(1),
      displayName: z.string(),
      emailAddress: z.string(),
      accountType: z.enum(['atlassian', 'app']),
      active: z.boolean(),
      timeZone: z.string(),
      role: z.string(),
      globalPermissions: z.array(permission),
      projectPermissions: z.record(z.string(), z.array(permission)),
      // Datasets saved before groups existed read as "no groups".
      groups: z.array(z.string().min(1)).default([]),
    }),
  ),
  projects: z.array(
    z.object({
      id: z.string(),
      key: z.string().regex(/^[A-Z][A-Z0-9_]+$/),
      name: z.string(),
      description: z.string(),
      leadAccountId: z.string(),
      components: z.array(z.object({ id: z.string(), name: z.string() })),
      issueSecurityScheme: z.object({ id: z.string(), name: z.string(), levels: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })) }).optional(),
    }),
  ),
  versions: z.array(
    z.object({
      id: z.string(),
      projectId: z.string(),
      name: z.string(),
      description: z.string().optional(),
      startDate: dateOnly.optional(),
      releaseDate: dateOnly.optional(),
      released: z.boolean(),
      archived: z.boolean(),
      sequence: z.number(),
      dependsOnVersionIds: z.array(z.string()),
    }),
  ),
  issues: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      projectId: z.string(),
      issueTypeId: z.string(),
      summary: z.string(),
      statusId: z.string(),
      resolutionId: z.string().nullable(),
      priorityId: z.string(),
      labels: z.array(z.string()),
      componentIds: z.array(z.string()),
      fixVersionIds: z.array(z.string()),
      affectsVersionIds: z.array(z.string()),
      parentId: z.string().nullable(),
      storyPoints: z.number().nullable(),
      flagged: z.boolean(),
      releaseNotes: z.string().nullable().optional(),
      upgradeNotes: z.string().nullable().optional(),
      assigneeAccountId: z.string().nullable(),
      reporterAccountId: z.string(),
      created: jiraTime,
      updated: jiraTime,
      resolutiondate: jiraTime.nullable(),
      changelog: z.array(z.object({ id: z.string(), authorAccountId: z.string(), created: jiraTime, items: z.array(changeItem) })),
    }),
  ),
  issueLinks: z.array(z.object({ id: z.string(), typeId: z.string(), sourceIssueId: z.string(), destinationIssueId: z.string() })),
});

/** Checks an object read from JSON; throws with the first problems when it is not a dataset. */
export function parseDataset(input: unknown): JiraDataset {
  const parsed = datasetSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Not a fake-Jira dataset: ${problems.join('; ')}`);
  }
  return parsed.data as JiraDataset;
}

export const DATASET_FILE_NAME = 'jira-dataset.json';

export function loadDatasetFile(path: string): JiraDataset {
  return parseDataset(JSON.parse(readFileSync(path, 'utf8')));
}

export function saveDatasetFile(path: string, dataset: JiraDataset): void {
  writeFileSync(path, `${JSON.stringify(dataset, null, 1)}\n`);
}
