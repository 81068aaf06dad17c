import { AppError, ConflictError } from '../errors';
import type { KeyValueStore, TransactOperation, Versioned } from '../ports';
import { type PendingAudit, flushAudit } from './audit-outbox';
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
  /** The revisions of the head and every part added up: grows with each write, whichever part it touched. */
  writes?: number;
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
  const writes = (read.head?.rev ?? 0) + read.parts.reduce((sum, part) => sum + (part?.rev ?? 0), 0);
  return { rev: read.head?.rev ?? 0, exists: read.head !== undefined, meta: head?.meta ?? initialMeta(), items, writes };
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
  /** Other documents written in the same transaction (e.g. a marker of work the change calls for). */
  also?: TransactOperation[];
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

interface Placed<T> {
  order: string[];
  where: Record<string, number>;
  parts: Array<Record<string, T>>;
  /** Parts whose items changed (written by the caller). */
  touched: Set<number>;
}

/**
 * Places a change's items into the parts: `items` is the whole new list (items left out are
 * removed), `upsert` adds or replaces. A new item goes to the first part with room, so parts
 * emptied by removals fill again rather than the list growing new parts. A part past the budget is
 * split over itself and new parts at the end; more than MAX_SHARDS parts is refused (STORE_LIMIT)
 * before anything is written.
 */
function placeItems<T>(
  oldHead: Pick<ShardHead<unknown>, 'order' | 'where'>,
  readParts: Array<Versioned<ShardPart<T>> | undefined>,
  change: { items?: T[]; upsert: T[] },
  idOf: (item: T) => string,
  budget: number,
  dirty: Iterable<number> = [],
): Placed<T> {
  const parts = readParts.map((p) => ({ ...(p?.value.items ?? {}) }));
  const touched = new Set<number>(dirty);
  const where = { ...oldHead.where };
  let order = [...oldHead.order];
  if (change.items) {
    const keep = new Set(change.items.map(idOf));
    for (const id of order) {
      if (keep.has(id)) continue;
      const n = where[id] as number;
      delete parts[n]?.[id];
      delete where[id];
      touched.add(n);
    }
    order = change.items.map(idOf);
  }
  // The headroom leaves space for the outbox of audit entries a part may carry.
  const fill = budget - Math.min(4096, Math.floor(budget / 8));
  let sizes: number[] | undefined;
  const known = new Set(order);
  for (const item of [...(change.items ?? []), ...change.upsert]) {
    const id = idOf(item);
    let n = where[id];
    if (n === undefined) {
      if (!parts.length) parts.push({});
      sizes ??= parts.map((items) => valueSizeBytes({ items }));
      const bytes = valueSizeBytes({ [id]: item });
      const room = sizes.findIndex((size) => size + bytes <= fill);
      n = room >= 0 ? room : parts.length - 1;
      sizes[n] = (sizes[n] ?? 0) + bytes;
      where[id] = n;
      if (!known.has(id)) {
        order.push(id);
        known.add(id);
      }
    }
    const target = parts[n] as Record<string, T>;
    if (JSON.stringify(target[id]) === JSON.stringify(item)) continue;
    target[id] = item;
    touched.add(n);
  }
  // Parts past the budget are split: their items spread over the part and new parts at the end.
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
  return { order, where, parts, touched };
}

/** Read-modify-write of a sharded list, retried on conflict (never a lost update). */
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
    const { order, where, parts, touched } = placeItems(oldHead, read.parts, { ...(change.items ? { items: change.items } : {}), upsert: change.upsert ?? [] }, options.idOf, budget);
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
      await store.transact([...operations, ...(change.also ?? []), ...checks]);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= attempts) throw error;
      continue;
    }
    await tryFlush(store, audit);
    const items = order.map((id) => (parts[where[id] as number] as Record<string, T>)[id] as T);
    const writes = (state.writes ?? 0) + operations.filter((op) => op.kind === 'put').length;
    return { state: { rev: headChanged ? (read.head?.rev ?? 0) + 1 : state.rev, exists: true, meta: head.meta, items, writes }, written: true };
  }
}

/**
 * A versioned document with one list that users grow (a round's votes, a release's risks, a
 * quarter's bookings, a project's freezes), kept as a sharded list: the head holds the rest of the
 * document (`meta`) and the layout; the list's items live in parts split by bytes. Unlike a runbook,
 * the head is written on every change of the document, so its revision is the document's revision
 * and a check of the head alone (e.g. a decision's "the votes are as I read them") covers the parts.
 * A document stored whole before it was split (no `order` in its head) is read as it is and split
 * on its next write.
 */
export interface SplitDoc {
  key: string;
  part: (n: number) => string;
  /** The document's field holding the list; its items have an `id`. */
  list: string;
}

/** A document that is one value (no list to split), written beside split documents. */
export type DocAt = SplitDoc | string;

type Doc = Record<string, unknown>;
interface Item {
  id: string;
}

function isShardHead(value: unknown): value is ShardHead<Doc> {
  const head = value as Partial<ShardHead<Doc>> | undefined;
  return Array.isArray(head?.order) && typeof head?.where === 'object' && typeof head?.parts === 'number';
}

interface DocRead {
  at: DocAt;
  rev: number;
  value: Doc | undefined;
  read?: Read<Doc, Item>;
  /** Parts to write even if unchanged: a document stored whole has none yet. */
  dirty: number[];
}

