import type { RunFollowUpView, RunProgress, RunbookStep, RunbookView, ScheduledStep, StepProgress, StepRunState, StepStatus } from '../../../../src/contract';
import { STEP_KIND_LABELS } from '../../../../src/contract';
import { formatDuration } from '../../../../src/domain/runbook/durations';
import { formatInstant } from '../date-format';

/**
 * What the Go-live page shows, derived from one RunbookView: rows of the plan with planned and
 * (during a run) projected times, and the words for statuses and timings. Times are shown in the
 * project's release zone, never the browser's.
 */

export { formatDuration, formatInstant };

export const STATUS_TEXT: Record<StepStatus, string> = {
  'not-started': 'Not started',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  skipped: 'Skipped',
};

export interface PlanRow {
  step: RunbookStep;
  index: number;
  kindLabel: string;
  owner: string;
  dependsOn: string[];
  plannedStart?: string;
  plannedEnd?: string;
  /** Minutes from the go-live start, shown while the runbook has no go-live start. */
  plannedOffset?: { start: number; end: number };
  critical: boolean;
  rollback: boolean;
  state?: StepRunState;
  progress?: StepProgress;
  canAct: boolean;
}

export function planRows(view: RunbookView): PlanRow[] {
  const scheduled = new Map((view.schedule?.steps ?? []).map((s) => [s.stepId, s]));
  const progress = new Map((view.run?.progress.steps ?? []).map((p) => [p.stepId, p]));
  const titles = new Map(view.plan.steps.map((s) => [s.id, s.title]));
  const names = new Map(view.users.map((u) => [u.accountId, u.displayName]));
  const actable = new Set(view.permissions.actableStepIds);
  return view.plan.steps.map((step, index) => {
    const s = scheduled.get(step.id);
    const p = progress.get(step.id);
    const owner = step.owner?.type === 'user' ? (names.get(step.owner.accountId) ?? step.owner.accountId) : step.owner?.type === 'group' ? `${step.owner.groupName} (group)` : '';
    return {
      step,
      index,
      kindLabel: STEP_KIND_LABELS[step.kind],
      owner,
      dependsOn: step.dependsOn.map((id) => titles.get(id) ?? id),
      ...plannedTimes(view, step, s, p),
      critical: s?.critical === true && step.kind !== 'rollback',
      rollback: step.kind === 'rollback',
      ...(view.run?.states[step.id] ? { state: view.run.states[step.id] } : {}),
      ...(p ? { progress: p } : {}),
      canAct: actable.has(step.id),
    };
  });
}

function plannedTimes(view: RunbookView, step: RunbookStep, s: ScheduledStep | undefined, p: StepProgress | undefined): Pick<PlanRow, 'plannedStart' | 'plannedEnd' | 'plannedOffset'> {
  if (p) return { plannedStart: p.plannedStartAt, plannedEnd: p.plannedEndAt };
  if (!s) return {};
  if (s.startAt && s.endAt) return { plannedStart: s.startAt, plannedEnd: s.endAt };
  // Without a go-live start a run plans from its own start; rollback steps from the rollback.
  const origin = step.kind === 'rollback' ? view.run?.header.rollback?.at : view.run?.header.startedAt;
  if (origin) return { plannedStart: shift(origin, s.startMinute), plannedEnd: shift(origin, s.endMinute) };
  return step.kind === 'rollback' ? {} : { plannedOffset: { start: s.startMinute, end: s.endMinute } };
}

const shift = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** `T+0 – T+45 min` style offsets from the go-live start. */
export function formatOffset(minutes: number): string {
  return minutes === 0 ? 'T' : minutes > 0 ? `T+${formatDuration(minutes)}` : `T${formatDuration(minutes)}`;
}

/** A checkpoint's approvers during the run, each with their vote or none yet, in the order named. */
export function checkpointVotes(row: PlanRow, view: RunbookView): Array<{ accountId: string; name: string; choice?: 'continue' | 'rollback'; reason?: string }> {
  const names = new Map(view.users.map((u) => [u.accountId, u.displayName]));
  const votes = new Map((row.state?.votes ?? []).map((v) => [v.by.accountId, v]));
  return (row.step.kind === 'checkpoint' ? (row.step.approvers ?? []) : []).map((accountId) => {
    const vote = votes.get(accountId);
    return { accountId, name: vote?.by.displayName ?? names.get(accountId) ?? accountId, ...(vote ? { choice: vote.choice } : {}), ...(vote?.reason ? { reason: vote.reason } : {}) };
  });
}

