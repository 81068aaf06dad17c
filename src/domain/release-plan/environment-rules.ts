/**
 * Conflict rules about environments: double bookings, bookings and deployments inside a change
 * freeze or a maintenance window, and bookings of environments that are not available.
 */
import type { PlanConflict, PlanSlot } from '../../contract-release-plan';
import { containsInstant, intersection, intervalOf } from './intervals';
import { listOf } from './wording';
import { type PlanIndex, freezeApplies, maintenanceApplies, versionKey, windowLabel } from './plan-index';
import { alternativeEnvironmentFix, compact, conflict, moveFix, stillAhead, upcomingBookings } from './rule-support';

/** More releases on one environment at once than it takes (capacity, usually 1). */
export function doubleBookings(index: PlanIndex): PlanConflict[] {
  const result: PlanConflict[] = [];
  for (const [environmentId, slots] of index.slotsByEnvironment) {
    const environment = index.environmentById.get(environmentId);
    if (!environment) continue;
    for (const group of crowdedGroups(slots, environment.capacity)) {
      let clash = intervalOf(group[0] as PlanSlot);
      for (const other of group) clash = intersection(clash, intervalOf(other)) ?? clash;
      if (!stillAhead(index, clash) || !group.some((s) => index.inFocus(s.projectKey))) continue;
      // Move the booking made last, of the projects in view (never one the viewer cannot change).
      const movable = group.filter((s) => index.inFocus(s.projectKey)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.from.localeCompare(a.from))[0] as PlanSlot;
      const names = group.map((s) => `${index.versionName(s)} (${index.span(intervalOf(s))})`);
      const limit = environment.capacity === 1 ? 'it takes one release at a time' : `it takes ${environment.capacity} releases at a time`;
      result.push(
        conflict(
          'double-booking',
          'error',
          `${environment.name} is double-booked`,
          `${listOf(names)} ${group.length === 2 ? 'both' : 'all'} hold ${environment.name} from ${index.span(clash)}; ${limit}.`,
          group.map((s) => index.slotItem(s)),
          clash,
          compact([moveFix(index, movable, intervalOf(movable).from, 'the nearest time it is free'), alternativeEnvironmentFix(index, movable, environment)]),
        ),
      );
    }
  }
  return result;
}

/**
 * Sets of bookings in use at the same instant by more versions than the capacity: a sweep over
 * starts and ends (ends first at the same instant, so touching bookings never meet). A set inside
 * a larger one is the same clash and is left out.
 */
export function crowdedGroups(slots: readonly PlanSlot[], capacity: number): PlanSlot[][] {
  const edges = slots.flatMap((slot) => [
    { at: Date.parse(slot.from), start: true, slot },
    { at: Date.parse(slot.to), start: false, slot },
  ]);
  edges.sort((a, b) => a.at - b.at || Number(a.start) - Number(b.start));
  const active = new Set<PlanSlot>();
  const groups: PlanSlot[][] = [];
  for (const edge of edges) {
    if (!edge.start) {
      active.delete(edge.slot);
      continue;
    }
    active.add(edge.slot);
    const versions = new Set([...active].map((s) => versionKey(s.projectKey, s.versionId)));
    if (versions.size > capacity) groups.push([...active].sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id)));
  }
  // Every group holds the slot just added, so no two are the same set.
  const ids = groups.map((g) => new Set(g.map((s) => s.id)));
  return groups.filter((group) => !ids.some((other) => other.size > group.length && group.every((s) => other.has(s.id))));
}

/** A booking overlapping a change freeze that applies to its project and environment tier. */
export function slotsInFreeze(index: PlanIndex): PlanConflict[] {
  const result: PlanConflict[] = [];
  for (const { slot, environment, interval } of upcomingBookings(index)) {
    for (const window of index.facts.windows) {
      if (!freezeApplies(window, slot.projectKey, environment)) continue;
      const freeze = intervalOf(window);
      const overlap = intersection(interval, freeze);
      if (!overlap) continue;
      // The booking overlaps the freeze, so the freeze ends after the booking starts: look from there.
      result.push(
        conflict(
          'slot-in-freeze',
          'error',
          `${index.versionName(slot)} on ${environment.name} falls in a change freeze`,
          `${index.versionName(slot)} is booked on ${environment.name} (${environment.tier}) from ${index.span(interval)}, which overlaps the ${windowLabel(window, index)} from ${index.span(freeze)}. Nothing may change on ${environment.tier} during the freeze.`,
          [index.slotItem(slot), index.windowItem(window)],
          overlap,
          compact([moveFix(index, slot, freeze.to, 'clear of the freeze')]),
        ),
      );
    }
  }
  return result;
}

