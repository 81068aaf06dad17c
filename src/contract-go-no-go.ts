/**
 * The Go/No-Go board's part of the UI/resolver contract: release types, exit criteria, risks,
 * sign-offs, decisions with their frozen evidence, post-implementation reviews and the audit log.
 * Types only, plus constant tables the UIs show, so the front ends can import it without pulling
 * backend code. Re-exported from src/contract.ts.
 *
 * Dates: instants are ISO-8601 UTC strings; due dates and release dates are calendar dates
 * (`yyyy-MM-dd`).
 */

import type { RunReview } from './contract-runbook';

export const RELEASE_TYPES = ['major', 'minor', 'patch', 'hotfix', 'emergency'] as const;
export type ReleaseType = (typeof RELEASE_TYPES)[number];

export const RELEASE_TYPE_LABELS: Record<ReleaseType, string> = {
  major: 'Major',
  minor: 'Minor',
  patch: 'Patch',
  hotfix: 'Hotfix',
  emergency: 'Emergency',
};

/** Exit criteria the app evaluates itself, from Jira, the release plan, the risks and the votes. */
export const AUTO_CRITERION_RULES = [
  'issues-ready',
  'no-open-blocker-bugs',
  'no-open-blocking-links',
  'environment-slots-done',
  'no-calendar-conflicts',
  'no-open-high-risks',
  'sign-off-quorum',
] as const;
export type AutoCriterionRule = (typeof AUTO_CRITERION_RULES)[number];

export const AUTO_CRITERION_LABELS: Record<AutoCriterionRule, string> = {
  'issues-ready': '100% of issues ready',
  'no-open-blocker-bugs': 'No open Highest/High bugs',
  'no-open-blocking-links': 'No issue blocked by an open issue',
  'environment-slots-done': 'All required environment slots done',
  'no-calendar-conflicts': 'No conflicts on the release calendar',
  'no-open-high-risks': 'No open high or critical risks',
  'sign-off-quorum': 'Sign-off quorum reached',
};

export interface CriterionDefinition {
  /** Stable within a release type: the rule name for automatic criteria, `m-…` for manual ones. */
  id: string;
  kind: 'auto' | 'manual';
  /** Automatic criteria only. */
  rule?: AutoCriterionRule;
  title: string;
  /** Whether a failure stops a GO (unless an override with a justification is recorded). */
  blocking: boolean;
}

export type VoteValue = 'GO' | 'NO_GO' | 'GO_WITH_CONDITIONS';

export const VOTE_LABELS: Record<VoteValue, string> = {
  GO: 'GO',
  NO_GO: 'NO-GO',
  GO_WITH_CONDITIONS: 'GO with conditions',
};

export interface SignOffRoleDefinition {
  /** Stable id, e.g. `qa`, `product`. */
  id: string;
  name: string;
  /** Only these people may vote for the role. */
  approverAccountIds: string[];
}

/** `all`: every required role approves; `at-least`: that many roles approve. Any NO-GO vetoes. */
export type QuorumRule = { kind: 'all' } | { kind: 'at-least'; count: number };

export interface ReleaseTypePolicy {
  criteria: CriterionDefinition[];
  roles: SignOffRoleDefinition[];
  quorum: QuorumRule;
  /** Days after the GO decision by which the post-implementation review is due; null: no deadline. */
  pirDueDays: number | null;
}

export interface UserSummary {
  accountId: string;
  displayName: string;
}

export interface GoNoGoSettingsView {
  project: { id: string; key: string };
  policies: Record<ReleaseType, ReleaseTypePolicy>;
  /** False until someone saved the settings: the defaults are shown. */
  saved: boolean;
  updatedAt?: string;
  updatedBy?: UserSummary;
  canEdit: boolean;
  /** Names of the people the policies name as approvers. */
  users: UserSummary[];
}

// ---------------------------------------------------------------------------------------------
// Evidence

export interface BlockingIssue {
  key: string;
  summary: string;
  statusName: string;
  issueType?: string;
  priority?: string;
  /** Why it blocks, e.g. "Highest bug, not done", "blocked by SHOP-12". */
  reasons: string[];
}

