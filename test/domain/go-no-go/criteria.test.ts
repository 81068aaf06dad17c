import type { CriterionDefinition, CriterionResult, PlanEvidence, QuorumResult } from '../../../src/contract-go-no-go';
import { AUTO_CRITERION_LABELS, type AutoCriterionRule } from '../../../src/contract-go-no-go';
import { type CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { type CriteriaEvidence, boardRag, evaluateCriteria, verdictOf } from '../../../src/domain/go-no-go/criteria';
import { rollUpRisks } from '../../../src/domain/go-no-go/risks';
import { aReadiness, aRisk, noPlan, person } from '../../support/go-no-go-builders';

const today = '2026-11-24' as CalendarDate;
const auto = (rule: AutoCriterionRule, blocking = true): CriterionDefinition => ({ id: rule, kind: 'auto', rule, title: AUTO_CRITERION_LABELS[rule], blocking });
const quorum = (status: QuorumResult['status']): QuorumResult => ({ rule: { kind: 'all' }, approvals: 0, required: 2, vetoedBy: [], status, text: status });
const plan = (slots: Array<[string, boolean]>, conflicts: Array<'error' | 'warning'> = []): PlanEvidence => ({
  available: true,
  requiredSlots: slots.map(([environmentName, done], i) => ({ id: `s${i}`, environmentName, from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z', done })),
  conflicts: conflicts.map((severity, i) => ({ id: `c${i}`, severity, title: `Conflict ${i}`, explanation: '' })),
});

function evidence(overrides: Partial<CriteriaEvidence> = {}): CriteriaEvidence {
  return { readiness: aReadiness(), plan: noPlan, riskRollup: rollUpRisks([], today), quorum: quorum('met'), ticks: {}, ...overrides };
}

function statusOf(definition: CriterionDefinition, e: CriteriaEvidence): CriterionResult['status'] {
  return evaluateCriteria([definition], e)[0]!.status;
}

describe('automatic exit criteria', () => {
  it.each([
    ['issues-ready', 'every issue is ready', evidence(), 'pass'],
    ['issues-ready', 'the release has no issues', evidence({ readiness: aReadiness({ total: 0, ready: 0 }) }), 'pass'],
    ['issues-ready', 'one issue is not ready', evidence({ readiness: aReadiness({ ready: 11, notReady: 1 }) }), 'fail'],
    ['no-open-blocker-bugs', 'no blocker bugs', evidence(), 'pass'],
    ['no-open-blocker-bugs', 'one open High bug', evidence({ readiness: aReadiness({ openBlockerBugs: 1 }) }), 'fail'],
    ['no-open-blocker-bugs', 'a source that does not count bugs', evidence({ readiness: aReadiness({ openBlockerBugs: null }) }), 'not-available'],
    ['no-open-blocking-links', 'an issue blocked by an open one', evidence({ readiness: aReadiness({ blockedByOpen: 2 }) }), 'fail'],
    ['environment-slots-done', 'no environment plan', evidence(), 'not-available'],
    ['environment-slots-done', 'every required slot done', evidence({ plan: plan([['UAT', true], ['PROD', true]]) }), 'pass'],
    ['environment-slots-done', 'a required slot not done', evidence({ plan: plan([['UAT', true], ['NFT', false]]) }), 'fail'],
    ['environment-slots-done', 'no required slots', evidence({ plan: plan([]) }), 'pass'],
    ['no-calendar-conflicts', 'no environment plan', evidence(), 'not-available'],
    ['no-calendar-conflicts', 'only warnings', evidence({ plan: plan([], ['warning']) }), 'pass'],
    ['no-calendar-conflicts', 'an error conflict', evidence({ plan: plan([], ['warning', 'error']) }), 'fail'],
    ['no-open-high-risks', 'an open high risk', evidence({ riskRollup: rollUpRisks([aRisk({ likelihood: 4, impact: 3 })], today) }), 'fail'],
    ['no-open-high-risks', 'only medium risks', evidence({ riskRollup: rollUpRisks([aRisk({ likelihood: 3, impact: 3 })], today) }), 'pass'],
    ['sign-off-quorum', 'quorum met', evidence(), 'pass'],
    ['sign-off-quorum', 'votes missing', evidence({ quorum: quorum('pending') }), 'pending'],
    ['sign-off-quorum', 'a NO-GO vote', evidence({ quorum: quorum('vetoed') }), 'fail'],
  ] as const)('%s when %s: %s', (rule, _case, e, status) => {
    expect(statusOf(auto(rule), e)).toBe(status);
  });

  it('says "not available: no environment plan" rather than inventing slots', () => {
    expect(evaluateCriteria([auto('environment-slots-done')], evidence())[0]?.detail).toBe('Not available: no environment plan.');
  });
});

describe('manual exit criteria', () => {
  const manual: CriterionDefinition = { id: 'm-rollback-plan', kind: 'manual', title: 'Rollback plan tested', blocking: true };
  const tick = (ticked: boolean) => ({ ticked, evidence: 'https://wiki/rollback', by: person('priya'), at: '2026-11-24T09:00:00Z' });

  it.each([
    ['never ticked', {}, 'pending'],
    ['ticked with evidence', { 'm-rollback-plan': tick(true) }, 'pass'],
    ['ticked, then unticked', { 'm-rollback-plan': tick(false) }, 'pending'],
  ])('%s: %s', (_case, ticks, status) => {
    const [result] = evaluateCriteria([manual], evidence({ ticks }));
    expect(result?.status).toBe(status);
  });

  it('carries the evidence and who ticked it', () => {
    const [result] = evaluateCriteria([manual], evidence({ ticks: { 'm-rollback-plan': tick(true) } }));
    expect(result?.tick).toMatchObject({ evidence: 'https://wiki/rollback', by: { accountId: 'priya' } });
    expect(result?.detail).toContain('https://wiki/rollback');
  });
});

describe('the verdict and RAG', () => {
  const result = (status: CriterionResult['status'], blocking = true): CriterionResult => ({ id: `c-${status}`, kind: 'auto', title: status, blocking, status, detail: status });
  const green = rollUpRisks([], today);
  const amberRisks = rollUpRisks([aRisk({ likelihood: 3, impact: 4 })], today);

  it.each([
    ['every blocking criterion passes', [result('pass'), result('pass')], green, 'GO', 'green'],
    ['a blocking criterion fails', [result('pass'), result('fail')], green, 'NO_GO', 'red'],
    ['a blocking criterion is pending', [result('pass'), result('pending')], green, 'PENDING', 'amber'],
    ['a blocking criterion has no evidence', [result('not-available')], green, 'PENDING', 'amber'],
    ['only a non-blocking criterion fails', [result('pass'), result('fail', false)], green, 'GO', 'amber'],
    ['all pass but a high risk is open', [result('pass')], amberRisks, 'GO', 'amber'],
  ])('%s → %s, %s', (_case, results, risks, verdict, rag) => {
    const v = verdictOf(results);
    expect(v.verdict).toBe(verdict);
    expect(boardRag(v.verdict, results, risks)).toBe(rag);
  });
});
