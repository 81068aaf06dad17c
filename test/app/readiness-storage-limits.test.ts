/**
 * Readiness storage at Forge's limits (issue 14, points 8 and 9): roll-ups split by bytes so a
 * release of any size gets one, and issues in many releases signed off and observed without a
 * transaction over 25 operations, completing after a failure half-way.
 */
import type { AppDeps } from '../../src/app/deps';
import { applyIssueFacts, builtAtOf, dropRelease, readReleaseShards, rebuildRelease, removeIssue, writeSignOff } from '../../src/app/readiness/rollup-store';
import { readReleaseTree } from '../../src/app/readiness/release-shards';
import type { IssueFacts, VersionRef } from '../../src/domain/readiness/facts';
import { defaultPolicy } from '../../src/domain/readiness/policy';
import type { SignOffLog, SignOffPage } from '../../src/domain/readiness/sign-offs';
import { rollUpRelease } from '../../src/domain/readiness/rollup';
import { jsonBytes } from '../../src/domain/json-size';
import type { CalendarDate } from '../../src/domain/calendar/calendar-date';
import type { QueuedJob, TransactOperation } from '../../src/ports';
import { keys } from '../../src/store/keys';
import { updateVersionedMany } from '../../src/store/versioned-update-many';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { testDeps } from '../support/app-deps';
import { SHOP_24, aLongMultiByteText, aReadyStory, aReleaseOfStories, aSignOff, unreleasedVersions } from '../support/readiness-builders';

const LIMIT = 240 * 1024;
const STARTED = Date.parse('2026-11-24T09:00:00Z');

/** A store that records every transaction's size and can be told to fail after some of them. */
class LimitWatchingStore extends InMemoryKvStore {
  largestTransaction = 0;
  largestValue = 0;
  failAfter = Infinity;
  override async transact(operations: TransactOperation[]): Promise<void> {
    if (this.failAfter-- <= 0) throw new Error('The runtime stopped here.');
    this.largestTransaction = Math.max(this.largestTransaction, operations.length);
    for (const op of operations) if (op.kind === 'put') this.largestValue = Math.max(this.largestValue, jsonBytes({ rev: op.expectRev + 1, value: op.value }));
    return super.transact(operations);
  }
}

function setUp(): { deps: AppDeps; store: LimitWatchingStore; pushed: QueuedJob[] } {
  const store = new LimitWatchingStore();
  const pushed: QueuedJob[] = [];
  return { deps: { ...testDeps({ store }), queue: { push: async (jobs) => void pushed.push(...jobs) } }, store, pushed };
}

const inReleases = (versions: VersionRef[], overrides: Partial<IssueFacts> = {}) => aReadyStory({ fixVersions: versions, ...overrides });

async function holding(store: InMemoryKvStore, versionId: string, issueId: string) {
  return (await readReleaseShards(store, versionId)).map((s) => s.issues[issueId]).find(Boolean);
}

describe('an issue in many unreleased releases (no transaction over 25 operations)', () => {
  it.each([1, 24, 25, 40])('a sign-off on an issue in %i releases is recorded in every roll-up', async (count) => {
    const { deps, store } = setUp();
    const versions = unreleasedVersions(count);
    const facts = inReleases(versions);
    await applyIssueFacts(deps, { facts, dependents: { keys: [] } });

    const { outcome } = await writeSignOff(deps, facts, aSignOff());

    expect(outcome.kind).toBe('recorded');
    for (const v of versions) expect((await holding(store, v.id, facts.id))?.s).toEqual(['qa-passed']);
    expect(store.largestTransaction).toBeLessThanOrEqual(25);
  });

  it.each([24, 25, 40])('an observed issue in %i releases joins every roll-up, and leaves them all when deleted', async (count) => {
    const { deps, store } = setUp();
    const versions = unreleasedVersions(count);
    const facts = inReleases(versions);

    expect((await applyIssueFacts(deps, { facts, dependents: { keys: [] } })).joined).toHaveLength(count);
    for (const v of versions) expect(await holding(store, v.id, facts.id)).toBeDefined();
    expect((await removeIssue(deps, facts.projectId, facts.id)).removedFrom).toHaveLength(count);
    for (const v of versions) expect(await holding(store, v.id, facts.id)).toBeUndefined();
    expect(store.largestTransaction).toBeLessThanOrEqual(25);
  });

  it('a sign-off interrupted after the log was written is completed by the retry', async () => {
    const { deps, store } = setUp();
    const versions = unreleasedVersions(30);
    const facts = inReleases(versions);
    await applyIssueFacts(deps, { facts, dependents: { keys: [] } });
    store.failAfter = 1 + 10; // the log and index, then 10 of 30 roll-ups

    await expect(writeSignOff(deps, facts, aSignOff())).rejects.toThrow('stopped');
    const signedBefore = await Promise.all(versions.map(async (v) => (await holding(store, v.id, facts.id))?.s ?? []));
    expect(signedBefore.filter((s) => s.length).length).toBeLessThan(30);

    store.failAfter = Infinity;
    const retry = await writeSignOff(deps, facts, aSignOff());
    expect(retry.outcome.kind).toBe('unchanged');
    for (const v of versions) expect((await holding(store, v.id, facts.id))?.s).toEqual(['qa-passed']);
  });

  it('an event interrupted half-way through its roll-ups is completed when it is delivered again', async () => {
    const { deps, store } = setUp();
    const versions = unreleasedVersions(40);
    const facts = inReleases(versions);
    store.failAfter = 1;

    await expect(applyIssueFacts(deps, { facts, dependents: { keys: [] } })).rejects.toThrow('stopped');
    const member = await store.getVersioned(keys.readinessMembers(facts.projectId, 0));
    expect(JSON.stringify(member?.value ?? {})).not.toContain(facts.id);

    store.failAfter = Infinity;
    expect((await applyIssueFacts(deps, { facts, dependents: { keys: [] } })).applied).toBe(true);
    for (const v of versions) expect(await holding(store, v.id, facts.id)).toBeDefined();
  });
});

