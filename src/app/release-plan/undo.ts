/**
 * Undo for the plan's deletes (environment slots, windows, environments of the site inventory).
 * A delete moves the record into the project's trash document in the same transaction that removes
 * it, so nothing is lost between the two; "Undo" puts that very record back (same id, same
 * content) with the same optimistic concurrency as every other write, and refuses, changing
 * nothing, when the plan has moved on in a way the record no longer fits (its environment was
 * deleted, another environment took its name). The page offers Undo for 10 seconds; the trash keeps
 * a record a little longer so a slow answer still finds it, then forgets it.
 */
import type { PlanSettingsView, ReleaseCalendarView, RestoreDeletedInCalendarPayload, RestoreDeletedPayload } from '../../contract-release-plan';
import { instant } from '../../domain/release-plan/intervals';
import { validateEnvironmentName } from '../../domain/release-plan/validate';
import { AppError } from '../../errors';
import type { KeyValueStore } from '../../ports';
import { keys } from '../../store/keys';
import { updateSplitDocs } from '../../store/sharded-list';
import type { AppDeps } from '../deps';
import { type InvocationContext, requireProject } from '../invocation-context';
import { requireReleaseEditor } from '../release-managers';
import { buildCalendarView, rangeOf } from './calendar-view';
import {
  type BookingsDoc,
  type InventoryDoc,
  type ProjectPlanDoc,
  type SiteWindowsDoc,
  MAX_ENVIRONMENTS,
  MAX_SLOTS_PER_SHARD,
  MAX_WINDOWS_PER_DOCUMENT,
  assertRoom,
  bookingShard,
  emptyBookings,
  emptyInventory,
  emptyProjectPlan,
  emptySiteWindows,
  projectPlanDoc,
  readInventory,
  siteWindowsDoc,
} from './documents';
import { buildPlanSettingsView } from './plan-settings';
import { type DeletedRecord, type TrashDoc, type TrashItem, TRASH_RETENTION_MS, emptyTrash, trashKeyOf } from './trash';

async function findDeleted<K extends DeletedRecord['kind']>(store: KeyValueStore, trashKey: string, deletionId: string, kind: K, now: number): Promise<TrashItem & { record: Extract<DeletedRecord, { kind: K }> }> {
  const trash = (await store.getVersioned<TrashDoc>(trashKey))?.value ?? emptyTrash();
  const item = trash.items.find((i) => i.deletionId === deletionId && i.record.kind === kind);
  if (!item || (!item.restoredAt && now - Date.parse(item.deletedAt) >= TRASH_RETENTION_MS)) {
    throw new AppError('NOT_FOUND', 'This delete can no longer be undone: it is too long ago, or it was made elsewhere.');
  }
  return item as TrashItem & { record: Extract<DeletedRecord, { kind: K }> };
}

function markRestored(trash: TrashDoc, deletionId: string, at: string): TrashDoc {
  return { items: trash.items.map((i) => (i.deletionId === deletionId ? { ...i, restoredAt: at } : i)) };
}

type Doc = TrashDoc | BookingsDoc | InventoryDoc | SiteWindowsDoc | ProjectPlanDoc;

/** Puts a deleted booking back where it was: same id, environment, times and version. */
export async function restoreSlot(deps: AppDeps, context: InvocationContext, payload: RestoreDeletedInCalendarPayload): Promise<ReleaseCalendarView> {
  rangeOf(payload.view);
  const access = await requireReleaseEditor(deps, context);
  const trashKey = trashKeyOf(context);
  const now = deps.clock.now();
  const item = await findDeleted(deps.store, trashKey, payload.deletionId, 'slot', now.getTime());
  const slot = item.record.slot;
  const inventory = await readInventory(deps.store);
  if (!inventory.environments.some((e) => e.id === slot.environmentId)) {
    throw new AppError('VALIDATION', 'The slot cannot come back: its environment has been deleted meanwhile.');
  }
  const shard = bookingShard(slot.environmentId, instant(slot.from));
  const key = shard.key;
  await updateSplitDocs<Doc>(deps.store, [shard, trashKey], (k) => (k === trashKey ? emptyTrash() : emptyBookings()), (docs) => {
    const trash = docs.get(trashKey) as TrashDoc;
    if (trash.items.find((i) => i.deletionId === payload.deletionId)?.restoredAt) return undefined;
    const doc = docs.get(key) as BookingsDoc;
    const slots = doc.slots.some((s) => s.id === slot.id) ? doc.slots : [...doc.slots, slot].sort((a, b) => a.from.localeCompare(b.from));
    assertRoom(slots.length, MAX_SLOTS_PER_SHARD, 'bookings of this environment starting in one quarter');
    return new Map<string, Doc>([
      [key, { ...doc, slots }],
      [trashKey, markRestored(trash, payload.deletionId, now.toISOString())],
    ]);
  });
  return buildCalendarView(deps, context, payload.view, { access });
}

