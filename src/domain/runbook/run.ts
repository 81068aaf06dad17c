import type { ReleaseType, UserSummary } from '../../contract-go-no-go';
import type { RunAuthority, RunHeader, RunMode, RunStatus, RunbookPlan, RunbookStep, StepAction, StepEvent, StepRunState, StepStatus } from '../../contract-runbook';
import { RUNBOOK_LIMITS } from '../../contract-runbook';
import { applyVote, tally } from './checkpoint';
import { isRollback, planProblems } from './validate';

/**
 * The live run of a runbook: a step goes not started → running → completed, failed or skipped
 * (with a reason); a failed step may be started again or skipped. A step is ready when each of its
 * dependencies is completed or skipped. The run goes forward until every forward step is done,
 * or, once a rollback is called, through the rollback steps instead. A run starts only after a GO
 * decision, or at once for an emergency release.
 */

export interface RunRecord {
  header: RunHeader;
  states: Readonly<Record<string, StepRunState>>;
}

export type Refusal = { ok: false; code: 'VALIDATION' | 'CONFLICT'; problem: string };

export const notStarted = (): StepRunState => ({ status: 'not-started', attempts: 0, notes: [] });

const DONE: ReadonlySet<StepStatus> = new Set(['completed', 'skipped']);
const STATUS_WORDS: Record<StepStatus, string> = { 'not-started': 'not started', running: 'running', completed: 'completed', failed: 'failed', skipped: 'skipped' };

export type StartGate = { allowed: true; authority: RunAuthority } | { allowed: false; reason: string };

export function startGate(input: { decision: 'GO' | 'NO_GO' | undefined; releaseType: ReleaseType }): StartGate {
  if (input.decision === 'GO') return { allowed: true, authority: 'go-decision' };
  if (input.releaseType === 'emergency') return { allowed: true, authority: 'emergency-release' };
  if (input.decision === 'NO_GO') return { allowed: false, reason: 'The release is at NO-GO: the go-live runs only after a GO decision on the Go/No-Go board.' };
  return { allowed: false, reason: 'The release has no GO decision yet: record GO on the Go/No-Go board first (only an emergency release may run without one).' };
}

export function startRun(plan: RunbookPlan, gate: StartGate, at: string, by: UserSummary, existing: RunRecord | undefined): { ok: true; run: RunRecord } | Refusal {
  if (existing) return { ok: false, code: 'CONFLICT', problem: `The go-live run was already started by ${existing.header.startedBy.displayName} at ${existing.header.startedAt}.` };
  if (!gate.allowed) return { ok: false, code: 'VALIDATION', problem: gate.reason };
  const problems = planProblems(plan);
  if (problems.length) return { ok: false, code: 'VALIDATION', problem: `The runbook cannot run until its plan is fixed: ${problems.join(' ')}` };
  if (!plan.steps.some((s) => !isRollback(s))) return { ok: false, code: 'VALIDATION', problem: 'The runbook has no steps to run besides rollback steps.' };
  return { ok: true, run: { header: { startedAt: at, startedBy: by, authority: gate.authority, mode: 'forward' }, states: {} } };
}

export function stateOf(run: RunRecord, stepId: string): StepRunState {
  return run.states[stepId] ?? notStarted();
}

/** The steps the run works through now: the forward steps, or the rollback steps once it rolls back. */
export function activeSteps(plan: RunbookPlan, mode: RunMode): RunbookStep[] {
  return plan.steps.filter((s) => isRollback(s) === (mode === 'rollback'));
}

export function runStatus(plan: RunbookPlan, run: RunRecord | undefined): RunStatus {
  if (!run) return 'not-started';
  const allDone = activeSteps(plan, run.header.mode).every((s) => DONE.has(stateOf(run, s.id).status));
  if (run.header.mode === 'rollback') return allDone ? 'rolled-back' : 'rolling-back';
  return allDone ? 'completed' : 'running';
}

/** Dependencies of a step that are not yet completed or skipped. */
export function waitingFor(plan: RunbookPlan, run: RunRecord, step: RunbookStep): RunbookStep[] {
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  return step.dependsOn.map((id) => byId.get(id)).filter((d): d is RunbookStep => d !== undefined && !DONE.has(stateOf(run, d.id).status));
}

/** Steps someone can start now, in plan order. */
export function readySteps(plan: RunbookPlan, run: RunRecord | undefined): string[] {
  // A finished run (completed or rolled back) has every active step done, so none is ready.
  if (!run) return [];
  return activeSteps(plan, run.header.mode)
    .filter((s) => stateOf(run, s.id).status === 'not-started' && waitingFor(plan, run, s).length === 0)
    .map((s) => s.id);
}

const refuse = (problem: string, code: Refusal['code'] = 'VALIDATION'): Refusal => ({ ok: false, code, problem });

function requireReason(text: string, missing: string): string | Refusal {
  const reason = text.trim();
  if (!reason) return refuse(missing);
  if (reason.length > RUNBOOK_LIMITS.reason) return refuse(`A reason holds at most ${RUNBOOK_LIMITS.reason} characters.`);
  return reason;
}

/**
 * The step's state after one person's action, or why it is refused. `expectedStatus` is what that
 * person saw: when someone else changed the step meanwhile the action is a CONFLICT that names
 * who did what, so two people acting on one step at once never both succeed.
 */
export function applyStepAction(
  plan: RunbookPlan,
  run: RunRecord,
  input: { stepId: string; expectedStatus: StepStatus; action: StepAction; at: string; by: UserSummary },
): { ok: true; state: StepRunState; summary: string; header?: RunHeader } | Refusal {
  const outcome = decideStepAction(plan, run, input);
  if (!outcome.ok) return outcome;
  const before = stateOf(run, input.stepId).status;
  if (outcome.state.status === before) return outcome;
  // Each status change is kept (a started step has no reason: starting drops a failure's), so the frozen record says who started, completed, failed or skipped a step and when.
  const event: StepEvent = { status: outcome.state.status, at: input.at, by: input.by, ...(outcome.state.reason ? { reason: outcome.state.reason } : {}) };
  return { ...outcome, state: { ...outcome.state, history: [...(outcome.state.history ?? []), event] } };
}