describe('an issue’s sign-off log split by bytes, not by record count', () => {
  it('records sign-offs with 1,000-character multi-byte comments far past one document, the roll-up keeping the newest state', async () => {
    const { deps, store } = setUp();
    const facts = inReleases([SHOP_24]);
    await applyIssueFacts(deps, { facts, dependents: { keys: [] } });
    for (let i = 0; i < 150; i++) {
      const { outcome } = await writeSignOff(deps, facts, aSignOff({ action: i % 2 === 0 ? 'signed' : 'revoked', comment: aLongMultiByteText(1000) }));
      expect(outcome.kind).toBe('recorded');
    }
    const log = (await store.getVersioned<SignOffLog>(keys.readinessSignOffs(facts.id)))!.value;
    expect(log.pages).toBeGreaterThan(1);
    const pages = await Promise.all(Array.from({ length: log.pages! }, (_, p) => store.getVersioned<SignOffPage>(keys.readinessSignOffPage(facts.id, p + 1))));
    expect(pages.reduce((n, p) => n + p!.value.records.length, 0) + log.records.length).toBe(150);
    expect(await holding(store, SHOP_24.id, facts.id)).toMatchObject({ s: [], sr: 150 });
    expect(store.largestValue).toBeLessThan(LIMIT);
  });
});

describe('release roll-ups split by bytes, not by issue count', () => {
  it.each([
    { issues: 1_000, links: 20, what: 'long multi-byte summaries and 20 links, blockers and sub-tasks each' },
    { issues: 9_000, links: 0, what: 'long multi-byte summaries (more issues than the old 8 buckets held)' },
  ])('a release of $issues issues with $what gets a roll-up in documents under 240 KiB', async ({ issues, links }) => {
    const { deps, store } = setUp();
    const facts = aReleaseOfStories(issues, { links });

    await rebuildRelease(deps, '10000', SHOP_24.id, facts, STARTED, { complete: true, policyRev: 0 });

    const shards = await readReleaseShards(store, SHOP_24.id);
    expect(builtAtOf(shards)).toBe('2026-11-24T10:00:00.000Z');
    const rollup = rollUpRelease(defaultPolicy(), SHOP_24, shards.flatMap((s) => Object.values(s.issues)), '2026-11-24' as CalendarDate);
    expect(rollup.total).toBe(issues);
    expect(store.largestValue).toBeLessThan(LIMIT);
    expect(store.largestTransaction).toBeLessThanOrEqual(25);
    expect(shards.length).toBeGreaterThan(8);
  });

  it('a roll-up growing one event at a time splits its full leaves and still finds every issue', async () => {
    const { deps, store } = setUp();
    const facts = aReleaseOfStories(400, { links: 20 });
    for (const f of facts) await applyIssueFacts(deps, { facts: f, dependents: { keys: [] } });

    const { leaves, splits } = await readReleaseTree(store, SHOP_24.id);
    expect(splits.length).toBeGreaterThan(0);
    expect(leaves.reduce((n, l) => n + Object.keys(l.doc?.value.e ?? {}).length, 0)).toBe(400);
    expect(store.largestValue).toBeLessThan(LIMIT);

    await writeSignOff(deps, facts[300]!, aSignOff());
    expect((await holding(store, SHOP_24.id, facts[300]!.id))?.s).toEqual(['qa-passed']);
    await removeIssue(deps, '10000', facts[300]!.id);
    expect(await holding(store, SHOP_24.id, facts[300]!.id)).toBeUndefined();
  });

  it('a complete rebuild drops issues no longer in the release from every leaf, and a deleted version leaves nothing behind', async () => {
    const { deps, store } = setUp();
    const facts = aReleaseOfStories(600, { links: 20 });
    await rebuildRelease(deps, '10000', SHOP_24.id, facts, STARTED, { complete: true, policyRev: 0 });
    await rebuildRelease(deps, '10000', SHOP_24.id, facts.slice(0, 150), STARTED + 3_600_000, { complete: true, policyRev: 0 });

    const shards = await readReleaseShards(store, SHOP_24.id);
    expect(shards.reduce((n, s) => n + Object.keys(s.issues).length, 0)).toBe(150);

    await dropRelease(store, SHOP_24.id);
    expect(Object.keys(store.snapshot().versioned).filter((k) => k.startsWith(`readiness:release:${SHOP_24.id}:`))).toEqual([]);
  });
});

describe('several documents changed together (updateVersionedMany)', () => {
  const docKeys = Array.from({ length: 30 }, (_, i) => `doc:${i}`);
  const bumpAll = (current: Map<string, number>) => new Map([...current].map(([key, n]) => [key, n + 1]));

  it('refuses a change needing more than 25 operations with STORE_LIMIT, writing nothing, when nothing anchors it', async () => {
    const store = new LimitWatchingStore();
    await expect(updateVersionedMany<number>(store, docKeys, () => 0, bumpAll)).rejects.toMatchObject({ code: 'STORE_LIMIT' });
    expect(store.snapshot().versioned).toEqual({});
  });

  it('writes such a change in transactions of at most 25 operations, the anchor last', async () => {
    const store = new LimitWatchingStore();
    await updateVersionedMany<number>(store, docKeys, () => 0, bumpAll, { anchors: ['doc:0'] });
    expect(Object.values(store.snapshot().versioned).map((d) => d.value)).toEqual(new Array(30).fill(1));
    expect(store.largestTransaction).toBeLessThanOrEqual(25);
  });
});
