import type { RunbookPlan, RunbookStep } from '../../contract-runbook';
import { RUNBOOK_LIMITS, STEP_KIND_LABELS } from '../../contract-runbook';

/**
 * What makes a runbook's plan unusable, in words for the release manager editing it: steps that
 * name a step that is not there, depend on themselves or go round in a circle, and starts the
 * schedule cannot place. An empty list means the plan can be scheduled and run.
 */

const name = (step: RunbookStep) => `“${step.title}”`;

/** Rollback steps run on their own once a rollback starts, so the two sets never depend on each other. */
export const isRollback = (step: RunbookStep) => step.kind === 'rollback';

export function planProblems(plan: RunbookPlan, options: { template?: boolean } = {}): string[] {
  const problems: string[] = [];
  const byId = new Map<string, RunbookStep>();
  if (plan.steps.length > RUNBOOK_LIMITS.steps) problems.push(`A runbook holds at most ${RUNBOOK_LIMITS.steps} steps; this one has ${plan.steps.length}.`);
  for (const step of plan.steps) {
    if (byId.has(step.id)) problems.push(`Two steps have the id “${step.id}”: ${name(byId.get(step.id) as RunbookStep)} and ${name(step)}.`);
    else byId.set(step.id, step);
  }
  if (plan.goLiveStart !== undefined && Number.isNaN(Date.parse(plan.goLiveStart))) problems.push(`The go-live start “${plan.goLiveStart}” is not a time.`);
  for (const step of plan.steps) {
    if (!step.title.trim()) problems.push(`Step “${step.id}” needs a title.`);
    if (!Number.isInteger(step.durationMinutes) || step.durationMinutes < 0 || step.durationMinutes > RUNBOOK_LIMITS.durationMinutes) {
      problems.push(`${name(step)} lasts ${step.durationMinutes} minutes; a step lasts 0 to ${RUNBOOK_LIMITS.durationMinutes} whole minutes.`);
    }
    const start = step.plannedStart;
    if (start?.type === 'absolute') {
      if (options.template) problems.push(`${name(step)} starts at a fixed time; a template's steps start relative to the go-live start.`);
      else if (Number.isNaN(Date.parse(start.at))) problems.push(`${name(step)} starts at “${start.at}”, which is not a time.`);
      else if (plan.goLiveStart === undefined) problems.push(`${name(step)} starts at a fixed time, so the runbook needs its go-live start.`);
      if (isRollback(step)) problems.push(`${name(step)} is a rollback step: it starts when a rollback is called, relative to that moment, never at a fixed time.`);
    }
    if (start?.type === 'relative' && (!Number.isInteger(start.offsetMinutes) || start.offsetMinutes < RUNBOOK_LIMITS.offsetMinutesMin || start.offsetMinutes > RUNBOOK_LIMITS.offsetMinutesMax)) {
      problems.push(`${name(step)} starts ${start.offsetMinutes} minutes from the go-live start; allowed are whole minutes from ${RUNBOOK_LIMITS.offsetMinutesMin} to ${RUNBOOK_LIMITS.offsetMinutesMax}.`);
    }
    if (step.approvers?.length && step.kind !== 'checkpoint') problems.push(`${name(step)} names approvers, but only a go/no-go checkpoint takes votes.`);
    if (step.approvers && new Set(step.approvers).size !== step.approvers.length) problems.push(`${name(step)} names an approver twice.`);
    if (step.approvers && step.approvers.length > RUNBOOK_LIMITS.approvers) problems.push(`${name(step)} names ${step.approvers.length} approvers; a checkpoint has at most ${RUNBOOK_LIMITS.approvers}.`);
    const seen = new Set<string>();
    for (const dep of step.dependsOn) {
      if (seen.has(dep)) problems.push(`${name(step)} names “${dep}” twice among its dependencies.`);
      seen.add(dep);
      const target = byId.get(dep);
      if (dep === step.id) problems.push(`${name(step)} depends on itself.`);
      else if (!target) problems.push(`${name(step)} depends on “${dep}”, which is not a step of this runbook.`);
      else if (isRollback(target) !== isRollback(step)) {
        problems.push(
          `${name(step)} (${STEP_KIND_LABELS[step.kind].toLowerCase()}) depends on ${name(target)} (${STEP_KIND_LABELS[target.kind].toLowerCase()}): rollback steps depend only on rollback steps, and other steps never on a rollback step.`,
        );
      }
    }
  }
  for (const cycle of dependencyCycles(plan.steps)) {
    const titles = cycle.map((id) => name(byId.get(id) as RunbookStep));
    problems.push(`These steps wait for each other in a circle, so none can start: ${[...titles, titles[0]].join(' → ')}.`);
  }
  return problems;
}

/** Each circle of dependencies once, as step ids in dependency order (a depends on b → a, b). */
export function dependencyCycles(steps: readonly RunbookStep[]): string[][] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const visited = new Set<string>();
  const cycles: string[][] = [];
  // The steps being visited, each waiting for the next: a dependency on one of them closes a circle.
  const path: string[] = [];
  const visit = (id: string) => {
    if (visited.has(id)) return;
    visited.add(id);
    path.push(id);
    for (const dep of (byId.get(id) as RunbookStep).dependsOn) {
      if (dep === id || !byId.has(dep)) continue; // reported on their own
      if (path.includes(dep)) cycles.push(path.slice(path.indexOf(dep)));
      else visit(dep);
    }
    path.pop();
  };
  for (const step of steps) visit(step.id);
  return cycles;
}

/** Steps in an order where every step comes after its dependencies (plan order among equals). */
export function dependencyOrder(steps: readonly RunbookStep[]): RunbookStep[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const placed = new Set<string>();
  const ordered: RunbookStep[] = [];
  const place = (step: RunbookStep, trail: Set<string>) => {
    if (placed.has(step.id) || trail.has(step.id)) return;
    trail.add(step.id);
    for (const dep of step.dependsOn) {
      const target = byId.get(dep);
      if (target) place(target, trail);
    }
    placed.add(step.id);
    ordered.push(step);
  };
  for (const step of steps) place(step, new Set());
  return ordered;
}
