/**
 * Keeps the release roll-ups current: applies freshly read facts of one issue (events, re-reads),
 * removes deleted issues, records sign-off state, and rebuilds whole releases (reconciliation).
 * Each issue change is one transaction over its member-index bucket and the release buckets it
 * leaves or joins: O(1) store operations whatever the size of the release.
 */
import { isDeepStrictEqual } from 'node:util';
import { type IssueFacts, compactFacts, dependentsSignature, isAtLeastAsRecent } from '../../domain/readiness/facts';
import {
  MEMBER_BUCKETS,
  RELEASE_BUCKETS,
  type MemberEntry,
  type MemberShard,
  type ReleaseShard,
  type SignedState,
  bucketOf,
  emptyMemberShard,
  emptyReleaseShard,
  newerSigned,
  planDeletion,
  planObservation,
  trackedVersionIds,
  withEntry,
  withSigned,
  withoutEntry,
} from '../../domain/readiness/rollup';
import { type StoredReleaseShard, encodeShard } from '../../domain/readiness/shard-codec';
import { jsonBytes } from '../../domain/json-size';
import { isSplitNode, leafPathOf } from '../../domain/readiness/shard-split';
import { ConflictError } from '../../errors';
import { type SignOffLog, type SignOffOutcome, type SignOffPage, type SignOffRequest, applySignOff, emptyLog, lastSeq, signedIds, splitLog } from '../../domain/readiness/sign-offs';
import type { KeyValueStore, TransactOperation } from '../../ports';
import { keys } from '../../store/keys';
import { updateVersioned } from '../../store/versioned-update';
import { updateVersionedMany } from '../../store/versioned-update-many';
import type { AppDeps } from '../deps';
import { job } from '../jobs-catalog';
import type { FactsRead } from './facts';
import { recordReferences } from './references';
import { loadPolicy } from './policy';
import { type NodeRef, type RepairedDoc, leafOf, leafShard, nodeRef, placedDocs, readBucketTree, readReleaseState, readReleaseTree } from './release-shards';
import { type EntryChange, dropSummary, noSummary, refreshReleaseSummary, refreshSummaries, summaryDeltas, summaryKey } from './summary-store';
import type { ReadinessSummary } from '../../domain/readiness/summary';

type ReadinessDoc = MemberShard | StoredReleaseShard | SignOffLog | SignOffPage | ReadinessSummary;

export const memberKeyOf = (projectId: string, issueId: string) => keys.readinessMembers(projectId, bucketOf(issueId, MEMBER_BUCKETS));

/** The empty document for a key built by keys.readiness*(). */
function initialDoc(key: string): ReadinessDoc {
  const parts = key.split(':');
  if (parts[1] === 'members') return emptyMemberShard(parts[2] ?? '', Number(parts[3]));
  if (parts[1] === 'release') return encodeShard(emptyReleaseShard(parts[2] ?? '', Number.parseInt(parts[3] ?? '0', 10)));
  if (parts[1] === 'signoffs') return emptyLog(parts[2] ?? '', '');
  if (parts[1] === 'summary') return noSummary(parts[2] ?? '');
  throw new Error(`Not a readiness key: ${key}`);
}

/** The leaf of each release that holds (or would hold) the issue. */
async function leavesOf(store: KeyValueStore, versions: readonly string[], issueId: string): Promise<Map<string, NodeRef>> {
  return new Map(await Promise.all(versions.map(async (v) => [v, await leafOf(store, v, issueId)] as const)));
}

/** A leaf read in a transaction was split meanwhile: the issue's leaf must be looked up again. */
function anySplit(current: Map<string, ReadinessDoc>, leaves: Map<string, NodeRef>): boolean {
  return [...leaves.values()].some((ref) => isSplitNode(current.get(ref.key) as StoredReleaseShard | undefined));
}

/**
 * Puts a leaf's new content (split by bytes when it outgrew one document) into `next`, and says
 * how the issue's entry in it changed (for the release's summary).
 */
function putLeaf(next: Map<string, ReadinessDoc>, ref: NodeRef, before: ReleaseShard, shard: ReleaseShard | undefined, issueId: string): EntryChange {
  if (!shard) return { versionId: ref.versionId };
  for (const [key, doc] of placedDocs(ref, shard)) next.set(key, doc);
  const was = before.issues[issueId];
  const now = shard.issues[issueId];
  return { versionId: ref.versionId, ...(was ? { before: was } : {}), ...(now ? { after: now } : {}) };
}

