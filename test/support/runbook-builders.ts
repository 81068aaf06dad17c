import type { UserSummary } from '../../src/contract-go-no-go';
import type { RunHeader, RunbookPlan, RunbookStep, RunbookView, StepKind, StepRunState } from '../../src/contract-runbook';
import { runProgress } from '../../src/domain/runbook/progress';
import { schedulePlan } from '../../src/domain/runbook/schedule';
import type { RunRecord } from '../../src/domain/runbook/run';

/** A step with sensible defaults; `after` and `at` keep the tables short. */
export function aStep(id: string, overrides: Partial<RunbookStep> & { after?: string[]; offset?: number; at?: string; kind?: StepKind } = {}): RunbookStep {
  const { after, offset, at, ...rest } = overrides;
  return {
    id,
    title: id.replace(/-/g, ' '),
    description: '',
    durationMinutes: 10,
    dependsOn: after ?? [],
    kind: 'deployment',
    ...(offset !== undefined ? { plannedStart: { type: 'relative' as const, offsetMinutes: offset } } : {}),
    ...(at !== undefined ? { plannedStart: { type: 'absolute' as const, at } } : {}),
    ...rest,
  };
}

export const GO_LIVE = '2026-12-05T22:00:00.000Z';

/** `null`: a runbook (or template) without a go-live start. */
export function aPlan(steps: RunbookStep[], goLiveStart: string | null = GO_LIVE): RunbookPlan {
  return { ...(goLiveStart ? { goLiveStart } : {}), steps };
}

export const RAVI: UserSummary = { accountId: 'ravi', displayName: 'Ravi Menon' };
export const PRIYA: UserSummary = { accountId: 'priya', displayName: 'Priya Shah' };

/** `+90` → the instant 90 minutes after the go-live start. */
export const t = (minutes: number, from = GO_LIVE) => new Date(Date.parse(from) + minutes * 60_000).toISOString();

export function aRun(states: Record<string, Partial<StepRunState>> = {}, header: Partial<RunHeader> = {}): RunRecord {
  return {
    header: { startedAt: GO_LIVE, startedBy: RAVI, authority: 'go-decision', mode: 'forward', ...header },
    states: Object.fromEntries(Object.entries(states).map(([id, s]) => [id, { status: 'not-started', attempts: 0, notes: [], ...s }])),
  };
}

/** The Go-live page's answer for a plan and its run (as Ravi, with Priya named as an owner). */
export function aRunbookView(plan: RunbookPlan, overrides: Partial<RunbookView> = {}, run = aRun()): RunbookView {
  return {
    project: { id: '10000', key: 'SHOP' },
    version: { id: '10042', name: 'SHOP 3.0.0', released: false },
    versions: [],
    releaseType: 'major',
    exists: true,
    planRevision: 3,
    plan,
    schedule: schedulePlan(plan),
    problems: [],
    users: [{ accountId: 'priya', displayName: 'Priya Shah' }],
    decision: { value: 'GO', decidedAt: GO_LIVE, decidedBy: RAVI },
    startGate: { allowed: true, authority: 'go-decision' },
    run: { header: run.header, states: { ...run.states }, progress: runProgress(plan, run, t(0)) },
    permissions: { canEditPlan: false, canStartRun: false, canRollBack: true, actableStepIds: ['backup', 'deploy', 'rb-redeploy'], votableStepIds: [] },
    now: t(0),
    ...overrides,
  };
}

