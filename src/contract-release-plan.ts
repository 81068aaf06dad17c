/**
 * The release plan's part of the UI/resolver contract (environments, slots, windows, deployments,
 * conflicts, the calendar feed). Types only, plus two constant tables the UIs show, so the front ends
 * can import it without pulling backend code. Re-exported from src/contract.ts.
 *
 * Times: every instant is an ISO-8601 UTC string (`2026-12-01T09:00:00.000Z`); intervals are
 * half-open `[from, to)`, so a slot ending at 12:00 and one starting at 12:00 do not overlap.
 * Version dates stay Jira calendar dates (`yyyy-MM-dd`); a release date covers that whole UTC day.
 */
import type { ReleaseState } from './contract';
import type { ReleaseHealth } from './domain/status/vocabulary';

/** Environment tiers in their default promotion order (lowest first). */
export const TIERS = ['DEV', 'IT', 'SIT', 'UAT', 'NFT', 'PREPROD', 'PROD'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_LABELS: Record<Tier, string> = {
  DEV: 'Development',
  IT: 'Integration test',
  SIT: 'System integration test',
  UAT: 'User acceptance test',
  NFT: 'Non-functional test',
  PREPROD: 'Pre-production',
  PROD: 'Production',
};

export type EnvironmentStatus = 'available' | 'maintenance' | 'down';

export interface PlanEnvironment {
  id: string;
  name: string;
  tier: Tier;
  ownerAccountId?: string;
  /** The owner's name as Jira has it, filled in when views are built. */
  ownerName?: string;
  /** What runs there (services, Jira components), free text. */
  components: string[];
  status: EnvironmentStatus;
  notes?: string;
  /** How many releases may use it at the same time (1: exclusive, the usual for UAT and PROD). */
  capacity: number;
  updatedAt: string;
  updatedBy: string;
}

/** A booking of an environment for a version, e.g. "SHOP 2.4 on UAT-1, 1-5 Dec, sign-off". */
export interface PlanSlot {
  id: string;
  projectKey: string;
  versionId: string;
  environmentId: string;
  from: string;
  to: string;
  /** Must end before the release date (UAT sign-off, NFT run). */
  required: boolean;
  note?: string;
  updatedAt: string;
  updatedBy: string;
}

/** A booking by a project the viewer may not browse: when, and nothing else. */
export interface HiddenSlot {
  id: string;
  environmentId: string;
  from: string;
  to: string;
  hidden: true;
}

export type CalendarSlot = (PlanSlot & { hidden?: false }) | HiddenSlot;

export type WindowKind = 'freeze' | 'maintenance';

export type WindowScope = { type: 'site' } | { type: 'project'; projectKey: string } | { type: 'environment'; environmentId: string };

/** A change freeze (site-wide, one project, or one environment) or a maintenance window (one environment). */
export interface PlanWindow {
  id: string;
  kind: WindowKind;
  scope: WindowScope;
  /** Freezes only: the tiers it applies to; absent or empty means every tier. */
  tiers?: Tier[];
  from: string;
  to: string;
  reason: string;
  updatedAt: string;
  updatedBy: string;
}

export type DeploymentStatus = 'pending' | 'successful' | 'failed' | 'rolled_back' | 'in_progress' | 'cancelled';

/** An actual deployment: from CI/CD (the deployment web trigger) or recorded by hand. */
export interface PlanDeployment {
  id: string;
  projectKey: string;
  versionId?: string;
  versionName?: string;
  /** The environment as the pipeline named it. */
  environmentName: string;
  /** The inventory environment it maps to (case-insensitive name match), if any. */
  environmentId?: string;
  status: DeploymentStatus;
  at: string;
  source: 'ci' | 'manual';
  url?: string;
  note?: string;
  recordedBy?: string;
}

export interface VersionDependency {
  projectKey: string;
  versionId: string;
}

export type Rag = 'red' | 'amber' | 'green';

export interface CalendarVersion {
  id: string;
  projectKey: string;
  name: string;
  description?: string;
  startDate?: string;
  releaseDate?: string;
  released: boolean;
  state: ReleaseState;
  /**
   * On track / At risk / Overdue in the app's one vocabulary (src/domain/status/vocabulary.ts),
   * for versions due soon whose readiness roll-up has been computed.
   */
  health?: ReleaseHealth;
  dependsOn: VersionDependency[];
}

export type ConflictRule =
  | 'double-booking'
  | 'slot-in-freeze'
  | 'deployment-in-freeze'
  | 'slot-in-maintenance'
  | 'environment-unavailable'
  | 'release-before-slot-end'
  | 'dependency-later'
  | 'too-many-releases'
  | 'promotion-order'
  | 'slot-outside-version';

export type ConflictSeverity = 'error' | 'warning' | 'info';

export interface ConflictItem {
  kind: 'slot' | 'window' | 'version' | 'deployment' | 'environment' | 'day';
  id: string;
  label: string;
  projectKey?: string;
}

export type FixAction =
  | { type: 'move-slot'; slotId: string; from: string; to: string; environmentId: string }
  | { type: 'none' };

export interface SuggestedFix {
  text: string;
  action?: FixAction;
}

export interface PlanConflict {
  /** Stable for the same rule and items, so the UI can keep focus across reloads. */
  id: string;
  rule: ConflictRule;
  severity: ConflictSeverity;
  title: string;
  explanation: string;
  items: ConflictItem[];
  /** When it happens, for placing it on the calendar. */
  from: string;
  to: string;
  fixes: SuggestedFix[];
}

export interface PlanProjectRef {
  key: string;
  name: string;
  /** `booking`: not shown, but holds bookings of the environments in view (named, not drawn). */
  role: 'current' | 'related' | 'dependency' | 'booking';
}

export interface CalendarQuery {
  /** First and last day shown (yyyy-MM-dd, inclusive); at most 400 days. */
  from: string;
  to: string;
  /** Other projects to show; the saved related projects when absent. */
  relatedProjects?: string[];
}

export interface ProjectPlanSettings {
  /** More unreleased versions than this with the same release date is a warning. */
  maxReleasesPerDay: number;
  relatedProjects: string[];
}

export interface ReleaseCalendarView {
  project: { id: string; key: string; name: string };
  projects: PlanProjectRef[];
  range: { from: string; to: string };
  generatedAt: string;
  today: string;
  canEdit: boolean;
  environments: PlanEnvironment[];
  tierOrder: Tier[];
  versions: CalendarVersion[];
  slots: CalendarSlot[];
  windows: PlanWindow[];
  deployments: PlanDeployment[];
  conflicts: PlanConflict[];
  settings: ProjectPlanSettings;
  /** Things the viewer should know, e.g. a related project they may not browse. */
  notices: string[];
}

export interface SlotInput {
  id?: string;
  versionId: string;
  environmentId: string;
  from: string;
  to: string;
  required: boolean;
  note?: string;
}

export interface WindowInput {
  id?: string;
  kind: WindowKind;
  scope: WindowScope;
  tiers?: Tier[];
  from: string;
  to: string;
  reason: string;
}

export interface DeploymentInput {
  versionId: string;
  environmentId: string;
  at: string;
  status: DeploymentStatus;
  note?: string;
}

export interface EnvironmentInput {
  id?: string;
  name: string;
  tier: Tier;
  ownerAccountId?: string;
  components: string[];
  status: EnvironmentStatus;
  notes?: string;
  capacity: number;
}

/** Where a stored booking is filed: its environment and start as last read. */
export interface SlotLocation {
  environmentId: string;
  from: string;
}

export interface SaveSlotPayload {
  slot: SlotInput;
  /** For a change of an existing booking: where it is now (from the view the editor started from). */
  current?: SlotLocation;
  /** The `updatedAt` the editor started from: a newer stored one means someone else changed it. */
  expectedUpdatedAt?: string;
  view: CalendarQuery;
}
export interface DeleteSlotPayload {
  slotId: string;
  current: SlotLocation;
  /** Client-made id of this delete: a retry deletes once, and Undo names the delete by it. */
  deletionId?: string;
  view: CalendarQuery;
}
export interface SaveWindowPayload {
  window: WindowInput;
  expectedUpdatedAt?: string;
  view: CalendarQuery;
}
export interface DeleteWindowPayload {
  windowId: string;
  /** As for slots: names the delete for Undo. */
  deletionId?: string;
  view: CalendarQuery;
}
/** Undo of a delete named by its `deletionId` (src/app/release-plan/undo.ts). */
export interface RestoreDeletedPayload {
  deletionId: string;
}
export interface RestoreDeletedInCalendarPayload extends RestoreDeletedPayload {
  view: CalendarQuery;
}
export interface RecordDeploymentPayload {
  deployment: DeploymentInput;
  view: CalendarQuery;
}
export interface SetVersionDependenciesPayload {
  versionId: string;
  dependsOn: VersionDependency[];
  view: CalendarQuery;
}

export interface UserRef {
  accountId: string;
  displayName: string;
}

export interface PlanSettingsView {
  project: { id: string; key: string; name: string };
  canEdit: boolean;
  /** Project administrators choose the release managers. */
  canAdminister: boolean;
  environments: PlanEnvironment[];
  tierOrder: Tier[];
  settings: ProjectPlanSettings;
  /** Send it back when saving `settings`: a save over someone else's newer one is refused (CONFLICT). */
  settingsRevision: number;
  releaseManagers: UserRef[];
  feed: { enabled: boolean; rotatedAt?: string; rotatedBy?: string };
  /** Projects the viewer may browse, to choose related projects from. */
  projects: Array<{ key: string; name: string }>;
}

export interface SaveEnvironmentPayload {
  environment: EnvironmentInput;
  expectedUpdatedAt?: string;
}
export interface DeleteEnvironmentPayload {
  environmentId: string;
  /** As for slots: names the delete for Undo. */
  deletionId?: string;
}
export interface SavePromotionOrderPayload {
  tierOrder: Tier[];
  /** The order the page showed (`PlanSettingsView.tierOrder`): another admin's change meanwhile is a CONFLICT. */
  expectedTierOrder: Tier[];
}
export interface SavePlanSettingsPayload extends ProjectPlanSettings {
  /** The revision the settings were loaded at (`PlanSettingsView.settingsRevision`). */
  revision: number;
}
export interface SetReleaseManagersPayload {
  accountIds: string[];
  /** The managers the page showed: another admin's change meanwhile is a CONFLICT. */
  expectedAccountIds: string[];
}
export interface SearchUsersPayload {
  query: string;
}

export interface CalendarFeedToken {
  /** Shown once: only its SHA-256 is stored. */
  token: string;
  /** The feed URL with the token, when the platform tells the app its web trigger URL. */
  url?: string;
  rotatedAt: string;
}

export interface ReleasePlanResolverContract {
  getReleaseCalendar: { payload: CalendarQuery; result: ReleaseCalendarView };
  saveEnvironmentSlot: { payload: SaveSlotPayload; result: ReleaseCalendarView };
  deleteEnvironmentSlot: { payload: DeleteSlotPayload; result: ReleaseCalendarView };
  savePlanWindow: { payload: SaveWindowPayload; result: ReleaseCalendarView };
  deletePlanWindow: { payload: DeleteWindowPayload; result: ReleaseCalendarView };
  restoreEnvironmentSlot: { payload: RestoreDeletedInCalendarPayload; result: ReleaseCalendarView };
  restorePlanWindow: { payload: RestoreDeletedInCalendarPayload; result: ReleaseCalendarView };
  recordDeployment: { payload: RecordDeploymentPayload; result: ReleaseCalendarView };
  setVersionDependencies: { payload: SetVersionDependenciesPayload; result: ReleaseCalendarView };
  getPlanSettings: { payload: Record<string, never>; result: PlanSettingsView };
  saveEnvironment: { payload: SaveEnvironmentPayload; result: PlanSettingsView };
  deleteEnvironment: { payload: DeleteEnvironmentPayload; result: PlanSettingsView };
  restoreEnvironment: { payload: RestoreDeletedPayload; result: PlanSettingsView };
  savePromotionOrder: { payload: SavePromotionOrderPayload; result: PlanSettingsView };
  savePlanSettings: { payload: SavePlanSettingsPayload; result: PlanSettingsView };
  setReleaseManagers: { payload: SetReleaseManagersPayload; result: PlanSettingsView };
  searchUsers: { payload: SearchUsersPayload; result: UserRef[] };
  rotateCalendarFeedToken: { payload: Record<string, never>; result: CalendarFeedToken };
  disableCalendarFeed: { payload: Record<string, never>; result: PlanSettingsView };
}

export const RELEASE_PLAN_RESOLVERS = {
  getReleaseCalendar: 'getReleaseCalendar',
  saveEnvironmentSlot: 'saveEnvironmentSlot',
  deleteEnvironmentSlot: 'deleteEnvironmentSlot',
  savePlanWindow: 'savePlanWindow',
  deletePlanWindow: 'deletePlanWindow',
  restoreEnvironmentSlot: 'restoreEnvironmentSlot',
  restorePlanWindow: 'restorePlanWindow',
  recordDeployment: 'recordDeployment',
  setVersionDependencies: 'setVersionDependencies',
  getPlanSettings: 'getPlanSettings',
  saveEnvironment: 'saveEnvironment',
  deleteEnvironment: 'deleteEnvironment',
  restoreEnvironment: 'restoreEnvironment',
  savePromotionOrder: 'savePromotionOrder',
  savePlanSettings: 'savePlanSettings',
  setReleaseManagers: 'setReleaseManagers',
  searchUsers: 'searchUsers',
  rotateCalendarFeedToken: 'rotateCalendarFeedToken',
  disableCalendarFeed: 'disableCalendarFeed',
} as const satisfies { [K in keyof ReleasePlanResolverContract]: K };
