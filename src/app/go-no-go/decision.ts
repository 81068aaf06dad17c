import type {
  GoNoGoBoardView,
  GoNoGoDecision,
  JiraReleaseOutcome,
  MarkVersionReleasedPayload,
  RecordDecisionPayload,
  UserSummary,
} from '../../contract-go-no-go';
import { calendarDateIn } from '../../domain/calendar/calendar-date';
import { checkDecision, decisionSnapshot } from '../../domain/go-no-go/decision';
import { AppError, ConflictError } from '../../errors';
import type { JiraVersion } from '../../integrations/jira/types';
import { type DecisionDoc, createDecision, guardedUpdate, readBoardState } from '../../store/go-no-go-store';
import { keys } from '../../store/keys';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { auditOf } from './audit';
import { boardView, evaluate, readEvidence } from './board-view';
import { checkReleaseRequest, versionSelf } from './release-choices';
import { indexDecision } from './release-index';
import { type BoardSession, openSession, requireReleaseManager, requireVersion } from './session';
import { forgetProjectVersions } from '../session-facts';

const label = (value: 'GO' | 'NO_GO') => (value === 'GO' ? 'GO' : 'NO-GO');

function describeFailure(error: unknown): string {
  if (error instanceof AppError) return [error.message, ...(error.details ?? [])].join(' ');
  return 'The request to Jira failed.';
}

/**
 * Asks Jira, as the user, to mark the version released today (in the project's zone), moving its
 * unresolved issues when asked, and records what happened with the decision. A refusal (e.g. no
 * Administer Projects permission) leaves the decision standing.
 */
async function releaseInJira(session: BoardSession, version: JiraVersion, decision: GoNoGoDecision, actor: UserSummary, moveTo: JiraVersion | undefined): Promise<JiraReleaseOutcome> {
  const { deps } = session;
  const at = deps.clock.now().toISOString();
  const versionId = String(version.id);
  let outcome: JiraReleaseOutcome;
  if (version.released) {
    outcome = { status: 'released', at, by: actor, ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}), message: 'Jira already had the version released.' };
  } else {
    const releaseDate = calendarDateIn(deps.clock.now(), deps.timeZone);
    try {
      const updated = await session.jira.updateVersion(versionId, { released: true, releaseDate, ...(moveTo ? { moveUnfixedIssuesTo: versionSelf(moveTo) } : {}) });
      session.versions = session.versions.map((v) => (String(v.id) === versionId ? { ...v, ...updated, released: true, releaseDate } : v));
      await forgetProjectVersions(deps, session.project.id);
      outcome = { status: 'released', at, by: actor, releaseDate, ...(moveTo ? { message: `Unresolved issues moved to ${moveTo.name}.` } : {}) };
    } catch (error) {
      outcome = { status: 'failed', at, by: actor, message: `Jira did not mark ${version.name} released: ${describeFailure(error)}` };
    }
  }
  const key = keys.goNoGoDecision(session.project.id, versionId, decision.round);
  await guardedUpdate<DecisionDoc>(deps.store, key, {
    initial: () => {
      throw new AppError('INTERNAL', 'The decision to attach the Jira release to is missing.');
    },
    change: (doc) => {
      if (doc.decision.jiraRelease?.status === 'released') return undefined;
      return {
        next: { decision: { ...doc.decision, jiraRelease: outcome } },
        audit: [
          auditOf(session, actor, at, { versionId, versionName: version.name }, {
            action: outcome.status === 'released' ? 'jira.version-released' : 'jira.release-failed',
            summary:
              outcome.status === 'released'
                ? `Marked ${version.name} released in Jira (${outcome.releaseDate ?? 'date kept'})${moveTo ? `, its unresolved issues moved to ${moveTo.name}` : ''}.`
                : (outcome.message ?? 'Jira did not release the version.'),
            before: { released: version.released === true, ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}) },
            after: outcome.status === 'released' ? { released: true, ...(outcome.releaseDate ? { releaseDate: outcome.releaseDate } : {}) } : { released: false, error: outcome.message },
          }),
        ],
      };
    },
  });
  return outcome;
}

export const MAX_DECISION_ATTEMPTS = 4;

/**
 * Records the round's decision once, with a frozen copy of the evidence it was made on. The write
 * checks that the board and the votes are still at the revisions evaluated, so a vote or a change
 * landing meanwhile makes the decision re-evaluate rather than freeze stale evidence.
 */
