import type { WaitingForMeView } from '../../contract-go-no-go';
import { inferReleaseType } from '../../domain/go-no-go/policies';
import { votesWaitingFor } from '../../domain/go-no-go/waiting';
import { sortReleases } from '../../domain/releases/release-summary';
import { readBoardState } from '../../store/go-no-go-store';
import { mapWithConcurrency } from '../concurrency';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { toVersionFacts } from '../project-releases';
import { openSession } from './session';

/** The soonest-due unreleased versions looked at: a few store reads each, no Jira call. */
export const MAX_VERSIONS_CHECKED = 20;

/**
 * What the caller still has to sign off on the project's Go/No-Go boards. Who is asking comes from
 * the invocation context only; the project's versions come from Jira as that user, so a version
 * they cannot see is never listed.
 */
export async function getWaitingForMe(deps: AppDeps, context: InvocationContext): Promise<WaitingForMeView> {
  const session = await openSession(deps, context);
  const unreleased = sortReleases(session.versions.filter((v) => !v.released && !v.archived).map(toVersionFacts));
  const checked = unreleased.slice(0, MAX_VERSIONS_CHECKED);
  const byId = new Map(session.versions.map((v) => [String(v.id), v]));
  const releases = await mapWithConcurrency(checked, 5, async (facts) => {
    const state = await readBoardState(deps.store, session.project.id, facts.id);
    const version = byId.get(facts.id)!;
    const releaseType = state.board?.value.releaseType ?? inferReleaseType(version);
    return {
      versionId: facts.id,
      versionName: facts.name,
      ...(facts.releaseDate ? { releaseDate: facts.releaseDate } : {}),
      decided: state.decision !== undefined,
      round: state.round,
      roles: session.settings.policies[releaseType].roles,
      votes: state.votes?.value.votes ?? [],
    };
  });
  return { votes: votesWaitingFor(context.accountId, releases), checked: checked.length, notChecked: unreleased.length - checked.length };
}
