import { AppError, ConflictError } from '../errors';
import type { KeyValueStore, TransactOperation } from '../ports';
import { KV_LIMITS } from './kv-limits';

export interface UpdateManyOptions {
  attempts?: number;
  /**
   * Documents that say the others are current (e.g. an index naming where an issue is). When the
   * change needs more operations than one transaction holds, the other documents are written first,
   * in transactions that each check the anchors are still at the revisions read, and the anchors
   * last: a concurrent writer to an anchor makes the rest fail and retry, and a crash in between
   * leaves the anchors saying what they said before, so re-applying the change completes it.
   * Without anchors such a change is refused (STORE_LIMIT) before anything is written.
   */
  anchors?: string[];
}

/**
 * Read-modify-write of several versioned documents at once, all or nothing (e.g. moving a booking
 * from one environment's quarter to another's). Every document read is checked at its revision in
 * the same transaction, so a concurrent writer to any of them makes this attempt fail and retry:
 * never a lost update. `change` gets the current values (`initial()` for missing ones) and returns
 * the documents to write (any subset, plus new documents not read, which must not exist yet), or
 * undefined when there is nothing to do.
 */
export async function updateVersionedMany<T>(
  store: KeyValueStore,
  keys: string[],
  initial: (key: string) => T,
  change: (current: Map<string, T>) => Map<string, T> | undefined,
  attemptsOrOptions: number | UpdateManyOptions = 6,
): Promise<{ values: Map<string, T>; written: boolean }> {
  const options = typeof attemptsOrOptions === 'number' ? { attempts: attemptsOrOptions } : attemptsOrOptions;
  const attempts = options.attempts ?? 6;
  const unique = [...new Set(keys)];
  for (let attempt = 1; ; attempt++) {
    const read = await Promise.all(unique.map(async (key) => [key, await store.getVersioned<T>(key)] as const));
    const current = new Map(read.map(([key, doc]) => [key, doc?.value ?? initial(key)]));
    const next = change(new Map(current));
    if (next === undefined) return { values: current, written: false };
    const operations: TransactOperation[] = read.map(([key, doc]) =>
      next.has(key) ? { kind: 'put', key, value: next.get(key), expectRev: doc?.rev ?? 0 } : { kind: 'check', key, expectRev: doc?.rev ?? 0 },
    );
    for (const [key, value] of next) if (!current.has(key)) operations.push({ kind: 'put', key, value, expectRev: 0 });
    try {
      await writeInTransactions(store, operations, options.anchors ?? []);
      return { values: new Map([...current, ...next]), written: true };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= attempts) throw error;
    }
  }
}

async function writeInTransactions(store: KeyValueStore, operations: TransactOperation[], anchorKeys: string[]): Promise<void> {
  const max = KV_LIMITS.maxTransactionOperations;
  if (operations.length <= max) return store.transact(operations);
  const anchors = operations.filter((op) => anchorKeys.includes(op.key));
  const others = operations.filter((op) => !anchorKeys.includes(op.key));
  if (anchors.length === 0 || anchors.length >= max) {
    throw new AppError('STORE_LIMIT', `This change needs ${operations.length} storage operations in one transaction; Forge allows ${max}.`);
  }
  const checks: TransactOperation[] = anchors.map((op) => ({ kind: 'check', key: op.key, expectRev: op.expectRev }));
  const size = max - checks.length;
  for (let i = 0; i < others.length; i += size) await store.transact([...others.slice(i, i + size), ...checks]);
  await store.transact(anchors);
}
