/**
 * `npm run kpi -- --dataset <dir> --now <ISO date> [--json] [--project KEY] [--settings file.json]`
 *
 * Computes the KPI report from a data-set folder (docs/dataset-format.md) the way the app does:
 * the fake Jira serves the folder's `jira-dataset.json`, the app's sync reads it into an in-memory
 * store, its deployment events are filed as the web trigger files them, and the app's engine
 * computes the report. Same code, same numbers: anyone can check the figures on their own data.
 *
 * `npm run kpi -- --write-demo <dir> --now <ISO date>` writes a demo folder to start from.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { createAppDeps } from '../src/app/deps';
import { indexDeploymentForKpis } from '../src/app/deployment-index';
import { runJob } from '../src/app/jobs';
import { computeProjectKpis, readSettings } from '../src/app/kpi-data';
import { runKpiSync, syncStatusOf, readSyncDoc } from '../src/app/kpi-sync';
import { observationOf, recordVersionObservations } from '../src/app/version-tracking';
import { deploymentEventSchema, type StoredDeployment } from '../src/domain/deployments/deployment-event';
import { kpiSettingsSchema } from '../src/domain/kpis/settings';
import type { VersionObservation } from '../src/domain/versions/version-history';
import { keys } from '../src/store/keys';
import { createLocalTransports } from './compose';
import { DATASET_FILE_NAME, generateDemoDataset, saveDatasetFile, startFakeJira } from './fake-jira';
import { parseDataset } from './fake-jira/dataset';
import { demoDeployments } from './kpi-demo-deployments';
import { InMemoryKvStore } from './kv/in-memory-kv-store';
import { LocalWorkQueue } from './memory-queue';
import { clockFromEnvironment, systemClock } from '../src/app/clock';
import { countWithLabel } from '../src/domain/kpis/format';
import { DatasetError, datasetProblems, parseFile, readJsonFile } from './kpi-dataset-check';
import { projectsOfDeployment } from '../src/domain/deployments/deployment-index';
import type { JiraDataset } from './fake-jira/dataset';

export const DEPLOYMENTS_FILE_NAME = 'deployments.json';
export const VERSION_HISTORY_FILE_NAME = 'version-history.json';
export const SETTINGS_FILE_NAME = 'kpi-settings.json';

/** `version-history.json`: observations of version dates (what the app records from events). */
const historyFileSchema = z.array(
  z
    .object({
      versionId: z.string(),
      name: z.string().optional(),
      startDate: z.string().nullable().optional(),
      releaseDate: z.string().nullable().optional(),
      released: z.boolean(),
      observedAt: z.iso.datetime({ offset: true }),
      source: z.enum(['event', 'reconciliation']).optional(),
    })
    .strict(),
);

const quiet = { info: () => undefined, warn: () => undefined, error: (message: string, fields?: Record<string, unknown>) => console.error(message, fields ?? '') };

export interface KpiCliOptions {
  dataset: string;
  now: Date;
  project?: string;
  settingsFile?: string;
}

/** Runs the app's sync and engine over a data-set folder; the JSON the CLI prints. */
export async function computeDatasetKpis(options: KpiCliOptions) {
  const dir = resolve(options.dataset);
  const datasetPath = join(dir, DATASET_FILE_NAME);
  let dataset: JiraDataset;
  try {
    dataset = parseDataset(readJsonFile(datasetPath));
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(DATASET_FILE_NAME, [(error as Error).message]);
  }
  const inconsistent = datasetProblems(dataset);
  if (inconsistent.length) throw new DatasetError(DATASET_FILE_NAME, inconsistent);
  const store = new InMemoryKvStore();
  const settingsPath = options.settingsFile ?? (existsSync(join(dir, SETTINGS_FILE_NAME)) ? join(dir, SETTINGS_FILE_NAME) : undefined);
  if (settingsPath) await store.set(keys.kpiSettings(), parseFile(settingsPath, kpiSettingsSchema, readJsonFile(settingsPath)));

  const jira = await startFakeJira({ dataset, now: () => options.now });
  try {
    const queue = new LocalWorkQueue(quiet, { retryDelayMs: 1 });
    const deps = createAppDeps({
      transports: createLocalTransports({ mode: 'demo', jiraBaseUrl: jira.url, confluenceBaseUrl: 'http://127.0.0.1:9' }),
      store,
      queue,
      clock: { now: () => options.now },
      timing: { sleep: async () => undefined, random: () => 0.5 },
      log: quiet,
    });
    queue.attach((job) => runJob(deps, job));

    // Version date history, as the app would have recorded it from events (optional).
    const historyPath = join(dir, VERSION_HISTORY_FILE_NAME);
    if (existsSync(historyPath)) {
      const records = parseFile(historyPath, historyFileSchema, readJsonFile(historyPath));
      const unknown = records.map((r, i) => [r, i] as const).filter(([r]) => !dataset.versions.some((v) => v.id === r.versionId));
      if (unknown.length) throw new DatasetError(VERSION_HISTORY_FILE_NAME, unknown.map(([r, i]) => `[${i}]: version ${r.versionId} is not in ${DATASET_FILE_NAME}`));
      const byProject = new Map<string, VersionObservation[]>();
      for (const r of records.sort((a, b) => a.observedAt.localeCompare(b.observedAt))) {
        const version = dataset.versions.find((v) => v.id === r.versionId)!;
        const observation = observationOf({ id: r.versionId, name: r.name ?? version.name, startDate: r.startDate ?? undefined, releaseDate: r.releaseDate ?? undefined, released: r.released }, r.observedAt, r.source ?? 'event');
        byProject.set(version.projectId, [...(byProject.get(version.projectId) ?? []), observation]);
      }
      for (const [projectId, observations] of byProject) await recordVersionObservations(deps, projectId, observations);
    }

    // Deployment events, filed exactly as the web trigger files them (without the signature check).
    const deploymentsPath = join(dir, DEPLOYMENTS_FILE_NAME);
    let deployments = 0;
    if (existsSync(deploymentsPath)) {
      const events = parseFile(deploymentsPath, z.array(deploymentEventSchema), readJsonFile(deploymentsPath));
      const keysKnown = new Set(dataset.projects.map((p) => p.key));
      const strangers = events.flatMap((e, i) => projectsOfDeployment(e).filter((k) => !keysKnown.has(k)).map((k) => `[${i}] (${e.deploymentId}): project ${k} is not in ${DATASET_FILE_NAME}`));
      const twice = events.map((e) => e.deploymentId).filter((id, i, all) => all.indexOf(id) !== i);
      if (strangers.length || twice.length) throw new DatasetError(DEPLOYMENTS_FILE_NAME, [...strangers, ...[...new Set(twice)].map((id) => `the deploymentId ${id} is used twice`)]);
      for (const event of events) {
        const stored: StoredDeployment = { ...event, receivedAt: options.now.toISOString() };
        await store.setIfAbsent(keys.deployment(event.deploymentId), stored);
        await indexDeploymentForKpis(store, stored);
        deployments++;
      }
    }

    const projects = dataset.projects.filter((p) => !options.project || p.key === options.project);
    if (!projects.length) throw new Error(`The dataset has no project ${options.project}.`);
    const results = [];
    for (const project of projects) {
      jira.resetStats();
      await runKpiSync(deps, { projectId: project.id, projectKey: project.key });
      await queue.drain();
      const sync = await readSyncDoc(deps, project.id);
      const stats = jira.stats();
      const computed = await computeProjectKpis(store, { id: project.id, key: project.key, name: project.name, ...(dataset.siteTimeZone ? { timeZone: dataset.siteTimeZone } : {}) }, options.now);
      results.push({
        project: { id: project.id, key: project.key, name: project.name },
        window: computed.report.window,
        deploymentSource: computed.report.deploymentSource,
        deploymentSourceReason: computed.report.deploymentSourceReason,
        notes: computed.report.notes,
        figures: computed.report.figures,
        drilldowns: computed.report.drilldowns,
        trend: computed.trend,
        sync: { ...syncStatusOf(sync, options.now), jiraRequests: stats.requests, jiraPoints: stats.points },
      });
    }
    return { now: options.now.toISOString(), dataset: dir, deploymentEvents: deployments, settings: await readSettings(store), projects: results };
  } finally {
    await jira.close();
  }
}

