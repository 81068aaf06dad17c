/**
 * The delivery KPIs' part of the UI/resolver contract. Types only (plus the name table), so the
 * front ends can import it without pulling backend code. Re-exported from src/contract.ts.
 *
 * Every figure carries what it was computed from (numerator, denominator, window, time zone, the
 * percentile method) and can be drilled down to the exact deployments, incidents, issues and
 * versions behind it: the definitions are in docs/kpi-definitions.md.
 */

export const KPI_RESOLVERS = {
  getKpiReport: 'getKpiReport',
  getKpiDrilldown: 'getKpiDrilldown',
  getKpiSettings: 'getKpiSettings',
  saveKpiSettings: 'saveKpiSettings',
  rotateDeploymentSecret: 'rotateDeploymentSecret',
  startKpiSync: 'startKpiSync',
  listRecordedDeployments: 'listRecordedDeployments',
  correctRecordedDeployment: 'correctRecordedDeployment',
  deleteRecordedDeployment: 'deleteRecordedDeployment',
} as const;

export type KpiFigureId =
  | 'deployment-frequency'
  | 'lead-time'
  | 'change-failure-rate'
  | 'recovery-time'
  | 'on-time-delivery'
  | 'readiness'
  | 'scope-change'
  | 'carry-over'
  | 'escaped-defects'
  | 'cycle-time'
  | 'throughput';

export const KPI_FIGURE_IDS: readonly KpiFigureId[] = [
  'deployment-frequency',
  'lead-time',
  'change-failure-rate',
  'recovery-time',
  'on-time-delivery',
  'readiness',
  'scope-change',
  'carry-over',
  'escaped-defects',
  'cycle-time',
  'throughput',
];

export type KpiDoraTable = '2021' | '2023';
export type KpiBandLevel = 'elite' | 'high' | 'medium' | 'low';

export interface KpiBand {
  table: KpiDoraTable;
  level: KpiBandLevel;
  /** "Elite", "High", … */
  label: string;
  /** The report's own wording for the level. */
  wording: string;
  /** The cut-off this app applies (see docs/kpi-definitions.md, "DORA bands"). */
  rule: string;
}

export type KpiUnit = 'per-day' | 'per-week' | 'hours' | 'days' | 'percent' | 'count' | 'per-release';
export type KpiRag = 'green' | 'amber' | 'red' | 'neutral';

export interface KpiCount {
  value: number;
  /** What was counted, e.g. "production deployments". */
  label: string;
}

export interface KpiWindow {
  /** First day in the window and the day after the last (yyyy-MM-dd, in `timeZone`). */
  from: string;
  to: string;
  days: number;
  timeZone: string;
}

export interface KpiFigure {
  id: KpiFigureId;
  group: 'dora' | 'release';
  title: string;
  /** Null when there is nothing to compute from (no deployments, no released versions, …). */
  value: number | null;
  unit: KpiUnit;
  /** The value as shown, e.g. "2.4 per week", "31.5 h", "12.5%". */
  display: string;
  /** e.g. "median", "share", "rate". */
  statistic: string;
  numerator: KpiCount;
  denominator: KpiCount | null;
  /** Present when a median or percentile was taken: the method, in words. */
  method?: string;
  /** Further statistics of the same population (p85, per day, median slip days, …). */
  secondary: Array<{ label: string; value: number | null; display: string }>;
  band?: KpiBand;
  rag: KpiRag;
  window: KpiWindow;
  /** One sentence: what the figure is. */
  definition: string;
  /** What was left out and why, with counts. */
  notes: string[];
  /** Rows in this figure's drill-down. */
  drilldownRows: number;
}

export type KpiCell = string | number | boolean | null;

export interface KpiColumn {
  key: string;
  label: string;
  /** How the UI shows a cell: issue keys and versions become links to Jira. */
  kind: 'issue' | 'issues' | 'version' | 'deployment' | 'time' | 'day' | 'number' | 'text' | 'flag';
}

export interface KpiDrilldown {
  figureId: KpiFigureId;
  title: string;
  columns: KpiColumn[];
  rows: Array<Record<string, KpiCell>>;
  /** Every issue key in the rows, for a Jira search link. */
  issueKeys: string[];
}

export interface KpiTrendPoint {
  /** The window's end (a Monday, yyyy-MM-dd): the week the snapshot stands for ends the day before. */
  weekEnd: string;
  value: number | null;
  /** Stored by the weekly run, or computed from the synced history because no snapshot was kept. */
  source: 'weekly-run' | 'recomputed';
}

export interface KpiTrend {
  figureId: KpiFigureId;
  title: string;
  unit: KpiUnit;
  points: KpiTrendPoint[];
}

export type KpiSyncState = 'never' | 'backfilling' | 'idle' | 'syncing' | 'waiting-quota' | 'rate-limited' | 'error';

export interface KpiSyncStatus {
  state: KpiSyncState;
  /** Backfill chunks (a month of created issues each, plus older issues still changing). */
  chunksDone: number;
  chunksTotal: number;
  /** Issues whose facts are stored. */
  issuesStored: number;
  /** Every change in Jira before this instant is in the stored facts. */
  syncedUpTo?: string;
  /** Issues created before this day are synced only if they changed since. */
  horizon?: string;
  lastRunAt?: string;
  retryAt?: string;
  error?: string;
  /** A full re-sync is building new facts: the figures shown are the previous complete sync's until it finishes. */
  rebuilding?: { chunksDone: number; chunksTotal: number; startedAt: string };
  /** Chunks whose job stopped without finishing (a crash, a time-out), 0 for a delta that did: "Sync now" or the daily run resumes them. */
  stalled?: { chunks: number; since: string };
}

