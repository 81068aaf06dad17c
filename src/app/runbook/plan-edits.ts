import type { UserSummary } from '../../contract-go-no-go';
import type { CreateRunbookPayload, RemoveRunbookStepPayload, RunbookStep, RunbookView, SaveRunbookStepPayload, SetGoLiveStartPayload } from '../../contract-runbook';
import { copyPlan, defaultTemplate } from '../../domain/runbook/templates';
import { planProblems } from '../../domain/runbook/validate';
import { AppError } from '../../errors';
import type { TransactOperation } from '../../ports';
import { type PlanMeta, planLayout, templateScope } from '../../store/runbook-store';
import { type ShardedState, updateSharded } from '../../store/sharded-list';
import { keys } from '../../store/keys';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import type { BoardSession } from '../go-no-go/session';
import { requireVersion } from '../go-no-go/session';
import { type RunbookTarget, auditOf, openRunbook, requireReleaseManager } from './session';
import { planOf, readPlan, runbookView } from './view';

/**
 * Editing a runbook's plan: release managers create it from the release type's template or from
 * an earlier release, then add, change, move and remove steps and set the go-live start. Every
 * edit names the plan revision the page showed (a stale page is refused, not merged), is checked
 * whole (planProblems), is refused once the live run has started, and is audited.
 */

/** The plan is frozen once the go-live run has started (checked in the same write). */
export function notRunningGuard(session: BoardSession, versionId: string) {
  return async (): Promise<TransactOperation[]> => {
    const key = keys.runbookRun(session.project.id, versionId);
    const run = await session.deps.store.getVersioned(key);
    if (run) throw new AppError('CONFLICT', 'The go-live run has started: the plan is frozen.');
    return [{ kind: 'check', key, expectRev: 0 }];
  };
}

export function requireRevision(state: ShardedState<PlanMeta, RunbookStep>, expected: number): void {
  if (state.rev === expected) return;
  const by = state.meta.updatedBy ? ` by ${state.meta.updatedBy.displayName} at ${state.meta.updatedAt}` : '';
  throw new AppError('CONFLICT', `The runbook was changed${by} since you opened it. Reload to see the change, then make yours again.`);
}

export function refuseProblems(problems: string[], what: string): void {
  if (problems.length) throw new AppError('VALIDATION', `${what} was not saved: the plan would not work.`, problems);
}

/** Owners named as people must be people Jira knows, so a typo cannot leave a step without an owner. */
export async function requireKnownOwners(session: BoardSession, steps: readonly RunbookStep[]): Promise<void> {
  const ids = [...new Set(steps.flatMap((s) => [...(s.owner?.type === 'user' ? [s.owner.accountId] : []), ...(s.approvers ?? [])]))];
  if (!ids.length) return;
  const known = new Set((await session.jira.usersByIds(ids)).map((u) => u.accountId));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) throw new AppError('VALIDATION', 'The runbook was not saved.', unknown.map((id) => `${steps.some((s) => s.approvers?.includes(id)) ? 'approvers' : 'owner'}: Jira has no user “${id.slice(0, 60)}”.`));
}

function stamped(meta: PlanMeta, actor: UserSummary, at: string): PlanMeta {
  return { ...meta, updatedAt: at, updatedBy: actor, edits: (meta.edits ?? 0) + 1 };
}

async function editPlan(
  target: RunbookTarget,
  expectedRevision: number,
  edit: (steps: RunbookStep[], meta: PlanMeta) => { steps: RunbookStep[]; meta?: PlanMeta; action: string; summary: string; before?: unknown; after?: unknown } | undefined,
): Promise<RunbookView> {
  const { session, versionId, version } = target;
  requireReleaseManager(session, 'change the go-live runbook');
  const actor = await session.actor();
  const at = session.deps.clock.now().toISOString();
  const { state } = await updateSharded<PlanMeta, RunbookStep>(session.deps.store, planLayout(session.project.id, versionId), {
    initialMeta: () => ({}),
    idOf: (s) => s.id,
    guard: notRunningGuard(session, versionId),
    change: (current) => {
      if (!current.exists) throw new AppError('NOT_FOUND', `${version.name} has no runbook yet: create it from a template or an earlier release first.`);
      requireRevision(current, expectedRevision);
      const result = edit(current.items, current.meta);
      if (!result) return undefined;
      const nextMeta = stamped(result.meta ?? current.meta, actor, at);
      refuseProblems(planProblems(planOf({ ...current, meta: nextMeta, items: result.steps })), 'The change');
      return {
        meta: nextMeta,
        items: result.steps,
        audit: [auditOf(session, actor, at, { scope: versionId, versionId, versionName: version.name }, { action: result.action, summary: result.summary, before: result.before, after: result.after })],
      };
    },
  });
  return runbookView(target, { plan: state });
}

