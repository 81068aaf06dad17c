import type { RunbookPlan } from '../../contract-runbook';
import { deploymentEventSchema } from '../../domain/deployments/deployment-event';
import { runDeploymentEvents } from '../../domain/runbook/deployments';
import type { RunRecord } from '../../domain/runbook/run';
import type { AppDeps } from '../deps';
import { storeDeploymentEvent } from '../ingest-deployment';
import { readSettings } from '../kpi-data';
import { readInventory } from '../release-plan/documents';

/** The release a run belongs to, as its follow-up work (src/app/runbook/follow-up.ts) names it. */
export interface RunRelease {
  projectKey: string;
  versionId: string;
  versionName: string;
}

/**
 * Files the deployments a go-live run's record calls for (src/domain/runbook/deployments.ts)
 * through the path every deployment event takes (`storeDeploymentEvent`, as the web trigger
 * does): stored once per id, filed for the release calendar and the KPIs. Idempotent: filing the
 * same record again stores nothing new and repairs a filing cut short. A store failure throws, so
 * the run's follow-up stays due and is tried again.
 */
export async function fileRunDeployments(deps: AppDeps, release: RunRelease, plan: RunbookPlan, run: RunRecord | undefined): Promise<number> {
  if (!run) return 0;
  const { projectKey, versionId, versionName } = release;
  const [settings, inventory] = await Promise.all([readSettings(deps.store), readInventory(deps.store)]);
  const events = runDeploymentEvents(plan, run, { projectKey, versionId, versionName }, { names: settings.productionEnvironments, inventory: inventory.environments });
  for (const event of events) {
    const outcome = await storeDeploymentEvent(deps, deploymentEventSchema.parse(event), `Go-live runbook of ${versionName}`);
    // A pipeline already reported this id with other details: keep its report.
    if (outcome.kind === 'conflict') deps.log.warn('go-live deployment not filed', { deploymentId: event.deploymentId, reason: outcome.reason });
  }
  return events.length;
}
