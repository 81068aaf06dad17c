/**
 * Where issue facts live: per project and month of creation (UTC), each month split into parts
 * by creation time, then a hash of the issue id (`placementKey`). A month normally fits one
 * document (~2,000 issues); a part that overflows splits in two by the next bit of the key, in one
 * transaction of two operations, alone (extendible hashing), so a bulk-import month of any size
 * fits, a backfill window of a few days writes only the parts of those days, no fact is lost or
 * duplicated and no value nears Forge's 240 KiB limit. Writers upsert by issue id and keep the
 * fresher fact (by Jira's `updated`), so backfill chunks and deltas may overlap in any order.
 * Facts belong to a generation: a full re-sync writes a new generation beside the one readers use
 * (src/app/kpi-sync.ts), so a crash half-way never leaves the reports without facts.
 */
import { type FactTuple, type IssueFact, encodeFact } from '../domain/kpis/facts';
import { AppError, ConflictError } from '../errors';
import type { KeyValueStore, TransactOperation, Versioned } from '../ports';
import { keys } from '../store/keys';
import { KV_LIMITS, valueSizeBytes } from '../store/kv-limits';
import { updateVersioned } from '../store/versioned-update';
import { mapWithConcurrency } from './concurrency';
import { markKpiInputsChanged } from './kpi-inputs-mark';

export interface FactPart {
  v: 1;
  month: string;
  part: number;
  /**
   * 2^depth of this part: it holds the issues whose FNV-1a hash modulo `parts` is `part`. Parts of
   * one month may differ in depth: a full part splits alone (extendible hashing), so a month's size
   * is not bounded by how many parts one transaction can rewrite. Facts stored when every part of a
   * month had the same `parts` read the same way.
   */
  parts: number;
  /**
   * How issues are placed: `created` (months first written since bulk-import months were split):
   * by creation time first, so a backfill window of a few days writes the few parts holding those
   * days; absent: by a hash of the issue id (months stored before). Every part of a month says the same.
   */
  by?: 'created';
  facts: FactTuple[];
}

/** Split a part before it reaches this size (Forge's limit is 240 KiB). */
export const PART_BUDGET_BYTES = 200 * 1024;
/** Deepest split of a month: 16 levels by creation minute, then 12 by the issue id's hash. */
export const MAX_PART_DEPTH = 28;

export function monthOfMinutes(minutes: number): string {
  return new Date(minutes * 60_000).toISOString().slice(0, 7);
}

/** FNV-1a (32 bits) of a text: stable and evenly spread. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const depthOf = (parts: number) => Math.round(Math.log2(parts));

/** The 16 bits of a minute offset in reverse order: the low bits of the result are the offset's high ones. */
function reverse16(value: number): number {
  let out = 0;
  for (let bit = 0; bit < 16; bit++) out = (out << 1) | ((value >>> bit) & 1);
  return out;
}

/**
 * The 32 bits a month's parts split on. By creation: the first 16 split levels halve the month's
 * minutes (a month has fewer than 2^16), so a part holds a span of time; the next ones the id's
 * hash, for issues created within the same minute. By id: the id's hash alone.
 */
export function placementKey(by: FactPart['by'], month: string, id: string, createdMinutes: number): number {
  if (by !== 'created') return fnv1a(id);
  const offset = Math.min(0xffff, Math.max(0, createdMinutes - Date.parse(`${month}-01T00:00:00Z`) / 60_000));
  return (reverse16(offset) | ((fnv1a(id) & 0xffff) << 16)) >>> 0;
}

/**
 * Where the part holding `hash` lies, given a way to read a part (its `parts`, undefined when
 * absent): from the root, each part read either holds the hash or rules out its own subtree, so the
 * walk reads at most one part per level.
 */
export async function partHolding(hash: number, partsAt: (part: number) => Promise<number | undefined>): Promise<{ part: number; parts: number }> {
  let part = 0;
  let depth = 0;
  for (;;) {
    const stored = await partsAt(part);
    // Absent: an empty month (part 0), or a part a cleanup cut short removed: the region's own depth.
    const leafDepth = stored === undefined ? depth : depthOf(stored);
    const mask = 2 ** leafDepth - 1;
    if ((hash & mask) >>> 0 === part || leafDepth >= 31) return { part, parts: 2 ** leafDepth };
    // The lowest bit (at or below the leaf's depth) where the hash leaves this part's subtree.
    let bit = depth;
    while (bit < leafDepth - 1 && !((hash >>> bit) & 1)) bit++;
    part = (hash & (2 ** (bit + 1) - 1)) >>> 0;
    depth = bit + 1;
  }
}

/**
 * Every part number of a month, visiting each part's document once: `read` returns a part's
 * `parts` (undefined when absent); the subtrees a part does not cover are walked in parallel.
 */
