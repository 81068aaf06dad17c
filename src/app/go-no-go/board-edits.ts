import type {
  AddOrUpdateRiskPayload,
  GoNoGoBoardView,
  ReleaseType,
  ReleaseTypePolicy,
  SaveBoardConfigPayload,
  TickCriterionPayload,
  VersionOnlyPayload,
} from '../../contract-go-no-go';
import { RELEASE_TYPE_LABELS } from '../../contract-go-no-go';
import { parseCalendarDate } from '../../domain/calendar/calendar-date';
import type { RiskRecord } from '../../domain/go-no-go/board';
import { inferReleaseType } from '../../domain/go-no-go/policies';
import { riskLevel, riskScore } from '../../domain/go-no-go/risks';
import { AppError } from '../../errors';
import type { JiraVersion } from '../../integrations/jira/types';
import type { TransactOperation } from '../../ports';
import { type BoardDoc, type DecisionDoc, boardDoc, emptyBoard, guardedUpdate, readBoard } from '../../store/go-no-go-store';
import type { SplitDoc } from '../../store/sharded-list';
import { keys } from '../../store/keys';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { auditOf } from './audit';
import { boardView } from './board-view';
import { type BoardSession, openSession, requireReleaseManager, requireVersion } from './session';

/**
 * Risks per release: a register longer than this is no longer read in a Go/No-Go meeting (a product
 * rule; the risks are split by bytes from the board, so long text does not fill it first).
 */
export const MAX_RISKS = 100;

/** Board changes land only while the board's round has no decision (checked in the same write). */
export function undecidedGuard(session: BoardSession, versionId: string) {
  return async (board: BoardDoc): Promise<TransactOperation[]> => {
    const key = keys.goNoGoDecision(session.project.id, versionId, board.round);
    const decision = await session.deps.store.getVersioned<DecisionDoc>(key);
    if (decision) {
      const value = decision.value.decision.value === 'GO' ? 'GO' : 'NO-GO';
      throw new AppError('CONFLICT', `The ${value} decision is recorded: the board of this round is frozen.`);
    }
    return [{ kind: 'check', key, expectRev: 0 }];
  };
}

interface BoardTarget {
  session: BoardSession;
  version: JiraVersion;
  versionId: string;
  board: BoardDoc;
  releaseType: ReleaseType;
  policy: ReleaseTypePolicy;
}

async function openBoard(deps: AppDeps, context: InvocationContext, versionId: string): Promise<BoardTarget> {
  const session = await openSession(deps, context);
  const version = requireVersion(session, versionId);
  const board = (await readBoard(deps.store, session.project.id, versionId))?.value ?? emptyBoard();
  const releaseType = board.releaseType ?? inferReleaseType(version);
  return { session, version, versionId, board, releaseType, policy: session.settings.policies[releaseType] };
}

/** Release managers and the named approvers of the release's type work on its board. */
function requireParticipant(target: BoardTarget, what: string): void {
  const { session, policy } = target;
  if (session.isReleaseManager || policy.roles.some((r) => r.approverAccountIds.includes(session.context.accountId))) return;
  throw new AppError('FORBIDDEN', `Only release managers of ${session.project.key} and the release's approvers can ${what}.`);
}

function boardKey(target: BoardTarget): SplitDoc {
  return boardDoc(target.session.project.id, target.versionId);
}

export async function saveBoardConfig(deps: AppDeps, context: InvocationContext, payload: SaveBoardConfigPayload): Promise<GoNoGoBoardView> {
  const target = await openBoard(deps, context, payload.versionId);
  const { session, version } = target;
  requireReleaseManager(session, 'choose the release type');
  const actor = await session.actor();
  const at = deps.clock.now().toISOString();
  await guardedUpdate<BoardDoc>(deps.store, boardKey(target), {
    initial: emptyBoard,
    guard: undecidedGuard(session, payload.versionId),
    change: (board) => {
      if (board.releaseType === payload.releaseType) return undefined;
      const before = board.releaseType ?? inferReleaseType(version);
      return {
        next: { ...board, releaseType: payload.releaseType },
        audit: [
          auditOf(session, actor, at, { versionId: payload.versionId, versionName: version.name }, {
            action: 'board.release-type',
            summary: `Set the release type to ${RELEASE_TYPE_LABELS[payload.releaseType]}${board.releaseType ? '' : ` (was inferred as ${RELEASE_TYPE_LABELS[before]})`}.`,
            before: { releaseType: board.releaseType ?? null },
            after: { releaseType: payload.releaseType },
          }),
        ],
      };
    },
  });
  return boardView(session, payload.versionId);
}

