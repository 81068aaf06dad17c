import type { ReleaseType, UserSummary } from '../../contract-go-no-go';
import type { RunbookStep, StepAction } from '../../contract-runbook';
import { approversOf } from '../../domain/runbook/checkpoint';
import { inferReleaseType } from '../../domain/go-no-go/policies';
import { AppError } from '../../errors';
import type { JiraVersion } from '../../integrations/jira/types';
import { readBoardState } from '../../store/go-no-go-store';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { type AuditChange, newAuditEntry } from '../go-no-go/audit';
import { pickerVersions } from '../go-no-go/board-view';
import { type BoardSession, openSession, requireVersion } from '../go-no-go/session';
import { type PendingAudit } from '../../store/go-no-go-store';
import { runbookAudit } from '../../store/runbook-store';

/**
 * What every runbook use case starts from: the Go/No-Go board's session (who is asking, their
 * access, the project's versions, the caller's name), the release chosen, its type (as the board
 * has it) and its GO decision, which gates the live run.
 */

export interface RunbookTarget {
  session: BoardSession;
  version: JiraVersion;
  versionId: string;
  releaseType: ReleaseType;
  decision: { value: 'GO' | 'NO_GO'; decidedAt: string; decidedBy: UserSummary } | null;
}

/** `otherVersionIds`: further versions the payload names (a runbook's source), which the session must know. */
export async function openRunbook(deps: AppDeps, context: InvocationContext, versionId: string | undefined, otherVersionIds: readonly string[] = []): Promise<RunbookTarget> {
  // Cached session facts: a step change and a watcher's refresh ask Jira nothing (session-facts.ts).
  const session = await openSession(deps, context, { cached: true, versionIds: [...(versionId === undefined ? [] : [versionId]), ...otherVersionIds] });
  let id = versionId;
  if (id === undefined) {
    const candidates = pickerVersions(session.versions);
    const next = candidates.find((v) => !v.released) ?? candidates[0];
    if (!next) throw new AppError('NOT_FOUND', `${session.project.key} has no versions yet: create one in Jira's Releases page.`);
    id = String(next.id);
  }
  const version = requireVersion(session, id);
  const board = await readBoardState(deps.store, session.project.id, id);
  const decided = board.decision?.value.decision;
  return {
    session,
    version,
    versionId: id,
    releaseType: board.board?.value.releaseType ?? inferReleaseType(version),
    decision: decided ? { value: decided.value, decidedAt: decided.decidedAt, decidedBy: decided.decidedBy } : null,
  };
}

export function requireReleaseManager(session: BoardSession, what: string): void {
  if (!session.isReleaseManager) throw new AppError('FORBIDDEN', `Only administrators of ${session.project.key} and its release managers can ${what}.`);
}

/** Owners act on their steps: the named person, or anyone in the named group (the session's groups, kept a few minutes). */
export function stepActors(session: BoardSession): (step: RunbookStep) => Promise<boolean> {
  return async (step) => {
    if (session.isReleaseManager) return true;
    if (!step.owner) return false;
    if (step.owner.type === 'user') return step.owner.accountId === session.context.accountId;
    return session.memberOf(step.owner.groupName);
  };
}

/** A checkpoint's vote belongs to its named approvers only; every other action to owners and release managers. */
export async function requireStepActor(session: BoardSession, step: RunbookStep, action: StepAction): Promise<void> {
  if (action.type === 'vote') {
    if (!approversOf(step).includes(session.context.accountId)) throw new AppError('FORBIDDEN', `Only the named approvers of “${step.title}” vote on it; everyone else follows along.`);
  } else if (!(await stepActors(session)(step))) {
    throw new AppError('FORBIDDEN', `Only the owner of “${step.title}” and the release managers of ${session.project.key} can act on it; everyone else follows along.`);
  }
}

/** An audit entry of a runbook change, keyed so it sorts by time; written with the change. */
export function auditOf(session: BoardSession, actor: UserSummary, at: string, target: { scope: string; versionId: string; versionName: string }, change: AuditChange): PendingAudit {
  return runbookAudit(session.project.id, target.scope, newAuditEntry(actor, at, target, change));
}
