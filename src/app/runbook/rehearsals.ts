import type { RehearsalRecord, RehearsalStepActionPayload, RehearsalsView, RunbookPlan, RunbookView, StartRehearsalPayload } from '../../contract-runbook';
import { rehearsalEnvironments, rehearsedDurations, startRehearsal } from '../../domain/runbook/rehearsal';
import { runStatus } from '../../domain/runbook/run';
import { AppError } from '../../errors';
import type { KeyValueStore } from '../../ports';
import { keys } from '../../store/keys';
import { type RehearsalCount, type RehearsalMeta, type StoredStepState, rehearsalLayout } from '../../store/runbook-store';
import { readSharded } from '../../store/sharded-list';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { readInventory } from '../release-plan/documents';
import { openStepAction, stepChange, writeRun } from './run';
import { type RunbookTarget, openRunbook, requireReleaseManager, stepActors } from './session';
import { planOf, readPlan, readRun, runOf, runbookView } from './view';

/**
 * Rehearsals: a release manager runs the runbook on a non-production environment before go-live
 * day; owners and release managers act on its steps exactly as in the live run (the same state
 * machine, the same authorization). Each rehearsal is its own sharded list (`rb:reh:…:<n>`), so
 * several are kept and none is ever the live run; it files no deployment events. The plan stays
 * editable meanwhile: a rehearsal acts on the steps as they are now.
 */

async function readCount(store: KeyValueStore, projectId: string, versionId: string) {
  return store.getVersioned<RehearsalCount>(keys.runbookRehearsals(projectId, versionId));
}

/** Every rehearsal of a release's runbook, newest first, with its status against the plan as it is now. */
export async function readRehearsals(store: KeyValueStore, projectId: string, versionId: string, plan: RunbookPlan): Promise<RehearsalRecord[]> {
  const count = (await readCount(store, projectId, versionId))?.value.count ?? 0;
  const states = await Promise.all(
    Array.from({ length: count }, (_, i) => readSharded<RehearsalMeta | null, StoredStepState>(store, rehearsalLayout(projectId, versionId, count - i), () => null)),
  );
  return states.flatMap((state) => {
    const record = runOf(state);
    return record ? [{ header: record.header, states: { ...record.states }, status: runStatus(plan, record) }] : [];
  });
}

/** The rehearsals part of the runbook view: the records, the rehearsed durations, and what the viewer may do. */
export async function rehearsalsView(target: RunbookTarget, plan: RunbookPlan, liveRunStarted: boolean): Promise<RehearsalsView> {
  const { session, versionId } = target;
  const [records, inventory] = await Promise.all([readRehearsals(session.deps.store, session.project.id, versionId, plan), readInventory(session.deps.store)]);
  const running = records.find((r) => r.status === 'running' || r.status === 'rolling-back');
  const canAct = stepActors(session);
  const actable = running ? await Promise.all(plan.steps.map(async (s) => ((await canAct(s)) ? s.id : undefined))) : [];
  return {
    records,
    durations: rehearsedDurations(plan, records),
    environments: rehearsalEnvironments(inventory.environments, inventory.tierOrder).map(({ id, name, tier }) => ({ id, name, tier })),
    canStart: session.isReleaseManager && !running && !liveRunStarted && plan.steps.length > 0,
    actableStepIds: actable.filter((id): id is string => id !== undefined),
  };
}

export async function startRunbookRehearsal(deps: AppDeps, context: InvocationContext, payload: StartRehearsalPayload): Promise<RunbookView> {
  const target = await openRunbook(deps, context, payload.versionId);
  const { session, versionId, version } = target;
  requireReleaseManager(session, 'start a rehearsal');
  const projectId = session.project.id;
  const [planState, liveRun, inventory] = await Promise.all([readPlan(deps.store, projectId, versionId), readRun(deps.store, projectId, versionId), readInventory(deps.store)]);
  if (!planState.exists) throw new AppError('NOT_FOUND', `${version.name} has no runbook yet: create it before rehearsing it.`);
  const plan = planOf(planState);
  const earlier = await readRehearsals(deps.store, projectId, versionId, plan);
  const actor = await session.actor();
  const at = deps.clock.now().toISOString();
  const outcome = startRehearsal(plan, { environmentId: payload.environmentId, environments: inventory.environments, tierOrder: inventory.tierOrder, earlier, liveRunStarted: liveRun.exists && liveRun.meta !== null, at, by: actor });
  if (!outcome.ok) throw new AppError(outcome.code, outcome.problem);
  const { number } = outcome.header;
  const countKey = keys.runbookRehearsals(projectId, versionId);
  await writeRun<RehearsalMeta>(
    target,
    { actor, at },
    (current) => {
      if (current.meta) throw new AppError('CONFLICT', `Rehearsal ${number} was started by ${current.meta.startedBy.displayName} at ${current.meta.startedAt} meanwhile.`);
      return {
        meta: { ...outcome.header, planRevision: planState.rev },
        items: [],
        audit: { action: 'rehearsal.started', summary: `Started rehearsal ${number} on ${outcome.header.environmentName}.`, after: { rehearsal: number, environmentId: outcome.header.environmentId, planRevision: planState.rev } },
      };
    },
    // The count moves with the rehearsal's head in one transaction: two starts at once cannot both take one number.
    async () => {
      const count = await readCount(deps.store, projectId, versionId);
      if ((count?.value.count ?? 0) !== number - 1) throw new AppError('CONFLICT', `Another rehearsal of ${version.name} was started meanwhile; look again before starting one.`);
      return [{ kind: 'put', key: countKey, value: { count: number } satisfies RehearsalCount, expectRev: count?.rev ?? 0 }];
    },
    rehearsalLayout(projectId, versionId, number),
  );
  return runbookView(target, { plan: planState });
}

export async function actOnRehearsalStep(deps: AppDeps, context: InvocationContext, payload: RehearsalStepActionPayload): Promise<RunbookView> {
  const { target, planState, plan, step, actor, at } = await openStepAction(deps, context, payload);
  const { session, versionId, version } = target;
  await writeRun<RehearsalMeta>(
    target,
    { actor, at },
    (current) => {
      const change = stepChange(current, payload, { plan, step, at, actor }, `${version.name} has no rehearsal ${payload.rehearsal}: a release manager starts one.`);
      return { ...change, audit: { ...change.audit, action: `rehearsal.${change.audit.action}`, summary: `Rehearsal ${payload.rehearsal}: ${change.audit.summary}` } };
    },
    undefined,
    rehearsalLayout(session.project.id, versionId, payload.rehearsal),
  );
  return runbookView(target, { plan: planState });
}
