/**
 * Changes to the release plan from the calendar: bookings, windows, recorded deployments and
 * version dependencies. Each checks who is asking (project admin or release manager, from the
 * context), validates against the stored plan and Jira, writes with optimistic concurrency (never
 * a lost update; an edit of something changed since it was opened is refused as CONFLICT), and
 * answers with the fresh calendar view, so the page needs no second call.
 */
import type {
  DeleteSlotPayload,
  DeleteWindowPayload,
  PlanSlot,
  PlanWindow,
  RecordDeploymentPayload,
  ReleaseCalendarView,
  SaveSlotPayload,
  SaveWindowPayload,
  SetVersionDependenciesPayload,
  VersionDependency,
} from '../../contract-release-plan';
import type { PlanVersionFacts } from '../../domain/release-plan/plan-index';
import { instant, isoOf } from '../../domain/release-plan/intervals';
import { validateSlot, validateWindow } from '../../domain/release-plan/validate';
import { AppError, ConflictError } from '../../errors';
import type { JiraClient } from '../../integrations/jira/jira-client';
import { keys } from '../../store/keys';
import { updateSplitDoc, updateSplitDocs } from '../../store/sharded-list';
import type { AppDeps } from '../deps';
import { type InvocationContext, requireProject } from '../invocation-context';
import { toVersionFacts } from '../project-releases';
import { requireReleaseEditor } from '../release-managers';
import { buildCalendarView, rangeOf } from './calendar-view';
import { recordManualDeployment } from './deployments';
import { type TrashDoc, alreadyDeleted, emptyTrash, trashKeyOf, withDeleted } from './trash';
import {
  type BookingsDoc,
  type ProjectPlanDoc,
  type SiteWindowsDoc,
  MAX_DEPENDENCIES,
  MAX_SLOTS_PER_SHARD,
  MAX_WINDOWS_PER_DOCUMENT,
  assertRoom,
  bookingShard,
  emptyBookings,
  emptyProjectPlan,
  emptySiteWindows,
  newId,
  projectPlanDoc,
  pruneWindows,
  readInventory,
  siteWindowsDoc,
} from './documents';

