import type { QuorumResult, QuorumRule, RoleSignOff, RoleState, SignOffRoleDefinition, SignOffVote, UserSummary } from '../../contract-go-no-go';

/**
 * Sign-offs by role. Each vote is a record of its own (a changed vote is a new record), so a
 * role's state comes from each named approver's latest vote: any NO-GO holds the role at NO-GO,
 * otherwise a GO with conditions, otherwise a GO. Votes of people who are no longer approvers of
 * the role stay in the history but no longer count.
 */

function newestFirst(a: SignOffVote, b: SignOffVote): number {
  return b.at.localeCompare(a.at) || b.id.localeCompare(a.id);
}

export function latestVotePerApprover(role: SignOffRoleDefinition, votes: readonly SignOffVote[]): SignOffVote[] {
  const latest = new Map<string, SignOffVote>();
  for (const vote of [...votes].filter((v) => v.roleId === role.id).sort(newestFirst)) {
    if (!role.approverAccountIds.includes(vote.voter.accountId)) continue;
    if (!latest.has(vote.voter.accountId)) latest.set(vote.voter.accountId, vote);
  }
  return [...latest.values()];
}

export function roleState(current: readonly SignOffVote[]): RoleState {
  if (current.some((v) => v.value === 'NO_GO')) return 'NO_GO';
  if (current.some((v) => v.value === 'GO_WITH_CONDITIONS')) return 'GO_WITH_CONDITIONS';
  if (current.some((v) => v.value === 'GO')) return 'GO';
  return 'PENDING';
}

export function roleSignOffs(
  roles: readonly SignOffRoleDefinition[],
  votes: readonly SignOffVote[],
  viewerAccountId: string,
  userOf: (accountId: string) => UserSummary,
): RoleSignOff[] {
  return roles.map((role) => {
    const current = latestVotePerApprover(role, votes);
    return {
      roleId: role.id,
      roleName: role.name,
      approvers: role.approverAccountIds.map(userOf),
      state: roleState(current),
      current,
      history: votes.filter((v) => v.roleId === role.id).sort(newestFirst),
      canVote: role.approverAccountIds.includes(viewerAccountId),
    };
  });
}

/** Whether the roles' states reach the release type's quorum; a NO-GO of any role vetoes. */
export function evaluateQuorum(rule: QuorumRule, signOffs: ReadonlyArray<Pick<RoleSignOff, 'roleName' | 'state'>>): QuorumResult {
  const approvals = signOffs.filter((s) => s.state === 'GO' || s.state === 'GO_WITH_CONDITIONS').length;
  const vetoedBy = signOffs.filter((s) => s.state === 'NO_GO').map((s) => s.roleName);
  const required = rule.kind === 'all' ? signOffs.length : Math.min(rule.count, signOffs.length);
  const ruleText = rule.kind === 'all' ? 'every role' : `${rule.count} of ${signOffs.length} roles`;
  if (signOffs.length === 0) {
    return { rule, approvals, required, vetoedBy, status: 'pending', text: 'No sign-off roles are set up for this release type.' };
  }
  if (vetoedBy.length) {
    return { rule, approvals, required, vetoedBy, status: 'vetoed', text: `NO-GO from ${vetoedBy.join(', ')}.` };
  }
  if (approvals >= required) {
    return { rule, approvals, required, vetoedBy, status: 'met', text: `Quorum reached: ${approvals} of ${signOffs.length} roles approve (needs ${ruleText}).` };
  }
  const waiting = signOffs.filter((s) => s.state === 'PENDING').map((s) => s.roleName);
  return {
    rule,
    approvals,
    required,
    vetoedBy,
    status: 'pending',
    text: `${approvals} of ${required} approvals (needs ${ruleText})${waiting.length ? `; waiting for ${waiting.join(', ')}` : ''}.`,
  };
}
