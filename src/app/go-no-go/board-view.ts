import { readFrozenRun } from '../../store/runbook-store';
import { runReview } from '../../domain/runbook/review';
import { createHash } from 'node:crypto';
import type { BoardVersionOption, GetGoNoGoBoardPayload, GoNoGoBoardView, PlanEvidence, ReadinessEvidence } from '../../contract-go-no-go';
import { type CalendarDate, calendarDateIn } from '../../domain/calendar/calendar-date';
import { type BoardEvaluation, evaluateBoard } from '../../domain/go-no-go/board';
import { inferReleaseType } from '../../domain/go-no-go/policies';
import { AppError } from '../../errors';
import { sortReleases } from '../../domain/releases/release-summary';
import type { JiraVersion } from '../../integrations/jira/types';
import { type BoardState, type IndexDoc, type ReviewDoc, emptyBoard, readBoardState } from '../../store/go-no-go-store';
import { keys } from '../../store/keys';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { toVersionFacts } from '../project-releases';
import { goNoGoEvidence } from './evidence';
import { indexDecision } from './release-index';
import { pirItem } from './reviews';
import { type BoardSession, openSession, requireVersion, userOf } from './session';

export function versionOption(version: JiraVersion): BoardVersionOption {
  return {
    id: String(version.id),
    name: version.name,
    ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}),
    released: version.released === true,
    archived: version.archived === true,
  };
}

/** Unreleased versions by release date first, then released ones, newest first; archived ones left out. */
export function pickerVersions(versions: JiraVersion[]): JiraVersion[] {
  const byId = new Map(versions.map((v) => [String(v.id), v]));
  return sortReleases(versions.filter((v) => !v.archived).map(toVersionFacts)).map((f) => byId.get(f.id) as JiraVersion);
}

export interface BoardFacts {
  version: JiraVersion;
  state: BoardState;
  readiness: ReadinessEvidence;
  plan: PlanEvidence;
  evaluation: BoardEvaluation;
  releaseType: GoNoGoBoardView['releaseType'];
  today: CalendarDate;
}

/** Reads the evidence (Jira, release plan) for a version; once per request. */
export async function readEvidence(session: BoardSession, version: JiraVersion): Promise<{ readiness: ReadinessEvidence; plan: PlanEvidence }> {
  const sources = goNoGoEvidence(session.deps);
  const request = {
    jira: session.jira,
    context: session.context,
    access: session.access,
    projectId: session.project.id,
    projectKey: session.project.key,
    versionId: String(version.id),
    version,
    now: session.deps.clock.now(),
  };
  const [readiness, plan] = await Promise.all([sources.readiness.readiness(request), sources.plan.forVersion(request)]);
  return { readiness, plan };
}

/**
 * A vote changes the votes only, not the evidence: its answer reuses the evidence the voter's own
 * board read at most this long ago (stated by the evidence's `computedAt`) instead of reading
 * Jira and the whole release calendar again. Per viewer, since what Jira shows depends on who asks.
 */
export const EVIDENCE_REUSE_MS = 5 * 60_000;

interface EvidenceDoc {
  at: string;
  evidence: { readiness: ReadinessEvidence; plan: PlanEvidence };
}

function evidenceKey(session: BoardSession, versionId: string): string {
  return keys.goNoGoEvidence(session.project.id, versionId, createHash('sha256').update(session.context.accountId).digest('hex').slice(0, 32));
}

/** The evidence this viewer's board read for the version within EVIDENCE_REUSE_MS, if any. */
export async function recentEvidence(session: BoardSession, versionId: string): Promise<EvidenceDoc['evidence'] | undefined> {
  const doc = await session.deps.store.get<EvidenceDoc>(evidenceKey(session, versionId));
  const age = doc ? session.deps.clock.now().getTime() - Date.parse(doc.at) : Number.POSITIVE_INFINITY;
  return doc && age >= 0 && age <= EVIDENCE_REUSE_MS ? doc.evidence : undefined;
}

