import type { CriterionResult, DecisionSnapshot, DecisionValue, PlanEvidence, ReadinessEvidence, ReleaseType } from '../../contract-go-no-go';
import type { BoardEvaluation } from './board';

/**
 * Whether a decision may be recorded: a NO-GO always (with a reason), a GO only when every
 * blocking criterion passes, or with an override whose written justification says why the
 * release goes anyway.
 */

export const OVERRIDE_JUSTIFICATION_MIN = 20;

export type DecisionCheck =
  | { allowed: true; override?: { justification: string; failingCriteria: string[] } }
  | { allowed: false; problem: string; details: string[] };

export function checkDecision(value: DecisionValue, results: readonly CriterionResult[], input: { comment: string; overrideJustification?: string }): DecisionCheck {
  if (value === 'NO_GO') {
    return input.comment.trim()
      ? { allowed: true }
      : { allowed: false, problem: 'A NO-GO needs a comment saying why the release stops.', details: ['comment: say why the release stops'] };
  }
  const failing = results.filter((r) => r.blocking && r.status !== 'pass');
  if (failing.length === 0) return { allowed: true };
  const details = failing.map((r) => `${r.title}: ${r.detail}`);
  const justification = input.overrideJustification?.trim() ?? '';
  if (!justification) {
    return {
      allowed: false,
      problem: `GO is refused while ${failing.length === 1 ? 'a blocking exit criterion is' : `${failing.length} blocking exit criteria are`} not met. Record an override with a written justification to go anyway.`,
      details,
    };
  }
  if (justification.length < OVERRIDE_JUSTIFICATION_MIN) {
    return {
      allowed: false,
      problem: `An override justification needs at least ${OVERRIDE_JUSTIFICATION_MIN} characters: say why the release goes despite the failing criteria.`,
      details,
    };
  }
  return { allowed: true, override: { justification, failingCriteria: details } };
}

export interface SnapshotInputs {
  at: string;
  round: number;
  releaseType: ReleaseType;
  version: { id: string; name: string; releaseDate?: string; released: boolean };
  readiness: ReadinessEvidence;
  plan: PlanEvidence;
  evaluation: BoardEvaluation;
}

/**
 * The evidence a decision was made on, frozen: a deep copy, so nothing that changes later (Jira
 * issues, risks, votes, settings) changes what the decision record says.
 */
export function decisionSnapshot(inputs: SnapshotInputs): DecisionSnapshot {
  const e = inputs.evaluation;
  return structuredClone({
    capturedAt: inputs.at,
    round: inputs.round,
    releaseType: inputs.releaseType,
    version: inputs.version,
    readiness: inputs.readiness,
    plan: inputs.plan,
    criteria: e.criteria,
    risks: e.risks,
    riskRollup: e.riskRollup,
    signOffs: e.signOffs.map((s) => ({ roleId: s.roleId, roleName: s.roleName, approvers: s.approvers, state: s.state, votes: s.current })),
    quorum: e.quorum,
    verdict: e.verdict,
    rag: e.rag,
  });
}
