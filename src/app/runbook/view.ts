import type { UserSummary } from '../../contract-go-no-go';
import type { MaintenanceWindowCheck, PlanSchedule, RunbookPlan, RunbookStep, RunbookView, StepCalendarConflict, StepRunState } from '../../contract-runbook';
import { runProgress } from '../../domain/runbook/progress';
import { type RunRecord, runStatus as runProgressStatus, startGate } from '../../domain/runbook/run';
import { schedulePlan } from '../../domain/runbook/schedule';
import { approversOf } from '../../domain/runbook/checkpoint';
import { planProblems } from '../../domain/runbook/validate';
import { checkAgainstWindow } from '../../domain/runbook/window';
import { readBookings, readInventory, readProjectPlan, readSiteWindows } from '../release-plan/documents';
import { resolveProjectZone } from '../project-time';
import { checkPlanAgainstCalendar, environmentOfStep } from '../../domain/runbook/calendar-check';
import type { KeyValueStore } from '../../ports';
import { type PlanMeta, type RunMeta, type StoredStepState, planLayout, runLayout } from '../../store/runbook-store';
import { type ShardedState, readSharded } from '../../store/sharded-list';
import { versionOption } from '../go-no-go/board-view';
import { type RunbookTarget, stepActors } from './session';
import { readRecordHeader, readRunBookPublication } from './record';
import { followUpOf } from './follow-up';
import { rehearsalsView } from './rehearsals';

export type PlanState = ShardedState<PlanMeta, RunbookStep>;
export type RunState = ShardedState<RunMeta | null, StoredStepState>;

export const planOf = (state: PlanState): RunbookPlan => ({ ...(state.meta.goLiveStart ? { goLiveStart: state.meta.goLiveStart } : {}), steps: state.items });

/** The run (or a rehearsal) as the domain's record: its header and the step states by step id. */
export function runOf<M extends RunMeta>(state: ShardedState<M | null, StoredStepState>): (RunRecord & { header: Omit<M, 'planRevision'> }) | undefined {
  if (!state.meta) return undefined;
  const { planRevision: _rev, ...header } = state.meta;
  return { header, states: Object.fromEntries(state.items.map(({ stepId, ...s }) => [stepId, s as StepRunState])) };
}

export function readPlan(store: KeyValueStore, projectId: string, scope: string): Promise<PlanState> {
  return readSharded<PlanMeta, RunbookStep>(store, planLayout(projectId, scope), () => ({}));
}

export function readRun(store: KeyValueStore, projectId: string, versionId: string): Promise<RunState> {
  return readSharded<RunMeta | null, StoredStepState>(store, runLayout(projectId, versionId), () => null);
}

/** What the plan is checked against: the release plan's inventory and the site's windows, read once for both checks. */
interface CalendarReads {
  inventory: Awaited<ReturnType<typeof readInventory>>;
  site: Awaited<ReturnType<typeof readSiteWindows>>;
}

/** The production maintenance windows (release plan, site windows) the planned go-live overlaps. */
function windowCheck({ inventory, site }: CalendarReads, schedule: PlanSchedule, goLiveStart: string): MaintenanceWindowCheck | undefined {
  const production = new Map(inventory.environments.filter((e) => e.tier === 'PROD').map((e) => [e.id, e.name]));
  const windows = site.windows.flatMap((w) =>
    w.kind === 'maintenance' && w.scope.type === 'environment' && production.has(w.scope.environmentId)
      ? [{ id: w.id, environmentName: production.get(w.scope.environmentId) as string, from: w.from, to: w.to }]
      : [],
  );
  return checkAgainstWindow({ start: goLiveStart, end: schedule.endAt as string }, windows);
}

/** The inventory's environments the plan's steps name (by name, case does not matter). */
function usedEnvironments(plan: RunbookPlan, inventory: CalendarReads['inventory']): string[] {
  return [...new Set(plan.steps.map((s) => environmentOfStep(inventory.environments, s.environment)?.id).filter((id): id is string => id !== undefined))];
}

/** What only the calendar check reads: the used environments' bookings around the go-live, the project's freezes, its zone. */
async function readCalendarExtras(target: RunbookTarget, used: string[], schedule: PlanSchedule) {
  const { session } = target;
  const { store } = session.deps;
  const starts = schedule.steps.flatMap((s) => (s.startAt ? [Date.parse(s.startAt)] : []));
  const [slots, project, zone] = await Promise.all([
    readBookings(store, used, Math.min(...starts), Date.parse(schedule.endAt as string)),
    readProjectPlan(store, session.project.key),
    resolveProjectZone(session.deps, session.project.id, session.project.key),
  ]);
  return { slots, project, zone };
}

/**
 * The steps' environments and planned times against the release calendar: the environments'
 * bookings around the go-live, the site's and the project's windows, in the project's zone.
 */
function calendarCheck(
  target: RunbookTarget,
  plan: RunbookPlan,
  schedule: PlanSchedule,
  goLiveWindowId: string | undefined,
  { inventory, site }: CalendarReads,
  extras: Awaited<ReturnType<typeof readCalendarExtras>> | undefined,
): StepCalendarConflict[] {
  if (!extras) return [];
  const { session, version, versionId } = target;
  return checkPlanAgainstCalendar({
    plan,
    schedule,
    release: { id: versionId, projectKey: session.project.key, name: version.name, ...(version.startDate ? { startDate: version.startDate } : {}), ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}), released: version.released === true, dependsOn: [] },
    now: session.deps.clock.now().getTime(),
    timeZone: extras.zone.timeZone,
    environments: inventory.environments,
    tierOrder: inventory.tierOrder,
    slots: extras.slots,
    windows: [...site.windows, ...extras.project.freezes],
    ...(goLiveWindowId ? { goLiveWindowId } : {}),
  });
}

