import type { PlanEnvironment, PlanSlot, PlanWindow, Tier } from '../../contract-release-plan';
import type { PlanSchedule, RunbookPlan, StepCalendarConflict } from '../../contract-runbook';
import { doubleBookings, slotsInFreeze, slotsInMaintenance, unavailableEnvironments } from '../release-plan/environment-rules';
import { PlanIndex, type PlanVersionFacts } from '../release-plan/plan-index';
import { isRollback } from './validate';

/**
 * The plan against the release calendar: each forward step with an environment and a planned
 * time is read as a booking of the release on that environment, and the calendar's own rules
 * (double bookings, change freezes, maintenance, environments down) judge it, so a conflict reads
 * and is fixed exactly as on the Calendar page. Only conflicts that involve a step are kept. The
 * production maintenance window the go-live is planned into is the go-live's own (checked by
 * window.ts), not a conflict.
 */

const STEP_SLOT = 'runbook-step:';
const RULES = [
  ['double-booking', doubleBookings],
  ['slot-in-freeze', slotsInFreeze],
  ['slot-in-maintenance', slotsInMaintenance],
  ['environment-unavailable', unavailableEnvironments],
] as const;

export interface CalendarCheckInput {
  plan: RunbookPlan;
  schedule: PlanSchedule;
  /** The release, as the calendar knows it (its dates bound where a fix may move a step). */
  release: PlanVersionFacts;
  now: number;
  /** The project's zone: the calendar words times in it. */
  timeZone: string;
  environments: PlanEnvironment[];
  tierOrder: readonly Tier[];
  /** Bookings of the steps' environments around the go-live, every project's. */
  slots: PlanSlot[];
  /** Site, environment and the project's windows. */
  windows: PlanWindow[];
  /** The maintenance window the go-live is planned into (window.ts), if any. */
  goLiveWindowId?: string;
}

/** A step names its environment as the inventory does (case does not matter), or by its id. */
export function environmentOfStep(environments: readonly PlanEnvironment[], name: string | undefined): PlanEnvironment | undefined {
  const wanted = name?.trim().toLowerCase();
  if (!wanted) return undefined;
  return environments.find((e) => e.name.toLowerCase() === wanted) ?? environments.find((e) => e.id.toLowerCase() === wanted);
}

export function checkPlanAgainstCalendar(input: CalendarCheckInput): StepCalendarConflict[] {
  const { plan, schedule, release } = input;
  const times = new Map(schedule.steps.map((s) => [s.stepId, s]));
  const titles = new Map(plan.steps.map((s) => [s.id, s.title]));
  const stamp = new Date(input.now).toISOString();
  const stepSlots = plan.steps.flatMap((step): PlanSlot[] => {
    const at = times.get(step.id);
    const environment = environmentOfStep(input.environments, step.environment);
    if (isRollback(step) || !environment || !at?.startAt || !at.endAt || at.startAt === at.endAt) return [];
    return [{ id: `${STEP_SLOT}${step.id}`, projectKey: release.projectKey, versionId: release.id, environmentId: environment.id, from: at.startAt, to: at.endAt, required: false, updatedAt: stamp, updatedBy: '' }];
  });
  if (!stepSlots.length) return [];
  const index = new PlanIndex({
    now: input.now,
    timeZone: input.timeZone,
    environments: input.environments,
    tierOrder: input.tierOrder,
    versions: [release],
    slots: [...input.slots.filter((s) => !s.id.startsWith(STEP_SLOT)), ...stepSlots],
    windows: input.windows,
    deployments: [],
    maxReleasesPerDay: Number.MAX_SAFE_INTEGER,
    focusProjects: new Set([release.projectKey]),
    // Other projects' bookings are named "a project you cannot see": the runbook's readers may not browse them.
    visibleProjects: new Set([release.projectKey]),
  });
  return RULES.flatMap(([, rule]) => rule(index)).flatMap((c): StepCalendarConflict[] => {
    const stepIds = c.items.filter((i) => i.kind === 'slot' && i.id.startsWith(STEP_SLOT)).map((i) => i.id.slice(STEP_SLOT.length));
    if (!stepIds.length) return [];
    if (c.rule === 'slot-in-maintenance' && input.goLiveWindowId && c.items.some((i) => i.kind === 'window' && i.id === input.goLiveWindowId)) return [];
    const names = stepIds.map((id) => `“${titles.get(id) ?? id}”`).join(' and ');
    return [{ id: c.id, stepIds, rule: c.rule as StepCalendarConflict['rule'], severity: c.severity, title: `${names}: ${c.title}`, explanation: c.explanation, fixes: c.fixes.map((f) => f.text) }];
  });
}
