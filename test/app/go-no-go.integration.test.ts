import type {
  AuditCsvExport,
  AuditLogView,
  GoNoGoBoardView,
  GoNoGoSettingsView,
  PirListView,
  ReleaseTypePolicy,
  ResolverResult,
  WaitingForMeView,
} from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { setReleaseManagers } from '../../src/app/release-managers';
import { readInvocationContext } from '../../src/app/invocation-context';
import { defaultPolicies } from '../../src/domain/go-no-go/policies';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { DEMO_NOW, type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';
import { type SmallRelease, createSmallRelease, transition } from '../support/go-no-go-release';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;
let release: SmallRelease;
let now = DEMO_NOW;

const { releaseManager: RAVI, qa: PRIYA, developer: DANA, viewer: SAM, outsider: NINA } = DEMO_ACCOUNT;

beforeAll(async () => {
  site = await startDemoSite({ clock: { now: () => now } });
  facts = demoFacts(site.jira.dataset);
  release = await createSmallRelease(site.jira.url, { name: 'SHOP 2.4.1', startDate: '2026-11-18', releaseDate: '2026-11-27' });
});
afterAll(() => site.close());

const context = (accountId: string, key = 'SHOP') => ({
  accountId,
  moduleKey: 'releases-page',
  extension: { type: 'jira:projectPage', project: { id: facts.project(key).id, key, type: 'software' } },
});

async function call<T>(name: string, accountId: string, payload: unknown): Promise<ResolverResult<T>> {
  return (await dispatchResolver(site.deps, name, payload, context(accountId))) as ResolverResult<T>;
}

async function ok<T>(name: string, accountId: string, payload: unknown): Promise<T> {
  const result = await call<T>(name, accountId, payload);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

const board = (accountId: string, versionId = release.versionId) => ok<GoNoGoBoardView>('getGoNoGoBoard', accountId, { versionId });
const criterion = (view: GoNoGoBoardView, id: string) => view.criteria.find((c) => c.id === id);
let ids = 0;
const newId = (prefix: string) => `${prefix}-${String(++ids).padStart(6, '0')}`;

function withApprovers(policy: ReleaseTypePolicy, approvers: Record<string, string[]>): ReleaseTypePolicy {
  return { ...policy, roles: policy.roles.map((r) => ({ ...r, approverAccountIds: approvers[r.id] ?? [] })) };
}

describe('the Go/No-Go board', () => {
  it('opens on the next unreleased version, with readiness counted from Jira', async () => {
    const view = await ok<GoNoGoBoardView>('getGoNoGoBoard', SAM, {});
    const next = view.versions.find((v) => !v.released)!;
    expect(view.version.id).toBe(next.id);
    const counts = facts.countsOf(next.id);
    expect(view.readiness).toMatchObject({ source: 'jira', total: counts.total, ready: counts.done, notReady: counts.total - counts.done });
    expect(view.permissions).toEqual({ isReleaseManager: false, canEditRisks: false, canTick: false, canReview: false });
  });

  it('shows NO-GO for a release with an open High bug, naming the blocking issue, for a few Jira points', async () => {
    site.jira.resetStats();
    const view = await board(RAVI);
    expect(view.releaseType).toBe('patch');
    expect(view.releaseTypeSource).toBe('inferred');
    expect(view.verdict).toBe('NO_GO');
    expect(view.rag).toBe('red');
    expect(view.readiness).toMatchObject({ total: 2, ready: 1, notReady: 1, openBlockerBugs: 1, blockingCount: 1 });
    expect(view.readiness.blockingIssues).toEqual([expect.objectContaining({ key: release.bugKey, priority: 'High', reasons: ['High bug, not done'] })]);
    expect(criterion(view, 'issues-ready')?.status).toBe('fail');
    expect(criterion(view, 'no-open-blocker-bugs')?.status).toBe('fail');
    expect(criterion(view, 'sign-off-quorum')).toMatchObject({ status: 'pending', detail: expect.stringContaining('0 of 2') });
    expect(view.permissions.isReleaseManager).toBe(true);
    expect(site.jira.stats().points).toBeLessThan(20);
  });

  it('lets a release manager name the approvers of a release type', async () => {
    const policy = withApprovers(defaultPolicies().patch, { qa: [PRIYA], operations: [DANA] });
    const view = await ok<GoNoGoSettingsView>('saveGoNoGoSettings', RAVI, { releaseType: 'patch', policy });
    expect(view.policies.patch.roles.map((r) => r.approverAccountIds)).toEqual([[PRIYA], [DANA]]);
    expect(view.users.map((u) => u.displayName).sort()).toEqual(['Dana Kowalski', 'Priya Shah']);
    expect(view.updatedBy?.displayName).toBe('Ravi Menon');
  });

  describe('refuses bad input with a catalogued error and stores nothing', () => {
    const payAnyVersion = () => facts.versionsOf('PAY')[1]!.id;
    const risk = (overrides: Record<string, unknown> = {}) => ({
      id: 'risk-bad-input',
      title: 'Card network outage',
      description: '',
      likelihood: 3,
      impact: 3,
      mitigation: '',
      status: 'open',
      ...overrides,
    });
    const vote = (overrides: Record<string, unknown> = {}) => ({ versionId: release.versionId, roleId: 'qa', value: 'GO', comment: '', voteId: 'vote-bad-input', ...overrides });
    const decision = (overrides: Record<string, unknown> = {}) => ({ versionId: release.versionId, value: 'GO', comment: '', release: { unresolvedIssues: 'keep' }, decisionId: 'decision-bad-input', ...overrides });

    it.each([
      ['a vote for an unknown role', 'castVote', PRIYA, () => vote({ roleId: 'legal' }), 'VALIDATION'],
      ['a vote for an unknown release', 'castVote', PRIYA, () => vote({ versionId: '99999' }), 'NOT_FOUND'],
      ['a vote for a release of another project', 'castVote', PRIYA, () => vote({ versionId: payAnyVersion() }), 'NOT_FOUND'],
      ['a vote by someone who is not the role’s approver', 'castVote', SAM, () => vote(), 'FORBIDDEN'],
      ['a vote for the role of another approver', 'castVote', PRIYA, () => vote({ roleId: 'operations' }), 'FORBIDDEN'],
      ['a NO-GO vote without a comment', 'castVote', PRIYA, () => vote({ value: 'NO_GO' }), 'VALIDATION'],
      ['a vote with an unknown field', 'castVote', PRIYA, () => ({ ...vote(), projectKey: 'PAY' }), 'VALIDATION'],
      ['a vote id with characters keys do not allow', 'castVote', PRIYA, () => vote({ voteId: 'vote:1/2' }), 'VALIDATION'],
      ['a GO while the bug is open, without a justification', 'recordDecision', RAVI, () => decision(), 'VALIDATION'],
      ['a GO with a justification too short to defend', 'recordDecision', RAVI, () => decision({ overrideJustification: 'ship it' }), 'VALIDATION'],
      ['a decision by someone who is not a release manager', 'recordDecision', PRIYA, () => decision({ value: 'NO_GO', comment: 'no' }), 'FORBIDDEN'],
      ['a decision for a release of another project', 'recordDecision', RAVI, () => decision({ versionId: payAnyVersion(), value: 'NO_GO', comment: 'no' }), 'NOT_FOUND'],
      ['a risk with likelihood 6', 'addOrUpdateRisk', RAVI, () => ({ versionId: release.versionId, risk: risk({ likelihood: 6 }) }), 'VALIDATION'],
      ['a risk with impact 0', 'addOrUpdateRisk', RAVI, () => ({ versionId: release.versionId, risk: risk({ impact: 0 }) }), 'VALIDATION'],
      ['a risk with likelihood 2.5', 'addOrUpdateRisk', RAVI, () => ({ versionId: release.versionId, risk: risk({ likelihood: 2.5 }) }), 'VALIDATION'],
      ['a risk due on 30 February', 'addOrUpdateRisk', RAVI, () => ({ versionId: release.versionId, risk: risk({ dueDate: '2026-02-30' }) }), 'VALIDATION'],
      ['a risk owned by an unknown account', 'addOrUpdateRisk', RAVI, () => ({ versionId: release.versionId, risk: risk({ ownerAccountId: 'nobody-here' }) }), 'VALIDATION'],
      ['a risk from someone not on the board', 'addOrUpdateRisk', SAM, () => ({ versionId: release.versionId, risk: risk() }), 'FORBIDDEN'],
      ['a risk for a release of another project', 'addOrUpdateRisk', RAVI, () => ({ versionId: payAnyVersion(), risk: risk() }), 'NOT_FOUND'],
      ['a tick of an automatic criterion', 'tickCriterion', RAVI, () => ({ versionId: release.versionId, criterionId: 'issues-ready', ticked: true, evidence: 'trust me' }), 'VALIDATION'],
      ['a tick of an unknown criterion', 'tickCriterion', RAVI, () => ({ versionId: release.versionId, criterionId: 'm-unknown', ticked: true, evidence: 'x'.repeat(10) }), 'VALIDATION'],
      ['a tick without evidence', 'tickCriterion', RAVI, () => ({ versionId: release.versionId, criterionId: 'm-rollback-plan', ticked: true, evidence: ' ' }), 'VALIDATION'],
      ['an unknown release type', 'saveBoardConfig', RAVI, () => ({ versionId: release.versionId, releaseType: 'epic' }), 'VALIDATION'],
      ['a release type chosen by an approver', 'saveBoardConfig', PRIYA, () => ({ versionId: release.versionId, releaseType: 'hotfix' }), 'FORBIDDEN'],
      ['settings saved by an approver', 'saveGoNoGoSettings', PRIYA, () => ({ releaseType: 'patch', policy: defaultPolicies().patch }), 'FORBIDDEN'],
      ['a quorum larger than the roles', 'saveGoNoGoSettings', RAVI, () => ({ releaseType: 'patch', policy: { ...defaultPolicies().patch, quorum: { kind: 'at-least', count: 5 } } }), 'VALIDATION'],
      ['an approver Jira does not know', 'saveGoNoGoSettings', RAVI, () => ({ releaseType: 'patch', policy: withApprovers(defaultPolicies().patch, { qa: ['ghost-1'] }) }), 'VALIDATION'],
      ['a review of a release without a GO', 'savePostImplementationReview', RAVI, () => ({ versionId: release.versionId, review: { outcome: 'met', outcomeNotes: '', incidents: [], lessonsLearned: '', actions: [], completed: true } }), 'VALIDATION'],
      ['a new round before any decision', 'startNewRound', RAVI, () => ({ versionId: release.versionId }), 'VALIDATION'],
      ['a Jira release without a GO', 'markVersionReleased', RAVI, () => ({ versionId: release.versionId, release: { unresolvedIssues: 'keep' } }), 'VALIDATION'],
      ['a board asked for by someone who cannot browse the project', 'getGoNoGoBoard', NINA, () => ({ versionId: release.versionId }), 'FORBIDDEN'],
    ])('%s', async (_case, resolver, who, payload, code) => {
      const before = JSON.stringify(site.store.snapshot());
      const result = await call(resolver, who, payload());
      expect(result).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
      expect(JSON.stringify(site.store.snapshot())).toBe(before);
    });

    it('says which criteria block a GO', async () => {
      const result = await call('recordDecision', RAVI, decision());
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('override'), details: expect.arrayContaining([expect.stringContaining('100% of issues ready')]) } });
    });
  });

  it('keeps a risk register: a double submit adds a risk once, an open high risk turns the release Amber', async () => {
    const risk = { id: newId('risk'), title: 'PSP rate limits during peak', description: 'Black Friday traffic', likelihood: 4, impact: 3, ownerAccountId: DANA, mitigation: 'Throttle retries', dueDate: '2026-11-26', status: 'open' };
    const [first, second] = [await ok<GoNoGoBoardView>('addOrUpdateRisk', DANA, { versionId: release.versionId, risk }), await ok<GoNoGoBoardView>('addOrUpdateRisk', DANA, { versionId: release.versionId, risk })];
    expect(first.risks).toHaveLength(1);
    expect(second.risks).toHaveLength(1);
    expect(second.risks[0]).toMatchObject({ score: 12, level: 'high', owner: { displayName: 'Dana Kowalski' }, createdBy: { displayName: 'Dana Kowalski' } });
    expect(second.riskRollup).toMatchObject({ rag: 'amber', openByLevel: { high: 1 } });
    expect(second.riskRollup.heatMap[3]?.[2]).toBe(1);
    const closed = await ok<GoNoGoBoardView>('addOrUpdateRisk', RAVI, { versionId: release.versionId, risk: { ...risk, status: 'closed', mitigation: 'Throttled; verified in load test' } });
    expect(closed.risks[0]).toMatchObject({ status: 'closed', updatedBy: { displayName: 'Ravi Menon' }, createdBy: { displayName: 'Dana Kowalski' } });
    expect(closed.riskRollup.rag).toBe('green');
  });

  const waiting = (accountId: string) => ok<WaitingForMeView>('getWaitingForMe', accountId, {});

  it('lists for each approver the sign-offs they still owe, from who is asking', async () => {
    expect((await waiting(PRIYA)).votes).toEqual([{ versionId: release.versionId, versionName: 'SHOP 2.4.1', releaseDate: '2026-11-27', roleId: 'qa', roleName: 'QA', round: 1 }]);
    expect((await waiting(DANA)).votes.map((v) => v.roleId)).toEqual(['operations']);
    expect((await waiting(SAM)).votes).toEqual([]);
    // The caller is the context's account: a payload naming someone else is refused.
    expect(await call('getWaitingForMe', SAM, { accountId: PRIYA })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await call('getWaitingForMe', NINA, {})).toMatchObject({ ok: false });
  });

  it('counts a double-clicked vote once and keeps a changed vote as a new record', async () => {
    const voteId = newId('vote');
    await ok('castVote', PRIYA, { versionId: release.versionId, roleId: 'qa', value: 'GO', comment: '', voteId });
    const twice = await ok<GoNoGoBoardView>('castVote', PRIYA, { versionId: release.versionId, roleId: 'qa', value: 'GO', comment: '', voteId });
    expect(twice.signOffs.find((s) => s.roleId === 'qa')?.history).toHaveLength(1);

    await ok('castVote', DANA, { versionId: release.versionId, roleId: 'operations', value: 'NO_GO', comment: 'Runbook not reviewed', voteId: newId('vote') });
    const vetoed = await board(RAVI);
    expect(vetoed.quorum).toMatchObject({ status: 'vetoed', vetoedBy: ['Operations'] });
    const changed = await ok<GoNoGoBoardView>('castVote', DANA, { versionId: release.versionId, roleId: 'operations', value: 'GO_WITH_CONDITIONS', comment: 'Runbook reviewed by Monday', voteId: newId('vote') });
    const ops = changed.signOffs.find((s) => s.roleId === 'operations')!;
    expect(ops.state).toBe('GO_WITH_CONDITIONS');
    expect(ops.history.map((v) => v.value)).toEqual(['GO_WITH_CONDITIONS', 'NO_GO']);
    expect(changed.quorum.status).toBe('met');
    expect(changed.signOffs.find((s) => s.roleId === 'qa')?.canVote).toBe(false);
    expect(ops.canVote).toBe(true);
  });

  it('forgets a sign-off once its approver has voted', async () => {
    expect((await waiting(PRIYA)).votes).toEqual([]);
    expect((await waiting(DANA)).votes).toEqual([]);
  });

  it('turns GO once the bug is fixed in Jira and the manual criterion is ticked with evidence', async () => {
    await transition(site.jira.url, DANA, release.bugKey, 'done');
    const fixed = await board(RAVI);
    expect(criterion(fixed, 'issues-ready')?.status).toBe('pass');
    expect(criterion(fixed, 'no-open-blocker-bugs')?.status).toBe('pass');
    expect(fixed.readiness.blockingIssues).toEqual([]);
    expect(fixed.verdict).toBe('PENDING');
    expect(fixed.verdictReasons).toEqual([expect.stringContaining('Rollback plan ready')]);

    const ticked = await ok<GoNoGoBoardView>('tickCriterion', PRIYA, { versionId: release.versionId, criterionId: 'm-rollback-plan', ticked: true, evidence: 'https://wiki.example.com/rollback/shop-2-4-1' });
    expect(criterion(ticked, 'm-rollback-plan')).toMatchObject({ status: 'pass', tick: { by: { displayName: 'Priya Shah' } } });
    expect(ticked.verdict).toBe('GO');
    expect(ticked.rag).toBe('green');
  });

  it('records the GO once, freezes the evidence and marks the version released in Jira as the user', async () => {
    const decisionId = newId('decision');
    const payload = { versionId: release.versionId, value: 'GO', comment: 'Go for Thursday 10:00', release: { unresolvedIssues: 'keep' }, decisionId };
    const decided = await ok<GoNoGoBoardView>('recordDecision', RAVI, payload);
    expect(decided.decision).toMatchObject({ value: 'GO', decidedBy: { displayName: 'Ravi Menon' }, markReleasedRequested: true, jiraRelease: { status: 'released', releaseDate: '2026-11-24' } });
    expect(decided.decision?.override).toBeUndefined();
    expect(decided.decision?.snapshot).toMatchObject({ verdict: 'GO', readiness: { total: 2, ready: 2 }, quorum: { status: 'met' } });
    expect(decided.decision?.snapshot.signOffs.map((s) => s.state)).toEqual(['GO', 'GO_WITH_CONDITIONS']);
    expect(decided.version.released).toBe(true);
    expect(site.jira.dataset.versions.find((v) => v.id === release.versionId)).toMatchObject({ released: true, releaseDate: '2026-11-24' });
    expect(decided.permissions).toMatchObject({ canEditRisks: false, canTick: false });

    const again = await ok<GoNoGoBoardView>('recordDecision', RAVI, payload);
    expect(again.decision?.id).toBe(decisionId);
    const before = JSON.stringify(site.store.snapshot());
    const { release: _release, ...decisionOnly } = payload;
    const second = await call('recordDecision', RAVI, { ...decisionOnly, value: 'NO_GO', comment: 'changed my mind', decisionId: newId('decision') });
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('cannot be recorded twice') } });
    const lateVote = await call('castVote', PRIYA, { versionId: release.versionId, roleId: 'qa', value: 'NO_GO', comment: 'late', voteId: newId('vote') });
    expect(lateVote).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const lateRisk = await call('addOrUpdateRisk', RAVI, { versionId: release.versionId, risk: { id: newId('risk'), title: 'Late', description: '', likelihood: 1, impact: 1, mitigation: '', status: 'open' } });
    expect(lateRisk).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(JSON.stringify(site.store.snapshot())).toBe(before);
  });

  it('keeps an append-only audit log of every change, exportable as CSV', async () => {
    const log = await ok<AuditLogView>('getAuditLog', SAM, { versionId: release.versionId });
    expect(log.entries.map((e) => e.action)).toEqual([
      'risk.added',
      'risk.updated',
      'vote.cast',
      'vote.cast',
      'vote.changed',
      'criterion.ticked',
      'decision.recorded',
      'jira.version-released',
    ]);
    const changedVote = log.entries.find((e) => e.action === 'vote.changed')!;
    expect(changedVote).toMatchObject({ actor: { displayName: 'Dana Kowalski' }, before: { value: 'NO_GO' }, after: { value: 'GO_WITH_CONDITIONS' } });
    const csv = await ok<AuditCsvExport>('exportAuditCsv', SAM, { versionId: release.versionId });
    expect(csv.rows).toBe(log.entries.length);
    expect(csv.filename).toBe('SHOP-SHOP-2.4.1-go-no-go-audit.csv');
    expect(csv.csv.split('\r\n')[0]).toContain('Time (UTC),Actor');
    const settingsLog = await ok<AuditLogView>('getAuditLog', SAM, {});
    expect(settingsLog.entries.map((e) => e.action)).toEqual(['settings.policy-updated']);
  });
});

