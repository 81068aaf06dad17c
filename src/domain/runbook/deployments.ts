import type { RunbookPlan, RunbookStep } from '../../contract-runbook';
import type { DeploymentEvent } from '../deployments/deployment-event';
import { type RunRecord, activeSteps, runStatus } from './run';

/**
 * What a go-live run tells the delivery KPIs, as a pipeline would through the deployment web
 * trigger (docs/deployments.md): each completed deployment step on a production environment is one
 * successful production deployment, and a run that ends rolled back after one is a rollback event
 * (`isRollback`), which DORA counts as a failed change of the deployment before it, recovered when
 * the rollback ended (docs/kpi-definitions.md: change failure rate, `rollback` signal). Ids come
 * from the release (the run's id: one run per release) and the step, so a completion reported twice,
 * a retried request or a restarted page files the same event, stored once.
 */

export interface ProductionEnvironments {
  /** The KPI setting *Production environments* (default production, prod, prd, live). */
  names: readonly string[];
  /** The environment inventory, in its order. */
  inventory: ReadonlyArray<{ name: string; tier: string }>;
}

export interface RunRelease {
  projectKey: string;
  versionId: string;
  versionName: string;
}

const PRODUCTION_TIER = 'PROD';
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The production environment a deployment step deploys to, classified as the KPIs classify
 * deployments (a production name, or an inventory environment of the production tier); undefined
 * when it deploys elsewhere (staging). A step naming no environment deploys to the first
 * production-tier environment of the inventory, or to the first production name.
 */
export function productionEnvironmentOf(step: Pick<RunbookStep, 'environment'>, production: ProductionEnvironments): string | undefined {
  const named = step.environment?.trim();
  if (!named) return production.inventory.find((e) => e.tier === PRODUCTION_TIER)?.name ?? production.names[0] ?? 'production';
  if (production.names.some((n) => same(n, named))) return named;
  return production.inventory.some((e) => e.tier === PRODUCTION_TIER && same(e.name, named)) ? named : undefined;
}

export const runDeploymentId = (versionId: string, stepId: string): string => `golive-${versionId}-${stepId}`;
/** A dot cannot appear in a step id, so this never meets a step's id. */
export const runRollbackId = (versionId: string): string => `golive-${versionId}.rollback`;

/** The deployment events the run's record calls for, in the order they happened. */
export function runDeploymentEvents(plan: RunbookPlan, run: RunRecord, release: RunRelease, production: ProductionEnvironments): DeploymentEvent[] {
  const base = { status: 'successful' as const, projectKey: release.projectKey, version: release.versionName };
  // Rollback steps are of kind rollback, never deployment: only forward steps deploy.
  const deployments: DeploymentEvent[] = plan.steps.flatMap((step) => {
    const state = run.states[step.id];
    const environment = step.kind === 'deployment' ? productionEnvironmentOf(step, production) : undefined;
    if (!environment || state?.status !== 'completed' || !state.endedAt) return [];
    return [{ ...base, deploymentId: runDeploymentId(release.versionId, step.id), environment, deployedAt: state.endedAt, pipeline: { name: `Go-live runbook: ${step.title}`.slice(0, 200) } }];
  });
  const last = deployments[deployments.length - 1];
  if (!last || runStatus(plan, run) !== 'rolled-back') return deployments;
  // Production is back on the previous release when the last rollback step ended.
  // Instants as the clock writes them (ISO, UTC) sort as text.
  const ends = [run.header.rollback?.at, ...activeSteps(plan, 'rollback').map((s) => run.states[s.id]?.endedAt)].filter((at): at is string => !!at).sort();
  const restoredAt = ends[ends.length - 1] ?? last.deployedAt;
  return [...deployments, { ...base, deploymentId: runRollbackId(release.versionId), environment: last.environment, deployedAt: restoredAt, isRollback: true, pipeline: { name: 'Go-live runbook: rollback' } }];
}
