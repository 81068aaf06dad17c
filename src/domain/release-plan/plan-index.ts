/**
 * The facts the conflict rules read (versions, slots, windows, deployments of a site) and the
 * index over them that every rule shares: lookups by id, who occupies an environment when, how far
 * a slot may move, which windows apply to a booking, and the plan's wording in its time zone.
 */
import type { CalendarVersion, ConflictItem, PlanDeployment, PlanEnvironment, PlanSlot, PlanWindow, Tier } from '../../contract-release-plan';
import { type Occupancy } from './free-time';
import { type Interval, dayIntervalOf, intervalOf } from './intervals';
import { formatInstant, formatSpan } from './wording';

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
  }

  version(projectKey: string, versionId: string): PlanVersionFacts | undefined {
    return this.versionById.get(versionKey(projectKey, versionId));
  }

  visible(projectKey: string): boolean {
    return this.facts.visibleProjects.has(projectKey);
  }

  inFocus(projectKey: string): boolean {
    return this.facts.focusProjects.has(projectKey);
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
    // Stryker disable next-line ArrayDeclaration: a non-slot entry becomes a booking of no time (NaN), which never overlaps nor fits as a start
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

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function versionKey(projectKey: string, versionId: string): string {
  return `${projectKey}/${versionId}`;
}

export function windowLabel(window: PlanWindow, index: PlanIndex): string {
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
