import type { RunProgress, RunbookPlan, RunbookStep, StepProgress, StepTiming } from '../../contract-runbook';
import { type RunRecord, activeSteps, readySteps, runStatus, stateOf } from './run';
import { addMinutes, earliestStart, minutesBetween } from './schedule';
import { dependencyOrder } from './validate';

/**
 * Where a live run stands against its plan at `now`: each step's planned times, its actual or
 * projected times, whether it is late, and the projected end of the run. Planned times count
 * from the plan's go-live start (the run's start when the plan has none); projections count
 * relative starts from the moment the run actually started, because that is when the go-live
 * began. Once a rollback is called both count from the rollback.
 */

/** Whole minutes behind: a step a few seconds past its planned time is not called late. */
const late = (projected: string, planned: string) => Math.max(0, Math.floor(minutesBetween(planned, projected) + 1e-9));
const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

interface Times {
  start: string;
  end: string;
}

/** Planned start and end of each step of `steps`, counting from `origin`. */
export function planned(steps: readonly RunbookStep[], origin: string): Map<string, Times> {
  const times = new Map<string, Times>();
  for (const step of dependencyOrder(steps)) {
    const ends = step.dependsOn.map((d) => times.get(d)).filter((t): t is Times => t !== undefined).map((t) => minutesBetween(origin, t.end));
    const start = earliestStart(step, ends, origin);
    times.set(step.id, { start: addMinutes(origin, start), end: addMinutes(origin, start + step.durationMinutes) });
  }
  return times;
}

export function runProgress(plan: RunbookPlan, run: RunRecord, now: string): RunProgress {
  const mode = run.header.mode;
  const steps = activeSteps(plan, mode);
  const rollbackAt = run.header.rollback?.at;
  // A called rollback always switches the run to rollback mode (run.ts, checkpoint.ts).
  const plannedOrigin = rollbackAt ?? plan.goLiveStart ?? run.header.startedAt;
  const actualOrigin = rollbackAt ?? run.header.startedAt;
  const plan0 = planned(steps, plannedOrigin);
  const projected = new Map<string, Times>();
  const ready = new Set(readySteps(plan, run));
  const progress = new Map<string, StepProgress>();
  for (const step of dependencyOrder(steps)) {
    const state = stateOf(run, step.id);
    const p = plan0.get(step.id) as Times;
    let times: Times;
    if ((state.status === 'completed' || state.status === 'skipped') && state.endedAt) {
      times = { start: state.startedAt ?? state.endedAt, end: state.endedAt };
    } else if (state.status === 'running' && state.startedAt) {
      times = { start: state.startedAt, end: later(addMinutes(state.startedAt, step.durationMinutes), now) };
    } else {
      // Not started, or failed and to be retried: no earlier than now, its own start and its dependencies' ends.
      const ends = step.dependsOn.map((d) => projected.get(d)).filter((t): t is Times => t !== undefined).map((t) => minutesBetween(actualOrigin, t.end));
      const start = later(addMinutes(actualOrigin, earliestStart(step, ends, actualOrigin)), now);
      times = { start, end: addMinutes(start, step.durationMinutes) };
    }
    projected.set(step.id, times);
    const lateBy = state.status === 'skipped' ? 0 : late(times.end, p.end);
    let timing: StepTiming = 'on-time';
    if (state.status === 'completed') timing = lateBy > 0 ? 'finished-late' : 'on-time';
    else if (state.status === 'running') timing = lateBy === 0 ? 'on-time' : Date.parse(now) > Date.parse(p.end) ? 'overrunning' : 'late-start';
    // Not started (or failed): it starts no earlier than now, so one that should have started is projected late.
    else if (state.status !== 'skipped') timing = lateBy > 0 ? 'late-start' : 'on-time';
    progress.set(step.id, {
      stepId: step.id,
      status: state.status,
      ready: ready.has(step.id),
      plannedStartAt: p.start,
      plannedEndAt: p.end,
      projectedStartAt: times.start,
      projectedEndAt: times.end,
      timing,
      lateByMinutes: lateBy,
    });
  }
  const ends = (m: Map<string, Times>, origin: string) => [...m.values()].map((t) => t.end).reduce(later, origin);
  const plannedEndAt = ends(plan0, plannedOrigin);
  const status = runStatus(plan, run);
  // A finished run has ended: its end is the last actual end, counted from when it (or its rollback) began, never a projection.
  const endedAt = status === 'completed' || status === 'rolled-back' ? ends(projected, actualOrigin) : undefined;
  const projectedEndAt = endedAt ?? ends(projected, plannedOrigin);
  return {
    status,
    mode,
    steps: steps.map((s) => progress.get(s.id) as StepProgress),
    readyStepIds: [...ready],
    plannedEndAt,
    projectedEndAt,
    slipMinutes: Math.round(minutesBetween(plannedEndAt, projectedEndAt)),
    blockedBy: steps.filter((s) => stateOf(run, s.id).status === 'failed').map((s) => s.id),
    ...(endedAt ? { endedAt } : {}),
  };
}
