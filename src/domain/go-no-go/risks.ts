import type { BoardRag, RiskLevel, RiskRollup, RiskStatus } from '../../contract-go-no-go';
import { type CalendarDate, daysBetween, parseCalendarDate } from '../calendar/calendar-date';

/**
 * The risk register's arithmetic: score = likelihood x impact on a 5 x 5 matrix, a level per
 * score band, and the release's RAG from its open risks: an open critical risk, or an open high
 * risk past its due date, is Red; any other open high risk is Amber.
 */

export const RISK_SCALE = { min: 1, max: 5 } as const;

export function isOnScale(value: number): boolean {
  return Number.isInteger(value) && value >= RISK_SCALE.min && value <= RISK_SCALE.max;
}

export function riskScore(likelihood: number, impact: number): number {
  if (!isOnScale(likelihood) || !isOnScale(impact)) throw new RangeError(`Likelihood and impact run from 1 to 5; got ${likelihood} and ${impact}.`);
  return likelihood * impact;
}

/** Bands of the usual 5 x 5 matrix: 1-4 low, 5-9 medium, 10-16 high, 20-25 critical. */
export function riskLevel(score: number): RiskLevel {
  if (score >= 20) return 'critical';
  if (score >= 10) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}

/** Open and mitigating risks still threaten the release; accepted and closed ones do not. */
export function isOpenRisk(status: RiskStatus): boolean {
  return status === 'open' || status === 'mitigating';
}

export interface RiskFacts {
  title: string;
  likelihood: number;
  impact: number;
  status: RiskStatus;
  dueDate?: string;
}

export function rollUpRisks(risks: readonly RiskFacts[], today: CalendarDate): RiskRollup {
  const openByLevel: Record<RiskLevel, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  const heatMap = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  const reasons: string[] = [];
  let rag: BoardRag = 'green';
  const raise = (to: BoardRag) => {
    // Red always wins; amber only replaces green.
    if (to === 'red' || rag === 'green') rag = to;
  };
  for (const risk of risks) {
    if (!isOpenRisk(risk.status)) continue;
    const level = riskLevel(riskScore(risk.likelihood, risk.impact));
    openByLevel[level]++;
    const row = heatMap[risk.likelihood - 1] as number[];
    row[risk.impact - 1] = (row[risk.impact - 1] ?? 0) + 1;
    const due = risk.dueDate ? parseCalendarDate(risk.dueDate) : undefined;
    const pastDue = due !== undefined && daysBetween(due, today) > 0;
    if (level === 'critical') {
      raise('red');
      reasons.push(`Critical risk open: ${risk.title}`);
    } else if (level === 'high' && pastDue) {
      raise('red');
      reasons.push(`High risk past its due date (${risk.dueDate}): ${risk.title}`);
    } else if (level === 'high') {
      raise('amber');
      reasons.push(`High risk open: ${risk.title}`);
    }
  }
  return { rag, openByLevel, heatMap, reasons };
}