describe('overrides, new rounds and post-implementation reviews', () => {
  let hotfix: SmallRelease;

  beforeAll(async () => {
    hotfix = await createSmallRelease(site.jira.url, { name: 'SHOP 2.4.2', startDate: '2026-11-20', releaseDate: '2026-11-25', description: 'Hotfix: CHF rounding' });
    await ok('saveGoNoGoSettings', RAVI, { releaseType: 'hotfix', policy: withApprovers(defaultPolicies().hotfix, { qa: [PRIYA], operations: [DANA] }) });
  });

  it('records a NO-GO, opens a new round, then a GO with an override whose evidence stays frozen', async () => {
    const start = await board(RAVI, hotfix.versionId);
    expect(start.releaseType).toBe('hotfix');
    expect(start.criteria.map((c) => c.id)).toEqual(['issues-ready', 'sign-off-quorum', 'm-fix-verified', 'm-rollback-plan']);
    const noGo = await ok<GoNoGoBoardView>('recordDecision', RAVI, { versionId: hotfix.versionId, value: 'NO_GO', comment: 'Bug still open', decisionId: newId('decision') });
    expect(noGo.decision).toMatchObject({ value: 'NO_GO', round: 1 });
    const round2 = await ok<GoNoGoBoardView>('startNewRound', RAVI, { versionId: hotfix.versionId });
    expect(round2.round).toBe(2);
    expect(round2.decision).toBeUndefined();
    expect(round2.earlierDecisions.map((d) => d.value)).toEqual(['NO_GO']);

    const justification = 'Customers are double-charged today; the open bug only affects CHF display and has a workaround.';
    const go = await ok<GoNoGoBoardView>('recordDecision', RAVI, { versionId: hotfix.versionId, value: 'GO', comment: '', overrideJustification: justification, decisionId: newId('decision') });
    expect(go.decision?.override).toEqual({ justification, failingCriteria: expect.arrayContaining([expect.stringContaining('100% of issues ready'), expect.stringContaining('Sign-off quorum')]) });
    expect(go.decision?.jiraRelease).toBeUndefined();
    expect(site.jira.dataset.versions.find((v) => v.id === hotfix.versionId)?.released).toBe(false);

    await transition(site.jira.url, DANA, hotfix.bugKey, 'done');
    const later = await board(SAM, hotfix.versionId);
    expect(later.readiness.notReady).toBe(0);
    expect(later.decision?.snapshot.readiness).toMatchObject({ notReady: 1, blockingIssues: [expect.objectContaining({ key: hotfix.bugKey })] });
    expect(later.decision?.snapshot.verdict).toBe('NO_GO');
  });

  it('makes the hotfix’s review due within the set days, overdue when missed, and lists it per project', async () => {
    const due = await ok<PirListView>('getPostImplementationReviews', SAM, {});
    const item = due.items.find((i) => i.versionId === hotfix.versionId)!;
    expect(item).toMatchObject({ releaseType: 'hotfix', dueDate: '2026-11-29', status: 'due', days: 5 });
    expect(due.items.find((i) => i.versionId === release.versionId)).toMatchObject({ status: 'open' });

    now = new Date('2026-12-01T09:00:00Z');
    try {
      const overdue = await ok<PirListView>('getPostImplementationReviews', SAM, {});
      expect(overdue.items[0]).toMatchObject({ versionId: hotfix.versionId, status: 'overdue', days: 2 });
      expect((await board(SAM, hotfix.versionId)).pir).toMatchObject({ status: 'overdue' });

      const review = {
        outcome: 'partially-met',
        outcomeNotes: 'Double charges stopped; CHF display fixed a day later.',
        incidents: [{ reference: 'SHOP-77', note: 'Double charge' }],
        lessonsLearned: 'Add a currency matrix to the regression suite.',
        actions: [{ id: newId('action'), text: 'Currency regression tests', ownerAccountId: PRIYA, dueDate: '2026-12-15', status: 'open' }],
        completed: true,
      };
      const saved = await ok<PirListView>('savePostImplementationReview', PRIYA, { versionId: hotfix.versionId, review });
      expect(saved.items.find((i) => i.versionId === hotfix.versionId)).toMatchObject({
        status: 'completed',
        review: { outcome: 'partially-met', completedAt: '2026-12-01T09:00:00.000Z', actions: [{ owner: { displayName: 'Priya Shah' } }] },
      });
      const refused = await call('savePostImplementationReview', SAM, { versionId: hotfix.versionId, review });
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      now = DEMO_NOW;
    }
  });
});