export async function walkMonthParts(read: (part: number) => Promise<number | undefined>): Promise<void> {
  const visit = async (depth: number, part: number): Promise<void> => {
    const parts = await read(part);
    if (parts === undefined) return;
    const leafDepth = depthOf(parts);
    const below: Array<Promise<void>> = [];
    for (let bit = depth; bit < leafDepth; bit++) below.push(visit(bit + 1, part + 2 ** bit));
    await Promise.all(below);
  };
  await visit(0, 0);
}

class StalePart extends Error {}
class PartFull extends Error {}

export interface WriteStats {
  /** Facts that were new or changed. */
  changed: number;
  months: string[];
  splits: number;
}

/** Upserts facts; returns how many changed and which months hold them. */
export async function writeFacts(store: KeyValueStore, projectId: string, facts: IssueFact[], generation = 0): Promise<WriteStats> {
  const byMonth = new Map<string, IssueFact[]>();
  for (const fact of facts) {
    const month = monthOfMinutes(fact.created);
    const list = byMonth.get(month);
    if (list) list.push(fact);
    else byMonth.set(month, [fact]);
  }
  const stats: WriteStats = { changed: 0, months: [...byMonth.keys()].sort(), splits: 0 };
  for (const [month, monthFacts] of byMonth) {
    const result = await writeMonth(store, projectId, month, monthFacts, generation);
    stats.changed += result.changed;
    stats.splits += result.splits;
  }
  // Marked even when nothing changed: a retried chunk finds its facts stored by a run that died before marking.
  if (facts.length) await markKpiInputsChanged(store, { projectId });
  return stats;
}

async function writeMonth(store: KeyValueStore, projectId: string, month: string, facts: IssueFact[], generation: number): Promise<{ changed: number; splits: number }> {
  const key = (part: number) => keys.kpiFacts(projectId, month, part, generation);
  let splits = 0;
  let changed = 0;
  let pending = facts;
  // Each round places the facts still pending; a part that split or filled meanwhile sends its facts to the next round.
  for (let round = 0; pending.length && round < 4 * MAX_PART_DEPTH; round++) {
    const root = (await store.getVersioned<FactPart>(key(0)))?.value;
    // A month's layout is chosen by its first write and never changes.
    const by: FactPart['by'] = root ? root.by : 'created';
    const known = new Map<number, number | undefined>([[0, root?.parts]]);
    const partsAt = async (part: number) => {
      if (!known.has(part)) known.set(part, (await store.getVersioned<FactPart>(key(part)))?.value.parts);
      return known.get(part);
    };
    const groups = new Map<number, { parts: number; facts: IssueFact[] }>();
    for (const fact of pending) {
      const { part, parts } = await partHolding(placementKey(by, month, fact.id, fact.created), partsAt);
      const group = groups.get(part);
      if (group) group.facts.push(fact);
      else groups.set(part, { parts, facts: [fact] });
    }
    const left: IssueFact[] = [];
    for (const [part, group] of [...groups].sort((a, b) => a[0] - b[0])) {
      let partChanged = 0;
      try {
        const { written } = await updateVersioned<FactPart>(
          store,
          key(part),
          () => ({ v: 1, month, part, parts: group.parts, ...(by ? { by } : {}), facts: [] }),
          (doc) => {
            if (doc.parts !== group.parts || doc.by !== by) throw new StalePart();
            const { next, count } = upsert(doc, group.facts);
            if (!count) return undefined;
            if (valueSizeBytes(next) > PART_BUDGET_BYTES) throw new PartFull();
            partChanged = count;
            return next;
          },
        );
        if (written) changed += partChanged;
      } catch (error) {
        if (error instanceof PartFull) {
          if (await splitPart(store, key, month, part, group.parts, by)) splits++;
        } else if (!(error instanceof StalePart || error instanceof ConflictError)) throw error;
        left.push(...group.facts);
      }
    }
    pending = left;
  }
  if (pending.length) throw new AppError('CONFLICT', `The facts of ${month} kept changing while the sync wrote them.`);
  return { changed, splits };
}

function upsert(doc: FactPart, facts: IssueFact[]): { next: FactPart; count: number } {
  const index = new Map(doc.facts.map((t, i) => [t[0], i]));
  const tuples = [...doc.facts];
  let count = 0;
  for (const fact of facts) {
    const tuple = encodeFact(fact);
    const at = index.get(fact.id);
    if (at === undefined) {
      index.set(fact.id, tuples.length);
      tuples.push(tuple);
      count++;
      continue;
    }
    const stored = tuples[at] as FactTuple;
    // Keep the fresher fact: a chunk that read an issue before a delta saw its change loses.
    if (stored[4] > tuple[4] || JSON.stringify(stored) === JSON.stringify(tuple)) continue;
    tuples[at] = tuple;
    count++;
  }
  return { next: { ...doc, facts: tuples }, count };
}

/**
 * Splits one part in two by the next bit of the hash: the part keeps the facts whose bit is 0, a
 * new part (number + parts) takes the others, in one transaction of two operations. Other parts of
 * the month are untouched, so the month grows without bound. False when someone changed it first.
 */