function text(result: Awaited<ReturnType<typeof computeDatasetKpis>>): string {
  const lines: string[] = [];
  for (const p of result.projects) {
    lines.push(`${p.project.name} (${p.project.key}): ${p.window.days} days from ${p.window.from} to ${p.window.to} (exclusive), ${p.window.timeZone}`);
    lines.push(`  ${p.deploymentSourceReason}`);
    for (const f of p.figures) {
      const counts = `${countWithLabel(f.numerator.value, f.numerator.label)}${f.denominator ? ` / ${countWithLabel(f.denominator.value, f.denominator.label)}` : ''}`;
      lines.push(`  ${f.title.padEnd(32)} ${f.display.padEnd(22)} ${(f.band ? `${f.band.label} (${f.band.table})` : f.rag).padEnd(16)} ${counts}`);
      // The statistic's method and the figures beside it (p85, mean, slips), as the KPIs page shows them.
      const beside = [...(f.method ? [`${f.statistic}, ${f.method}`] : []), ...f.secondary.map((s) => `${s.label} ${s.display}`)];
      if (beside.length) lines.push(`  ${''.padEnd(32)} ${beside.join(' · ')}`);
    }
    lines.push(`  sync: ${p.sync.issuesStored} issues, ${p.sync.jiraRequests} Jira requests, ${p.sync.jiraPoints} points`);
  }
  return lines.join('\n');
}

function arg(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const nowText = arg(args, '--now');
  // A time without a zone would be read in this machine's zone: another instant on every machine.
  let now: Date;
  try {
    now = nowText === undefined ? systemClock.now() : clockFromEnvironment(nowText).now();
  } catch {
    throw new Error(`--now must be an ISO date and time with a zone, such as 2026-11-24T10:00:00Z (got "${nowText}"); without a zone it would mean another instant on every machine.`);
  }
  const demo = arg(args, '--write-demo');
  if (demo) {
    mkdirSync(demo, { recursive: true });
    const dataset = generateDemoDataset(now, 1);
    saveDatasetFile(join(demo, DATASET_FILE_NAME), dataset);
    writeFileSync(join(demo, DEPLOYMENTS_FILE_NAME), `${JSON.stringify(demoDeployments(dataset, { projectKey: 'SHOP' }), null, 1)}\n`);
    console.log(`Wrote ${join(demo, DATASET_FILE_NAME)} and ${join(demo, DEPLOYMENTS_FILE_NAME)}.`);
    return;
  }
  const dataset = arg(args, '--dataset');
  if (!dataset) throw new Error('Usage: npm run kpi -- --dataset <dir> --now <ISO date> [--json] [--project KEY] [--settings file.json]\n       npm run kpi -- --write-demo <dir> --now <ISO date>');
  const project = arg(args, '--project');
  const settingsFile = arg(args, '--settings');
  const result = await computeDatasetKpis({ dataset, now, ...(project ? { project } : {}), ...(settingsFile ? { settingsFile } : {}) });
  console.log(args.includes('--json') ? JSON.stringify(result, null, 2) : text(result));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
