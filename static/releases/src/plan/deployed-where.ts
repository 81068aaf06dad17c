/**
 * "What is deployed where": versions x environments from the recorded deployments, the view Jira's
 * deployments panel and environment apps give. Pure: unit tested in test/static/deployed-where.test.ts.
 */
import type { DeploymentStatus, PlanDeployment, PlanEnvironment } from '../../../../src/contract';

export interface DeployedCell {
  /** The latest deployment of the version to the environment (any outcome). */
  status: DeploymentStatus;
  at: string;
  /** True when this version is what the environment runs now: its latest successful deployment. */
  current: boolean;
}

export interface DeployedRow {
  /** `${projectKey}/${versionId}`, or the version name for deployments without a Jira version id. */
  key: string;
  name: string;
  cells: Record<string, DeployedCell | undefined>;
  /** When the version was last deployed anywhere, for the newest-first order. */
  lastAt: string;
}

export interface DeployedWhere {
  environments: PlanEnvironment[];
  rows: DeployedRow[];
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Only deployments up to `now` and mapped to an inventory environment count; environments in the
 * promotion order (DEV first, PROD last); versions most recently deployed first.
 */
export function deployedWhere(deployments: readonly PlanDeployment[], environments: readonly PlanEnvironment[], tierOrder: readonly string[], now: number): DeployedWhere {
  const known = new Set(environments.map((e) => e.id));
  const past = deployments.filter((d) => d.environmentId && known.has(d.environmentId) && Date.parse(d.at) <= now).sort((a, b) => a.at.localeCompare(b.at));
  const currentByEnvironment = new Map<string, string>();
  const rows = new Map<string, DeployedRow>();
  for (const d of past) {
    const environmentId = d.environmentId as string;
    const key = d.versionId ? `${d.projectKey}/${d.versionId}` : `${d.projectKey}/name:${d.versionName ?? 'build'}`;
    const row = rows.get(key) ?? { key, name: d.versionName ?? 'Build without a version', cells: {}, lastAt: d.at };
    row.cells[environmentId] = { status: d.status, at: d.at, current: false };
    row.lastAt = d.at;
    rows.set(key, row);
    if (d.status === 'successful') currentByEnvironment.set(environmentId, key);
  }
  for (const [environmentId, key] of currentByEnvironment) {
    const cell = rows.get(key)?.cells[environmentId];
    if (cell) cell.current = true;
  }
  const rank = (tier: string) => {
    const i = tierOrder.indexOf(tier);
    return i === -1 ? tierOrder.length : i;
  };
  return {
    environments: [...environments].sort((a, b) => rank(a.tier) - rank(b.tier) || collator.compare(a.name, b.name)),
    rows: [...rows.values()].sort((a, b) => b.lastAt.localeCompare(a.lastAt) || collator.compare(b.name, a.name)),
  };
}