function decideStepAction(
  plan: RunbookPlan,
  run: RunRecord,
  input: { stepId: string; expectedStatus: StepStatus; action: StepAction; at: string; by: UserSummary },
): { ok: true; state: StepRunState; summary: string; header?: RunHeader } | Refusal {
  const step = plan.steps.find((s) => s.id === input.stepId);
  if (!step) return refuse(`The runbook has no step “${input.stepId}”.`);
  const title = `“${step.title}”`;
  const status = runStatus(plan, run);
  if (status === 'completed' || status === 'rolled-back') return refuse(`The go-live run is ${status === 'completed' ? 'complete' : 'rolled back'}: its record is final.`);
  const current = stateOf(run, step.id);
  const { action, at, by } = input;
  if (action.type === 'note') {
    const text = action.text.trim();
    if (!text) return refuse('A note needs some text.');
    if (text.length > RUNBOOK_LIMITS.note) return refuse(`A note holds at most ${RUNBOOK_LIMITS.note} characters.`);
    if (current.notes.length >= RUNBOOK_LIMITS.notesPerStep) return refuse(`${title} has ${RUNBOOK_LIMITS.notesPerStep} notes, the most a step keeps.`);
    return { ok: true, state: { ...current, notes: [...current.notes, { at, by, text }] }, summary: `Noted on ${title}: ${text}` };
  }
  if (current.status !== input.expectedStatus) {
    const who = current.by ? ` by ${current.by.displayName}${current.endedAt ?? current.startedAt ? ` at ${current.endedAt ?? current.startedAt}` : ''}` : '';
    return refuse(`${title} was ${STATUS_WORDS[current.status]}${who} while you were looking; your change was not applied.`, 'CONFLICT');
  }
  const active = isRollback(step) === (run.header.mode === 'rollback');
  switch (action.type) {
    case 'vote':
      return applyVote(step, current, run.header, { choice: action.choice, reason: action.reason, at, by, hasRollbackSteps: plan.steps.some(isRollback) });
    case 'start': {
      if (!active) {
        return refuse(isRollback(step) ? `${title} is a rollback step: it runs only once a rollback is called.` : `The run is rolling back: ${title} is not started any more.`);
      }
      if (current.status !== 'not-started' && current.status !== 'failed') return refuse(`${title} is ${STATUS_WORDS[current.status]}; only a step not started, or a failed one, can be started.`);
      const waiting = waitingFor(plan, run, step);
      if (waiting.length) {
        return refuse(`${title} waits for ${waiting.map((d) => `“${d.title}” (${STATUS_WORDS[stateOf(run, d.id).status]})`).join(' and ')}.`);
      }
      const { reason: _reason, endedAt: _ended, ...rest } = current;
      return { ok: true, state: { ...rest, status: 'running', startedAt: at, by, attempts: current.attempts + 1 }, summary: `${current.status === 'failed' ? 'Restarted' : 'Started'} ${title}.` };
    }
    case 'complete': {
      if (current.status !== 'running') return refuse(`${title} is ${STATUS_WORDS[current.status]}; only a running step can be completed.`);
      const votes = tally(step, current);
      if (votes.outcome === 'waiting') return refuse(`${title} waits for the votes of ${votes.pending.length} approver${votes.pending.length === 1 ? '' : 's'}; it completes when all have voted continue.`);
      return { ok: true, state: { ...current, status: 'completed', endedAt: at, by }, summary: `Completed ${title}.` };
    }
    case 'fail': {
      if (current.status !== 'running') return refuse(`${title} is ${STATUS_WORDS[current.status]}; only a running step can fail.`);
      const reason = requireReason(action.reason, `Say why ${title} failed.`);
      if (typeof reason !== 'string') return reason;
      return { ok: true, state: { ...current, status: 'failed', endedAt: at, by, reason }, summary: `${title} failed: ${reason}` };
    }
    case 'skip': {
      if (current.status === 'completed' || current.status === 'skipped') return refuse(`${title} is ${STATUS_WORDS[current.status]} already.`);
      if (!active) return refuse(`${title} is not part of the run ${run.header.mode === 'rollback' ? 'while it rolls back' : 'unless a rollback is called'}.`);
      const reason = requireReason(action.reason, `Say why ${title} is skipped.`);
      if (typeof reason !== 'string') return reason;
      return { ok: true, state: { ...current, status: 'skipped', endedAt: at, by, reason }, summary: `Skipped ${title}: ${reason}` };
    }
  }
}

/** Switches a running go-live to its rollback steps. */
export function startRollback(plan: RunbookPlan, run: RunRecord, input: { reason: string; at: string; by: UserSummary }): { ok: true; header: RunHeader } | Refusal {
  if (run.header.rollback) {
    return refuse(`The rollback was already called by ${run.header.rollback.by.displayName} at ${run.header.rollback.at}.`, 'CONFLICT');
  }
  if (runStatus(plan, run) === 'completed') return refuse('The go-live run is complete: its record is final.');
  if (!plan.steps.some(isRollback)) return refuse('The runbook has no rollback steps: add them to the plan before rolling back.');
  const reason = requireReason(input.reason, 'Say why the release rolls back.');
  if (typeof reason !== 'string') return reason;
  return { ok: true, header: { ...run.header, mode: 'rollback', rollback: { at: input.at, by: input.by, reason } } };
}
