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
  const rollup = rollUpRelease(defaultPolicy(), release, entries, TODAY);

  it('counts ready issues and issues per RAG', () => {
    expect(rollup).toMatchObject({ total: 5, ready: 2, rag: { green: 1, amber: 1, red: 3 }, overall: 'red' });
  });

  it('ranks the criteria by how many issues fail them', () => {
    // Ties: blocking before advisory, then in the policy's order.
    expect(rollup.failing.map((f) => [f.id, f.count])).toEqual([
      ['qa-passed', 3],
      ['release-note', 2],
      ['status-done', 1],
      ['resolution-set', 1],
      ['subtasks-done', 1],
      ['no-open-blockers', 1],
      ['code-reviewed', 1],
      ['not-flagged', 1],
    ]);
    expect(rollup.failing[0]).toMatchObject({ id: 'qa-passed', count: 3, severity: 'blocking' });
  });

  it('lists the red issues, worst first, with what blocks them', () => {
    expect(rollup.blocking.map((b) => b.key)).toEqual(['SHOP-3', 'SHOP-5', 'SHOP-4']);
    expect(rollup.blocking.find((b) => b.key === 'SHOP-4')).toMatchObject({ failing: ['No open blockers', 'QA passed'], mentions: ['PAY-9'] });
    expect(rollup.blocking.find((b) => b.key === 'SHOP-5')).toMatchObject({ mentions: ['SHOP-6'] });
  });

  it('is green for an empty release', () => {
    expect(rollUpRelease(defaultPolicy(), release, [], TODAY)).toMatchObject({ total: 0, ready: 0, overall: 'green', failing: [], blocking: [] });
  });
});