/** Whether the viewer is asked for their vote now: a named approver who has not voted, while the checkpoint runs. */
export function asksForVote(row: PlanRow, view: RunbookView): boolean {
  return view.run?.header.mode === 'forward' && row.state?.status === 'running' && view.permissions.votableStepIds.includes(row.step.id);
}

/** Which buttons a step shows to someone who may act on it during a run. */
export type StepActionType = 'start' | 'complete' | 'fail' | 'skip' | 'note';

export function stepActions(row: PlanRow, view: RunbookView): StepActionType[] {
  const status = view.run?.progress.status;
  if (!view.run || !row.canAct || status === 'completed' || status === 'rolled-back') return [];
  return actionsOnStep({ status: row.state?.status ?? 'not-started', active: row.rollback === (view.run.header.mode === 'rollback'), ready: row.progress?.ready === true });
}

/** What can be done to a step of a run (live or rehearsal) that is still going, by someone who may act on it. */
export function actionsOnStep(step: { status: StepStatus; active: boolean; ready: boolean }): StepActionType[] {
  const { status: state, active } = step;
  const actions: StepActionType[] = [];
  if (active && ((state === 'not-started' && step.ready) || state === 'failed')) actions.push('start');
  if (state === 'running') actions.push('complete', 'fail');
  if (active && (state === 'not-started' || state === 'running' || state === 'failed')) actions.push('skip');
  actions.push('note');
  return actions;
}

/** Planned end against the release date: the go-live should end on the release's day or before. */
/**
 * The run's end as the page states it: a projection only while the run goes on; once it finished,
 * when it ended (a rollback: when it rolled back), never "projected".
 */
export function runEndLine(progress: RunProgress, timeZone: string): { text: string; late: boolean } {
  const slip = progress.slipMinutes > 0 ? ` (${formatDuration(progress.slipMinutes)} late)` : progress.slipMinutes < 0 ? ` (${formatDuration(-progress.slipMinutes)} early)` : ' (on time)';
  if (progress.endedAt && progress.status === 'rolled-back') return { text: `Rolled back at ${formatInstant(progress.endedAt, timeZone)}`, late: false };
  if (progress.endedAt) return { text: `Ended ${formatInstant(progress.endedAt, timeZone)}${slip}`, late: progress.slipMinutes > 0 };
  return { text: `Projected end ${formatInstant(progress.projectedEndAt, timeZone)}${slip}`, late: progress.slipMinutes > 0 };
}

const FOLLOW_UP_WORDS: Record<RunFollowUpView['work'][number], string> = {
  'file-deployments': 'filing the production deployment for the KPIs',
  freeze: "freezing the finished run's record and queuing its run book page",
};

/** Work a run write called for that is not done yet: on its way, or failed with why and when the app tries again. */
export function followUpText(followUp: RunFollowUpView, timeZone: string): string {
  const work = followUp.work.map((w) => FOLLOW_UP_WORDS[w]).join(' and ');
  if (!followUp.error) return `Still to do: ${work}.`;
  const tries = followUp.attempts === 1 ? 'once' : `${followUp.attempts} times`;
  return `Not done yet: ${work} failed (tried ${tries}): ${followUp.error}${followUp.retryAt ? ` The app tries again ${formatInstant(followUp.retryAt, timeZone)}.` : ''}`;
}

export function planSummary(view: RunbookView, timeZone: string): string | undefined {
  const schedule = view.schedule;
  if (!schedule) return undefined;
  const rollbackIds = new Set(view.plan.steps.filter((s) => s.kind === 'rollback').map((s) => s.id));
  const first = Math.min(0, ...schedule.steps.filter((s) => !rollbackIds.has(s.stepId)).map((s) => s.startMinute));
  const end = schedule.endAt ? `Planned end ${formatInstant(schedule.endAt, timeZone)}` : `Planned end ${formatOffset(schedule.endMinute)} (no go-live start yet)`;
  return `${end} · ${formatDuration(schedule.endMinute - first)} in all · ${schedule.criticalPath.length} steps on the critical path · rollback takes ${formatDuration(schedule.rollbackMinutes)}`;
}
