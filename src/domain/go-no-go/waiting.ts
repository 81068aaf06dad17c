import type { SignOffRoleDefinition, SignOffVote, WaitingVote } from '../../contract-go-no-go';
import { latestVotePerApprover } from './sign-offs';

/** One release as the "waiting for me" list needs it. */
export interface ReleaseAwaitingVotes {
  versionId: string;
  versionName: string;
  releaseDate?: string;
  /** The current round's decision is recorded: nobody waits for a vote any more. */
  decided: boolean;
  round: number;
  roles: readonly SignOffRoleDefinition[];
  votes: readonly SignOffVote[];
}

/**
 * The sign-off roles in which this person is a named approver and has not voted in the current
 * round, on releases not decided yet: soonest release first, undated last; roles in the policy's order.
 */
export function votesWaitingFor(accountId: string, releases: readonly ReleaseAwaitingVotes[]): WaitingVote[] {
  const waiting: WaitingVote[] = [];
  for (const release of releases) {
    if (release.decided) continue;
    for (const role of release.roles) {
      if (!role.approverAccountIds.includes(accountId)) continue;
      if (latestVotePerApprover(role, release.votes).some((v) => v.voter.accountId === accountId)) continue;
      waiting.push({
        versionId: release.versionId,
        versionName: release.versionName,
        ...(release.releaseDate ? { releaseDate: release.releaseDate } : {}),
        roleId: role.id,
        roleName: role.name,
        round: release.round,
      });
    }
  }
  return waiting.sort((a, b) => (a.releaseDate ?? '9999').localeCompare(b.releaseDate ?? '9999') || a.versionName.localeCompare(b.versionName));
}
