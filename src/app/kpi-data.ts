/**
 * Loads what the KPI engine reads from the store (never from Jira: the sync keeps the facts) and
 * computes a project's report. Used by the resolvers, the weekly pages, the CLI and the benchmark,
 * so they all give the same numbers.
 *
 * Store reads per computation: settings, sync state, version history, snapshots, the inventory
 * (5 documents), the fact parts (one or two per month of the horizon: ~15–30), the deployment
 * index (one per month of the window and trend range: ~7) and the release calendar's deployment
 * shards (one per quarter: ~3, for deployments recorded by hand).
 */
import type { IndexDoc } from '../store/go-no-go-store';
import { type CalendarDate } from '../domain/calendar/calendar-date';
import { monthsBetween } from '../domain/deployments/deployment-index';
import { type Computed, FactFold } from '../domain/kpis/fact-digest';
import { decodeFact } from '../domain/kpis/facts';
import { type KpiDeploymentEvent, type KpiSources, type KpiVersion, prepare } from '../domain/kpis/model';
import { type KpiReport, type KpiSnapshot, completeSnapshots, kpiInstants, reportFrom, snapshotInstant, snapshotOf, trendWeekEnds, weekEndOf } from '../domain/kpis/report';
import { type KpiSettings, readKpiSettings } from '../domain/kpis/settings';
import type { ProjectVersionHistory } from '../domain/versions/version-history';
import type { KeyValueStore } from '../ports';
import { keys } from '../store/keys';
import { updateVersioned } from '../store/versioned-update';
import { readDeploymentIndex } from './deployment-index';
import { forEachFactPart } from './kpi-fact-store';
import { type KpiSyncDoc, readSyncDoc, readableFacts } from './kpi-sync';
import { readDeployments, readInventory } from './release-plan/documents';
import { markKpiInputsChanged } from './kpi-inputs-mark';

/** Weeks a trend shows. */
export const TREND_WEEKS = 12;
/** Snapshots kept per project (two years of weeks). */
export const MAX_SNAPSHOTS = 104;

export interface ProjectRef {
  id: string;
  key: string;
  name: string;
  /** The project's release time zone: the KPI days' zone unless the settings name another. */
  timeZone?: string;
}

export interface LoadedKpis {
  input: KpiSources;
  /** Facts folded for reports at `now` and at each trend week's Monday (`kpiInstants`). */
  prepared: Computed;
  sync: KpiSyncDoc | undefined;
  snapshots: KpiSnapshot[];
  settings: KpiSettings;
}

/**
 * The site's KPI settings as stored and the revision a save must name. A versioned document since
 * saves check revisions; a site that saved before that still has them as a plain key of the same
 * name, read as revision 0 until the next save replaces it.
 */
export async function readStoredKpiSettings(store: KeyValueStore): Promise<{ stored: unknown; revision: number }> {
  const doc = await store.getVersioned<unknown>(keys.kpiSettings());
  return doc ? { stored: doc.value, revision: doc.rev } : { stored: await store.get(keys.kpiSettings()), revision: 0 };
}

/** The site's KPI settings; `project` as the zone becomes `projectZone` (UTC when not given). */
export async function readSettings(store: KeyValueStore, projectZone?: string): Promise<KpiSettings> {
  return readKpiSettings((await readStoredKpiSettings(store)).stored, projectZone);
}

export function versionsFromHistory(history: ProjectVersionHistory | undefined): KpiVersion[] {
  return Object.values(history?.versions ?? {}).map((v) => {
    const last = v.records[v.records.length - 1];
    const version: KpiVersion = { id: v.versionId, name: v.name, released: last?.released === true, history: v.records };
    if (last?.startDate) version.startDate = last.startDate;
    if (last?.releaseDate) version.releaseDate = last.releaseDate;
    return version;
  });
}

