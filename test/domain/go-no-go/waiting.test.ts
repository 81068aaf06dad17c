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
});
