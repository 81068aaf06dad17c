/**
 * Every storage key the app writes, in one place, so the layout is visible and keys are built
 * from validated parts only. Parts are restricted to Forge's key alphabet.
 */
const SAFE_PART = /^[a-zA-Z0-9._-]+$/;

function part(value: string | number): string {
  const text = String(value);
  if (!SAFE_PART.test(text)) throw new Error(`Storage key part "${text.slice(0, 40)}" has characters Forge keys do not allow.`);
  return text;
}

export const keys = {
  /** When a product's hourly quota was found empty: no calls until then. */
  quotaBlock: (product: 'jira' | 'confluence') => `quota:${part(product)}`,
  /** Web trigger HMAC secret for deployment events (per site). */
  deploymentSecret: () => 'settings:deployments:secret',
  /** One deployment event, keyed by its id so a replay is a no-op. */
  deployment: (deploymentId: string) => `deployment:${part(deploymentId)}`,
  deploymentPrefix: () => 'deployment:',
  /** Start and release date history of every version of a project (one shard per project). */
  versionHistory: (projectId: string) => `versionhist:${part(projectId)}`,
  /** Where weekly reports go: { spaceKey, parentPageId? }. */
  reportSettings: () => 'settings:reports',
  /** The last publication attempt of a project's status page, shown in settings. */
  reportOutcome: (projectKey: string) => `report:status:${part(projectKey)}`,
  /** Marker that a scheduled job ran for a period, so a duplicate run does nothing. */
  jobRun: (job: string, period: string) => `jobrun:${part(job)}:${part(period)}`,
} as const;
