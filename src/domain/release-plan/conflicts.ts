/**
 * Conflict detection for the release plan: pure functions over half-open intervals (touching is
 * not overlapping). Each rule is its own function so it can be tested alone; `detectConflicts`
 * runs them all. Every conflict says how bad it is, what happens in plain words, which items are
 * involved, and what would fix it (the next free slot where one exists).
 */
import type {
  CalendarVersion,
  ConflictItem,
  ConflictRule,
  ConflictSeverity,
  PlanConflict,
  PlanDeployment,
  PlanEnvironment,
  PlanSlot,
  PlanWindow,
  SuggestedFix,
  Tier,
} from '../../contract-release-plan';
import { type Occupancy, fits, nearestFreeStart } from './free-time';
import { DAY_MS, type Interval, containsInstant, dayIntervalAt, dayIntervalOf, duration, intersection, intervalOf, isoOf, overlaps } from './intervals';
import { tierRank } from './tiers';
import { formatDay, formatInstant, formatLength, formatSpan, listOf, plural } from './wording';

export type PlanVersionFacts = Pick<CalendarVersion, 'id' | 'projectKey' | 'name' | 'startDate' | 'releaseDate' | 'released' | 'dependsOn'>;

export interface PlanFacts {
  now: number;
  /** IANA zone the explanations are worded in. */
  timeZone: string;
  environments: PlanEnvironment[];
  tierOrder: readonly Tier[];
  /** The versions of the projects looked at, and of the versions they depend on. */
  versions: PlanVersionFacts[];
  /** Every booking of the environments, whoever made it. */
  slots: PlanSlot[];
  windows: PlanWindow[];
  deployments: PlanDeployment[];
  maxReleasesPerDay: number;
  /** A conflict is reported only when it involves one of these projects. */
  focusProjects: ReadonlySet<string>;
  /** Items of other projects are described without their names. */
  visibleProjects: ReadonlySet<string>;
  /** Only conflicts overlapping this time are reported (all when absent). */
  range?: Interval;
}

/** Lookups shared by the rules, built once per detection. */
export class PlanIndex {
  readonly environmentById: Map<string, PlanEnvironment>;
  readonly versionById: Map<string, PlanVersionFacts>;
  readonly slotsByEnvironment = new Map<string, PlanSlot[]>();
  readonly slotsByVersion = new Map<string, PlanSlot[]>();

  constructor(readonly facts: PlanFacts) {
    this.environmentById = new Map(facts.environments.map((e) => [e.id, e]));
    this.versionById = new Map(facts.versions.map((v) => [versionKey(v.projectKey, v.id), v]));
    for (const slot of facts.slots) {
      push(this.slotsByEnvironment, slot.environmentId, slot);
      push(this.slotsByVersion, versionKey(slot.projectKey, slot.versionId), slot);
    }
    for (const list of this.slotsByEnvironment.values()) list.sort((a, b) => a.from.localeCompare(b.from));
  }

  version(projectKey: string, versionId: string): PlanVersionFacts | undefined {
    return this.versionById.get(versionKey(projectKey, versionId));
  }

  visible(projectKey: string): boolean {
    return this.facts.visibleProjects.has(projectKey);
  }

  inFocus(projectKey: string | undefined): boolean {
    return projectKey !== undefined && this.facts.focusProjects.has(projectKey);
  }

  environmentName(id: string): string {
    return this.environmentById.get(id)?.name ?? 'an environment that no longer exists';
  }

  versionName(slot: Pick<PlanSlot, 'projectKey' | 'versionId'>): string {
    if (!this.visible(slot.projectKey)) return 'a project you cannot see';
    return this.version(slot.projectKey, slot.versionId)?.name ?? `version ${slot.versionId} of ${slot.projectKey}`;
  }

  slotItem(slot: PlanSlot): ConflictItem {
    if (!this.visible(slot.projectKey)) return { kind: 'slot', id: slot.id, label: `a booking of ${this.environmentName(slot.environmentId)} by a project you cannot see` };
    return { kind: 'slot', id: slot.id, label: `${this.versionName(slot)} on ${this.environmentName(slot.environmentId)}`, projectKey: slot.projectKey };
  }

