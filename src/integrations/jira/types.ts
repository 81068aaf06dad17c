/** The parts of Jira Cloud REST v3 responses the app reads (see shared/openapi/jira-platform-v3.json). */

export interface JiraVersion {
  id: string;
  name: string;
  description?: string;
  projectId: number;
  startDate?: string;
  releaseDate?: string;
  released: boolean;
  archived: boolean;
  overdue?: boolean;
  userStartDate?: string;
  userReleaseDate?: string;
  /** With `expand=issuesstatus`: the version's issues per status category (all issues, whoever asks). */
  issuesStatusForFixVersion?: { toDo?: number; inProgress?: number; done?: number; unmapped?: number };
  /** The version's REST address, as Jira names it in `moveUnfixedIssuesTo`. */
  self?: string;
}

export interface PageBean<T> {
  startAt: number;
  maxResults: number;
  total: number;
  isLast: boolean;
  values: T[];
}

export interface JiraUser {
  accountId: string;
  displayName: string;
  accountType?: string;
  active?: boolean;
}

/** A group from GET /rest/api/3/groups/picker (`name` is what Jira checks memberships by; it can change, `groupId` cannot). */
export interface JiraGroupRef {
  name: string;
  groupId?: string;
}

/** An entry of GET /rest/api/3/field. */
export interface JiraField {
  id: string;
  name: string;
  custom: boolean;
  /** `string` for text fields, `number`, `array`, `option`, ... */
  schemaType?: string;
  /** The custom field type key, e.g. com.atlassian.jira.plugin.system.customfieldtypes:textarea. */
  customType?: string;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
}

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface JiraStatus {
  id?: string;
  name: string;
  statusCategory: { key: StatusCategoryKey | string; name?: string };
}

export interface JiraIssueLink {
  id?: string;
  type: { name: string; inward: string; outward: string };
  inwardIssue?: JiraLinkedIssue;
  outwardIssue?: JiraLinkedIssue;
}

export interface JiraLinkedIssue {
  id: string;
  key: string;
  fields?: { summary?: string; status?: JiraStatus; issuetype?: { name: string } };
}

export interface JiraIssueFields {
  summary?: string;
  status?: JiraStatus;
  issuetype?: { id?: string; name: string; subtask?: boolean };
  fixVersions?: Array<Pick<JiraVersion, 'id' | 'name'> & Partial<JiraVersion>>;
  issuelinks?: JiraIssueLink[];
  project?: JiraProject;
  [field: string]: unknown;
}

export interface JiraIssue {
  id: string;
  key: string;
  fields: JiraIssueFields;
}

export interface SearchPage {
  issues: JiraIssue[];
  nextPageToken?: string;
  isLast?: boolean;
}

export interface ChangelogItem {
  field: string;
  fieldId?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface IssueChangelogs {
  issueId: string;
  changeHistories: Array<{ id: string; created: string | number; author?: { accountId: string }; items: ChangelogItem[] }>;
}

export interface PermissionsResponse {
  permissions: Record<string, { havePermission: boolean }>;
}