export async function recordDecision(deps: AppDeps, context: InvocationContext, payload: RecordDecisionPayload): Promise<GoNoGoBoardView> {
  const session = await openSession(deps, context);
  requireReleaseManager(session, 'record a Go/No-Go decision');
  const version = requireVersion(session, payload.versionId);
  if (payload.release && payload.value !== 'GO') {
    throw new AppError('VALIDATION', 'Only a GO releases the version. Nothing was recorded.', ['release: only with a GO decision.']);
  }
  // Checked before anything is written: a bad target refuses the whole request.
  if (payload.release) checkReleaseRequest(session, version, payload.release);
  const [actor, evidence] = await Promise.all([session.actor(), readEvidence(session, version)]);
  const comment = payload.comment.trim();
  let decision: GoNoGoDecision | undefined;
  for (let attempt = 1; !decision; attempt++) {
    const state = await readBoardState(deps.store, session.project.id, payload.versionId);
    if (state.decision) {
      const existing = state.decision.value.decision;
      if (existing.id !== payload.decisionId) {
        throw new AppError('CONFLICT', `A ${label(existing.value)} decision was already recorded by ${existing.decidedBy.displayName} at ${existing.decidedAt}: it cannot be recorded twice.`);
      }
      decision = existing; // the same request again (a double click or a retry)
      break;
    }
    const facts = evaluate(session, version, state, evidence);
    const check = checkDecision(payload.value, facts.evaluation.criteria, { comment, ...(payload.overrideJustification !== undefined ? { overrideJustification: payload.overrideJustification } : {}) });
    if (!check.allowed) throw new AppError('VALIDATION', check.problem, check.details);
    const at = deps.clock.now().toISOString();
    const candidate: GoNoGoDecision = {
      id: payload.decisionId,
      round: state.round,
      value: payload.value,
      decidedBy: actor,
      decidedAt: at,
      comment,
      ...(check.override ? { override: check.override } : {}),
      markReleasedRequested: payload.release !== undefined,
      ...(payload.release ? { releaseRequest: payload.release } : {}),
      snapshot: decisionSnapshot({
        at,
        round: state.round,
        releaseType: facts.releaseType,
        version: {
          id: String(version.id),
          name: version.name,
          ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}),
          released: version.released === true,
        },
        readiness: facts.readiness,
        plan: facts.plan,
        evaluation: facts.evaluation,
      }),
    };
    const audit = auditOf(session, actor, at, { versionId: payload.versionId, versionName: version.name }, {
      action: check.override ? 'decision.recorded-with-override' : 'decision.recorded',
      summary: `Recorded ${label(payload.value)} for round ${state.round}${check.override ? ` with an override: ${check.override.justification}` : ''}${comment ? ` (${comment})` : ''}.`,
      after: { value: payload.value, comment, override: check.override ?? null, markReleased: candidate.markReleasedRequested, ...(payload.release ? { release: payload.release } : {}), verdict: facts.evaluation.verdict },
    });
    const outcome = await createDecision(deps.store, session.project.id, payload.versionId, { decision: candidate, outbox: [audit] }, {
      boardRev: state.board?.rev ?? 0,
      votesRev: state.votes?.rev ?? 0,
    });
    if (outcome === 'created') decision = candidate;
    else if (outcome === 'stale' && attempt >= MAX_DECISION_ATTEMPTS) throw new ConflictError();
    // 'exists' or 'stale': read again; an existing decision is handled at the top of the loop.
  }
  await indexDecision(session, decision);
  if (decision.value === 'GO' && decision.markReleasedRequested && decision.jiraRelease?.status !== 'released') {
    // A retried request acts on the choice recorded with the decision, not on the retry's.
    const request = decision.releaseRequest ?? { unresolvedIssues: 'keep' as const };
    await releaseInJira(session, version, decision, actor, checkReleaseRequest(session, version, request));
  }
  return boardView(session, payload.versionId, evidence);
}

/** After a GO whose release in Jira failed or was not asked for: try again (as the user). */
export async function markVersionReleased(deps: AppDeps, context: InvocationContext, payload: MarkVersionReleasedPayload): Promise<GoNoGoBoardView> {
  const session = await openSession(deps, context);
  requireReleaseManager(session, 'mark the version released');
  const version = requireVersion(session, payload.versionId);
  const moveTo = checkReleaseRequest(session, version, payload.release);
  const state = await readBoardState(deps.store, session.project.id, payload.versionId);
  const decision = state.decision?.value.decision;
  if (decision?.value !== 'GO') throw new AppError('VALIDATION', `${version.name} has no GO decision: it is not released from the board.`, ['versionId: no GO decision.']);
  if (decision.jiraRelease?.status !== 'released') await releaseInJira(session, version, decision, await session.actor(), moveTo);
  return boardView(session, payload.versionId);
}

