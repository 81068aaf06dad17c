import type { ReadinessPolicy } from '../../../src/domain/readiness/policy';
import { defaultPolicy } from '../../../src/domain/readiness/policy';
import { type RollupIssue, type ShardEntry, blockingOrder } from '../../../src/domain/readiness/rollup';
import {
  type Contribution,
  type ReadinessSummary,
  complete,
  contributionOf,
  datesDiffer,
  datesOfEntry,
  emptySummary,
  healthOfSummary,
  judgedDates,
  liveDates,
  sameSummary,
  summarizeRelease,
  withEntryChange,
} from '../../../src/domain/readiness/summary';
import { SHOP_23, SHOP_24, SHOP_25, SHOP_30, aBlocker, aLinkedIssue, anEntry } from '../../support/readiness-builders';

const policy = defaultPolicy();
const READ = Date.parse('2026-11-24T10:00:00Z');
const entry = (over: Partial<ShardEntry> = {}) => anEntry({ id: '1', key: 'SHOP-1', observed: READ, ...over });
const ALL_CHECKS = ['qa-passed', 'code-reviewed', 'release-note'];
const green: Contribution = { key: 'SHOP-1', summary: 'Pay with saved cards', done: true, klass: 'green', failing: [], openBug: false, blockedByOpen: false, pending: [] };

describe('what one issue adds to its release’s summary', () => {
  // A policy without "Done in Jira": work still open fails nothing, it is Amber only near the date.
  const lenient: ReadinessPolicy = { ...policy, criteria: policy.criteria.filter((c) => c.id !== 'status-done' && c.id !== 'subtasks-done') };
  it.each<[string, ReadinessPolicy, Partial<ShardEntry>, Contribution]>([
    ['a done, signed story', policy, {}, green],
    ['a flagged story: advisory', policy, { flagged: true }, { ...green, klass: 'advisory', failing: ['not-flagged'] }],
    ['a story in progress, nothing failing: open work', lenient, { category: 'indeterminate', statusName: 'In Progress' }, { ...green, done: false, klass: 'openWork' }],
    ['a done story with a sub-task open, nothing failing: open work', lenient, { subtasks: { total: 1, open: [aLinkedIssue()] } }, { ...green, klass: 'openWork' }],
    [
      'an unresolved story nobody signed: red, owing every sign-off',
      policy,
      { resolution: null, s: [] },
      {
        ...green,
        klass: 'red',
        failing: ['resolution-set', 'qa-passed', 'code-reviewed', 'release-note'],
        blocking: { key: 'SHOP-1', summary: 'Pay with saved cards', rag: 'red', statusName: 'Done', failing: ['Resolution set', 'QA passed', 'Code reviewed'], mentions: [], issueType: 'Story', priority: 'Medium' },
        pending: ALL_CHECKS,
      },
    ],
    [
      'an unprioritised task blocked by an open issue, owing the checks tasks need',
      policy,
      { issueType: 'Task', priority: undefined, s: ['code-reviewed'], blockers: [aBlocker({ key: 'PAY-9' })] },
      {
        ...green,
        klass: 'red',
        failing: ['no-open-blockers', 'qa-passed'],
        blockedByOpen: true,
        blocking: { key: 'SHOP-1', summary: 'Pay with saved cards', rag: 'red', statusName: 'Done', failing: ['No open blockers', 'QA passed'], mentions: ['PAY-9'], issueType: 'Task' },
        pending: ['qa-passed'],
      },
    ],
    ['a story whose blocker is done', policy, { blockers: [aBlocker({ category: 'done' })] }, green],
  ])('%s', (_case, p, over, expected) => {
    expect(contributionOf(p, SHOP_24.id, entry(over))).toEqual(expected);
  });

  it.each<[string, Partial<ShardEntry>, boolean]>([
    ['an open High bug', { issueType: 'Bug', priority: 'High', category: 'new' }, true],
    ['an open Highest BUG', { issueType: 'BUG', priority: 'Highest', category: 'indeterminate' }, true],
    ['an open Medium bug', { issueType: 'Bug', priority: 'Medium', category: 'new' }, false],
    ['a done High bug', { issueType: 'Bug', priority: 'High' }, false],
    ['an open High task', { issueType: 'Task', priority: 'High', category: 'new' }, false],
  ])('counts %s among the open bugs for Go/No-Go: %s', (_case, over, openBug) => {
    expect(contributionOf(policy, SHOP_24.id, entry(over)).openBug).toBe(openBug);
  });

  it('judges "Blockers ship no later" with the dates given, else with those read with the issue', () => {
    const blocked = entry({ blockers: [aBlocker({ key: 'PAY-9', fixVersions: [SHOP_25] }), aBlocker({ key: 'PAY-10', category: 'done', fixVersions: [{ ...SHOP_25, id: '20002', releaseDate: '2026-12-01' }] })] });
    expect(contributionOf(policy, SHOP_24.id, blocked).failing).toEqual(['no-open-blockers', 'blockers-scheduled']);
    expect(contributionOf(policy, SHOP_24.id, blocked, { [SHOP_25.id]: ['2026-12-02', READ], '20002': ['2027-01-20', READ] }).failing).toEqual(['no-open-blockers', 'blockers-scheduled']);
    expect(contributionOf(policy, SHOP_24.id, blocked, { [SHOP_25.id]: ['2026-12-02', READ] }).failing).toEqual(['no-open-blockers']);
    expect(contributionOf(policy, SHOP_24.id, blocked, { [SHOP_24.id]: ['2027-02-01', READ] }).failing).toEqual(['no-open-blockers']);
  });

  it('judges an issue against the release of the summary, not its earliest one', () => {
    const inTwo = entry({ fixVersions: [SHOP_24, SHOP_25], blockers: [aBlocker({ category: 'done', fixVersions: [SHOP_25] })] });
    expect([contributionOf(policy, SHOP_24.id, inTwo).failing, contributionOf(policy, SHOP_25.id, inTwo).failing]).toEqual([['blockers-scheduled'], []]);
    // Read before it left SHOP 2.4 for SHOP 2.5: judged without a date, nothing ships late.
    const inShop26 = aBlocker({ category: 'done', fixVersions: [{ id: '10009', name: 'SHOP 2.6', releaseDate: '2027-02-01', released: false }] });
    expect(contributionOf(policy, SHOP_24.id, entry({ fixVersions: [SHOP_25], blockers: [inShop26] }))).toEqual(green);
  });
});

