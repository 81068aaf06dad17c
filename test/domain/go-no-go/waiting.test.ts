import type { SignOffRoleDefinition, SignOffVote } from '../../../src/contract';
import { type ReleaseAwaitingVotes, votesWaitingFor } from '../../../src/domain/go-no-go/waiting';

const ME = 'acc-me';
const QA: SignOffRoleDefinition = { id: 'qa', name: 'QA', approverAccountIds: [ME, 'acc-other'] };
const OPS: SignOffRoleDefinition = { id: 'operations', name: 'Operations', approverAccountIds: [ME] };
const PRODUCT: SignOffRoleDefinition = { id: 'product', name: 'Product', approverAccountIds: ['acc-other'] };

const vote = (roleId: string, accountId: string): SignOffVote => ({ id: `v-${roleId}-${accountId}`, roleId, voter: { accountId, displayName: accountId }, value: 'GO', comment: '', at: '2026-11-20T10:00:00.000Z', round: 1 });
const release = (overrides: Partial<ReleaseAwaitingVotes>): ReleaseAwaitingVotes => ({ versionId: '1', versionName: 'SHOP 2.4', releaseDate: '2026-12-03', decided: false, round: 1, roles: [QA, OPS, PRODUCT], votes: [], ...overrides });

describe('the sign-offs waiting for me', () => {
  it.each([
    ['every role naming me, none voted', release({}), ['QA', 'Operations']],
    ['a role I voted in is done', release({ votes: [vote('qa', ME)] }), ['Operations']],
    ['another approver voting for my role does not count as mine', release({ votes: [vote('qa', 'acc-other')] }), ['QA', 'Operations']],
    ['my vote in another role does not count for this one', release({ votes: [vote('operations', ME)] }), ['QA']],
    ['a decided release waits for nobody', release({ decided: true }), []],
    ['roles not naming me are not mine', release({ roles: [PRODUCT] }), []],
  ])('%s', (_case, input, roles) => {
    expect(votesWaitingFor(ME, [input]).map((w) => w.roleName)).toEqual(roles);
  });

  it('lists the soonest release first and undated ones last', () => {
    const waiting = votesWaitingFor(ME, [
      release({ versionId: '3', versionName: 'SHOP 3.0', roles: [OPS], releaseDate: undefined }),
      release({ versionId: '2', versionName: 'SHOP 2.5', roles: [OPS], releaseDate: '2027-01-15' }),
      release({ versionId: '1', versionName: 'SHOP 2.4', roles: [OPS], releaseDate: '2026-12-03' }),
    ]);
    expect(waiting.map((w) => w.versionName)).toEqual(['SHOP 2.4', 'SHOP 2.5', 'SHOP 3.0']);
  });

  it('says for each vote which release, role and round it is, with the release date when there is one', () => {
    const waiting = votesWaitingFor(ME, [
      release({ versionId: '3', versionName: 'SHOP 3.0', roles: [OPS], round: 2, releaseDate: undefined }),
      release({ versionId: '1', versionName: 'SHOP 2.4', roles: [QA] }),
    ]);
    expect(waiting).toEqual([
      { versionId: '1', versionName: 'SHOP 2.4', releaseDate: '2026-12-03', roleId: 'qa', roleName: 'QA', round: 1 },
      { versionId: '3', versionName: 'SHOP 3.0', roleId: 'operations', roleName: 'Operations', round: 2 },
    ]);
  });

  it('orders releases due the same day, and undated ones, by name', () => {
    const waiting = votesWaitingFor(ME, [
      release({ versionId: '5', versionName: 'SHOP Later', roles: [OPS], releaseDate: undefined }),
      release({ versionId: '2', versionName: 'PAY 3.1', roles: [OPS] }),
      release({ versionId: '4', versionName: 'SHOP Backlog', roles: [OPS], releaseDate: undefined }),
      release({ versionId: '1', versionName: 'SHOP 2.4', roles: [OPS] }),
    ]);
    expect(waiting.map((w) => w.versionName)).toEqual(['PAY 3.1', 'SHOP 2.4', 'SHOP Backlog', 'SHOP Later']);
  });
});
