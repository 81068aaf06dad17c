/**
 * The release plan's part of the project settings page: the site's environment inventory and
 * promotion order, the project's plan settings (release limit per day, related projects), its
 * release managers and its calendar feed.
 */
import type {
  DeleteEnvironmentPayload,
  PlanEnvironment,
  PlanWindow,
  PlanSettingsView,
  SaveEnvironmentPayload,
  SavePlanSettingsPayload,
  SavePromotionOrderPayload,
  SearchUsersPayload,
  UserRef,
} from '../../contract-release-plan';
import { TIERS } from '../../contract-release-plan';
import { DAY_MS } from '../../domain/release-plan/intervals';
import { completeTierOrder } from '../../domain/release-plan/tiers';
import { validateEnvironmentName } from '../../domain/release-plan/validate';
import { AppError, ConflictError } from '../../errors';
import { keys } from '../../store/keys';
import { updateVersioned } from '../../store/versioned-update';
import { updateSplitDoc, updateSplitDocs } from '../../store/sharded-list';
import type { AppDeps } from '../deps';
import { type InvocationContext, requireProject } from '../invocation-context';
import { type ProjectAccess, assertCanBrowse, projectAccess, readReleaseManagers, requireReleaseEditor, setReleaseManagers } from '../release-managers';
import {
  type InventoryDoc,
  type ProjectPlanDoc,
  type SiteWindowsDoc,
  type StoredEnvironment,
  MAX_ENVIRONMENTS,
  MAX_RELATED_PROJECTS,
  emptyInventory,
  emptyProjectPlan,
  emptySiteWindows,
  newId,
  projectPlanDoc,
  readBookings,
  readInventory,
  readProjectPlan,
  siteWindowsDoc,
} from './documents';
import { type FeedTokenRecord } from './calendar-feed';
import { type TrashDoc, emptyTrash, trashKeyOf, withDeleted } from './trash';

export async function buildPlanSettingsView(deps: AppDeps, context: InvocationContext, known?: ProjectAccess): Promise<PlanSettingsView> {
  const projectRef = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  const [access, inventory, plan, managers, feed, projects] = await Promise.all([
    known ?? projectAccess(deps, jira, context, projectRef.key),
    readInventory(deps.store),
    readProjectPlan(deps.store, projectRef.key),
    readReleaseManagers(deps, projectRef.key),
    deps.store.get<FeedTokenRecord>(keys.calendarFeedToken(projectRef.key)),
    jira.searchProjectsPage(100),
  ]);
  assertCanBrowse(access);
  const people = [...new Set([...managers, ...inventory.environments.map((e) => e.ownerAccountId).filter((id): id is string => !!id), ...(feed ? [feed.rotatedBy] : [])])];
  const names = new Map(people.length ? (await jira.usersByIds(people)).map((u) => [u.accountId, u.displayName]) : []);
  const current = projects.find((p) => p.key === projectRef.key);
  const environments: PlanEnvironment[] = inventory.environments.map((e) => {
    const ownerName = e.ownerAccountId ? names.get(e.ownerAccountId) : undefined;
    return ownerName ? { ...e, ownerName } : { ...e };
  });
  return {
    project: { id: projectRef.id, key: projectRef.key, name: current?.name ?? projectRef.key },
    canEdit: access.canEdit,
    canAdminister: access.isProjectAdmin,
    environments,
    tierOrder: inventory.tierOrder,
    settings: plan.settings,
    settingsRevision: plan.settingsRevision ?? 0,
    releaseManagers: managers.map((accountId) => ({ accountId, displayName: names.get(accountId) ?? 'Unknown user' })),
    feed: feed ? { enabled: true, rotatedAt: feed.rotatedAt, rotatedBy: names.get(feed.rotatedBy) ?? 'Unknown user' } : { enabled: false },
    projects: projects.filter((p) => p.key !== projectRef.key).map((p) => ({ key: p.key, name: p.name })),
  };
}

export async function getPlanSettings(deps: AppDeps, context: InvocationContext): Promise<PlanSettingsView> {
  return buildPlanSettingsView(deps, context);
}

