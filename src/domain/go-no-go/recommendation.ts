import type { BoardRisk, CriterionResult, GoNoGoDecision, ReadinessEvidence, RoleSignOff, UserSummary } from '../../contract-go-no-go';

/**
 * What the top of the Go/No-Go page says before anything else: whether the release is decided,
 * what the evidence recommends, the few things that stand in the way (each pointing at where it
 * is dealt with) and who still has to vote.
 *
 * The recommendation is advice, never the decision: a release manager records that. It is stricter
 * than the GO check (src/domain/go-no-go/decision.ts) on two points a policy may leave out of its
 * criteria, because people look for them first: a role's NO-GO vote and an open critical risk.
 */

export type RecommendationValue = 'GO' | 'NO_GO' | 'NOT_YET';

/** The detail sections of the page a blocker points at. */
export type BoardSection = 'criteria' | 'signoffs' | 'risks' | 'readiness';

export type BlockerTarget = { kind: 'section'; section: BoardSection } | { kind: 'issue'; issueKey: string };

export interface Blocker {
  /** Stable within one board: for list keys and tests. */
  id: string;
  text: string;
  target: BlockerTarget;
  /** `stops`: a reason for NO-GO; `open`: not settled yet. */
  weight: 'stops' | 'open';
}

export interface RoleAwaitingVote {
  roleId: string;
  roleName: string;
  /** The role's named approvers; none of them has voted in this round. Empty: nobody is named. */
  people: UserSummary[];
}

export interface Recommendation {
  value: RecommendationValue;
  headline: string;
  /** The first `limit` blockers, those that stop the release first. */
  blockers: Blocker[];
  /** Blockers left out of the short list. */
  moreBlockers: number;
  /** Roles nobody has voted for yet; empty once the round is decided. */
  awaitingVotes: RoleAwaitingVote[];
}

export type DecisionState = { decided: false } | { decided: true; value: GoNoGoDecision['value']; by: UserSummary; at: string; round: number };

export interface RecommendationInputs {
  criteria: readonly CriterionResult[];
  readiness: Pick<ReadinessEvidence, 'blockingIssues' | 'blockingCount'>;
  risks: readonly BoardRisk[];
  signOffs: readonly RoleSignOff[];
  decision?: Pick<GoNoGoDecision, 'value' | 'decidedBy' | 'decidedAt' | 'round'>;
}

export const SHORT_LIST = 6;

/** The criteria that judge the release's issues: their blocking issues are listed one by one instead. */
const ISSUE_RULES = new Set<string | undefined>(['no-open-blocker-bugs', 'no-open-blocking-links']);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function decisionState(decision: RecommendationInputs['decision']): DecisionState {
  return decision ? { decided: true, value: decision.value, by: decision.decidedBy, at: decision.decidedAt, round: decision.round } : { decided: false };
}

function isOpen(risk: BoardRisk): boolean {
  return risk.status === 'open' || risk.status === 'mitigating';
}

export function recommend(inputs: RecommendationInputs, limit = SHORT_LIST): Recommendation {
  const blocking = inputs.criteria.filter((c) => c.blocking);
  const failing = blocking.filter((c) => c.status === 'fail');
  const unsettled = blocking.filter((c) => c.status === 'pending' || c.status === 'not-available');
  const vetoes = inputs.signOffs.filter((s) => s.state === 'NO_GO');
  const critical = inputs.risks.filter((r) => isOpen(r) && r.level === 'critical');
  const issues = inputs.readiness.blockingIssues;
  // An issue criterion that fails is shown as its issues when the evidence names them.
  const listedAsIssues = (c: CriterionResult) => ISSUE_RULES.has(c.rule) && issues.length > 0;
  const issuesStop = failing.some(listedAsIssues);
  // A veto already says why the quorum criterion fails.
  const saidByVeto = (c: CriterionResult) => c.rule === 'sign-off-quorum' && vetoes.length > 0;

  const stops: Blocker[] = [
    ...vetoes.map((s): Blocker => ({ id: `veto-${s.roleId}`, text: `${s.roleName} voted NO-GO`, target: { kind: 'section', section: 'signoffs' }, weight: 'stops' })),
    ...failing.filter((c) => !listedAsIssues(c) && !saidByVeto(c)).map((c): Blocker => ({ id: `criterion-${c.id}`, text: `${c.title}: ${c.detail}`, target: { kind: 'section', section: 'criteria' }, weight: 'stops' })),
    ...critical.map((r): Blocker => ({ id: `risk-${r.id}`, text: `Critical risk open: ${r.title}`, target: { kind: 'section', section: 'risks' }, weight: 'stops' })),
    ...(issuesStop ? issues.map((i): Blocker => ({ id: `issue-${i.key}`, text: `${i.key} ${i.summary}${i.reasons.length ? ` (${i.reasons.join('; ')})` : ''}`, target: { kind: 'issue', issueKey: i.key }, weight: 'stops' })) : []),
  ];
  // Issues the evidence counted but could not list (the list is capped) still count.
  const unlistedIssues = issuesStop ? Math.max(0, inputs.readiness.blockingCount - issues.length) : 0;
  const open: Blocker[] = unsettled.map((c) => ({ id: `criterion-${c.id}`, text: `${c.title}: ${c.detail}`, target: { kind: 'section', section: 'criteria' }, weight: 'open' }));
  const all = [...stops, ...open];

  const value: RecommendationValue = stops.length > 0 ? 'NO_GO' : open.length > 0 ? 'NOT_YET' : 'GO';
  const awaitingVotes = inputs.decision
    ? []
    : inputs.signOffs.filter((s) => s.state === 'PENDING').map((s) => ({ roleId: s.roleId, roleName: s.roleName, people: [...s.approvers] }));
  return {
    value,
    headline: headlineOf(value, stops.length + unlistedIssues, open.length, inputs.criteria),
    blockers: all.slice(0, limit),
    moreBlockers: Math.max(0, all.length - limit) + unlistedIssues,
    awaitingVotes,
  };
}

function headlineOf(value: RecommendationValue, stops: number, open: number, criteria: readonly CriterionResult[]): string {
  // The list below holds both kinds: the count names both, so it adds up to what is listed.
  if (value === 'NO_GO') return `Recommend NO-GO: ${plural(stops, 'item stops', 'items stop')} the release${open ? ` · ${open} still open` : ''}.`;
  if (value === 'NOT_YET') return `Not ready to decide: ${plural(open, 'blocking criterion is', 'blocking criteria are')} not settled yet.`;
  const advisory = criteria.filter((c) => !c.blocking && c.status === 'fail').length;
  return `Recommend GO: every blocking criterion is met${advisory ? `; ${plural(advisory, 'advisory criterion fails', 'advisory criteria fail')}` : ''}.`;
}
