import type { Product, QuotaGate } from '../integrations/http/product-client';
import type { Clock, KeyValueStore } from '../ports';
import { keys } from './keys';

/**
 * Shares "the quota is spent until T" between every function run through the store, read at most
 * once per gate (one invocation) so the check costs one store read, not one per request.
 */
export class StoreQuotaGate implements QuotaGate {
  private readonly known = new Map<Product, Date | undefined>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: Clock,
  ) {}

  async blockedUntil(product: Product): Promise<Date | undefined> {
    if (!this.known.has(product)) {
      const stored = await this.store.get<{ until: string }>(keys.quotaBlock(product));
      this.known.set(product, stored ? new Date(stored.until) : undefined);
    }
    const until = this.known.get(product);
    return until && until.getTime() > this.clock.now().getTime() ? until : undefined;
  }

  async block(product: Product, until: Date): Promise<void> {
    this.known.set(product, until);
    await this.store.set(keys.quotaBlock(product), { until: until.toISOString() });
  }
}
