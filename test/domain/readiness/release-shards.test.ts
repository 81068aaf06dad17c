import { compactFacts } from '../../../src/domain/readiness/facts';
import {
  type MemberEntry,
  MEMBER_BUCKETS,
  RELEASE_BUCKETS,
  bucketOf,
  emptyMemberShard,
  emptyReleaseShard,
  healthOfRollup,
  newerSigned,
  planDeletion,
  planObservation,
  trackedVersionIds,
  withEntry,
  withSigned,
  withoutEntry,
} from '../../../src/domain/readiness/rollup';
import { SHOP_23, SHOP_24, SHOP_25, aLinkedIssue, aReadyStory, anEntry } from '../../support/readiness-builders';

const t = (iso: string) => Date.parse(iso);

describe('the buckets an issue is kept in', () => {
  // Stored roll-ups and member indexes rely on these: another hash would look in the wrong bucket.
  it.each([
    ['10001', 7, 15],
    ['10100', 7, 7],
    ['2', 5, 21],
    ['abc', 3, 11],
  ])('issue %s is in release bucket %i and member bucket %i', (id, release, member) => {
    expect([bucketOf(id, RELEASE_BUCKETS), bucketOf(id, MEMBER_BUCKETS)]).toEqual([release, member]);
  });

  it('start empty', () => {
    expect([emptyReleaseShard(SHOP_24.id, 3), emptyMemberShard('10000', 12)]).toEqual([
      { versionId: SHOP_24.id, bucket: 3, issues: {} },
      { projectId: '10000', bucket: 12, entries: {} },
    ]);
  });
});

describe('the releases whose roll-up holds an issue', () => {
  it.each([
    ['one unreleased fix version', [SHOP_24], [SHOP_24.id]],
    ['two, one released already', [SHOP_23, SHOP_24, SHOP_25], [SHOP_24.id, SHOP_25.id]],
    ['only released ones', [SHOP_23], []],
  ])('%s', (_case, fixVersions, ids) => {
    expect(trackedVersionIds({ fixVersions })).toEqual(ids);
  });
});

describe('the newer of two sign-off states of an issue', () => {
  const one = { s: ['qa-passed'], sr: 1 };
  const two = { s: ['code-reviewed', 'qa-passed'], sr: 2 };
  it.each([
    ['none known', undefined, undefined, { s: [], sr: 0 }],
    ['only the stored one', one, undefined, one],
    ['only the new one', undefined, two, two],
    ['a newer one', one, two, two],
    ['an older one', two, one, two],
    ['one of the same position (the stored one stays)', one, { s: [], sr: 1 }, one],
  ])('%s', (_case, a, b, expected) => {
    expect(newerSigned(a, b)).toEqual(expected);
  });
});

describe('what applying a fresh read of an issue means', () => {
  const read = aReadyStory({ fixVersions: [SHOP_23, SHOP_24, SHOP_25], updated: t('2026-11-21T09:00Z'), observed: t('2026-11-21T10:00Z') });
  const member: MemberEntry = { v: [SHOP_24.id, '10009'], u: t('2026-11-20T09:00Z'), o: t('2026-11-20T10:00Z'), s: ['qa-passed'], sr: 4, h: 'before' };

  it.each<[string, MemberEntry | undefined, boolean, ReturnType<typeof planObservation>]>([
    [
      'a first read',
      undefined,
      false,
      { member: { v: [SHOP_24.id, SHOP_25.id], u: read.updated, o: read.observed, s: [], sr: 0, h: 'after' }, leave: [], join: [SHOP_24.id, SHOP_25.id], dependentsChanged: true },
    ],
    [
      'a read after the issue left a release, its dependents’ view changed',
      member,
      false,
      { member: { v: [SHOP_24.id, SHOP_25.id], u: read.updated, o: read.observed, s: ['qa-passed'], sr: 4, h: 'after' }, leave: ['10009'], join: [SHOP_24.id, SHOP_25.id], dependentsChanged: true },
    ],
    [
      'a read from an event’s changelog, nothing dependents read changed',
      { ...member, h: 'after' },
      true,
      { member: { v: [SHOP_24.id, SHOP_25.id], u: read.updated, o: read.observed, s: ['qa-passed'], sr: 4, h: 'after', c: 1 }, leave: ['10009'], join: [SHOP_24.id, SHOP_25.id], dependentsChanged: false },
    ],
    ['a read older than the one applied', { ...member, u: t('2026-11-22T09:00Z') }, false, undefined],
    ['a read of a deleted issue', { ...member, d: 1 }, false, undefined],
  ])('%s', (_case, before, fromChangelog, plan) => {
    expect(planObservation(before, read, 'after', fromChangelog)).toEqual(plan);
  });

  it.each<[string, MemberEntry | undefined, number, ReturnType<typeof planDeletion>]>([
    ['of an issue in two releases', member, t('2026-11-23T00:00Z'), { member: { v: [], u: t('2026-11-23T00:00Z'), o: t('2026-11-23T00:00Z'), s: [], sr: 4, d: 1 }, leave: [SHOP_24.id, '10009'] }],
    ['reported before its last change was applied (clocks differ)', member, t('2026-11-19T00:00Z'), { member: { v: [], u: member.u, o: t('2026-11-19T00:00Z'), s: [], sr: 4, d: 1 }, leave: [SHOP_24.id, '10009'] }],
    ['of an issue never seen', undefined, t('2026-11-23T00:00Z'), { member: { v: [], u: t('2026-11-23T00:00Z'), o: t('2026-11-23T00:00Z'), s: [], sr: 0, d: 1 }, leave: [] }],
  ])('a deletion %s', (_case, before, at, plan) => {
    expect(planDeletion(before, at)).toEqual(plan);
  });
});