async function splitPart(store: KeyValueStore, key: (part: number) => string, month: string, part: number, parts: number, by: FactPart['by']): Promise<boolean> {
  if (depthOf(parts) + 1 > MAX_PART_DEPTH) {
    throw new AppError('STORE_LIMIT', `More issues were created in ${month} than the KPI store holds for one month (about ${2 ** MAX_PART_DEPTH * 2000}).`);
  }
  // Absent: a first write too big for one part splits the empty part before writing.
  const current = await store.getVersioned<FactPart>(key(part));
  if (current && (current.value.parts !== parts || current.value.by !== by)) return false; // split by someone else already
  const next = parts * 2;
  const stay: FactTuple[] = [];
  const move: FactTuple[] = [];
  for (const tuple of current?.value.facts ?? []) ((placementKey(by, month, tuple[0], tuple[3]) % next) === part ? stay : move).push(tuple);
  const layout = by ? { by } : {};
  const operations: TransactOperation[] = [
    { kind: 'put', key: key(part), value: { v: 1, month, part, parts: next, ...layout, facts: stay } satisfies FactPart, expectRev: current?.rev ?? 0 },
    { kind: 'put', key: key(part + parts), value: { v: 1, month, part: part + parts, parts: next, ...layout, facts: move } satisfies FactPart, expectRev: 0 },
  ];
  try {
    await store.transact(operations);
    return true;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return false; // a concurrent writer changed the part: the caller places its facts again
  }
}

/** The parts of one month, each read once (absent parts skipped). */
async function monthParts(store: KeyValueStore, projectId: string, month: string, generation: number, visit: (doc: Versioned<FactPart>) => void, gate: Gate = (run) => run()): Promise<number> {
  let reads = 0;
  await walkMonthParts((part) =>
    gate(async () => {
      reads++;
      const doc = await store.getVersioned<FactPart>(keys.kpiFacts(projectId, month, part, generation));
      if (!doc) return undefined;
      visit(doc);
      return doc.value.parts;
    }),
  );
  return reads;
}

/** Runs `run` once one of its slots is free: what is read inside is visited and dropped before the slot frees. */
type Gate = <T>(run: () => Promise<T>) => Promise<T>;

/** A gate of `slots` slots, freed in the order they were waited for. */
function gateOf(slots: number): Gate {
  let free = slots;
  const waiting: Array<() => void> = [];
  return async (run) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await run();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

/** Fact parts read at once: each decoded part (~200 KB of JSON, ~1 MB parsed) lives until visited. */
export const PARTS_IN_FLIGHT = 4;

/**
 * Visits the facts of the given months one stored part at a time (in no particular order), so a
 * caller that keeps only what it derives from each part never holds every tuple at once.
 */
export async function forEachFactPart(store: KeyValueStore, projectId: string, months: string[], generation: number, visit: (tuples: FactTuple[]) => void): Promise<number> {
  let reads = 0;
  // Months and the subtrees of a month are walked in parallel, but at most PARTS_IN_FLIGHT parts
  // are read and not yet visited at any time (a walk's parallel subtrees once had every part of
  // a bulk-import month parsed before the first was folded).
  const gate = gateOf(PARTS_IN_FLIGHT);
  await mapWithConcurrency(months, 8, async (month) => {
    reads += await monthParts(store, projectId, month, generation, (doc) => visit(doc.value.facts), gate);
  });
  return reads;
}

/** Every fact of the given months (in no particular order). */
export async function readFacts(store: KeyValueStore, projectId: string, months: string[], generation = 0): Promise<{ tuples: FactTuple[]; reads: number }> {
  const tuples: FactTuple[] = [];
  const reads = await forEachFactPart(store, projectId, months, generation, (part) => {
    for (const tuple of part) tuples.push(tuple);
  });
  return { tuples, reads };
}

/**
 * Removes every fact of one generation (one a full re-sync replaced). Idempotent: a month's parts
 * go in transactions of at most 25, part 0 last, so a cleanup cut short by a crash runs again
 * (a month whose part 0 is gone is done).
 */
export async function deleteFacts(store: KeyValueStore, projectId: string, months: string[], generation = 0): Promise<void> {
  for (const month of months) {
    const found: Array<{ part: number; rev: number }> = [];
    await monthParts(store, projectId, month, generation, (doc) => found.push({ part: doc.value.part, rev: doc.rev }));
    const operations: TransactOperation[] = found.sort((a, b) => b.part - a.part).map((doc) => ({ kind: 'delete' as const, key: keys.kpiFacts(projectId, month, doc.part, generation), expectRev: doc.rev }));
    for (let i = 0; i < operations.length; i += KV_LIMITS.maxTransactionOperations) await store.transact(operations.slice(i, i + KV_LIMITS.maxTransactionOperations));
  }
}
