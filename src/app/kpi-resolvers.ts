/**
 * The KPI page's resolvers: the report (figures, bands, trends, sync and publication status), one
 * figure's drill-down, the settings, the deployment secret and "Sync now". Reading needs Browse
 * Projects in the page's project; changing settings, rotating the secret and syncing need
 * Administer Projects there (the settings are per site: docs/kpi-definitions.md says why).
 */
import { z } from 'zod';
import { KPI_FIGURE_IDS, type KpiDrilldown, type KpiPublicationStatus, type KpiReportView, type KpiResolverContract, type KpiSettingsView, type KpiSyncStatus } from '../contract-kpis';
import { DEFAULT_KPI_SETTINGS, kpiSettingsSchema, storedKpiSettings } from '../domain/kpis/settings';
import { AppError, ConflictError } from '../errors';
import { keys } from '../store/keys';
import type { JiraClient } from '../integrations/jira/jira-client';
import type { AppDeps } from './deps';
import { deploymentSecretStatus, rotateDeploymentSecret } from './deployment-secret';
import type { InvocationContext } from './invocation-context';
import { requireProject } from './invocation-context';
import { readStoredKpiSettings } from './kpi-data';
import { readKpiDrilldown, readKpiView } from './kpi-view-store';
import { readSyncDoc, requestKpiSync, syncStatusOf } from './kpi-sync';
import { readInventory } from './release-plan/documents';
import { readJobOutcomes } from './scheduled-runs';
import { correctRecordedDeployment, deleteRecordedDeployment, listRecordedDeployments } from './recorded-deployments';

