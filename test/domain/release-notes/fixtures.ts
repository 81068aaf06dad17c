/**
 * Issues as Jira Cloud REST v3 returns them from POST /rest/api/3/search/jql with
 * fields summary, issuetype, labels, components, status and two text custom fields.
 */
import type { ReleaseNotesTemplate } from '../../../src/contract';
import { defaultTemplate } from '../../../src/domain/release-notes/template';

export const RELEASE_NOTES_FIELD = 'customfield_10050';
export const UPGRADE_NOTES_FIELD = 'customfield_10051';

const ISSUE_TYPES = {
  Story: { self: 'https://acme.atlassian.net/rest/api/3/issuetype/10001', id: '10001', name: 'Story', subtask: false, hierarchyLevel: 0 },
  Task: { self: 'https://acme.atlassian.net/rest/api/3/issuetype/10002', id: '10002', name: 'Task', subtask: false, hierarchyLevel: 0 },
  Bug: { self: 'https://acme.atlassian.net/rest/api/3/issuetype/10003', id: '10003', name: 'Bug', subtask: false, hierarchyLevel: 0 },
  'Sub-task': { self: 'https://acme.atlassian.net/rest/api/3/issuetype/10005', id: '10005', name: 'Sub-task', subtask: true, hierarchyLevel: -1 },
} as const;

const STATUSES = {
  'To Do': { self: 'https://acme.atlassian.net/rest/api/3/status/10000', id: '10000', name: 'To Do', statusCategory: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' } },
  'In Progress': { self: 'https://acme.atlassian.net/rest/api/3/status/3', id: '3', name: 'In Progress', statusCategory: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' } },
  Done: { self: 'https://acme.atlassian.net/rest/api/3/status/10002', id: '10002', name: 'Done', statusCategory: { id: 3, key: 'done', colorName: 'green', name: 'Done' } },
} as const;

/** A multi-line text field value as REST v3 sends it. */
export function adf(...paragraphs: string[]) {
  return { type: 'doc', version: 1, content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
}

export interface IssueSpec {
  key: string;
  summary: string;
  type: keyof typeof ISSUE_TYPES;
  status?: keyof typeof STATUSES;
  labels?: string[];
  components?: string[];
  releaseNotes?: unknown;
  upgradeNotes?: unknown;
}

export function jiraIssue(spec: IssueSpec) {
  const id = String(10000 + Number(spec.key.split('-')[1]));
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id,
    self: `https://acme.atlassian.net/rest/api/3/issue/${id}`,
    key: spec.key,
    fields: {
      summary: spec.summary,
      issuetype: ISSUE_TYPES[spec.type],
      labels: spec.labels ?? [],
      components: (spec.components ?? []).map((name, i) => ({ self: `https://acme.atlassian.net/rest/api/3/component/${10000 + i}`, id: String(10000 + i), name })),
      status: STATUSES[spec.status ?? 'Done'],
      [RELEASE_NOTES_FIELD]: spec.releaseNotes ?? null,
      [UPGRADE_NOTES_FIELD]: spec.upgradeNotes ?? null,
    },
  };
}

/** A search page of version "2.4.0" of "Web Shop", mixing every case the notes care about. */
export const SEARCH_PAGE = {
  isLast: true,
  issues: [
    jiraIssue({ key: 'SHOP-12', summary: 'One-page checkout', type: 'Story', releaseNotes: adf('Check out on a single page.', 'Saved cards are offered first.') }),
    jiraIssue({ key: 'SHOP-9', summary: 'Gift card balance', type: 'Story', components: ['Checkout'] }),
    jiraIssue({ key: 'SHOP-13', summary: 'Upgrade payment SDK', type: 'Task', labels: ['internal'] }),
    jiraIssue({ key: 'SHOP-14', summary: 'Faster search index', type: 'Task', labels: ['performance'] }),
    jiraIssue({ key: 'SHOP-15', summary: 'Checkout: total wrong for CHF', type: 'Bug', releaseNotes: 'Totals in CHF are right again.' }),
    jiraIssue({ key: 'SHOP-16', summary: 'Search: spinner never stops', type: 'Bug', status: 'In Progress' }),
    jiraIssue({ key: 'SHOP-17', summary: 'Remove /v1/cart', type: 'Story', labels: ['breaking-change'], upgradeNotes: adf('Integrations must call /v2/cart.') }),
    jiraIssue({ key: 'SHOP-18', summary: 'Backend for checkout', type: 'Sub-task' }),
    jiraIssue({ key: 'SHOP-19', summary: 'Wishlist sharing', type: 'Story', status: 'To Do' }),
    jiraIssue({ key: 'SHOP-20', summary: 'Known slow PDF export', type: 'Task', labels: ['known-issue'], status: 'To Do' }),
  ],
};

export function template(overrides: Partial<ReleaseNotesTemplate> = {}): ReleaseNotesTemplate {
  return { ...defaultTemplate(), releaseNoteField: RELEASE_NOTES_FIELD, upgradeNotesField: UPGRADE_NOTES_FIELD, ...overrides };
}

export const PROJECT = { id: '10000', key: 'SHOP', name: 'Web Shop' };
export const VERSION = { id: '10005', name: '2.4.0', releaseDate: '2026-12-03', released: true };
