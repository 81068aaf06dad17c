import type {
  BoardRag,
  CriterionDefinition,
  CriterionResult,
  PlanEvidence,
  QuorumResult,
  ReadinessEvidence,
  RiskRollup,
  UserSummary,
  Verdict,
} from '../../contract-go-no-go';

/**
 * Exit criteria evaluated against the evidence: automatic ones from readiness, the release plan,
 * the risks and the votes; manual ones from their ticks. Evidence that is missing is "not
 * available", never a pass.
 */

export interface CriterionTick {
  ticked: boolean;
  evidence: string;
  by: UserSummary;
  at: string;
}

export interface CriteriaEvidence {
  readiness: ReadinessEvidence;
  plan: PlanEvidence;
  riskRollup: RiskRollup;
  quorum: QuorumResult;
  ticks: Readonly<Record<string, CriterionTick>>;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type Outcome = Pick<CriterionResult, 'status' | 'detail'>;

function evaluateAuto(definition: CriterionDefinition, evidence: CriteriaEvidence): Outcome {
  const { readiness, plan, riskRollup, quorum } = evidence;
  const atLeast = readiness.partial ? 'at least ' : '';
  switch (definition.rule) {
    case 'issues-ready':
      if (readiness.total === 0) return { status: 'pass', detail: 'The release has no issues.' };
      return readiness.notReady === 0
        ? { status: 'pass', detail: `All ${plural(readiness.total, 'issue')} ready.` }
        : { status: 'fail', detail: `${readiness.notReady} of ${plural(readiness.total, 'issue')} not ready.` };
    case 'no-open-blocker-bugs':
      if (readiness.openBlockerBugs === null) return { status: 'not-available', detail: `Not available: ${readiness.sourceLabel} does not count blocker bugs.` };
      return readiness.openBlockerBugs === 0
        ? { status: 'pass', detail: 'No open Highest or High bugs.' }
        : { status: 'fail', detail: `${plural(readiness.openBlockerBugs, 'open Highest/High bug')}.` };
    case 'no-open-blocking-links':
      if (readiness.blockedByOpen === null) return { status: 'not-available', detail: `Not available: ${readiness.sourceLabel} does not follow blocking links.` };
      return readiness.blockedByOpen === 0
        ? { status: 'pass', detail: readiness.partial ? 'No blocked issue among those inspected.' : 'No issue is blocked by an open issue.' }
        : { status: 'fail', detail: `${atLeast}${plural(readiness.blockedByOpen, 'issue')} blocked by an open issue.` };
    case 'environment-slots-done': {
      if (!plan.available) return { status: 'not-available', detail: `Not available: ${plan.reason}` };
      const open = plan.requiredSlots.filter((s) => !s.done);
      if (plan.requiredSlots.length === 0) return { status: 'pass', detail: 'The release plan has no required environment slots for this release.' };
      return open.length === 0
        ? { status: 'pass', detail: `All ${plural(plan.requiredSlots.length, 'required slot')} done.` }
        : { status: 'fail', detail: `${open.length} of ${plural(plan.requiredSlots.length, 'required slot')} not done: ${open.map((s) => s.environmentName).join(', ')}.` };
    }
    case 'no-calendar-conflicts': {
      if (!plan.available) return { status: 'not-available', detail: `Not available: ${plan.reason}` };
      const errors = plan.conflicts.filter((c) => c.severity === 'error');
      const warnings = plan.conflicts.filter((c) => c.severity === 'warning');
      if (errors.length) return { status: 'fail', detail: `${plural(errors.length, 'calendar conflict')}: ${errors.map((c) => c.title).join('; ')}.` };
      return { status: 'pass', detail: warnings.length ? `No conflicts; ${plural(warnings.length, 'warning')}.` : 'No conflicts on the release calendar.' };
    }
    case 'no-open-high-risks': {
      const high = riskRollup.openByLevel.high + riskRollup.openByLevel.critical;
      return high === 0 ? { status: 'pass', detail: 'No open high or critical risks.' } : { status: 'fail', detail: `${plural(high, 'open high or critical risk')}.` };
    }
    case 'sign-off-quorum':
      return { status: quorum.status === 'met' ? 'pass' : quorum.status === 'vetoed' ? 'fail' : 'pending', detail: quorum.text };
    default:
      return { status: 'not-available', detail: 'Not available: this app version does not know the rule.' };
  }
}

export function evaluateCriteria(criteria: readonly CriterionDefinition[], evidence: CriteriaEvidence): CriterionResult[] {
  return criteria.map((definition) => {
    const base = { id: definition.id, kind: definition.kind, title: definition.title, blocking: definition.blocking };
    if (definition.kind === 'manual') {
      const tick = evidence.ticks[definition.id];
      const outcome: Outcome = tick?.ticked
        ? { status: 'pass', detail: tick.evidence ? `Ticked with evidence: ${tick.evidence}` : 'Ticked.' }
        : { status: 'pending', detail: tick ? 'Unticked.' : 'Not ticked yet.' };
      return { ...base, ...outcome, ...(tick ? { tick: { ...tick } } : {}) };
    }
    return { ...base, ...(definition.rule ? { rule: definition.rule } : {}), ...evaluateAuto(definition, evidence) };
  });
}

/** NO-GO when a blocking criterion fails; PENDING while one has no pass yet; GO otherwise. */
export function verdictOf(results: readonly CriterionResult[]): { verdict: Verdict; reasons: string[] } {
  const blocking = results.filter((r) => r.blocking);
  const failing = blocking.filter((r) => r.status === 'fail');
  if (failing.length) return { verdict: 'NO_GO', reasons: failing.map((r) => `${r.title}: ${r.detail}`) };
  const open = blocking.filter((r) => r.status !== 'pass');
  if (open.length) return { verdict: 'PENDING', reasons: open.map((r) => `${r.title}: ${r.detail}`) };
  return { verdict: 'GO', reasons: [] };
}

/** Red on a NO-GO verdict or red risks; Amber while pending, on amber risks or a failing non-blocking criterion. */
export function boardRag(verdict: Verdict, results: readonly CriterionResult[], risks: RiskRollup): BoardRag {
  if (verdict === 'NO_GO' || risks.rag === 'red') return 'red';
  if (verdict === 'PENDING' || risks.rag === 'amber' || results.some((r) => !r.blocking && r.status === 'fail')) return 'amber';
  return 'green';
}
