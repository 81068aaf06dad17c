import { ConflictError } from '../errors';
import type { KeyValueStore } from '../ports';

/**
 * Read-modify-write of one versioned document that never loses a concurrent update: the write
 * only lands if nobody wrote since our read; otherwise read again and reapply (at most `attempts`).
 * `change` returns undefined when there is nothing to write.
 */
export async function updateVersioned<T>(
  store: KeyValueStore,
  key: string,
  initial: () => T,
  change: (current: T) => T | undefined,
  attempts = 6,
): Promise<{ value: T; written: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const current = await store.getVersioned<T>(key);
    const next = change(current?.value ?? initial());
    if (next === undefined) return { value: current?.value ?? initial(), written: false };
    try {
      await store.transact([{ kind: 'put', key, value: next, expectRev: current?.rev ?? 0 }]);
      return { value: next, written: true };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= attempts) throw error;
    }
  }
}
