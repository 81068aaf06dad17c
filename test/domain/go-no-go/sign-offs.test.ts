import type { QuorumRule, RoleState } from '../../../src/contract-go-no-go';
import { evaluateQuorum, roleSignOffs } from '../../../src/domain/go-no-go/sign-offs';
import { aRole, aVote, person } from '../../support/go-no-go-builders';

const roles = (...states: RoleState[]) => states.map((state, i) => ({ roleName: `Role ${i + 1}`, state }));
const all: QuorumRule = { kind: 'all' };
const atLeast = (count: number): QuorumRule => ({ kind: 'at-least', count });

describe('the sign-off quorum', () => {
  it.each([
    ['every role approves', all, roles('GO', 'GO', 'GO_WITH_CONDITIONS'), 'met', 3],
    ['one role has not voted', all, roles('GO', 'PENDING', 'GO'), 'pending', 2],
    ['one role says NO-GO', all, roles('GO', 'NO_GO', 'GO'), 'vetoed', 2],
    ['two of three approve, two needed', atLeast(2), roles('GO', 'PENDING', 'GO'), 'met', 2],
    ['one of three approves, two needed', atLeast(2), roles('GO', 'PENDING', 'PENDING'), 'pending', 1],
    ['enough approve but one vetoes', atLeast(1), roles('GO', 'NO_GO'), 'vetoed', 1],
    ['nobody has voted', atLeast(1), roles('PENDING', 'PENDING'), 'pending', 0],
    ['no roles are set up', all, roles(), 'pending', 0],
  ])('%s: %s', (_case, rule, signOffs, status, approvals) => {
    const result = evaluateQuorum(rule, signOffs);
    expect(result.status).toBe(status);
    expect(result.approvals).toBe(approvals);
  });

  it.each([
    [all, roles('GO', 'GO', 'GO_WITH_CONDITIONS'), 'Quorum reached: 3 of 3 roles approve (needs every role).'],
    [atLeast(2), roles('GO', 'PENDING', 'GO'), 'Quorum reached: 2 of 3 roles approve (needs 2 of 3 roles).'],
    [all, roles('GO', 'PENDING', 'PENDING'), '1 of 3 approvals (needs every role); waiting for Role 2, Role 3.'],
    [atLeast(2), roles('PENDING', 'GO', 'PENDING'), '1 of 2 approvals (needs 2 of 3 roles); waiting for Role 1, Role 3.'],
    [all, roles('NO_GO', 'GO', 'NO_GO'), 'NO-GO from Role 1, Role 3.'],
    [all, roles(), 'No sign-off roles are set up for this release type.'],
  ])('says in words where the quorum (%j) stands: %j → "%s"', (rule, signOffs, text) => {
    expect(evaluateQuorum(rule, signOffs).text).toBe(text);
  });

  it('names the roles that vetoed', () => {
    expect(evaluateQuorum(all, roles('NO_GO', 'GO', 'NO_GO')).vetoedBy).toEqual(['Role 1', 'Role 3']);
  });
});

describe('a role’s state from its votes', () => {
  const userOf = (id: string) => person(id, id.toUpperCase());

  it.each([
    ['no votes', [], 'PENDING'],
    ['a GO', [aVote('qa', 'priya', 'GO')], 'GO'],
    ['a GO changed to NO-GO (a new record)', [aVote('qa', 'priya', 'GO', '2026-11-24T09:00:00Z'), aVote('qa', 'priya', 'NO_GO', '2026-11-24T09:05:00Z')], 'NO_GO'],
    ['a NO-GO changed to GO', [aVote('qa', 'priya', 'NO_GO', '2026-11-24T09:00:00Z'), aVote('qa', 'priya', 'GO', '2026-11-24T09:05:00Z')], 'GO'],
    ['two approvers: one GO, one NO-GO', [aVote('qa', 'priya', 'GO'), aVote('qa', 'omar', 'NO_GO')], 'NO_GO'],
    ['two approvers: GO and GO with conditions', [aVote('qa', 'priya', 'GO'), aVote('qa', 'omar', 'GO_WITH_CONDITIONS')], 'GO_WITH_CONDITIONS'],
    ['a vote by someone who is no longer an approver', [aVote('qa', 'mallory', 'NO_GO')], 'PENDING'],
    ['a vote for another role', [aVote('ops', 'priya', 'GO')], 'PENDING'],
  ])('%s → %s', (_case, votes, state) => {
    const [qa] = roleSignOffs([aRole('qa', ['priya', 'omar'])], votes, 'someone', userOf);
    expect(qa?.state).toBe(state);
  });

  it('keeps every vote as history, newest first, and says who may vote', () => {
    const votes = [aVote('qa', 'priya', 'GO', '2026-11-24T09:00:00Z'), aVote('qa', 'priya', 'NO_GO', '2026-11-24T09:05:00Z'), aVote('qa', 'mallory', 'GO', '2026-11-24T09:06:00Z')];
    const [qa] = roleSignOffs([aRole('qa', ['priya'])], votes, 'priya', userOf);
    expect(qa?.history.map((v) => `${v.voter.accountId}:${v.value}`)).toEqual(['mallory:GO', 'priya:NO_GO', 'priya:GO']);
    expect(qa?.current.map((v) => v.value)).toEqual(['NO_GO']);
    expect(qa?.canVote).toBe(true);
    expect(qa?.approvers).toEqual([{ accountId: 'priya', displayName: 'PRIYA' }]);
  });
});

describe('a role’s vote history', () => {
  const at = '2026-11-24T09:00:00.000Z';
  const qa = aRole('qa', ['priya']);
  const ops = aRole('operations', ['omar']);

  it('holds only the role’s own votes, newest first; votes of the same instant by the order they were recorded', () => {
    const votes = [
      aVote('qa', 'priya', 'GO', at, { id: 'vote-a' }),
      aVote('operations', 'omar', 'GO', '2026-11-24T10:00:00.000Z', { id: 'vote-c' }),
      aVote('qa', 'priya', 'NO_GO', at, { id: 'vote-b' }),
    ];
    const [qaSignOff] = roleSignOffs([qa, ops], votes, 'priya', person);
    expect(qaSignOff?.history.map((v) => v.id)).toEqual(['vote-b', 'vote-a']);
    expect(qaSignOff?.state).toBe('NO_GO');
  });
});
