/**
 * Release readiness' part of the UI/resolver contract: the issue panel (criteria, sign-offs, RAG),
 * the policy editor and the per-release roll-up. Types only (plus the name table); re-exported
 * from src/contract.ts. The domain types it names are pure data (src/domain/readiness/).
 */
import type { CriterionResult, IssueMention, Rag } from './domain/readiness/evaluate';
import type { PolicyProblem, ReadinessPolicy } from './domain/readiness/policy';
import type { CriterionTally, ReleaseRollup, RollupIssue } from './domain/readiness/rollup';
import type { SignOffRecord } from './domain/readiness/sign-offs';
import type { ReadinessTrendPoint } from './domain/readiness/trend';
import type { ReleaseHealth } from './domain/status/vocabulary';

// Names other parts of the contract also use (Go/No-Go has criteria too) get a Readiness prefix.
export type { CriterionTally, IssueMention, PolicyProblem, ReadinessPolicy, ReleaseRollup, RollupIssue, SignOffRecord };
export type ReadinessCriterionResult = CriterionResult;
export type ReadinessRag = Rag;
export type { CriterionStatus as ReadinessCriterionStatus } from './domain/readiness/evaluate';
export type { Criterion as ReadinessCriterion, CriterionKind as ReadinessCriterionKind, FieldRef, ManualCheck, Severity as ReadinessSeverity } from './domain/readiness/policy';

export type PolicySource = 'default' | 'project';

export interface ReadinessRelease {
  id: string;
  name: string;
  releaseDate?: string;
  released: boolean;
  /** Whole days from today to the release date (negative when past); null without a date. */
  daysLeft: number | null;
}

/** A manual check as the panel shows it to the person looking. */
export interface ManualCheckView {
  criterionId: string;
  label: string;
  description?: string;
  /** Who may sign, in words: "qa-team", "release-managers or 2 named people". */
  signers: string;
  /** The person looking may sign it off (or revoke it), as Jira says now. */
  canSign: boolean;
  /** The current sign-off, when signed. */
  current?: SignOffRecord;
}

export interface IssueReadinessView {
  issue: { id: string; key: string; summary: string; issueType: string; statusName: string; statusCategory: 'new' | 'indeterminate' | 'done' };
  /** Every fix version; `target` is the one readiness is judged against. */
  releases: ReadinessRelease[];
  target?: ReadinessRelease;
  rag: ReadinessRag;
  ragReason: string;
  /** No blocking criterion fails. */
  ready: boolean;
  /** Null without a dated release. */
  readyForReleaseDate: boolean | null;
  results: ReadinessCriterionResult[];
  checks: ManualCheckView[];
  /** Sign-off history, newest first (at most 50). */
  history: SignOffRecord[];
  policySource: PolicySource;
  generatedAt: string;
  /** The project's release zone: the panel shows times in it (docs/time.md). */
  timeZone?: string;
}

export type GetIssueReadinessPayload = Record<string, never>;

export interface SignOffPayload {
  criterionId: string;
  action: 'sign' | 'revoke';
  evidenceUrl?: string;
  comment?: string;
}

export interface SignOffResult {
  /** `unchanged`: it was already in that state (a double click counts once). */
  outcome: 'recorded' | 'unchanged';
  view: IssueReadinessView;
}

export interface ReadinessCatalog {
  /** The project's issue types. */
  issueTypes: string[];
  /** Fields an admin may require (id and name). */
  fields: Array<{ id: string; name: string }>;
}

export interface ReadinessPolicyView {
  project: { id: string; key: string };
  policy: ReadinessPolicy;
  /** Send it back on save: a save over someone else's newer one is refused (CONFLICT). */
  revision: number;
  source: PolicySource;
  canEdit: boolean;
  updatedAt?: string;
  updatedBy?: string;
  catalog: ReadinessCatalog;
}

export interface SaveReadinessPolicyPayload {
  /** Checked with validatePolicy on the server; errors answer VALIDATION with one detail each. */
  policy: unknown;
  revision: number;
}

export interface SaveReadinessPolicyResult {
  view: ReadinessPolicyView;
  warnings: PolicyProblem[];
}

export interface ReleaseReadiness {
  release: ReadinessRelease;
  /** `building`: the roll-up is being computed (the first time, or after a policy change). */
  status: 'ready' | 'building';
  builtAt?: string;
  rollup?: ReleaseRollup;
  /** The release's health in the app's one vocabulary, once the roll-up is built. */
  health?: ReleaseHealth;
  /** Ready / at risk / not ready a day, oldest first (the list view only). */
  trend?: ReadinessTrendPoint[];
}

export interface ProjectReadinessView {
  project: { id: string; key: string };
  generatedAt: string;
  policySource: PolicySource;
  releases: ReleaseReadiness[];
}

export interface GetReleaseReadinessPayload {
  /** Only this version (its full list of blocking issues); otherwise every unreleased version. */
  versionId?: string;
}

export const READINESS_RESOLVERS = {
  getIssueReadiness: 'getIssueReadiness',
  signOffCheck: 'signOffCheck',
  getReadinessPolicy: 'getReadinessPolicy',
  saveReadinessPolicy: 'saveReadinessPolicy',
  getReleaseReadiness: 'getReleaseReadiness',
} as const;

export interface ReadinessResolverContract {
  getIssueReadiness: { payload: GetIssueReadinessPayload; result: IssueReadinessView };
  signOffCheck: { payload: SignOffPayload; result: SignOffResult };
  getReadinessPolicy: { payload: Record<string, never>; result: ReadinessPolicyView };
  saveReadinessPolicy: { payload: SaveReadinessPolicyPayload; result: SaveReadinessPolicyResult };
  getReleaseReadiness: { payload: GetReleaseReadinessPayload; result: ProjectReadinessView };
}
