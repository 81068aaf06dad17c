/**
 * The go-live runbook's part of the UI/resolver contract: the plan (ordered steps with owners,
 * planned starts, durations and dependencies), templates per release type, and the live run.
 * Types only, plus constant tables the UIs show. Re-exported from src/contract.ts.
 *
 * Times: instants are ISO-8601 UTC strings; durations and offsets are whole minutes. A relative
 * planned start counts from the go-live start (the planned one in the plan, the actual one in a
 * run); a rollback step's relative start counts from the moment the rollback began.
 */
import type { AuditEntry, ReleaseType, UserSummary } from './contract-go-no-go';

export const STEP_KINDS = ['preparation', 'deployment', 'verification', 'communication', 'checkpoint', 'rollback'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STEP_KIND_LABELS: Record<StepKind, string> = {
  preparation: 'Preparation',
  deployment: 'Deployment',
  verification: 'Verification',
  communication: 'Communication',
  checkpoint: 'Go/no-go checkpoint',
  rollback: 'Rollback',
};

/** Who carries a step out: one person, or anyone in a Jira group. */
export type StepOwner = { type: 'user'; accountId: string } | { type: 'group'; groupName: string };

/** Absolute (an instant), or minutes after the go-live start (negative: before it). */
export type PlannedStart = { type: 'absolute'; at: string } | { type: 'relative'; offsetMinutes: number };

export interface RunbookStep {
  /** Stable within the runbook; other steps name it in `dependsOn`. */
  id: string;
  title: string;
  description: string;
  owner?: StepOwner;
  environment?: string;
  /** Absent: as soon as its dependencies are done (or at the go-live start when it has none). */
  plannedStart?: PlannedStart;
  durationMinutes: number;
  dependsOn: string[];
  kind: StepKind;
  /** A Jira issue, pipeline or Confluence page (https URL). */
  link?: string;
  /** A go/no-go checkpoint's named approvers (account ids): each votes continue or rollback during the run. */
  approvers?: string[];
}

/** A runbook's plan, or a template's (a template has no go-live start and only relative starts). */
export interface RunbookPlan {
  /** When the go-live is planned to begin. */
  goLiveStart?: string;
  steps: RunbookStep[];
}

export const RUNBOOK_LIMITS = {
  steps: 400,
  title: 200,
  description: 2000,
  environment: 80,
  link: 500,
  dependsOn: 30,
  /** A step lasts at most a week; a go-live longer than that is several runbooks. */
  durationMinutes: 7 * 24 * 60,
  /** Relative starts from a week before to 30 days after the go-live start. */
  offsetMinutesMin: -7 * 24 * 60,
  offsetMinutesMax: 30 * 24 * 60,
  reason: 500,
  note: 1000,
  notesPerStep: 30,
  approvers: 20,
  /** Rehearsals kept per runbook. */
  rehearsals: 20,
} as const;

// ---------------------------------------------------------------------------------------------
// Scheduling

export interface ScheduledStep {
  stepId: string;
  /** Minutes from the go-live start (the rollback start for rollback steps). */
  startMinute: number;
  endMinute: number;
  /** Instants, when the plan has a go-live start (never for rollback steps: they start when needed). */
  startAt?: string;
  endAt?: string;
  /** How long the step can slip without moving the planned end. */
  slackMinutes: number;
  critical: boolean;
}

export interface PlanSchedule {
  steps: ScheduledStep[];
  /** Minutes from the go-live start to the end of the last forward step. */
  endMinute: number;
  endAt?: string;
  /** Forward steps on the critical path, first to last. */
  criticalPath: string[];
  /** How long the rollback steps take once started. */
  rollbackMinutes: number;
}

/** The planned go-live against the production maintenance window it overlaps. */
export interface MaintenanceWindowCheck {
  windowId: string;
  environmentName: string;
  from: string;
  to: string;
  /** Starts in the window and ends before it closes. */
  fits: boolean;
  /** Minutes the planned end is after the window closes. */
  minutesOver: number;
  /** Minutes the go-live start is before the window opens. */
  minutesEarly: number;
}

/**
 * A step's environment and planned time against the release calendar (bookings, freezes,
 * maintenance, the environment's status), in the calendar's own words and fixes.
 */
export interface StepCalendarConflict {
  /** The calendar's id for the conflict (stable across reloads). */
  id: string;
  /** The steps it concerns (several when they hold one environment together). */
  stepIds: string[];
  rule: 'double-booking' | 'slot-in-freeze' | 'slot-in-maintenance' | 'environment-unavailable';
  severity: 'error' | 'warning' | 'info';
  title: string;
  explanation: string;
  fixes: string[];
}

// ---------------------------------------------------------------------------------------------
// The run

export const STEP_STATUSES = ['not-started', 'running', 'completed', 'failed', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface StepNote {
  at: string;
  by: UserSummary;
  text: string;
}

export const VOTE_CHOICES = ['continue', 'rollback'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

/** One approver's word at a go/no-go checkpoint; a rollback vote says why. */
export interface CheckpointVote {
  by: UserSummary;
  at: string;
  choice: VoteChoice;
  reason?: string;
}

export interface StepRunState {
  status: StepStatus;
  startedAt?: string;
  endedAt?: string;
  /** Who last changed the status. */
  by?: UserSummary;
  /** Why it failed or was skipped. */
  reason?: string;
  /** How many times it was started (a failed step may be retried). */
  attempts: number;
  notes: StepNote[];
  /** A checkpoint's votes, in the order they came. */
  votes?: CheckpointVote[];
  /** Each change of the status, oldest first: who started, completed, failed or skipped it, and when. */
  history?: StepEvent[];
}

/** One change of a step's status during the run (`running`: started). */
export interface StepEvent {
  status: StepStatus;
  at: string;
  by: UserSummary;
  reason?: string;
}

export type RunMode = 'forward' | 'rollback';
export type RunStatus = 'not-started' | 'running' | 'completed' | 'rolling-back' | 'rolled-back';

/** Why a run was allowed to start; a rehearsal needs no GO decision (it never runs on production). */
export type RunAuthority = 'go-decision' | 'emergency-release' | 'rehearsal';

export interface RunHeader {
  startedAt: string;
  startedBy: UserSummary;
  authority: RunAuthority;
  mode: RunMode;
  rollback?: { at: string; by: UserSummary; reason: string };
}

export type StepAction =
  | { type: 'start' }
  | { type: 'complete' }
  | { type: 'fail'; reason: string }
  | { type: 'skip'; reason: string }
  | { type: 'note'; text: string }
  /** A checkpoint's approver: continue, or roll back (with a reason). */
  | { type: 'vote'; choice: VoteChoice; reason?: string };

export type StepTiming = 'on-time' | 'late-start' | 'overrunning' | 'finished-late';

export interface StepProgress {
  stepId: string;
  status: StepStatus;
  ready: boolean;
  /** Planned and projected (or actual) instants. */
  plannedStartAt: string;
  plannedEndAt: string;
  projectedStartAt: string;
  projectedEndAt: string;
  timing: StepTiming;
  /** Minutes the step is (or will be) behind its planned end; 0 when on time. */
  lateByMinutes: number;
}

export interface RunProgress {
  status: RunStatus;
  mode: RunMode;
  steps: StepProgress[];
  readyStepIds: string[];
  plannedEndAt: string;
  /** While the run goes on: when it is projected to end. Once it finished: when it ended (same as `endedAt`). */
  projectedEndAt: string;
  /** Projected (or, once finished, actual) minus planned end, in minutes (negative: ahead). */
  slipMinutes: number;
  /**
   * Once the run finished (completed, or rolled back): when its last step ended, or the rollback was
   * called when it had no rollback steps. Absent while it runs: only then is the end a projection.
   */
  endedAt?: string;
  /** A failed step holds the run until it is retried or skipped, or the run rolls back. */
  blockedBy: string[];
}

// ---------------------------------------------------------------------------------------------
// Views and payloads

export interface RunbookPermissions {
  /** Release managers: edit the plan, start the run, roll back. */
  canEditPlan: boolean;
  canStartRun: boolean;
  /** Release managers, while the run goes forward. */
  canRollBack: boolean;
  /** Step ids the viewer may act on (owners and release managers). */
  actableStepIds: string[];
  /** Checkpoint step ids the viewer is a named approver of and has not voted on yet. */
  votableStepIds: string[];
}

export interface RunFollowUpView {
  /** `file-deployments`: the production deployment (or rollback) for the KPIs; `freeze`: the finished run's record and page. */
  work: Array<'file-deployments' | 'freeze'>;
  since: string;
  /** Failed tries so far; with the last one's reason and when the next try is. */
  attempts: number;
  error?: string;
  retryAt?: string;
}

export interface RunbookView {
  project: { id: string; key: string };
  version: { id: string; name: string; releaseDate?: string; released: boolean };
  versions: Array<{ id: string; name: string; released: boolean }>;
  releaseType: ReleaseType;
  /** False until someone created the runbook: the plan shown is empty. */
  exists: boolean;
  /** Increases with every change of the plan; edits send it back so a stale page cannot overwrite. */
  planRevision: number;
  plan: RunbookPlan;
  /** Scheduling and validation of the plan; `problems` lists what makes it unschedulable. */
  schedule?: PlanSchedule;
  problems: string[];
  /** The planned go-live against the production maintenance window it overlaps, when one is booked. */
  maintenanceWindow?: MaintenanceWindowCheck;
  /** The steps' environments and planned times against the release calendar (only with a go-live start). */
  calendarConflicts?: StepCalendarConflict[];
  /** Who the owners are, by account id (users) as Jira names them. */
  users: UserSummary[];
  decision: { value: 'GO' | 'NO_GO'; decidedAt: string; decidedBy: UserSummary } | null;
  /** Why the run may (or may not) start. */
  startGate: { allowed: true; authority: RunAuthority } | { allowed: false; reason: string };
  run?: { header: RunHeader; states: Record<string, StepRunState>; progress: RunProgress };
  /** Once the run finished: its frozen record (when it was frozen) and the run book page's publication. */
  record?: { frozenAt: string; status: 'completed' | 'rolled-back'; publication: RunbookPublication | null; canPublish: boolean };
  /** Rehearsals on non-production environments and what they say about the plan's durations. */
  rehearsals?: RehearsalsView;
  /** Work a run write called for and that is not done yet (filing the deployment, freezing the run): pending, or failed and why. */
  followUp?: RunFollowUpView;
  permissions: RunbookPermissions;
  /** The server's now, for the page's clock. */
  now: string;
}

// ---------------------------------------------------------------------------------------------
// Rehearsals: the same runbook run on a non-production environment, kept as records

export interface RehearsalHeader extends RunHeader {
  /** 1, 2, …: the order rehearsals of one runbook were started in. */
  number: number;
  environmentId: string;
  environmentName: string;
}

export interface RehearsalRecord {
  header: RehearsalHeader;
  states: Record<string, StepRunState>;
  status: RunStatus;
}

/** A step's planned duration next to its latest rehearsed one; `warning` when the plan is shorter. */
export interface RehearsedDuration {
  stepId: string;
  plannedMinutes: number;
  rehearsedMinutes: number;
  /** The rehearsal the figure comes from (the latest that completed the step). */
  rehearsal: number;
  environmentName: string;
  /** “planned 15 min, rehearsed 32 min” when the rehearsal took longer than planned. */
  warning?: string;
}

export interface RehearsalsView {
  /** Newest first. */
  records: RehearsalRecord[];
  durations: RehearsedDuration[];
  /** Environments before production in the promotion order: where a rehearsal may run. */
  environments: Array<{ id: string; name: string; tier: string }>;
  /** Release managers, while no rehearsal is running and the live run has not started. */
  canStart: boolean;
  /** Step ids the viewer may act on in the running rehearsal. */
  actableStepIds: string[];
}

export interface StartRehearsalPayload {
  versionId: string;
  environmentId: string;
}

export interface RehearsalStepActionPayload extends StepActionPayload {
  rehearsal: number;
}

export type RunbookStepInput = RunbookStep;

/**
 * The finished run, frozen once: the plan as it ran, each step's planned and actual times, who did
 * what and when, notes, reasons, votes and the rollback. Never changed afterwards.
 */
export interface FrozenRunHeader extends RunHeader {
  status: 'completed' | 'rolled-back';
  frozenAt: string;
  planRevision: number;
  project: { id: string; key: string };
  version: { id: string; name: string };
  goLiveStart?: string;
  /** Planned end of the forward steps, and when the last step of the run actually ended. */
  plannedEndAt: string;
  actualEndAt: string;
  /** Owners and approvers the steps name, as Jira named them when the run was frozen. */
  people: UserSummary[];
}

export interface FrozenStep {
  stepId: string;
  /** The step as planned when the run started. */
  step: RunbookStep;
  phase: RunMode;
  /** Undefined for rollback steps of a run that never rolled back. */
  plannedStartAt?: string;
  plannedEndAt?: string;
  actualStartAt?: string;
  actualEndAt?: string;
  status: StepStatus;
  /** Whole minutes the step ended after its planned end (0: on time, skipped or not run). */
  lateByMinutes: number;
  attempts: number;
  reason?: string;
  history: StepEvent[];
  notes: StepNote[];
  votes?: CheckpointVote[];
}

export interface FrozenRun {
  header: FrozenRunHeader;
  steps: FrozenStep[];
}

/** One step in the post-implementation review's planned against actual (src/domain/runbook/review.ts). */
export interface RunReviewRow {
  stepId: string;
  title: string;
  phase: RunMode;
  status: StepStatus;
  plannedStartAt?: string;
  plannedEndAt?: string;
  actualStartAt?: string;
  actualEndAt?: string;
  plannedMinutes?: number;
  actualMinutes?: number;
  lateByMinutes: number;
  reason?: string;
  /** Why the review points at it. */
  flag?: 'failed' | 'late';
}

/** The go-live as the post-implementation review opens with it, from the frozen record. */
export interface RunReview {
  status: 'completed' | 'rolled-back';
  startedAt: string;
  plannedEndAt: string;
  actualEndAt: string;
  /** Minutes the last step ended after the planned end (0 when on time or early). */
  slipMinutes: number;
  rollback?: { at: string; by: UserSummary; reason: string };
  rows: RunReviewRow[];
  /** The failed or late steps. */
  exceptions: RunReviewRow[];
}

/** The run book page in Confluence: where it is, what the app last wrote, or why it did not. */
export interface RunbookPublication {
  status: 'pending' | 'published' | 'failed';
  attempts: number;
  attemptedAt?: string;
  /** When the next try is due after a failure (the job retries with backoff), if any is left. */
  retryAt?: string;
  error?: string;
  spaceKey?: string;
  pageId?: string;
  pageTitle?: string;
  pageVersion?: number;
  pageUrl?: string;
  bodyHash?: string;
  action?: 'created' | 'updated' | 'unchanged' | 'recreated';
  publishedAt?: string;
  publishedBy?: UserSummary;
}

export interface RunbookVersionPayload {
  versionId: string;
}

export interface CreateRunbookPayload {
  versionId: string;
  /** From the release type's template, or a copy of an earlier release's runbook. */
  from: { type: 'template' } | { type: 'copy'; versionId: string };
  goLiveStart?: string;
}

export interface SaveRunbookStepPayload {
  versionId: string;
  planRevision: number;
  step: RunbookStepInput;
  /** Where the step goes: after this step id, or first when null; absent keeps its place (or appends). */
  after?: string | null;
}

export interface RemoveRunbookStepPayload {
  versionId: string;
  planRevision: number;
  stepId: string;
}

export interface SetGoLiveStartPayload {
  versionId: string;
  planRevision: number;
  goLiveStart: string | null;
}

export interface StartRunPayload {
  versionId: string;
}

export interface StepActionPayload {
  versionId: string;
  stepId: string;
  /** The status the person saw: if someone else changed the step since, the action is refused (CONFLICT). */
  expectedStatus: StepStatus;
  action: StepAction;
}

export interface StartRollbackPayload {
  versionId: string;
  reason: string;
}

export interface RunbookTemplateView {
  project: { id: string; key: string };
  releaseType: ReleaseType;
  /** False: the built-in template is shown. */
  saved: boolean;
  planRevision: number;
  steps: RunbookStep[];
  problems: string[];
  canEdit: boolean;
  /** The people the steps name (owners, approvers), as Jira names them. */
  users: UserSummary[];
}

export interface SaveRunbookTemplatePayload {
  releaseType: ReleaseType;
  planRevision: number;
  steps: RunbookStep[];
}

export interface RunbookAuditView {
  versionId: string;
  entries: AuditEntry[];
  truncated: boolean;
}

/**
 * Forge Realtime: after every write of a release's run the resolvers publish this notice on the
 * release's channel (in the project page's context). It says only that the run changed: the page
 * refetches with `getRunbook`, so nobody learns more than they may read.
 */
export const runbookRunChannel = (versionId: string): string => `runbook-run-${versionId}`;
export interface RunbookRunNotice {
  versionId: string;
  /** Grows with every write of the run (its head's and parts' revisions added up). */
  revision: number;
}

export interface RunbookResolverContract {
  getRunbook: { payload: { versionId?: string }; result: RunbookView };
  createRunbook: { payload: CreateRunbookPayload; result: RunbookView };
  saveRunbookStep: { payload: SaveRunbookStepPayload; result: RunbookView };
  removeRunbookStep: { payload: RemoveRunbookStepPayload; result: RunbookView };
  setGoLiveStart: { payload: SetGoLiveStartPayload; result: RunbookView };
  startRunbookRun: { payload: StartRunPayload; result: RunbookView };
  actOnRunbookStep: { payload: StepActionPayload; result: RunbookView };
  startRunbookRollback: { payload: StartRollbackPayload; result: RunbookView };
  getRunbookTemplate: { payload: { releaseType: ReleaseType }; result: RunbookTemplateView };
  saveRunbookTemplate: { payload: SaveRunbookTemplatePayload; result: RunbookTemplateView };
  getRunbookAudit: { payload: RunbookVersionPayload; result: RunbookAuditView };
  publishRunbookRecord: { payload: RunbookVersionPayload; result: RunbookView };
  startRunbookRehearsal: { payload: StartRehearsalPayload; result: RunbookView };
  actOnRehearsalStep: { payload: RehearsalStepActionPayload; result: RunbookView };
}

export const RUNBOOK_RESOLVERS = {
  getRunbook: 'getRunbook',
  createRunbook: 'createRunbook',
  saveRunbookStep: 'saveRunbookStep',
  removeRunbookStep: 'removeRunbookStep',
  setGoLiveStart: 'setGoLiveStart',
  startRunbookRun: 'startRunbookRun',
  actOnRunbookStep: 'actOnRunbookStep',
  startRunbookRollback: 'startRunbookRollback',
  getRunbookTemplate: 'getRunbookTemplate',
  saveRunbookTemplate: 'saveRunbookTemplate',
  getRunbookAudit: 'getRunbookAudit',
  publishRunbookRecord: 'publishRunbookRecord',
  startRunbookRehearsal: 'startRunbookRehearsal',
  actOnRehearsalStep: 'actOnRehearsalStep',
} as const satisfies { [K in keyof RunbookResolverContract]: K };