describe('a GO that Jira does not let the user release', () => {
  it('keeps the decision and says why the version was not released', async () => {
    const emergency = await createSmallRelease(site.jira.url, { name: 'SHOP 2.4.3', startDate: '2026-11-23', releaseDate: '2026-11-24', description: 'Emergency change: PSP certificate' });
    await setReleaseManagers(site.deps, readInvocationContext(context(RAVI)), [DANA]);
    await ok('saveGoNoGoSettings', RAVI, { releaseType: 'emergency', policy: withApprovers(defaultPolicies().emergency, { operations: [DANA] }) });
    await transition(site.jira.url, DANA, emergency.bugKey, 'done');
    await ok('castVote', DANA, { versionId: emergency.versionId, roleId: 'operations', value: 'GO', comment: '', voteId: newId('vote') });
    await ok('tickCriterion', DANA, { versionId: emergency.versionId, criterionId: 'm-incident-reference', ticked: true, evidence: 'INC-2041' });
    const view = await ok<GoNoGoBoardView>('recordDecision', DANA, { versionId: emergency.versionId, value: 'GO', comment: 'Certificate expires tonight', release: { unresolvedIssues: 'keep' }, decisionId: newId('decision') });
    expect(view.decision).toMatchObject({ value: 'GO', jiraRelease: { status: 'failed', message: expect.stringContaining('administrator') } });
    expect(view.version.released).toBe(false);
    expect(site.jira.dataset.versions.find((v) => v.id === emergency.versionId)?.released).toBe(false);

    const retried = await ok<GoNoGoBoardView>('markVersionReleased', RAVI, { versionId: emergency.versionId, release: { unresolvedIssues: 'keep' } });
    expect(retried.decision?.jiraRelease).toMatchObject({ status: 'released', by: { displayName: 'Ravi Menon' } });
    expect(site.jira.dataset.versions.find((v) => v.id === emergency.versionId)?.released).toBe(true);
    const log = await ok<AuditLogView>('getAuditLog', RAVI, { versionId: emergency.versionId });
    expect(log.entries.map((e) => e.action).slice(-3)).toEqual(['decision.recorded', 'jira.release-failed', 'jira.version-released']);
  });
});

