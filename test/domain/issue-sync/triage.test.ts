import { type ChangeItem, type IssueChange, type Triage, fieldIdOf, triageIssueChange } from '../../../src/domain/issue-sync/triage';
import { policyFieldIds, defaultPolicy } from '../../../src/domain/readiness/policy';
import { CHANGE } from '../../support/issue-events';

const DEFAULT_POLICY_FIELDS = policyFieldIds(defaultPolicy());

const updated = (items: ChangeItem[] | undefined, inRelease = false): IssueChange => ({ eventType: 'avi:jira:updated:issue', items, inRelease, policyFields: DEFAULT_POLICY_FIELDS });

describe('which issue changes the incremental search must read', () => {
  it.each<[string, ChangeItem[], boolean, 'mark' | 'ignore']>([
    // Nothing readiness or the KPIs read: ignored wherever the issue is.
    ['a label edit on a backlog issue', [CHANGE.labels!], false, 'ignore'],
    ['a description edit on an issue in a release', [CHANGE.description!], true, 'ignore'],
    ['a new assignee', [CHANGE.assignee!], true, 'ignore'],
    ['a rank change', [CHANGE.rank!], true, 'ignore'],
    ['a sprint change', [CHANGE.sprint!], false, 'ignore'],
    ['labels and description together', [CHANGE.labels!, CHANGE.description!], true, 'ignore'],
    // What only the issue's own readiness reads: marked while it is in a release.
    ['a summary edit on a backlog issue', [CHANGE.summary!], false, 'ignore'],
    ['a summary edit on an issue in a release', [CHANGE.summary!], true, 'mark'],
    ['a new blocker link on an issue in a release', [CHANGE.link!], true, 'mark'],
    ['a new link on a backlog issue', [CHANGE.link!], false, 'ignore'],
    ['story points (a required field of the default policy) in a release', [CHANGE.storyPoints!], true, 'mark'],
    ['story points on a backlog issue', [CHANGE.storyPoints!], false, 'ignore'],
    ['the flag on an issue in a release', [CHANGE.flagged!], true, 'mark'],
    ['a component in a release', [CHANGE.component!], true, 'mark'],
    // What the KPIs or other issues' readiness read: marked wherever the issue is.
    ['a transition of a backlog issue', [CHANGE.status!], false, 'mark'],
    ['a resolution', [CHANGE.resolution!], false, 'mark'],
    ['a fix version added to a backlog issue', [CHANGE.fixVersion!], false, 'mark'],
    ['a fix version named only by its field name', [CHANGE.fixVersionWithoutId!], false, 'mark'],
    ['an affects version (incidents, change failure rate)', [CHANGE.affectsVersion!], false, 'mark'],
    ['a priority (linked bugs count from High up)', [CHANGE.priority!], false, 'mark'],
    ['a new issue type', [CHANGE.issueType!], false, 'mark'],
    ['a new parent', [CHANGE.parent!], false, 'mark'],
    ['a label edit together with a transition', [CHANGE.labels!, CHANGE.status!], false, 'mark'],
  ])('%s (in a release: %s) → %s', (_name, items, inRelease, action) => {
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
