/**
 * Keeps the release roll-ups current: applies freshly read facts of one issue (events, re-reads),
 * removes deleted issues, records sign-off state, and rebuilds whole releases (reconciliation).
 * Each issue change is one transaction over its member-index bucket and the release buckets it
 * leaves or joins: O(1) store operations whatever the size of the release.
 */
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
import { type StoredReleaseShard, decodeShard, encodeShard } from '../../domain/readiness/shard-codec';
import { type SignOffLog, type SignOffOutcome, type SignOffRequest, applySignOff, emptyLog, signedIds } from '../../domain/readiness/sign-offs';
import type { KeyValueStore } from '../../ports';
import { keys } from '../../store/keys';
import { updateVersioned } from '../../store/versioned-update';
import { updateVersionedMany } from '../../store/versioned-update-many';
import type { AppDeps } from '../deps';
import { job } from '../jobs-catalog';
import type { FactsRead } from './facts';

type ReadinessDoc = MemberShard | StoredReleaseShard | SignOffLog;

/** A release bucket as the rules see it (stored encoded, see shard-codec.ts). */
function shardOf(doc: ReadinessDoc | undefined, versionId: string, bucket: number): ReleaseShard {
  return doc && (doc as StoredReleaseShard).fmt === 2 ? decodeShard(doc as StoredReleaseShard) : emptyReleaseShard(versionId, bucket);
}

function releaseAt(current: Map<string, ReadinessDoc>, versionId: string, issueId: string): { key: string; shard: ReleaseShard } {
  const key = releaseKeyOf(versionId, issueId);
  return { key, shard: shardOf(current.get(key), versionId, bucketOf(issueId, RELEASE_BUCKETS)) };
}

export const memberKeyOf = (projectId: string, issueId: string) => keys.readinessMembers(projectId, bucketOf(issueId, MEMBER_BUCKETS));
export const releaseKeyOf = (versionId: string, issueId: string) => keys.readinessRelease(versionId, bucketOf(issueId, RELEASE_BUCKETS));