  versionItem(version: PlanVersionFacts): ConflictItem {
    return { kind: 'version', id: version.id, label: version.name, projectKey: version.projectKey };
  }

  windowItem(window: PlanWindow): ConflictItem {
    return { kind: 'window', id: window.id, label: windowLabel(window, this) };
  }

  span(interval: Interval): string {
    return formatSpan(interval.from, interval.to, this.facts.timeZone);
  }

  at(ms: number): string {
    return formatInstant(ms, this.facts.timeZone);
  }

  /** How the environment is occupied for `slot`, leaving that slot itself out. */
  occupancy(environmentId: string, projectKey: string, without: string): Occupancy {
    const environment = this.environmentById.get(environmentId);
    const bookings = (this.slotsByEnvironment.get(environmentId) ?? []).filter((s) => s.id !== without).map(intervalOf);
    const blocked = environment
      ? this.facts.windows.filter((w) => maintenanceApplies(w, environment) || freezeApplies(w, projectKey, environment)).map(intervalOf)
      : [];
    return { bookings, capacity: environment?.capacity ?? 1, blocked };
  }

  /** Where a version's slots must lie: from its start day to the end of its release day. */
  versionBounds(projectKey: string, versionId: string): { min?: number; max?: number } {
    const version = this.version(projectKey, versionId);
    const start = dayIntervalOf(version?.startDate, this.facts.timeZone);
    const release = dayIntervalOf(version?.releaseDate, this.facts.timeZone);
    return { ...(start ? { min: start.from } : {}), ...(release ? { max: release.to } : {}) };
  }

