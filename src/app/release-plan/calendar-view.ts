/**
 * The release calendar view: versions of the project and its related projects, environment
 * bookings, windows and deployments for a date range, with every conflict explained. One resolver
 * call per view: a permission check, one project search (visibility and names of every project
 * involved), the version lists, and a handful of store reads.
 */
import type {
  CalendarQuery,
  CalendarSlot,
  CalendarVersion,
  PlanEnvironment,
  PlanProjectRef,
  PlanSlot,
  PlanWindow,
  ReleaseCalendarView,
} from '../../contract-release-plan';
import { calendarDateIn, daysBetween, parseCalendarDate } from '../../domain/calendar/calendar-date';
import { detectConflicts } from '../../domain/release-plan/conflicts';
import type { PlanVersionFacts } from '../../domain/release-plan/plan-index';
import { type Interval, dayIntervalOf } from '../../domain/release-plan/intervals';
import { releaseState } from '../../domain/releases/release-summary';
import { AppError } from '../../errors';
import type { JiraClient } from '../../integrations/jira/jira-client';
import type { JiraProject } from '../../integrations/jira/types';
import { mapWithConcurrency } from '../concurrency';
import type { AppDeps } from '../deps';
import { type InvocationContext, requireProject } from '../invocation-context';
import { toVersionFacts } from '../project-releases';
import { type ProjectAccess, assertCanBrowse, projectAccess } from '../release-managers';
import { resolveDeployments } from './deployments';
import {
  type InventoryDoc,
  type ProjectPlanDoc,
  MAX_RELATED_PROJECTS,
  readBookings,
  readDeployments,
  readInventory,
  readProjectPlan,
  readSiteWindows,
} from './documents';
import { readinessHealth } from './readiness-rag';

export const MAX_RANGE_DAYS = 400;
/** At most this many other projects' version lists are read to name their bookings. */
const MAX_BOOKING_PROJECTS = 6;

/** The query's days as an interval, refused when backwards or longer than MAX_RANGE_DAYS. */
export function rangeOf(query: Pick<CalendarQuery, 'from' | 'to'>, timeZone = 'UTC'): Interval {
  const from = parseCalendarDate(query.from);
  const to = parseCalendarDate(query.to);
  const problems: string[] = [];
  if (!from) problems.push(`view.from: “${query.from}” is not a date (yyyy-MM-dd).`);
  if (!to) problems.push(`view.to: “${query.to}” is not a date (yyyy-MM-dd).`);
  if (from && to && daysBetween(from, to) < 0) problems.push('view.to: the last day comes before the first.');
  if (from && to && daysBetween(from, to) >= MAX_RANGE_DAYS) problems.push(`view.to: a view covers at most ${MAX_RANGE_DAYS} days.`);
  if (problems.length || !from || !to) throw new AppError('VALIDATION', undefined, problems);
  return { from: (dayIntervalOf(from, timeZone) as Interval).from, to: (dayIntervalOf(to, timeZone) as Interval).to };
}

/** Versions worth showing: not archived, and not released before the range. */
function inView(version: CalendarVersion, range: Interval, timeZone: string): boolean {
  if (!version.released) return true;
  const release = dayIntervalOf(version.releaseDate, timeZone);
  const start = dayIntervalOf(version.startDate, timeZone);
  return (release?.to ?? start?.to ?? 0) > range.from;
}

export interface ViewInputs {
  access?: ProjectAccess;
}

