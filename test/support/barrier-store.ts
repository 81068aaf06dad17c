import { ConflictError } from '../../src/errors';
import type { TransactOperation, Versioned } from '../../src/ports';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';

/**
 * A store that holds readers of one document at a barrier until all of them have read it, so
 * every racer starts from the same revision and the losers must go through the conflict path:
 * no timing, no luck.
 */
export class BarrierStore extends InMemoryKvStore {
  conflicts = 0;
  private barrier: { prefix: string; waiting: Array<() => void>; size: number } | undefined;

  /** The next `size` reads of versioned documents under `prefix` wait for each other. */
  arm(prefix: string, size: number): void {
    this.barrier = { prefix, waiting: [], size };
  }

  override async getVersioned<T>(key: string): Promise<Versioned<T> | undefined> {
    const barrier = this.barrier;
    if (barrier && key.startsWith(barrier.prefix)) {
      const value = await super.getVersioned<T>(key);
      await new Promise<void>((release) => {
        barrier.waiting.push(release);
        if (barrier.waiting.length === barrier.size) {
          this.barrier = undefined;
          barrier.waiting.forEach((r) => r());
        }
      });
      return value;
    }
    return super.getVersioned<T>(key);
  }

  override async transact(operations: TransactOperation[]): Promise<void> {
    try {
      await super.transact(operations);
    } catch (error) {
      if (error instanceof ConflictError) this.conflicts++;
      throw error;
    }
  }
}