export async function saveEnvironment(deps: AppDeps, context: InvocationContext, payload: SaveEnvironmentPayload): Promise<PlanSettingsView> {
  const access = await requireReleaseEditor(deps, context);
  const input = payload.environment;
  const current = await readInventory(deps.store);
  const problems = validateEnvironmentName(input.name, input.id, current.environments);
  if (input.id && !current.environments.some((e) => e.id === input.id)) problems.push(`id: there is no environment “${input.id}” in the inventory.`);
  if (input.ownerAccountId) {
    const found = await access.jira.usersByIds([input.ownerAccountId]);
    if (found.length === 0) problems.push(`ownerAccountId: Jira has no user “${input.ownerAccountId.slice(0, 60)}”.`);
  }
  if (problems.length) throw new AppError('VALIDATION', 'The environment was not saved.', problems);
  const environment: StoredEnvironment = {
    id: input.id ?? newId('env'),
    name: input.name.trim(),
    tier: input.tier,
    components: [...new Set(input.components.map((c) => c.trim()).filter(Boolean))],
    status: input.status,
    capacity: input.capacity,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: context.accountId,
  };
  if (input.ownerAccountId) environment.ownerAccountId = input.ownerAccountId;
  if (input.notes?.trim()) environment.notes = input.notes.trim();
  await updateVersioned<InventoryDoc>(deps.store, keys.planInventory(), emptyInventory, (doc) => {
    // Checked again on the document being written: someone may have added the name meanwhile.
    const again = validateEnvironmentName(environment.name, input.id, doc.environments);
    if (again.length) throw new AppError('VALIDATION', 'The environment was not saved.', again);
    const existing = doc.environments.find((e) => e.id === environment.id);
    if (input.id && !existing) throw new AppError('NOT_FOUND', 'This environment no longer exists; someone may have deleted it.');
    if (existing && payload.expectedUpdatedAt && existing.updatedAt !== payload.expectedUpdatedAt) {
      throw new ConflictError(`Someone else changed ${existing.name} after you opened it. Reload to see their change, then edit again.`);
    }
    const environments = existing ? doc.environments.map((e) => (e.id === environment.id ? environment : e)) : [...doc.environments, environment];
    if (environments.length > MAX_ENVIRONMENTS) throw new AppError('VALIDATION', undefined, [`The inventory holds at most ${MAX_ENVIRONMENTS} environments.`]);
    return { ...doc, environments };
  });
  return buildPlanSettingsView(deps, context, access);
}

/**
 * Removes an environment and its maintenance windows. Refused while bookings are ahead on it:
 * those releases would silently lose their slot.
 */
export async function deleteEnvironment(deps: AppDeps, context: InvocationContext, payload: DeleteEnvironmentPayload): Promise<PlanSettingsView> {
  const access = await requireReleaseEditor(deps, context);
  const now = deps.clock.now().getTime();
  const inventory = await readInventory(deps.store);
  const environment = inventory.environments.find((e) => e.id === payload.environmentId);
  if (!environment) throw new AppError('NOT_FOUND', 'This environment no longer exists; someone may have deleted it.');
  const ahead = (await readBookings(deps.store, [environment.id], now, now + 2 * 366 * DAY_MS)).filter((s) => Date.parse(s.to) > now);
  if (ahead.length) {
    throw new AppError('VALIDATION', `${environment.name} still has ${ahead.length} booking${ahead.length === 1 ? '' : 's'} ahead.`, [
      `Move or delete the bookings of ${environment.name} first (the next starts ${ahead.map((s) => s.from).sort()[0]}).`,
    ]);
  }
  const trashKey = trashKeyOf(context);
  const deletionId = payload.deletionId ?? newId('del');
  const at = deps.clock.now().toISOString();
  type Doc = InventoryDoc | SiteWindowsDoc | TrashDoc;
  // The environment and its windows move to the project's trash in the same transaction: Undo puts them back.
  await updateSplitDocs<Doc>(
    deps.store,
    [keys.planInventory(), siteWindowsDoc(), trashKey],
    (key) => (key === keys.planInventory() ? emptyInventory() : key === trashKey ? emptyTrash() : emptySiteWindows()),
    (docs) => {
      const doc = docs.get(keys.planInventory()) as InventoryDoc;
      const stored = doc.environments.find((e) => e.id === environment.id);
      if (!stored) return undefined;
      const windows = docs.get(keys.planSiteWindows()) as SiteWindowsDoc;
      const ofEnvironment = (w: PlanWindow) => w.scope.type === 'environment' && w.scope.environmentId === environment.id;
      const item = { deletionId, deletedAt: at, deletedBy: context.accountId, record: { kind: 'environment' as const, environment: stored, windows: windows.windows.filter(ofEnvironment) } };
      return new Map<string, Doc>([
        [keys.planInventory(), { ...doc, environments: doc.environments.filter((e) => e.id !== environment.id) }],
        [keys.planSiteWindows(), { ...windows, windows: windows.windows.filter((w) => !ofEnvironment(w)) }],
        [trashKey, withDeleted(docs.get(trashKey) as TrashDoc, item, now)],
      ]);
    },
  );
  return buildPlanSettingsView(deps, context, access);
}