describe('a vote', () => {
  it('answers a vote with the evidence the voter’s board just read, for fewer Jira requests than a board and no readiness read', async () => {
    await ok('saveGoNoGoSettings', RAVI, { releaseType: 'patch', policy: withApprovers(defaultPolicies().patch, { qa: [PRIYA], operations: [DANA] }) });
    const other = await createSmallRelease(site.jira.url, { name: 'SHOP 2.4.7', startDate: '2026-11-19', releaseDate: '2026-11-28' });
    const seen = await board(DANA, other.versionId);
    const cost = async <T>(work: () => Promise<T>) => {
      site.jira.resetStats();
      const units = site.store.counters.readUnits;
      const result = await work();
      return { result, requests: site.jira.stats().requests, units: site.store.counters.readUnits - units };
    };
    const reads = jest.spyOn(site.store, 'getVersioned');
    const vote = await cost(() => ok<GoNoGoBoardView>('castVote', DANA, { versionId: other.versionId, roleId: 'operations', value: 'GO_WITH_CONDITIONS', comment: 'Runbook reviewed by Monday', voteId: newId('vote') }));
    // The board's readiness is one summary read now, so a vote saves Jira requests, not store units.
    expect(reads.mock.calls.filter(([key]) => key.startsWith('readiness:'))).toEqual([]);
    reads.mockRestore();
    const view = await cost(() => board(DANA, other.versionId));
    expect(vote.result.readiness).toEqual(seen.readiness);
    expect(vote.result.plan).toEqual(seen.plan);
    expect(vote.result.signOffs.find((s) => s.roleId === 'operations')?.history).toHaveLength(1);
    expect({ criteria: vote.result.criteria, verdict: vote.result.verdict, signOffs: vote.result.signOffs }).toEqual({ criteria: view.result.criteria, verdict: view.result.verdict, signOffs: view.result.signOffs });
    expect(vote.requests).toBeLessThan(view.requests);
  });
});
