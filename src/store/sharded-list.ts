import { AppError, ConflictError } from '../errors';
import type { KeyValueStore, TransactOperation, Versioned } from '../ports';
import { type PendingAudit, flushAudit } from './go-no-go-store';
import { valueSizeBytes } from './kv-limits';

/**
 * An ordered list of items too big for one value (a runbook's steps with their descriptions, a
 * run's step states with their notes), kept as a head document (the order, which part holds each
 * item, and the list's own fields) and parts split by bytes. A write rewrites only the parts it
 * touches; a part that grows past the budget is split in the same transaction, so no value nears
 * Forge's 240 KiB limit. The head is written only when the order or the layout changes and is
 * otherwise checked at its revision, so writers to different parts do not collide while a change
 * of the list's own fields (e.g. a rollback) still makes a racing item write read again.
 *
 * Audit entries of a change ride in the outbox of a document the same transaction writes and are
 * then copied to their own create-once keys (again by the next writer should that fail).
 */

export interface ShardHead<M> {
  meta: M;
  order: string[];
  /** Item id → part number. */
  where: Record<string, number>;
  parts: number;
  outbox?: PendingAudit[];
}

export interface ShardPart<T> {
  items: Record<string, T>;
  outbox?: PendingAudit[];
}

export interface ShardLayout {
  head: string;
  part: (n: number) => string;
}

export interface ShardedState<M, T> {
  /** Undefined until the list was first written. */
  rev: number;
  exists: boolean;
  meta: M;
  /** Items in list order. */
  items: T[];
}

/** Split a part before it reaches this size (Forge's limit is 240 KiB). */
export const SHARD_BUDGET_BYTES = 200 * 1024;
/** A list rewritten whole still fits one transaction with its head and a few checks. */
export const MAX_SHARDS = 20;

interface Read<M, T> {
  head: Versioned<ShardHead<M>> | undefined;
  parts: Array<Versioned<ShardPart<T>> | undefined>;
}

async function readAll<M, T>(store: KeyValueStore, layout: ShardLayout): Promise<Read<M, T>> {
  const head = await store.getVersioned<ShardHead<M>>(layout.head);
  const parts = await Promise.all(Array.from({ length: head?.value.parts ?? 0 }, (_, n) => store.getVersioned<ShardPart<T>>(layout.part(n))));
  return { head, parts };
}

function stateOf<M, T>(read: Read<M, T>, initialMeta: () => M): ShardedState<M, T> {
  const head = read.head?.value;
  const items = (head?.order ?? []).map((id) => read.parts[head?.where[id] ?? -1]?.value.items[id]).filter((t): t is T => t !== undefined);
  return { rev: read.head?.rev ?? 0, exists: read.head !== undefined, meta: head?.meta ?? initialMeta(), items };
}

export async function readSharded<M, T>(store: KeyValueStore, layout: ShardLayout, initialMeta: () => M): Promise<ShardedState<M, T>> {
  return stateOf(await readAll<M, T>(store, layout), initialMeta);
}

async function tryFlush(store: KeyValueStore, pending: readonly PendingAudit[]): Promise<boolean> {
  try {
    await flushAudit(store, pending);
    return true;
  } catch {
    return false; // safe in the outbox; the next write or the audit view copies them
  }
}

/** Copies whatever a list's documents still hold in their outboxes (idempotent). */
export async function flushShardedOutboxes(store: KeyValueStore, layout: ShardLayout): Promise<void> {
  const read = await readAll<unknown, unknown>(store, layout);
  await flushAudit(store, [...(read.head?.value.outbox ?? []), ...read.parts.flatMap((p) => p?.value.outbox ?? [])]);
}

export interface ShardedChange<M, T> {
  meta?: M;
  /** The new list, in order: items left out are removed. Omit to change only `upsert`. */
  items?: T[];
  /** Items to add (at the end) or replace (in place). */
  upsert?: T[];
  audit: PendingAudit[];
}

export interface ShardedUpdateOptions<M, T> {
  initialMeta: () => M;
  idOf: (item: T) => string;
  /** Revision checks that must still hold when the write lands, or a throw to refuse the change. */
  guard?: (state: ShardedState<M, T>) => Promise<TransactOperation[]>;
  change: (state: ShardedState<M, T>) => ShardedChange<M, T> | undefined;
  attempts?: number;
  budgetBytes?: number;
}

/** Greedy split of items into parts of at most `budget` bytes each. */
function pack<T>(entries: Array<[string, T]>, budget: number): Array<Record<string, T>> {
  const parts: Array<Record<string, T>> = [];
  let current: Record<string, T> = {};
  let size = 2;
  for (const [id, item] of entries) {
    const bytes = valueSizeBytes({ [id]: item }) + 64;
    if (bytes > budget) throw new AppError('STORE_LIMIT', `One item of the list is ${bytes} bytes; a part holds at most ${budget}.`);
    if (size + bytes > budget && Object.keys(current).length) {
      parts.push(current);
      current = {};
      size = 2;
    }
    current[id] = item;
    size += bytes;
  }
  parts.push(current);
  return parts;
}