/** A deployment that happened (or started) during an applicable change freeze. */
export function deploymentsInFreeze(index: PlanIndex): PlanConflict[] {
  const result: PlanConflict[] = [];
  for (const deployment of index.facts.deployments) {
    if (!index.inFocus(deployment.projectKey) || deployment.status === 'cancelled' || !deployment.environmentId) continue;
    const environment = index.environmentById.get(deployment.environmentId);
    if (!environment) continue;
    const at = Date.parse(deployment.at);
    for (const window of index.facts.windows) {
      if (!freezeApplies(window, deployment.projectKey, environment)) continue;
      const freeze = intervalOf(window);
      if (!containsInstant(freeze, at)) continue;
      const what = deployment.versionName ?? 'A deployment';
      result.push(
        conflict(
          'deployment-in-freeze',
          'error',
          `${environment.name} was changed during a change freeze`,
          `${what} was deployed to ${environment.name} (${deployment.status.replace('_', ' ')}) at ${index.at(at)}, during the ${windowLabel(window, index)} (${index.span(freeze)}).`,
          [{ kind: 'deployment', id: deployment.id, label: `${what} to ${environment.name}`, projectKey: deployment.projectKey }, index.windowItem(window)],
          { from: at, to: at + 1 },
          [{ text: 'A change during a freeze needs an approved exception: record it with the change board, or roll back and deploy after the freeze.' }],
        ),
      );
    }
  }
  return result;
}

/** A booking overlapping maintenance of its environment. */
export function slotsInMaintenance(index: PlanIndex): PlanConflict[] {
  const result: PlanConflict[] = [];
  for (const { slot, environment, interval } of upcomingBookings(index)) {
    for (const window of index.facts.windows) {
      if (!maintenanceApplies(window, environment)) continue;
      const maintenance = intervalOf(window);
      const overlap = intersection(interval, maintenance);
      if (!overlap) continue;
      // As for a freeze: the maintenance ends after the booking starts.
      result.push(
        conflict(
          'slot-in-maintenance',
          'error',
          `${environment.name} is in maintenance during ${index.versionName(slot)}’s booking`,
          `${environment.name} is down for maintenance (“${window.reason}”) from ${index.span(maintenance)}, while ${index.versionName(slot)} is booked there from ${index.span(interval)}.`,
          [index.slotItem(slot), index.windowItem(window)],
          overlap,
          compact([moveFix(index, slot, maintenance.to, 'after the maintenance'), alternativeEnvironmentFix(index, slot, environment)]),
        ),
      );
    }
  }
  return result;
}

/** A booking still ahead on an environment whose inventory status says it is down or in maintenance. */
export function unavailableEnvironments(index: PlanIndex): PlanConflict[] {
  const result: PlanConflict[] = [];
  for (const { slot, environment, interval } of upcomingBookings(index)) {
    if (environment.status === 'available') continue;
    const status = environment.status === 'down' ? 'down' : 'in maintenance';
    const alternative = compact([alternativeEnvironmentFix(index, slot, environment)]);
    result.push(
      conflict(
        'environment-unavailable',
        'warning',
        `${environment.name} is ${status}`,
        `${environment.name} is marked ${status} in the environment inventory, and ${index.versionName(slot)} is booked there from ${index.span(interval)}.`,
        [index.slotItem(slot), { kind: 'environment', id: environment.id, label: environment.name }],
        { from: Math.max(interval.from, index.facts.now), to: interval.to },
        [...alternative, { text: `${alternative.length ? 'Or ask' : 'Ask'} ${environment.ownerName ?? 'the environment’s owner'} when ${environment.name} will be back.` }],
      ),
    );
  }
  return result;
}

