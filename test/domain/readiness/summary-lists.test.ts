import type { CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { daysLeftFor } from '../../../src/domain/readiness/evaluate';
import { type ManualCheck, type ReadinessPolicy, defaultPolicy } from '../../../src/domain/readiness/policy';
import { type ShardEntry, rollUpRelease } from '../../../src/domain/readiness/rollup';
import { type ReadinessSummary, emptySummary, rollupOfSummary, summarizeRelease, withEntryChange } from '../../../src/domain/readiness/summary';
import { SHOP_24, anEntry } from '../../support/readiness-builders';

const policy = defaultPolicy();
const meta = { versionId: SHOP_24.id, policyRev: 1, rollupRev: 7, updatedAt: '2026-11-24T10:00:00.000Z' };
const issue = (n: number, over: Partial<ShardEntry> = {}) => anEntry({ id: String(n), key: `SHOP-${n}`, summary: `Issue ${n}`, ...over });
/** Red for one reason (no resolution), every check signed. */
const red = (n: number) => issue(n, { resolution: null });
/** Ready but for the QA sign-off it owes (which also makes it red). */
const owingQa = (n: number) => issue(n, { s: ['code-reviewed', 'release-note'] });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const change = (summary: ReadinessSummary, c: { before?: ShardEntry; after?: ShardEntry }) => withEntryChange(summary, policy, { ...c, writes: 1, updatedAt: meta.updatedAt });

describe('a new summary', () => {
  it('counts nothing and lists nothing', () => {
    expect(emptySummary(SHOP_24.id, 3, meta.updatedAt)).toEqual({
      versionId: SHOP_24.id, policyRev: 3, rollupRev: 0, updatedAt: meta.updatedAt, total: 0, done: 0, red: 0, advisory: 0, openWork: 0, failing: {}, openBugs: 0, blockedByOpen: 0, blocking: [], pending: [],
    });
  });

  it('of a release being built says when its roll-up was built, once it was', () => {
    expect(summarizeRelease(policy, { ...meta, builtAt: '2026-11-24T09:00:00.000Z' }, [issue(1)]).builtAt).toBe('2026-11-24T09:00:00.000Z');
    expect(summarizeRelease(policy, meta, [issue(1)])).not.toHaveProperty('builtAt');
  });
});

describe('the issues a summary lists as owing sign-offs', () => {
  it('keeps the first 10 by key (SHOP-9 before SHOP-10) of each set of checks, and counts them all', () => {
    const summary = summarizeRelease(policy, meta, range(1, 12).reverse().map(owingQa));
    expect(summary.pending).toEqual([{ checks: ['qa-passed'], count: 12, first: range(1, 10).map((n) => ({ key: `SHOP-${n}`, summary: `Issue ${n}` })) }]);
  });

  it('tells sets of checks apart even when their ids run together', () => {
    const check = (id: string): ManualCheck => ({ id, kind: 'manual', label: id, severity: 'advisory', issueTypes: [], groups: ['qa-team'], accountIds: [] });
    const runTogether: ReadinessPolicy = { ...policy, criteria: [check('ux'), check('docs'), check('uxd'), check('ocs')] };
    const summary = summarizeRelease(runTogether, meta, [issue(1, { s: ['uxd', 'ocs'] }), issue(2, { s: ['ux', 'docs'] })]);
    expect(summary.pending.map((p) => [p.checks, p.count])).toEqual([
      [['ux', 'docs'], 1],
      [['uxd', 'ocs'], 1],
    ]);
  });

  it.each<[string, number[], (s: ReadinessSummary) => ReadinessSummary | undefined, { count: number; first: number[] }[]]>([
    ['an issue owing checks nobody else owes', [1], (s) => change(s, { after: issue(2, { s: ['release-note'] }) }), [{ count: 1, first: [1] }, { count: 1, first: [2] }]],
    ['the last issue owing a set signed', [1, 2], (s) => change(s, { before: owingQa(2), after: issue(2) }), [{ count: 1, first: [1] }]],
    ['the only issue owing a set removed', [1], (s) => change(s, { before: owingQa(1) }), []],
    // Ten of twelve kept; one removed: nine kept, and an issue ranking after the ninth may not be in the first ten of all.
    ['an issue added after those kept of a long set', range(1, 12), (s) => change(change(s, { before: owingQa(3) })!, { after: owingQa(13) }), [{ count: 12, first: [1, 2, 4, 5, 6, 7, 8, 9, 10] }]],
    ['an issue added among those kept', range(2, 13), (s) => change(s, { after: owingQa(1) }), [{ count: 13, first: range(1, 10) }]],
    ['an issue added to a set whose issues are all kept', range(1, 3), (s) => change(s, { after: owingQa(9) }), [{ count: 4, first: [1, 2, 3, 9] }]],
  ])('%s', (_case, owing, play, expected) => {
    const base = summarizeRelease(policy, meta, owing.map(owingQa));
    expect(play(base)?.pending.map((p) => ({ count: p.count, first: p.first.map((i) => Number(i.key.slice(5))) }))).toEqual(expected);
  });
});

describe('the red issues a summary lists', () => {
  it.each<[string, number[], (s: ReadinessSummary) => ReadinessSummary | undefined, { red: number; listed: number[] }]>([
    ['45 red issues: the first 40 by key', range(1, 45), (s) => s, { red: 45, listed: range(1, 40) }],
    ['one added after those kept', range(1, 45), (s) => change(s, { after: red(46) }), { red: 46, listed: range(1, 40) }],
    // One listed issue fixed: 39 listed; an issue ranking after them may not be in the first 40 of all.
    ['one listed fixed, then one added after those kept', range(1, 45), (s) => change(change(s, { before: red(2), after: issue(2) })!, { after: red(46) }), { red: 45, listed: [1, ...range(3, 40)] }],
    ['one added before those kept', range(2, 46), (s) => change(s, { after: red(1) }), { red: 46, listed: range(1, 40) }],
    ['one added to a release whose red issues are all listed', range(1, 3), (s) => change(s, { after: red(9) }), { red: 4, listed: [1, 2, 3, 9] }],
  ])('%s', (_case, reds, play, expected) => {
    const summary = play(summarizeRelease(policy, meta, reds.map(red)))!;
    expect({ red: summary.red, listed: summary.blocking.map((b) => Number(b.key.slice(5))) }).toEqual(expected);
  });
});

describe('the roll-up a summary gives, with work still open', () => {
  // No "Done in Jira": an issue in progress fails nothing, and is Amber once the release is close.
  const lenient: ReadinessPolicy = { ...policy, criteria: policy.criteria.filter((c) => c.id !== 'status-done' && c.id !== 'subtasks-done') };
  const release = { id: SHOP_24.id, name: SHOP_24.name, released: false, releaseDate: '2026-12-03' };
  const entries = [
    issue(1),
    issue(2, { category: 'indeterminate', statusName: 'In Progress' }),
    issue(3, { category: 'new', statusName: 'To Do' }),
    issue(4, { flagged: true }),
    red(5),
  ];

  it.each([
    ['9 days before the release', '2026-11-24', { green: 3, amber: 1, red: 1 }, 'red'],
    ['5 days before (the window’s first day)', '2026-11-28', { green: 1, amber: 3, red: 1 }, 'red'],
    ['on the release day', '2026-12-03', { green: 1, amber: 3, red: 1 }, 'red'],
    ['after the release date', '2026-12-06', { green: 1, amber: 3, red: 1 }, 'red'],
  ])('%s is what rollUpRelease gives', (_case, today, rag, overall) => {
    const summary = summarizeRelease(lenient, meta, entries);
    const rollup = rollupOfSummary(summary, lenient, daysLeftFor(release, today as CalendarDate));
    expect(rollup).toEqual(rollUpRelease(lenient, release, entries, today as CalendarDate));
    expect([rollup.rag, rollup.overall]).toEqual([rag, overall]);
  });

  it('counts open work apart, and leaves it Green without a release date', () => {
    const summary = summarizeRelease(lenient, meta, entries.slice(0, 4));
    expect([summary.openWork, summary.advisory, summary.red, summary.done]).toEqual([2, 1, 0, 2]);
    expect(rollupOfSummary(summary, lenient, null)).toEqual({ total: 4, ready: 4, rag: { green: 3, amber: 1, red: 0 }, failing: [{ id: 'not-flagged', label: 'Not flagged', severity: 'advisory', count: 1 }], blocking: [], overall: 'amber', done: 2 });
    expect(rollupOfSummary(summary, lenient, 6).rag).toEqual({ green: 3, amber: 1, red: 0 });
  });

  it('keeps its open-work count when an issue moves from In Progress to Done and back', () => {
    const summary = summarizeRelease(lenient, meta, entries);
    const done = withEntryChange(summary, lenient, { before: entries[1], after: issue(2), writes: 1, updatedAt: '' })!;
    const reopened = withEntryChange(done, lenient, { before: issue(2), after: entries[1], writes: 1, updatedAt: '' })!;
    expect([summary.openWork, done.openWork, reopened.openWork]).toEqual([2, 1, 2]);
  });

  it('is Green with every issue ready and nothing open, and lists as many red issues as asked', () => {
    expect(rollupOfSummary(summarizeRelease(lenient, meta, [issue(1)]), lenient, 0)).toMatchObject({ rag: { green: 1, amber: 0, red: 0 }, overall: 'green' });
    expect(rollupOfSummary(summarizeRelease(policy, meta, [red(1), red(2), red(3)]), policy, 9, 2).blocking.map((b) => b.key)).toEqual(['SHOP-1', 'SHOP-2']);
  });
});