describe('the release dates a summary is judged with', () => {
  it.each<[string, Partial<ShardEntry>, Array<[string, string | null]>]>([
    ['an issue of SHOP 2.4 with no blocker', {}, [[SHOP_24.id, '2026-12-03']]],
    ['an issue whose release has no date', { fixVersions: [{ ...SHOP_24, releaseDate: undefined }] }, [[SHOP_24.id, null]]],
    ['an issue no longer in the release', { fixVersions: [SHOP_25] }, [[SHOP_24.id, null]]],
    [
      'an issue with blockers in released, undated, unknown and later releases',
      { blockers: [aBlocker({ fixVersions: [SHOP_23, SHOP_25] }), aBlocker({ fixVersions: [SHOP_30] }), aBlocker({ fixVersions: undefined })] },
      [
        [SHOP_24.id, '2026-12-03'],
        [SHOP_25.id, '2027-01-08'],
        [SHOP_30.id, null],
      ],
    ],
  ])('of one issue: %s', (_case, over, dates) => {
    expect([...datesOfEntry(SHOP_24.id, entry(over))]).toEqual(dates);
  });

  const movedB = (releaseDate: string, observed: number, id: string) => entry({ id, key: `SHOP-${id}`, observed, blockers: [aBlocker({ fixVersions: [{ ...SHOP_25, releaseDate }] })] });
  it('takes for each release the date of the latest read, then Jira’s live dates known as late or later', () => {
    const entries = [movedB('2027-01-08', READ, '1'), movedB('2027-01-15', READ + 5, '2'), movedB('2027-01-01', READ - 5, '3')];
    expect(judgedDates(SHOP_24.id, entries)).toEqual({ [SHOP_24.id]: ['2026-12-03', READ + 5], [SHOP_25.id]: ['2027-01-15', READ + 5] });
    expect(judgedDates(SHOP_24.id, entries, { [SHOP_25.id]: ['2027-02-01', READ + 5], [SHOP_24.id]: ['2026-12-10', READ + 4], [SHOP_30.id]: [null, READ + 9] })).toEqual({
      [SHOP_24.id]: ['2026-12-03', READ + 5],
      [SHOP_25.id]: ['2027-02-01', READ + 5],
    });
    expect(judgedDates(SHOP_24.id, [])).toEqual({});
  });

  it('of two reads at the same instant with different dates, keeps the first', () => {
    expect(judgedDates(SHOP_24.id, [movedB('2027-01-08', READ, '1'), movedB('2027-01-15', READ, '2')])[SHOP_25.id]).toEqual(['2027-01-08', READ]);
  });

  it('reads Jira’s live dates, a cleared one as none', () => {
    expect(liveDates(new Map([[SHOP_24.id, '2026-12-03'], [SHOP_30.id, undefined]]), READ)).toEqual({ [SHOP_24.id]: ['2026-12-03', READ], [SHOP_30.id]: [null, READ] });
  });

  const judged = { ...emptySummary(SHOP_24.id, 1, ''), dates: { [SHOP_24.id]: ['2026-12-03', READ], [SHOP_30.id]: [null, READ] } } as ReadinessSummary;
  it.each<[string, ReadinessSummary, Map<string, string | undefined>, boolean]>([
    ['the same dates', judged, new Map([[SHOP_24.id, '2026-12-03'], [SHOP_30.id, undefined]]), false],
    ['dates of other releases only', judged, new Map([[SHOP_25.id, '2027-03-01']]), false],
    ['SHOP 2.4 moved', judged, new Map([[SHOP_24.id, '2026-12-04']]), true],
    ['SHOP 3.0 given a date', judged, new Map([[SHOP_30.id, '2027-06-01']]), true],
    ['SHOP 2.4’s date cleared', judged, new Map([[SHOP_24.id, undefined]]), true],
    ['a summary written before dates were recorded', emptySummary(SHOP_24.id, 1, ''), new Map(), true],
  ])('differ from Jira’s live ones, %s: %s', (_case, summary, live, differ) => {
    expect(datesDiffer(summary, live)).toBe(differ);
  });
});

