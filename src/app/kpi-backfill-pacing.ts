/**
 * Pacing of the KPI backfill against Jira's points pool, which one app shares across ALL its
 * customer sites (65,000 points an hour by default, reset at each UTC hour). A site's backfill
 * reserves the points of a page before it reads the page, from a per-site hourly budget (the KPI
 * setting `backfillPointsPerHour`, 5 % of the pool by default), so one site's bulk import cannot
 * drain every customer's allowance; a lane that finds the budget spent waits for the next hour.
 * Reservations are one versioned document per site: concurrent lanes never overspend it.
 *
 * Daily syncs start at a stable per-installation offset within the queue's 900 s delay, so sites
 * whose scheduled triggers Forge fires in the same minute do not all reach Jira in it.
 */
import { keys } from '../store/keys';
import { updateVersioned } from '../store/versioned-update';
import type { AppDeps } from './deps';

export interface PointsLedger {
  /** The UTC hour the points were spent in: `yyyy-MM-ddTHH`. */
  hour: string;
  spent: number;
}

const hourOf = (at: Date) => at.toISOString().slice(0, 13);

/** The start of the UTC hour after `at` (when Jira's pool and the site's budget renew). */
export function nextHourStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
}

/**
 * Reserves `points` from this hour's budget. Returns undefined when reserved, else when the budget
 * renews (nothing is reserved then).
 */
export async function reservePoints(deps: Pick<AppDeps, 'store' | 'clock'>, points: number, budget: number): Promise<Date | undefined> {
  const now = deps.clock.now();
  const hour = hourOf(now);
  let refused = false;
  await updateVersioned<PointsLedger>(
    deps.store,
    keys.kpiBackfillPoints(),
    () => ({ hour, spent: 0 }),
    (ledger) => {
      const spent = ledger.hour === hour ? ledger.spent : 0;
      // A page always fits an unused budget, so even a budget below one page's cost makes progress.
      refused = spent > 0 && spent + points > budget;
      return refused ? undefined : { hour, spent: spent + points };
    },
    12,
  );
  return refused ? nextHourStart(now) : undefined;
}

/** Corrects a reservation by what the page really cost (negative: points given back). */
export async function settlePoints(deps: Pick<AppDeps, 'store' | 'clock'>, difference: number): Promise<void> {
  if (!difference) return;
  const hour = hourOf(deps.clock.now());
  await updateVersioned<PointsLedger>(deps.store, keys.kpiBackfillPoints(), () => ({ hour, spent: 0 }), (ledger) => (ledger.hour === hour ? { hour, spent: Math.max(0, ledger.spent + difference) } : undefined), 12);
}

/** Forge delays a queued event by at most 900 s. */
export const MAX_START_JITTER_S = 900;

/**
 * The installation's offset for its daily KPI syncs: drawn once and stored, so it is stable across
 * runs and deploys (Forge resets trigger times on deploy) and differs from site to site.
 */
export async function syncStartJitterSeconds(deps: Pick<AppDeps, 'store' | 'timing'>): Promise<number> {
  const stored = await deps.store.get<number>(keys.kpiSyncJitter());
  if (typeof stored === 'number' && stored >= 0 && stored < MAX_START_JITTER_S) return stored;
  const drawn = Math.floor(deps.timing.random() * MAX_START_JITTER_S);
  // Two first runs at once may draw twice: whichever lands is the offset from then on.
  if (await deps.store.setIfAbsent(keys.kpiSyncJitter(), drawn)) return drawn;
  return (await deps.store.get<number>(keys.kpiSyncJitter())) ?? drawn;
}
