/**
 * Release buckets split by bytes, not by issue count: a bucket is a binary tree whose leaves each
 * stay under SPLIT_AT_BYTES. A leaf that grows past it becomes a split node and its entries move to
 * two children, chosen by the next bit of a hash of the issue id. Split nodes never change again, so
 * a writer that read the path to a leaf only needs the leaf's revision to be still current. Pure.
 */
import type { ReleaseShard } from './rollup';
import { jsonBytes } from '../json-size';
import { type StoredReleaseShard, encodeShard } from './shard-codec';

/** Forge KVS refuses values above 240 KiB; a leaf splits at two thirds of it, so one more batch or one big issue always fits. */
export const SPLIT_AT_BYTES = 160 * 1024;
/** Hash bits available below the bucket's own (the bucket takes the low 3 of 32). */
export const MAX_DEPTH = 28;

/** A second hash (FNV-1a with another basis) so tree bits are independent of the bucket's. */
function treeHash(issueId: string): number {
  let hash = 0x050c5d1f;
  for (let i = 0; i < issueId.length; i++) hash = Math.imul(hash ^ issueId.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** '0' or '1': which child of a node at `depth` holds the issue. */
export function branchOf(issueId: string, depth: number): '0' | '1' {
  return (treeHash(issueId) >>> depth) & 1 ? '1' : '0';
}

/** The leaf path of an issue, given which nodes are split. */
export function leafPathOf(issueId: string, isSplit: (path: string) => boolean): string {
  let path = '';
  while (isSplit(path) && path.length < MAX_DEPTH) path += branchOf(issueId, path.length);
  return path;
}

export function isSplitNode(doc: StoredReleaseShard | undefined): boolean {
  return doc?.split === 1;
}

export function splitNode(shard: Pick<ReleaseShard, 'versionId' | 'bucket' | 'path'>, pid: string): StoredReleaseShard {
  return { fmt: 2, versionId: shard.versionId, bucket: shard.bucket, ...(shard.path ? { path: shard.path } : {}), split: 1, pid, fs: [], e: {} };
}

export interface PlacedNode {
  path: string;
  doc: StoredReleaseShard;
}

/**
 * The documents that store `shard` at its path: the leaf itself when it is small enough, else a
 * split node and (recursively) its children, which inherit the shard's build marks. Parents come
 * before children. A single issue bigger than the limit cannot be split: the store refuses it.
 */
export function placeShard(shard: ReleaseShard, limit = SPLIT_AT_BYTES): PlacedNode[] {
  const path = shard.path ?? '';
  const doc = encodeShard(shard);
  const ids = Object.keys(shard.issues);
  if (ids.length <= 1 || path.length >= MAX_DEPTH || jsonBytes(doc) <= limit) return [{ path, doc }];
  const children: Record<'0' | '1', ReleaseShard> = {
    0: { ...shard, path: `${path}0`, issues: {} },
    1: { ...shard, path: `${path}1`, issues: {} },
  };
  for (const id of ids) children[branchOf(id, path.length)].issues[id] = shard.issues[id]!;
  return [{ path, doc: splitNode(shard, doc.pid) }, ...placeShard(children[0], limit), ...placeShard(children[1], limit)];
}