export async function createRunbook(deps: AppDeps, context: InvocationContext, payload: CreateRunbookPayload): Promise<RunbookView> {
  const target = await openRunbook(deps, context, payload.versionId, payload.from.type === 'copy' ? [payload.from.versionId] : []);
  const { session, versionId, version, releaseType } = target;
  requireReleaseManager(session, 'create the go-live runbook');
  let steps: RunbookStep[];
  let origin: PlanMeta['origin'];
  const goLiveStart = payload.goLiveStart;
  if (payload.from.type === 'copy') {
    const source = requireVersion(session, payload.from.versionId);
    if (String(source.id) === versionId) throw new AppError('VALIDATION', 'A runbook cannot be copied from its own release.', ['from.versionId: choose an earlier release.']);
    const earlier = await readPlan(deps.store, session.project.id, String(source.id));
    if (!earlier.exists) throw new AppError('NOT_FOUND', `${source.name} has no runbook to copy.`, ['from.versionId: that release has no runbook.']);
    ({ steps } = copyPlan(planOf(earlier), goLiveStart));
    origin = { type: 'copy', versionId: String(source.id), versionName: source.name };
  } else {
    const saved = await readPlan(deps.store, session.project.id, templateScope(releaseType));
    steps = saved.exists ? saved.items : defaultTemplate(releaseType);
    origin = { type: 'template' };
  }
  await requireKnownOwners(session, steps);
  const actor = await session.actor();
  const at = deps.clock.now().toISOString();
  const nextMeta: PlanMeta = { ...(goLiveStart ? { goLiveStart } : {}), origin, updatedAt: at, updatedBy: actor };
  refuseProblems(planProblems(planOf({ rev: 0, exists: true, meta: nextMeta, items: steps })), 'The runbook');
  const { state } = await updateSharded<PlanMeta, RunbookStep>(deps.store, planLayout(session.project.id, versionId), {
    initialMeta: () => ({}),
    idOf: (s) => s.id,
    guard: notRunningGuard(session, versionId),
    change: (current) => {
      if (current.exists) throw new AppError('CONFLICT', `${version.name} already has a runbook${current.meta.updatedBy ? `, last changed by ${current.meta.updatedBy.displayName}` : ''}.`);
      return {
        meta: nextMeta,
        items: steps,
        audit: [
          auditOf(session, actor, at, { scope: versionId, versionId, versionName: version.name }, {
            action: 'runbook.created',
            summary: `Created the runbook with ${steps.length} steps ${origin?.type === 'copy' ? `copied from ${origin.versionName}` : `from the ${releaseType} template`}.`,
            after: { steps: steps.length, goLiveStart: goLiveStart ?? null },
          }),
        ],
      };
    },
  });
  return runbookView(target, { plan: state });
}

export async function saveRunbookStep(deps: AppDeps, context: InvocationContext, payload: SaveRunbookStepPayload): Promise<RunbookView> {
  const target = await openRunbook(deps, context, payload.versionId);
  requireReleaseManager(target.session, 'change the go-live runbook');
  await requireKnownOwners(target.session, [payload.step]);
  const step = { ...payload.step, title: payload.step.title.trim(), description: payload.step.description.trim() };
  return editPlan(target, payload.planRevision, (steps) => {
    const index = steps.findIndex((s) => s.id === step.id);
    const before = index >= 0 ? steps[index] : undefined;
    const rest = steps.filter((s) => s.id !== step.id);
    let at = index >= 0 ? index : rest.length;
    if (payload.after === null) at = 0;
    else if (payload.after !== undefined) {
      const anchor = rest.findIndex((s) => s.id === payload.after);
      if (anchor < 0) throw new AppError('VALIDATION', 'The step was not saved.', [`after: the runbook has no step “${payload.after}”.`]);
      at = anchor + 1;
    }
    const next = [...rest.slice(0, at), step, ...rest.slice(at)];
    if (before && JSON.stringify(next) === JSON.stringify(steps)) return undefined;
    return {
      steps: next,
      action: before ? 'step.updated' : 'step.added',
      summary: `${before ? 'Changed' : 'Added'} step “${step.title}”.`,
      ...(before ? { before } : {}),
      after: step,
    };
  });
}

export async function removeRunbookStep(deps: AppDeps, context: InvocationContext, payload: RemoveRunbookStepPayload): Promise<RunbookView> {
  const target = await openRunbook(deps, context, payload.versionId);
  return editPlan(target, payload.planRevision, (steps) => {
    const step = steps.find((s) => s.id === payload.stepId);
    if (!step) throw new AppError('NOT_FOUND', `The runbook has no step “${payload.stepId}”.`);
    const waiting = steps.filter((s) => s.dependsOn.includes(step.id));
    if (waiting.length) {
      throw new AppError('VALIDATION', `“${step.title}” was not removed: ${waiting.map((s) => `“${s.title}”`).join(', ')} ${waiting.length === 1 ? 'depends' : 'depend'} on it.`, [
        'stepId: remove the dependency first.',
      ]);
    }
    return { steps: steps.filter((s) => s.id !== step.id), action: 'step.removed', summary: `Removed step “${step.title}”.`, before: step };
  });
}

export async function setGoLiveStart(deps: AppDeps, context: InvocationContext, payload: SetGoLiveStartPayload): Promise<RunbookView> {
  const target = await openRunbook(deps, context, payload.versionId);
  return editPlan(target, payload.planRevision, (steps, current) => {
    const next = payload.goLiveStart ?? undefined;
    if (next === current.goLiveStart) return undefined;
    const { goLiveStart: _old, ...rest } = current;
    return {
      steps,
      meta: next ? { ...rest, goLiveStart: next } : rest,
      action: 'runbook.go-live-start',
      summary: next ? `Set the go-live start to ${next}.` : 'Cleared the go-live start.',
      before: { goLiveStart: current.goLiveStart ?? null },
      after: { goLiveStart: next ?? null },
    };
  });
}