/** The empty document for a key built by keys.readiness*(). */
function initialDoc(key: string): ReadinessDoc {
  const parts = key.split(':');
  if (parts[1] === 'members') return emptyMemberShard(parts[2] ?? '', Number(parts[3]));
  if (parts[1] === 'release') return encodeShard(emptyReleaseShard(parts[2] ?? '', Number(parts[3])));
  if (parts[1] === 'signoffs') return emptyLog(parts[2] ?? '', '');
  throw new Error(`Not a readiness key: ${key}`);
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
export async function applyIssueFacts(deps: AppDeps, read: FactsRead, options: { cascade?: boolean; knownVersions?: string[] } = {}): Promise<ApplyOutcome> {
  const { facts } = read;
  const memberKey = memberKeyOf(facts.projectId, facts.id);
  const signature = dependentsSignature(facts);
  let versions = union(options.knownVersions ?? [], trackedVersionIds(facts));
  for (let round = 0; round < 3; round++) {
    let missing: string[] = [];
    let plan: ReturnType<typeof planObservation>;
    const { written } = await updateVersionedMany<ReadinessDoc>(deps.store, [memberKey, ...versions.map((v) => releaseKeyOf(v, facts.id))], initialDoc, (current) => {
      const members = current.get(memberKey) as MemberShard;
      plan = planObservation(members.entries[facts.id], facts, signature);
      if (!plan) return undefined;
      missing = [...plan.leave, ...plan.join].filter((v) => !versions.includes(v));
      if (missing.length) return undefined;
      const next = new Map<string, ReadinessDoc>([[memberKey, { ...members, entries: { ...members.entries, [facts.id]: plan.member } }]]);
      for (const v of plan.leave) {
        const { key, shard } = releaseAt(current, v, facts.id);
        const updated = withoutEntry(shard, facts.id);
        if (updated) next.set(key, encodeShard(updated));
      }
      for (const v of plan.join) {
        const { key, shard } = releaseAt(current, v, facts.id);
        const updated = withEntry(shard, facts, plan.member);
        if (updated) next.set(key, encodeShard(updated));
      }
      return next;
    });
    if (missing.length) {
      versions = union(versions, missing);
      continue;
    }
    if (!written || !plan) return { applied: false, joined: [], left: [], dependentsQueued: 0, dependentsChanged: false };
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
  for (let round = 0; round < 3; round++) {
    let missing: string[] = [];
    let leave: string[] = [];
    await updateVersionedMany<ReadinessDoc>(deps.store, [memberKey, ...versions.map((v) => releaseKeyOf(v, issueId))], initialDoc, (current) => {
      const members = current.get(memberKey) as MemberShard;
      const entry = members.entries[issueId];
      if (entry?.d) return undefined;
      const plan = planDeletion(entry, deps.clock.now().getTime());
      missing = plan.leave.filter((v) => !versions.includes(v));
      if (missing.length) return undefined;
      leave = plan.leave;
      const next = new Map<string, ReadinessDoc>([[memberKey, { ...members, entries: { ...members.entries, [issueId]: plan.member } }]]);
      for (const v of plan.leave) {
        const { key, shard } = releaseAt(current, v, issueId);
        const updated = withoutEntry(shard, issueId);
        if (updated) next.set(key, encodeShard(updated));
      }
      return next;
    });
    if (!missing.length) return { removedFrom: leave };
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
 * Records a sign-off (or revocation) and the issue's signed checks in its roll-ups, in one
 * transaction: two people signing different checks at once both land (the loser retries on the
 * fresh log), and a second click on a signed check changes nothing.
 */
export async function writeSignOff(deps: AppDeps, facts: IssueFacts, request: SignOffRequest): Promise<SignOffWrite> {
  const logKey = keys.readinessSignOffs(facts.id);
  const memberKey = memberKeyOf(facts.projectId, facts.id);
  const tracked = trackedVersionIds(facts);
  let versions = tracked;
  for (let round = 0; round < 3; round++) {
    let missing: string[] = [];
    let outcome: SignOffOutcome | undefined;
    let provisional = false;
    await updateVersionedMany<ReadinessDoc>(deps.store, [logKey, memberKey, ...versions.map((v) => releaseKeyOf(v, facts.id))], initialDoc, (current) => {
      const stored = current.get(logKey) as SignOffLog;
      const log: SignOffLog = stored.records.length ? stored : emptyLog(facts.id, facts.projectId);
      outcome = applySignOff(log, request);
      if (outcome.kind !== 'recorded') return undefined;
      const signed: SignedState = { s: signedIds(outcome.log), sr: outcome.log.records.length };
      const members = current.get(memberKey) as MemberShard;
      const existing = members.entries[facts.id];
      // Facts read as the signer go in only where the app has none yet, marked as never observed
      // (o: 0) so the app's own read replaces them; the queue re-reads the issue right after.
      const entry: MemberEntry = existing ? { ...existing, ...newerSigned(existing, signed) } : { v: tracked, u: facts.updated, o: 0, ...signed };
      provisional = !existing;
      missing = entry.v.filter((v) => !versions.includes(v));
      if (missing.length) return undefined;
      const next = new Map<string, ReadinessDoc>([
        [logKey, outcome.log],
        [memberKey, { ...members, entries: { ...members.entries, [facts.id]: entry } }],
      ]);
      for (const v of entry.v) {
        const { key, shard } = releaseAt(current, v, facts.id);
        const updated = shard.issues[facts.id] ? withSigned(shard, facts.id, signed) : withEntry(shard, { ...facts, observed: 0 }, signed);
        if (updated) {
          next.set(key, encodeShard(updated));
          if (!shard.issues[facts.id]) provisional = true;
        }
      }
      return next;
    });
    if (missing.length) {
      versions = union(versions, missing);
      continue;
    }
    if (!outcome) throw new Error('Sign-off was not applied.');
    if (provisional) await deps.queue.push([job('refresh-issue-readiness', { issue: facts.key })]);
    return { outcome, provisional };
  }
  throw new Error(`The releases of ${facts.key} kept changing while a sign-off was being recorded.`);
}

// ---------------------------------------------------------------------------------------------
// Whole releases

export async function readReleaseShards(store: KeyValueStore, versionId: string): Promise<ReleaseShard[]> {
  const docs = await Promise.all(Array.from({ length: RELEASE_BUCKETS }, (_, b) => store.getVersioned<StoredReleaseShard>(keys.readinessRelease(versionId, b))));
  return docs.map((doc, b) => shardOf(doc?.value, versionId, b));
}

/** Built when every bucket was written by a reconciliation (the oldest such time), else undefined. */
export function builtAtOf(shards: ReleaseShard[]): string | undefined {
  if (shards.some((s) => !s.builtAt)) return undefined;
  return shards.map((s) => s.builtAt as string).sort()[0];
}

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
  // 2. The release's buckets.
  const byBucket = new Map<number, IssueFacts[]>(Array.from({ length: RELEASE_BUCKETS }, (_, b) => [b, []]));
  for (const f of inRelease) if (!deleted.has(f.id)) byBucket.get(bucketOf(f.id, RELEASE_BUCKETS))!.push(f);
  const builtAt = deps.clock.now().toISOString();
  for (const [bucket, list] of byBucket) {
    await updateVersioned<StoredReleaseShard>(
      deps.store,
      keys.readinessRelease(versionId, bucket),
      () => encodeShard(emptyReleaseShard(versionId, bucket)),
      (stored) => {
        const shard = shardOf(stored, versionId, bucket);
        const issues: ReleaseShard['issues'] = {};
        const seen = new Set(list.map((f) => f.id));
        for (const f of list) {
          const stored = shard.issues[f.id];
          const signed = newerSigned(stored, signedById.get(f.id));
          issues[f.id] = stored && !isAtLeastAsRecent(f, stored) ? { ...stored, s: signed.s, sr: signed.sr } : { ...compactFacts(f), s: signed.s, sr: signed.sr };
        }
        // An issue not found by a complete read stays only if an event wrote it after the read began.
        for (const [id, stored] of Object.entries(shard.issues)) if (!seen.has(id) && (!options.complete || stored.observed > startedAt)) issues[id] = stored;
        const fullAt = options.complete ? builtAt : shard.fullAt;
        return encodeShard({ versionId, bucket, builtAt, ...(fullAt ? { fullAt } : {}), policyRev: options.policyRev, issues });
      },
    );
  }
  return { issues: inRelease.length - deleted.size, buckets: RELEASE_BUCKETS };
}

/** Forgets a deleted version's roll-up. */
export async function dropRelease(store: KeyValueStore, versionId: string): Promise<number> {
  let dropped = 0;
  for (let bucket = 0; bucket < RELEASE_BUCKETS; bucket++) {
    const key = keys.readinessRelease(versionId, bucket);
    const doc = await store.getVersioned(key);
    if (!doc) continue;
    await store.transact([{ kind: 'delete', key, expectRev: doc.rev }]);
    dropped++;
  }
  return dropped;
}