/** Puts a deleted freeze or maintenance window back into the document it came from. */
export async function restoreWindow(deps: AppDeps, context: InvocationContext, payload: RestoreDeletedInCalendarPayload): Promise<ReleaseCalendarView> {
  rangeOf(payload.view);
  const access = await requireReleaseEditor(deps, context);
  const project = requireProject(context);
  const trashKey = trashKeyOf(context);
  const now = deps.clock.now();
  const item = await findDeleted(deps.store, trashKey, payload.deletionId, 'window', now.getTime());
  const window = item.record.window;
  const projectDoc = window.scope.type === 'project';
  const key = projectDoc ? keys.planProject(project.key) : keys.planSiteWindows();
  if (window.scope.type === 'environment') {
    const environmentId = window.scope.environmentId;
    if (!(await readInventory(deps.store)).environments.some((e) => e.id === environmentId)) {
      throw new AppError('VALIDATION', 'The window cannot come back: its environment has been deleted meanwhile.');
    }
  }
  const initial = (k: string): Doc => (k === trashKey ? emptyTrash() : projectDoc ? emptyProjectPlan() : emptySiteWindows());
  await updateSplitDocs<Doc>(deps.store, [projectDoc ? projectPlanDoc(project.key) : siteWindowsDoc(), trashKey], initial, (docs) => {
    const trash = docs.get(trashKey) as TrashDoc;
    if (trash.items.find((i) => i.deletionId === payload.deletionId)?.restoredAt) return undefined;
    const doc = docs.get(key) as SiteWindowsDoc | ProjectPlanDoc;
    const windows = projectDoc ? (doc as ProjectPlanDoc).freezes : (doc as SiteWindowsDoc).windows;
    const next = windows.some((w) => w.id === window.id) ? windows : [...windows, window].sort((a, b) => a.from.localeCompare(b.from));
    assertRoom(next.length, MAX_WINDOWS_PER_DOCUMENT, 'windows');
    return new Map<string, Doc>([
      [key, projectDoc ? { ...(doc as ProjectPlanDoc), freezes: next } : { ...(doc as SiteWindowsDoc), windows: next }],
      [trashKey, markRestored(trash, payload.deletionId, now.toISOString())],
    ]);
  });
  return buildCalendarView(deps, context, payload.view, { access });
}

/**
 * Puts a deleted environment back into the site inventory with its maintenance windows, under
 * its old id, so recorded deployments and bookings elsewhere find it again. Refused, changing
 * nothing, when another environment has taken its name meanwhile.
 */
export async function restoreEnvironment(deps: AppDeps, context: InvocationContext, payload: RestoreDeletedPayload): Promise<PlanSettingsView> {
  const access = await requireReleaseEditor(deps, context);
  const trashKey = trashKeyOf(context);
  const now = deps.clock.now();
  const item = await findDeleted(deps.store, trashKey, payload.deletionId, 'environment', now.getTime());
  const { environment, windows } = item.record;
  const inventoryKey = keys.planInventory();
  const windowsKey = keys.planSiteWindows();
  const initial = (k: string): Doc => (k === trashKey ? emptyTrash() : k === inventoryKey ? emptyInventory() : emptySiteWindows());
  await updateSplitDocs<Doc>(deps.store, [inventoryKey, siteWindowsDoc(), trashKey], initial, (docs) => {
    const trash = docs.get(trashKey) as TrashDoc;
    if (trash.items.find((i) => i.deletionId === payload.deletionId)?.restoredAt) return undefined;
    const inventory = docs.get(inventoryKey) as InventoryDoc;
    const site = docs.get(windowsKey) as SiteWindowsDoc;
    const present = inventory.environments.some((e) => e.id === environment.id);
    if (!present) {
      const taken = validateEnvironmentName(environment.name, undefined, inventory.environments);
      if (taken.length) throw new AppError('VALIDATION', `${environment.name} cannot come back: another environment has taken its name meanwhile.`, taken);
      if (inventory.environments.length >= MAX_ENVIRONMENTS) throw new AppError('VALIDATION', undefined, [`The inventory holds at most ${MAX_ENVIRONMENTS} environments.`]);
    }
    const missing = windows.filter((w) => !site.windows.some((x) => x.id === w.id));
    return new Map<string, Doc>([
      [inventoryKey, present ? inventory : { ...inventory, environments: [...inventory.environments, environment] }],
      [windowsKey, { ...site, windows: [...site.windows, ...missing].sort((a, b) => a.from.localeCompare(b.from)) }],
      [trashKey, markRestored(trash, payload.deletionId, now.toISOString())],
    ]);
  });
  return buildPlanSettingsView(deps, context, access);
}
