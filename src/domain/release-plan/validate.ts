/**
 * What makes a booking, window or recorded deployment acceptable before it is stored. Shapes are
 * checked by the resolvers' zod schemas; these are the rules that need the plan's facts. Each
 * function returns the problems in words a release manager can act on; empty means valid.
 */
import type { DeploymentInput, PlanEnvironment, SlotInput, WindowInput } from '../../contract-release-plan';
import type { PlanVersionFacts } from './plan-index';
import { DAY_MS, MINUTE_MS, dayIntervalOf, instant } from './intervals';
import { formatDay } from './wording';

/** Longest booking: a quarter. Longer ones are holds, not plans, and would cross shards unboundedly. */
export const MAX_SLOT_DAYS = 92;
/** Longest window: a year (a freeze over a whole year is a policy, not a window). */
export const MAX_WINDOW_DAYS = 366;
export const MIN_SLOT_MINUTES = 15;
/** Recording a deployment "now" from a machine with a fast clock is fine; from the future is not. */
export const DEPLOYMENT_CLOCK_SKEW_MS = 5 * MINUTE_MS;

function checkSpan(from: string, to: string, maxDays: number, problems: string[], what: string): { from: number; to: number } | undefined {
  const start = instant(from);
  const end = instant(to);
  if (Number.isNaN(start)) problems.push(`from: “${from}” is not a date and time.`);
  if (Number.isNaN(end)) problems.push(`to: “${to}” is not a date and time.`);
  if (Number.isNaN(start) || Number.isNaN(end)) return undefined;
  if (end <= start) {
    problems.push(`to: the ${what} must end after it starts.`);
    return undefined;
  }
  if (end - start > maxDays * DAY_MS) problems.push(`to: a ${what} can last at most ${maxDays} days.`);
  return { from: start, to: end };
}

/** `timeZone`: the project's release zone, in which the version's dates are whole days. */
export function validateSlot(input: SlotInput, facts: { environment?: PlanEnvironment; version?: PlanVersionFacts; timeZone?: string }): string[] {
  const problems: string[] = [];
  if (!facts.environment) problems.push(`environmentId: there is no environment “${input.environmentId}” in the inventory.`);
  if (!facts.version) problems.push(`versionId: this project has no version “${input.versionId}”.`);
  const span = checkSpan(input.from, input.to, MAX_SLOT_DAYS, problems, 'slot');
  if (span && span.to - span.from < MIN_SLOT_MINUTES * MINUTE_MS) problems.push(`to: a slot lasts at least ${MIN_SLOT_MINUTES} minutes.`);
  if (span && facts.version) {
    const zone = facts.timeZone ?? 'UTC';
    const start = dayIntervalOf(facts.version.startDate, zone);
    const release = dayIntervalOf(facts.version.releaseDate, zone);
    if (start && span.from < start.from) problems.push(`from: ${facts.version.name} starts on ${formatDay(start.from, zone)}; the slot cannot start before that.`);
    if (release && span.to > release.to) problems.push(`to: ${facts.version.name} is due on ${formatDay(release.from, zone)}; the slot must end by the end of that day.`);
  }
  return problems;
}

export function validateWindow(input: WindowInput, facts: { environments: PlanEnvironment[]; projectKey: string }): string[] {
  const problems: string[] = [];
  checkSpan(input.from, input.to, MAX_WINDOW_DAYS, problems, 'window');
  if (input.kind === 'maintenance' && input.scope.type !== 'environment') problems.push('scope: maintenance is planned for one environment.');
  if (input.kind === 'maintenance' && input.tiers?.length) problems.push('tiers: only a change freeze applies to tiers.');
  if (input.scope.type === 'environment') {
    const id = input.scope.environmentId;
    if (!facts.environments.some((e) => e.id === id)) problems.push(`scope.environmentId: there is no environment “${id}” in the inventory.`);
  }
  if (input.scope.type === 'project' && input.scope.projectKey !== facts.projectKey) {
    problems.push(`scope.projectKey: a project freeze can only be set for ${facts.projectKey} from this project.`);
  }
  if (!input.reason.trim()) problems.push('reason: say why (people read it when their release is blocked).');
  return problems;
}

export function validateDeployment(input: DeploymentInput, facts: { environment?: PlanEnvironment; version?: PlanVersionFacts; now: number }): string[] {
  const problems: string[] = [];
  if (!facts.environment) problems.push(`environmentId: there is no environment “${input.environmentId}” in the inventory.`);
  if (!facts.version) problems.push(`versionId: this project has no version “${input.versionId}”.`);
  const at = instant(input.at);
  if (Number.isNaN(at)) problems.push(`at: “${input.at}” is not a date and time.`);
  else if (at > facts.now + DEPLOYMENT_CLOCK_SKEW_MS) problems.push('at: a deployment is recorded after it happened; this time is in the future.');
  return problems;
}

export function validateEnvironmentName(name: string, id: string | undefined, environments: PlanEnvironment[]): string[] {
  const clash = environments.find((e) => e.id !== id && e.name.trim().toLowerCase() === name.trim().toLowerCase());
  return clash ? [`name: there is already an environment called “${clash.name}” (names match deployments case-insensitively).`] : [];
}
