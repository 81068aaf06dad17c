import type { AuditEntry, UserSummary } from '../contract-go-no-go';
import type { FrozenRun, FrozenRunHeader, FrozenStep, RehearsalHeader, RunHeader, RunbookStep, StepRunState } from '../contract-runbook';
import type { KeyValueStore } from '../ports';
import type { PendingAudit } from './go-no-go-store';
import { auditStamp } from './go-no-go-store';
import { keys } from './keys';
import { type ShardLayout, readSharded } from './sharded-list';

/**
 * Where runbooks live: a plan (or a release type's template) and a release's live run, each a
 * sharded list (src/store/sharded-list.ts) so a 300-step runbook with long descriptions and
 * notes keeps every value far under 240 KiB.
 */

export interface PlanMeta {
  goLiveStart?: string;
  /** How the runbook began: from its release type's template, or copied from another release. */
  origin?: { type: 'template' } | { type: 'copy'; versionId: string; versionName: string };
  updatedAt?: string;
  updatedBy?: UserSummary;
  /** Counts the edits, so every edit writes the head and moves the plan's revision. */
  edits?: number;
}

export interface RunMeta extends RunHeader {
  /** The plan's revision the run started from; the plan is frozen while it runs. */
  planRevision: number;
}

/** A step's run state, stored with its id. */
export interface StoredStepState extends StepRunState {
  stepId: string;
}

export type StoredStep = RunbookStep;

export const templateScope = (releaseType: string) => `tpl-${releaseType}`;

export function planLayout(projectId: string, scope: string): ShardLayout {
  return { head: keys.runbookPlan(projectId, scope), part: (n) => keys.runbookPlanPart(projectId, scope, n) };
}

export function runLayout(projectId: string, versionId: string): ShardLayout {
  return { head: keys.runbookRun(projectId, versionId), part: (n) => keys.runbookRunPart(projectId, versionId, n) };
}

export function recordLayout(projectId: string, versionId: string): ShardLayout {
  return { head: keys.runbookRecord(projectId, versionId), part: (n) => keys.runbookRecordPart(projectId, versionId, n) };
}

/** A finished run's frozen record, undefined until the run finished and was frozen. */
export async function readFrozenRun(store: KeyValueStore, projectId: string, versionId: string): Promise<FrozenRun | undefined> {
  const state = await readSharded<FrozenRunHeader | null, FrozenStep>(store, recordLayout(projectId, versionId), () => null);
  return state.meta ? { header: state.meta, steps: state.items } : undefined;
}

/** A rehearsal's header, with the plan's revision it started from (the plan stays editable meanwhile). */
export interface RehearsalMeta extends RehearsalHeader {
  planRevision: number;
}

/** How many rehearsals a runbook has had; the next one is numbered after them. */
export interface RehearsalCount {
  count: number;
}

export function rehearsalLayout(projectId: string, versionId: string, number: number): ShardLayout {
  return { head: keys.runbookRehearsal(projectId, versionId, number), part: (n) => keys.runbookRehearsalPart(projectId, versionId, number, n) };
}

export function runbookAudit(projectId: string, scope: string, entry: AuditEntry): PendingAudit {
  return { key: keys.runbookAudit(projectId, scope, auditStamp(entry.at), entry.id), entry };
}
