/**
 * `avi:jira:created:issue` / `avi:jira:updated:issue` payloads shaped like Forge's (the Jira
 * webhook's issue and changelog, trimmed the way Forge trims them: the issue's few basic fields,
 * no fix versions unless a test adds them), for tests of how the app triages events.
 */
export interface ChangeItemFixture {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

/** Changelog items as Jira writes them for common edits. */
export const CHANGE: Record<string, ChangeItemFixture> = {
  labels: { field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: '', to: null, toString: 'frontend' },
  description: { field: 'description', fieldtype: 'jira', fieldId: 'description', from: null, fromString: 'Old text', to: null, toString: 'New text' },
  assignee: { field: 'assignee', fieldtype: 'jira', fieldId: 'assignee', from: null, fromString: null, to: '5b109f2e9729b51b54dc274d', toString: 'Dana Kowalski' },
  rank: { field: 'Rank', fieldtype: 'custom', fieldId: 'customfield_10019', from: '', fromString: '', to: '', toString: 'Ranked higher' },
  sprint: { field: 'Sprint', fieldtype: 'custom', fieldId: 'customfield_10020', from: '', fromString: '', to: '3', toString: 'Sprint 7' },
  summary: { field: 'summary', fieldtype: 'jira', fieldId: 'summary', from: null, fromString: 'Checkout', to: null, toString: 'Checkout with saved cards' },
  link: { field: 'Link', fieldtype: 'jira', fieldId: 'issuelinks', from: null, fromString: null, to: 'SHOP-12', toString: 'This issue is blocked by SHOP-12' },
  storyPoints: { field: 'Story point estimate', fieldtype: 'custom', fieldId: 'customfield_10016', from: null, fromString: null, to: '5', toString: '5' },
  flagged: { field: 'Flagged', fieldtype: 'custom', fieldId: 'customfield_10021', from: null, fromString: null, to: '[10019]', toString: 'Impediment' },
  component: { field: 'Component', fieldtype: 'jira', fieldId: 'components', from: null, fromString: null, to: '10000', toString: 'Checkout' },
  status: { field: 'status', fieldtype: 'jira', fieldId: 'status', from: '10000', fromString: 'To Do', to: '3', toString: 'In Progress' },
  resolution: { field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' },
  fixVersion: { field: 'Fix Version', fieldtype: 'jira', fieldId: 'fixVersions', from: null, fromString: null, to: '10004', toString: 'SHOP 2.4' },
  affectsVersion: { field: 'Version', fieldtype: 'jira', fieldId: 'versions', from: null, fromString: null, to: '10003', toString: 'SHOP 2.3' },
  priority: { field: 'priority', fieldtype: 'jira', fieldId: 'priority', from: '3', fromString: 'Medium', to: '2', toString: 'High' },
  issueType: { field: 'issuetype', fieldtype: 'jira', fieldId: 'issuetype', from: '10002', fromString: 'Task', to: '10003', toString: 'Bug' },
  // Older payloads name the field only.
  fixVersionWithoutId: { field: 'Fix Version', fieldtype: 'jira', from: null, fromString: null, to: '10004', toString: 'SHOP 2.4' },
  parent: { field: 'IssueParentAssociation', fieldtype: 'jira', from: null, fromString: null, to: '10123', toString: 'SHOP-3' },
};

export interface IssueRef {
  id: string;
  key: string;
  projectId: string;
  projectKey: string;
  updated: string;
}

export function issueEvent(
  eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue',
  issue: IssueRef,
  items: ChangeItemFixture[] | undefined,
  extraFields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    eventType,
    atlassianId: '5b109f2e9729b51b54dc274d',
    associatedUsers: [{ accountId: '5b109f2e9729b51b54dc274d' }],
    issue: {
      id: issue.id,
      key: issue.key,
      fields: {
        summary: 'Checkout with saved cards',
        issuetype: { id: '10001', name: 'Story', subtask: false, hierarchyLevel: 0 },
        creator: { accountId: '5b10ac8d82e05b22cc7d4ef5' },
        created: '2026-10-01T09:00:00.000+0000',
        project: { id: issue.projectId, key: issue.projectKey, name: 'Web Shop', projectTypeKey: 'software', simplified: false },
        reporter: { accountId: '5b10ac8d82e05b22cc7d4ef5' },
        assignee: { accountId: '5b109f2e9729b51b54dc274d' },
        updated: issue.updated,
        status: { id: '3', name: 'In Progress', statusCategory: { id: 4, key: 'indeterminate', name: 'In Progress' } },
        ...extraFields,
      },
    },
    ...(items ? { changelog: { id: '10500', items } } : {}),
  };
}
