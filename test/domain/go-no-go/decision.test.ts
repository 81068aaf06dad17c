import type { CriterionResult } from '../../../src/contract-go-no-go';
import { type CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { evaluateBoard } from '../../../src/domain/go-no-go/board';
import { OVERRIDE_JUSTIFICATION_MIN, checkDecision, decisionSnapshot } from '../../../src/domain/go-no-go/decision';
import { defaultPolicies } from '../../../src/domain/go-no-go/policies';
import { aReadiness, aRisk, aRole, aVote, noPlan, person } from '../../support/go-no-go-builders';

const result = (title: string, status: CriterionResult['status'], blocking = true): CriterionResult => ({ id: title, kind: 'auto', title, blocking, status, detail: `${title} is ${status}` });
const allPass = [result('Issues ready', 'pass'), result('Quorum', 'pass')];
const blockerFails = [result('Issues ready', 'fail'), result('Quorum', 'pass')];
const justification = 'Customer-facing fix; the open bug is cosmetic and has a workaround.';

describe('recording a decision', () => {
  it.each([
    ['GO when every blocking criterion passes', 'GO', allPass, {}, true],
    ['GO when only a non-blocking criterion fails', 'GO', [...allPass, result('Release notes', 'fail', false)], {}, true],
    ['GO while a blocking criterion fails, without an override', 'GO', blockerFails, {}, false],
    ['GO while a blocking criterion is pending, without an override', 'GO', [result('Quorum', 'pending')], {}, false],
    ['GO with an override that is too short', 'GO', blockerFails, { overrideJustification: 'because' }, false],
    ['GO with an override of only spaces', 'GO', blockerFails, { overrideJustification: ' '.repeat(40) }, false],
    ['GO with a written override', 'GO', blockerFails, { overrideJustification: justification }, true],
    ['NO-GO with a reason, whatever the criteria', 'NO_GO', allPass, { comment: 'Payments not ready' }, true],
    ['NO-GO with a reason while a blocking criterion fails', 'NO_GO', blockerFails, { comment: 'Payments not ready' }, true],
    ['NO-GO without a reason', 'NO_GO', blockerFails, { comment: '  ' }, false],
    ['NO-GO without a reason, even when every criterion passes', 'NO_GO', allPass, { comment: '' }, false],
    ['GO with an override of exactly the minimum length', 'GO', blockerFails, { overrideJustification: 'x'.repeat(OVERRIDE_JUSTIFICATION_MIN) }, true],
  ] as const)('%s: allowed = %s', (_case, value, results, input, allowed) => {
    expect(checkDecision(value, results, { comment: '', ...input }).allowed).toBe(allowed);
  });

  it('records the override with the criteria it overrode', () => {
    const check = checkDecision('GO', blockerFails, { comment: '', overrideJustification: `  ${justification}  ` });
    expect(check).toEqual({ allowed: true, override: { justification, failingCriteria: ['Issues ready: Issues ready is fail'] } });
  });

  it('records no override when none was needed', () => {
    expect(checkDecision('GO', allPass, { comment: '', overrideJustification: justification })).toEqual({ allowed: true });
  });

  it('says which criteria block a GO and how long a justification must be', () => {
    const refused = checkDecision('GO', blockerFails, { comment: '' });
    expect(refused).toMatchObject({ allowed: false, details: ['Issues ready: Issues ready is fail'] });
    const short = checkDecision('GO', blockerFails, { comment: '', overrideJustification: 'x'.repeat(OVERRIDE_JUSTIFICATION_MIN - 1) });
    expect(short).toMatchObject({ allowed: false, problem: expect.stringContaining(String(OVERRIDE_JUSTIFICATION_MIN)) });
  });
});

describe('why a decision is refused, in words', () => {
  const twoFail = [result('Issues ready', 'fail'), result('Quorum', 'pending'), result('Notes', 'fail', false)];
  it.each([
    ['a NO-GO without a comment', 'NO_GO', allPass, {}, 'A NO-GO needs a comment saying why the release stops.', ['comment: say why the release stops']],
    ['a GO with one blocking criterion not met', 'GO', blockerFails, {}, 'GO is refused while a blocking exit criterion is not met. Record an override with a written justification to go anyway.', ['Issues ready: Issues ready is fail']],
    ['a GO with two not met', 'GO', twoFail, { overrideJustification: '   ' }, 'GO is refused while 2 blocking exit criteria are not met. Record an override with a written justification to go anyway.', ['Issues ready: Issues ready is fail', 'Quorum: Quorum is pending']],
    ['a GO with a short override', 'GO', blockerFails, { overrideJustification: 'because' }, 'An override justification needs at least 20 characters: say why the release goes despite the failing criteria.', ['Issues ready: Issues ready is fail']],
  ] as const)('%s', (_case, value, results, input, problem, details) => {
    expect(checkDecision(value, results, { comment: '', ...input })).toEqual({ allowed: false, problem, details });
  });
});

describe('the decision snapshot', () => {
  const policy = { ...defaultPolicies().patch, roles: [aRole('qa', ['priya']), aRole('operations', ['omar'])] };
  const inputs = () => {
    const readiness = aReadiness({ total: 3, ready: 2, notReady: 1, openBlockerBugs: 1, blockingIssues: [{ key: 'SHOP-9', summary: 'Crash', statusName: 'In Progress', issueType: 'Bug', priority: 'High', reasons: ['High bug, not done'] }], blockingCount: 1 });
    const votes = [aVote('qa', 'priya', 'GO'), aVote('operations', 'omar', 'GO_WITH_CONDITIONS')];
    const risks = [aRisk({ likelihood: 4, impact: 4 })];
    const evaluation = evaluateBoard({ policy, readiness, plan: noPlan, risks, ticks: {}, votes, viewerAccountId: 'rm', userOf: (id) => person(id), today: '2026-11-24' as CalendarDate });
    return { readiness, votes, risks, evaluation };
  };

  it('freezes readiness figures, risks and votes as they were', () => {
    const { readiness, evaluation } = inputs();
    const snapshot = decisionSnapshot({ at: '2026-11-24T10:00:00.000Z', round: 1, releaseType: 'patch', version: { id: '10012', name: 'SHOP 2.4.1', released: false }, readiness, plan: noPlan, evaluation });
    expect(snapshot.readiness).toMatchObject({ notReady: 1, openBlockerBugs: 1, blockingIssues: [{ key: 'SHOP-9' }] });
    expect(snapshot.risks).toEqual([expect.objectContaining({ score: 16, level: 'high' })]);
    expect(snapshot.signOffs.map((s) => [s.roleId, s.state, s.votes.map((v) => v.voter.accountId)])).toEqual([
      ['qa', 'GO', ['priya']],
      ['operations', 'GO_WITH_CONDITIONS', ['omar']],
    ]);
    expect(snapshot.quorum.status).toBe('met');
    expect(snapshot.verdict).toBe('NO_GO');
    expect(snapshot.rag).toBe('red');
  });

  it('does not change when the evidence it was taken from changes later', () => {
    const { readiness, evaluation } = inputs();
    const snapshot = decisionSnapshot({ at: '2026-11-24T10:00:00.000Z', round: 1, releaseType: 'patch', version: { id: '10012', name: 'SHOP 2.4.1', released: false }, readiness, plan: noPlan, evaluation });
    const before = JSON.stringify(snapshot);
    readiness.notReady = 0;
    readiness.blockingIssues.length = 0;
    evaluation.risks[0]!.status = 'closed';
    evaluation.signOffs[0]!.current[0]!.value = 'NO_GO';
    expect(JSON.stringify(snapshot)).toBe(before);
  });
});
