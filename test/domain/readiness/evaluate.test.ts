import type { CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { type CriterionStatus, type SignedCheck, daysLeftFor, evaluateReadiness, primaryRelease } from '../../../src/domain/readiness/evaluate';
import type { IssueFacts } from '../../../src/domain/readiness/facts';
import { type Criterion, type ReadinessPolicy, defaultPolicy } from '../../../src/domain/readiness/policy';
import { SHOP_23, SHOP_24, SHOP_25, SHOP_30, aBlocker, aLinkedIssue, aReadyStory, policyWith } from '../../support/readiness-builders';

const TODAY = '2026-11-24' as CalendarDate;
const ALL_SIGNED = new Map<string, SignedCheck>([
  ['qa-passed', { by: 'Priya Shah' }],
  ['code-reviewed', { by: 'Dana Kowalski' }],
  ['release-note', { by: 'Ravi Menon' }],
]);

function judge(policy: ReadinessPolicy, facts: IssueFacts, signed: ReadonlyMap<string, SignedCheck> = ALL_SIGNED, releaseDates?: Map<string, string | undefined>) {
  return evaluateReadiness({ policy, facts, signed, release: primaryRelease(facts.fixVersions), today: TODAY, ...(releaseDates ? { releaseDates } : {}) });
}

function only(criterionId: string, facts: IssueFacts, signed?: ReadonlyMap<string, SignedCheck>) {
  const result = judge(policyWith(criterionId), facts, signed).results[0]!;
  return result;
}

describe('each criterion: pass, fail or not applicable, with a reason', () => {
  it.each<[string, string, Partial<IssueFacts>, CriterionStatus, RegExp, string[]?]>([
    // status
    ['status-done', 'a done issue', {}, 'pass', /Status is Done/],
    ['status-done', 'an issue in review', { statusName: 'In Review', category: 'indeterminate' }, 'fail', /Status is In Review, not done yet/],
    // resolution
    ['resolution-set', 'a resolved issue', {}, 'pass', /Resolved as Done/],
    ['resolution-set', 'an unresolved issue', { resolution: null }, 'fail', /No resolution set/],
    // fix version
    ['fix-version-set', 'an issue in SHOP 2.4', {}, 'pass', /Fix version: SHOP 2.4/],
    ['fix-version-set', 'an issue in no release', { fixVersions: [] }, 'fail', /No fix version set/],
    // required fields (Stories only by default)
    ['required-fields', 'a story with components and estimate', {}, 'pass', /Filled: Components, Story point estimate/],
    ['required-fields', 'a story without components', { fields: { components: false, customfield_10016: true } }, 'fail', /Missing: Components/],
    ['required-fields', 'a story read before the field was required', { fields: { components: true } }, 'fail', /Not read yet: Story point estimate/],
    ['required-fields', 'a bug (the criterion is for stories)', { issueType: 'Bug', fields: {} }, 'na', /Not required for Bug issues/],
    // sub-tasks
    ['subtasks-done', 'an issue without sub-tasks', {}, 'na', /No sub-tasks/],
    ['subtasks-done', 'an issue whose sub-tasks are done', { subtasks: { total: 3, open: [] } }, 'pass', /All 3 sub-tasks are done/],
    ['subtasks-done', 'an issue with open sub-tasks', { subtasks: { total: 3, open: [aLinkedIssue({ key: 'SHOP-101' }), aLinkedIssue({ key: 'SHOP-102' })] } }, 'fail', /2 of 3 sub-tasks still open: SHOP-101, SHOP-102/, ['SHOP-101', 'SHOP-102']],
    // open blockers
    ['no-open-blockers', 'an issue nothing blocks', {}, 'pass', /Nothing blocks this issue/],
    ['no-open-blockers', 'an issue whose blocker is done', { blockers: [aBlocker({ category: 'done', statusName: 'Done' })] }, 'pass', /The blocker is done/],
    ['no-open-blockers', 'an issue with an open blocker', { blockers: [aBlocker({ key: 'PAY-3' }), aBlocker({ key: 'SHOP-9', category: 'done' })] }, 'fail', /Blocked by 1 open issue: PAY-3/, ['PAY-3']],
    // blockers scheduled
    ['blockers-scheduled', 'a blocker in the same release', { blockers: [aBlocker()] }, 'pass', /Every blocker ships with or before SHOP 2.4/],
    ['blockers-scheduled', 'a blocker in an earlier release', { blockers: [aBlocker({ fixVersions: [{ id: '10011', name: 'PAY 3.1', releaseDate: '2026-11-30', released: false }] })] }, 'pass', /Every blocker ships/],
    ['blockers-scheduled', 'a blocker shipped already', { blockers: [aBlocker({ fixVersions: [SHOP_23] })] }, 'pass', /Every blocker ships/],
    ['blockers-scheduled', 'a done blocker in no release', { blockers: [aBlocker({ category: 'done', fixVersions: [] })] }, 'pass', /Every blocker ships/],
    ['blockers-scheduled', 'a blocker in a later release', { blockers: [aBlocker({ key: 'SHOP-9', fixVersions: [SHOP_25] })] }, 'fail', /SHOP-9: it ships in SHOP 2.5 \(8 Jan 2027\), after SHOP 2.4 \(3 Dec 2026\)/, ['SHOP-9']],
    ['blockers-scheduled', 'an open blocker in no release', { blockers: [aBlocker({ key: 'SHOP-9', fixVersions: [] })] }, 'fail', /SHOP-9: it is in no release/, ['SHOP-9']],
    ['blockers-scheduled', 'a blocker in an undated release', { blockers: [aBlocker({ key: 'SHOP-9', fixVersions: [SHOP_30] })] }, 'fail', /SHOP 3.0, which has no release date/],
    ['blockers-scheduled', 'an open blocker whose releases are unknown', { blockers: [aBlocker({ key: 'SHOP-9', fixVersions: undefined })] }, 'fail', /not known yet/],
    ['blockers-scheduled', 'two late blockers', { blockers: [aBlocker({ key: 'SHOP-9', fixVersions: [] }), aBlocker({ key: 'SHOP-10', fixVersions: [SHOP_25] })] }, 'fail', /2 blockers will not ship in time: SHOP-9, SHOP-10/],
    ['blockers-scheduled', 'an issue without fix version but with a blocker', { fixVersions: [], blockers: [aBlocker()] }, 'na', /No fix version/],
    // linked bugs (High or above by default)
    ['no-open-bugs', 'no linked bugs', {}, 'pass', /No open linked bug at High or above/],
    ['no-open-bugs', 'an open Medium bug', { linked: [aLinkedIssue({ issueType: 'Bug', priority: 'Medium' })] }, 'pass', /No open linked bug/],
    ['no-open-bugs', 'a done Highest bug', { linked: [aLinkedIssue({ issueType: 'Bug', priority: 'Highest', category: 'done' })] }, 'pass', /No open linked bug/],
    ['no-open-bugs', 'an open High task', { linked: [aLinkedIssue({ issueType: 'Task', priority: 'High' })] }, 'pass', /No open linked bug/],
    ['no-open-bugs', 'an open High bug', { linked: [aLinkedIssue({ key: 'SHOP-77', issueType: 'Bug', priority: 'High' })] }, 'fail', /1 open linked bug at High or above: SHOP-77/, ['SHOP-77']],
    ['no-open-bugs', 'an open Highest bug that also blocks', { blockers: [aBlocker({ key: 'SHOP-78', issueType: 'Bug', priority: 'Highest' })] }, 'fail', /SHOP-78/, ['SHOP-78']],
    // flagged
    ['not-flagged', 'an unflagged issue', {}, 'pass', /Not flagged/],
    ['not-flagged', 'a flagged issue', { flagged: true }, 'fail', /Flagged as an impediment/],
  ])('%s: %s', (...[criterionId, _case, overrides, status, reason, mentioned]) => {
    const result = only(criterionId, aReadyStory(overrides));
    expect(result).toMatchObject({ id: criterionId, status, reason: expect.stringMatching(reason) });
    if (mentioned) expect(result.issues?.map((i) => i.key)).toEqual(mentioned);
  });

  it.each<[string, Partial<IssueFacts>, ReadonlyMap<string, SignedCheck>, CriterionStatus, RegExp]>([
    ['a signed check', {}, new Map([['qa-passed', { by: 'Priya Shah' }]]), 'pass', /Signed off by Priya Shah/],
    ['an unsigned check', {}, new Map(), 'fail', /Waiting for sign-off \(qa-team\)/],
    ['a check on a sub-task (the check is for stories, tasks, bugs)', { issueType: 'Sub-task', subtask: true }, new Map(), 'na', /Not required for Sub-task issues/],
  ])('manual check: %s', (_case, overrides, signed, status, reason) => {
    expect(only('qa-passed', aReadyStory(overrides), signed)).toMatchObject({ status, reason: expect.stringMatching(reason) });
  });

  it('compares blockers with release dates read now rather than those stored with the facts', () => {
    const facts = aReadyStory({ blockers: [aBlocker({ fixVersions: [{ ...SHOP_25, releaseDate: '2026-12-01' }] })] });
    expect(judge(policyWith('blockers-scheduled'), facts).results[0]!.status).toBe('pass');
    expect(judge(policyWith('blockers-scheduled'), facts, ALL_SIGNED, new Map([[SHOP_25.id, '2027-01-08']])).results[0]!.status).toBe('fail');
  });

  it('honours a stricter bug threshold and another priority scheme', () => {
    const policy: ReadinessPolicy = {
      ...defaultPolicy(),
      priorityOrder: ['P1', 'P2', 'P3'],
      criteria: [{ id: 'bugs', kind: 'no-open-bugs', label: 'No P1 bugs', severity: 'blocking', issueTypes: [], bugTypes: ['Defect'], minPriority: 'P1' } as Criterion],
    };
    const facts = (priority: string) => aReadyStory({ linked: [aLinkedIssue({ issueType: 'Defect', priority })] });
    expect(judge(policy, facts('P2')).results[0]!.status).toBe('pass');
    expect(judge(policy, facts('P1')).results[0]!.status).toBe('fail');
  });
});

describe('the RAG of an issue', () => {
  const close = { ...SHOP_24, releaseDate: '2026-11-27' }; // 3 days away: inside the default 5-day window
  it.each<[string, Partial<IssueFacts>, ReadonlyMap<string, SignedCheck>, 'red' | 'amber' | 'green', RegExp, boolean | null]>([
    ['everything met, release in 9 days', {}, ALL_SIGNED, 'green', /Every criterion that applies is met/, true],
    ['a blocking criterion fails', { resolution: null }, ALL_SIGNED, 'red', /A blocking criterion fails: Resolution set/, false],
    ['several blocking criteria fail', { category: 'indeterminate', statusName: 'In Progress', resolution: null }, ALL_SIGNED, 'red', /2 blocking criteria fail: Done in Jira, Resolution set/, false],
    ['blocking and advisory fail', { flagged: true, resolution: null }, ALL_SIGNED, 'red', /Resolution set/, false],
    ['only an advisory fails', { flagged: true }, ALL_SIGNED, 'amber', /Only advisory criteria fail: Not flagged/, true],
    ['an advisory sign-off is missing', {}, new Map([...ALL_SIGNED].filter(([id]) => id !== 'release-note')), 'amber', /Docs and release note written/, true],
    ['a blocking sign-off is missing', {}, new Map([...ALL_SIGNED].filter(([id]) => id !== 'qa-passed')), 'red', /QA passed/, false],
    ['no fix version', { fixVersions: [] }, ALL_SIGNED, 'red', /Fix version set/, null],
    ['released already', { fixVersions: [SHOP_23] }, ALL_SIGNED, 'green', /met/, null],
    ['no release date', { fixVersions: [SHOP_30] }, ALL_SIGNED, 'green', /met/, null],
  ])('%s → %s', (_case, overrides, signed, rag, reason, readyForDate) => {
    const evaluation = judge(defaultPolicy(), aReadyStory(overrides), signed);
    expect(evaluation).toMatchObject({ rag, ragReason: expect.stringMatching(reason), readyForReleaseDate: readyForDate });
  });

  // "Work open" only matters when no criterion catches it, e.g. a policy without "Done in Jira".
  const lenient: ReadinessPolicy = { ...defaultPolicy(), criteria: defaultPolicy().criteria.filter((c) => c.id !== 'status-done' && c.id !== 'subtasks-done') };
  it.each<[string, Partial<IssueFacts>, number, 'amber' | 'green', RegExp]>([
    ['release in 3 days, issue still in progress', { fixVersions: [close], category: 'indeterminate', statusName: 'In Progress' }, 5, 'amber', /release is in 3 days and work is still open/],
    ['release today, a sub-task open', { fixVersions: [{ ...SHOP_24, releaseDate: TODAY }], subtasks: { total: 1, open: [aLinkedIssue()] } }, 5, 'amber', /release is today/],
    ['release date passed, issue in progress', { fixVersions: [{ ...SHOP_24, releaseDate: '2026-11-20' }], category: 'indeterminate' }, 5, 'amber', /passed 4 days ago/],
    ['release in 3 days, all work done', { fixVersions: [close] }, 5, 'green', /met/],
    ['release in 9 days, issue in progress', { category: 'indeterminate' }, 5, 'green', /met/],
    ['release in 3 days, window of 2 days', { fixVersions: [close], category: 'indeterminate' }, 2, 'green', /met/],
    // The window includes its last day: "close" means days left ≤ the window.
    ['release in 3 days, window of exactly 3 days', { fixVersions: [close], category: 'indeterminate' }, 3, 'amber', /release is in 3 days and work is still open/],
    ['release today, window of 0 days', { fixVersions: [{ ...SHOP_24, releaseDate: TODAY }], category: 'indeterminate' }, 0, 'amber', /release is today and work is still open/],
    ['release tomorrow, window of 0 days', { fixVersions: [{ ...SHOP_24, releaseDate: '2026-11-25' }], category: 'indeterminate' }, 0, 'green', /met/],
  ])('%s → %s', (_case, overrides, closeDays, rag, reason) => {
    const evaluation = judge({ ...lenient, closeDays }, aReadyStory(overrides));
    expect(evaluation).toMatchObject({ rag, ragReason: expect.stringMatching(reason) });
  });

  it('is Red, not Amber, when the release is close and a blocking criterion fails', () => {
    expect(judge(defaultPolicy(), aReadyStory({ fixVersions: [close], category: 'indeterminate', statusName: 'In Progress' })).rag).toBe('red');
  });
});

describe('the release an issue is judged against', () => {
  it.each([
    ['the only fix version', [SHOP_24], 'SHOP 2.4'],
    ['the earliest unreleased of several', [SHOP_25, SHOP_24, SHOP_30], 'SHOP 2.4'],
    ['a dated one before an undated one', [SHOP_30, SHOP_25], 'SHOP 2.5'],
    ['an unreleased one over a released one', [SHOP_23, SHOP_25], 'SHOP 2.5'],
    ['the released one when all are released', [SHOP_23], 'SHOP 2.3'],
  ])('%s', (_case, versions, name) => {
    expect(primaryRelease(versions)?.name).toBe(name);
  });

  it('is none without fix version', () => expect(primaryRelease([])).toBeUndefined());

  it.each([
    [SHOP_24, 9],
    [{ ...SHOP_24, releaseDate: '2026-11-20' }, -4],
    [SHOP_30, null],
    [SHOP_23, null],
  ])('%j is %s days away', (version, days) => {
    expect(daysLeftFor(version, TODAY)).toBe(days);
  });
});