async function permissions(deps: AppDeps, context: InvocationContext): Promise<{ project: { id: string; key: string }; admin: boolean; jira: JiraClient }> {
  const project = requireProject(context);
  // One client per call: its quota gate reads the store once.
  const jira = deps.jiraAsUser(context.accountId);
  const granted = await jira.myPermissions(project.key, ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS']);
  if (!granted.BROWSE_PROJECTS) throw new AppError('FORBIDDEN', `You need the Browse Projects permission in ${project.key} to see its KPIs.`);
  return { project, admin: granted.ADMINISTER_PROJECTS, jira };
}

function requireAdmin(admin: boolean, projectKey: string, what: string): void {
  if (!admin) throw new AppError('FORBIDDEN', `You need the Administer Projects permission in ${projectKey} to ${what}.`);
}

export async function getKpiReport(deps: AppDeps, context: InvocationContext): Promise<KpiReportView> {
  const { project, admin, jira } = await permissions(deps, context);
  const jiraProject = await jira.getProject(project.key);
  const now = deps.clock.now();
  // The stored view while its inputs are unchanged (a few read units), else computed once and stored.
  const { view, sync } = await readKpiView(deps.store, { id: project.id, key: project.key, name: jiraProject.name, timeZone: deps.timeZone }, now);
  const publication = await deps.store.get<KpiPublicationStatus>(keys.kpiReportOutcome(project.key));
  return {
    project: { id: project.id, key: project.key, name: jiraProject.name },
    generatedAt: view.generatedAt,
    window: view.window,
    settings: view.settings,
    deploymentSource: view.deploymentSource,
    deploymentSourceReason: view.deploymentSourceReason,
    figures: view.figures,
    trends: view.trends,
    sync: syncStatusOf(sync, now),
    ...(publication ? { publication } : {}),
    canAdminister: admin,
    notes: view.notes,
  };
}

export async function getKpiDrilldown(deps: AppDeps, context: InvocationContext, payload: { figureId: KpiDrilldown['figureId'] }): Promise<KpiDrilldown> {
  const { project } = await permissions(deps, context);
  return readKpiDrilldown(deps.store, { id: project.id, key: project.key, name: project.key, timeZone: deps.timeZone }, deps.clock.now(), payload.figureId);
}

async function settingsView(deps: AppDeps, admin: boolean, projectId: string): Promise<KpiSettingsView> {
  const inventory = await readInventory(deps.store).catch(() => ({ environments: [] as Array<{ name: string; tier: string }> }));
  const { stored, revision } = await readStoredKpiSettings(deps.store);
  return {
    settings: storedKpiSettings(stored),
    revision,
    defaults: DEFAULT_KPI_SETTINGS,
    canEdit: admin,
    deploymentSecret: await deploymentSecretStatus(deps),
    inventoryProductionEnvironments: inventory.environments.filter((e) => e.tier === 'PROD').map((e) => e.name),
    scheduledRuns: await readJobOutcomes(deps),
    projectSync: syncStatusOf(await readSyncDoc(deps, projectId), deps.clock.now()),
  };
}

export async function getKpiSettings(deps: AppDeps, context: InvocationContext): Promise<KpiSettingsView> {
  const { project, admin } = await permissions(deps, context);
  return settingsView(deps, admin, project.id);
}

/** Site-wide: saved only over the revision the admin loaded, so a stale page never overwrites another admin's change. */
export async function saveKpiSettings(deps: AppDeps, context: InvocationContext, payload: { settings: z.infer<typeof kpiSettingsSchema>; revision: number }): Promise<KpiSettingsView> {
  const { project, admin } = await permissions(deps, context);
  requireAdmin(admin, project.key, 'change the KPI definitions');
  try {
    await deps.store.transact([{ kind: 'put', key: keys.kpiSettings(), value: payload.settings, expectRev: payload.revision }]);
  } catch (error) {
    if (error instanceof ConflictError) throw new ConflictError('Someone else saved the KPI definitions since you opened this page. Reload to see their change, then make yours again.');
    throw error;
  }
  // Saved before revisions were checked: the plain copy is replaced by the versioned document now.
  if (payload.revision === 0) await deps.store.delete(keys.kpiSettings());
  deps.log.info('kpi settings saved', { by: context.accountId, project: project.key });
  return settingsView(deps, admin, project.id);
}

export async function startKpiSync(deps: AppDeps, context: InvocationContext, payload: { full?: boolean | undefined }): Promise<KpiSyncStatus> {
  const { project, admin } = await permissions(deps, context);
  requireAdmin(admin, project.key, 'start a KPI sync');
  const status = await requestKpiSync(deps, { projectId: project.id, projectKey: project.key }, payload.full === true);
  return status.state === 'never' ? syncStatusOf(await readSyncDoc(deps, project.id), deps.clock.now()) : status;
}

type Contract = KpiResolverContract;
const deploymentId = z.string().regex(/^[A-Za-z0-9._-]{1,120}$/, 'a deployment id as CI/CD sent it');
interface Definition<N extends keyof Contract> {
  payload: z.ZodType<Contract[N]['payload']>;
  handle(deps: AppDeps, context: InvocationContext, payload: Contract[N]['payload']): Promise<Contract[N]['result']>;
}

const empty = z.object({}).strict() as z.ZodType<Record<string, never>>;

/** Spread into the resolver table (src/app/resolvers.ts). */
export const kpiResolvers: { [N in keyof Contract]: Definition<N> } = {
  getKpiReport: { payload: empty, handle: (deps, context) => getKpiReport(deps, context) },
  getKpiDrilldown: {
    payload: z.object({ figureId: z.enum(KPI_FIGURE_IDS as [KpiDrilldown['figureId'], ...KpiDrilldown['figureId'][]]) }).strict(),
    handle: getKpiDrilldown,
  },
  getKpiSettings: { payload: empty, handle: (deps, context) => getKpiSettings(deps, context) },
  saveKpiSettings: { payload: z.object({ settings: kpiSettingsSchema, revision: z.number().int().min(0) }).strict() as z.ZodType<Contract['saveKpiSettings']['payload']>, handle: saveKpiSettings },
  rotateDeploymentSecret: { payload: empty, handle: (deps, context) => rotateDeploymentSecret(deps, context) },
  startKpiSync: { payload: z.object({ full: z.boolean().optional() }).strict(), handle: startKpiSync },
  listRecordedDeployments: { payload: z.object({}).strict() as z.ZodType<Record<string, never>>, handle: listRecordedDeployments },
  correctRecordedDeployment: {
    payload: z
      .object({
        deploymentId,
        status: z.enum(['pending', 'in_progress', 'successful', 'failed', 'rolled_back', 'cancelled']).optional(),
        environment: z.string().trim().min(1).max(80).optional(),
        deployedAt: z.iso.datetime({ offset: true }).optional(),
        isRollback: z.boolean().optional(),
        isHotfix: z.boolean().optional(),
      })
      .strict(),
    handle: correctRecordedDeployment,
  },
  deleteRecordedDeployment: { payload: z.object({ deploymentId }).strict(), handle: deleteRecordedDeployment },
};
