import type { Product, QuotaGate } from '../integrations/http/product-client';
import type { Clock, KeyValueStore } from '../ports';
import { keys } from './keys';

/**
 * Shares "the quota is spent until T" between every function run through the store, read at most
 * once per gate (one invocation) so the check costs one store read, not one per request.
 */
export class StoreQuotaGate implements QuotaGate {
  /** The read is shared, so requests sent in parallel by one use case still cost one store read. */
  private readonly known = new Map<Product, Promise<Date | undefined>>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: Clock,
  ) {}

  async blockedUntil(product: Product): Promise<Date | undefined> {
    let pending = this.known.get(product);
    if (!pending) {
      pending = this.store.get<{ until: string }>(keys.quotaBlock(product)).then((stored) => (stored ? new Date(stored.until) : undefined));
      this.known.set(product, pending);
      // A failed read is not remembered: the next request asks again.
      pending.catch(() => this.known.delete(product));
    }
    const until = await pending;
    return until && until.getTime() > this.clock.now().getTime() ? until : undefined;
  }

  async block(product: Product, until: Date): Promise<void> {
    this.known.set(product, Promise.resolve(until));
    await this.store.set(keys.quotaBlock(product), { until: until.toISOString() });
  }
}