/** Everything one project's KPIs are computed from, as stored. */
export async function loadKpis(store: KeyValueStore, project: ProjectRef, now: Date): Promise<LoadedKpis> {
  const settings = await readSettings(store, project.timeZone);
  const [sync, history, snapshots, inventory] = await Promise.all([
    readSyncDoc({ store }, project.id),
    store.getVersioned<ProjectVersionHistory>(keys.versionHistory(project.id)),
    store.getVersioned<{ weeks: KpiSnapshot[] }>(keys.kpiSnapshots(project.id)),
    readInventory(store).catch(() => ({ environments: [] as Array<{ name: string; tier: string }> })),
  ]);
  // Releases decided as hotfix or emergency on the Go/No-Go board: explicit hotfix signals.
  const decided = await store.getVersioned<IndexDoc>(keys.goNoGoIndex(project.id));
  const hotfixVersionIds = Object.entries(decided?.value.releases ?? {})
    .filter(([, entry]) => entry.value === 'GO' && (entry.releaseType === 'hotfix' || entry.releaseType === 'emergency'))
    .map(([versionId]) => versionId);
  // A full re-sync under way is not read: its generation is incomplete until it switches.
  const readable = sync ? readableFacts(sync) : undefined;
  // Deployments from before the oldest trend window, to now.
  const from = now.getTime() - (settings.windowDays + 7 * TREND_WEEKS + 31) * 86_400_000;
  const indexed = await readDeploymentIndex(store, project.key, monthsBetween(from, now.getTime()));
  const deployments: KpiDeploymentEvent[] = indexed.map((d) => ({
    id: d.id,
    environment: d.env,
    status: d.status,
    at: d.at,
    ...(d.version ? { version: d.version } : {}),
    ...(d.issueKeys ? { issueKeys: d.issueKeys } : {}),
    ...(d.rollback ? { isRollback: true } : {}),
    ...(d.hotfix ? { isHotfix: true } : {}),
    ...(d.commits ? { commits: d.commits.map(([sha, committedAt]) => ({ sha, committedAt })) } : {}),
    ...(d.url ? { url: d.url } : {}),
  }));
  // Deployments recorded by hand in the release calendar are not web-trigger events: add them.
  const seen = new Set(deployments.map((d) => d.id));
  const manual = await readDeployments(store, [project.key], from, now.getTime() + 1).catch(() => []);
  for (const d of manual) {
    if (d.source !== 'manual' || seen.has(d.id)) continue;
    deployments.push({ id: d.id, environment: d.environmentName, status: d.status, at: d.at, ...(d.versionName ? { version: d.versionName } : {}) });
  }
  const input: KpiSources = {
    project,
    settings,
    dictionaries: readable?.dictionaries ?? { issueTypes: {}, resolutions: {} },
    versions: versionsFromHistory(history?.value),
    deployments,
    inventoryProductionEnvironments: inventory.environments.filter((e) => e.tier === 'PROD').map((e) => e.name),
    ...(readable ? { horizon: readable.horizon } : {}),
    ...(hotfixVersionIds.length ? { hotfixVersionIds } : {}),
    deploymentsSince: new Date(Date.UTC(new Date(from).getUTCFullYear(), new Date(from).getUTCMonth(), 1)).toISOString(),
  };
  // Each fact is folded as its part is decoded and then dropped: a project's facts are never held
  // together (150,000 decoded facts took ~490 MB of a Forge function's 512), only what the figures
  // of these reports read (fact-digest.ts).
  const instants = kpiInstants(now, settings.timeZone, TREND_WEEKS);
  const fold = new FactFold(prepare(input), instants.reports, instants.trend);
  await forEachFactPart(store, project.id, readable?.months ?? [], readable?.generation ?? 0, (tuples) => {
    for (const tuple of tuples) fold.add(decodeFact(tuple));
  });
  return { input, prepared: fold.result(), sync, snapshots: snapshots?.value.weeks ?? [], settings };
}

export interface ComputedKpis extends LoadedKpis {
  report: KpiReport;
  /** One per trend week, oldest first: stored where the weekly run kept one, else recomputed. */
  trend: KpiSnapshot[];
}

export async function computeProjectKpis(store: KeyValueStore, project: ProjectRef, now: Date): Promise<ComputedKpis> {
  const loaded = await loadKpis(store, project, now);
  const report = reportFrom(loaded.prepared, now);
  const trend = completeSnapshots(loaded.prepared, trendWeekEnds(now, loaded.settings.timeZone, TREND_WEEKS), loaded.snapshots, now);
  return { ...loaded, report, trend };
}

/**
 * The weekly snapshot: the report as of the start of this week's Monday (a whole-week window), kept
 * so trends show what was reported at the time. A second run in the same week replaces it.
 */
export async function storeWeeklySnapshot(store: KeyValueStore, loaded: LoadedKpis, now: Date): Promise<{ snapshot: KpiSnapshot; report: KpiReport }> {
  const weekEnd: CalendarDate = weekEndOf(now, loaded.settings.timeZone);
  const report = reportFrom(loaded.prepared, snapshotInstant(weekEnd, loaded.settings.timeZone));
  const snapshot = snapshotOf(report, weekEnd, 'weekly-run', now, loaded.settings.windowDays);
  await updateVersioned<{ weeks: KpiSnapshot[] }>(store, keys.kpiSnapshots(loaded.input.project.id), () => ({ weeks: [] }), (doc) => {
    const weeks = [...doc.weeks.filter((w) => w.weekEnd !== weekEnd), snapshot].sort((a, b) => a.weekEnd.localeCompare(b.weekEnd)).slice(-MAX_SNAPSHOTS);
    return { weeks };
  });
  await markKpiInputsChanged(store, { projectId: loaded.input.project.id });
  return { snapshot, report };
}
