import { type ChangeItem, type IssueChange, type Triage, fieldIdOf, triageIssueChange } from '../../../src/domain/issue-sync/triage';
import { policyFieldIds, defaultPolicy } from '../../../src/domain/readiness/policy';
import { CHANGE } from '../../support/issue-events';

const DEFAULT_POLICY_FIELDS = policyFieldIds(defaultPolicy());

const updated = (items: ChangeItem[] | undefined, inRelease = false): IssueChange => ({ eventType: 'avi:jira:updated:issue', items, inRelease, policyFields: DEFAULT_POLICY_FIELDS });

describe('which issue changes the incremental search must read', () => {
  it.each<[string, boolean, 'mark' | 'ignore', ChangeItem[]]>([
    // Nothing readiness or the KPIs read: ignored wherever the issue is.
    ['a label edit on a backlog issue', false, 'ignore', [CHANGE.labels!]],
    ['a description edit on an issue in a release', true, 'ignore', [CHANGE.description!]],
    ['a new assignee', true, 'ignore', [CHANGE.assignee!]],
    ['a rank change', true, 'ignore', [CHANGE.rank!]],
    ['a sprint change', false, 'ignore', [CHANGE.sprint!]],
    ['labels and description together', true, 'ignore', [CHANGE.labels!, CHANGE.description!]],
    // What only the issue's own readiness reads: marked while it is in a release.
    ['a summary edit on a backlog issue', false, 'ignore', [CHANGE.summary!]],
    ['a summary edit on an issue in a release', true, 'mark', [CHANGE.summary!]],
    ['a new blocker link on an issue in a release', true, 'mark', [CHANGE.link!]],
    ['a new link on a backlog issue', false, 'ignore', [CHANGE.link!]],
    ['story points (a required field of the default policy) in a release', true, 'mark', [CHANGE.storyPoints!]],
    ['story points on a backlog issue', false, 'ignore', [CHANGE.storyPoints!]],
    ['the flag on an issue in a release', true, 'mark', [CHANGE.flagged!]],
    ['a component in a release', true, 'mark', [CHANGE.component!]],
    // What the KPIs or other issues' readiness read: marked wherever the issue is.
    ['a transition of a backlog issue', false, 'mark', [CHANGE.status!]],
    ['a resolution', false, 'mark', [CHANGE.resolution!]],
    ['a fix version added to a backlog issue', false, 'mark', [CHANGE.fixVersion!]],
    ['a fix version named only by its field name', false, 'mark', [CHANGE.fixVersionWithoutId!]],
    ['an affects version (incidents, change failure rate)', false, 'mark', [CHANGE.affectsVersion!]],
    ['a priority (linked bugs count from High up)', false, 'mark', [CHANGE.priority!]],
    ['a new issue type', false, 'mark', [CHANGE.issueType!]],
    ['a new parent', false, 'mark', [CHANGE.parent!]],
    ['a label edit together with a transition', false, 'mark', [CHANGE.labels!, CHANGE.status!]],
  ])('%s (in a release: %s) → %s', (_name, inRelease, action, items) => {
    expect(triageIssueChange({ eventType: 'avi:jira:updated:issue', items, inRelease, policyFields: DEFAULT_POLICY_FIELDS }).action).toBe(action);
  });

  it('marks a created issue, and an update without a changelog (anything may have changed)', () => {
    expect(triageIssueChange({ eventType: 'avi:jira:created:issue', items: undefined, inRelease: false, policyFields: [] }).action).toBe('mark');
    expect(triageIssueChange({ eventType: 'avi:jira:updated:issue', items: undefined, inRelease: false, policyFields: [] }).action).toBe('mark');
    expect(triageIssueChange({ eventType: 'avi:jira:updated:issue', items: [], inRelease: false, policyFields: [] }).action).toBe('mark');
  });

  it('follows the project policy: labels matter once a criterion requires them', () => {
    const change = { eventType: 'avi:jira:updated:issue' as const, items: [CHANGE.labels!], inRelease: true };
    expect(triageIssueChange({ ...change, policyFields: DEFAULT_POLICY_FIELDS }).action).toBe('ignore');
    expect(triageIssueChange({ ...change, policyFields: [...DEFAULT_POLICY_FIELDS, 'labels'] }).action).toBe('mark');
  });

  it.each<[string, IssueChange, Triage]>([
    ['a created issue, whatever its changelog', { ...updated([CHANGE.labels!]), eventType: 'avi:jira:created:issue' }, { action: 'mark', reason: 'new issue' }],
    ['an update without a changelog', updated(undefined), { action: 'mark', reason: 'no changelog: anything may have changed' }],
    ['a transition', updated([CHANGE.status!]), { action: 'mark', reason: 'status changed' }],
    ['a summary edit in a release', updated([CHANGE.summary!], true), { action: 'mark', reason: 'summary changed on an issue in a release' }],
    ['a summary edit in no release', updated([CHANGE.summary!]), { action: 'ignore', reason: 'summary changed on an issue in no release' }],
    ['labels and a description', updated([CHANGE.labels!, CHANGE.description!]), { action: 'ignore', reason: 'labels, description changed: neither readiness nor KPIs read it' }],
  ])('says why: %s', (_case, change, triage) => {
    expect(triageIssueChange(change)).toEqual(triage);
  });

  it.each([
    [{ field: 'Fix Version' }, 'fixVersions'],
    [{ field: 'Link' }, 'issuelinks'],
    [{ field: 'Key' }, 'project'],
    [{ field: 'Flagged' }, 'customfield_10021'],
    [{ field: 'anything', fieldId: 'customfield_12345' }, 'customfield_12345'],
    [{ field: ' Fix Version ' }, 'fixVersions'],
    [{ field: null, fieldId: null }, ''],
  ])('reads %j as %s', (item, id) => {
    expect(fieldIdOf(item)).toBe(id);
  });
});
