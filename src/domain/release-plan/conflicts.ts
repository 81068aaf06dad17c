/**
 * Conflict detection for the release plan: pure functions over half-open intervals (touching is
 * not overlapping). Each rule is its own function so it can be tested alone; `detectConflicts`
 * runs them all. Every conflict says how bad it is, what happens in plain words, which items are
 * involved, and what would fix it (the next free slot where one exists).
 */
import type { ConflictRule, ConflictSeverity, PlanConflict } from '../../contract-release-plan';
import { type Interval, intervalOf, overlaps } from './intervals';
import { PlanIndex, type PlanFacts } from './plan-index';
import { deploymentsInFreeze, doubleBookings, slotsInFreeze, slotsInMaintenance, unavailableEnvironments } from './environment-rules';
import { crowdedReleaseDays, lateDependencies, promotionOrderBreaks, releasesBeforeRequiredSlots, slotsOutsideVersions } from './release-rules';

export const CONFLICT_RULES: ReadonlyArray<[ConflictRule, (index: PlanIndex) => PlanConflict[]]> = [
  ['double-booking', doubleBookings],
  ['slot-in-freeze', slotsInFreeze],
  ['deployment-in-freeze', deploymentsInFreeze],
  ['slot-in-maintenance', slotsInMaintenance],
  ['environment-unavailable', unavailableEnvironments],
  ['release-before-slot-end', releasesBeforeRequiredSlots],
  ['dependency-later', lateDependencies],
  ['too-many-releases', crowdedReleaseDays],
  ['promotion-order', promotionOrderBreaks],
  ['slot-outside-version', slotsOutsideVersions],
];

const SEVERITY_ORDER: Record<ConflictSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Every conflict in the plan that involves the projects in focus, most severe and soonest first. */
export function detectConflicts(facts: PlanFacts): PlanConflict[] {
  const index = new PlanIndex(facts);
  const all = CONFLICT_RULES.flatMap(([, rule]) => rule(index));
  // Every rule's conflict lasts a while (a deployment's an instant's millisecond), so it overlaps what it touches.
  const inRange = facts.range ? all.filter((c) => overlaps(intervalOf(c), facts.range as Interval)) : all;
  const unique = new Map(inRange.map((c) => [c.id, c]));
  return [...unique.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
}

