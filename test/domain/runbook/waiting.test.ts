import type { RunbookStep } from '../../../src/contract';
import { ownedAs } from '../../../src/domain/runbook/waiting';

const step = (owner?: RunbookStep['owner']): RunbookStep => ({ id: 's', title: 'Deploy', description: '', durationMinutes: 5, dependsOn: [], kind: 'deployment', ...(owner ? { owner } : {}) });
const me = { accountId: 'acc-me', groups: new Set(['ops']), isReleaseManager: false };

describe('whose go-live step it is', () => {
  it.each([
    ['mine by name', step({ type: 'user', accountId: 'acc-me' }), me, 'you'],
    ['someone else’s by name', step({ type: 'user', accountId: 'acc-other' }), me, undefined],
    ['my group’s (Jira group names ignore case)', step({ type: 'group', groupName: 'Ops' }), me, 'Ops'],
    ['another group’s', step({ type: 'group', groupName: 'dba' }), me, undefined],
    ['without an owner: the release managers’', step(), { ...me, isReleaseManager: true }, 'release managers'],
    ['without an owner, not a release manager', step(), me, undefined],
  ])('%s', (_case, s, actor, expected) => {
    expect(ownedAs(s, actor)).toBe(expected);
  });
});
