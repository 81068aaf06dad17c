/**
 * Who changed a recorded deployment, and how: a status update from CI, a correction or a deletion
 * by an admin. Entries are create-once keys sortable by time, so a KPI figure that moved can be
 * traced to the change that moved it.
 */
import type { StoredDeployment } from '../domain/deployments/deployment-event';
import { keys } from '../store/keys';
import type { AppDeps } from './deps';

export interface DeploymentAuditEntry {
  action: 'updated' | 'corrected' | 'deleted';
  deploymentId: string;
  /** An account id, or "CI/CD (web trigger)". */
  by: string;
  at: string;
  before?: StoredDeployment;
  after?: StoredDeployment;
}

let sequence = 0;

export async function auditDeployment(deps: Pick<AppDeps, 'store' | 'clock'>, entry: Omit<DeploymentAuditEntry, 'at'>): Promise<void> {
  const at = deps.clock.now();
  // Compact UTC stamp first, so a prefix query lists entries oldest first.
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  sequence = (sequence + 1) % 1_000_000;
  const id = `${entry.deploymentId.slice(0, 80)}.${String(sequence).padStart(6, '0')}`;
  await deps.store.setIfAbsent(keys.deploymentAudit(stamp, id), { ...entry, at: at.toISOString() });
}
