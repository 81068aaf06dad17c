/**
 * How release shards are stored: short keys, tuples for linked issues, defaults left out and the
 * sets of checked fields written once per shard. A 2,000-issue release then takes a few hundred
 * KiB instead of a megabyte, which is what every roll-up read pays for (KVS counts reads in
 * 10 KB units). Pure: the store adapters encode before writing and decode after reading.
 */
import type { BlockerFacts, LinkedIssueFacts, StatusCategory, VersionRef } from './facts';
import type { ReleaseShard, ShardEntry } from './rollup';

type Cat = 'n' | 'i' | 'd';
/** [key, status name, category, issue type, priority or ''] */
type StoredLinked = [string, string, Cat, string, string];
/** [id, name, release date or '', 1 when released] */
type StoredVersion = [string, string, string, 0 | 1];
/** A linked issue plus its fix versions (null: not read). */
type StoredBlocker = [string, string, Cat, string, string, StoredVersion[] | null];

export interface StoredEntry {
  k: string;
  n: string;
  t: string;
  st: string;
  c: Cat;
  /** Resolution name; absent: unresolved. */
  r?: string;
  p?: string;
  fl?: 1;
  sub?: 1;
  v: StoredVersion[];
  /** Index into the shard's `fs`: the fields checked when the facts were read. */
  f: number;
  /** Checked fields that were empty. */
  m?: string[];
  /** Sub-tasks: total and the open ones. */
  sn?: number;
  so?: StoredLinked[];
  b?: StoredBlocker[];
  l?: StoredLinked[];
  u: number;
  o: number;
  s?: string[];
  sr?: number;
}

export interface StoredReleaseShard {
  /** Format marker, so a future layout can be told apart. */
  fmt: 2;
  versionId: string;
  bucket: number;
  /** Hash bits below the bucket's root (see shard-split.ts); absent at the root. */
  path?: string;
  /** A split node: its two children hold the entries, it holds none. */
  split?: 1;
  builtAt?: string;
  fullAt?: string;
  pr?: number;
  /** Project of the issues (one version belongs to one project). */
  pid: string;
  /** Distinct sets of checked field ids. */
  fs: string[][];
  e: Record<string, StoredEntry>;
}

const TO_CAT: Record<StatusCategory, Cat> = { new: 'n', indeterminate: 'i', done: 'd' };
const FROM_CAT: Record<Cat, StatusCategory> = { n: 'new', i: 'indeterminate', d: 'done' };

function encodeLinked(l: LinkedIssueFacts): StoredLinked {
  return [l.key, l.statusName, TO_CAT[l.category], l.issueType, l.priority ?? ''];
}

function decodeLinked(t: StoredLinked): LinkedIssueFacts {
  return { key: t[0], statusName: t[1], category: FROM_CAT[t[2]], issueType: t[3], ...(t[4] ? { priority: t[4] } : {}) };
}

function encodeVersion(v: VersionRef): StoredVersion {
  return [v.id, v.name, v.releaseDate ?? '', v.released ? 1 : 0];
}

function decodeVersion(t: StoredVersion): VersionRef {
  return { id: t[0], name: t[1], released: t[3] === 1, ...(t[2] ? { releaseDate: t[2] } : {}) };
}

function encodeBlocker(b: BlockerFacts): StoredBlocker {
  return [...encodeLinked(b), b.fixVersions ? b.fixVersions.map(encodeVersion) : null];
}

function decodeBlocker(t: StoredBlocker): BlockerFacts {
  const linked = decodeLinked([t[0], t[1], t[2], t[3], t[4]]);
  return t[5] ? { ...linked, fixVersions: t[5].map(decodeVersion) } : linked;
}

export function encodeShard(shard: ReleaseShard): StoredReleaseShard {
  const fieldSets: string[][] = [];
  const setIndex = new Map<string, number>();
  const e: Record<string, StoredEntry> = {};
  let pid = '';
  for (const [id, entry] of Object.entries(shard.issues)) {
    pid ||= entry.projectId;
    const checked = Object.keys(entry.fields).sort();
    const signature = checked.join(',');
    let f = setIndex.get(signature);
    if (f === undefined) {
      f = fieldSets.push(checked) - 1;
      setIndex.set(signature, f);
    }
    const missing = checked.filter((fieldId) => entry.fields[fieldId] === false);
    e[id] = {
      k: entry.key,
      n: entry.summary,
      t: entry.issueType,
      st: entry.statusName,
      c: TO_CAT[entry.category],
      ...(entry.resolution ? { r: entry.resolution } : {}),
      ...(entry.priority ? { p: entry.priority } : {}),
      ...(entry.flagged ? { fl: 1 as const } : {}),
      ...(entry.subtask ? { sub: 1 as const } : {}),
      v: entry.fixVersions.map(encodeVersion),
      f,
      ...(missing.length ? { m: missing } : {}),
      ...(entry.subtasks.total ? { sn: entry.subtasks.total } : {}),
      ...(entry.subtasks.open.length ? { so: entry.subtasks.open.map(encodeLinked) } : {}),
      ...(entry.blockers.length ? { b: entry.blockers.map(encodeBlocker) } : {}),
      ...(entry.linked.length ? { l: entry.linked.map(encodeLinked) } : {}),
      u: entry.updated,
      o: entry.observed,
      ...(entry.s.length ? { s: entry.s } : {}),
      ...(entry.sr ? { sr: entry.sr } : {}),
    };
  }
  return {
    fmt: 2,
    versionId: shard.versionId,
    bucket: shard.bucket,
    ...(shard.path ? { path: shard.path } : {}),
    ...(shard.builtAt ? { builtAt: shard.builtAt } : {}),
    ...(shard.fullAt ? { fullAt: shard.fullAt } : {}),
    ...(shard.policyRev !== undefined ? { pr: shard.policyRev } : {}),
    pid,
    fs: fieldSets,
    e,
  };
}

export function decodeShard(stored: StoredReleaseShard): ReleaseShard {
  const issues: Record<string, ShardEntry> = {};
  for (const [id, s] of Object.entries(stored.e)) {
    const fields: Record<string, boolean> = {};
    const missing = new Set(s.m ?? []);
    for (const fieldId of stored.fs[s.f] ?? []) fields[fieldId] = !missing.has(fieldId);
    issues[id] = {
      id,
      key: s.k,
      projectId: stored.pid,
      summary: s.n,
      issueType: s.t,
      subtask: s.sub === 1,
      statusName: s.st,
      category: FROM_CAT[s.c],
      resolution: s.r ?? null,
      ...(s.p ? { priority: s.p } : {}),
      flagged: s.fl === 1,
      fixVersions: s.v.map(decodeVersion),
      fields,
      subtasks: { total: s.sn ?? 0, open: (s.so ?? []).map(decodeLinked) },
      blockers: (s.b ?? []).map(decodeBlocker),
      linked: (s.l ?? []).map(decodeLinked),
      updated: s.u,
      observed: s.o,
      s: s.s ?? [],
      sr: s.sr ?? 0,
    };
  }
  return {
    versionId: stored.versionId,
    bucket: stored.bucket,
    ...(stored.path ? { path: stored.path } : {}),
    ...(stored.builtAt ? { builtAt: stored.builtAt } : {}),
    ...(stored.fullAt ? { fullAt: stored.fullAt } : {}),
    ...(stored.pr !== undefined ? { policyRev: stored.pr } : {}),
    issues,
  };
}
