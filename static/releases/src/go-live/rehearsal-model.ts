import type { RehearsalRecord, RehearsedDuration, RunbookView } from '../../../../src/contract';
import { readySteps } from '../../../../src/domain/runbook/run';
import { isRollback } from '../../../../src/domain/runbook/validate';
import { type StepActionType, actionsOnStep } from './golive-model';

/**
 * The Go-live page's rehearsal column: each step's latest rehearsed duration (with the warning when
 * the plan is shorter) and, while a rehearsal runs, the step's state in it and what the viewer may do.
 */

export interface RehearsalCell {
  duration?: RehearsedDuration;
  /** The running rehearsal, if any, and the step's state and actions in it. */
  running?: { record: RehearsalRecord; status: RehearsalRecord['states'][string]['status']; actions: StepActionType[] };
}

export const runningRehearsal = (view: RunbookView): RehearsalRecord | undefined =>
  view.run ? undefined : view.rehearsals?.records.find((r) => r.status === 'running' || r.status === 'rolling-back');

/** Every step's cell, computed once per view (a 300-step plan asks for readiness once, not per row). */
export function rehearsalCells(view: RunbookView): Map<string, RehearsalCell> {
  const durations = new Map((view.rehearsals?.durations ?? []).map((d) => [d.stepId, d]));
  const record = runningRehearsal(view);
  const ready = new Set(record ? readySteps(view.plan, record) : []);
  const actable = new Set(view.rehearsals?.actableStepIds ?? []);
  return new Map(
    view.plan.steps.map((step): [string, RehearsalCell] => {
      const duration = durations.get(step.id);
      const cell: RehearsalCell = duration ? { duration } : {};
      if (!record) return [step.id, cell];
      const status = record.states[step.id]?.status ?? 'not-started';
      const isReady = ready.has(step.id);
      // A rehearsal offers what moves it on: no notes, and skipping only a step whose turn it is.
      const actions = actable.has(step.id)
        ? actionsOnStep({ status, active: isRollback(step) === (record.header.mode === 'rollback'), ready: isReady }).filter((a) => a !== 'note' && (a !== 'skip' || status !== 'not-started' || isReady))
        : [];
      return [step.id, { ...cell, running: { record, status, actions } }];
    }),
  );
}

/** “Rehearsal 2 on UAT-1 · Ravi Menon · running” lines, newest first. */
export const RUN_STATUS_WORDS = { 'not-started': 'not started', running: 'running', completed: 'completed', 'rolling-back': 'rolling back', 'rolled-back': 'rolled back' } as const;