describe('the order of red issues in a summary', () => {
  const red = (key: string, failing: number): RollupIssue => ({ key, summary: '', rag: 'red', statusName: 'To Do', failing: Array.from({ length: failing }, (_, i) => `c${i}`), mentions: [] });
  it('puts the issues failing most criteria first, then by project, then by number', () => {
    const issues = [red('SHOP-10', 1), red('SHOP-9', 1), red('PAY-12', 1), red('SHOP-2', 2), red('SHOP-100', 1)];
    expect([...issues].sort(blockingOrder).map((i) => i.key)).toEqual(['SHOP-2', 'PAY-12', 'SHOP-9', 'SHOP-10', 'SHOP-100']);
    expect(blockingOrder(red('SHOP-9', 1), red('SHOP-9', 1))).toBe(0);
  });
});

describe('whether a summary still holds what readers show', () => {
  const issue = (n: number) => ({ key: `SHOP-${n}`, summary: '', rag: 'red' as const, statusName: 'To Do', failing: ['Resolution set'], mentions: [], issueType: 'Story' });
  const pendingSet = (count: number, first: number) => ({ checks: ['qa-passed'], count, first: Array.from({ length: first }, (_, i) => ({ key: `SHOP-${i}`, summary: '' })) });
  const summary = (red: number, blocking: number, pending: ReadinessSummary['pending'] = []): ReadinessSummary => ({ ...emptySummary(SHOP_24.id, 1, ''), red, blocking: Array.from({ length: blocking }, (_, i) => issue(i)), pending });
  it.each<[string, ReadinessSummary, boolean]>([
    ['every red issue listed', summary(3, 3), true],
    ['a red issue missing', summary(3, 2), false],
    ['25 of 40 red issues listed (all a reader shows)', summary(40, 25), true],
    ['24 of 40 red issues listed', summary(40, 24), false],
    ['the first 5 of 8 issues owing QA', summary(0, 0, [pendingSet(8, 5)]), true],
    ['the first 4 of 8 issues owing QA', summary(0, 0, [pendingSet(8, 4)]), false],
    ['2 of 2 issues owing QA', summary(0, 0, [pendingSet(2, 2)]), true],
    ['1 of 2 issues owing QA', summary(0, 0, [pendingSet(2, 1)]), false],
  ])('%s: %s', (_case, s, expected) => {
    expect(complete(s)).toBe(expected);
  });
});