export interface ReadinessEvidence {
  /** `readiness-rollup`: the per-release readiness roll-up; `jira`: counted from Jira for this view. */
  source: 'readiness-rollup' | 'jira';
  sourceLabel: string;
  computedAt: string;
  total: number;
  /** Issues with no failing blocking criterion, at-risk ones included. */
  ready: number;
  /** Of the ready ones, those at risk (only advisory criteria fail, or work open close to the date); undefined when the source does not say. */
  atRisk?: number;
  notReady: number;
  failuresByCriterion: Array<{ id: string; label: string; count: number }>;
  /** Open Highest/High bugs in the release; null when the source does not say. */
  openBlockerBugs: number | null;
  /** Issues of the release blocked by an issue that is not done; null when the source does not say. */
  blockedByOpen: number | null;
  blockingIssues: BlockingIssue[];
  /** All blocking issues, also those not listed (the list is capped). */
  blockingCount: number;
  /** True when only part of the release's open issues could be inspected. */
  partial: boolean;
}

export interface PlanSlotEvidence {
  id: string;
  environmentName: string;
  from: string;
  to: string;
  done: boolean;
  detail?: string;
}

export interface PlanConflictEvidence {
  id: string;
  severity: 'error' | 'warning' | 'info';
  title: string;
  explanation: string;
}

export type PlanEvidence =
  | { available: false; reason: string }
  | { available: true; requiredSlots: PlanSlotEvidence[]; conflicts: PlanConflictEvidence[] };

export type CriterionStatus = 'pass' | 'fail' | 'pending' | 'not-available';

export interface CriterionResult {
  id: string;
  kind: 'auto' | 'manual';
  rule?: AutoCriterionRule;
  title: string;
  blocking: boolean;
  status: CriterionStatus;
  /** The evidence in words, e.g. "3 of 12 issues are not ready". */
  detail: string;
  /** Manual criteria: the tick and its evidence. */
  tick?: { ticked: boolean; evidence: string; by: UserSummary; at: string };
}

// ---------------------------------------------------------------------------------------------
// Risks