export async function savePromotionOrder(deps: AppDeps, context: InvocationContext, payload: SavePromotionOrderPayload): Promise<PlanSettingsView> {
  const access = await requireReleaseEditor(deps, context);
  const order = payload.tierOrder;
  if (order.length !== TIERS.length || new Set(order).size !== TIERS.length) {
    throw new AppError('VALIDATION', 'The promotion order was not saved.', [`tierOrder: list each of ${TIERS.join(', ')} exactly once.`]);
  }
  await updateVersioned<InventoryDoc>(deps.store, keys.planInventory(), emptyInventory, (doc) => {
    // The order the page showed is the check: an environment edited meanwhile is no conflict, another order is.
    if (completeTierOrder(doc.tierOrder ?? []).join() !== payload.expectedTierOrder.join()) {
      throw new ConflictError('Someone else changed the promotion order since you opened this page. Reload to see their change, then make yours again.');
    }
    return { ...doc, tierOrder: [...order] };
  });
  return buildPlanSettingsView(deps, context, access);
}

export async function savePlanSettings(deps: AppDeps, context: InvocationContext, payload: SavePlanSettingsPayload): Promise<PlanSettingsView> {
  const access = await requireReleaseEditor(deps, context);
  const project = requireProject(context);
  const related = [...new Set(payload.relatedProjects.map((k) => k.toUpperCase()))];
  const problems: string[] = [];
  if (related.includes(project.key)) problems.push(`relatedProjects: ${project.key} is this project; related projects are others.`);
  if (related.length > MAX_RELATED_PROJECTS) problems.push(`relatedProjects: at most ${MAX_RELATED_PROJECTS} related projects.`);
  if (problems.length === 0 && related.length) {
    const visible = new Set((await access.jira.projectsByKeys(related)).map((p) => p.key));
    for (const key of related) if (!visible.has(key)) problems.push(`relatedProjects: there is no project “${key}” that you can browse.`);
  }
  if (problems.length) throw new AppError('VALIDATION', 'The settings were not saved.', problems);
  await updateSplitDoc<ProjectPlanDoc>(deps.store, projectPlanDoc(project.key), emptyProjectPlan, (doc) => {
    // Settings have a revision of their own: a freeze added meanwhile is no conflict, another save is.
    const revision = doc.settingsRevision ?? 0;
    if (revision !== payload.revision) throw new ConflictError('Someone else saved the calendar rules since you opened this page. Reload to see their change, then make yours again.');
    return { ...doc, settings: { maxReleasesPerDay: payload.maxReleasesPerDay, relatedProjects: related }, settingsRevision: revision + 1 };
  });
  return buildPlanSettingsView(deps, context, access);
}

export async function saveReleaseManagers(deps: AppDeps, context: InvocationContext, accountIds: string[], expectedAccountIds: string[]): Promise<PlanSettingsView> {
  await setReleaseManagers(deps, context, accountIds, expectedAccountIds);
  return buildPlanSettingsView(deps, context);
}

export async function searchUsers(deps: AppDeps, context: InvocationContext, payload: SearchUsersPayload): Promise<UserRef[]> {
  const access = await requireReleaseEditor(deps, context);
  const users = await access.jira.searchUsers(payload.query.trim(), 20);
  return users.filter((u) => u.active !== false).map((u) => ({ accountId: u.accountId, displayName: u.displayName }));
}
