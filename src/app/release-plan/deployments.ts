/**
 * Deployments on the release calendar: the events CI/CD sends to the deployment web trigger (filed
 * per project and quarter as they arrive, so a view reads a few documents instead of scanning every
 * event), and deployments recorded by hand. Pipelines name environments freely; the calendar maps a
 * name to the inventory case-insensitively when it shows them.
 */
import type { DeploymentInput, PlanDeployment, PlanEnvironment } from '../../contract-release-plan';
import type { StoredDeployment } from '../../domain/deployments/deployment-event';
import { quarterOf } from '../../domain/release-plan/intervals';
import { validateDeployment } from '../../domain/release-plan/validate';
import { AppError } from '../../errors';
import { keys } from '../../store/keys';
import { updateVersioned } from '../../store/versioned-update';
import type { AppDeps } from '../deps';
import { type DeploymentsDoc, MAX_DEPLOYMENTS_PER_SHARD, emptyDeployments, newId } from './documents';
import type { PlanVersionFacts } from '../../domain/release-plan/plan-index';
import { markKpiInputsChanged } from '../kpi-inputs-mark';

function append(doc: DeploymentsDoc, deployment: PlanDeployment): DeploymentsDoc | undefined {
  const existing = doc.deployments.find((d) => d.id === deployment.id);
  if (existing && JSON.stringify(existing) === JSON.stringify(deployment)) return undefined;
  // A status update of the same id replaces the entry.
  const deployments = [...doc.deployments.filter((d) => d.id !== deployment.id), deployment].sort((a, b) => a.at.localeCompare(b.at));
  // A full quarter keeps its most recent events: the calendar is about what is current.
  return { deployments: deployments.slice(-MAX_DEPLOYMENTS_PER_SHARD) };
}

/**
 * Files a stored web-trigger event under its project and quarter. Idempotent (the id is checked),
 * so the web trigger calls it for replays too and an event whose filing failed once is filed later.
 */
export async function fileDeploymentEvent(deps: Pick<AppDeps, 'store'>, event: StoredDeployment, previous?: StoredDeployment): Promise<void> {
  if (previous) await unfileDeploymentEvent(deps, previous, event);
  if (!event.projectKey) return;
  const deployment: PlanDeployment = {
    id: event.deploymentId,
    projectKey: event.projectKey,
    environmentName: event.environment,
    status: event.status,
    at: new Date(event.deployedAt).toISOString(),
    source: 'ci',
    ...(event.version ? { versionName: event.version } : {}),
    ...(event.pipeline?.url ? { url: event.pipeline.url } : {}),
  };
  await updateVersioned(deps.store, keys.planDeployments(event.projectKey, quarterOf(Date.parse(deployment.at))), emptyDeployments, (doc) => append(doc, deployment));
}

/** Takes a web-trigger event off the calendar (deleted, or moved to another project or quarter by `next`). */
export async function unfileDeploymentEvent(deps: Pick<AppDeps, 'store'>, event: StoredDeployment, next?: StoredDeployment): Promise<void> {
  if (!event.projectKey) return;
  const quarter = quarterOf(Date.parse(event.deployedAt));
  if (next && next.projectKey === event.projectKey && quarterOf(Date.parse(next.deployedAt)) === quarter) return;
  await updateVersioned(deps.store, keys.planDeployments(event.projectKey, quarter), emptyDeployments, (doc) =>
    doc.deployments.some((d) => d.id === event.deploymentId) ? { deployments: doc.deployments.filter((d) => d.id !== event.deploymentId) } : undefined,
  );
  await markKpiInputsChanged(deps.store, { projectKey: event.projectKey });
}

/** Records a deployment someone made by hand (or one CI/CD did not report). */
export async function recordManualDeployment(
  deps: AppDeps,
  projectKey: string,
  accountId: string,
  input: DeploymentInput,
  facts: { environment?: PlanEnvironment; version?: PlanVersionFacts },
): Promise<PlanDeployment> {
  const now = deps.clock.now();
  const problems = validateDeployment(input, { ...facts, now: now.getTime() });
  if (problems.length) throw new AppError('VALIDATION', 'The deployment was not recorded.', problems);
  const environment = facts.environment as PlanEnvironment;
  const version = facts.version as PlanVersionFacts;
  const at = new Date(input.at).toISOString();
  const deployment: PlanDeployment = {
    id: newId('manual'),
    projectKey,
    versionId: version.id,
    versionName: version.name,
    environmentName: environment.name,
    environmentId: environment.id,
    status: input.status,
    at,
    source: 'manual',
    recordedBy: accountId,
    ...(input.note?.trim() ? { note: input.note.trim() } : {}),
  };
  // Also as a deployment event, so everything that counts deployments (KPIs) sees it.
  const event: StoredDeployment = {
    deploymentId: deployment.id,
    environment: environment.name,
    status: input.status,
    deployedAt: at,
    projectKey,
    version: version.name,
    pipeline: { name: 'Recorded by hand in the release calendar' },
    receivedAt: now.toISOString(),
  };
  await deps.store.setIfAbsent(keys.deployment(deployment.id), event);
  await updateVersioned(deps.store, keys.planDeployments(projectKey, quarterOf(Date.parse(at))), emptyDeployments, (doc) => append(doc, deployment));
  // The KPIs read deployments recorded by hand from the calendar.
  await markKpiInputsChanged(deps.store, { projectKey });
  return deployment;
}

/** Fills in the inventory environment and the version a deployment names, where they match. */
export function resolveDeployments(deployments: PlanDeployment[], environments: PlanEnvironment[], versions: PlanVersionFacts[]): PlanDeployment[] {
  const environmentByName = new Map(environments.map((e) => [e.name.trim().toLowerCase(), e.id]));
  const environmentIds = new Set(environments.map((e) => e.id));
  const versionByName = new Map(versions.map((v) => [`${v.projectKey}/${v.name.trim().toLowerCase()}`, v.id]));
  return deployments.map((d) => {
    const environmentId = d.environmentId && environmentIds.has(d.environmentId) ? d.environmentId : environmentByName.get(d.environmentName.trim().toLowerCase());
    const versionId = d.versionId ?? (d.versionName ? versionByName.get(`${d.projectKey}/${d.versionName.trim().toLowerCase()}`) : undefined);
    const resolved: PlanDeployment = { ...d };
    if (environmentId) resolved.environmentId = environmentId;
    else delete resolved.environmentId;
    if (versionId) resolved.versionId = versionId;
    return resolved;
  });
}