export const RISK_STATUSES = ['open', 'mitigating', 'accepted', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';
export type BoardRag = 'green' | 'amber' | 'red';

export interface BoardRisk {
  id: string;
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  /** likelihood x impact, 1-25. */
  score: number;
  level: RiskLevel;
  owner?: UserSummary;
  mitigation: string;
  dueDate?: string;
  status: RiskStatus;
  createdAt: string;
  createdBy: UserSummary;
  updatedAt: string;
  updatedBy: UserSummary;
}

export interface RiskInput {
  /** Client-generated for a new risk, so a double click adds it once. */
  id: string;
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  ownerAccountId?: string;
  mitigation: string;
  dueDate?: string;
  status: RiskStatus;
}

export interface RiskRollup {
  rag: BoardRag;
  openByLevel: Record<RiskLevel, number>;
  /** Open risks (open or mitigating) counted per cell: `heatMap[likelihood - 1][impact - 1]`. */
  heatMap: number[][];
  reasons: string[];
}

// ---------------------------------------------------------------------------------------------
// Sign-offs and the decision

export interface SignOffVote {
  id: string;
  roleId: string;
  voter: UserSummary;
  value: VoteValue;
  comment: string;
  at: string;
  /** The decision round the vote belongs to. */
  round: number;
}

export type RoleState = VoteValue | 'PENDING';

export interface RoleSignOff {
  roleId: string;
  roleName: string;
  approvers: UserSummary[];
  state: RoleState;
  /** Each approver's latest vote. */
  current: SignOffVote[];
  /** Every vote for the role in this round, newest first: a changed vote is a new record. */
  history: SignOffVote[];
  /** Whether the viewer is a named approver of the role. */
  canVote: boolean;
}

export interface QuorumResult {
  rule: QuorumRule;
  approvals: number;
  required: number;
  vetoedBy: string[];
  status: 'met' | 'vetoed' | 'pending';
  text: string;
}

export type Verdict = 'GO' | 'NO_GO' | 'PENDING';
export type DecisionValue = 'GO' | 'NO_GO';

export interface DecisionSnapshot {
  capturedAt: string;
  round: number;
  releaseType: ReleaseType;
  version: { id: string; name: string; releaseDate?: string; released: boolean };
  readiness: ReadinessEvidence;
  plan: PlanEvidence;
  criteria: CriterionResult[];
  risks: BoardRisk[];
  riskRollup: RiskRollup;
  signOffs: Array<{ roleId: string; roleName: string; approvers: UserSummary[]; state: RoleState; votes: SignOffVote[] }>;
  quorum: QuorumResult;
  verdict: Verdict;
  rag: BoardRag;
}

export interface JiraReleaseOutcome {
  status: 'released' | 'failed';
  at: string;
  by: UserSummary;
  releaseDate?: string;
  message?: string;
}

/**
 * What becomes of the version's unresolved issues when it is released, as in Jira's own release
 * dialog: moved to another unreleased version of the project, or left where they are.
 */
export type ReleaseRequest = { unresolvedIssues: 'move'; moveToVersionId: string } | { unresolvedIssues: 'keep' };

export interface UnresolvedIssue {
  key: string;
  summary: string;
  statusName: string;
  issueType?: string;
}

/** What the release dialog shows before a version is released from the board. */
export interface ReleaseChoicesView {
  versionId: string;
  versionName: string;
  released: boolean;
  /** The date Jira will record: today in the project's release time zone. */
  releaseDate: string;
  timeZone: string;
  unresolved: {
    /** Every unresolved issue of the version (Jira's approximate count). */
    count: number;
    /** The first of them, in Jira's order (at most UNRESOLVED_LISTED). */
    issues: UnresolvedIssue[];
  };
  /** Unreleased, unarchived versions of the project the unresolved issues can move to. */
  moveTargets: Array<{ id: string; name: string; releaseDate?: string }>;
  /** Whether releasing publishes the release notes to Confluence (the project's release-notes setting). */
  releaseNotes: { publishOnRelease: boolean; text: string };
}

export const UNRESOLVED_LISTED = 50;

export interface GoNoGoDecision {
  id: string;
  round: number;
  value: DecisionValue;
  decidedBy: UserSummary;
  decidedAt: string;
  comment: string;
  /** Recorded when a GO was made while blocking criteria failed. */
  override?: { justification: string; failingCriteria: string[] };
  markReleasedRequested: boolean;
  /** What was asked for the unresolved issues when the release was requested. */
  releaseRequest?: ReleaseRequest;
  /** What happened when the app asked Jira to mark the version released. */
  jiraRelease?: JiraReleaseOutcome;
  snapshot: DecisionSnapshot;
}

// ---------------------------------------------------------------------------------------------
// Post-implementation reviews

export type PirOutcome = 'met' | 'partially-met' | 'not-met';
export const PIR_OUTCOME_LABELS: Record<PirOutcome, string> = {
  met: 'Goals met',
  'partially-met': 'Goals partially met',
  'not-met': 'Goals not met',
};

export interface PirAction {
  id: string;
  text: string;
  owner?: UserSummary;
  dueDate?: string;
  status: 'open' | 'done';
}

export interface PostImplementationReview {
  versionId: string;
  outcome: PirOutcome;
  outcomeNotes: string;
  incidents: Array<{ reference: string; note: string }>;
  lessonsLearned: string;
  actions: PirAction[];
  /** A review marked complete; drafts count as not done. */
  completed: boolean;
  completedAt?: string;
  updatedAt: string;
  updatedBy: UserSummary;
}

export interface PirInput {
  outcome: PirOutcome;
  outcomeNotes: string;
  incidents: Array<{ reference: string; note: string }>;
  lessonsLearned: string;
  actions: Array<{ id: string; text: string; ownerAccountId?: string; dueDate?: string; status: 'open' | 'done' }>;
  completed: boolean;
}

/** `overdue`: past its due date and not completed; `open`: no deadline, not completed yet. */
export type PirStatus = 'completed' | 'overdue' | 'due' | 'open';

export interface PirListItem {
  versionId: string;
  versionName: string;
  releaseType: ReleaseType;
  decidedAt: string;
  dueDate?: string;
  status: PirStatus;
  /** Days past the due date (overdue) or left (due). */
  days?: number;
  review?: PostImplementationReview;
}

export interface PirListView {
  project: { id: string; key: string };
  today: string;
  items: PirListItem[];
  canEdit: boolean;
}

// ---------------------------------------------------------------------------------------------
// Audit log

export interface AuditEntry {
  id: string;
  at: string;
  actor: UserSummary;
  versionId: string;
  versionName: string;
  action: string;
  summary: string;
  /** JSON of the changed item before and after; absent for creations and removals respectively. */
  before?: unknown;
  after?: unknown;
}

export interface AuditLogView {
  versionId: string;
  entries: AuditEntry[];
  /** More entries exist than a view holds; the CSV export has them all. */
  truncated: boolean;
}

export interface AuditCsvExport {
  filename: string;
  csv: string;
  rows: number;
}

// ---------------------------------------------------------------------------------------------
// The board

export interface BoardVersionOption {
  id: string;
  name: string;
  releaseDate?: string;
  released: boolean;
  archived: boolean;
}

export interface GoNoGoBoardView {
  project: { id: string; key: string };
  generatedAt: string;
  today: string;
  versions: BoardVersionOption[];
  version: BoardVersionOption & { description?: string; startDate?: string };
  releaseType: ReleaseType;
  /** `inferred`: nobody chose a type yet; it was guessed from the version's name and description. */
  releaseTypeSource: 'chosen' | 'inferred';
  policy: ReleaseTypePolicy;
  round: number;
  readiness: ReadinessEvidence;
  plan: PlanEvidence;
  criteria: CriterionResult[];
  verdict: Verdict;
  verdictReasons: string[];
  rag: BoardRag;
  risks: BoardRisk[];
  riskRollup: RiskRollup;
  signOffs: RoleSignOff[];
  quorum: QuorumResult;
  /** The decision of the current round, when recorded. */
  decision?: GoNoGoDecision;
  /** Decisions of earlier rounds (NO-GO decisions that were followed by a new round). */
  earlierDecisions: GoNoGoDecision[];
  pir?: PirListItem;
  /** The go-live's planned against actual, from the frozen record of its run (issue 15). */
  goLive?: RunReview;
  permissions: {
    isReleaseManager: boolean;
    canEditRisks: boolean;
    canTick: boolean;
    /** Release managers and the release type's approvers write the post-implementation review. */
    canReview: boolean;
  };
}

// ---------------------------------------------------------------------------------------------
// Payloads

export interface GetGoNoGoBoardPayload {
  versionId?: string;
}
export interface SaveBoardConfigPayload {
  versionId: string;
  releaseType: ReleaseType;
}
export interface SaveGoNoGoSettingsPayload {
  releaseType: ReleaseType;
  policy: ReleaseTypePolicy;
  /** The `updatedAt` the editor started from: a newer one means someone else saved meanwhile. */
  expectedUpdatedAt?: string;
}
export interface AddOrUpdateRiskPayload {
  versionId: string;
  risk: RiskInput;
}
export interface TickCriterionPayload {
  versionId: string;
  criterionId: string;
  ticked: boolean;
  evidence: string;
}
export interface CastVotePayload {
  versionId: string;
  roleId: string;
  value: VoteValue;
  comment: string;
  /** Client-generated idempotency id: the same vote sent twice counts once. */
  voteId: string;
}
export interface RecordDecisionPayload {
  versionId: string;
  value: DecisionValue;
  comment: string;
  /** Required for a GO while a blocking criterion fails. */
  overrideJustification?: string;
  /** On GO: also release the Jira version (as the user), saying what becomes of its unresolved issues. Absent: not released. */
  release?: ReleaseRequest;
  /** Client-generated: the same request sent twice records one decision. */
  decisionId: string;
}
export interface VersionOnlyPayload {
  versionId: string;
}
/** After a GO: release the version in Jira, with the same choice as Jira's release dialog. */
export interface MarkVersionReleasedPayload {
  versionId: string;
  release: ReleaseRequest;
}
/** Without a version: the log of the project's Go/No-Go settings. */
export interface AuditLogPayload {
  versionId?: string;
}
export interface SavePirPayload {
  versionId: string;
  review: PirInput;
}

/** A sign-off the current user still owes: they are a named approver of the role and have not voted. */
export interface WaitingVote {
  versionId: string;
  versionName: string;
  releaseDate?: string;
  roleId: string;
  roleName: string;
  round: number;
}

/** An issue with readiness checks the viewer may sign and nobody has yet (done in the issue's panel in Jira). */
export interface WaitingSignOffIssue {
  issueKey: string;
  summary: string;
  checks: Array<{ criterionId: string; label: string }>;
}

/** An unreleased version's issues waiting for the viewer's sign-offs: how many, and the first few by key. */
export interface WaitingSignOffs {
  versionId: string;
  versionName: string;
  releaseDate?: string;
  issueCount: number;
  issues: WaitingSignOffIssue[];
}

/** A go-live runbook step the viewer owns (themselves, a group of theirs, or release managers) that can start now or is running. */
export interface WaitingStep {
  versionId: string;
  versionName: string;
  stepId: string;
  title: string;
  status: 'ready' | 'running';
  /** Why it is theirs: "you", the group's name, or "release managers". */
  ownedAs: string;
}

/** A running go/no-go checkpoint of a go-live run where the viewer is a named approver and has not voted. */
export interface WaitingCheckpoint {
  versionId: string;
  versionName: string;
  stepId: string;
  title: string;
}

export interface WaitingForMeView {
  votes: WaitingVote[];
  /** Per version, soonest due first. */
  signOffs: WaitingSignOffs[];
  steps: WaitingStep[];
  checkpoints: WaitingCheckpoint[];
  /** Unreleased versions looked at (the soonest due first), and how many more were not. */
  checked: number;
  notChecked: number;
}

export interface GoNoGoResolverContract {
  getGoNoGoBoard: { payload: GetGoNoGoBoardPayload; result: GoNoGoBoardView };
  saveBoardConfig: { payload: SaveBoardConfigPayload; result: GoNoGoBoardView };
  getGoNoGoSettings: { payload: Record<string, never>; result: GoNoGoSettingsView };
  saveGoNoGoSettings: { payload: SaveGoNoGoSettingsPayload; result: GoNoGoSettingsView };
  addOrUpdateRisk: { payload: AddOrUpdateRiskPayload; result: GoNoGoBoardView };
  tickCriterion: { payload: TickCriterionPayload; result: GoNoGoBoardView };
  castVote: { payload: CastVotePayload; result: GoNoGoBoardView };
  recordDecision: { payload: RecordDecisionPayload; result: GoNoGoBoardView };
  markVersionReleased: { payload: MarkVersionReleasedPayload; result: GoNoGoBoardView };
  getReleaseChoices: { payload: VersionOnlyPayload; result: ReleaseChoicesView };
  startNewRound: { payload: VersionOnlyPayload; result: GoNoGoBoardView };
  savePostImplementationReview: { payload: SavePirPayload; result: PirListView };
  getPostImplementationReviews: { payload: Record<string, never>; result: PirListView };
  getAuditLog: { payload: AuditLogPayload; result: AuditLogView };
  exportAuditCsv: { payload: AuditLogPayload; result: AuditCsvExport };
  getWaitingForMe: { payload: Record<string, never>; result: WaitingForMeView };
}

export const GO_NO_GO_RESOLVERS = {
  getGoNoGoBoard: 'getGoNoGoBoard',
  saveBoardConfig: 'saveBoardConfig',
  getGoNoGoSettings: 'getGoNoGoSettings',
  saveGoNoGoSettings: 'saveGoNoGoSettings',
  addOrUpdateRisk: 'addOrUpdateRisk',
  tickCriterion: 'tickCriterion',
  castVote: 'castVote',
  recordDecision: 'recordDecision',
  markVersionReleased: 'markVersionReleased',
  getReleaseChoices: 'getReleaseChoices',
  startNewRound: 'startNewRound',
  savePostImplementationReview: 'savePostImplementationReview',
  getPostImplementationReviews: 'getPostImplementationReviews',
  getAuditLog: 'getAuditLog',
  exportAuditCsv: 'exportAuditCsv',
  getWaitingForMe: 'getWaitingForMe',
} as const satisfies { [K in keyof GoNoGoResolverContract]: K };
