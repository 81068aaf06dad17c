import type { RunbookPlan, RunbookStep, RunbookView, StartRollbackPayload, StartRunPayload, StepActionPayload } from '../../contract-runbook';
import { applyStepAction, startGate, startRollback, startRun } from '../../domain/runbook/run';
import { AppError } from '../../errors';
import { keys } from '../../store/keys';
import { type RehearsalMeta, type RunMeta, type StoredStepState, runLayout } from '../../store/runbook-store';
import { type ShardLayout, type ShardedState, updateSharded } from '../../store/sharded-list';
import type { TransactOperation, Versioned } from '../../ports';
import type { UserSummary } from '../../contract-go-no-go';
import type { AuditChange } from '../go-no-go/audit';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { type RunbookTarget, auditOf, openRunbook, requireReleaseManager, requireStepActor } from './session';
import { planOf, readPlan, runOf, runbookView } from './view';
import { type FollowUpDoc, type FollowUpWork, dueWork, noteFollowUp, readFollowUps, settleRun } from './follow-up';
import { notFrozenGuard } from './record';
import { announceRun } from './announce';

/**
 * The live run: a release manager starts it (after a GO, or at once for an emergency release),
 * owners and release managers act on steps, a release manager calls a rollback. Each action is
 * one write of the part holding the step, checked against the run's header, so two people acting
 * on one step at once cannot both succeed: the second is told who was first (CONFLICT).
 */

const idOf = (s: StoredStepState) => s.stepId;

type RunState<M = RunMeta> = ShardedState<M | null, StoredStepState>;
type RunChange<M> = {
  meta?: M;
  upsert?: StoredStepState[];
  items?: StoredStepState[];
  audit: AuditChange;
  /** Work the change calls for (the live run only): noted in the same transaction, done right after. */
  due?: FollowUpWork[];
};

/** The run as a change leaves it (its header and the step states it upserts). */
function runAfter(current: RunState, change: { meta?: RunMeta; upsert?: StoredStepState[] }): RunState {
  const upserts = new Map((change.upsert ?? []).map((s) => [s.stepId, s]));
  const known = new Set(current.items.map((s) => s.stepId));
  const items = [...current.items.map((s) => upserts.get(s.stepId) ?? s), ...[...upserts.values()].filter((s) => !known.has(s.stepId))];
  return { ...current, meta: change.meta ?? current.meta, items };
}

/**
 * One write of the run, its change audited as the caller at `at`; or of a rehearsal, at its
 * `layout`. Either way the release's watchers are told (the Go-live page shows both).
 */
export async function writeRun<M extends RunMeta | RehearsalMeta = RunMeta>(
  target: RunbookTarget,
  who: { actor: UserSummary; at: string },
  change: (current: RunState<M>) => RunChange<M>,
  guard?: () => Promise<TransactOperation[]>,
  layout?: ShardLayout,
): Promise<RunState<M>> {
  const { session, versionId, version } = target;
  const { deps } = session;
  const projectId = session.project.id;
  const frozen = notFrozenGuard(deps.store, projectId, versionId, version.name);
  const live = layout === undefined;
  let notes: Versioned<FollowUpDoc> | undefined;
  let due: FollowUpWork[] = [];
  const { state, written } = await updateSharded<M | null, StoredStepState>(deps.store, layout ?? runLayout(projectId, versionId), {
    initialMeta: () => null,
    idOf,
    // A finished run's record is final: once it is frozen nothing writes the run again.
    guard: async () => {
      const [frozenChecks, checks, read] = await Promise.all([frozen(), guard ? guard() : Promise.resolve([]), live ? readFollowUps(deps.store) : Promise.resolve(undefined)]);
      notes = read;
      return [...frozenChecks, ...checks];
    },
    change: (current) => {
      const { audit, due: calledFor, ...rest } = change(current);
      due = live ? (calledFor ?? []) : [];
      const note = due.length ? [noteFollowUp(notes, { projectId, projectKey: session.project.key, versionId, versionName: version.name, work: due, by: who.actor }, who.at)] : [];
      return { ...rest, ...(note.length ? { also: note } : {}), audit: [auditOf(session, who.actor, who.at, { scope: versionId, versionId, versionName: version.name }, audit)] };
    },
  });
  if (written) await announceRunChange(deps, projectId, versionId, state as RunState);
  // The work the write noted, done at once; a failure stays noted (with why) and is tried again.
  if (written && due.length) await settleRun(deps, projectId, versionId).catch((error: unknown) => deps.log.warn('go-live run follow-up left noted', { versionId, error: String(error) }));
  return state;
}

/** One notice per landed write, to everyone watching the run (Forge Realtime); a refused write throws before it. */
function announceRunChange(deps: AppDeps, projectId: string, versionId: string, state: RunState): Promise<void> {
  return announceRun(deps, projectId, versionId, state.writes ?? state.rev);
}

