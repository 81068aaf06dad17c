/**
 * Where a release's roll-up lives: RELEASE_BUCKETS buckets by issue id, each a tree of leaves split
 * by bytes (src/domain/readiness/shard-split.ts). Reads walk the trees; writes go to leaves and
 * split them when they grow past SPLIT_AT_BYTES, so no document nears Forge's 240 KiB limit.
 */
import { RELEASE_BUCKETS, type ReleaseShard, bucketOf, emptyReleaseShard } from '../../domain/readiness/rollup';
import { type StoredReleaseShard, decodeShard } from '../../domain/readiness/shard-codec';
import { MAX_DEPTH, branchOf, isSplitNode, placeShard } from '../../domain/readiness/shard-split';
import type { KeyValueStore, Versioned } from '../../ports';
import { keys } from '../../store/keys';

export interface NodeRef {
  versionId: string;
  bucket: number;
  path: string;
  key: string;
}

/** A split node and its revision (it never changes again once split). */
export interface SplitRef extends NodeRef {
  rev: number;
}

export interface LeafDoc extends NodeRef {
  doc: Versioned<StoredReleaseShard> | undefined;
}

export function nodeRef(versionId: string, bucket: number, path: string): NodeRef {
  return { versionId, bucket, path, key: keys.readinessRelease(versionId, bucket, path) };
}

/** A leaf as the rules see it (empty when absent), knowing where it is. */
export function leafShard(ref: NodeRef, doc: StoredReleaseShard | undefined): ReleaseShard {
  const shard = doc && !isSplitNode(doc) ? decodeShard(doc) : emptyReleaseShard(ref.versionId, ref.bucket);
  return { ...shard, ...(ref.path ? { path: ref.path } : {}) };
}

/** The documents that store a leaf's new content, keyed (a split node and children when it outgrew one). */
export function placedDocs(ref: NodeRef, shard: ReleaseShard): Map<string, StoredReleaseShard> {
  return new Map(placeShard({ ...shard, versionId: ref.versionId, bucket: ref.bucket, path: ref.path }).map((n) => [keys.readinessRelease(ref.versionId, ref.bucket, n.path), n.doc]));
}

/** The leaf that holds (or would hold) an issue in a release: one read per level of its bucket's tree. */
export async function leafOf(store: KeyValueStore, versionId: string, issueId: string): Promise<NodeRef> {
  const bucket = bucketOf(issueId, RELEASE_BUCKETS);
  let path = '';
  for (;;) {
    const ref = nodeRef(versionId, bucket, path);
    if (path.length >= MAX_DEPTH || !isSplitNode((await store.getVersioned<StoredReleaseShard>(ref.key))?.value)) return ref;
    path += branchOf(issueId, path.length);
  }
}

/** Every node of one bucket's tree, read level by level: its leaves, and its split nodes. */
export async function readBucketTree(store: KeyValueStore, versionId: string, bucket: number): Promise<{ leaves: LeafDoc[]; splits: SplitRef[] }> {
  const leaves: LeafDoc[] = [];
  const splits: SplitRef[] = [];
  let level = [nodeRef(versionId, bucket, '')];
  while (level.length) {
    const docs = await Promise.all(level.map((ref) => store.getVersioned<StoredReleaseShard>(ref.key)));
    const next: NodeRef[] = [];
    level.forEach((ref, i) => {
      const doc = docs[i];
      if (isSplitNode(doc?.value) && ref.path.length < MAX_DEPTH) {
        splits.push({ ...ref, rev: doc?.rev ?? 0 });
        next.push(nodeRef(versionId, bucket, `${ref.path}0`), nodeRef(versionId, bucket, `${ref.path}1`));
      } else leaves.push({ ...ref, doc });
    });
    level = next;
  }
  return { leaves, splits };
}

export async function readReleaseTree(store: KeyValueStore, versionId: string): Promise<{ leaves: LeafDoc[]; splits: SplitRef[] }> {
  const trees = await Promise.all(Array.from({ length: RELEASE_BUCKETS }, (_, b) => readBucketTree(store, versionId, b)));
  return { leaves: trees.flatMap((t) => t.leaves), splits: trees.flatMap((t) => t.splits) };
}

/**
 * The revision of a release's roll-up: the sum of its documents' revisions. Every write raises it
 * (a leaf's put by one; a split by one for the node and one for each new child), so a summary
 * computed from a later state never carries a lower one.
 */
export function rollupRevOf(tree: { leaves: LeafDoc[]; splits: SplitRef[] }, repairedRev: number): number {
  return tree.leaves.reduce((n, l) => n + (l.doc?.rev ?? 0), 0) + tree.splits.reduce((n, s) => n + s.rev, 0) + repairedRev;
}

/** Prefix of every node key of a release's roll-up. */
export const releaseNodePrefix = (versionId: string) => keys.readinessRelease(versionId, 0).slice(0, -1);

/** The build marks of the last reconciliation that finished: a leaf it found unchanged keeps its older marks. */
export interface RepairedDoc {
  builtAt: string;
  fullAt?: string;
  policyRev: number;
}

/** A leaf's marks raised to the last finished reconciliation's, where that reconciliation covered it (same policy). */
function withRepairMarks(shard: ReleaseShard, repaired: RepairedDoc | undefined): ReleaseShard {
  if (!repaired || !shard.builtAt || shard.policyRev !== repaired.policyRev) return shard;
  const later = (a: string, b: string | undefined) => (b !== undefined && b > a ? b : a);
  return { ...shard, builtAt: later(shard.builtAt, repaired.builtAt), ...(shard.fullAt ? { fullAt: later(shard.fullAt, repaired.fullAt) } : {}) };
}

/** Every leaf of a release's roll-up as the rules see it (repair marks applied), and the roll-up's revision. */
export async function readReleaseState(store: KeyValueStore, versionId: string): Promise<{ shards: ReleaseShard[]; rollupRev: number }> {
  const [tree, repaired] = await Promise.all([readReleaseTree(store, versionId), store.getVersioned<RepairedDoc>(keys.readinessRepaired(versionId))]);
  return { shards: tree.leaves.map((leaf) => withRepairMarks(leafShard(leaf, leaf.doc?.value), repaired?.value)), rollupRev: rollupRevOf(tree, repaired?.rev ?? 0) };
}

/** Built when every leaf was written by a reconciliation (the oldest such time), else undefined. */
export function builtAtOf(shards: ReleaseShard[]): string | undefined {
  if (shards.some((s) => !s.builtAt)) return undefined;
  return shards.map((s) => s.builtAt as string).sort()[0];
}
