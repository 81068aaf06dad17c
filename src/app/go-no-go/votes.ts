import type { CastVotePayload, GoNoGoBoardView, SignOffVote } from '../../contract-go-no-go';
import { RELEASE_TYPE_LABELS, VOTE_LABELS } from '../../contract-go-no-go';
import { inferReleaseType } from '../../domain/go-no-go/policies';
import { AppError } from '../../errors';
import { type DecisionDoc, type VotesDoc, emptyBoard, guardedUpdate, readBoard, votesDoc } from '../../store/go-no-go-store';
import { keys } from '../../store/keys';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { auditOf } from './audit';
import { boardView, recentEvidence } from './board-view';
import { openSession, requireVersion, userOf } from './session';

/** Votes per round: far more than any meeting casts (a product rule; the votes are split by bytes, so long comments do not fill the round). */
export const MAX_VOTES_PER_ROUND = 200;

/**
 * A vote is a new record appended to the round's votes in a transaction that also checks the
 * round has no decision yet: two approvers voting at the same moment both count (the later write
 * retries on the new revision), the same vote id sent twice counts once, and no vote lands after
 * the decision.
 */
export async function castVote(deps: AppDeps, context: InvocationContext, payload: CastVotePayload): Promise<GoNoGoBoardView> {
  const session = await openSession(deps, context);
  const version = requireVersion(session, payload.versionId);
  const board = (await readBoard(deps.store, session.project.id, payload.versionId))?.value ?? emptyBoard();
  const releaseType = board.releaseType ?? inferReleaseType(version);
  const policy = session.settings.policies[releaseType];
  const role = policy.roles.find((r) => r.id === payload.roleId);
  if (!role) {
    throw new AppError('VALIDATION', `A ${RELEASE_TYPE_LABELS[releaseType].toLowerCase()} release has no sign-off role “${payload.roleId}”.`, ['roleId: unknown role.']);
  }
  if (!role.approverAccountIds.includes(context.accountId)) {
    const names = role.approverAccountIds.map(userOf(session)).map((u) => u.displayName);
    throw new AppError('FORBIDDEN', `Only the named approvers of ${role.name} can vote for it${names.length ? ` (${names.join(', ')})` : '; none is named yet'}.`);
  }
  const comment = payload.comment.trim();
  if (payload.value !== 'GO' && !comment) {
    throw new AppError('VALIDATION', `A ${VOTE_LABELS[payload.value]} vote needs a comment${payload.value === 'GO_WITH_CONDITIONS' ? ' naming the conditions' : ' saying why'}.`, ['comment: required for this vote.']);
  }
  const actor = await session.actor();
  const at = deps.clock.now().toISOString();
  const round = board.round;
  const decisionKey = keys.goNoGoDecision(session.project.id, payload.versionId, round);
  await guardedUpdate<VotesDoc>(deps.store, votesDoc(session.project.id, payload.versionId, round), {
    initial: () => ({ votes: [] }),
    backoff: (attempt) => deps.timing.sleep(Math.round(deps.timing.random() * 20 * attempt)),
    guard: async () => {
      if (await deps.store.getVersioned<DecisionDoc>(decisionKey)) throw new AppError('CONFLICT', 'The decision is recorded: votes are closed for this round.');
      return [{ kind: 'check', key: decisionKey, expectRev: 0 }];
    },
    change: (doc) => {
      const same = doc.votes.find((v) => v.id === payload.voteId);
      if (same) {
        if (same.voter.accountId !== context.accountId) throw new AppError('CONFLICT', 'That vote id was used by someone else: reload and vote again.');
        return undefined;
      }
      if (doc.votes.length >= MAX_VOTES_PER_ROUND) throw new AppError('VALIDATION', `A round holds at most ${MAX_VOTES_PER_ROUND} votes.`, ['voteId: the round is full.']);
      const previous = doc.votes.filter((v) => v.roleId === role.id && v.voter.accountId === context.accountId).at(-1);
      const vote: SignOffVote = { id: payload.voteId, roleId: role.id, voter: actor, value: payload.value, comment, at, round };
      const summary = previous
        ? `Changed the ${role.name} vote from ${VOTE_LABELS[previous.value]} to ${VOTE_LABELS[vote.value]}${comment ? `: ${comment}` : ''}.`
        : `Voted ${VOTE_LABELS[vote.value]} for ${role.name}${comment ? `: ${comment}` : ''}.`;
      return {
        next: { votes: [...doc.votes, vote] },
        audit: [
          auditOf(session, actor, at, { versionId: payload.versionId, versionName: version.name }, {
            action: previous ? 'vote.changed' : 'vote.cast',
            summary,
            ...(previous ? { before: previous } : {}),
            after: vote,
          }),
        ],
      };
    },
  });
  // Only the votes changed: the evidence the voter's board just read is reused (EVIDENCE_REUSE_MS).
  return boardView(session, payload.versionId, await recentEvidence(session, payload.versionId));
}