  /** Where a suggested move may put a slot: inside its version's dates and not in the past. */
  moveBounds(projectKey: string, versionId: string): { min: number; max?: number } {
    const bounds = this.versionBounds(projectKey, versionId);
    return { ...bounds, min: Math.max(bounds.min ?? this.facts.now, this.facts.now) };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function versionKey(projectKey: string, versionId: string): string {
  return `${projectKey}/${versionId}`;
}

function windowLabel(window: PlanWindow, index: PlanIndex): string {
  const what = window.kind === 'freeze' ? 'change freeze' : 'maintenance';
  const where =
    window.scope.type === 'site'
      ? 'site-wide'
      : window.scope.type === 'project'
        ? `for ${window.scope.projectKey}`
        : `on ${index.environmentName(window.scope.environmentId)}`;
  return `${what} ${where} “${window.reason}”`;
}

export function freezeApplies(window: PlanWindow, projectKey: string, environment: PlanEnvironment): boolean {
  if (window.kind !== 'freeze') return false;
  if (window.scope.type === 'project' && window.scope.projectKey !== projectKey) return false;
  if (window.scope.type === 'environment' && window.scope.environmentId !== environment.id) return false;
  return !window.tiers?.length || window.tiers.includes(environment.tier);
}

export function maintenanceApplies(window: PlanWindow, environment: PlanEnvironment): boolean {
  return window.kind === 'maintenance' && window.scope.type === 'environment' && window.scope.environmentId === environment.id;
}

function conflict(
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
function moveFix(index: PlanIndex, slot: PlanSlot, preferred: number, why: string): SuggestedFix | undefined {
  const length = duration(intervalOf(slot));
  const start = nearestFreeStart(length, preferred, index.occupancy(slot.environmentId, slot.projectKey, slot.id), index.moveBounds(slot.projectKey, slot.versionId));
  if (start === undefined) return undefined;
  return {
    text: `Move ${index.versionName(slot)} on ${index.environmentName(slot.environmentId)} to ${index.span({ from: start, to: start + length })}, ${why}.`,
    action: { type: 'move-slot', slotId: slot.id, from: isoOf(start), to: isoOf(start + length), environmentId: slot.environmentId },
  };
}

/** Another available environment of the same tier that is free for the whole slot. */
function alternativeEnvironmentFix(index: PlanIndex, slot: PlanSlot): SuggestedFix | undefined {
  const current = index.environmentById.get(slot.environmentId);
  if (!current) return undefined;
  const interval = intervalOf(slot);
  for (const other of index.facts.environments) {
    if (other.id === current.id || other.tier !== current.tier || other.status !== 'available') continue;
    if (fits(interval, index.occupancy(other.id, slot.projectKey, slot.id))) {
      return {
        text: `Or book ${other.name} (also ${other.tier}), which is free for the same time.`,
        action: { type: 'move-slot', slotId: slot.id, from: slot.from, to: slot.to, environmentId: other.id },
      };
    }
  }
  return undefined;
}

const compact = <T>(list: Array<T | undefined>): T[] => list.filter((x): x is T => x !== undefined);

/** A slot that has ended is history: conflicts are about what can still be changed. */
function stillAhead(index: PlanIndex, interval: Interval): boolean {
  return interval.to > index.facts.now;
}

/** Bookings of the projects in focus that have not ended yet, on environments that still exist. */
function upcomingBookings(index: PlanIndex): Array<{ slot: PlanSlot; environment: PlanEnvironment; interval: Interval }> {
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

// ---------------------------------------------------------------------------------------------
// Rules

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
          compact([moveFix(index, movable, intervalOf(movable).from, 'the nearest time it is free'), alternativeEnvironmentFix(index, movable)]),
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
  const ids = groups.map((g) => new Set(g.map((s) => s.id)));
  return groups.filter((group, i) => !ids.some((other, j) => j !== i && other.size > group.length && group.every((s) => other.has(s.id))) && ids.findIndex((other) => other.size === group.length && group.every((s) => other.has(s.id))) === i);
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
      result.push(
        conflict(
          'slot-in-freeze',
          'error',
          `${index.versionName(slot)} on ${environment.name} falls in a change freeze`,
          `${index.versionName(slot)} is booked on ${environment.name} (${environment.tier}) from ${index.span(interval)}, which overlaps the ${windowLabel(window, index)} from ${index.span(freeze)}. Nothing may change on ${environment.tier} during the freeze.`,
          [index.slotItem(slot), index.windowItem(window)],
          overlap,
          compact([moveFix(index, slot, Math.max(interval.from, freeze.to), 'clear of the freeze')]),
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
      result.push(
        conflict(
          'slot-in-maintenance',
          'error',
          `${environment.name} is in maintenance during ${index.versionName(slot)}’s booking`,
          `${environment.name} is down for maintenance (“${window.reason}”) from ${index.span(maintenance)}, while ${index.versionName(slot)} is booked there from ${index.span(interval)}.`,
          [index.slotItem(slot), index.windowItem(window)],
          overlap,
          compact([moveFix(index, slot, Math.max(interval.from, maintenance.to), 'after the maintenance'), alternativeEnvironmentFix(index, slot)]),
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
    result.push(
      conflict(
        'environment-unavailable',
        'warning',
        `${environment.name} is ${status}`,
        `${environment.name} is marked ${status} in the environment inventory, and ${index.versionName(slot)} is booked there from ${index.span(interval)}.`,
        [index.slotItem(slot), { kind: 'environment', id: environment.id, label: environment.name }],
        { from: Math.max(interval.from, index.facts.now), to: interval.to },
        compact([alternativeEnvironmentFix(index, slot), { text: `Or ask ${environment.ownerName ?? 'the environment’s owner'} when ${environment.name} will be back.` }]),
      ),
    );
  }
  return result;
}

/** The release date comes before a slot that must finish first (UAT sign-off, NFT run). */
export function releasesBeforeRequiredSlots(index: PlanIndex): PlanConflict[] {
  const result: PlanConflict[] = [];
  for (const version of index.facts.versions) {
    if (version.released || !index.inFocus(version.projectKey)) continue;
    const release = dayIntervalOf(version.releaseDate, index.facts.timeZone);
    if (!release) continue;
    for (const slot of index.slotsByVersion.get(versionKey(version.projectKey, version.id)) ?? []) {
      if (!slot.required) continue;
      const interval = intervalOf(slot);
      if (interval.to <= release.to) continue;
      const length = duration(interval);
      const fixes: SuggestedFix[] = [];
      const moved = moveFixEndingBy(index, slot, release.to);
      if (moved) fixes.push(moved);
      fixes.push({ text: `${moved ? 'Or move' : 'Move'} ${version.name}’s release date in Jira to ${formatDay(dayStartOf(interval.to - 1, index.facts.timeZone), index.facts.timeZone)} or later.` });
      result.push(
        conflict(
          'release-before-slot-end',
          'error',
          `${version.name} is due before its ${index.environmentName(slot.environmentId)} slot ends`,
          `${version.name} is due on ${formatDay(release.from, index.facts.timeZone)}, but its required ${index.environmentName(slot.environmentId)} slot (${formatLength(length)}) runs until ${index.at(interval.to)}. The release cannot go ahead before that slot has finished.`,
          [index.versionItem(version), index.slotItem(slot)],
          { from: release.from, to: interval.to },
          fixes,
        ),
      );
    }
  }
  return result;
}

function dayStartOf(ms: number, timeZone: string): number {
  return dayIntervalAt(ms, timeZone).from;
}

/** Move a slot so it ends by `deadline`, as late as it fits. */
function moveFixEndingBy(index: PlanIndex, slot: PlanSlot, deadline: number): SuggestedFix | undefined {
  const interval = intervalOf(slot);
  const length = duration(interval);
  const bounds = index.moveBounds(slot.projectKey, slot.versionId);
  const start = nearestFreeStart(length, deadline - length, index.occupancy(slot.environmentId, slot.projectKey, slot.id), { ...bounds, max: Math.min(bounds.max ?? deadline, deadline) });
  if (start === undefined) return undefined;
  return {
    text: `Move ${index.versionName(slot)} on ${index.environmentName(slot.environmentId)} to ${index.span({ from: start, to: start + length })}, so it ends by the release date.`,
    action: { type: 'move-slot', slotId: slot.id, from: isoOf(start), to: isoOf(start + length), environmentId: slot.environmentId },
  };
}

/** A release that depends on a version of another project scheduled later (or not at all). */
export function lateDependencies(index: PlanIndex): PlanConflict[] {
  const result: PlanConflict[] = [];
  for (const version of index.facts.versions) {
    if (version.released || !index.inFocus(version.projectKey)) continue;
    const release = dayIntervalOf(version.releaseDate, index.facts.timeZone);
    for (const dependency of version.dependsOn) {
      const other = index.version(dependency.projectKey, dependency.versionId);
      const when = release ?? { from: index.facts.now, to: index.facts.now + DAY_MS };
      if (!other) {
        result.push(
          conflict(
            'dependency-later',
            'info',
            `${version.name} depends on a version that cannot be checked`,
            `${version.name} depends on version ${dependency.versionId} of ${dependency.projectKey}, which you cannot see or which no longer exists, so its date cannot be checked.`,
            [index.versionItem(version), { kind: 'version', id: dependency.versionId, label: `${dependency.projectKey} version ${dependency.versionId}`, projectKey: dependency.projectKey }],
            when,
            [{ text: `Ask someone who can see ${dependency.projectKey} to check the date, or remove the dependency if it no longer holds.` }],
          ),
        );
        continue;
      }
      if (other.released || !release) continue;
      const otherRelease = dayIntervalOf(other.releaseDate, index.facts.timeZone);
      if (!otherRelease) {
        result.push(
          conflict(
            'dependency-later',
            'warning',
            `${version.name} depends on ${other.name}, which has no release date`,
            `${version.name} is due on ${formatDay(release.from, index.facts.timeZone)} and depends on ${other.name} (${other.projectKey}), which is not scheduled yet.`,
            [index.versionItem(version), index.versionItem(other)],
            release,
            [{ text: `Ask the ${other.projectKey} team to schedule ${other.name} on or before ${formatDay(release.from, index.facts.timeZone)}.` }],
          ),
        );
        continue;
      }
      if (otherRelease.from <= release.from) continue;
      const days = Math.round((otherRelease.from - release.from) / DAY_MS);
      result.push(
        conflict(
          'dependency-later',
          'error',
          `${version.name} is due before ${other.name}, which it depends on`,
          `${version.name} is due on ${formatDay(release.from, index.facts.timeZone)}, but it depends on ${other.name} (${other.projectKey}), due on ${formatDay(otherRelease.from, index.facts.timeZone)}: ${plural(days, 'day')} later.`,
          [index.versionItem(version), index.versionItem(other)],
          { from: release.from, to: otherRelease.to },
          [
            { text: `Move ${version.name}’s release date in Jira to ${formatDay(otherRelease.from, index.facts.timeZone)} or later.` },
            { text: `Or ask the ${other.projectKey} team to bring ${other.name} forward to ${formatDay(release.from, index.facts.timeZone)}.` },
          ],
        ),
      );
    }
  }
  return result;
}

/** More unreleased versions due on one day than the configured limit. */
export function crowdedReleaseDays(index: PlanIndex): PlanConflict[] {
  const limit = index.facts.maxReleasesPerDay;
  const byDay = new Map<number, PlanVersionFacts[]>();
  for (const version of index.facts.versions) {
    if (version.released || !index.inFocus(version.projectKey)) continue;
    const day = dayIntervalOf(version.releaseDate, index.facts.timeZone);
    if (day && day.to > index.facts.now) push(byDay, day.from, version);
  }
  const result: PlanConflict[] = [];
  for (const [day, versions] of [...byDay].sort((a, b) => a[0] - b[0])) {
    if (versions.length <= limit) continue;
    versions.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    const zone = index.facts.timeZone;
    let free = dayIntervalAt(day, zone).to;
    while ((byDay.get(free)?.length ?? 0) >= limit) free = dayIntervalAt(free, zone).to;
    const last = versions[versions.length - 1] as PlanVersionFacts;
    result.push(
      conflict(
        'too-many-releases',
        'warning',
        `${versions.length} releases on ${formatDay(day, index.facts.timeZone)}`,
        `${listOf(versions.map((v) => v.name))} are all due on ${formatDay(day, index.facts.timeZone)}; the limit is ${plural(limit, 'release')} a day, so support and rollback would be stretched.`,
        versions.map((v) => index.versionItem(v)),
        dayIntervalAt(day, zone),
        [{ text: `Move ${last.name} to ${formatDay(free, index.facts.timeZone)}, the next day with room.` }],
      ),
    );
  }
  return result;
}

/** A version reaching a higher tier before a lower one (SIT before UAT before PROD). */
export function promotionOrderBreaks(index: PlanIndex): PlanConflict[] {
  const { tierOrder } = index.facts;
  const result: PlanConflict[] = [];
  const rank = (environmentId: string | undefined) => {
    const environment = environmentId ? index.environmentById.get(environmentId) : undefined;
    return environment ? tierRank(tierOrder, environment.tier) : undefined;
  };
  const order = (low: Tier, high: Tier) =>
    tierOrder.filter((t) => tierRank(tierOrder, t) >= tierRank(tierOrder, low) && tierRank(tierOrder, t) <= tierRank(tierOrder, high)).join(' → ');

  for (const version of index.facts.versions) {
    if (version.released || !index.inFocus(version.projectKey)) continue;
    const slots = index.slotsByVersion.get(versionKey(version.projectKey, version.id)) ?? [];
    for (const high of slots) {
      const highRank = rank(high.environmentId);
      const highInterval = intervalOf(high);
      if (highRank === undefined || !stillAhead(index, highInterval)) continue;
      // The lower-tier slots that start after this higher-tier one: the order is broken.
      const early = slots.filter((low) => {
        const lowRank = rank(low.environmentId);
        return lowRank !== undefined && lowRank < highRank && intervalOf(low).from > highInterval.from;
      });
      if (early.length === 0) continue;
      const highEnv = index.environmentById.get(high.environmentId) as PlanEnvironment;
      const lowest = early.map((s) => index.environmentById.get(s.environmentId) as PlanEnvironment).sort((a, b) => tierRank(tierOrder, a.tier) - tierRank(tierOrder, b.tier))[0] as PlanEnvironment;
      const latestLowEnd = Math.max(...early.map((s) => intervalOf(s).to));
      const lowText = listOf(early.map((s) => `${index.environmentName(s.environmentId)} (${index.at(intervalOf(s).from)})`));
      result.push(
        conflict(
          'promotion-order',
          'warning',
          `${version.name} reaches ${highEnv.tier} before ${lowest.tier}`,
          `${version.name} is booked on ${highEnv.name} (${highEnv.tier}) from ${index.at(highInterval.from)}, before ${lowText}. The promotion order is ${order(lowest.tier, highEnv.tier)}.`,
          [index.slotItem(high), ...early.map((s) => index.slotItem(s))],
          { from: highInterval.from, to: latestLowEnd },
          compact([moveFix(index, high, latestLowEnd, `after ${early.length === 1 ? 'the lower tier finishes' : 'the lower tiers finish'}`)]),
        ),
      );
    }
    // Deployments that went up before going through a lower tier.
    const deployments = index.facts.deployments
      .filter((d) => d.status === 'successful' && d.projectKey === version.projectKey && d.versionId === version.id && rank(d.environmentId) !== undefined)
      .sort((a, b) => a.at.localeCompare(b.at));
    for (let i = 0; i < deployments.length; i++) {
      const first = deployments[i] as PlanDeployment;
      const later = deployments.slice(i + 1).find((d) => (rank(d.environmentId) as number) < (rank(first.environmentId) as number));
      if (!later) continue;
      const lowEarlier = deployments.slice(0, i).some((d) => rank(d.environmentId) === rank(later.environmentId));
      if (lowEarlier) continue;
      const highEnv = index.environmentById.get(first.environmentId as string) as PlanEnvironment;
      const lowEnv = index.environmentById.get(later.environmentId as string) as PlanEnvironment;
      result.push(
        conflict(
          'promotion-order',
          'warning',
          `${version.name} was deployed to ${highEnv.tier} before ${lowEnv.tier}`,
          `${version.name} went to ${highEnv.name} at ${index.at(Date.parse(first.at))} and only then to ${lowEnv.name} (${index.at(Date.parse(later.at))}). The promotion order is ${order(lowEnv.tier, highEnv.tier)}.`,
          [
            { kind: 'deployment', id: first.id, label: `${version.name} to ${highEnv.name}`, projectKey: first.projectKey },
            { kind: 'deployment', id: later.id, label: `${version.name} to ${lowEnv.name}`, projectKey: later.projectKey },
          ],
          { from: Date.parse(first.at), to: Date.parse(later.at) + 1 },
          [{ text: `Check that ${version.name} passed ${lowEnv.tier} before it reached ${highEnv.tier}, and note the exception on the release.` }],
        ),
      );
      break;
    }
  }
  return result;
}

/** A booking outside its version's dates (the dates moved in Jira after it was booked). */
export function slotsOutsideVersions(index: PlanIndex): PlanConflict[] {
  const result: PlanConflict[] = [];
  for (const slot of index.facts.slots) {
    if (!index.inFocus(slot.projectKey)) continue;
    const version = index.version(slot.projectKey, slot.versionId);
    const interval = intervalOf(slot);
    if (!version || version.released || !stillAhead(index, interval)) continue;
    const bounds = index.versionBounds(slot.projectKey, slot.versionId);
    const early = bounds.min !== undefined && interval.from < bounds.min;
    // A required slot running past the release date is its own, stronger rule.
    const late = bounds.max !== undefined && interval.to > bounds.max && !slot.required;
    if (!early && !late) continue;
    const where = early
      ? `starts ${index.at(interval.from)}, before ${version.name} starts (${formatDay(bounds.min as number, index.facts.timeZone)})`
      : `ends ${index.at(interval.to)}, after ${version.name}’s release date (${formatDay((bounds.max as number) - 1, index.facts.timeZone)})`;
    result.push(
      conflict(
        'slot-outside-version',
        'warning',
        `${version.name} on ${index.environmentName(slot.environmentId)} is outside the version’s dates`,
        `The ${index.environmentName(slot.environmentId)} slot ${where}. The version’s dates may have moved in Jira since it was booked.`,
        [index.slotItem(slot), index.versionItem(version)],
        interval,
        compact([moveFix(index, slot, early ? (bounds.min as number) : (bounds.max as number) - duration(interval), 'inside the version’s dates')]),
      ),
    );
  }
  return result;
}

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
  const inRange = facts.range ? all.filter((c) => overlaps({ from: Date.parse(c.from), to: Math.max(Date.parse(c.to), Date.parse(c.from) + 1) }, facts.range as Interval)) : all;
  const unique = new Map(inRange.map((c) => [c.id, c]));
  return [...unique.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
}