export async function buildCalendarView(deps: AppDeps, context: InvocationContext, query: CalendarQuery, inputs: ViewInputs = {}): Promise<ReleaseCalendarView> {
  const projectRef = requireProject(context);
  const range = rangeOf(query, deps.timeZone);
  const jira = deps.jiraAsUser(context.accountId);
  const now = deps.clock.now();
  const today = calendarDateIn(now, deps.timeZone);
  const [access, inventory, siteWindows, plan] = await Promise.all([
    inputs.access ?? projectAccess(deps, jira, context, projectRef.key),
    readInventory(deps.store),
    readSiteWindows(deps.store),
    readProjectPlan(deps.store, projectRef.key),
  ]);
  assertCanBrowse(access);

  const related = [...new Set((query.relatedProjects ?? plan.settings.relatedProjects).map((k) => k.toUpperCase()))]
    .filter((k) => k !== projectRef.key)
    .slice(0, MAX_RELATED_PROJECTS);
  const [relatedPlans, slots] = await Promise.all([
    Promise.all(related.map((key) => readProjectPlan(deps.store, key))),
    readBookings(deps.store, inventory.environments.map((e) => e.id), range.from, range.to),
  ]);
  const plans = new Map<string, ProjectPlanDoc>([[projectRef.key, plan], ...related.map((key, i) => [key, relatedPlans[i] as ProjectPlanDoc] as const)]);
  const dependencyKeys = [...plans.values()].flatMap((p) => Object.values(p.dependencies).flat().map((d) => d.projectKey));
  const bookingKeys = slots.map((s) => s.projectKey);

  // One search tells which of every project involved the viewer may browse, with their names.
  const visibleProjects = await jira.projectsByKeys([projectRef.key, ...related, ...dependencyKeys, ...bookingKeys]);
  const visible = new Map(visibleProjects.map((p) => [p.key, p]));
  const current = visible.get(projectRef.key) ?? { id: projectRef.id, key: projectRef.key, name: projectRef.key };
  const focus = [projectRef.key, ...related.filter((k) => visible.has(k))];
  const dependencyOnly = [...new Set(dependencyKeys)].filter((k) => visible.has(k) && !focus.includes(k));
  // Other projects with bookings on these environments: their version names explain a clash.
  const bookingOnly = [...new Set(bookingKeys)].filter((k) => visible.has(k) && !focus.includes(k) && !dependencyOnly.includes(k)).slice(0, MAX_BOOKING_PROJECTS);
  const loaded = [...focus, ...dependencyOnly, ...bookingOnly];

  const [versionLists, deployments, owners] = await Promise.all([
    mapWithConcurrency(loaded, 4, (key) => jira.listVersions(key)),
    readDeployments(deps.store, focus, range.from, range.to),
    ownerNames(jira, inventory),
  ]);

  const versions: CalendarVersion[] = [];
  loaded.forEach((projectKey, i) => {
    const dependencies = plans.get(projectKey)?.dependencies ?? {};
    for (const raw of versionLists[i] ?? []) {
      if (raw.archived) continue;
      const facts = toVersionFacts(raw);
      const version: CalendarVersion = {
        id: facts.id,
        projectKey,
        name: facts.name,
        released: facts.released,
        state: releaseState(facts, today),
        dependsOn: dependencies[facts.id] ?? [],
      };
      if (facts.description) version.description = facts.description;
      if (facts.startDate) version.startDate = facts.startDate;
      if (facts.releaseDate) version.releaseDate = facts.releaseDate;
      versions.push(version);
    }
  });
  const focusSet = new Set(focus);
  const health = await readinessHealth(deps, versions.filter((v) => focusSet.has(v.projectKey)), today);
  for (const version of versions) {
    const found = health.get(`${version.projectKey}/${version.id}`);
    if (found) version.health = found;
  }

  const environments: PlanEnvironment[] = inventory.environments.map((e) => {
    const name = e.ownerAccountId ? owners.get(e.ownerAccountId) : undefined;
    return name ? { ...e, ownerName: name } : { ...e };
  });
  const windows: PlanWindow[] = [...siteWindows.windows, ...focus.flatMap((key) => plans.get(key)?.freezes ?? [])].filter(
    (w) => Date.parse(w.to) > range.from && Date.parse(w.from) < range.to,
  );
  const facts: PlanVersionFacts[] = versions;
  const resolvedDeployments = resolveDeployments(deployments, environments, facts);
  const conflicts = detectConflicts({
    now: now.getTime(),
    // Days and wording in the project's release zone, the same for every viewer.
    timeZone: deps.timeZone,
    environments,
    tierOrder: inventory.tierOrder,
    versions: facts,
    slots,
    windows,
    deployments: resolvedDeployments,
    maxReleasesPerDay: plan.settings.maxReleasesPerDay,
    focusProjects: focusSet,
    visibleProjects: new Set(visible.keys()),
    range,
  });

  const notices: string[] = [];
  const hiddenRelated = related.filter((k) => !visible.has(k));
  if (hiddenRelated.length) notices.push(`You cannot browse ${hiddenRelated.join(', ')}, so ${hiddenRelated.length === 1 ? 'it is' : 'they are'} not shown.`);
  if (environments.length === 0) notices.push('No environments are in the inventory yet: add them in the project settings (Release settings → Environments) to book slots.');

  const projects: PlanProjectRef[] = [
    { key: current.key, name: current.name, role: 'current' },
    ...focus.slice(1).map((key) => ({ key, name: (visible.get(key) as JiraProject).name, role: 'related' as const })),
    ...dependencyOnly.map((key) => ({ key, name: (visible.get(key) as JiraProject).name, role: 'dependency' as const })),
    ...bookingOnly.map((key) => ({ key, name: (visible.get(key) as JiraProject).name, role: 'booking' as const })),
  ];

  return {
    project: { id: current.id, key: current.key, name: current.name },
    projects,
    range: { from: query.from, to: query.to },
    generatedAt: now.toISOString(),
    today,
    canEdit: access.canEdit,
    environments,
    tierOrder: inventory.tierOrder,
    versions: versions.filter((v) => (focusSet.has(v.projectKey) ? inView(v, range, deps.timeZone) : isDependedOn(v, versions) || slots.some((s) => s.projectKey === v.projectKey && s.versionId === v.id))),
    slots: slots.map((s) => maskSlot(s, visible)),
    windows,
    deployments: resolvedDeployments,
    conflicts,
    settings: plan.settings,
    notices,
  };
}

function isDependedOn(version: CalendarVersion, versions: CalendarVersion[]): boolean {
  return versions.some((v) => v.dependsOn.some((d) => d.projectKey === version.projectKey && d.versionId === version.id));
}

/** A booking by a project the viewer may not browse keeps its time and environment, nothing else. */
export function maskSlot(slot: PlanSlot, visible: ReadonlyMap<string, unknown>): CalendarSlot {
  if (visible.has(slot.projectKey)) return slot;
  return { id: slot.id, environmentId: slot.environmentId, from: slot.from, to: slot.to, hidden: true };
}

async function ownerNames(jira: JiraClient, inventory: InventoryDoc): Promise<Map<string, string>> {
  const ids = [...new Set(inventory.environments.map((e) => e.ownerAccountId).filter((id): id is string => !!id))];
  if (ids.length === 0) return new Map();
  const users = await jira.usersByIds(ids);
  return new Map(users.map((u) => [u.accountId, u.displayName]));
}
