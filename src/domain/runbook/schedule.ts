import type { PlanSchedule, RunbookPlan, RunbookStep, ScheduledStep } from '../../contract-runbook';
import { dependencyOrder, isRollback } from './validate';

/**
 * The planned timeline of a runbook: each step starts at its planned start or when its last
 * dependency ends, whichever is later (a step without either starts at the go-live start), and
 * ends its duration later. The critical path is the chain of steps with no slack: any of them
 * late moves the planned end. Rollback steps are scheduled apart, from the moment a rollback is
 * called. Expects a plan without problems (planProblems): cycles and unknown steps are skipped.
 */

const MINUTE_MS = 60_000;

export function minutesBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / MINUTE_MS;
}

export function addMinutes(at: string, minutes: number): string {
  return new Date(Date.parse(at) + minutes * MINUTE_MS).toISOString();
}

/**
 * Earliest start of a step given when its dependencies end, in minutes from `origin` (the go-live
 * or rollback start); absolute starts need the origin's instant.
 */
export function earliestStart(step: RunbookStep, dependencyEnds: readonly number[], originAt: string | undefined): number {
  const start = step.plannedStart;
  const own =
    start?.type === 'relative'
      ? start.offsetMinutes
      : start?.type === 'absolute' && originAt !== undefined
        ? minutesBetween(originAt, start.at)
        : dependencyEnds.length
          ? Number.NEGATIVE_INFINITY
          : 0;
  return Math.max(own, ...dependencyEnds);
}

interface Pass {
  steps: ScheduledStep[];
  end: number;
}

function schedulePart(steps: readonly RunbookStep[], originAt: string | undefined): Pass {
  const ordered = dependencyOrder(steps);
  const early = new Map<string, { start: number; end: number }>();
  for (const step of ordered) {
    const ends = step.dependsOn.map((d) => early.get(d)?.end).filter((e): e is number => e !== undefined);
    const start = earliestStart(step, ends, originAt);
    early.set(step.id, { start, end: start + step.durationMinutes });
  }
  const end = steps.length ? Math.max(...[...early.values()].map((t) => t.end)) : 0;
  // Backward pass: a step may finish as late as its earliest-starting successor's latest start.
  const successors = new Map<string, RunbookStep[]>();
  for (const step of steps) for (const dep of step.dependsOn) successors.set(dep, [...(successors.get(dep) ?? []), step]);
  const lateStart = new Map<string, number>();
  for (const step of [...ordered].reverse()) {
    const after = (successors.get(step.id) ?? []).map((s) => lateStart.get(s.id)).filter((v): v is number => v !== undefined);
    const lateFinish = Math.min(end, ...after);
    lateStart.set(step.id, lateFinish - step.durationMinutes);
  }
  const scheduled = steps.map((step): ScheduledStep => {
    // dependencyOrder places every step, so each has its earliest times.
    const { start, end: stepEnd } = early.get(step.id) as { start: number; end: number };
    const slack = Math.max(0, (lateStart.get(step.id) ?? start) - start);
    return { stepId: step.id, startMinute: start, endMinute: stepEnd, slackMinutes: slack, critical: slack < 1e-9 };
  });
  return { steps: scheduled, end };
}

export function schedulePlan(plan: RunbookPlan): PlanSchedule {
  const forward = schedulePart(plan.steps.filter((s) => !isRollback(s)), plan.goLiveStart);
  const rollback = schedulePart(plan.steps.filter(isRollback), undefined);
  const origin = plan.goLiveStart;
  const timed = forward.steps.map((s) => (origin ? { ...s, startAt: addMinutes(origin, s.startMinute), endAt: addMinutes(origin, s.endMinute) } : s));
  const byId = new Map([...timed, ...rollback.steps].map((s) => [s.stepId, s]));
  const criticalPath = timed
    .filter((s) => s.critical)
    .sort((a, b) => a.startMinute - b.startMinute || a.endMinute - b.endMinute)
    .map((s) => s.stepId);
  return {
    steps: plan.steps.map((s) => byId.get(s.id) as ScheduledStep),
    endMinute: forward.end,
    ...(origin ? { endAt: addMinutes(origin, forward.end) } : {}),
    criticalPath,
    rollbackMinutes: rollback.end,
  };
}
