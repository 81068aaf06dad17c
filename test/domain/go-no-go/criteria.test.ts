import type { CriterionDefinition, CriterionResult, PlanEvidence, QuorumResult } from '../../../src/contract-go-no-go';
import { AUTO_CRITERION_LABELS, type AutoCriterionRule } from '../../../src/contract-go-no-go';
import { type CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { type CriteriaEvidence, boardRag, evaluateCriteria, verdictOf } from '../../../src/domain/go-no-go/criteria';
import { rollUpRisks } from '../../../src/domain/go-no-go/risks';
import { aReadiness, aRisk, noPlan, person } from '../../support/go-no-go-builders';

const today = '2026-11-24' as CalendarDate;
const auto = (rule: AutoCriterionRule, blocking = true): CriterionDefinition => ({ id: rule, kind: 'auto', rule, title: AUTO_CRITERION_LABELS[rule], blocking });
const quorum = (status: QuorumResult['status']): QuorumResult => ({ rule: { kind: 'all' }, approvals: 0, required: 2, vetoedBy: [], status, text: status });
const plan = (slots: Array<[string, boolean]>, conflicts: Array<'error' | 'warning' | 'info'> = []): PlanEvidence => ({
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
    ['no-open-blocking-links', 'no issue blocked', evidence(), 'pass'],
    ['no-open-blocking-links', 'a source that does not follow links', evidence({ readiness: aReadiness({ blockedByOpen: null }) }), 'not-available'],
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

describe('what each automatic criterion says', () => {
  const partial = aReadiness({ partial: true, blockedByOpen: 0, sourceLabel: 'the readiness rules' });
  const risks = rollUpRisks([aRisk({ likelihood: 4, impact: 3 }), aRisk({ likelihood: 5, impact: 4 })], today);
  const oneRisk = rollUpRisks([aRisk({ likelihood: 5, impact: 5 })], today);
  const conflicts = (errors: number, warnings: number): PlanEvidence => ({
    available: true,
    requiredSlots: [],
    conflicts: [
      ...Array.from({ length: errors }, (_, i) => ({ id: `e${i}`, severity: 'error' as const, title: `PROD frozen ${i + 1}`, explanation: '' })),
      ...Array.from({ length: warnings }, (_, i) => ({ id: `w${i}`, severity: 'warning' as const, title: `UAT busy ${i + 1}`, explanation: '' })),
    ],
  });
  it.each([
    ['issues-ready', 'no issues', evidence({ readiness: aReadiness({ total: 0, ready: 0 }) }), 'The release has no issues.'],
    ['issues-ready', 'all ready', evidence(), 'All 12 issues ready.'],
    ['issues-ready', 'the one issue ready', evidence({ readiness: aReadiness({ total: 1, ready: 1 }) }), 'All 1 issue ready.'],
    ['issues-ready', 'some not ready', evidence({ readiness: aReadiness({ ready: 9, notReady: 3 }) }), '3 of 12 issues not ready.'],
    ['no-open-blocker-bugs', 'none', evidence(), 'No open Highest or High bugs.'],
    ['no-open-blocker-bugs', 'one', evidence({ readiness: aReadiness({ openBlockerBugs: 1 }) }), '1 open Highest/High bug.'],
    ['no-open-blocker-bugs', 'not counted', evidence({ readiness: aReadiness({ openBlockerBugs: null }) }), 'Not available: Jira (done issues count as ready) does not count blocker bugs.'],
    ['no-open-blocking-links', 'not followed', evidence({ readiness: aReadiness({ blockedByOpen: null }) }), 'Not available: Jira (done issues count as ready) does not follow blocking links.'],
    ['no-open-blocking-links', 'none', evidence(), 'No issue is blocked by an open issue.'],
    ['no-open-blocking-links', 'none among those inspected', evidence({ readiness: partial }), 'No blocked issue among those inspected.'],
    ['no-open-blocking-links', 'one blocked', evidence({ readiness: aReadiness({ blockedByOpen: 1 }) }), '1 issue blocked by an open issue.'],
    ['no-open-blocking-links', 'some blocked among those inspected', evidence({ readiness: aReadiness({ partial: true, blockedByOpen: 2 }) }), 'at least 2 issues blocked by an open issue.'],
    ['environment-slots-done', 'no required slots', evidence({ plan: plan([]) }), 'The release plan has no required environment slots for this release.'],
    ['environment-slots-done', 'all done', evidence({ plan: plan([['UAT', true], ['PROD', true]]) }), 'All 2 required slots done.'],
    ['environment-slots-done', 'the one done', evidence({ plan: plan([['PROD', true]]) }), 'All 1 required slot done.'],
    ['environment-slots-done', 'two of three open', evidence({ plan: plan([['UAT', false], ['NFT', true], ['PROD', false]]) }), '2 of 3 required slots not done: UAT, PROD.'],
    ['no-calendar-conflicts', 'no plan', evidence(), 'Not available: no environment plan.'],
    ['no-calendar-conflicts', 'none', evidence({ plan: conflicts(0, 0) }), 'No conflicts on the release calendar.'],
    ['no-calendar-conflicts', 'one warning', evidence({ plan: conflicts(0, 1) }), 'No conflicts; 1 warning.'],
    ['no-calendar-conflicts', 'two warnings', evidence({ plan: conflicts(0, 2) }), 'No conflicts; 2 warnings.'],
    ['no-calendar-conflicts', 'a notice only', evidence({ plan: plan([], ['info']) }), 'No conflicts on the release calendar.'],
    ['no-calendar-conflicts', 'two errors and a warning', evidence({ plan: conflicts(2, 1) }), '2 calendar conflicts: PROD frozen 1; PROD frozen 2.'],
    ['no-open-high-risks', 'none', evidence(), 'No open high or critical risks.'],
    ['no-open-high-risks', 'a high and a critical one', evidence({ riskRollup: risks }), '2 open high or critical risks.'],
    ['no-open-high-risks', 'one critical', evidence({ riskRollup: oneRisk }), '1 open high or critical risk.'],
  ] as const)('%s, %s: "%s"', (rule, _case, e, detail) => {
    expect(evaluateCriteria([auto(rule)], e)[0]?.detail).toBe(detail);
  });

  it('an unknown rule (from a newer app version) is not available, never a pass', () => {
    const newer = { id: 'x', kind: 'auto', rule: 'from-the-future', title: 'Future', blocking: true } as unknown as CriterionDefinition;
    expect(evaluateCriteria([newer], evidence())[0]).toMatchObject({ status: 'not-available', detail: 'Not available: this app version does not know the rule.' });
  });

  it('says why a verdict is not GO: each failing, else each open blocking criterion, by title and detail', () => {
    const results = evaluateCriteria([auto('issues-ready'), auto('no-open-blocker-bugs'), auto('sign-off-quorum', false)], evidence({ readiness: aReadiness({ ready: 11, notReady: 1, openBlockerBugs: null }) }));
    expect(verdictOf(results).reasons).toEqual([`${AUTO_CRITERION_LABELS['issues-ready']}: 1 of 12 issues not ready.`]);
    expect(verdictOf(results.slice(1)).reasons).toEqual([`${AUTO_CRITERION_LABELS['no-open-blocker-bugs']}: Not available: Jira (done issues count as ready) does not count blocker bugs.`]);
  });
});

describe('manual exit criteria', () => {
  const manual: CriterionDefinition = { id: 'm-rollback-plan', kind: 'manual', title: 'Rollback plan tested', blocking: true };
  const tick = (ticked: boolean) => ({ ticked, evidence: 'https://wiki/rollback', by: person('priya'), at: '2026-11-24T09:00:00Z' });

  it.each([
    ['never ticked', {}, 'pending', 'Not ticked yet.'],
    ['ticked with evidence', { 'm-rollback-plan': tick(true) }, 'pass', 'Ticked with evidence: https://wiki/rollback'],
    ['ticked, then unticked', { 'm-rollback-plan': tick(false) }, 'pending', 'Unticked.'],
    ['ticked without evidence', { 'm-rollback-plan': { ...tick(true), evidence: '' } }, 'pass', 'Ticked.'],
  ])('%s: %s, "%s"', (_case, ticks, status, detail) => {
    const [result] = evaluateCriteria([manual], evidence({ ticks }));
    expect(result?.status).toBe(status);
    expect(result?.detail).toBe(detail);
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
    ['all pass but a critical risk is open', [result('pass')], rollUpRisks([aRisk({ likelihood: 5, impact: 5 })], today), 'GO', 'red'],
    ['only a non-blocking criterion is pending', [result('pass'), result('pending', false)], green, 'GO', 'green'],
  ])('%s → %s, %s', (_case, results, risks, verdict, rag) => {
    const v = verdictOf(results);
    expect(v.verdict).toBe(verdict);
    expect(boardRag(v.verdict, results, risks)).toBe(rag);
  });

  it('gives no reason for a GO', () => {
    expect(verdictOf([result('pass'), result('fail', false)])).toEqual({ verdict: 'GO', reasons: [] });
  });
});
