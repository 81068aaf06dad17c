import type {
  BoardRag,
  BoardRisk,
  CriterionResult,
  PlanEvidence,
  QuorumResult,
  ReadinessEvidence,
  ReleaseTypePolicy,
  RiskRollup,
  RiskStatus,
  RoleSignOff,
  SignOffVote,
  UserSummary,
  Verdict,
} from '../../contract-go-no-go';
import type { CalendarDate } from '../calendar/calendar-date';
import { type CriterionTick, boardRag, evaluateCriteria, verdictOf } from './criteria';
import { riskLevel, riskScore, rollUpRisks } from './risks';
import { evaluateQuorum, roleSignOffs } from './sign-offs';

/** A risk as it is kept: the score and level are derived, never stored. */
export interface RiskRecord {
  id: string;
  title: string;
  description: string;
  likelihood: number;
  impact: number;
  owner?: UserSummary;
  mitigation: string;
  dueDate?: string;
  status: RiskStatus;
  createdAt: string;
  createdBy: UserSummary;
  updatedAt: string;
  updatedBy: UserSummary;
}

export function toBoardRisk(risk: RiskRecord): BoardRisk {
  const score = riskScore(risk.likelihood, risk.impact);
  return { ...risk, score, level: riskLevel(score) };
}

const STATUS_ORDER: Record<RiskStatus, number> = { open: 0, mitigating: 1, accepted: 2, closed: 3 };

/** Open risks first, highest score first, then by title. */
export function sortRisks(risks: BoardRisk[]): BoardRisk[] {
  return [...risks].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.score - a.score || a.title.localeCompare(b.title));
}

export interface BoardInputs {
  policy: ReleaseTypePolicy;
  readiness: ReadinessEvidence;
  plan: PlanEvidence;
  risks: readonly RiskRecord[];
  ticks: Readonly<Record<string, CriterionTick>>;
  votes: readonly SignOffVote[];
  viewerAccountId: string;
  userOf: (accountId: string) => UserSummary;
  today: CalendarDate;
}

export interface BoardEvaluation {
  risks: BoardRisk[];
  riskRollup: RiskRollup;
  signOffs: RoleSignOff[];
  quorum: QuorumResult;
  criteria: CriterionResult[];
  verdict: Verdict;
  verdictReasons: string[];
  rag: BoardRag;
}

/** Everything the board concludes from its evidence, risks, ticks and votes. */
export function evaluateBoard(inputs: BoardInputs): BoardEvaluation {
  const risks = sortRisks(inputs.risks.map(toBoardRisk));
  const riskRollup = rollUpRisks(risks, inputs.today);
  const signOffs = roleSignOffs(inputs.policy.roles, inputs.votes, inputs.viewerAccountId, inputs.userOf);
  const quorum = evaluateQuorum(inputs.policy.quorum, signOffs);
  const criteria = evaluateCriteria(inputs.policy.criteria, { readiness: inputs.readiness, plan: inputs.plan, riskRollup, quorum, ticks: inputs.ticks });
  const { verdict, reasons } = verdictOf(criteria);
  return { risks, riskRollup, signOffs, quorum, criteria, verdict, verdictReasons: reasons, rag: boardRag(verdict, criteria, riskRollup) };
}