/** Read-modify-write of a sharded list, retried on conflict (never a lost update). */
// eslint-disable-next-line complexity -- one transaction's worth of steps (read, guard, flush, split, write, retry) kept together so the retry loop is auditable; split when the runbook store grows
export async function updateSharded<M, T>(store: KeyValueStore, layout: ShardLayout, options: ShardedUpdateOptions<M, T>): Promise<{ state: ShardedState<M, T>; written: boolean }> {
  const attempts = options.attempts ?? 12;
  const budget = options.budgetBytes ?? SHARD_BUDGET_BYTES;
  for (let attempt = 1; ; attempt++) {
    const read = await readAll<M, T>(store, layout);
    const state = stateOf(read, options.initialMeta);
    const outboxes = [...(read.head?.value.outbox ?? []), ...read.parts.flatMap((p) => p?.value.outbox ?? [])];
    const [checks, flushed] = await Promise.all([options.guard ? options.guard(state) : Promise.resolve([]), tryFlush(store, outboxes)]);
    const change = options.change(state);
    if (!change) return { state, written: false };

    const oldHead = read.head?.value ?? { meta: state.meta, order: [], where: {}, parts: 0 };
    const parts = read.parts.map((p) => ({ ...(p?.value.items ?? {}) }));
    const touched = new Set<number>();
    const where = { ...oldHead.where };
    let order = [...oldHead.order];
    if (change.items) {
      const keep = new Set(change.items.map(options.idOf));
      for (const id of order) {
        if (keep.has(id)) continue;
        const n = where[id] as number;
        delete parts[n]?.[id];
        delete where[id];
        touched.add(n);
      }
      order = change.items.map(options.idOf);
    }
    for (const item of [...(change.items ?? []), ...(change.upsert ?? [])]) {
      const id = options.idOf(item);
      let n = where[id];
      if (n === undefined) {
        if (!parts.length) parts.push({});
        n = parts.length - 1;
        where[id] = n;
        if (!order.includes(id)) order.push(id);
      }
      const target = parts[n] as Record<string, T>;
      if (JSON.stringify(target[id]) === JSON.stringify(item)) continue;
      target[id] = item;
      touched.add(n);
    }
    // Parts past the budget are split: their items spread over the part and new parts at the end.
    // The headroom leaves space for the outbox of audit entries a part may carry.
    const fill = budget - Math.min(4096, Math.floor(budget / 8));
    for (const n of [...touched]) {
      const items = parts[n] as Record<string, T>;
      if (valueSizeBytes({ items }) <= fill) continue;
      const [first, ...rest] = pack(Object.entries(items), fill);
      parts[n] = first as Record<string, T>;
      for (const extra of rest) {
        const m = parts.length;
        parts.push(extra);
        touched.add(m);
        for (const id of Object.keys(extra)) where[id] = m;
      }
    }
    if (parts.length > MAX_SHARDS) throw new AppError('STORE_LIMIT', `The list would need ${parts.length} parts of ${Math.round(budget / 1024)} KiB; it holds at most ${MAX_SHARDS}.`);
    const head: ShardHead<M> = { meta: change.meta ?? state.meta, order, where, parts: parts.length };
    const { outbox: _o, ...oldHeadBare } = oldHead;
    const headChanged = !read.head || JSON.stringify(oldHeadBare) !== JSON.stringify(head);
    const audit = change.audit;
    if (!headChanged && touched.size === 0) return { state, written: false };
    const operations: TransactOperation[] = [];
    let auditPlaced = false;
    // A rewritten document keeps entries it could not copy yet, and the first one carries this change's.
    const withAudit = <D extends object>(doc: D, unflushed: PendingAudit[] | undefined): D => {
      const outbox = [...(flushed ? [] : (unflushed ?? [])), ...(auditPlaced ? [] : audit)];
      auditPlaced = true;
      return outbox.length ? { ...doc, outbox } : doc;
    };
    operations.push(
      headChanged
        ? { kind: 'put', key: layout.head, value: withAudit(head, read.head?.value.outbox), expectRev: read.head?.rev ?? 0 }
        : { kind: 'check', key: layout.head, expectRev: read.head?.rev ?? 0 },
    );
    for (const n of [...touched].sort((a, b) => a - b)) {
      operations.push({ kind: 'put', key: layout.part(n), value: withAudit({ items: parts[n] as Record<string, T> }, read.parts[n]?.value.outbox), expectRev: read.parts[n]?.rev ?? 0 });
    }
    try {
      await store.transact([...operations, ...checks]);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= attempts) throw error;
      continue;
    }
    await tryFlush(store, audit);
    const items = order.map((id) => (parts[where[id] as number] as Record<string, T>)[id] as T);
    return { state: { rev: headChanged ? (read.head?.rev ?? 0) + 1 : state.rev, exists: true, meta: head.meta, items }, written: true };
  }
}
