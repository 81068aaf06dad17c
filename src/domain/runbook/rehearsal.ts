import type { UserSummary } from '../../contract-go-no-go';
import type { Tier } from '../../contract-release-plan';
import { TIER_LABELS } from '../../contract-release-plan';
import type { RehearsalHeader, RehearsalRecord, RehearsedDuration, RunbookPlan } from '../../contract-runbook';
import { RUNBOOK_LIMITS } from '../../contract-runbook';
import { tierRank } from '../release-plan/tiers';
import { formatDuration } from './durations';
import { type Refusal, startRun } from './run';
import { minutesBetween } from './schedule';

/**
 * Rehearsals: the runbook run on a non-production environment before go-live day, with actual
 * times, by the same state machine as the live run (src/domain/runbook/run.ts). A rehearsal needs
 * no GO decision, but it must run on an environment that comes before production in the promotion
 * order; it is never the live run. Each is kept as a record, and the plan shows each step's latest
 * rehearsed duration next to its planned one.
 */

export interface RehearsalEnvironment {
  id: string;
  name: string;
  tier: Tier;
}

/** The environments a rehearsal may run on: those whose tier comes before production in the promotion order. */
export function rehearsalEnvironments<E extends RehearsalEnvironment>(environments: readonly E[], tierOrder: readonly Tier[]): E[] {
  const production = tierRank(tierOrder, 'PROD');
  return environments.filter((e) => tierRank(tierOrder, e.tier) < production);
}

export function startRehearsal(
  plan: RunbookPlan,
  input: {
    environmentId: string;
    environments: readonly RehearsalEnvironment[];
    tierOrder: readonly Tier[];
    /** Earlier rehearsals of this runbook, any order. */
    earlier: readonly RehearsalRecord[];
    liveRunStarted: boolean;
    at: string;
    by: UserSummary;
  },
): { ok: true; header: RehearsalHeader } | Refusal {
  const refuse = (problem: string, code: Refusal['code'] = 'VALIDATION'): Refusal => ({ ok: false, code, problem });
  if (input.liveRunStarted) return refuse('The go-live run has started: the runbook is no longer rehearsed.', 'CONFLICT');
  const environment = input.environments.find((e) => e.id === input.environmentId);
  if (!environment) return refuse('Choose an environment of the release plan’s inventory for the rehearsal.');
  if (!rehearsalEnvironments([environment], input.tierOrder).length) {
    const allowed = input.tierOrder.slice(0, input.tierOrder.indexOf('PROD') < 0 ? undefined : input.tierOrder.indexOf('PROD'));
    return refuse(`${environment.name} is a ${TIER_LABELS[environment.tier]} environment: a rehearsal runs before production in the promotion order (${allowed.join(' → ')}).`);
  }
  const running = input.earlier.find((r) => r.status === 'running' || r.status === 'rolling-back');
  if (running) {
    return refuse(`Rehearsal ${running.header.number} on ${running.header.environmentName} (started by ${running.header.startedBy.displayName} at ${running.header.startedAt}) is still running: finish or skip its steps first.`, 'CONFLICT');
  }
  if (input.earlier.length >= RUNBOOK_LIMITS.rehearsals) return refuse(`A runbook keeps at most ${RUNBOOK_LIMITS.rehearsals} rehearsals.`);
  const started = startRun(plan, { allowed: true, authority: 'rehearsal' }, input.at, input.by, undefined);
  if (!started.ok) return { ...started, problem: started.problem.replace('The runbook cannot run', 'The runbook cannot be rehearsed') };
  const number = Math.max(0, ...input.earlier.map((r) => r.header.number)) + 1;
  return { ok: true, header: { ...started.run.header, number, environmentId: environment.id, environmentName: environment.name } };
}

/**
 * Each step's latest rehearsed duration (from the newest rehearsal that completed it, its last
 * attempt from start to end, in whole minutes) next to the planned one, with a warning where the
 * plan is shorter than the rehearsal. Steps no rehearsal completed have no figure.
 */
export function rehearsedDurations(plan: RunbookPlan, rehearsals: readonly RehearsalRecord[]): RehearsedDuration[] {
  const newestFirst = [...rehearsals].sort((a, b) => b.header.number - a.header.number);
  return plan.steps.flatMap((step) => {
    const found = newestFirst.find((r) => {
      const s = r.states[step.id];
      return s?.status === 'completed' && s.startedAt !== undefined && s.endedAt !== undefined;
    });
    if (!found) return [];
    const state = found.states[step.id]!;
    const rehearsedMinutes = Math.round(minutesBetween(state.startedAt!, state.endedAt!));
    const longer = rehearsedMinutes > step.durationMinutes;
    return [
      {
        stepId: step.id,
        plannedMinutes: step.durationMinutes,
        rehearsedMinutes,
        rehearsal: found.header.number,
        environmentName: found.header.environmentName,
        ...(longer ? { warning: `planned ${formatDuration(step.durationMinutes)}, rehearsed ${formatDuration(rehearsedMinutes)}` } : {}),
      },
    ];
  });
}
