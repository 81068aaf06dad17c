import type { SignOffVote } from '../../../src/contract-go-no-go';
import type { CalendarDate } from '../../../src/domain/calendar/calendar-date';
import { type CriterionTick } from '../../../src/domain/go-no-go/criteria';
import { type RiskRecord, evaluateBoard } from '../../../src/domain/go-no-go/board';
import { defaultPolicies } from '../../../src/domain/go-no-go/policies';
import { decisionState, recommend } from '../../../src/domain/go-no-go/recommendation';
import { aReadiness, aRisk, aRole, aVote, noPlan, person } from '../../support/go-no-go-builders';

/** A patch release of SHOP: QA (Priya) and Operations (Omar, Olga) sign off; the rollback plan is ticked by hand. */
const policy = { ...defaultPolicies().patch, roles: [aRole('qa', ['priya'], 'QA'), aRole('operations', ['omar', 'olga'], 'Operations')] };
const rollbackTicked: Record<string, CriterionTick> = { 'm-rollback-plan': { ticked: true, evidence: 'wiki/rollback', by: person('priya'), at: '2026-11-24T08:00:00.000Z' } };
const bothGo = () => [aVote('qa', 'priya', 'GO'), aVote('operations', 'omar', 'GO')];
const crashBug = { key: 'SHOP-9', summary: 'Checkout crashes on CHF', statusName: 'In Progress', issueType: 'Bug', priority: 'High', reasons: ['High bug, not done'] };

interface Case {
  readiness?: Parameters<typeof aReadiness>[0];
  risks?: RiskRecord[];
  ticks?: Record<string, CriterionTick>;
  votes?: SignOffVote[];
}

function board({ readiness = {}, risks = [], ticks = rollbackTicked, votes = bothGo() }: Case) {
  const r = aReadiness(readiness);
  const e = evaluateBoard({ policy, readiness: r, plan: noPlan, risks, ticks, votes, viewerAccountId: 'ravi', userOf: (id) => person(id), today: '2026-11-24' as CalendarDate });
  return { criteria: e.criteria, readiness: r, risks: e.risks, signOffs: e.signOffs };
}

