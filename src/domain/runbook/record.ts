import type { UserSummary } from '../../contract-go-no-go';
import type { FrozenRun, FrozenStep, RunbookPlan, StepEvent } from '../../contract-runbook';
import { planned } from './progress';
import { type RunRecord, runStatus, stateOf } from './run';
import { minutesBetween } from './schedule';
import { isRollback } from './validate';

/**
 * The record of a finished go-live run, made once when it ends (completed or rolled back) and
 * never changed afterwards: the plan as it ran, each step's planned and actual times, who did what
 * and when, notes, reasons, checkpoint votes and the rollback. Planned times count as the live view
 * counted them: forward steps from the plan's go-live start (the run's start when there is none),
 * rollback steps from the moment the rollback was called.
 */

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

/** Whole minutes after the planned end; a few seconds over is not late. */
export const minutesLate = (actualEnd: string, plannedEnd: string) => Math.max(0, Math.floor(minutesBetween(plannedEnd, actualEnd) + 1e-9));

/** A state from before the run kept its history: what it still says of who did what. */
function historyOf(state: ReturnType<typeof stateOf>): StepEvent[] {
  if (state.history) return state.history;
  if (!state.by) return [];
  return [
    ...(state.startedAt ? [{ status: 'running' as const, at: state.startedAt, by: state.by }] : []),
    ...(state.endedAt && state.status !== 'running' ? [{ status: state.status, at: state.endedAt, by: state.by, ...(state.reason ? { reason: state.reason } : {}) }] : []),
  ];
}

export function freezeRun(
  plan: RunbookPlan,
  run: RunRecord,
  input: { frozenAt: string; planRevision: number; project: { id: string; key: string }; version: { id: string; name: string }; people: UserSummary[] },
): FrozenRun | undefined {
  const status = runStatus(plan, run);
  if (status !== 'completed' && status !== 'rolled-back') return undefined;
  const forward = plan.steps.filter((s) => !isRollback(s));
  const rollbackAt = run.header.rollback?.at;
  const forwardPlan = planned(forward, plan.goLiveStart ?? run.header.startedAt);
  const rollbackPlan = rollbackAt ? planned(plan.steps.filter(isRollback), rollbackAt) : new Map<string, { start: string; end: string }>();
  const steps = plan.steps.map((step): FrozenStep => {
    const state = stateOf(run, step.id);
    const times = (isRollback(step) ? rollbackPlan : forwardPlan).get(step.id);
    const ended = state.status !== 'not-started' && state.status !== 'running' ? state.endedAt : undefined;
    const late = times && ended && state.status !== 'skipped' ? minutesLate(ended, times.end) : 0;
    return {
      stepId: step.id,
      step,
      phase: isRollback(step) ? 'rollback' : 'forward',
      ...(times ? { plannedStartAt: times.start, plannedEndAt: times.end } : {}),
      ...(state.startedAt ? { actualStartAt: state.startedAt } : {}),
      ...(ended ? { actualEndAt: ended } : {}),
      status: state.status,
      lateByMinutes: late,
      attempts: state.attempts,
      ...(state.reason ? { reason: state.reason } : {}),
      history: historyOf(state),
      notes: state.notes,
      ...(state.votes?.length ? { votes: state.votes } : {}),
    };
  });
  const plannedEndAt = [...forwardPlan.values()].map((t) => t.end).reduce(later, plan.goLiveStart ?? run.header.startedAt);
  const actualEndAt = steps.flatMap((s) => (s.actualEndAt ? [s.actualEndAt] : [])).reduce(later, run.header.rollback?.at ?? run.header.startedAt);
  return {
    header: {
      ...run.header,
      status,
      frozenAt: input.frozenAt,
      planRevision: input.planRevision,
      project: input.project,
      version: input.version,
      ...(plan.goLiveStart ? { goLiveStart: plan.goLiveStart } : {}),
      plannedEndAt,
      actualEndAt,
      people: input.people,
    },
    steps,
  };
}