describe('comparing summaries and reading a release’s health from one', () => {
  const one = { ...emptySummary(SHOP_24.id, 1, '2026-11-24T10:00:00.000Z'), total: 4, done: 2, red: 1 };
  it.each<[string, ReadinessSummary | undefined, boolean]>([
    ['the same one written later', { ...one, updatedAt: '2026-11-24T11:00:00.000Z' }, true],
    ['one with another count', { ...one, done: 3 }, false],
    ['none', undefined, false],
  ])('%s is the same summary: %s', (_case, other, same) => {
    expect(sameSummary(other, one)).toBe(same);
  });

  it('reads health from the counts: 2 of 4 done, one not ready, 3 days left', () => {
    expect(healthOfSummary(one, 'in-progress', 3)).toMatchObject({ key: 'at-risk', reason: 'Due in 3 days with 50% done (under 80%).' });
    expect(healthOfSummary({ ...one, done: 4 }, 'in-progress', 3)).toMatchObject({ key: 'at-risk', reason: 'Due in 3 days with 1 issue not ready.' });
  });
});

describe('keeping a summary current one changed issue at a time', () => {
  const meta = { versionId: SHOP_24.id, policyRev: 1, rollupRev: 7, updatedAt: '2026-11-24T10:00:00.000Z' };
  const ready = (n: number, over: Partial<ShardEntry> = {}) => anEntry({ id: String(n), key: `SHOP-${n}`, summary: `Issue ${n}`, observed: READ, ...over });
  const red = (n: number) => ready(n, { resolution: null, s: ['code-reviewed'] });

  it.each<[string, ShardEntry[], { before?: ShardEntry; after?: ShardEntry }, ShardEntry[]]>([
    ['a red issue added', [ready(1), red(3)], { after: red(2) }, [ready(1), red(2), red(3)]],
    ['a red issue fixed', [ready(1), red(2), red(3)], { before: red(2), after: ready(2) }, [ready(1), ready(2), red(3)]],
    ['the last red issue fixed', [ready(1), red(2)], { before: red(2), after: ready(2) }, [ready(1), ready(2)]],
    ['a red issue removed', [ready(1), red(2), red(3)], { before: red(2) }, [ready(1), red(3)]],
    ['an issue added that owes a sign-off others owe too', [red(3)], { after: red(2) }, [red(2), red(3)]],
  ])('%s: the summary a rebuild gives, two writes later', (_case, entries, change, after) => {
    const next = withEntryChange(summarizeRelease(policy, meta, entries), policy, { ...change, writes: 2, updatedAt: '2026-11-24T11:00:00.000Z' });
    expect(next).toEqual(summarizeRelease(policy, { ...meta, rollupRev: 9, updatedAt: '2026-11-24T11:00:00.000Z' }, after));
  });

  it('takes the date of a release it had none of from the issue that brings it, with when it was read', () => {
    const blocked = ready(2, { observed: READ + 5, blockers: [aBlocker({ category: 'done', fixVersions: [SHOP_25] })] });
    const next = withEntryChange(summarizeRelease(policy, meta, [ready(1)]), policy, { after: blocked, writes: 1, updatedAt: '' });
    expect(next?.dates).toEqual({ [SHOP_24.id]: ['2026-12-03', READ], [SHOP_25.id]: ['2027-01-08', READ + 5] });
    expect(next?.failing).toEqual({ 'blockers-scheduled': 1 });
  });

  it('keeps the dates it was judged with when an issue read earlier or with the same date changes', () => {
    const summary = summarizeRelease(policy, meta, [ready(1)]);
    const earlier = ready(2, { observed: READ - 5, fixVersions: [{ ...SHOP_24, releaseDate: '2026-12-10' }] });
    const sameDate = ready(2, { observed: READ + 5 });
    const sameInstant = ready(2, { fixVersions: [{ ...SHOP_24, releaseDate: '2026-12-10' }] });
    expect(withEntryChange(summary, policy, { after: sameInstant, writes: 1, updatedAt: '' })?.dates).toEqual({ [SHOP_24.id]: ['2026-12-03', READ] });
    expect(withEntryChange(summary, policy, { after: earlier, writes: 1, updatedAt: '' })?.dates).toEqual({ [SHOP_24.id]: ['2026-12-03', READ] });
    expect(withEntryChange(summary, policy, { after: sameDate, writes: 1, updatedAt: '' })?.dates).toEqual({ [SHOP_24.id]: ['2026-12-03', READ] });
  });

  it('asks for a rebuild of a summary written before dates were recorded', () => {
    const { dates: _dates, ...old } = summarizeRelease(policy, meta, [ready(1)]);
    expect(withEntryChange(old, policy, { after: ready(2), writes: 1, updatedAt: '' })).toBeUndefined();
  });
});
