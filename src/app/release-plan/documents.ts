/**
 * The release plan's stored documents and how they are read. Every one is a versioned document
 * changed only through updateVersioned / updateSplitDocs, sharded so none nears the 240 KiB
 * limit: the inventory and site windows per site, freezes/dependencies/settings per project,
 * bookings per environment and quarter (every project's bookings of an environment together, so a
 * clash between two projects is seen), deployments per project and quarter. The lists users grow
 * with free text (windows, freezes, bookings) are split by bytes (src/store/sharded-list.ts).
 */
import type {
  PlanDeployment,
  PlanEnvironment,
  PlanSlot,
  PlanWindow,
  ProjectPlanSettings,
  Tier,
  VersionDependency,
} from '../../contract-release-plan';
import { DAY_MS, quarterOf, quartersBetween } from '../../domain/release-plan/intervals';
import { DEFAULT_TIER_ORDER, completeTierOrder } from '../../domain/release-plan/tiers';
import { MAX_SLOT_DAYS } from '../../domain/release-plan/validate';
import { AppError } from '../../errors';
import type { KeyValueStore } from '../../ports';
import { keys } from '../../store/keys';
import { type SplitDoc, readSplitDoc } from '../../store/sharded-list';
import { mapWithConcurrency } from '../concurrency';

export const MAX_ENVIRONMENTS = 60;
/**
 * Sanity limits, not storage ones (the lists are split by bytes): 1,000 windows kept over two
 * years, and 600 bookings of one environment starting in one quarter (about 6 a day, every
 * project's together), are more than a calendar can show; docs/limits.md has the real ceilings.
 */
export const MAX_WINDOWS_PER_DOCUMENT = 1000;
export const MAX_SLOTS_PER_SHARD = 600;
export const MAX_DEPLOYMENTS_PER_SHARD = 1200;
export const MAX_RELATED_PROJECTS = 10;
export const MAX_DEPENDENCIES = 20;
/** Windows that ended this long ago are dropped when their document is next written. */
export const WINDOW_RETENTION_MS = 2 * 366 * DAY_MS;
/** Parallel store reads per view: well under the platform's request rate. */
const READ_CONCURRENCY = 8;

export const DEFAULT_PLAN_SETTINGS: ProjectPlanSettings = { maxReleasesPerDay: 2, relatedProjects: [] };

export type StoredEnvironment = Omit<PlanEnvironment, 'ownerName'>;

export interface InventoryDoc {
  environments: StoredEnvironment[];
  tierOrder: Tier[];
}

export interface SiteWindowsDoc {
  windows: PlanWindow[];
}

export interface ProjectPlanDoc {
  /** Freezes scoped to this project. */
  freezes: PlanWindow[];
  /** Versions of other projects each version of this project needs, by version id. */
  dependencies: Record<string, VersionDependency[]>;
  settings: ProjectPlanSettings;
  /** Counts saves of `settings` alone (the document's own revision also moves with freezes and dependencies); absent: 0. */
  settingsRevision?: number;
}

export interface BookingsDoc {
  slots: PlanSlot[];
}

export interface DeploymentsDoc {
  deployments: PlanDeployment[];
}

export const emptyInventory = (): InventoryDoc => ({ environments: [], tierOrder: [...DEFAULT_TIER_ORDER] });
export const emptySiteWindows = (): SiteWindowsDoc => ({ windows: [] });
export const emptyProjectPlan = (): ProjectPlanDoc => ({ freezes: [], dependencies: {}, settings: { ...DEFAULT_PLAN_SETTINGS, relatedProjects: [] } });
export const emptyBookings = (): BookingsDoc => ({ slots: [] });
export const emptyDeployments = (): DeploymentsDoc => ({ deployments: [] });

export async function readInventory(store: KeyValueStore): Promise<InventoryDoc> {
  const doc = (await store.getVersioned<InventoryDoc>(keys.planInventory()))?.value ?? emptyInventory();
  return { environments: doc.environments, tierOrder: completeTierOrder(doc.tierOrder ?? []) };
}

