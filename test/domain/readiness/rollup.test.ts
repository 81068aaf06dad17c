import type { CalendarDate } from '../../../src/domain/calendar/calendar-date';
import type { IssueFacts } from '../../../src/domain/readiness/facts';
import { dependentsSignature } from '../../../src/domain/readiness/facts';
import { defaultPolicy } from '../../../src/domain/readiness/policy';
import {
  type MemberEntry,
  type ReleaseShard,
  RELEASE_BUCKETS,
  bucketOf,
  emptyReleaseShard,
  planDeletion,
  planObservation,
  rollUpRelease,
  withEntry,
  withSigned,
  withoutEntry,
} from '../../../src/domain/readiness/rollup';
import { SHOP_23, SHOP_24, SHOP_25, aBlocker, aLinkedIssue, aReadyStory, anEntry } from '../../support/readiness-builders';

const TODAY = '2026-11-24' as CalendarDate;
const t = (iso: string) => Date.parse(iso);

/** The member index and release shards of one issue, changed only through the pure rules. */
interface State {
  member?: MemberEntry;
  shards: Map<string, ReleaseShard>;
}

function observe(state: State, facts: IssueFacts): State {
  const plan = planObservation(state.member, facts, dependentsSignature(facts));
  if (!plan) return state;
  const shards = new Map(state.shards);
  for (const v of plan.leave) shards.set(v, withoutEntry(shards.get(v) ?? emptyReleaseShard(v, 0), facts.id) ?? shards.get(v) ?? emptyReleaseShard(v, 0));
  for (const v of plan.join) shards.set(v, withEntry(shards.get(v) ?? emptyReleaseShard(v, 0), facts, plan.member) ?? shards.get(v)!);
  return { member: plan.member, shards };
}

function deleteIssue(state: State, issueId: string, at: number): State {
  const plan = planDeletion(state.member, at);
  const shards = new Map(state.shards);
  for (const v of plan.leave) shards.set(v, withoutEntry(shards.get(v)!, issueId) ?? shards.get(v)!);
  return { member: plan.member, shards };
}