export async function startRunbookRun(deps: AppDeps, context: InvocationContext, payload: StartRunPayload): Promise<RunbookView> {
  const target = await openRunbook(deps, context, payload.versionId);
  const { session, versionId, version } = target;
  requireReleaseManager(session, 'start the go-live run');
  const planState = await readPlan(deps.store, session.project.id, versionId);
  if (!planState.exists) throw new AppError('NOT_FOUND', `${version.name} has no runbook yet: create it before the go-live.`);
  const actor = await session.actor();
  const at = deps.clock.now().toISOString();
  const gate = startGate({ decision: target.decision?.value, releaseType: target.releaseType });
  const state = await writeRun(
    target,
    { actor, at },
    (current) => {
      const outcome = startRun(planOf(planState), gate, at, actor, runOf(current));
      if (!outcome.ok) throw new AppError(outcome.code, outcome.problem);
      return {
        meta: { ...outcome.run.header, planRevision: planState.rev },
        items: [],
        audit: {
          action: 'run.started',
          summary: `Started the go-live run (${gate.allowed && gate.authority === 'emergency-release' ? 'emergency release' : 'after the GO decision'}).`,
          after: { authority: outcome.run.header.authority, planRevision: planState.rev },
        },
      };
    },
    // The plan that runs is the plan read: a plan edit landing meanwhile makes this start fail and read again.
    async () => [{ kind: 'check', key: keys.runbookPlan(session.project.id, versionId), expectRev: planState.rev }],
  );
  return runbookView(target, { plan: planState, run: state });
}

/** What an action on a step (in the live run or a rehearsal) starts from: the step, checked to be the caller's to act on. */
export async function openStepAction(deps: AppDeps, context: InvocationContext, payload: StepActionPayload) {
  const target = await openRunbook(deps, context, payload.versionId);
  const { session, versionId, version } = target;
  const planState = await readPlan(deps.store, session.project.id, versionId);
  const plan = planOf(planState);
  const step = plan.steps.find((s) => s.id === payload.stepId);
  if (!step) throw new AppError('NOT_FOUND', `The runbook of ${version.name} has no step “${payload.stepId}”.`);
  await requireStepActor(session, step, payload.action);
  return { target, planState, plan, step, actor: await session.actor(), at: deps.clock.now().toISOString() };
}

export async function actOnRunbookStep(deps: AppDeps, context: InvocationContext, payload: StepActionPayload): Promise<RunbookView> {
  const { target, planState, plan, step, actor, at } = await openStepAction(deps, context, payload);
  const { session, versionId } = target;
  let state: RunState;
  try {
    state = await writeRun(target, { actor, at }, (current) => {
      const change = stepChange(current, payload, { plan, step, at, actor }, 'The go-live run has not started: a release manager starts it after the GO decision.');
      return { ...change, due: dueWork(plan, runOf(runAfter(current, change)), step) };
    });
  } catch (error) {
    // A completion reported twice (a retry, a second page) is refused, and settles a filing cut short.
    if (error instanceof AppError && step.kind === 'deployment') await settleRun(deps, session.project.id, versionId).catch(() => undefined);
    throw error;
  }
  return runbookView(target, { plan: planState, run: state });
}

/** A person's action on a step of a run (live or rehearsal) as the write's change: the step's new state, audited. */
export function stepChange<M extends RunMeta | RehearsalMeta>(
  current: RunState<M>,
  payload: StepActionPayload,
  { plan, step, at, actor }: { plan: RunbookPlan; step: RunbookStep; at: string; actor: UserSummary },
  notStarted: string,
): RunChange<M> & { upsert: StoredStepState[] } {
  const run = runOf(current);
  if (!run) throw new AppError('VALIDATION', notStarted);
  const outcome = applyStepAction(plan, run, { stepId: step.id, expectedStatus: payload.expectedStatus, action: payload.action, at, by: actor });
  if (!outcome.ok) throw new AppError(outcome.code, outcome.problem);
  const before = run.states[step.id];
  return {
    // A rollback vote switches the run in the same write as the vote.
    ...(outcome.header && current.meta ? { meta: { ...current.meta, ...outcome.header } } : {}),
    upsert: [{ stepId: step.id, ...outcome.state }],
    audit: {
      action: `step.${payload.action.type}`,
      summary: outcome.summary,
      ...(before ? { before: { status: before.status } } : {}),
      after: { stepId: step.id, status: outcome.state.status, ...(outcome.state.reason ? { reason: outcome.state.reason } : {}) },
    },
  };
}

export async function startRunbookRollback(deps: AppDeps, context: InvocationContext, payload: StartRollbackPayload): Promise<RunbookView> {
  const target = await openRunbook(deps, context, payload.versionId);
  const { session, versionId } = target;
  requireReleaseManager(session, 'roll the release back');
  const planState = await readPlan(deps.store, session.project.id, versionId);
  const actor = await session.actor();
  const at = deps.clock.now().toISOString();
  const plan = planOf(planState);
  const state = await writeRun(target, { actor, at }, (current) => {
    const run = runOf(current);
    if (!run || !current.meta) throw new AppError('VALIDATION', 'The go-live run has not started: there is nothing to roll back.');
    const outcome = startRollback(plan, run, { reason: payload.reason, at, by: actor });
    if (!outcome.ok) throw new AppError(outcome.code, outcome.problem);
    const meta = { ...outcome.header, planRevision: current.meta.planRevision };
    return {
      meta,
      audit: { action: 'run.rollback', summary: `Called the rollback: ${outcome.header.rollback?.reason ?? ''}`, after: { mode: 'rollback', reason: outcome.header.rollback?.reason } },
      // A plan without rollback steps is rolled back at once: filed and frozen with this write.
      due: dueWork(plan, runOf(runAfter(current, { meta }))),
    };
  });
  return runbookView(target, { plan: planState, run: state });
}