/**
 * The plan against the calendar, read only when the plan has a go-live start and can be
 * scheduled: the inventory and the site's windows once, in parallel, for both checks; the
 * calendar's own reads (bookings, freezes, zone) only when a step names an environment.
 */
async function checkCalendar(target: RunbookTarget, plan: RunbookPlan, schedule: PlanSchedule | undefined): Promise<{ maintenanceWindow?: MaintenanceWindowCheck; calendarConflicts?: StepCalendarConflict[] }> {
  if (!schedule?.endAt || !plan.goLiveStart) return {};
  const { store } = target.session.deps;
  const inventory = readInventory(store);
  const used = inventory.then((inv) => usedEnvironments(plan, inv));
  const [reads, extras] = await Promise.all([
    Promise.all([inventory, readSiteWindows(store)]).then(([inv, site]): CalendarReads => ({ inventory: inv, site })),
    used.then((ids) => (ids.length ? readCalendarExtras(target, ids, schedule) : undefined)),
  ]);
  const maintenanceWindow = windowCheck(reads, schedule, plan.goLiveStart);
  const calendarConflicts = calendarCheck(target, plan, schedule, maintenanceWindow?.windowId, reads, extras);
  return { ...(maintenanceWindow ? { maintenanceWindow } : {}), calendarConflicts };
}

/** Whose names the runbook shows: user owners and checkpoint approvers. */
export function peopleIdsOf(plan: RunbookPlan): string[] {
  return [...new Set(plan.steps.flatMap((s) => [...(s.owner?.type === 'user' ? [s.owner.accountId] : []), ...(s.approvers ?? [])]))];
}

/** The runbook page's whole state in one answer: plan, schedule, problems, the run and what the viewer may do. */
export async function runbookView(target: RunbookTarget, read?: { plan?: PlanState; run?: RunState }): Promise<RunbookView> {
  const { session, version, versionId } = target;
  const { deps } = session;
  const [planState, runState] = await Promise.all([
    read?.plan ?? readPlan(deps.store, session.project.id, versionId),
    read?.run ?? readRun(deps.store, session.project.id, versionId),
  ]);
  const plan = planOf(planState);
  const problems = planProblems(plan);
  const run = runOf(runState);
  const schedule = problems.length ? undefined : schedulePlan(plan);
  const ownerIds = peopleIdsOf(plan);
  const canAct = stepActors(session);
  // A view never writes: the write that finished the run froze it (src/app/runbook/follow-up.ts).
  const [users, actable, calendar, record, publication, followUp, rehearsals] = await Promise.all([
    ownerIds.length ? session.jira.usersByIds(ownerIds) : Promise.resolve([]),
    Promise.all(plan.steps.map(async (s) => ((await canAct(s)) ? s.id : undefined))),
    checkCalendar(target, plan, schedule),
    run ? readRecordHeader(deps.store, session.project.id, versionId) : Promise.resolve(undefined),
    run ? readRunBookPublication(deps.store, session.project.id, versionId) : Promise.resolve(undefined),
    run ? followUpOf(deps.store, session.project.id, versionId) : Promise.resolve(undefined),
    planState.exists ? rehearsalsView(target, plan, run !== undefined) : Promise.resolve(undefined),
  ]);
  const people = users.map((u): UserSummary => ({ accountId: u.accountId, displayName: u.displayName }));
  const { maintenanceWindow, calendarConflicts } = calendar;
  const gate = startGate({ decision: target.decision?.value, releaseType: target.releaseType });
  const now = deps.clock.now().toISOString();
  return {
    project: session.project,
    version: { id: versionId, name: version.name, ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}), released: version.released === true },
    versions: session.versions.filter((v) => !v.archived).map(versionOption).map(({ id, name, released }) => ({ id, name, released })),
    releaseType: target.releaseType,
    exists: planState.exists,
    planRevision: planState.rev,
    plan,
    ...(schedule ? { schedule } : {}),
    problems,
    ...(maintenanceWindow ? { maintenanceWindow } : {}),
    ...(calendarConflicts ? { calendarConflicts } : {}),
    users: people,
    decision: target.decision,
    startGate: gate,
    ...(rehearsals ? { rehearsals } : {}),
    ...(run ? { run: { header: run.header, states: { ...run.states }, progress: runProgress(plan, run, now) } } : {}),
    ...(record ? { record: { frozenAt: record.frozenAt, status: record.status, publication: publication ?? null, canPublish: session.isReleaseManager } } : {}),
    ...(followUp ? { followUp } : {}),
    permissions: {
      canEditPlan: session.isReleaseManager && !run,
      canStartRun: session.isReleaseManager && !run && gate.allowed && planState.exists && problems.length === 0,
      canRollBack: session.isReleaseManager && run?.header.mode === 'forward' && runProgressStatus(plan, run) === 'running',
      actableStepIds: actable.filter((id): id is string => id !== undefined),
      votableStepIds: plan.steps.filter((s) => approversOf(s).includes(session.context.accountId) && !run?.states[s.id]?.votes?.some((v) => v.by.accountId === session.context.accountId)).map((s) => s.id),
    },
    now,
  };
}