describe('the recommendation at the top of the Go/No-Go page', () => {
  it.each<[string, Case, string, string[]]>([
    ['every blocking criterion met and both roles approve', {}, 'GO', []],
    ['an open High bug, named by the evidence', { readiness: { ready: 11, notReady: 1, openBlockerBugs: 1, blockingIssues: [crashBug], blockingCount: 1 } }, 'NO_GO', ['criterion-issues-ready', 'issue-SHOP-9']],
    ['an open High bug the evidence only counts', { readiness: { openBlockerBugs: 1 } }, 'NO_GO', ['criterion-no-open-blocker-bugs']],
    ['QA votes NO-GO (the failing quorum is said by the veto)', { votes: [aVote('qa', 'priya', 'NO_GO'), aVote('operations', 'omar', 'GO')] }, 'NO_GO', ['veto-qa']],
    ['an open critical risk, though no criterion asks about risks', { risks: [aRisk({ id: 'risk-1', title: 'Card provider cut-over', likelihood: 5, impact: 4 })] }, 'NO_GO', ['risk-risk-1']],
    ['a closed critical risk', { risks: [aRisk({ id: 'risk-1', likelihood: 5, impact: 5, status: 'closed' })] }, 'GO', []],
    ['a critical risk being mitigated', { risks: [aRisk({ id: 'risk-1', likelihood: 5, impact: 5, status: 'mitigating' })] }, 'NO_GO', ['risk-risk-1']],
    ['an open high risk, which no criterion of a patch asks about', { risks: [aRisk({ id: 'risk-1', likelihood: 4, impact: 4 })] }, 'GO', []],
    ['blocker bugs the evidence cannot count', { readiness: { openBlockerBugs: null } }, 'NOT_YET', ['criterion-no-open-blocker-bugs']],
    ['the rollback plan not ticked yet', { ticks: {} }, 'NOT_YET', ['criterion-m-rollback-plan']],
    ['Operations has not voted', { votes: [aVote('qa', 'priya', 'GO')] }, 'NOT_YET', ['criterion-sign-off-quorum']],
    ['nobody voted and the plan is not ticked', { ticks: {}, votes: [] }, 'NOT_YET', ['criterion-sign-off-quorum', 'criterion-m-rollback-plan']],
    ['a veto and an untested rollback plan: what stops comes first', { ticks: {}, votes: [aVote('qa', 'priya', 'NO_GO')] }, 'NO_GO', ['veto-qa', 'criterion-m-rollback-plan']],
  ])('%s', (_case, input, value, blockerIds) => {
    const r = recommend(board(input));
    expect(r.value).toBe(value);
    expect(r.blockers.map((b) => b.id)).toEqual(blockerIds);
  });

  it('points each blocker at where it is dealt with: the issue in Jira, or the section of the page', () => {
    const r = recommend(board({ readiness: { ready: 11, notReady: 1, openBlockerBugs: 1, blockingIssues: [crashBug], blockingCount: 1 }, votes: [aVote('qa', 'priya', 'NO_GO')] }));
    expect(r.blockers.map((b) => [b.id, b.target, b.weight])).toEqual([
      ['veto-qa', { kind: 'section', section: 'signoffs' }, 'stops'],
      ['criterion-issues-ready', { kind: 'section', section: 'criteria' }, 'stops'],
      ['issue-SHOP-9', { kind: 'issue', issueKey: 'SHOP-9' }, 'stops'],
    ]);
    expect(r.blockers[2]?.text).toBe('SHOP-9 Checkout crashes on CHF (High bug, not done)');
    expect(r.headline).toBe('Recommend NO-GO: 3 items stop the release.');
  });

  it('points an open critical risk at the risks section, by its title', () => {
    const r = recommend(board({ risks: [aRisk({ id: 'risk-1', title: 'Card provider cut-over', likelihood: 5, impact: 4 })] }));
    expect(r.blockers).toEqual([{ id: 'risk-risk-1', text: 'Critical risk open: Card provider cut-over', target: { kind: 'section', section: 'risks' }, weight: 'stops' }]);
  });

  it('keeps the list short and counts the rest, also the blocking issues the evidence could not list', () => {
    const bugs = Array.from({ length: 8 }, (_, i) => ({ ...crashBug, key: `SHOP-${20 + i}` }));
    const r = recommend(board({ readiness: { ready: 2, notReady: 10, openBlockerBugs: 10, blockingIssues: bugs, blockingCount: 10 } }));
    expect(r.blockers).toHaveLength(6);
    // issues-ready and 8 listed bugs make 9 items, 6 shown; 2 bugs the evidence did not list.
    expect(r.moreBlockers).toBe(3 + 2);
  });

  it.each([
    ['nobody voted', [], [['qa', ['priya']], ['operations', ['omar', 'olga']]]],
    ['Omar voted for Operations: Olga need not', [aVote('operations', 'omar', 'GO')], [['qa', ['priya']]]],
    ['a NO-GO is a vote too', [aVote('qa', 'priya', 'NO_GO')], [['operations', ['omar', 'olga']]]],
    ['everyone needed voted', bothGo(), []],
  ])('who still has to vote when %s', (_case, votes, expected) => {
    const r = recommend(board({ votes }));
    expect(r.awaitingVotes.map((a) => [a.roleId, a.people.map((p) => p.accountId)])).toEqual(expected);
  });

  it('waits for no vote once the round is decided', () => {
    const decision = { value: 'NO_GO' as const, decidedBy: person('ravi', 'Ravi'), decidedAt: '2026-11-24T10:00:00.000Z', round: 1 };
    expect(recommend({ ...board({ votes: [] }), decision }).awaitingVotes).toEqual([]);
  });

  it.each([
    ['no decision recorded', undefined, { decided: false }],
    ['a NO-GO recorded', { value: 'NO_GO' as const, decidedBy: person('ravi', 'Ravi'), decidedAt: '2026-11-24T10:00:00.000Z', round: 2 }, { decided: true, value: 'NO_GO', by: person('ravi', 'Ravi'), at: '2026-11-24T10:00:00.000Z', round: 2 }],
  ])('the decision state with %s', (_case, decision, expected) => {
    expect(decisionState(decision)).toEqual(expected);
  });

  it.each<[string, Case, string]>([
    ['one failing criterion and nothing open', { readiness: { openBlockerBugs: 1 } }, 'Recommend NO-GO: 1 item stops the release.'],
    ['one failing criterion beside a plan not ticked and a role not voted', { readiness: { openBlockerBugs: 1 }, ticks: {}, votes: [aVote('qa', 'priya', 'GO')] }, 'Recommend NO-GO: 1 item stops the release · 2 still open.'],
    ['a veto beside a plan not ticked', { ticks: {}, votes: [aVote('qa', 'priya', 'NO_GO')] }, 'Recommend NO-GO: 1 item stops the release · 1 still open.'],
    ['one open, nothing failing', { ticks: {} }, 'Not ready to decide: 1 blocking criterion is not settled yet.'],
    ['two open, nothing failing', { ticks: {}, votes: [] }, 'Not ready to decide: 2 blocking criteria are not settled yet.'],
    ['all met', {}, 'Recommend GO: every blocking criterion is met.'],
  ])('the headline counts what the list shows: %s', (_case, input, headline) => {
    const r = recommend(board(input));
    expect(r.headline).toBe(headline);
    const [stops, open] = [r.blockers.filter((b) => b.weight === 'stops').length, r.blockers.filter((b) => b.weight === 'open').length];
    expect(headline).toContain(stops ? `${stops} item` : open ? `${open} blocking` : 'every');
    if (stops && open) expect(headline).toContain(`${open} still open`);
  });

  it('says when advisory criteria fail beside a GO', () => {
    const withAdvisory = board({});
    const criteria = [...withAdvisory.criteria, { id: 'm-notes', kind: 'manual' as const, title: 'Release notes published', blocking: false, status: 'fail' as const, detail: 'Not ticked.' }];
    expect(recommend({ ...withAdvisory, criteria }).headline).toBe('Recommend GO: every blocking criterion is met; 1 advisory criterion fails.');
  });

  it('says each blocker in words: the veto, the failing criterion, then what is still open', () => {
    const r = recommend(board({ readiness: { openBlockerBugs: 2 }, ticks: {}, votes: [aVote('qa', 'priya', 'NO_GO')] }));
    expect(r.blockers).toEqual([
      { id: 'veto-qa', text: 'QA voted NO-GO', target: { kind: 'section', section: 'signoffs' }, weight: 'stops' },
      { id: 'criterion-no-open-blocker-bugs', text: 'No open Highest/High bugs: 2 open Highest/High bugs.', target: { kind: 'section', section: 'criteria' }, weight: 'stops' },
      { id: 'criterion-m-rollback-plan', text: 'Rollback plan ready: Not ticked yet.', target: { kind: 'section', section: 'criteria' }, weight: 'open' },
    ]);
  });

  it('names a blocking issue with all its reasons, or alone when it has none', () => {
    const issues = [
      { ...crashBug, reasons: ['High bug, not done', 'blocked by PAY-3'] },
      { ...crashBug, key: 'SHOP-10', summary: 'Rounding in totals', reasons: [] },
    ];
    const r = recommend(board({ readiness: { openBlockerBugs: 2, blockingIssues: issues, blockingCount: 2 } }));
    expect(r.blockers.map((b) => b.text)).toEqual(['SHOP-9 Checkout crashes on CHF (High bug, not done; blocked by PAY-3)', 'SHOP-10 Rounding in totals']);
  });

  it('counts the blocking issues the evidence could not list in the headline', () => {
    const r = recommend(board({ readiness: { openBlockerBugs: 3, blockingIssues: [crashBug], blockingCount: 3 } }));
    expect(r.headline).toBe('Recommend NO-GO: 3 items stop the release.');
    expect(r.moreBlockers).toBe(2);
  });

  it('counts only the advisory criteria that fail beside a GO', () => {
    const withAdvisory = board({});
    const advisory = (id: string, status: 'pass' | 'fail') => ({ id, kind: 'manual' as const, title: id, blocking: false, status, detail: '' });
    const criteria = [...withAdvisory.criteria, advisory('m-notes', 'fail'), advisory('m-runbook', 'fail'), advisory('m-demo', 'pass')];
    expect(recommend({ ...withAdvisory, criteria }).headline).toBe('Recommend GO: every blocking criterion is met; 2 advisory criteria fail.');
  });
});
