import type { CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { daysLeftFor } from '../../../src/domain/readiness/evaluate';
import { defaultPolicy } from '../../../src/domain/readiness/policy';
import { type ShardEntry, rollUpRelease } from '../../../src/domain/readiness/rollup';
import { BLOCKING_KEPT, BLOCKING_SHOWN, PENDING_SHOWN, type ReadinessSummary, rollupOfSummary, summarizeRelease, withEntryChange } from '../../../src/domain/readiness/summary';
import { SHOP_24, aBlocker, aLinkedIssue, anEntry } from '../../support/readiness-builders';

const policy = defaultPolicy();
const release = { id: SHOP_24.id, name: SHOP_24.name, released: false, releaseDate: SHOP_24.releaseDate as string };
const meta = { versionId: SHOP_24.id, policyRev: 1, rollupRev: 7, updatedAt: '2026-11-24T10:00:00.000Z' };
const entry = (n: number, over: Partial<ShardEntry> = {}) => anEntry({ id: String(n), key: `SHOP-${n}`, ...over });

/** A release of `count` issues of every kind: ready, advisory, open work, red for one to three reasons, owing sign-offs. */
function mixedRelease(count: number): ShardEntry[] {
  return Array.from({ length: count }, (_, i) => {
    switch (i % 6) {
      case 0:
        return entry(i + 1);
      case 1:
        return entry(i + 1, { fields: { components: false, customfield_10016: true, customfield_10021: false } });
      case 2:
        return entry(i + 1, { category: 'indeterminate', statusName: 'In Progress', resolution: null, s: [] });
      case 3:
        return entry(i + 1, { s: ['code-reviewed'], blockers: [aBlocker({ key: `PAY-${i}` })] });
      case 4:
        return entry(i + 1, { issueType: 'Bug', priority: 'High', category: 'new', statusName: 'To Do', resolution: null, s: [] });
      default:
        return entry(i + 1, { subtasks: { total: 1, open: [aLinkedIssue({ key: `SHOP-${9000 + i}` })] } });
    }
  });
}

const days = (d: string) => d as CalendarDate;

/** What readers can see of a summary: lists cut to what they show, sets in one order. */
const shown = (s: ReadinessSummary) => ({
  ...s,
  blocking: s.blocking.slice(0, BLOCKING_SHOWN),
  pending: s.pending.map((p) => ({ ...p, first: p.first.slice(0, PENDING_SHOWN) })).sort((a, b) => a.checks.join().localeCompare(b.checks.join())),
});

describe('the readiness summary of a release', () => {
  it.each([
    ['an empty release', [], days('2026-11-24')],
    ['a mixed release far from its date (open work is Green)', mixedRelease(12), days('2026-11-01')],
    ['a mixed release within its close window (open work is Amber)', mixedRelease(12), days('2026-11-30')],
    ['an overdue mixed release', mixedRelease(12), days('2026-12-10')],
    ['more red issues than the header lists', mixedRelease(200), days('2026-11-24')],
  ])('gives the roll-up rollUpRelease gives: %s', (_case, entries, today) => {
    const summary = summarizeRelease(policy, meta, entries);
    expect(rollupOfSummary(summary, policy, daysLeftFor(release, today))).toEqual({ ...rollUpRelease(policy, release, entries, today), blocking: rollUpRelease(policy, release, entries, today).blocking.slice(0, BLOCKING_SHOWN) });
  });

  it('judges "Blockers ship no later" with the newest release dates known, and leaves a delta read with a newer date to a rebuild', () => {
    const read = Date.parse('2026-11-24T10:00:00Z');
    const inB = (releaseDate: string) => [{ id: '20002', name: 'SHOP 2.5', released: false, releaseDate }];
    const blocked = (releaseDate: string, observed = read) => entry(1, { observed, blockers: [aBlocker({ key: 'PAY-1', category: 'indeterminate', fixVersions: inB(releaseDate) })] });
    const late = (s: ReadinessSummary) => s.failing['blockers-scheduled'] ?? 0;
    const onTime = summarizeRelease(policy, meta, [blocked(release.releaseDate)]);
    expect([late(onTime), onTime.dates?.['20002']]).toEqual([0, [release.releaseDate, read]]);
    // Jira's live date, known after the issue was read, wins; an older one does not.
    expect(late(summarizeRelease(policy, meta, [blocked(release.releaseDate)], { '20002': ['2027-01-20', read + 1] }))).toBe(1);
    expect(late(summarizeRelease(policy, meta, [blocked(release.releaseDate)], { '20002': ['2027-01-20', read - 1] }))).toBe(0);
    // An entry read later with another date: every entry must be judged again; read earlier: judged with the summary's.
    expect(withEntryChange(onTime, policy, { after: { ...blocked('2027-01-20', read + 5), id: '2', key: 'SHOP-2' }, writes: 1, updatedAt: '' })).toBeUndefined();
    expect(late(withEntryChange(onTime, policy, { after: { ...blocked('2027-01-20', read - 5), id: '2', key: 'SHOP-2' }, writes: 1, updatedAt: '' })!)).toBe(0);
  });

  it('counts the Go/No-Go figures and keeps no more blocking issues than it needs', () => {
    const summary = summarizeRelease(policy, meta, mixedRelease(200));
    expect(summary).toMatchObject({ total: 200, openBugs: 33, blockedByOpen: 33 });
    expect(summary.blocking).toHaveLength(BLOCKING_KEPT);
    expect(summary.pending.reduce((n, p) => n + p.count, 0)).toBe(33 + 33 + 33);
  });

  /** Plays changes one by one through withEntryChange, rebuilding where it asks to, as the store does. */
  function play(entries: ShardEntry[], changes: Array<[ShardEntry | undefined, ShardEntry | undefined]>): { summary: ReadinessSummary; rebuilds: number } {
    const current = new Map(entries.map((e) => [e.id, e]));
    let summary = summarizeRelease(policy, meta, entries);
    let rebuilds = 0;
    for (const [before, after] of changes) {
      if (before) current.delete(before.id);
      if (after) current.set(after.id, after);
      const next = withEntryChange(summary, policy, { ...(before ? { before } : {}), ...(after ? { after } : {}), writes: 1, updatedAt: meta.updatedAt });
      if (next) summary = next;
      else {
        rebuilds++;
        summary = summarizeRelease(policy, { ...meta, rollupRev: summary.rollupRev + 1 }, current.values());
      }
    }
    return { summary, rebuilds };
  }

  it.each([
    ['an issue added', 12, () => [[undefined, entry(99, { s: [] })]]],
    ['an issue removed', 12, (all: ShardEntry[]) => [[all[3], undefined]]],
    ['a red issue done and signed', 12, (all: ShardEntry[]) => [[all[4], { ...all[4]!, category: 'done', statusName: 'Done', resolution: 'Done', s: ['qa-passed', 'code-reviewed', 'release-note'] }]]],
    ['a ready issue re-opened', 12, (all: ShardEntry[]) => [[all[0], { ...all[0]!, category: 'indeterminate', statusName: 'In Progress', resolution: null }]]],
    [
      'every listed red issue fixed in a large release',
      200,
      (all: ShardEntry[]) => {
        const listed = new Set(summarizeRelease(policy, meta, all).blocking.map((b) => b.key));
        return all.filter((e) => listed.has(e.key)).map((e) => [e, { ...e, category: 'done', statusName: 'Done', resolution: 'Done', blockers: [], subtasks: { total: 0, open: [] }, s: ['qa-passed', 'code-reviewed', 'release-note'] }]);
      },
    ],
  ] as Array<[string, number, (all: ShardEntry[]) => Array<[ShardEntry | undefined, ShardEntry | undefined]>]>)('stays what a rebuild gives after changes: %s', (_case, count, changesOf) => {
    const entries = mixedRelease(count);
    const changes = changesOf(entries);
    const { summary } = play(entries, changes);
    const after = new Map(entries.map((e) => [e.id, e]));
    for (const [before, next] of changes) {
      if (before) after.delete(before.id);
      if (next) after.set(next.id, next);
    }
    expect(shown(summary)).toEqual(shown(summarizeRelease(policy, { ...meta, rollupRev: meta.rollupRev + changes.length }, after.values())));
  });

  it('asks for a rebuild once its lists can no longer show what readers show', () => {
    const entries = mixedRelease(200);
    const listed = new Set(summarizeRelease(policy, meta, entries).blocking.map((b) => b.key));
    const ready = (e: ShardEntry): ShardEntry => ({ ...e, category: 'done', statusName: 'Done', resolution: 'Done', blockers: [], subtasks: { total: 0, open: [] }, s: ['qa-passed', 'code-reviewed', 'release-note'] });
    const { rebuilds } = play(entries, entries.filter((e) => listed.has(e.key)).map((e) => [e, ready(e)]));
    expect(rebuilds).toBeGreaterThan(0);
  });
});