function sameRisk(a: RiskRecord, b: RiskRecord): boolean {
  const strip = ({ createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...rest }: RiskRecord) => ({ ...rest, owner: rest.owner?.accountId });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

export async function addOrUpdateRisk(deps: AppDeps, context: InvocationContext, payload: AddOrUpdateRiskPayload): Promise<GoNoGoBoardView> {
  const target = await openBoard(deps, context, payload.versionId);
  const { session, version } = target;
  requireParticipant(target, 'change its risk register');
  const input = payload.risk;
  if (input.dueDate !== undefined && !parseCalendarDate(input.dueDate)) {
    throw new AppError('VALIDATION', 'The risk was not saved.', [`risk.dueDate: “${input.dueDate}” is not a calendar date.`]);
  }
  const score = riskScore(input.likelihood, input.impact);
  const [actor, owners] = await Promise.all([session.actor(), input.ownerAccountId ? session.jira.usersByIds([input.ownerAccountId]) : Promise.resolve([])]);
  const owner = owners[0];
  if (input.ownerAccountId && !owner) throw new AppError('VALIDATION', 'The risk was not saved.', [`risk.ownerAccountId: Jira has no user “${input.ownerAccountId.slice(0, 60)}”.`]);
  const at = deps.clock.now().toISOString();
  await guardedUpdate<BoardDoc>(deps.store, boardKey(target), {
    initial: emptyBoard,
    guard: undecidedGuard(session, payload.versionId),
    change: (board) => {
      const existing = board.risks.find((r) => r.id === input.id);
      if (!existing && board.risks.length >= MAX_RISKS) {
        throw new AppError('VALIDATION', `A release holds at most ${MAX_RISKS} risks; close and reuse one instead.`, ['risk: the register is full.']);
      }
      const record: RiskRecord = {
        id: input.id,
        title: input.title.trim(),
        description: input.description.trim(),
        likelihood: input.likelihood,
        impact: input.impact,
        ...(owner ? { owner: { accountId: owner.accountId, displayName: owner.displayName } } : {}),
        mitigation: input.mitigation.trim(),
        ...(input.dueDate ? { dueDate: input.dueDate } : {}),
        status: input.status,
        createdAt: existing?.createdAt ?? at,
        createdBy: existing?.createdBy ?? actor,
        updatedAt: at,
        updatedBy: actor,
      };
      if (existing && sameRisk(existing, record)) return undefined;
      const risks = existing ? board.risks.map((r) => (r.id === input.id ? record : r)) : [...board.risks, record];
      const what = `“${record.title}” (${record.likelihood}×${record.impact} = ${score}, ${riskLevel(score)}, ${record.status})`;
      return {
        next: { ...board, risks },
        audit: [
          auditOf(session, actor, at, { versionId: payload.versionId, versionName: version.name }, {
            action: existing ? 'risk.updated' : 'risk.added',
            summary: existing ? `Updated risk ${what}.` : `Added risk ${what}.`,
            ...(existing ? { before: existing } : {}),
            after: record,
          }),
        ],
      };
    },
  });
  return boardView(session, payload.versionId);
}

export const MIN_EVIDENCE = 3;

export async function tickCriterion(deps: AppDeps, context: InvocationContext, payload: TickCriterionPayload): Promise<GoNoGoBoardView> {
  const target = await openBoard(deps, context, payload.versionId);
  const { session, version, policy, releaseType } = target;
  const criterion = policy.criteria.find((c) => c.id === payload.criterionId);
  if (!criterion) {
    throw new AppError('VALIDATION', `A ${RELEASE_TYPE_LABELS[releaseType].toLowerCase()} release has no exit criterion “${payload.criterionId}”.`, ['criterionId: unknown criterion.']);
  }
  if (criterion.kind !== 'manual') throw new AppError('VALIDATION', `“${criterion.title}” is checked automatically; it cannot be ticked.`, ['criterionId: not a manual criterion.']);
  requireParticipant(target, 'tick exit criteria');
  const evidence = payload.evidence.trim();
  if (payload.ticked && evidence.length < MIN_EVIDENCE) {
    throw new AppError('VALIDATION', 'A ticked criterion needs its evidence: a link or a short note.', ['evidence: required when ticking.']);
  }
  const actor = await session.actor();
  const at = deps.clock.now().toISOString();
  await guardedUpdate<BoardDoc>(deps.store, boardKey(target), {
    initial: emptyBoard,
    guard: undecidedGuard(session, payload.versionId),
    change: (board) => {
      const before = board.ticks[criterion.id];
      if (before && before.ticked === payload.ticked && before.evidence === evidence) return undefined;
      const tick = { ticked: payload.ticked, evidence, by: actor, at };
      return {
        next: { ...board, ticks: { ...board.ticks, [criterion.id]: tick } },
        audit: [
          auditOf(session, actor, at, { versionId: payload.versionId, versionName: version.name }, {
            action: payload.ticked ? 'criterion.ticked' : 'criterion.unticked',
            summary: `${payload.ticked ? 'Ticked' : 'Unticked'} “${criterion.title}”${evidence ? `: ${evidence}` : ''}.`,
            ...(before ? { before } : {}),
            after: tick,
          }),
        ],
      };
    },
  });
  return boardView(session, payload.versionId);
}

/** After a NO-GO, a release manager opens a new round: fresh votes, the same risks and ticks. */
export async function startNewRound(deps: AppDeps, context: InvocationContext, payload: VersionOnlyPayload): Promise<GoNoGoBoardView> {
  const target = await openBoard(deps, context, payload.versionId);
  const { session, version } = target;
  requireReleaseManager(session, 'start a new Go/No-Go round');
  const actor = await session.actor();
  const at = deps.clock.now().toISOString();
  const round = target.board.round;
  await guardedUpdate<BoardDoc>(deps.store, boardKey(target), {
    initial: emptyBoard,
    guard: async (board) => {
      const key = keys.goNoGoDecision(session.project.id, payload.versionId, board.round);
      const decision = await deps.store.getVersioned<DecisionDoc>(key);
      if (!decision) throw new AppError('VALIDATION', 'A new round follows a recorded NO-GO decision; this round has no decision yet.', ['versionId: no decision in this round.']);
      if (decision.value.decision.value === 'GO') throw new AppError('CONFLICT', 'The release has a GO decision: there is no new round after a GO.');
      return [{ kind: 'check', key, expectRev: decision.rev }];
    },
    change: (board) => {
      if (board.round !== round) return undefined;
      return {
        next: { ...board, round: round + 1 },
        audit: [
          auditOf(session, actor, at, { versionId: payload.versionId, versionName: version.name }, {
            action: 'round.started',
            summary: `Started Go/No-Go round ${round + 1} after the NO-GO of round ${round}.`,
            before: { round },
            after: { round: round + 1 },
          }),
        ],
      };
    },
  });
  return boardView(session, payload.versionId);
}