describe('writing an issue into a release shard', () => {
  const facts = aReadyStory({ summary: 'x'.repeat(100), linked: [aLinkedIssue()], updated: t('2026-11-21T09:00Z'), observed: t('2026-11-21T10:00Z') });
  const shard = emptyReleaseShard(SHOP_24.id, 7);
  const stored = withEntry(shard, facts, { s: ['qa-passed'], sr: 2 })!;

  it('keeps its compact facts and its sign-off state', () => {
    expect(withEntry(shard, facts, { s: ['qa-passed'], sr: 2 })).toEqual({ ...shard, issues: { [facts.id]: { ...compactFacts(facts), s: ['qa-passed'], sr: 2 } } });
  });

  const closed = { ...facts, statusName: 'Closed', observed: facts.observed + 1 };
  it.each([
    ['a newer read and an older sign-off state: the facts change, the state stays', closed, { s: [], sr: 1 }, { ...compactFacts(closed), s: ['qa-passed'], sr: 2 }],
    ['a newer read and a newer sign-off state', closed, { s: [], sr: 3 }, { ...compactFacts(closed), s: [], sr: 3 }],
    ['an older read and a newer sign-off state: only the state changes', { ...facts, statusName: 'To Do', updated: facts.updated - 1 }, { s: ['code-reviewed', 'qa-passed'], sr: 3 }, { ...compactFacts(facts), s: ['code-reviewed', 'qa-passed'], sr: 3 }],
  ])('%s', (_case, next, signed, expected) => {
    expect(withEntry(stored, next, signed)!.issues[facts.id]).toEqual(expected);
  });

  it.each([
    ['an older read and the same sign-off state', { s: ['qa-passed'], sr: 2 }],
    ['an older read and an older sign-off state', { s: [], sr: 1 }],
    ['an older read and another state at the same position', { s: [], sr: 2 }],
  ])('writes nothing for %s', (_case, signed) => {
    expect(withEntry(stored, { ...facts, updated: facts.updated - 1 }, signed)).toBeUndefined();
  });

  it.each([
    ['a newer sign-off state', facts.id, { s: [], sr: 3 }, { ...stored, issues: { [facts.id]: { ...stored.issues[facts.id]!, s: [], sr: 3 } } }],
    ['the same position again', facts.id, { s: [], sr: 2 }, undefined],
    ['an older one', facts.id, { s: [], sr: 1 }, undefined],
    ['an issue not in the shard', '99999', { s: [], sr: 9 }, undefined],
  ])('a sign-off change: %s', (_case, issueId, signed, expected) => {
    expect(withSigned(stored, issueId, signed)).toEqual(expected);
  });

  it('removes an issue, and says when it is not there', () => {
    const two = withEntry(stored, anEntry({ id: '2', key: 'SHOP-2' }), { s: [], sr: 0 })!;
    expect(withoutEntry(two, facts.id)).toEqual({ ...shard, issues: { 2: two.issues['2'] } });
    expect(withoutEntry(shard, facts.id)).toBeUndefined();
  });
});

describe('the health of a release from its roll-up', () => {
  it.each<[string, Parameters<typeof healthOfRollup>, string, string]>([
    ['in progress, 5 days left, 2 of 3 done', ['in-progress', 5, { total: 3, ready: 3, done: 2 }], 'at-risk', 'Due in 5 days with 66% done (under 80%).'],
    ['in progress, 5 days left, all done, one not ready', ['in-progress', 5, { total: 3, ready: 2, done: 3 }], 'at-risk', 'Due in 5 days with 1 issue not ready.'],
    ['in progress, 5 days left, 4 of 5 done and ready', ['in-progress', 5, { total: 5, ready: 5, done: 4 }], 'on-track', 'Due in 5 days; 80% done.'],
    ['in progress, no issues yet', ['in-progress', 20, { total: 0, ready: 0, done: 0 }], 'on-track', 'Due in 20 days; 0% done.'],
    ['overdue', ['overdue', -2, { total: 3, ready: 3, done: 3 }], 'overdue', 'Past its release date by 2 days and not released.'],
  ])('%s', (_case, args, key, reason) => {
    expect(healthOfRollup(...args)).toMatchObject({ key, reason });
  });
});