/** What the board concludes for a state: the same function serves the view and the decision. */
export function evaluate(session: BoardSession, version: JiraVersion, state: BoardState, evidence: { readiness: ReadinessEvidence; plan: PlanEvidence }): BoardFacts {
  const board = state.board?.value ?? emptyBoard();
  const releaseType = board.releaseType ?? inferReleaseType(version);
  const today = calendarDateIn(session.deps.clock.now(), session.deps.timeZone);
  const evaluation = evaluateBoard({
    policy: session.settings.policies[releaseType],
    readiness: evidence.readiness,
    plan: evidence.plan,
    risks: board.risks,
    ticks: board.ticks,
    votes: state.votes?.value.votes ?? [],
    viewerAccountId: session.context.accountId,
    userOf: userOf(session),
    today,
  });
  return { version, state, ...evidence, evaluation, releaseType, today };
}

async function readAndKeepEvidence(session: BoardSession, version: JiraVersion): Promise<EvidenceDoc['evidence']> {
  const at = session.deps.clock.now().toISOString();
  const evidence = await readEvidence(session, version);
  await session.deps.store.set<EvidenceDoc>(evidenceKey(session, String(version.id)), { at, evidence });
  return evidence;
}

export async function boardView(session: BoardSession, versionId: string, evidence?: { readiness: ReadinessEvidence; plan: PlanEvidence }): Promise<GoNoGoBoardView> {
  const version = requireVersion(session, versionId);
  const { store } = session.deps;
  const [state, read, index, review, goLive] = await Promise.all([
    readBoardState(store, session.project.id, versionId),
    evidence ? Promise.resolve(evidence) : readAndKeepEvidence(session, version),
    store.getVersioned<IndexDoc>(keys.goNoGoIndex(session.project.id)),
    store.getVersioned<ReviewDoc>(keys.goNoGoReview(session.project.id, versionId)),
    readFrozenRun(store, session.project.id, versionId),
  ]);
  const facts = evaluate(session, version, state, read);
  const board = state.board?.value ?? emptyBoard();
  const policy = session.settings.policies[facts.releaseType];
  const decided = state.decision !== undefined;
  const participant = session.isReleaseManager || policy.roles.some((r) => r.approverAccountIds.includes(session.context.accountId));
  let indexEntry = index?.value.releases[versionId];
  const current = state.decision?.value.decision;
  if (current && indexEntry?.decisionId !== current.id) {
    // The decision landed but the project's list missed it (the write after it failed): catch up.
    await indexDecision(session, current);
    indexEntry = (await store.getVersioned<IndexDoc>(keys.goNoGoIndex(session.project.id)))?.value.releases[versionId];
  }
  const e = facts.evaluation;
  return {
    project: session.project,
    generatedAt: session.deps.clock.now().toISOString(),
    today: facts.today,
    versions: pickerVersions(session.versions).map(versionOption),
    version: {
      ...versionOption(version),
      ...(version.description ? { description: version.description } : {}),
      ...(version.startDate ? { startDate: version.startDate } : {}),
    },
    releaseType: facts.releaseType,
    releaseTypeSource: board.releaseType ? 'chosen' : 'inferred',
    policy,
    round: state.round,
    readiness: facts.readiness,
    plan: facts.plan,
    criteria: e.criteria,
    verdict: e.verdict,
    verdictReasons: e.verdictReasons,
    rag: e.rag,
    risks: e.risks,
    riskRollup: e.riskRollup,
    signOffs: e.signOffs,
    quorum: e.quorum,
    ...(state.decision ? { decision: state.decision.value.decision } : {}),
    earlierDecisions: state.earlierDecisions,
    ...(indexEntry && indexEntry.value === 'GO' ? { pir: pirItem(versionId, indexEntry, review?.value.review, facts.today) } : {}),
    // The review opens with the go-live's planned against actual, once its run is frozen.
    ...(goLive ? { goLive: runReview(goLive) } : {}),
    permissions: {
      isReleaseManager: session.isReleaseManager,
      canEditRisks: participant && !decided,
      canTick: participant && !decided,
      canReview: participant,
    },
  };
}

/** The board's first paint in one call: the version picker and the chosen (or next) release's board. */
export async function getGoNoGoBoard(deps: AppDeps, context: InvocationContext, payload: GetGoNoGoBoardPayload): Promise<GoNoGoBoardView> {
  const session = await openSession(deps, context);
  let versionId = payload.versionId;
  if (versionId === undefined) {
    const candidates = pickerVersions(session.versions);
    const next = candidates.find((v) => !v.released) ?? candidates[0] ?? session.versions[0];
    if (!next) throw new AppError('NOT_FOUND', `${session.project.key} has no versions yet: create one in Jira's Releases page.`);
    versionId = String(next.id);
  }
  return boardView(session, versionId);
}
