import type { CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { type CriterionStatus, type Evaluation, type IssueMention, type ReleaseTarget, type SignedCheck, dayText, daysLeftFor, evaluateReadiness, primaryRelease } from '../../../src/domain/readiness/evaluate';
import type { IssueFacts, VersionRef } from '../../../src/domain/readiness/facts';
import { type Criterion, type ManualCheck, type ReadinessPolicy, defaultPolicy } from '../../../src/domain/readiness/policy';
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
  const open = (key: string, note?: string) => ({ key, summary: 'Tokenise cards', statusName: 'In Progress', ...(note ? { note } : {}) });
  const inPay31 = { id: '10011', name: 'PAY 3.1', releaseDate: '2026-11-30', released: false };
  it.each<[string, string, Partial<IssueFacts>, CriterionStatus, string, IssueMention[]?]>([
    // status
    ['status-done', 'a done issue', {}, 'pass', 'Status is Done.'],
    ['status-done', 'an issue in review', { statusName: 'In Review', category: 'indeterminate' }, 'fail', 'Status is In Review, not done yet.'],
    ['status-done', 'a new issue', { statusName: 'To Do', category: 'new' }, 'fail', 'Status is To Do, not done yet.'],
    // resolution
    ['resolution-set', 'a resolved issue', { resolution: "Won't Do" }, 'pass', "Resolved as Won't Do."],
    ['resolution-set', 'an unresolved issue', { resolution: null }, 'fail', 'No resolution set.'],
    // fix version
    ['fix-version-set', 'an issue in SHOP 2.4', {}, 'pass', 'Fix version: SHOP 2.4.'],
    ['fix-version-set', 'an issue in two releases', { fixVersions: [SHOP_24, SHOP_25] }, 'pass', 'Fix version: SHOP 2.4, SHOP 2.5.'],
    ['fix-version-set', 'an issue in no release', { fixVersions: [] }, 'fail', 'No fix version set.'],
    // required fields (Stories only by default)
    ['required-fields', 'a story with components and estimate', {}, 'pass', 'Filled: Components, Story point estimate.'],
    ['required-fields', 'a story (any case) with components and estimate', { issueType: 'story' }, 'pass', 'Filled: Components, Story point estimate.'],
    ['required-fields', 'a story without components', { fields: { components: false, customfield_10016: true } }, 'fail', 'Missing: Components.'],
    ['required-fields', 'a story with neither', { fields: { components: false, customfield_10016: false } }, 'fail', 'Missing: Components, Story point estimate.'],
    ['required-fields', 'a story without components, its estimate not read yet', { fields: { components: false } }, 'fail', 'Missing: Components.'],
    ['required-fields', 'a story read before the field was required', { fields: { components: true } }, 'fail', 'Not read yet: Story point estimate (the next sync reads them).'],
    ['required-fields', 'a story read before either field was required', { fields: {} }, 'fail', 'Not read yet: Components, Story point estimate (the next sync reads them).'],
    ['required-fields', 'a bug (the criterion is for stories)', { issueType: 'Bug', fields: {} }, 'na', 'Not required for Bug issues.'],
    // sub-tasks
    ['subtasks-done', 'an issue without sub-tasks', {}, 'na', 'No sub-tasks.'],
    ['subtasks-done', 'an issue whose one sub-task is done', { subtasks: { total: 1, open: [] } }, 'pass', 'The sub-task is done.'],
    ['subtasks-done', 'an issue whose sub-tasks are done', { subtasks: { total: 3, open: [] } }, 'pass', 'All 3 sub-tasks are done.'],
    ['subtasks-done', 'an issue whose one sub-task is open', { subtasks: { total: 1, open: [aLinkedIssue({ key: 'SHOP-101' })] } }, 'fail', '1 of 1 sub-task still open: SHOP-101.', [open('SHOP-101')]],
    ['subtasks-done', 'an issue with open sub-tasks', { subtasks: { total: 3, open: [aLinkedIssue({ key: 'SHOP-101' }), aLinkedIssue({ key: 'SHOP-102', summary: '' })] } }, 'fail', '2 of 3 sub-tasks still open: SHOP-101, SHOP-102.', [open('SHOP-101'), { key: 'SHOP-102', statusName: 'In Progress' }]],
    [
      'subtasks-done',
      'an issue with more open sub-tasks than a reason lists',
      { subtasks: { total: 5, open: ['SHOP-101', 'SHOP-102', 'SHOP-103', 'SHOP-104'].map((key) => aLinkedIssue({ key })) } },
      'fail',
      '4 of 5 sub-tasks still open: SHOP-101, SHOP-102, SHOP-103 and 1 more.',
      ['SHOP-101', 'SHOP-102', 'SHOP-103', 'SHOP-104'].map((key) => open(key)),
    ],
    // open blockers
    ['no-open-blockers', 'an issue nothing blocks', {}, 'pass', 'Nothing blocks this issue.'],
    ['no-open-blockers', 'an issue whose blocker is done', { blockers: [aBlocker({ category: 'done', statusName: 'Done' })] }, 'pass', 'The blocker is done.'],
    ['no-open-blockers', 'an issue whose two blockers are done', { blockers: [aBlocker({ category: 'done' }), aBlocker({ key: 'SHOP-8', category: 'done' })] }, 'pass', 'All 2 blockers are done.'],
    ['no-open-blockers', 'an issue with an open blocker', { blockers: [aBlocker({ key: 'PAY-3' }), aBlocker({ key: 'SHOP-9', category: 'done' })] }, 'fail', 'Blocked by 1 open issue: PAY-3.', [open('PAY-3')]],
    ['no-open-blockers', 'an issue with two open blockers, one not started', { blockers: [aBlocker({ key: 'PAY-3' }), aBlocker({ key: 'PAY-4', category: 'new', statusName: 'To Do' })] }, 'fail', 'Blocked by 2 open issues: PAY-3, PAY-4.', [open('PAY-3'), { ...open('PAY-4'), statusName: 'To Do' }]],
    // blockers scheduled
    ['blockers-scheduled', 'an issue nothing blocks', {}, 'pass', 'Nothing blocks this issue.'],
    ['blockers-scheduled', 'a blocker in the same release', { blockers: [aBlocker()] }, 'pass', 'Every blocker ships with or before SHOP 2.4.'],
    ['blockers-scheduled', 'a blocker in an earlier release', { blockers: [aBlocker({ fixVersions: [inPay31] })] }, 'pass', 'Every blocker ships with or before SHOP 2.4.'],
    ['blockers-scheduled', 'a blocker in a release on the same day', { blockers: [aBlocker({ fixVersions: [{ ...inPay31, releaseDate: SHOP_24.releaseDate }] })] }, 'pass', 'Every blocker ships with or before SHOP 2.4.'],
    ['blockers-scheduled', 'a blocker in the same release and a later one', { blockers: [aBlocker({ fixVersions: [SHOP_25, SHOP_24] })] }, 'pass', 'Every blocker ships with or before SHOP 2.4.'],
    ['blockers-scheduled', 'a blocker in an earlier and a later release (the earlier counts)', { blockers: [aBlocker({ fixVersions: [SHOP_25, inPay31] })] }, 'pass', 'Every blocker ships with or before SHOP 2.4.'],
    ['blockers-scheduled', 'a blocker shipped already', { blockers: [aBlocker({ fixVersions: [SHOP_23] })] }, 'pass', 'Every blocker ships with or before SHOP 2.4.'],
    ['blockers-scheduled', 'a blocker shipped already and planned again later', { blockers: [aBlocker({ fixVersions: [SHOP_25, SHOP_23] })] }, 'pass', 'Every blocker ships with or before SHOP 2.4.'],
    ['blockers-scheduled', 'a done blocker in no release', { blockers: [aBlocker({ category: 'done', fixVersions: [] })] }, 'pass', 'Every blocker ships with or before SHOP 2.4.'],
    ['blockers-scheduled', 'a done blocker whose releases are unknown', { blockers: [aBlocker({ category: 'done', fixVersions: undefined })] }, 'pass', 'Every blocker ships with or before SHOP 2.4.'],
    ['blockers-scheduled', 'a blocker in a later release', { blockers: [aBlocker({ key: 'SHOP-9', fixVersions: [SHOP_25] })] }, 'fail', 'SHOP-9: it ships in SHOP 2.5 (8 Jan 2027), after SHOP 2.4 (3 Dec 2026).', [open('SHOP-9', 'in SHOP 2.5 (8 Jan 2027)')]],
    ['blockers-scheduled', 'a done blocker in a later release', { blockers: [aBlocker({ key: 'SHOP-9', category: 'done', statusName: 'Done', fixVersions: [SHOP_25] })] }, 'fail', 'SHOP-9: it ships in SHOP 2.5 (8 Jan 2027), after SHOP 2.4 (3 Dec 2026).', [{ ...open('SHOP-9', 'in SHOP 2.5 (8 Jan 2027)'), statusName: 'Done' }]],
    ['blockers-scheduled', 'an open blocker in no release', { blockers: [aBlocker({ key: 'SHOP-9', fixVersions: [] })] }, 'fail', 'SHOP-9: it is in no release.', [open('SHOP-9', 'in no release')]],
    ['blockers-scheduled', 'a blocker in an undated release', { blockers: [aBlocker({ key: 'SHOP-9', fixVersions: [SHOP_30] })] }, 'fail', 'SHOP-9: it is in SHOP 3.0, which has no release date.', [open('SHOP-9', 'in SHOP 3.0 (no date)')]],
    ['blockers-scheduled', 'a blocker in a later and an undated release (the dated counts)', { blockers: [aBlocker({ key: 'SHOP-9', fixVersions: [SHOP_30, SHOP_25] })] }, 'fail', 'SHOP-9: it ships in SHOP 2.5 (8 Jan 2027), after SHOP 2.4 (3 Dec 2026).', [open('SHOP-9', 'in SHOP 2.5 (8 Jan 2027)')]],
    ['blockers-scheduled', 'an open blocker whose releases are unknown', { blockers: [aBlocker({ key: 'SHOP-9', fixVersions: undefined })] }, 'fail', 'SHOP-9: its fix versions are not known yet.', [open('SHOP-9', 'releases unknown')]],
    [
      'blockers-scheduled',
      'two late blockers',
      { blockers: [aBlocker({ key: 'SHOP-9', fixVersions: [] }), aBlocker(), aBlocker({ key: 'SHOP-10', fixVersions: [SHOP_25] })] },
      'fail',
      '2 blockers will not ship in time: SHOP-9, SHOP-10.',
      [open('SHOP-9', 'in no release'), open('SHOP-10', 'in SHOP 2.5 (8 Jan 2027)')],
    ],
    ['blockers-scheduled', 'an issue without fix version but with a blocker', { fixVersions: [], blockers: [aBlocker()] }, 'na', 'No fix version to compare the blockers’ releases with.'],
    ['blockers-scheduled', 'an issue in an undated release, its blocker in a dated one', { fixVersions: [SHOP_30], blockers: [aBlocker({ fixVersions: [SHOP_25] })] }, 'pass', 'Every blocker ships with or before SHOP 3.0.'],
    ['blockers-scheduled', 'an issue in an undated release, its blocker in another undated one', { fixVersions: [SHOP_30], blockers: [aBlocker({ fixVersions: [{ ...SHOP_30, id: '10012', name: 'PAY 4.0' }] })] }, 'pass', 'Every blocker ships with or before SHOP 3.0.'],
    ['blockers-scheduled', 'an issue in an undated release, its blocker in the same', { fixVersions: [SHOP_30], blockers: [aBlocker({ fixVersions: [SHOP_30] })] }, 'pass', 'Every blocker ships with or before SHOP 3.0.'],
    // linked bugs (High or above by default)
    ['no-open-bugs', 'no linked bugs', {}, 'pass', 'No open linked bug at High or above.'],
    ['no-open-bugs', 'an open Medium bug', { linked: [aLinkedIssue({ issueType: 'Bug', priority: 'Medium' })] }, 'pass', 'No open linked bug at High or above.'],
    ['no-open-bugs', 'an open bug without priority', { linked: [aLinkedIssue({ issueType: 'Bug', priority: undefined })] }, 'pass', 'No open linked bug at High or above.'],
    ['no-open-bugs', 'an open bug of a priority not in the scheme', { linked: [aLinkedIssue({ issueType: 'Bug', priority: 'Blocker' })] }, 'pass', 'No open linked bug at High or above.'],
    ['no-open-bugs', 'a done Highest bug', { linked: [aLinkedIssue({ issueType: 'Bug', priority: 'Highest', category: 'done' })] }, 'pass', 'No open linked bug at High or above.'],
    ['no-open-bugs', 'an open High task', { linked: [aLinkedIssue({ issueType: 'Task', priority: 'High' })] }, 'pass', 'No open linked bug at High or above.'],
    ['no-open-bugs', 'an open High bug', { linked: [aLinkedIssue({ key: 'SHOP-77', issueType: 'Bug', priority: 'High' })] }, 'fail', '1 open linked bug at High or above: SHOP-77.', [open('SHOP-77', 'High')]],
    ['no-open-bugs', 'an open high bug (priority and type in another case)', { linked: [aLinkedIssue({ key: 'SHOP-77', issueType: 'BUG', priority: 'high' })] }, 'fail', '1 open linked bug at High or above: SHOP-77.', [open('SHOP-77', 'high')]],
    [
      'no-open-bugs',
      'an open Highest bug that also blocks, linked twice',
      { blockers: [aBlocker({ key: 'SHOP-78', issueType: 'Bug', priority: 'Highest' })], linked: [aLinkedIssue({ key: 'SHOP-78', issueType: 'Bug', priority: 'Highest' }), aLinkedIssue({ key: 'SHOP-79', issueType: 'Bug', priority: 'High' })] },
      'fail',
      '2 open linked bugs at High or above: SHOP-78, SHOP-79.',
      [open('SHOP-78', 'Highest'), open('SHOP-79', 'High')],
    ],
    // flagged
    ['not-flagged', 'an unflagged issue', {}, 'pass', 'Not flagged.'],
    ['not-flagged', 'a flagged issue', { flagged: true }, 'fail', 'Flagged as an impediment.'],
  ])('%s: %s', (...[criterionId, _case, overrides, status, reason, issues]) => {
    const { id, kind, label, severity } = policyWith(criterionId).criteria[0]!;
    expect(only(criterionId, aReadyStory(overrides))).toEqual({ id, kind, label, severity, status, reason, ...(issues ? { issues } : {}) });
  });

  const qaCheck = policyWith('qa-passed').criteria[0] as ManualCheck;
  it.each<[string, Partial<ManualCheck>, Partial<IssueFacts>, ReadonlyMap<string, SignedCheck>, CriterionStatus, string]>([
    ['a check signed by Priya Shah', {}, {}, new Map([['qa-passed', { by: 'Priya Shah' }]]), 'pass', 'Signed off by Priya Shah.'],
    ['a check signed, the signer not known', {}, {}, new Map([['qa-passed', {}]]), 'pass', 'Signed off.'],
    ['an unsigned check', {}, {}, new Map([['code-reviewed', { by: 'Dana Kowalski' }]]), 'fail', 'Waiting for sign-off (qa-team).'],
    ['an unsigned check two groups and a person may sign', { groups: ['qa-team', 'release-managers'], accountIds: ['acc-lead'] }, {}, new Map(), 'fail', 'Waiting for sign-off (qa-team, release-managers, 1 named person).'],
    ['an unsigned check only named people may sign', { groups: [], accountIds: ['acc-1', 'acc-2'] }, {}, new Map(), 'fail', 'Waiting for sign-off (2 named people).'],
    ['a check on a sub-task (the check is for stories, tasks, bugs)', {}, { issueType: 'Sub-task', subtask: true }, new Map(), 'na', 'Not required for Sub-task issues.'],
  ])('manual check: %s', (_case, check, overrides, signed, status, reason) => {
    const policy = { ...defaultPolicy(), criteria: [{ ...qaCheck, ...check }] };
    expect(judge(policy, aReadyStory(overrides), signed).results).toEqual([{ id: 'qa-passed', kind: 'manual', label: 'QA passed', severity: 'blocking', status, reason }]);
  });

  it('compares blockers with release dates read now rather than those stored with the facts', () => {
    const facts = aReadyStory({ blockers: [aBlocker({ fixVersions: [{ ...SHOP_25, releaseDate: '2026-12-01' }] })] });
    expect(judge(policyWith('blockers-scheduled'), facts).results[0]!.status).toBe('pass');
    expect(judge(policyWith('blockers-scheduled'), facts, ALL_SIGNED, new Map([[SHOP_25.id, '2027-01-08']])).results[0]!.status).toBe('fail');
  });

  it.each<[string, Map<string, string | undefined>, CriterionStatus, string]>([
    ['SHOP 2.4 moved after SHOP 2.5', new Map([[SHOP_24.id, '2027-02-01']]), 'pass', 'Every blocker ships with or before SHOP 2.4.'],
    ['SHOP 2.4 moved, still before SHOP 2.5', new Map([[SHOP_24.id, '2026-12-10']]), 'fail', 'SHOP-9: it ships in SHOP 2.5 (8 Jan 2027), after SHOP 2.4 (10 Dec 2026).'],
    ['SHOP 2.4’s date cleared: nothing to be later than', new Map([[SHOP_24.id, undefined]]), 'pass', 'Every blocker ships with or before SHOP 2.4.'],
    ['SHOP 2.5’s date cleared', new Map([[SHOP_25.id, undefined]]), 'fail', 'SHOP-9: it is in SHOP 2.5, which has no release date.'],
  ])('compares a blocker in SHOP 2.5 with the dates read now: %s', (_case, releaseDates, status, reason) => {
    const facts = aReadyStory({ blockers: [aBlocker({ key: 'SHOP-9', fixVersions: [SHOP_25] })] });
    expect(judge(policyWith('blockers-scheduled'), facts, ALL_SIGNED, releaseDates).results[0]).toMatchObject({ status, reason });
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
  const verdict = (e: Evaluation) => [e.rag, e.ragReason, e.daysLeft, e.ready, e.readyForReleaseDate];
  const without = (id: string) => new Map([...ALL_SIGNED].filter(([signed]) => signed !== id));
  it.each<[string, Partial<IssueFacts>, ReadonlyMap<string, SignedCheck>, ReturnType<typeof verdict>]>([
    ['everything met, release in 9 days', {}, ALL_SIGNED, ['green', 'Every criterion that applies is met.', 9, true, true]],
    ['a blocking criterion fails', { resolution: null }, ALL_SIGNED, ['red', 'A blocking criterion fails: Resolution set.', 9, false, false]],
    ['several blocking criteria fail', { category: 'indeterminate', statusName: 'In Progress', resolution: null }, ALL_SIGNED, ['red', '2 blocking criteria fail: Done in Jira, Resolution set.', 9, false, false]],
    ['blocking and advisory fail', { flagged: true, resolution: null }, ALL_SIGNED, ['red', 'A blocking criterion fails: Resolution set.', 9, false, false]],
    ['only an advisory fails', { flagged: true }, ALL_SIGNED, ['amber', 'Only advisory criteria fail: Not flagged.', 9, true, true]],
    ['two advisories fail', { flagged: true }, without('release-note'), ['amber', 'Only advisory criteria fail: Not flagged, Docs and release note written.', 9, true, true]],
    ['a blocking sign-off is missing', {}, without('qa-passed'), ['red', 'A blocking criterion fails: QA passed.', 9, false, false]],
    ['a sub-task still open', { subtasks: { total: 2, open: [aLinkedIssue()] } }, ALL_SIGNED, ['red', 'A blocking criterion fails: All sub-tasks done.', 9, false, false]],
    ['no fix version', { fixVersions: [] }, ALL_SIGNED, ['red', 'A blocking criterion fails: Fix version set.', null, false, null]],
    ['released already', { fixVersions: [SHOP_23] }, ALL_SIGNED, ['green', 'Every criterion that applies is met.', null, true, null]],
    ['no release date', { fixVersions: [SHOP_30] }, ALL_SIGNED, ['green', 'Every criterion that applies is met.', null, true, null]],
    ['a release date that is no day', { fixVersions: [{ ...SHOP_24, releaseDate: '2026-12-32' }] }, ALL_SIGNED, ['green', 'Every criterion that applies is met.', null, true, null]],
  ])('%s', (_case, overrides, signed, expected) => {
    expect(verdict(judge(defaultPolicy(), aReadyStory(overrides), signed))).toEqual(expected);
  });

  // "Work open" only matters when no criterion catches it, e.g. a policy without "Done in Jira".
  const lenient: ReadinessPolicy = { ...defaultPolicy(), criteria: defaultPolicy().criteria.filter((c) => c.id !== 'status-done' && c.id !== 'subtasks-done') };
  const inProgress = { category: 'indeterminate' as const, statusName: 'In Progress' };
  const dueOn = (releaseDate: string) => ({ fixVersions: [{ ...SHOP_24, releaseDate }] });
  it.each<[string, Partial<IssueFacts>, number, 'amber' | 'green', string]>([
    ['release in 3 days, issue still in progress', { ...dueOn('2026-11-27'), ...inProgress }, 5, 'amber', 'The release is in 3 days and work is still open.'],
    ['release tomorrow, issue still in progress', { ...dueOn('2026-11-25'), ...inProgress }, 5, 'amber', 'The release is in 1 day and work is still open.'],
    ['release today, a sub-task open', { ...dueOn(TODAY), subtasks: { total: 1, open: [aLinkedIssue()] } }, 5, 'amber', 'The release is today and work is still open.'],
    ['release date passed yesterday, issue not started', { ...dueOn('2026-11-23'), category: 'new', statusName: 'To Do' }, 5, 'amber', 'The release date passed 1 day ago and work is still open.'],
    ['release date passed 4 days ago, issue in progress', { ...dueOn('2026-11-20'), ...inProgress }, 5, 'amber', 'The release date passed 4 days ago and work is still open.'],
    ['release in 3 days, all work done', dueOn('2026-11-27'), 5, 'green', 'Every criterion that applies is met.'],
    ['release date passed, all work done', dueOn('2026-11-20'), 5, 'green', 'Every criterion that applies is met.'],
    ['release in 9 days, issue in progress', inProgress, 5, 'green', 'Every criterion that applies is met.'],
    ['release in 3 days, window of 2 days', { ...dueOn('2026-11-27'), ...inProgress }, 2, 'green', 'Every criterion that applies is met.'],
    // The window includes its last day: "close" means days left ≤ the window.
    ['release in 3 days, window of exactly 3 days', { ...dueOn('2026-11-27'), ...inProgress }, 3, 'amber', 'The release is in 3 days and work is still open.'],
    ['release today, window of 0 days', { ...dueOn(TODAY), ...inProgress }, 0, 'amber', 'The release is today and work is still open.'],
    ['release tomorrow, window of 0 days', { ...dueOn('2026-11-25'), ...inProgress }, 0, 'green', 'Every criterion that applies is met.'],
    ['no release date, issue in progress', { fixVersions: [SHOP_30], ...inProgress }, 5, 'green', 'Every criterion that applies is met.'],
  ])('%s → %s', (_case, overrides, closeDays, rag, ragReason) => {
    expect(judge({ ...lenient, closeDays }, aReadyStory(overrides))).toMatchObject({ rag, ragReason });
  });

  it('is Red, not Amber, when the release is close and a blocking criterion fails', () => {
    expect(judge(defaultPolicy(), aReadyStory({ fixVersions: [close], category: 'indeterminate', statusName: 'In Progress' })).rag).toBe('red');
  });

  it.each<[string, number | null, 'amber' | 'green', number | null]>([
    ['2 days left, as the roll-up counted them for the whole release', 2, 'amber', 2],
    ['no days left to count (the summary judges without a day)', null, 'green', null],
  ])('takes the days left the caller gives: %s', (_case, daysLeft, rag, days) => {
    const evaluation = evaluateReadiness({ policy: lenient, facts: aReadyStory(inProgress), signed: ALL_SIGNED, release: primaryRelease([SHOP_24]), today: TODAY, daysLeft });
    expect([evaluation.rag, evaluation.daysLeft]).toEqual([rag, days]);
  });
});

describe('the release an issue is judged against', () => {
  const sameDay = { id: '10008', name: 'SHOP 2.4.1', releaseDate: SHOP_24.releaseDate, released: false };
  const older = { id: '10002', name: 'SHOP 2.2', releaseDate: '2026-09-15', released: true };
  it.each<[string, VersionRef[], ReleaseTarget]>([
    ['the only fix version', [SHOP_24], { id: '10005', name: 'SHOP 2.4', releaseDate: '2026-12-03', released: false }],
    ['the earliest unreleased of several', [SHOP_25, SHOP_24, SHOP_30], { id: '10005', name: 'SHOP 2.4', releaseDate: '2026-12-03', released: false }],
    ['of two on one day, the first by name', [sameDay, SHOP_24], { id: '10005', name: 'SHOP 2.4', releaseDate: '2026-12-03', released: false }],
    ['a dated one before an undated one', [SHOP_30, SHOP_25], { id: '10006', name: 'SHOP 2.5', releaseDate: '2027-01-08', released: false }],
    ['an undated one when it is the only unreleased', [SHOP_23, SHOP_30], { id: '10007', name: 'SHOP 3.0', released: false }],
    ['an unreleased one over a released one', [SHOP_23, SHOP_25], { id: '10006', name: 'SHOP 2.5', releaseDate: '2027-01-08', released: false }],
    ['the latest released one when all are released', [SHOP_23, older], { id: '10003', name: 'SHOP 2.3', releaseDate: '2026-10-20', released: true }],
  ])('%s', (_case, versions, target) => {
    expect(primaryRelease(versions)).toEqual(target);
  });

  it('is none without fix version', () => expect(primaryRelease([])).toBeUndefined());

  it.each<[string, ReleaseTarget | undefined, Map<string, string | undefined> | undefined, number | null]>([
    ['SHOP 2.4 on 3 Dec', SHOP_24, undefined, 9],
    ['a release whose date passed on 20 Nov', { ...SHOP_24, releaseDate: '2026-11-20' }, undefined, -4],
    ['a release without date', SHOP_30, undefined, null],
    ['a released release', SHOP_23, undefined, null],
    ['no release', undefined, undefined, null],
    ['SHOP 2.4, moved in Jira to 1 Dec', SHOP_24, new Map([[SHOP_24.id, '2026-12-01']]), 7],
    ['SHOP 2.4, its date cleared in Jira', SHOP_24, new Map([[SHOP_24.id, undefined]]), null],
    ['SHOP 2.4, another release moved in Jira', SHOP_24, new Map([[SHOP_25.id, '2026-12-01']]), 9],
  ])('%s is %s days away on 24 Nov 2026', (_case, release, releaseDates, days) => {
    expect(daysLeftFor(release, TODAY, releaseDates)).toBe(days);
  });
});

describe('dates in reasons', () => {
  it.each([
    ['2027-01-08', '8 Jan 2027'],
    ['2026-12-31', '31 Dec 2026'],
    ['2026-13-01', '2026-13-01'],
    ['2026-00-10', '2026-00-10'],
    ['2026-1-8', '2026-1-8'],
    ['on 2026-12-03', 'on 2026-12-03'],
    ['2026-12-03T10:00', '2026-12-03T10:00'],
  ])('%s reads %s', (date, text) => {
    expect(dayText(date)).toBe(text);
  });
});