async function readDoc(store: KeyValueStore, at: DocAt): Promise<DocRead> {
  if (typeof at === 'string') {
    const doc = await store.getVersioned<Doc>(at);
    return { at, rev: doc?.rev ?? 0, value: doc?.value, dirty: [] };
  }
  const head = await store.getVersioned<unknown>(at.key);
  if (!head) return { at, rev: 0, value: undefined, read: { head: undefined, parts: [] }, dirty: [] };
  if (!isShardHead(head.value)) {
    // Stored whole (before lists were split): its items become part 0, written with the next change.
    const { [at.list]: list, ...meta } = head.value as Doc;
    const items = (list as Item[] | undefined) ?? [];
    const read: Read<Doc, Item> = {
      head: { rev: head.rev, value: { meta, order: items.map((i) => i.id), where: Object.fromEntries(items.map((i) => [i.id, 0])), parts: 1 } },
      parts: [{ rev: 0, value: { items: Object.fromEntries(items.map((i) => [i.id, i])) } }],
    };
    return { at, rev: head.rev, value: head.value as Doc, read, dirty: [0] };
  }
  const parts = await Promise.all(Array.from({ length: head.value.parts }, (_, n) => store.getVersioned<ShardPart<Item>>(at.part(n))));
  const read: Read<Doc, Item> = { head: head as Versioned<ShardHead<Doc>>, parts };
  const state = stateOf(read, () => ({}));
  return { at, rev: head.rev, value: { ...state.meta, [at.list]: state.items }, read, dirty: [] };
}

/** A document as one value, its list read from its parts; undefined if never written. */
export async function readSplitDoc<D>(store: KeyValueStore, at: DocAt): Promise<Versioned<D> | undefined> {
  const doc = await readDoc(store, at);
  return doc.value === undefined ? undefined : { rev: doc.rev, value: doc.value as D };
}

function keyOf(at: DocAt): string {
  return typeof at === 'string' ? at : at.key;
}

function writeOf(doc: DocRead, next: Doc): TransactOperation[] {
  const at = doc.at;
  if (typeof at === 'string') return [{ kind: 'put', key: at, value: next, expectRev: doc.rev }];
  const { [at.list]: list, ...meta } = next;
  const read = doc.read as Read<Doc, Item>;
  const oldHead = read.head?.value ?? { order: [], where: {} };
  const { order, where, parts, touched } = placeItems(oldHead, read.parts, { items: (list as Item[] | undefined) ?? [], upsert: [] }, (i) => i.id, SHARD_BUDGET_BYTES, doc.dirty);
  const head: ShardHead<Doc> = { meta, order, where, parts: parts.length };
  return [
    { kind: 'put', key: at.key, value: head, expectRev: doc.rev },
    ...[...touched].sort((a, b) => a - b).map((n): TransactOperation => ({ kind: 'put', key: at.part(n), value: { items: parts[n] }, expectRev: read.parts[n]?.rev ?? 0 })),
  ];
}

export interface SplitUpdateOptions<D> {
  attempts?: number;
  /** Waits before attempt `n` (n >= 2), so racing writers spread out. */
  backoff?: (attempt: number) => Promise<void>;
  /** Revision checks that must still hold when the write lands, or a throw to refuse the change. */
  guard?: (current: Map<string, D>) => Promise<TransactOperation[]>;
}

/**
 * Read-modify-write of several documents (split or whole) in one transaction, retried on conflict:
 * every document read is written or checked at its revision, so a concurrent writer makes the
 * attempt fail and read again, never a lost update. `change` gets the current values (`initial`
 * for missing ones, by key) and returns the documents to write, or undefined for nothing to do. A
 * change needing more than 25 operations is refused (STORE_LIMIT) by the store before anything is
 * written.
 */
export async function updateSplitDocs<D>(
  store: KeyValueStore,
  docs: DocAt[],
  initial: (key: string) => D,
  change: (current: Map<string, D>) => Map<string, D> | undefined,
  options: SplitUpdateOptions<D> = {},
): Promise<{ values: Map<string, D>; written: boolean }> {
  const attempts = options.attempts ?? 6;
  const unique = docs.filter((at, i) => docs.findIndex((other) => keyOf(other) === keyOf(at)) === i);
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1 && options.backoff) await options.backoff(attempt);
    const read = await Promise.all(unique.map((at) => readDoc(store, at)));
    const current = new Map(read.map((doc) => [keyOf(doc.at), (doc.value as D | undefined) ?? initial(keyOf(doc.at))]));
    const checks = options.guard ? await options.guard(new Map(current)) : [];
    const next = change(new Map(current));
    if (next === undefined) return { values: current, written: false };
    const operations = read.flatMap((doc): TransactOperation[] => {
      const value = next.get(keyOf(doc.at));
      return value === undefined ? [{ kind: 'check', key: keyOf(doc.at), expectRev: doc.rev }] : writeOf(doc, value as Doc);
    });
    try {
      await store.transact([...operations, ...checks]);
      return { values: new Map([...current, ...next]), written: true };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= attempts) throw error;
    }
  }
}

/** One document's read-modify-write (see updateSplitDocs). */
export async function updateSplitDoc<D>(store: KeyValueStore, at: DocAt, initial: () => D, change: (current: D) => D | undefined, options: SplitUpdateOptions<D> = {}): Promise<{ value: D; written: boolean }> {
  const key = keyOf(at);
  const { values, written } = await updateSplitDocs<D>(
    store,
    [at],
    initial,
    (docs) => {
      const next = change(docs.get(key) as D);
      return next === undefined ? undefined : new Map([[key, next]]);
    },
    options,
  );
  return { value: values.get(key) as D, written };
}