/** Which releases hold the issue, and with which status. */
function holders(state: State): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [v, shard] of state.shards) for (const entry of Object.values(shard.issues)) out[v] = entry.statusName;
  return out;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('keeping a release roll-up current whatever order events arrive in', () => {
  // The issue's story: in SHOP 2.4 and To Do, then In Progress, then moved to SHOP 2.5.
  const v1 = aReadyStory({ statusName: 'To Do', category: 'new', updated: t('2026-11-20T09:00Z'), observed: t('2026-11-20T09:01Z') });
  const v2 = aReadyStory({ statusName: 'In Progress', category: 'indeterminate', updated: t('2026-11-21T09:00Z'), observed: t('2026-11-21T09:01Z') });
  const v3 = aReadyStory({ statusName: 'In Progress', category: 'indeterminate', fixVersions: [SHOP_25], updated: t('2026-11-22T09:00Z'), observed: t('2026-11-22T09:01Z') });
  const expected = { [SHOP_25.id]: 'In Progress' };

  it.each(permutations([v1, v2, v3]).map((order) => [order.map((f) => f.statusName + '@' + f.fixVersions[0]!.name).join(' → '), order]))(
    'ends in SHOP 2.5 only, In Progress, for %s',
    (_name, order) => {
      let state: State = { shards: new Map() };
      for (const facts of order as IssueFacts[]) state = observe(state, facts);
      expect(holders(state)).toEqual(expected);
      expect(state.member).toMatchObject({ v: [SHOP_25.id], u: v3.updated });
    },
  );

  it('ignores a repeated event and a repeated read at the same time', () => {
    let state: State = { shards: new Map() };
    state = observe(state, v2);
    expect(planObservation(state.member, v2, dependentsSignature(v2))).toMatchObject({ dependentsChanged: false });
    const again = observe(state, v2);
    expect(holders(again)).toEqual(holders(state));
    expect(planObservation(state.member, v1, dependentsSignature(v1))).toBeUndefined();
  });

  it('takes a later read of the same issue version (a blocker changed, the issue did not)', () => {
    const first = aReadyStory({ updated: t('2026-11-21T09:00Z'), observed: t('2026-11-21T10:00Z'), blockers: [aBlocker()] });
    const later = { ...first, observed: t('2026-11-21T11:00Z'), blockers: [aBlocker({ category: 'done' as const })] };
    const state = observe(observe({ shards: new Map() }, first), later);
    expect(state.shards.get(SHOP_24.id)!.issues[first.id]!.blockers[0]!.category).toBe('done');
    expect(holders(observe(state, first))).toEqual(holders(state));
  });

  it('forgets a deleted issue, and a late update cannot bring it back', () => {
    let state = observe({ shards: new Map() }, v2);
    state = deleteIssue(state, v2.id, t('2026-11-23T00:00Z'));
    expect(holders(state)).toEqual({});
    state = observe(state, { ...v3, updated: t('2026-11-24T00:00Z'), observed: t('2026-11-24T00:01Z') });
    expect(holders(state)).toEqual({});
  });

  it('does not track released versions', () => {
    expect(planObservation(undefined, aReadyStory({ fixVersions: [SHOP_23, SHOP_24] }), 'x')?.join).toEqual([SHOP_24.id]);
  });

  it('keeps the newer sign-off state even when the facts are older', () => {
    const shard = withEntry(emptyReleaseShard(SHOP_24.id, 0), v2, { s: ['qa-passed'], sr: 1 })!;
    const older = withEntry(shard, v1, { s: ['code-reviewed', 'qa-passed'], sr: 2 })!;
    expect(older.issues[v1.id]).toMatchObject({ statusName: 'In Progress', s: ['code-reviewed', 'qa-passed'], sr: 2 });
    expect(withEntry(older, v1, { s: [], sr: 0 })).toBeUndefined();
    expect(withSigned(older, v1.id, { s: [], sr: 1 })).toBeUndefined();
    expect(withSigned(older, v1.id, { s: [], sr: 3 })!.issues[v1.id]!.s).toEqual([]);
    expect(withSigned(older, 'nope', { s: [], sr: 9 })).toBeUndefined();
  });

  it('spreads issues evenly over a release’s buckets, the same way every time', () => {
    const counts = new Array(RELEASE_BUCKETS).fill(0);
    for (let id = 10000; id < 12000; id++) counts[bucketOf(String(id), RELEASE_BUCKETS)]++;
    for (const count of counts) expect(count).toBeGreaterThan(2000 / RELEASE_BUCKETS / 2);
    expect(bucketOf('10042', RELEASE_BUCKETS)).toBe(bucketOf('10042', RELEASE_BUCKETS));
  });
});