/** A version of the context's project as the user sees it, or undefined. */
async function versionOfProject(jira: JiraClient, projectId: string, projectKey: string, versionId: string): Promise<PlanVersionFacts | undefined> {
  try {
    const version = await jira.getVersion(versionId);
    if (String(version.projectId) !== String(projectId)) return undefined;
    return { ...toVersionFacts(version), projectKey, dependsOn: [] };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

function staleEdit(what: string): ConflictError {
  return new ConflictError(`Someone else changed this ${what} after you opened it. Reload the calendar to see their change, then edit again.`);
}

const gone = (what: string) => new AppError('NOT_FOUND', `This ${what} no longer exists; someone may have deleted it. Reload the calendar.`);

export async function saveSlot(deps: AppDeps, context: InvocationContext, payload: SaveSlotPayload): Promise<ReleaseCalendarView> {
  rangeOf(payload.view);
  const access = await requireReleaseEditor(deps, context);
  const project = requireProject(context);
  const input = payload.slot;
  if (input.id && !payload.current) throw new AppError('VALIDATION', undefined, ['current: say where the booking is now to change it.']);
  const [inventory, version] = await Promise.all([readInventory(deps.store), versionOfProject(access.jira, project.id, project.key, input.versionId)]);
  const environment = inventory.environments.find((e) => e.id === input.environmentId);
  const problems = validateSlot(input, { ...(environment ? { environment } : {}), ...(version ? { version } : {}), timeZone: deps.timeZone });
  if (problems.length) throw new AppError('VALIDATION', 'The slot was not saved.', problems);

  const now = deps.clock.now().toISOString();
  const slot: PlanSlot = {
    id: input.id ?? newId('slot'),
    projectKey: project.key,
    versionId: input.versionId,
    environmentId: input.environmentId,
    from: isoOf(instant(input.from)),
    to: isoOf(instant(input.to)),
    required: input.required,
    updatedAt: now,
    updatedBy: context.accountId,
  };
  const note = input.note?.trim();
  if (note) slot.note = note;
  const targetDoc = bookingShard(slot.environmentId, instant(slot.from));
  const sourceDoc = payload.current ? bookingShard(payload.current.environmentId, instant(payload.current.from)) : undefined;
  const target = targetDoc.key;
  const source = sourceDoc?.key;

  await updateSplitDocs<BookingsDoc>(deps.store, sourceDoc ? [sourceDoc, targetDoc] : [targetDoc], emptyBookings, (docs) => {
    const next = new Map<string, BookingsDoc>();
    if (source && input.id) {
      const doc = docs.get(source) as BookingsDoc;
      const existing = doc.slots.find((s) => s.id === input.id);
      if (!existing || existing.projectKey !== project.key) throw gone('slot');
      if (payload.expectedUpdatedAt && existing.updatedAt !== payload.expectedUpdatedAt) throw staleEdit('slot');
      next.set(source, { slots: doc.slots.filter((s) => s.id !== input.id) });
    }
    const targetDoc = next.get(target) ?? (docs.get(target) as BookingsDoc);
    if (!input.id && targetDoc.slots.some((s) => s.id === slot.id)) return undefined;
    const slots = [...targetDoc.slots.filter((s) => s.id !== slot.id), slot].sort((a, b) => a.from.localeCompare(b.from));
    assertRoom(slots.length, MAX_SLOTS_PER_SHARD, `bookings of this environment starting in one quarter`);
    next.set(target, { slots });
    return next;
  });
  return buildCalendarView(deps, context, payload.view, { access });
}

export async function deleteSlot(deps: AppDeps, context: InvocationContext, payload: DeleteSlotPayload): Promise<ReleaseCalendarView> {
  rangeOf(payload.view);
  const access = await requireReleaseEditor(deps, context);
  const project = requireProject(context);
  const shard = bookingShard(payload.current.environmentId, instant(payload.current.from));
  const trashKey = trashKeyOf(context);
  const deletionId = payload.deletionId ?? newId('del');
  const now = deps.clock.now();
  // The booking moves to the trash in the same transaction that removes it: Undo finds it there.
  await updateSplitDocs<BookingsDoc | TrashDoc>(deps.store, [shard, trashKey], (k) => (k === trashKey ? emptyTrash() : emptyBookings()), (docs) => {
    const doc = docs.get(shard.key) as BookingsDoc;
    const trash = docs.get(trashKey) as TrashDoc;
    const existing = doc.slots.find((s) => s.id === payload.slotId);
    if (!existing) {
      if (alreadyDeleted(trash, deletionId)) return undefined;
      throw gone('slot');
    }
    if (existing.projectKey !== project.key) throw new AppError('FORBIDDEN', `This booking belongs to another project; only ${existing.projectKey ? 'its own' : 'that'} project can remove it.`);
    const item = { deletionId, deletedAt: now.toISOString(), deletedBy: context.accountId, record: { kind: 'slot' as const, slot: existing } };
    return new Map<string, BookingsDoc | TrashDoc>([
      [shard.key, { ...doc, slots: doc.slots.filter((s) => s.id !== payload.slotId) }],
      [trashKey, withDeleted(trash, item, now.getTime())],
    ]);
  });
  return buildCalendarView(deps, context, payload.view, { access });
}

/** Where a window lives: site-wide and environment windows in the site document, project freezes in the project's. */
function windowDocKey(window: Pick<PlanWindow, 'scope'>, projectKey: string): string {
  return window.scope.type === 'project' ? keys.planProject(projectKey) : keys.planSiteWindows();
}

type WindowDocs = SiteWindowsDoc | ProjectPlanDoc;

function windowsOf(key: string, doc: WindowDocs): PlanWindow[] {
  return key === keys.planSiteWindows() ? (doc as SiteWindowsDoc).windows : (doc as ProjectPlanDoc).freezes;
}

function withWindows(key: string, doc: WindowDocs, windows: PlanWindow[]): WindowDocs {
  return key === keys.planSiteWindows() ? { ...(doc as SiteWindowsDoc), windows } : { ...(doc as ProjectPlanDoc), freezes: windows };
}

export async function saveWindow(deps: AppDeps, context: InvocationContext, payload: SaveWindowPayload): Promise<ReleaseCalendarView> {
  rangeOf(payload.view);
  const access = await requireReleaseEditor(deps, context);
  const project = requireProject(context);
  const input = payload.window;
  const inventory = await readInventory(deps.store);
  const problems = validateWindow(input, { environments: inventory.environments, projectKey: project.key });
  if (problems.length) throw new AppError('VALIDATION', 'The window was not saved.', problems);

  const nowDate = deps.clock.now();
  const now = nowDate.getTime();
  const window: PlanWindow = {
    id: input.id ?? newId(input.kind === 'freeze' ? 'freeze' : 'maint'),
    kind: input.kind,
    scope: input.scope,
    from: isoOf(instant(input.from)),
    to: isoOf(instant(input.to)),
    reason: input.reason.trim(),
    updatedAt: nowDate.toISOString(),
    updatedBy: context.accountId,
  };
  if (input.kind === 'freeze' && input.tiers?.length) window.tiers = [...new Set(input.tiers)];
  const siteKey = keys.planSiteWindows();
  const projectKey = keys.planProject(project.key);
  const target = windowDocKey(window, project.key);
  const initial = (key: string): WindowDocs => (key === siteKey ? emptySiteWindows() : emptyProjectPlan());

  await updateSplitDocs<WindowDocs>(deps.store, [siteWindowsDoc(), projectPlanDoc(project.key)], initial, (docs) => {
    const next = new Map<string, WindowDocs>();
    if (input.id) {
      const holder = [siteKey, projectKey].find((key) => windowsOf(key, docs.get(key) as WindowDocs).some((w) => w.id === input.id));
      if (!holder) throw gone('window');
      const existing = windowsOf(holder, docs.get(holder) as WindowDocs).find((w) => w.id === input.id) as PlanWindow;
      if (payload.expectedUpdatedAt && existing.updatedAt !== payload.expectedUpdatedAt) throw staleEdit('window');
      const doc = docs.get(holder) as WindowDocs;
      next.set(holder, withWindows(holder, doc, windowsOf(holder, doc).filter((w) => w.id !== input.id)));
    }
    const doc = next.get(target) ?? (docs.get(target) as WindowDocs);
    const windows = [...pruneWindows(windowsOf(target, doc), now), window].sort((a, b) => a.from.localeCompare(b.from));
    assertRoom(windows.length, MAX_WINDOWS_PER_DOCUMENT, 'windows');
    next.set(target, withWindows(target, doc, windows));
    return next;
  });
  return buildCalendarView(deps, context, payload.view, { access });
}

export async function deleteWindow(deps: AppDeps, context: InvocationContext, payload: DeleteWindowPayload): Promise<ReleaseCalendarView> {
  rangeOf(payload.view);
  const access = await requireReleaseEditor(deps, context);
  const project = requireProject(context);
  const siteKey = keys.planSiteWindows();
  const projectKey = keys.planProject(project.key);
  const trashKey = trashKeyOf(context);
  const deletionId = payload.deletionId ?? newId('del');
  const now = deps.clock.now();
  const initial = (key: string): WindowDocs | TrashDoc => (key === trashKey ? emptyTrash() : key === siteKey ? emptySiteWindows() : emptyProjectPlan());
  // The window moves to the trash in the same transaction that removes it: Undo finds it there.
  await updateSplitDocs<WindowDocs | TrashDoc>(deps.store, [siteWindowsDoc(), projectPlanDoc(project.key), trashKey], initial, (docs) => {
    const trash = docs.get(trashKey) as TrashDoc;
    const holder = [siteKey, projectKey].find((key) => windowsOf(key, docs.get(key) as WindowDocs).some((w) => w.id === payload.windowId));
    if (!holder) {
      if (alreadyDeleted(trash, deletionId)) return undefined;
      throw gone('window');
    }
    const doc = docs.get(holder) as WindowDocs;
    const window = windowsOf(holder, doc).find((w) => w.id === payload.windowId) as PlanWindow;
    const item = { deletionId, deletedAt: now.toISOString(), deletedBy: context.accountId, record: { kind: 'window' as const, window } };
    return new Map<string, WindowDocs | TrashDoc>([
      [holder, withWindows(holder, doc, windowsOf(holder, doc).filter((w) => w.id !== payload.windowId))],
      [trashKey, withDeleted(trash, item, now.getTime())],
    ]);
  });
  return buildCalendarView(deps, context, payload.view, { access });
}

export async function recordDeployment(deps: AppDeps, context: InvocationContext, payload: RecordDeploymentPayload): Promise<ReleaseCalendarView> {
  rangeOf(payload.view);
  const access = await requireReleaseEditor(deps, context);
  const project = requireProject(context);
  const input = payload.deployment;
  const [inventory, version] = await Promise.all([readInventory(deps.store), versionOfProject(access.jira, project.id, project.key, input.versionId)]);
  const environment = inventory.environments.find((e) => e.id === input.environmentId);
  await recordManualDeployment(deps, project.key, context.accountId, input, { ...(environment ? { environment } : {}), ...(version ? { version } : {}) });
  return buildCalendarView(deps, context, payload.view, { access });
}

/**
 * Which versions of other projects a version needs. App data (Jira has no cross-project version
 * dependencies); each one must be a version the user can see, so nobody records what they cannot
 * check.
 */
export async function setVersionDependencies(deps: AppDeps, context: InvocationContext, payload: SetVersionDependenciesPayload): Promise<ReleaseCalendarView> {
  rangeOf(payload.view);
  const access = await requireReleaseEditor(deps, context);
  const project = requireProject(context);
  const wanted: VersionDependency[] = [];
  for (const d of payload.dependsOn) {
    const dependency = { projectKey: d.projectKey.toUpperCase(), versionId: d.versionId };
    if (!wanted.some((w) => w.projectKey === dependency.projectKey && w.versionId === dependency.versionId)) wanted.push(dependency);
  }
  const problems: string[] = [];
  if (wanted.length > MAX_DEPENDENCIES) problems.push(`dependsOn: at most ${MAX_DEPENDENCIES} dependencies per version.`);
  if (wanted.some((d) => d.projectKey === project.key)) problems.push(`dependsOn: a dependency is on a version of another project, not ${project.key}.`);
  const version = await versionOfProject(access.jira, project.id, project.key, payload.versionId);
  if (!version) problems.push(`versionId: this project has no version “${payload.versionId}”.`);
  if (problems.length === 0 && wanted.length) {
    const projects = new Map((await access.jira.projectsByKeys(wanted.map((d) => d.projectKey))).map((p) => [p.key, p]));
    for (const dependency of wanted) {
      const other = projects.get(dependency.projectKey);
      const found = other ? await versionOfProject(access.jira, other.id, other.key, dependency.versionId) : undefined;
      if (!found) problems.push(`dependsOn: there is no version “${dependency.versionId}” in ${dependency.projectKey} that you can see.`);
    }
  }
  if (problems.length) throw new AppError('VALIDATION', 'The dependencies were not saved.', problems);
  await updateSplitDoc<ProjectPlanDoc>(deps.store, projectPlanDoc(project.key), emptyProjectPlan, (doc) => {
    const dependencies = { ...doc.dependencies };
    if (wanted.length) dependencies[payload.versionId] = wanted;
    else delete dependencies[payload.versionId];
    return { ...doc, dependencies };
  });
  return buildCalendarView(deps, context, payload.view, { access });
}
