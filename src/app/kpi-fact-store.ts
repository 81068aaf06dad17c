/**
 * Where issue facts live: per project and month of creation (UTC), each month split into `parts`
 * documents by a hash of the issue id. A month normally fits one document (~2,000 issues); a bulk
 * import that overflows it is split in two, then four… in one transaction, so no fact is lost or
 * duplicated and no value nears Forge's 240 KiB limit. Writers upsert by issue id and keep the
 * fresher fact (by Jira's `updated`), so backfill chunks and deltas may overlap in any order.
 * Facts belong to a generation: a full re-sync writes a new generation beside the one readers use
 * (src/app/kpi-sync.ts), so a crash half-way never leaves the reports without facts.
 */
import { type FactTuple, type IssueFact, encodeFact } from '../domain/kpis/facts';
import { AppError, ConflictError } from '../errors';
import type { KeyValueStore, TransactOperation } from '../ports';
import { keys } from '../store/keys';
import { KV_LIMITS, valueSizeBytes } from '../store/kv-limits';
import { updateVersioned } from '../store/versioned-update';
import { mapWithConcurrency } from './concurrency';
import { markKpiInputsChanged } from './kpi-inputs-mark';

export interface FactPart {
  v: 1;
  month: string;
  part: number;
  /** How many parts the month has: every part of a month states the same number. */
  parts: number;
  facts: FactTuple[];
}

/** Split a part before it reaches this size (Forge's limit is 240 KiB). */
export const PART_BUDGET_BYTES = 200 * 1024;
/** A split rewrites every part of the month in one transaction (at most 25 operations). */
export const MAX_PARTS_PER_MONTH = 16;

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

/** FNV-1a of the issue id: a stable, even spread of issues over a month's parts. */
export function partOf(issueId: string, parts: number): number {
  return fnv1a(issueId) % parts;
}

class StaleParts extends Error {}
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
  let splits = 0;
  for (let attempt = 0; attempt < 12; attempt++) {
    const first = await store.getVersioned<FactPart>(keys.kpiFacts(projectId, month, 0, generation));
    const parts = first?.value.parts ?? 1;
    const groups = new Map<number, IssueFact[]>();
    for (const fact of facts) {
      const part = partOf(fact.id, parts);
      groups.set(part, [...(groups.get(part) ?? []), fact]);
    }
    let changed = 0;
    try {
      for (const [part, group] of [...groups].sort((a, b) => a[0] - b[0])) {
        let partChanged = 0;
        const { written } = await updateVersioned<FactPart>(
          store,
          keys.kpiFacts(projectId, month, part, generation),
          () => ({ v: 1, month, part, parts, facts: [] }),
          (doc) => {
            if (doc.parts !== parts) throw new StaleParts();
            const { next, count } = upsert(doc, group);
            if (!count) return undefined;
            if (valueSizeBytes(next) > PART_BUDGET_BYTES) throw new PartFull();
            partChanged = count;
            return next;
          },
        );
        if (written) changed += partChanged;
      }
      return { changed, splits };
    } catch (error) {
      if (error instanceof StaleParts) continue;
      if (!(error instanceof PartFull)) throw error;
      await splitMonth(store, projectId, month, parts, generation);
      splits++;
    }
  }
  throw new AppError('CONFLICT', `The facts of ${month} kept changing while the sync wrote them.`);
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

/** Doubles a month's parts: reads every part, redistributes, writes all in one transaction. */
async function splitMonth(store: KeyValueStore, projectId: string, month: string, parts: number, generation: number): Promise<void> {
  const next = parts * 2;
  if (next > MAX_PARTS_PER_MONTH || next > KV_LIMITS.maxTransactionOperations) {
    throw new AppError('STORE_LIMIT', `More issues were created in ${month} than the KPI store holds for one month (about ${MAX_PARTS_PER_MONTH * 2000}).`);
  }
  const current = await Promise.all(Array.from({ length: next }, (_, p) => store.getVersioned<FactPart>(keys.kpiFacts(projectId, month, p, generation))));
  if ((current[0]?.value.parts ?? 1) !== parts) return; // someone else split it already
  const all = current.slice(0, parts).flatMap((doc) => doc?.value.facts ?? []);
  const buckets = Array.from({ length: next }, () => [] as FactTuple[]);
  for (const tuple of all) (buckets[partOf(tuple[0], next)] as FactTuple[]).push(tuple);
  const operations: TransactOperation[] = buckets.map((facts, p) => ({
    kind: 'put',
    key: keys.kpiFacts(projectId, month, p, generation),
    value: { v: 1, month, part: p, parts: next, facts } satisfies FactPart,
    expectRev: current[p]?.rev ?? 0,
  }));
  try {
    await store.transact(operations);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // A concurrent writer changed a part: the caller re-reads and tries again.
  }
}

/**
 * Visits the facts of the given months one stored part at a time (in no particular order), so a
 * caller that keeps only what it derives from each part never holds every tuple at once.
 */
export async function forEachFactPart(store: KeyValueStore, projectId: string, months: string[], generation: number, visit: (tuples: FactTuple[]) => void): Promise<number> {
  let reads = 0;
  await mapWithConcurrency(months, 8, async (month) => {
    const first = await store.getVersioned<FactPart>(keys.kpiFacts(projectId, month, 0, generation));
    reads++;
    if (!first) return;
    visit(first.value.facts);
    for (let part = 1; part < first.value.parts; part++) {
      reads++;
      visit((await store.getVersioned<FactPart>(keys.kpiFacts(projectId, month, part, generation)))?.value.facts ?? []);
    }
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
 * go in one transaction and a month already gone is skipped, so a cleanup cut short by a crash
 * simply runs again.
 */
export async function deleteFacts(store: KeyValueStore, projectId: string, months: string[], generation = 0): Promise<void> {
  for (const month of months) {
    const first = await store.getVersioned<FactPart>(keys.kpiFacts(projectId, month, 0, generation));
    if (!first) continue;
    const parts = await Promise.all(Array.from({ length: first.value.parts }, (_, p) => store.getVersioned<FactPart>(keys.kpiFacts(projectId, month, p, generation))));
    const operations: TransactOperation[] = parts.flatMap((doc, p) => (doc ? [{ kind: 'delete' as const, key: keys.kpiFacts(projectId, month, p, generation), expectRev: doc.rev }] : []));
    if (operations.length) await store.transact(operations);
  }
}
