import type { TransactOperation } from '../../src/ports';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';

/**
 * The in-memory KVS with another writer racing: before each of the next `times` transactions,
 * `interfere` runs against the store itself (e.g. another function bumping a document), so the
 * transaction's revision checks meet a write they did not read. Also counts transactions.
 */
export class InterferingStore extends InMemoryKvStore {
  private pending = 0;
  private interfere: (store: InMemoryKvStore) => Promise<void> = async () => {};
  transactions: TransactOperation[][] = [];

  interfereTimes(times: number, interfere: (store: InMemoryKvStore) => Promise<void>): void {
    this.pending = times;
    this.interfere = interfere;
  }

  override async transact(operations: TransactOperation[]): Promise<void> {
    this.transactions.push(operations);
    if (this.pending > 0) {
      this.pending--;
      await this.interfere(this);
    }
    return super.transact(operations);
  }
}

/** Another writer's put on a versioned document, at whatever revision it is. */
export async function bump(store: InMemoryKvStore, key: string, value: unknown): Promise<void> {
  const current = await store.getVersioned(key);
  await InMemoryKvStore.prototype.transact.call(store, [{ kind: 'put', key, value, expectRev: current?.rev ?? 0 }]);
}
