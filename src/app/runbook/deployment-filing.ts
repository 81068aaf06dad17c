import type { RunbookPlan } from '../../contract-runbook';
import { deploymentEventSchema } from '../../domain/deployments/deployment-event';
import { runDeploymentEvents } from '../../domain/runbook/deployments';
import type { RunRecord } from '../../domain/runbook/run';
import { storeDeploymentEvent } from '../ingest-deployment';
import { readSettings } from '../kpi-data';
import { readInventory } from '../release-plan/documents';
import type { RunbookTarget } from './session';

/**
 * Files the deployments a go-live run's record calls for (src/domain/runbook/deployments.ts)
 * through the path every deployment event takes (`storeDeploymentEvent`, as the web trigger
 * does): stored once per id, filed for the release calendar and the KPIs. Idempotent: filing the
 * same record again stores nothing new and repairs a filing cut short.
 */
export async function fileRunDeployments(target: RunbookTarget, plan: RunbookPlan, run: RunRecord | undefined): Promise<number> {
  if (!run) return 0;
  const { session, versionId, version } = target;
  const { deps } = session;
  const [settings, inventory] = await Promise.all([readSettings(deps.store), readInventory(deps.store)]);
  const events = runDeploymentEvents(plan, run, { projectKey: session.project.key, versionId, versionName: version.name }, { names: settings.productionEnvironments, inventory: inventory.environments });
  for (const event of events) {
    const outcome = await storeDeploymentEvent(deps, deploymentEventSchema.parse(event), `Go-live runbook of ${version.name}`);
    // A pipeline already reported this id with other details: keep its report.
    if (outcome.kind === 'conflict') deps.log.warn('go-live deployment not filed', { deploymentId: event.deploymentId, reason: outcome.reason });
  }
  return events.length;
}