describe('the roll-up of a release', () => {
  const release = { id: SHOP_24.id, name: SHOP_24.name, releaseDate: SHOP_24.releaseDate, released: false };
  const entries = [
    anEntry({ id: '1', key: 'SHOP-1' }),
    anEntry({ id: '2', key: 'SHOP-2', flagged: true }),
    anEntry({ id: '3', key: 'SHOP-3', s: ['code-reviewed'], statusName: 'In Progress', category: 'indeterminate', resolution: null }),
    anEntry({ id: '4', key: 'SHOP-4', s: ['code-reviewed', 'release-note'], blockers: [aBlocker({ key: 'PAY-9' })] }),
    anEntry({ id: '5', key: 'SHOP-5', s: [], subtasks: { total: 1, open: [aLinkedIssue({ key: 'SHOP-6' })] } }),
  ];
  const tally = (id: string, label: string, severity: 'blocking' | 'advisory', count: number) => ({ id, label, severity, count });

  it('counts issues ready, done and per RAG, ranks the criteria they fail and lists the red issues, worst first', () => {
    expect(rollUpRelease(defaultPolicy(), release, entries, TODAY)).toEqual({
      total: 5,
      ready: 2,
      rag: { green: 1, amber: 1, red: 3 },
      // Ties: blocking before advisory, then in the policy's order.
      failing: [
        tally('qa-passed', 'QA passed', 'blocking', 3),
        tally('release-note', 'Docs and release note written', 'advisory', 2),
        tally('status-done', 'Done in Jira', 'blocking', 1),
        tally('resolution-set', 'Resolution set', 'blocking', 1),
        tally('subtasks-done', 'All sub-tasks done', 'blocking', 1),
        tally('no-open-blockers', 'No open blockers', 'blocking', 1),
        tally('code-reviewed', 'Code reviewed', 'blocking', 1),
        tally('not-flagged', 'Not flagged', 'advisory', 1),
      ],
      blocking: [
        { key: 'SHOP-3', summary: 'Pay with saved cards', rag: 'red', statusName: 'In Progress', failing: ['Done in Jira', 'Resolution set', 'QA passed'], mentions: [] },
        { key: 'SHOP-5', summary: 'Pay with saved cards', rag: 'red', statusName: 'Done', failing: ['All sub-tasks done', 'QA passed', 'Code reviewed'], mentions: ['SHOP-6'] },
        { key: 'SHOP-4', summary: 'Pay with saved cards', rag: 'red', statusName: 'Done', failing: ['No open blockers', 'QA passed'], mentions: ['PAY-9'] },
      ],
      overall: 'red',
      done: 4,
    });
  });

  it('lists red issues that fail as much by project, then by number', () => {
    const red = ['SHOP-10', 'SHOP-9', 'PAY-12', 'SHOP-100'].map((key, i) => anEntry({ id: String(i), key, resolution: null }));
    expect(rollUpRelease(defaultPolicy(), release, red, TODAY).blocking.map((b) => b.key)).toEqual(['PAY-12', 'SHOP-9', 'SHOP-10', 'SHOP-100']);
  });

  it('names each issue a red issue waits for once, across the criteria that name it', () => {
    const bug = aBlocker({ key: 'PAY-9', issueType: 'Bug', priority: 'High' });
    const [red] = rollUpRelease(defaultPolicy(), release, [anEntry({ id: '1', key: 'SHOP-1', blockers: [bug], linked: [aLinkedIssue({ key: 'PAY-10', issueType: 'Bug', priority: 'Highest' })] })], TODAY).blocking;
    expect(red).toMatchObject({ failing: ['No open blockers', 'No open linked bugs (High or above)'], mentions: ['PAY-9', 'PAY-10'] });
  });

  it('does not name the issues behind a failing advisory criterion', () => {
    const policy = { ...defaultPolicy(), criteria: [...defaultPolicy().criteria.filter((c) => c.id !== 'no-open-blockers' && c.id !== 'blockers-scheduled').map((c) => (c.id === 'subtasks-done' ? { ...c, severity: 'advisory' as const } : c))] };
    const [red] = rollUpRelease(policy, release, [anEntry({ id: '1', key: 'SHOP-1', resolution: null, subtasks: { total: 1, open: [aLinkedIssue({ key: 'SHOP-6' })] } })], TODAY).blocking;
    expect(red).toMatchObject({ failing: ['Resolution set'], mentions: [] });
  });

  // A policy without "Done in Jira": work still open is Amber only once the release is close.
  const notFlagged = { ...defaultPolicy(), criteria: defaultPolicy().criteria.filter((c) => c.id === 'not-flagged') };
  const inProgress = [anEntry({ id: '1', key: 'SHOP-1', category: 'indeterminate', statusName: 'In Progress' }), anEntry({ id: '2', key: 'SHOP-2' })];
  it.each<[string, Map<string, string | undefined> | undefined, { green: number; amber: number; red: number }, string]>([
    ['due in 9 days', undefined, { green: 2, amber: 0, red: 0 }, 'green'],
    ['moved in Jira to 26 Nov, 2 days away', new Map([[SHOP_24.id, '2026-11-26']]), { green: 1, amber: 1, red: 0 }, 'amber'],
  ])('with work open, a release %s is %s', (_case, releaseDates, rag, overall) => {
    expect(rollUpRelease(notFlagged, release, inProgress, TODAY, releaseDates)).toEqual({ total: 2, ready: 2, rag, failing: [], blocking: [], overall, done: 1 });
  });

  it('is green for an empty release', () => {
    expect(rollUpRelease(defaultPolicy(), release, [], TODAY)).toEqual({ total: 0, ready: 0, rag: { green: 0, amber: 0, red: 0 }, failing: [], blocking: [], overall: 'green', done: 0 });
  });
});
