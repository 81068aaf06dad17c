/**
 * What the conflict rules share: building a conflict with a stable id, the fixes they suggest
 * (the nearest free start, another environment of the same tier) and which bookings still count
 * (not ended, in focus).
 */
import type { ConflictItem, ConflictRule, ConflictSeverity, PlanConflict, PlanEnvironment, PlanSlot, SuggestedFix } from '../../contract-release-plan';
import { fits, nearestFreeStart } from './free-time';
import { type Interval, dayIntervalAt, duration, intervalOf, isoOf } from './intervals';
import { type PlanIndex } from './plan-index';

export function conflict(
  rule: ConflictRule,
  severity: ConflictSeverity,
  title: string,
  explanation: string,
  items: ConflictItem[],
  when: Interval,
  fixes: SuggestedFix[],
): PlanConflict {
  const id = `${rule}:${items.map((i) => `${i.kind}.${i.id}`).join('+')}`;
  return { id, rule, severity, title, explanation, items, from: isoOf(when.from), to: isoOf(when.to), fixes };
}

/** "Move X to start Tue 1 Dec 2026, 09:00" for the nearest free start, if there is one. */
export function moveFix(index: PlanIndex, slot: PlanSlot, preferred: number, why: string): SuggestedFix | undefined {
  const length = duration(intervalOf(slot));
  const start = nearestFreeStart(length, preferred, index.occupancy(slot.environmentId, slot.projectKey, slot.id), index.moveBounds(slot.projectKey, slot.versionId));
  if (start === undefined) return undefined;
  return {
    text: `Move ${index.versionName(slot)} on ${index.environmentName(slot.environmentId)} to ${index.span({ from: start, to: start + length })}, ${why}.`,
    action: { type: 'move-slot', slotId: slot.id, from: isoOf(start), to: isoOf(start + length), environmentId: slot.environmentId },
  };
}

/** Another available environment of the same tier (than `current`, the slot's) that is free for the whole slot. */
export function alternativeEnvironmentFix(index: PlanIndex, slot: PlanSlot, current: PlanEnvironment): SuggestedFix | undefined {
  const interval = intervalOf(slot);
  for (const other of index.facts.environments) {
    // The slot's own environment is never offered: it is not available, or it does not fit (over capacity or in maintenance).
    if (other.tier !== current.tier || other.status !== 'available') continue;
    if (fits(interval, index.occupancy(other.id, slot.projectKey, slot.id))) {
      return {
        text: `Or book ${other.name} (also ${other.tier}), which is free for the same time.`,
        action: { type: 'move-slot', slotId: slot.id, from: slot.from, to: slot.to, environmentId: other.id },
      };
    }
  }
  return undefined;
}

export const compact = <T>(list: Array<T | undefined>): T[] => list.filter((x): x is T => x !== undefined);

/** A slot that has ended is history: conflicts are about what can still be changed. */
export function stillAhead(index: PlanIndex, interval: Interval): boolean {
  return interval.to > index.facts.now;
}

/** Bookings of the projects in focus that have not ended yet, on environments that still exist. */
export function upcomingBookings(index: PlanIndex): Array<{ slot: PlanSlot; environment: PlanEnvironment; interval: Interval }> {
  const result: Array<{ slot: PlanSlot; environment: PlanEnvironment; interval: Interval }> = [];
  for (const slot of index.facts.slots) {
    if (!index.inFocus(slot.projectKey)) continue;
    const environment = index.environmentById.get(slot.environmentId);
    const interval = intervalOf(slot);
    if (!environment || !stillAhead(index, interval)) continue;
    result.push({ slot, environment, interval });
  }
  return result;
}

export function dayStartOf(ms: number, timeZone: string): number {
  return dayIntervalAt(ms, timeZone).from;
}

/** Move a slot so it ends by `deadline` (the end of its version's release day), as late as it fits. */
export function moveFixEndingBy(index: PlanIndex, slot: PlanSlot, deadline: number): SuggestedFix | undefined {
  const interval = intervalOf(slot);
  const length = duration(interval);
  const bounds = index.moveBounds(slot.projectKey, slot.versionId);
  const start = nearestFreeStart(length, deadline - length, index.occupancy(slot.environmentId, slot.projectKey, slot.id), { ...bounds, max: deadline });
  if (start === undefined) return undefined;
  return {
    text: `Move ${index.versionName(slot)} on ${index.environmentName(slot.environmentId)} to ${index.span({ from: start, to: start + length })}, so it ends by the release date.`,
    action: { type: 'move-slot', slotId: slot.id, from: isoOf(start), to: isoOf(start + length), environmentId: slot.environmentId },
  };
}

