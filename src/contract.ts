/**
 * The contract between the UIs (Custom UI in static/, UI Kit in src/frontend/) and the resolvers.
 * Types only (plus the name table) so the front ends can import it without pulling backend code.
 */

import { RELEASE_PLAN_RESOLVERS, type ReleasePlanResolverContract } from './contract-release-plan';
import { RELEASE_NOTES_RESOLVERS, type ReleaseNotesResolverContract } from './contract-release-notes';
import { READINESS_RESOLVERS, type ReadinessResolverContract } from './contract-readiness';
import { GO_NO_GO_RESOLVERS, type GoNoGoResolverContract } from './contract-go-no-go';
import { KPI_RESOLVERS, type KpiResolverContract } from './contract-kpis';
import { RUNBOOK_RESOLVERS, type RunbookResolverContract } from './contract-runbook';
import { CHART_RESOLVERS, type ChartResolverContract } from './contract-charts';
import { PICKER_RESOLVERS, type PickerResolverContract } from './contract-pickers';

export * from './contract-release-plan';
export * from './contract-release-notes';
export * from './contract-readiness';
export * from './contract-go-no-go';
export * from './contract-kpis';
export * from './contract-runbook';
export * from './contract-charts';
export * from './contract-pickers';

export const RESOLVERS = {
  getProjectReleases: 'getProjectReleases',
  getProjectTime: 'getProjectTime',
  saveProjectTimeZone: 'saveProjectTimeZone',
  ...RELEASE_PLAN_RESOLVERS,
  ...RELEASE_NOTES_RESOLVERS,
  ...READINESS_RESOLVERS,
  ...GO_NO_GO_RESOLVERS,
  ...KPI_RESOLVERS,
  ...RUNBOOK_RESOLVERS,
  ...CHART_RESOLVERS,
  ...PICKER_RESOLVERS,
} as const;

export type ResolverName = (typeof RESOLVERS)[keyof typeof RESOLVERS];

export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNKNOWN_RESOLVER'
  | 'RATE_LIMITED'
  | 'QUOTA_EXHAUSTED'
  | 'UPSTREAM'
  | 'STORE_LIMIT'
  | 'INTERNAL';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems, e.g. from payload validation. */
  details?: string[];
  /** ISO time after which a rate-limited action may be retried. */
  retryAt?: string;
}

/** Every resolver answers with this shape so errors survive the bridge intact. */
export type ResolverResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export interface StatusCategoryCounts {
  todo: number;
  inProgress: number;
  done: number;
  total: number;
}

/** Where a Jira version stands relative to "now". */
export type ReleaseState = 'released' | 'overdue' | 'in-progress' | 'planned' | 'unscheduled';

export interface ReleaseSummary {
  id: string;
  name: string;
  description?: string;
  /** Calendar dates as Jira stores them: yyyy-MM-dd. */
  startDate?: string;
  releaseDate?: string;
  released: boolean;
  state: ReleaseState;
  /** Whole days from today to the release date (negative when past); null without a date. */
  daysToRelease: number | null;
  counts: StatusCategoryCounts;
  /** Done issues as a share of all issues, 0-100, rounded down so 100 means all done. */
  percentDone: number;
}

export interface ProjectReleasesView {
  project: { id: string; key: string; name: string };
  generatedAt: string;
  releases: ReleaseSummary[];
  /** Released versions older than the look-back window, left out to save Jira quota. */
  olderReleasedCount: number;
}

export interface GetProjectReleasesPayload {
  /** Include released versions older than the look-back window. */
  includeOlderReleased?: boolean;
}

/** "Now" as the server sees it and the project's release time zone; pages take "today" from here. */
export interface ProjectTimeView {
  /** ISO instant on the server when this was answered. */
  now: string;
  /** The project's calendar date now (yyyy-MM-dd, in `timeZone`). */
  today: string;
  /** IANA zone all of the project's days are counted in. */
  timeZone: string;
  /** Chosen for the project, the site's default zone (Jira's), or UTC when Jira did not say. */
  source: 'project' | 'site' | 'default';
  siteTimeZone?: string;
  /** Whether the caller may change the zone (only when asked `withAccess`). */
  canEdit?: boolean;
}

export interface SaveProjectTimeZonePayload {
  /** An IANA zone, or null to follow the site's zone again. */
  timeZone: string | null;
  /** The project's own choice as the page showed it (null: none), so a stale page cannot overwrite a newer one. */
  expectedTimeZone: string | null;
}

export interface ResolverContract extends ReleasePlanResolverContract, ReleaseNotesResolverContract, ReadinessResolverContract, GoNoGoResolverContract, KpiResolverContract, RunbookResolverContract, ChartResolverContract, PickerResolverContract {
  getProjectReleases: { payload: GetProjectReleasesPayload; result: ProjectReleasesView };
  getProjectTime: { payload: { withAccess?: boolean }; result: ProjectTimeView };
  saveProjectTimeZone: { payload: SaveProjectTimeZonePayload; result: ProjectTimeView };
}