export interface KpiPublicationStatus {
  at: string;
  ok: boolean;
  action?: 'created' | 'updated' | 'unchanged';
  pageId?: string;
  title?: string;
  error?: string;
}

/** The settings the UI edits (docs/kpi-definitions.md, "Settings"). */
export interface KpiSettingsValues {
  timeZone: string;
  windowDays: number;
  percentileMethod: 'interpolated' | 'nearest-rank' | 'lower';
  doraTable: KpiDoraTable;
  frequencyCounts: 'deployments' | 'deployment-days';
  deploymentSource: 'auto' | 'ci' | 'versions';
  productionEnvironments: string[];
  leadTimeStart: 'in-progress' | 'created';
  failureSignals: Array<'failed-status' | 'rollback' | 'hotfix' | 'incident'>;
  failureWindowHours: number;
  cfrNumerator: 'failed-deployments' | 'incidents';
  recoveryStart: 'detected' | 'deployment';
  recoveryEnd: 'incident-resolved' | 'fix-deployed';
  incidentIssueTypes: string[];
  bugIssueTypes: string[];
  hotfixVersionPattern: string;
  onTimeToleranceDays: number;
  escapedDefectDays: number;
  notDeliveredResolutions: string[];
  excludeSubtasks: boolean;
  /** Jira points per hour the site's KPI backfill may spend (a share of the app-wide hourly pool). */
  backfillPointsPerHour: number;
}

export interface KpiReportView {
  project: { id: string; key: string; name: string };
  generatedAt: string;
  window: KpiWindow;
  settings: KpiSettingsValues;
  deploymentSource: 'ci' | 'versions';
  /** Why this source: a CI feed with production deployments exists, or it does not. */
  deploymentSourceReason: string;
  figures: KpiFigure[];
  trends: KpiTrend[];
  sync: KpiSyncStatus;
  publication?: KpiPublicationStatus;
  /** May the viewer start a sync and change the settings (project admin). */
  canAdminister: boolean;
  notes: string[];
}

export type GetKpiReportPayload = Record<string, never>;
export interface GetKpiDrilldownPayload {
  figureId: KpiFigureId;
}

export interface DeploymentSecretStatus {
  configured: boolean;
  rotatedAt?: string;
  /** Replaced secrets still verify signatures (so pipelines can be updated); the last of them until then. */
  previousValidUntil?: string;
  /** How many replaced secrets are still accepted. */
  previousSecrets?: number;
  /** The web trigger's URL where the platform tells it. */
  webhookUrl?: string;
}

export interface KpiSettingsView {
  settings: KpiSettingsValues;
  /** Send it back on save: a save over someone else's newer one is refused (CONFLICT). */
  revision: number;
  defaults: KpiSettingsValues;
  canEdit: boolean;
  deploymentSecret: DeploymentSecretStatus;
  /** Inventory environments of the production tier, counted as production besides the names above. */
  inventoryProductionEnvironments: string[];
  /** The last outcome of each scheduled job that has run: failures say why and when they retry. */
  scheduledRuns: Array<{ job: 'daily-sync' | 'weekly-reports' | 'weekly-kpis'; at: string; ok: boolean; error?: string; retryAt?: string; attempt: number }>;
  /** Where this project's KPI fact sync stands (a stalled or failed sync shows here too). */
  projectSync?: KpiSyncStatus;
}

export interface SaveKpiSettingsPayload {
  settings: KpiSettingsValues;
  /** The revision the settings were loaded at (`KpiSettingsView.revision`). */
  revision: number;
}

/** The new secret is shown once; only its status is readable afterwards. */
export interface RotatedSecret {
  secret: string;
  status: DeploymentSecretStatus;
}

export interface StartKpiSyncPayload {
  /** Forget the stored facts and backfill again (after changing the history horizon, or to drop deleted issues). */
  full?: boolean;
}

export interface KpiResolverContract {
  getKpiReport: { payload: GetKpiReportPayload; result: KpiReportView };
  getKpiDrilldown: { payload: GetKpiDrilldownPayload; result: KpiDrilldown };
  getKpiSettings: { payload: Record<string, never>; result: KpiSettingsView };
  saveKpiSettings: { payload: SaveKpiSettingsPayload; result: KpiSettingsView };
  rotateDeploymentSecret: { payload: Record<string, never>; result: RotatedSecret };
  startKpiSync: { payload: StartKpiSyncPayload; result: KpiSyncStatus };
  listRecordedDeployments: { payload: Record<string, never>; result: RecordedDeploymentsView };
  correctRecordedDeployment: { payload: CorrectDeploymentPayload; result: RecordedDeploymentsView };
  deleteRecordedDeployment: { payload: { deploymentId: string }; result: RecordedDeploymentsView };
}

/** A deployment CI/CD reported for the project, as stored (admins can correct or remove it). */
export interface RecordedDeployment {
  deploymentId: string;
  environment: string;
  status: 'pending' | 'in_progress' | 'successful' | 'failed' | 'rolled_back' | 'cancelled';
  deployedAt: string;
  version?: string;
  issueCount: number;
  isRollback: boolean;
  isHotfix: boolean;
  receivedAt?: string;
}

export interface RecordedDeploymentsView {
  projectKey: string;
  /** Months (yyyy-MM) listed, newest first. */
  months: string[];
  deployments: RecordedDeployment[];
  /** The last changes made to recorded deployments (corrections and removals), newest first. */
  audit: Array<{ action: 'updated' | 'corrected' | 'deleted'; deploymentId: string; by: string; at: string }>;
}

export interface CorrectDeploymentPayload {
  deploymentId: string;
  status?: RecordedDeployment['status'];
  environment?: string;
  deployedAt?: string;
  isRollback?: boolean;
  isHotfix?: boolean;
}
