/**
 * Deterministic CI/CD deployment events for a demo or synthetic dataset, in the web trigger's JSON
 * format (docs/deployments.md): the `deployments.json` of a KPI data-set folder. Each working day
 * with resolved issues gets a staging and a production deployment carrying the issues resolved
 * since the last one; now and then a production deployment fails or is rolled back.
 */
import type { DeploymentEvent } from '../src/domain/deployments/deployment-event';
import type { JiraDataset } from './fake-jira';
import { Prng } from './fake-jira/prng';

const DAY = 86_400_000;

export interface DemoDeploymentOptions {
  projectKey?: string;
  /** Days before the dataset's anchor to cover. */
  days?: number;
  seed?: number;
  /** Keep at most this many deployments (the most recent). */
  max?: number;
  /** Production deployments per working day (the day's resolved issues are split between them). */
  perDay?: number;
}

export function demoDeployments(dataset: JiraDataset, options: DemoDeploymentOptions = {}): DeploymentEvent[] {
  const { projectKey = dataset.projects[0]?.key ?? 'SHOP', days = 120, seed = 7, max = Number.POSITIVE_INFINITY, perDay = 1 } = options;
  const rng = new Prng(seed);
  const project = dataset.projects.find((p) => p.key === projectKey);
  if (!project) throw new Error(`The dataset has no project ${projectKey}.`);
  const anchor = Date.parse(`${dataset.anchor}T00:00:00Z`);
  const from = anchor - days * DAY;
  const versionName = new Map(dataset.versions.map((v) => [v.id, v.name]));
  const resolved = dataset.issues
    .filter((i) => i.projectId === project.id && i.resolutiondate && i.parentId === null)
    .map((i) => ({ key: i.key, at: Date.parse(i.resolutiondate as string), version: i.fixVersionIds[0] }))
    .filter((i) => i.at >= from && i.at < anchor)
    .sort((a, b) => a.at - b.at);

  const events: DeploymentEvent[] = [];
  let n = 0;
  let cursor = 0;
  for (let day = from; day < anchor; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let slot = 0; slot < perDay; slot++) {
      // Deployments through the working day: 16:00 for one a day, spread from 09:00 for several.
      const hour = perDay === 1 ? 16 : 9 + Math.floor((slot * 9) / perDay);
      const prodAt = day + hour * 3_600_000 + rng.int(0, perDay === 1 ? 90 : 50) * 60_000;
      const carried: typeof resolved = [];
      while (cursor < resolved.length && (resolved[cursor] as (typeof resolved)[number]).at < prodAt) carried.push(resolved[cursor++] as (typeof resolved)[number]);
      if (!carried.length) continue;
      n++;
      const counts = new Map<string, number>();
      for (const c of carried) if (c.version) counts.set(c.version, (counts.get(c.version) ?? 0) + 1);
      const top = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
      const id = `${projectKey.toLowerCase()}-run-${1000 + n}`;
      const base = {
        projectKey,
        ...(top ? { version: versionName.get(top) as string } : {}),
        issueKeys: carried.map((c) => c.key).slice(0, 500),
        pipeline: { name: 'deploy.yml', url: `https://ci.example.com/${projectKey.toLowerCase()}/runs/${1000 + n}` },
      };
      events.push({ deploymentId: `${id}-staging`, environment: 'staging', status: 'successful', deployedAt: new Date(prodAt - 2 * 3_600_000).toISOString(), ...base });
      const failed = rng.chance(0.06);
      events.push({ deploymentId: `${id}-prod`, environment: 'production', status: failed ? 'failed' : 'successful', deployedAt: new Date(prodAt).toISOString(), ...base });
      if (!failed && rng.chance(0.05)) {
        events.push({
          deploymentId: `${id}-rollback`,
          environment: 'production',
          status: 'successful',
          deployedAt: new Date(prodAt + rng.int(20, 40) * 60_000).toISOString(),
          projectKey,
          isRollback: true,
          pipeline: { name: 'rollback.yml' },
        });
      }
    }
  }
  return events.slice(-max);
}
