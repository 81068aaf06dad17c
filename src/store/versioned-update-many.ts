import { ConflictError } from '../errors';
import type { KeyValueStore, TransactOperation } from '../ports';

/**
 * Read-modify-write of several versioned documents at once, all or nothing (e.g. moving a booking
 * from one environment's quarter to another's). Every document read is checked at its revision in
 * the same transaction, so a concurrent writer to any of them makes this attempt fail and retry:
 * never a lost update. `change` gets the current values (`initial()` for missing ones) and returns
 * the documents to write (any subset), or undefined when there is nothing to do.
 */
export async function updateVersionedMany<T>(
  store: KeyValueStore,
  keys: string[],
  initial: (key: string) => T,
  change: (current: Map<string, T>) => Map<string, T> | undefined,
  attempts = 6,
): Promise<{ values: Map<string, T>; written: boolean }> {
  const unique = [...new Set(keys)];
  if (unique.length > 25) throw new Error('A transaction holds at most 25 documents.');
  for (let attempt = 1; ; attempt++) {
    const read = await Promise.all(unique.map(async (key) => [key, await store.getVersioned<T>(key)] as const));
    const current = new Map(read.map(([key, doc]) => [key, doc?.value ?? initial(key)]));
    const next = change(new Map(current));
    if (next === undefined) return { values: current, written: false };
    const operations: TransactOperation[] = read.map(([key, doc]) =>
      next.has(key) ? { kind: 'put', key, value: next.get(key), expectRev: doc?.rev ?? 0 } : { kind: 'check', key, expectRev: doc?.rev ?? 0 },
    );
    for (const key of next.keys()) if (!current.has(key)) throw new Error(`updateVersionedMany: "${key}" was not read first.`);
    try {
      await store.transact(operations);
      return { values: new Map([...current, ...next]), written: true };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= attempts) throw error;
    }
  }
}
