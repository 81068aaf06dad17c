/**
 * Recorded deployments for the KPIs page: project admins list what CI/CD reported for their project,
 * correct a wrong event (a test run marked production, a wrong time) or remove it; every change is
 * audited and re-filed, so the figures follow at once. A deployment of another project is refused
 * whatever id the payload names.
 */
import type { CorrectDeploymentPayload, RecordedDeployment, RecordedDeploymentsView } from '../contract-kpis';
import { type StoredDeployment, deploymentEventSchema } from '../domain/deployments/deployment-event';
import { monthsBetween, projectsOfDeployment } from '../domain/deployments/deployment-index';
import { implausibleDates } from '../domain/deployments/lifecycle';
import { AppError } from '../errors';
import { keys } from '../store/keys';
import { auditDeployment, type DeploymentAuditEntry } from './deployment-audit';
import { indexDeploymentForKpis, readDeploymentIndex } from './deployment-index';
import type { AppDeps } from './deps';
import { removeDeployment } from './ingest-deployment';
import { type InvocationContext, requireProject } from './invocation-context';
import { fileDeploymentEvent } from './release-plan/deployments';

const LISTED_MONTHS = 6;
const AUDIT_SHOWN = 20;

async function requireProjectAdmin(deps: AppDeps, context: InvocationContext): Promise<{ id: string; key: string }> {
  const project = requireProject(context);
  const granted = await deps.jiraAsUser(context.accountId).myPermissions(project.key, ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS']);
  if (!granted.BROWSE_PROJECTS || !granted.ADMINISTER_PROJECTS) {
    throw new AppError('FORBIDDEN', `You need the Administer Projects permission in ${project.key} to manage its recorded deployments.`);
  }
  return project;
}

/** The stored event, if it belongs to the project; NOT_FOUND otherwise (another project's is not revealed). */
async function ownDeployment(deps: AppDeps, projectKey: string, deploymentId: string): Promise<StoredDeployment> {
  const stored = await deps.store.get<StoredDeployment>(keys.deployment(deploymentId));
  if (!stored || !projectsOfDeployment(stored).includes(projectKey)) throw new AppError('NOT_FOUND', `${projectKey} has no recorded deployment ${deploymentId}.`);
  return stored;
}

async function view(deps: AppDeps, projectKey: string): Promise<RecordedDeploymentsView> {
  const now = deps.clock.now().getTime();
  const months = monthsBetween(now - (LISTED_MONTHS - 1) * 31 * 86_400_000, now).reverse();
  const indexed = await readDeploymentIndex(deps.store, projectKey, months);
  const stored = await deps.store.batchGet<StoredDeployment>(indexed.map((d) => keys.deployment(d.id)));
  const deployments: RecordedDeployment[] = indexed
    .map((d) => {
      const record = stored.get(keys.deployment(d.id));
      return {
        deploymentId: d.id,
        environment: d.env,
        status: d.status,
        deployedAt: d.at,
        ...(d.version ? { version: d.version } : {}),
        issueCount: d.issueKeys?.length ?? 0,
        isRollback: d.rollback === true,
        isHotfix: d.hotfix === true,
        ...(record?.receivedAt ? { receivedAt: record.receivedAt } : {}),
      };
    })
    .reverse();
  const audit: RecordedDeploymentsView['audit'] = [];
  let cursor: string | undefined;
  const entries: DeploymentAuditEntry[] = [];
  do {
    const page = await deps.store.query<DeploymentAuditEntry>(keys.deploymentAuditPrefix(), { limit: 100, ...(cursor ? { cursor } : {}) });
    entries.push(...page.results.map((r) => r.value));
    cursor = page.nextCursor;
  } while (cursor && entries.length < 1_000);
  for (const e of entries.reverse()) {
    const record = e.after ?? e.before;
    if (record && projectsOfDeployment(record).includes(projectKey)) audit.push({ action: e.action, deploymentId: e.deploymentId, by: e.by, at: e.at });
    if (audit.length >= AUDIT_SHOWN) break;
  }
  return { projectKey, months, deployments, audit };
}

export async function listRecordedDeployments(deps: AppDeps, context: InvocationContext): Promise<RecordedDeploymentsView> {
  const project = await requireProjectAdmin(deps, context);
  return view(deps, project.key);
}

export async function correctRecordedDeployment(deps: AppDeps, context: InvocationContext, payload: CorrectDeploymentPayload): Promise<RecordedDeploymentsView> {
  const project = await requireProjectAdmin(deps, context);
  const before = await ownDeployment(deps, project.key, payload.deploymentId);
  const { deploymentId: _id, ...changes } = payload;
  const corrected = deploymentEventSchema.safeParse({ ...withoutReceived(before), ...changes, updatedAt: deps.clock.now().toISOString() });
  if (!corrected.success) throw new AppError('VALIDATION', 'The correction was not saved.', corrected.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const dates = implausibleDates(corrected.data, deps.clock.now().getTime());
  if (dates.length) throw new AppError('VALIDATION', 'The correction was not saved.', dates);
  const after: StoredDeployment = { ...corrected.data, receivedAt: before.receivedAt };
  await deps.store.set(keys.deployment(payload.deploymentId), after);
  await auditDeployment(deps, { action: 'corrected', deploymentId: payload.deploymentId, by: context.accountId, before, after });
  await fileDeploymentEvent(deps, after, before);
  await indexDeploymentForKpis(deps.store, after, before);
  return view(deps, project.key);
}

export async function deleteRecordedDeployment(deps: AppDeps, context: InvocationContext, payload: { deploymentId: string }): Promise<RecordedDeploymentsView> {
  const project = await requireProjectAdmin(deps, context);
  await ownDeployment(deps, project.key, payload.deploymentId);
  await removeDeployment(deps, payload.deploymentId, context.accountId);
  return view(deps, project.key);
}

function withoutReceived(stored: StoredDeployment) {
  const { receivedAt: _receivedAt, ...event } = stored;
  return event;
}
