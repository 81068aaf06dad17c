import { TIERS, type Tier } from '../../contract-release-plan';

export const DEFAULT_TIER_ORDER: readonly Tier[] = TIERS;

/**
 * A tier's place in the promotion order (0 = first). An order missing tiers (an older stored one)
 * ranks them by the default order after the listed ones, so every tier always has a rank.
 */
export function tierRank(order: readonly Tier[], tier: Tier): number {
  const index = order.indexOf(tier);
  return index >= 0 ? index : order.length + DEFAULT_TIER_ORDER.indexOf(tier);
}

/** The order with every tier exactly once: the given ones first, then missing ones by default order. */
export function completeTierOrder(order: readonly Tier[]): Tier[] {
  const seen = new Set<Tier>();
  const result: Tier[] = [];
  for (const tier of [...order, ...DEFAULT_TIER_ORDER]) {
    if (!seen.has(tier) && (TIERS as readonly string[]).includes(tier)) {
      seen.add(tier);
      result.push(tier);
    }
  }
  return result;
}