/** The summary keys of these releases, to read along with their leaves. */
const summaryKeysOf = (versions: Iterable<string>) => [...versions].map(summaryKey);

/** Adds the summaries a change moves to `next`; returns the releases whose summary must be rebuilt. */
function putSummaries(next: Map<string, ReadinessDoc>, current: Map<string, ReadinessDoc>, policy: PolicyInHand, changes: EntryChange[], now: Date): string[] {
  const { docs, rebuild } = summaryDeltas(current, next, policy, changes, now.toISOString());
  for (const [key, doc] of docs) next.set(key, doc);
  return rebuild;
}

type PolicyInHand = Awaited<ReturnType<typeof loadPolicy>>;

function leafAt(current: Map<string, ReadinessDoc>, ref: NodeRef): ReleaseShard {
  return leafShard(ref, current.get(ref.key) as StoredReleaseShard | undefined);
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Dependent issues are re-read through the queue, at most this many per change. */
const MAX_DEPENDENTS = 50;

export interface ApplyOutcome {
  applied: boolean;
  joined: string[];
  left: string[];
  dependentsQueued: number;
  /** Something other issues' readiness reads of this one changed (status, priority, releases…). */
  dependentsChanged: boolean;
}

/**
 * Applies freshly read facts of one issue. Late or repeated reads change nothing (the member index
 * remembers the newest `updated`/`observed`). When something other issues depend on changed (status,
 * priority, releases), those issues are re-read through the queue if `cascade` is set.
 */
export async function applyIssueFacts(
  deps: AppDeps,
  read: FactsRead,
  options: { cascade?: boolean; knownVersions?: string[]; /** The project's policy, when the caller has it: one read less per issue. */ policy?: { projectId: string; loaded: PolicyInHand } } = {},
): Promise<ApplyOutcome> {
  const { facts } = read;
  const memberKey = memberKeyOf(facts.projectId, facts.id);
  const signature = dependentsSignature(facts);
  let versions = union(options.knownVersions ?? [], trackedVersionIds(facts));
  // Before the leaves: an event about a referenced issue finds the reference once the entry can hold it.
  if (trackedVersionIds(facts).length) await recordReferences(deps.store, [facts]);
  const policy = options.policy?.projectId === facts.projectId ? options.policy.loaded : await loadPolicy(deps.store, facts.projectId, deps.log);
  for (let round = 0; round < 6; round++) {
    let missing: string[] = [];
    let stale = false;
    let plan: ReturnType<typeof planObservation>;
    let rebuild: string[] = [];
    const leaves = await leavesOf(deps.store, versions, facts.id);
    // Every writer of a release also writes its summary, so writers meet more often: 12 attempts, not 6.
    const docKeys = [memberKey, ...[...leaves.values()].map((ref) => ref.key), ...summaryKeysOf(leaves.keys())];
    const { written } = await updateVersionedMany<ReadinessDoc>(deps.store, docKeys, initialDoc, (current) => {
      stale = anySplit(current, leaves);
      if (stale) return undefined;
      const members = current.get(memberKey) as MemberShard;
      plan = planObservation(members.entries[facts.id], facts, signature, read.fromChangelog === true);
      if (!plan) return undefined;
      missing = [...plan.leave, ...plan.join].filter((v) => !versions.includes(v));
      if (missing.length) return undefined;
      const next = new Map<string, ReadinessDoc>([[memberKey, { ...members, entries: { ...members.entries, [facts.id]: plan.member } }]]);
      const changes: EntryChange[] = [];
      for (const v of plan.leave) {
        const leaf = leafAt(current, leaves.get(v)!);
        changes.push(putLeaf(next, leaves.get(v)!, leaf, withoutEntry(leaf, facts.id), facts.id));
      }
      for (const v of plan.join) {
        const leaf = leafAt(current, leaves.get(v)!);
        changes.push(putLeaf(next, leaves.get(v)!, leaf, withEntry(leaf, facts, plan.member), facts.id));
      }
      rebuild = putSummaries(next, current, policy, changes, deps.clock.now());
      return next;
    }, { anchors: [memberKey], attempts: 12 });
    if (stale) continue;
    if (missing.length) {
      versions = union(versions, missing);
      continue;
    }
    if (!written || !plan) return { applied: false, joined: [], left: [], dependentsQueued: 0, dependentsChanged: false };
    await refreshSummaries(deps, facts.projectId, rebuild);
    const dependents = options.cascade && plan.dependentsChanged ? await queueDependents(deps, read) : 0;
    return { applied: true, joined: plan.join, left: plan.leave, dependentsQueued: dependents, dependentsChanged: plan.dependentsChanged };
  }
  throw new Error(`The releases of ${facts.key} kept changing while its readiness was being recorded.`);
}

/** The issues whose readiness may depend on this one (its parent, linked issues), at most MAX_DEPENDENTS. */
export function dependentKeysOf(read: FactsRead): string[] {
  return union(read.dependents.parentKey ? [read.dependents.parentKey] : [], read.dependents.keys).slice(0, MAX_DEPENDENTS);
}

async function queueDependents(deps: AppDeps, read: FactsRead): Promise<number> {
  const targets = dependentKeysOf(read);
  if (targets.length === 0) return 0;
  await deps.queue.push(targets.map((issue) => job('refresh-issue-readiness', { issue })));
  return targets.length;
}

/** Removes a deleted issue from every roll-up holding it; later events about it change nothing. */
export async function removeIssue(deps: AppDeps, projectId: string, issueId: string): Promise<{ removedFrom: string[] }> {
  const memberKey = memberKeyOf(projectId, issueId);
  const known = (await deps.store.getVersioned<MemberShard>(memberKey))?.value.entries[issueId];
  let versions = known?.v ?? [];
  const policy = await loadPolicy(deps.store, projectId, deps.log);
  for (let round = 0; round < 6; round++) {
    let missing: string[] = [];
    let stale = false;
    let leave: string[] = [];
    let rebuild: string[] = [];
    const leaves = await leavesOf(deps.store, versions, issueId);
    await updateVersionedMany<ReadinessDoc>(deps.store, [memberKey, ...[...leaves.values()].map((ref) => ref.key), ...summaryKeysOf(leaves.keys())], initialDoc, (current) => {
      stale = anySplit(current, leaves);
      if (stale) return undefined;
      const members = current.get(memberKey) as MemberShard;
      const entry = members.entries[issueId];
      if (entry?.d) return undefined;
      const plan = planDeletion(entry, deps.clock.now().getTime());
      missing = plan.leave.filter((v) => !versions.includes(v));
      if (missing.length) return undefined;
      leave = plan.leave;
      const next = new Map<string, ReadinessDoc>([[memberKey, { ...members, entries: { ...members.entries, [issueId]: plan.member } }]]);
      const changes = plan.leave.map((v) => {
        const leaf = leafAt(current, leaves.get(v)!);
        return putLeaf(next, leaves.get(v)!, leaf, withoutEntry(leaf, issueId), issueId);
      });
      rebuild = putSummaries(next, current, policy, changes, deps.clock.now());
      return next;
    }, { anchors: [memberKey], attempts: 12 });
    if (stale) continue;
    if (!missing.length) {
      await refreshSummaries(deps, projectId, rebuild);
      return { removedFrom: leave };
    }
    versions = union(versions, missing);
  }
  throw new Error(`The releases of issue ${issueId} kept changing while it was being removed.`);
}

export interface SignOffWrite {
  outcome: SignOffOutcome;
  /** The issue was not in the index yet: it was added from the signer's view of it. */
  provisional: boolean;
}

/**
 * Records a sign-off (or revocation), then the issue's signed checks in its roll-ups. The log and
 * the member index change in one transaction: two people signing different checks at once both
 * land (the loser retries on the fresh log), and a second click on a signed check changes nothing.
 * Each release's leaf is then updated on its own, so an issue in any number of releases needs at
 * most two documents per transaction; the leaves only take a newer sign-off state (`sr`), and a
 * repeated request writes whatever a failure left out, so a retry completes a half-done sign-off.
 */
export async function writeSignOff(deps: AppDeps, facts: IssueFacts, request: SignOffRequest): Promise<SignOffWrite> {
  const logKey = keys.readinessSignOffs(facts.id);
  const memberKey = memberKeyOf(facts.projectId, facts.id);
  const tracked = trackedVersionIds(facts);
  let outcome: SignOffOutcome | undefined;
  let entry: MemberEntry | undefined;
  let provisional = false;
  let known = false;
  await updateVersionedMany<ReadinessDoc>(deps.store, [logKey, memberKey], initialDoc, (current) => {
    const stored = current.get(logKey) as SignOffLog;
    const log: SignOffLog = stored.records.length ? stored : emptyLog(facts.id, facts.projectId);
    outcome = applySignOff(log, request);
    const members = current.get(memberKey) as MemberShard;
    const existing = members.entries[facts.id];
    provisional = !existing;
    known = existing !== undefined;
    if (outcome.kind !== 'recorded') {
      entry = existing ?? { v: tracked, u: facts.updated, o: 0, ...signedStateOf(outcome.log) };
      return undefined;
    }
    const signed = signedStateOf(outcome.log);
    // Facts read as the signer go in only where the app has none yet, marked as never observed
    // (o: 0) so the app's own read replaces them; the queue re-reads the issue right after.
    entry = existing ? { ...existing, ...newerSigned(existing, signed) } : { v: tracked, u: facts.updated, o: 0, ...signed };
    // A log that outgrew its document moves its oldest records to a new page, in this transaction.
    const split = splitLog(outcome.log);
    return new Map<string, ReadinessDoc>([
      [logKey, split.log],
      ...(split.page ? [[keys.readinessSignOffPage(facts.id, split.page.page), split.page] as const] : []),
      [memberKey, { ...members, entries: { ...members.entries, [facts.id]: entry } }],
    ]);
  });
  if (!outcome || !entry) throw new Error('Sign-off was not applied.');
  // An unchanged sign-off still repairs the roll-ups of an issue the app knows (a retry after a
  // failure between the two steps); it adds the issue nowhere.
  const recorded = outcome.kind === 'recorded';
  if ((recorded || known) && !entry.d) {
    const signed = signedStateOf(outcome.log);
    const policy = await loadPolicy(deps.store, facts.projectId, deps.log);
    const added = await Promise.all(entry.v.map((v) => signIntoRelease(deps, policy, v, facts, signed, recorded)));
    provisional ||= added.some(Boolean);
  }
  if (provisional && recorded) await deps.queue.push([job('refresh-issue-readiness', { issue: facts.key })]);
  return { outcome, provisional };
}

/** `sr` orders sign-off states: the log's newest position (its length until records moved to pages). */
function signedStateOf(log: SignOffLog): SignedState {
  return { s: signedIds(log), sr: lastSeq(log) };
}

/** Writes an issue's signed state into one release's leaf; true when the issue was not in it yet. */
async function signIntoRelease(deps: AppDeps, policy: PolicyInHand, versionId: string, facts: IssueFacts, signed: SignedState, mayAdd: boolean): Promise<boolean> {
  const { store } = deps;
  for (let round = 0; round < 6; round++) {
    const ref = await leafOf(store, versionId, facts.id);
    let stale = false;
    let added = false;
    let rebuild: string[] = [];
    await updateVersionedMany<ReadinessDoc>(store, [ref.key, summaryKey(versionId)], initialDoc, (current) => {
      stale = isSplitNode(current.get(ref.key) as StoredReleaseShard);
      if (stale) return undefined;
      const shard = leafAt(current, ref);
      added = !shard.issues[facts.id];
      if (added && !mayAdd) return undefined;
      const updated = added ? withEntry(shard, { ...facts, observed: 0 }, signed) : withSigned(shard, facts.id, signed);
      if (!updated) return undefined;
      const next = new Map<string, ReadinessDoc>();
      rebuild = putSummaries(next, current, policy, [putLeaf(next, ref, shard, updated, facts.id)], deps.clock.now());
      return next;
    }, 12);
    if (stale) continue;
    await refreshSummaries(deps, facts.projectId, rebuild);
    return added;
  }
  throw new Error(`The roll-up of version ${versionId} kept splitting while a sign-off was being recorded.`);
}

// ---------------------------------------------------------------------------------------------
// Whole releases

export { readReleaseState };

/** Every leaf of a release's roll-up (split nodes left out). */
export async function readReleaseShards(store: KeyValueStore, versionId: string): Promise<ReleaseShard[]> {
  return (await readReleaseState(store, versionId)).shards;
}

export { builtAtOf } from './release-shards';

/** New facts go into a leaf in batches of about this many bytes, so one write never needs more than a few documents. */
const REBUILD_BATCH_BYTES = 128 * 1024;

/**
 * Writes a read of a release's issues (`facts`, read from `startedAt` on) into its buckets. A
 * `complete` read (every issue of the release) also drops issues no longer in it, except those an
 * event wrote after the read began; an incremental one (recently updated issues) only adds and
 * refreshes. Newer stored facts win; sign-off state comes from the member index, whichever is newer.
 */
export async function rebuildRelease(
  deps: AppDeps,
  projectId: string,
  versionId: string,
  facts: IssueFacts[],
  startedAt: number,
  options: { complete: boolean; policyRev: number },
): Promise<{ issues: number; buckets: number }> {
  const inRelease = facts.filter((f) => trackedVersionIds(f).includes(versionId));
  // 1. The member index: note the release for each issue (an over-approximation is harmless: an
  // event removes the issue from releases it is no longer in), and collect sign-off state.
  const signedById = new Map<string, SignedState>();
  const deleted = new Set<string>();
  const byMemberBucket = new Map<number, IssueFacts[]>();
  for (const f of inRelease) {
    const bucket = bucketOf(f.id, MEMBER_BUCKETS);
    byMemberBucket.set(bucket, [...(byMemberBucket.get(bucket) ?? []), f]);
  }
  for (const [bucket, list] of byMemberBucket) {
    await updateVersioned<MemberShard>(
      deps.store,
      keys.readinessMembers(projectId, bucket),
      () => emptyMemberShard(projectId, bucket),
      (members) => {
        let changed = false;
        const entries = { ...members.entries };
        for (const f of list) {
          const entry = entries[f.id];
          if (entry?.d) {
            deleted.add(f.id);
            continue;
          }
          if (entry) signedById.set(f.id, entry);
          if (entry && entry.v.includes(versionId) && entry.o > 0) continue;
          const newer = !entry || isAtLeastAsRecent(f, { updated: entry.u, observed: entry.o });
          entries[f.id] = newer
            ? { v: union(entry?.v ?? [], [versionId]), u: f.updated, o: f.observed, s: entry?.s ?? [], sr: entry?.sr ?? 0, h: dependentsSignature(f) }
            : { ...entry!, v: union(entry!.v, [versionId]) };
          changed = true;
        }
        return changed ? { ...members, entries } : undefined;
      },
    );
  }
  // 2. The release's buckets, leaf by leaf, after the keys their entries read.
  const kept = inRelease.filter((f) => !deleted.has(f.id));
  await recordReferences(deps.store, kept);
  const seen = new Set(kept.map((f) => f.id));
  const builtAt = deps.clock.now().toISOString();
  const merge = (shard: ReleaseShard, batch: IssueFacts[]): ReleaseShard => {
    const issues: ReleaseShard['issues'] = {};
    // An issue not found by a complete read stays only if an event wrote it after the read began.
    for (const [id, stored] of Object.entries(shard.issues)) if (seen.has(id) || !options.complete || stored.observed > startedAt) issues[id] = stored;
    for (const f of batch) {
      const stored = shard.issues[f.id];
      const signed = newerSigned(stored, signedById.get(f.id));
      issues[f.id] = stored && !isAtLeastAsRecent(f, stored) ? { ...stored, s: signed.s, sr: signed.sr } : { ...compactFacts(f), s: signed.s, sr: signed.sr };
    }
    const fullAt = options.complete ? builtAt : shard.fullAt;
    return { ...shard, builtAt, ...(fullAt ? { fullAt } : {}), policyRev: options.policyRev, issues };
  };
  const byBucket = new Map<number, IssueFacts[]>(Array.from({ length: RELEASE_BUCKETS }, (_, b) => [b, []]));
  for (const f of kept) byBucket.get(bucketOf(f.id, RELEASE_BUCKETS))!.push(f);
  let leaves = 0;
  for (const [bucket, list] of byBucket) leaves += await rebuildBucket(deps.store, versionId, bucket, list, merge);
  // Written last: leaves left as they were take these marks only once every bucket is done.
  const repaired: RepairedDoc = { builtAt, ...(options.complete ? { fullAt: builtAt } : {}), policyRev: options.policyRev };
  await updateVersioned<RepairedDoc>(deps.store, keys.readinessRepaired(versionId), () => repaired, () => repaired);
  // The summary from every leaf as now stored: rebuilt when missing or behind, written only when it changed.
  await refreshReleaseSummary(deps, projectId, versionId);
  return { issues: kept.length, buckets: leaves };
}

/**
 * A leaf whose issues a repair leaves as they were, already built for the same policy (and read
 * completely before, when this read is complete): not rewritten, the release's repair marks cover it.
 */
function unchangedLeaf(before: ReleaseShard, after: ReleaseShard): boolean {
  if (!before.builtAt || before.policyRev !== after.policyRev) return false;
  if (after.fullAt !== before.fullAt && !before.fullAt) return false;
  return isDeepStrictEqual(before.issues, after.issues);
}

/**
 * Merges facts into one bucket's tree: every leaf is visited (written, or left as it was when
 * nothing in it changed), facts in byte-bounded batches, leaves split as they fill. Returns the
 * leaves visited.
 */
async function rebuildBucket(
  store: KeyValueStore,
  versionId: string,
  bucket: number,
  facts: IssueFacts[],
  merge: (shard: ReleaseShard, batch: IssueFacts[]) => ReleaseShard,
): Promise<number> {
  const size = new Map(facts.map((f) => [f.id, jsonBytes(compactFacts(f))]));
  let pending = facts;
  const written = new Set<string>();
  let conflicts = 0;
  let tree = await readBucketTree(store, versionId, bucket);
  for (;;) {
    const splits = new Set(tree.splits.map((s) => s.path));
    const routed = new Map<string, IssueFacts[]>(tree.leaves.map((leaf) => [leaf.path, []]));
    for (const f of pending) routed.get(leafPathOf(f.id, (path) => splits.has(path)))?.push(f);
    const leaf = tree.leaves.find((l) => routed.get(l.path)!.length > 0 || !written.has(l.path));
    if (!leaf) return written.size;
    const batch: IssueFacts[] = [];
    let bytes = 0;
    for (const f of routed.get(leaf.path)!) {
      if (batch.length && bytes + size.get(f.id)! > REBUILD_BATCH_BYTES) break;
      batch.push(f);
      bytes += size.get(f.id)!;
    }
    const before = leafShard(leaf, leaf.doc?.value);
    const after = merge(before, batch);
    const applied = new Set(batch.map((f) => f.id));
    if (leaf.doc && unchangedLeaf(before, after)) {
      // Nothing to write: the release's repair marks (written after every bucket) stand for it.
      pending = pending.filter((f) => !applied.has(f.id));
      written.add(leaf.path);
      continue;
    }
    const docs = placedDocs(leaf, after);
    const operations: TransactOperation[] = [...docs].map(([key, value]) => ({ kind: 'put', key, value, expectRev: key === leaf.key ? (leaf.doc?.rev ?? 0) : 0 }));
    try {
      await store.transact(operations);
    } catch (error) {
      if (!(error instanceof ConflictError) || ++conflicts > 50) throw error;
      tree = await readBucketTree(store, versionId, bucket);
      continue;
    }
    pending = pending.filter((f) => !applied.has(f.id));
    // The tree as just written: the leaf, or a split node over new leaves.
    const placed = [...docs].map(([key, value]) => ({ ...nodeRef(versionId, bucket, value.path ?? ''), key, doc: { value, rev: key === leaf.key ? (leaf.doc?.rev ?? 0) + 1 : 1 } }));
    tree = {
      leaves: [...tree.leaves.filter((l) => l.key !== leaf.key), ...placed.filter((n) => !isSplitNode(n.doc.value))],
      splits: [...tree.splits, ...placed.filter((n) => isSplitNode(n.doc.value)).map((n) => ({ ...n, rev: n.doc.rev }))],
    };
    for (const n of placed) if (!isSplitNode(n.doc.value)) written.add(n.path);
  }
}

/** Forgets a deleted version's roll-up: leaves first, then split nodes deepest first. */
export async function dropRelease(store: KeyValueStore, versionId: string): Promise<number> {
  const { leaves, splits } = await readReleaseTree(store, versionId);
  const nodes = [...leaves.filter((l) => l.doc).map((l) => l.key), ...[...splits].sort((a, b) => b.path.length - a.path.length).map((s) => s.key)];
  let dropped = 0;
  for (const key of nodes) {
    const doc = await store.getVersioned(key);
    if (!doc) continue;
    await store.transact([{ kind: 'delete', key, expectRev: doc.rev }]);
    dropped++;
  }
  const repaired = await store.getVersioned(keys.readinessRepaired(versionId));
  if (repaired) await store.transact([{ kind: 'delete', key: keys.readinessRepaired(versionId), expectRev: repaired.rev }]);
  await dropSummary(store, versionId);
  return dropped;
}
