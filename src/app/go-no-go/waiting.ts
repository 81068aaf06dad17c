import type { WaitingForMeView } from '../../contract-go-no-go';
import { inferReleaseType } from '../../domain/go-no-go/policies';
import { votesWaitingFor } from '../../domain/go-no-go/waiting';
import { signOffsWaitingFor } from '../../domain/readiness/pending-sign-offs';
import { isManual } from '../../domain/readiness/policy';
import { sortReleases } from '../../domain/releases/release-summary';
import { runbookWaitingFor } from '../../domain/runbook/waiting';
import { readBoardState } from '../../store/go-no-go-store';
import { mapWithConcurrency } from '../concurrency';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { toVersionFacts } from '../project-releases';
import { viewerOf } from '../readiness/issue-readiness';
import { loadPolicy } from '../readiness/policy';
import { summaryOf } from '../readiness/summary-store';
import { planOf, readPlan, readRun, runOf } from '../runbook/view';
import { openSession } from './session';

/** The soonest-due unreleased versions looked at: a few store reads each, no Jira call. */
export const MAX_VERSIONS_CHECKED = 20;

/**
 * What the caller still owes on the project's unreleased versions: Go/No-Go votes, readiness
 * sign-offs (from the release readiness summaries), go-live runbook steps they own and checkpoint votes. Who is
 * asking comes from the invocation context only; the project's versions come from Jira as that
 * user, so a version they cannot see is never listed. Jira is asked for the caller's groups once,
 * and only when a readiness check or a live step names a group.
 */
export async function getWaitingForMe(deps: AppDeps, context: InvocationContext): Promise<WaitingForMeView> {
  const session = await openSession(deps, context);
  const unreleased = sortReleases(session.versions.filter((v) => !v.released && !v.archived).map(toVersionFacts));
  const checked = unreleased.slice(0, MAX_VERSIONS_CHECKED);
  const byId = new Map(session.versions.map((v) => [String(v.id), v]));
  const projectId = session.project.id;
  const [loadedPolicy, releases] = await Promise.all([
    loadPolicy(deps.store, projectId, deps.log),
    mapWithConcurrency(checked, 5, async (facts) => {
      // The release's readiness summary (one small read), not its roll-up's buckets.
      const [state, summary, runState] = await Promise.all([readBoardState(deps.store, projectId, facts.id), summaryOf(deps, projectId, facts.id), readRun(deps.store, projectId, facts.id)]);
      const run = runOf(runState);
      // The plan is frozen while its run goes on: read it only for a live run.
      const plan = run ? planOf(await readPlan(deps.store, projectId, facts.id)) : { steps: [] };
      const version = byId.get(facts.id)!;
      const releaseType = state.board?.value.releaseType ?? inferReleaseType(version);
      const ref = { versionId: facts.id, versionName: facts.name, ...(facts.releaseDate ? { releaseDate: facts.releaseDate } : {}) };
      return {
        ...ref,
        decided: state.decision !== undefined,
        round: state.round,
        roles: session.settings.policies[releaseType].roles,
        votes: state.votes?.value.votes ?? [],
        pending: summary.pending,
        plan,
        run,
      };
    }),
  ]);
  const policy = loadedPolicy.policy;
  const needsGroups =
    policy.criteria.some((c) => isManual(c) && c.groups.length > 0) && releases.some((r) => r.pending.length > 0)
    || releases.some((r) => r.run && r.plan.steps.some((s) => s.owner?.type === 'group'));
  const me = await viewerOf(session.jira, context.accountId, needsGroups);
  const live = releases.map((r) => runbookWaitingFor({ ...me, isReleaseManager: session.isReleaseManager }, r));
  return {
    votes: votesWaitingFor(context.accountId, releases),
    signOffs: signOffsWaitingFor(me, policy, releases),
    steps: live.flatMap((l) => l.steps),
    checkpoints: live.flatMap((l) => l.checkpoints),
    checked: checked.length,
    notChecked: unreleased.length - checked.length,
  };
}
