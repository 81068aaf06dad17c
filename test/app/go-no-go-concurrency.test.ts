/**
 * Votes and decisions racing each other. A store wrapper holds readers of one document at a
 * barrier until all of them have read it, so every racer starts from the same revision and the
 * losers must go through the conflict path: no timing, no luck.
 */
import type { GoNoGoBoardView, ResolverResult } from '../../src/contract';
import type { AppDeps } from '../../src/app/deps';
import { dispatchResolver } from '../../src/app/resolvers';
import { defaultPolicies } from '../../src/domain/go-no-go/policies';
import { type VotesDoc, votesDoc } from '../../src/store/go-no-go-store';
import { readSplitDoc } from '../../src/store/sharded-list';
import { keys } from '../../src/store/keys';
import type { FakeJira } from '../../local/fake-jira';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import type { BarrierStore } from '../support/barrier-store';
import { shopPageContext, startRacingApp } from '../support/racing-app';
import { createSmallRelease, transition } from '../support/go-no-go-release';

const { releaseManager: RAVI, qa: PRIYA, developer: DANA, admin: ALANA } = DEMO_ACCOUNT;
let jira: FakeJira;
let store: BarrierStore;
let deps: AppDeps;
let ids = 0;
const newId = (prefix: string) => `${prefix}-${String(++ids).padStart(6, '0')}`;

const context = shopPageContext;
const call = async (name: string, accountId: string, payload: unknown) => (await dispatchResolver(deps, name, payload, context(accountId))) as ResolverResult<GoNoGoBoardView>;
const vote = (accountId: string, versionId: string, roleId: string, voteId = newId('vote'), value = 'GO') =>
  call('castVote', accountId, { versionId, roleId, value, comment: value === 'GO' ? '' : 'not yet', voteId });

async function votesOf(versionId: string, round = 1): Promise<VotesDoc['votes']> {
  return (await readSplitDoc<VotesDoc>(store, votesDoc('10000', versionId, round)))?.value.votes ?? [];
}

async function freshRelease(name: string) {
  const release = await createSmallRelease(jira.url, { name, startDate: '2026-11-20', releaseDate: '2026-11-28' });
  await transition(jira.url, DANA, release.bugKey, 'done');
  return release;
}

beforeAll(async () => {
  ({ jira, store, deps } = await startRacingApp());
  const policy = defaultPolicies().patch;
  const roles = policy.roles.map((r) => ({ ...r, approverAccountIds: r.id === 'qa' ? [PRIYA, ALANA] : [DANA] }));
  const saved = await dispatchResolver(deps, 'saveGoNoGoSettings', { releaseType: 'patch', policy: { ...policy, roles } }, context(RAVI));
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
});
afterAll(() => jira.close());
beforeEach(() => {
  store.conflicts = 0;
});

describe('simultaneous votes', () => {
  it('counts both when two approvers vote at the same moment', async () => {
    const release = await freshRelease('SHOP 2.6.1');
    store.arm(keys.goNoGoVotes('10000', release.versionId, 1), 2);
    const [qa, ops] = await Promise.all([vote(PRIYA, release.versionId, 'qa'), vote(DANA, release.versionId, 'operations')]);
    expect(qa.ok && ops.ok).toBe(true);
    expect(store.conflicts).toBeGreaterThanOrEqual(1);
    expect((await votesOf(release.versionId)).map((v) => v.voter.accountId).sort()).toEqual([DANA, PRIYA].sort());
    const view = await call('getGoNoGoBoard', RAVI, { versionId: release.versionId });
    if (!view.ok) throw new Error(JSON.stringify(view.error));
    expect(view.data.quorum.status).toBe('met');
  });

  it('counts both when two approvers of the same role vote at the same moment', async () => {
    const release = await freshRelease('SHOP 2.6.2');
    store.arm(keys.goNoGoVotes('10000', release.versionId, 1), 2);
    await Promise.all([vote(PRIYA, release.versionId, 'qa'), vote(ALANA, release.versionId, 'qa', undefined, 'NO_GO')]);
    expect(await votesOf(release.versionId)).toHaveLength(2);
    const view = await call('getGoNoGoBoard', RAVI, { versionId: release.versionId });
    expect(view.ok && view.data.signOffs.find((s) => s.roleId === 'qa')?.state).toBe('NO_GO');
  });

  it('counts a double click once, even when both clicks arrive together', async () => {
    const release = await freshRelease('SHOP 2.6.3');
    const voteId = newId('vote');
    store.arm(keys.goNoGoVotes('10000', release.versionId, 1), 2);
    const results = await Promise.all([vote(PRIYA, release.versionId, 'qa', voteId), vote(PRIYA, release.versionId, 'qa', voteId)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await votesOf(release.versionId)).toHaveLength(1);
    const audit = await store.query(keys.goNoGoAuditPrefix('10000', release.versionId));
    expect(audit.results.filter((r) => (r.value as { action: string }).action === 'vote.cast')).toHaveLength(1);
  });

  it('keeps ten approvers voting at once, none lost', async () => {
    const release = await freshRelease('SHOP 2.6.4');
    store.arm(keys.goNoGoVotes('10000', release.versionId, 1), 10);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => vote(i % 2 ? PRIYA : ALANA, release.versionId, 'qa')));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(await votesOf(release.versionId)).toHaveLength(10);
  });
});

describe('simultaneous decisions', () => {
  it('records one decision when two release managers decide at the same moment', async () => {
    const release = await freshRelease('SHOP 2.6.5');
    store.arm(keys.goNoGoDecision('10000', release.versionId, 1), 2);
    const decide = (accountId: string) =>
      call('recordDecision', accountId, { versionId: release.versionId, value: 'NO_GO', comment: `stop (${accountId})`, decisionId: newId('decision') });
    const results = await Promise.all([decide(RAVI), decide(ALANA)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'CONFLICT' }) })]);
    const audit = await store.query(keys.goNoGoAuditPrefix('10000', release.versionId));
    expect(audit.results.filter((r) => (r.value as { action: string }).action.startsWith('decision.'))).toHaveLength(1);
  });

  it('never freezes a snapshot that misses a vote which landed: the vote is in it, or it was refused', async () => {
    const release = await freshRelease('SHOP 2.6.6');
    await vote(DANA, release.versionId, 'operations');
    store.arm(keys.goNoGoVotes('10000', release.versionId, 1), 2);
    const [late, decided] = await Promise.all([
      vote(PRIYA, release.versionId, 'qa'),
      call('recordDecision', RAVI, { versionId: release.versionId, value: 'NO_GO', comment: 'not this week', decisionId: newId('decision') }),
    ]);
    if (!decided.ok) throw new Error(JSON.stringify(decided.error));
    expect(store.conflicts).toBeGreaterThanOrEqual(1);
    const frozen = decided.data.decision!.snapshot.signOffs.flatMap((s) => s.votes.map((v) => v.voter.accountId));
    const stored = (await votesOf(release.versionId)).map((v) => v.voter.accountId);
    if (late.ok) expect(frozen.sort()).toEqual([DANA, PRIYA].sort());
    else expect(late).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(frozen.sort()).toEqual(stored.sort());
  });
});