/** Site-wide and environment windows, split by bytes. */
export const siteWindowsDoc = (): SplitDoc => ({ key: keys.planSiteWindows(), part: (n) => keys.planSiteWindowsPart(n), list: 'windows' });

/** A project's plan: its freezes are split by bytes from its settings and dependencies. */
export const projectPlanDoc = (projectKey: string): SplitDoc => ({ key: keys.planProject(projectKey), part: (n) => keys.planProjectPart(projectKey, n), list: 'freezes' });

/** The bookings of an environment starting in one quarter, split by bytes. */
export function bookingsDoc(environmentId: string, quarter: string): SplitDoc {
  return { key: keys.planBookings(environmentId, quarter), part: (n) => keys.planBookingsPart(environmentId, quarter, n), list: 'slots' };
}

export async function readSiteWindows(store: KeyValueStore): Promise<SiteWindowsDoc> {
  return (await readSplitDoc<SiteWindowsDoc>(store, siteWindowsDoc()))?.value ?? emptySiteWindows();
}

export async function readProjectPlan(store: KeyValueStore, projectKey: string): Promise<ProjectPlanDoc> {
  const doc = (await readSplitDoc<ProjectPlanDoc>(store, projectPlanDoc(projectKey)))?.value;
  if (!doc) return emptyProjectPlan();
  return { freezes: doc.freezes ?? [], dependencies: doc.dependencies ?? {}, settings: { ...DEFAULT_PLAN_SETTINGS, ...doc.settings }, settingsRevision: doc.settingsRevision ?? 0 };
}

/** The quarters whose bookings can overlap `[from, to)`: a booking is filed under its start. */
export function bookingQuarters(from: number, to: number): string[] {
  return quartersBetween(from - MAX_SLOT_DAYS * DAY_MS, Math.max(from, to - 1));
}

export function bookingShardKey(environmentId: string, from: number): string {
  return keys.planBookings(environmentId, quarterOf(from));
}

/** The document a booking starting at `from` is filed in. */
export function bookingShard(environmentId: string, from: number): SplitDoc {
  return bookingsDoc(environmentId, quarterOf(from));
}

/** Every booking of the environments that can overlap `[from, to)` (all projects' bookings). */
export async function readBookings(store: KeyValueStore, environmentIds: string[], from: number, to: number): Promise<PlanSlot[]> {
  const quarters = bookingQuarters(from, to);
  const shards = environmentIds.flatMap((id) => quarters.map((q) => bookingsDoc(id, q)));
  const docs = await mapWithConcurrency(shards, READ_CONCURRENCY, (doc) => readSplitDoc<BookingsDoc>(store, doc));
  return docs.flatMap((doc) => doc?.value.slots ?? []).filter((s) => Date.parse(s.to) > from && Date.parse(s.from) < to);
}

export async function readDeployments(store: KeyValueStore, projectKeys: string[], from: number, to: number): Promise<PlanDeployment[]> {
  const quarters = quartersBetween(from, Math.max(from, to - 1));
  const shardKeys = projectKeys.flatMap((key) => quarters.map((q) => keys.planDeployments(key, q)));
  const docs = await mapWithConcurrency(shardKeys, READ_CONCURRENCY, (key) => store.getVersioned<DeploymentsDoc>(key));
  return docs.flatMap((doc) => doc?.value.deployments ?? []).filter((d) => {
    const at = Date.parse(d.at);
    return at >= from && at < to;
  });
}

/** Refuses a write that would make a document hold more than it may. */
export function assertRoom(count: number, limit: number, what: string): void {
  if (count > limit) throw new AppError('STORE_LIMIT', `There is no room for more ${what}.`, [`At most ${limit} ${what} can be kept; remove some first.`]);
}

/** Drops windows that ended long ago, so the documents do not grow forever. */
export function pruneWindows(windows: PlanWindow[], now: number): PlanWindow[] {
  return windows.filter((w) => Date.parse(w.to) > now - WINDOW_RETENTION_MS);
}

/** A random id with a prefix, from Web Crypto so it runs the same on Forge and Node. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return `${prefix}-${[...bytes].map((b) => b.toString(36).padStart(2, '0')).join('').slice(0, 14)}`;
}
