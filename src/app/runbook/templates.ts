import type { ReleaseType } from '../../contract-go-no-go';
import type { RunbookAuditView, RunbookStep, RunbookTemplateView, RunbookVersionPayload, SaveRunbookTemplatePayload } from '../../contract-runbook';
import { defaultTemplate } from '../../domain/runbook/templates';
import { planProblems } from '../../domain/runbook/validate';
import { listAudit } from '../../store/go-no-go-store';
import { keys } from '../../store/keys';
import { type PlanMeta, planLayout, runLayout, templateScope } from '../../store/runbook-store';
import { flushShardedOutboxes, updateSharded } from '../../store/sharded-list';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { type BoardSession, openSession, requireVersion } from '../go-no-go/session';
import { refuseProblems, requireKnownOwners, requireRevision } from './plan-edits';
import { auditOf, requireReleaseManager } from './session';
import { type PlanState, readPlan } from './view';

/** Release types' runbook templates (Release settings), and the runbook's audit log. */

export const AUDIT_VIEW_LIMIT = 500;

async function templateView(session: BoardSession, releaseType: ReleaseType, state: PlanState): Promise<RunbookTemplateView> {
  const steps = state.exists ? state.items : defaultTemplate(releaseType);
  const named = [...new Set(steps.flatMap((s) => [...(s.owner?.type === 'user' ? [s.owner.accountId] : []), ...(s.approvers ?? [])]))];
  const users = named.length ? await session.jira.usersByIds(named) : [];
  return {
    project: session.project,
    releaseType,
    saved: state.exists,
    planRevision: state.rev,
    steps,
    problems: planProblems({ steps }, { template: true }),
    canEdit: session.isReleaseManager,
    users: users.map((u) => ({ accountId: u.accountId, displayName: u.displayName })),
  };
}

export async function getRunbookTemplate(deps: AppDeps, context: InvocationContext, payload: { releaseType: ReleaseType }): Promise<RunbookTemplateView> {
  const session = await openSession(deps, context, { versions: false });
  return templateView(session, payload.releaseType, await readPlan(deps.store, session.project.id, templateScope(payload.releaseType)));
}

export async function saveRunbookTemplate(deps: AppDeps, context: InvocationContext, payload: SaveRunbookTemplatePayload): Promise<RunbookTemplateView> {
  const session = await openSession(deps, context, { versions: false });
  requireReleaseManager(session, "change the release types' runbook templates");
  const steps: RunbookStep[] = payload.steps.map((s) => ({ ...s, title: s.title.trim(), description: s.description.trim() }));
  refuseProblems(planProblems({ steps }, { template: true }), 'The template');
  await requireKnownOwners(session, steps);
  const actor = await session.actor();
  const at = deps.clock.now().toISOString();
  const scope = templateScope(payload.releaseType);
  const { state } = await updateSharded<PlanMeta, RunbookStep>(deps.store, planLayout(session.project.id, scope), {
    initialMeta: () => ({}),
    idOf: (s) => s.id,
    change: (current) => {
      requireRevision(current, payload.planRevision);
      return {
        meta: { updatedAt: at, updatedBy: actor, edits: (current.meta.edits ?? 0) + 1 },
        items: steps,
        audit: [
          auditOf(session, actor, at, { scope, versionId: '', versionName: '' }, {
            action: 'template.saved',
            summary: `Saved the ${payload.releaseType} runbook template (${steps.length} steps).`,
            after: { steps: steps.length },
          }),
        ],
      };
    },
  });
  return templateView(session, payload.releaseType, state);
}

/** Every change of a release's runbook and its run, oldest first. */
export async function getRunbookAudit(deps: AppDeps, context: InvocationContext, payload: RunbookVersionPayload): Promise<RunbookAuditView> {
  const session = await openSession(deps, context);
  const version = requireVersion(session, payload.versionId);
  const projectId = session.project.id;
  const versionId = String(version.id);
  // Entries still waiting in an outbox (a write that could not copy them) are copied first.
  await Promise.all([flushShardedOutboxes(deps.store, planLayout(projectId, versionId)), flushShardedOutboxes(deps.store, runLayout(projectId, versionId))]);
  const { entries, truncated } = await listAudit(deps.store, keys.runbookAuditPrefix(projectId, versionId), AUDIT_VIEW_LIMIT);
  return { versionId, entries, truncated };
}
