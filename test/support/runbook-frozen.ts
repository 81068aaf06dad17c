import type { FrozenRun, FrozenRunHeader, FrozenStep } from '../../src/contract-runbook';
import { PRIYA, RAVI, aStep, t } from './runbook-builders';

/** Frozen records of finished go-lives (src/domain/runbook/record.ts), for the run book page and the review. */

export function aHeader(overrides: Partial<FrozenRunHeader> = {}): FrozenRunHeader {
  return {
    startedAt: t(0),
    startedBy: RAVI,
    authority: 'go-decision',
    mode: 'forward',
    status: 'completed',
    frozenAt: t(121),
    planRevision: 7,
    project: { id: '10000', key: 'SHOP' },
    version: { id: '10042', name: 'SHOP 3.0' },
    plannedEndAt: t(110),
    actualEndAt: t(120),
    people: [PRIYA],
    ...overrides,
  };
}

export function aFrozenStep(id: string, overrides: Omit<Partial<FrozenStep>, 'step'> & { kind?: FrozenStep['step']['kind']; step?: Partial<FrozenStep['step']> } = {}): FrozenStep {
  const { kind, step, ...rest } = overrides;
  return {
    stepId: id,
    step: { ...aStep(id, kind ? { kind } : {}), ...step },
    phase: kind === 'rollback' ? 'rollback' : 'forward',
    status: 'not-started',
    lateByMinutes: 0,
    attempts: 0,
    history: [],
    notes: [],
    ...rest,
  };
}

/** Ran by someone from start to end (minutes after the go-live start). */
export const ran = (start: number, end: number, by = RAVI): Partial<FrozenStep> => ({
  actualStartAt: t(start),
  actualEndAt: t(end),
  status: 'completed',
  attempts: 1,
  history: [
    { status: 'running', at: t(start), by },
    { status: 'completed', at: t(end), by },
  ],
});
export const plannedFor = (start: number, end: number): Partial<FrozenStep> => ({ plannedStartAt: t(start), plannedEndAt: t(end) });

/** Planned 22:00–23:50 UTC; the deploy overran by 15 min, the smoke test by 10, the customer mail was skipped. */
export const completed: FrozenRun = {
  header: aHeader(),
  steps: [
    aFrozenStep('backup', {
      kind: 'preparation',
      step: { owner: { type: 'user', accountId: 'priya' } },
      ...plannedFor(0, 30),
      ...ran(0, 30, PRIYA),
      notes: [{ at: t(10), by: RAVI, text: 'Snapshot 2 of 3 <done>' }],
    }),
    aFrozenStep('deploy', {
      step: { environment: 'PROD', link: 'https://ci.example.com/pipelines/42?stage=deploy&retry=1', owner: { type: 'user', accountId: 'dana' } },
      ...plannedFor(30, 90),
      ...ran(30, 105),
      lateByMinutes: 15,
    }),
    aFrozenStep('smoke-test', { kind: 'verification', ...plannedFor(90, 110), ...ran(105, 120), lateByMinutes: 10 }),
    aFrozenStep('go-no-go', {
      kind: 'checkpoint',
      step: { owner: { type: 'group', groupName: 'release-board' } },
      ...plannedFor(110, 110),
      ...ran(112, 114, PRIYA),
      votes: [
        { by: PRIYA, at: t(112), choice: 'continue' },
        { by: RAVI, at: t(113), choice: 'rollback', reason: 'p95 latency up 5%' },
      ],
      notes: [{ at: t(114), by: PRIYA, text: 'Outvoted: continuing' }],
    }),
    aFrozenStep('notify-customers', {
      kind: 'communication',
      ...plannedFor(110, 115),
      actualEndAt: t(115),
      status: 'skipped',
      reason: 'Status page is down',
      history: [{ status: 'skipped', at: t(115), by: PRIYA, reason: 'Status page is down' }],
    }),
    aFrozenStep('rb-redeploy', { kind: 'rollback' }),
  ],
};

/**
 * An emergency release rolled back at 22:55 after the deploy failed; the cache warm-up was still
 * running; the redeploy of the old version ran past midnight UTC, 45 min late.
 */
export const rolledBack: FrozenRun = {
  header: aHeader({
    authority: 'emergency-release',
    mode: 'rollback',
    status: 'rolled-back',
    rollback: { at: t(55), by: RAVI, reason: 'Deploy failed & cannot be retried tonight' },
    actualEndAt: t(145),
    frozenAt: t(146),
  }),
  steps: [
    aFrozenStep('backup', { ...plannedFor(0, 30), ...ran(0, 30) }),
    aFrozenStep('deploy', {
      ...plannedFor(30, 90),
      actualStartAt: t(35),
      actualEndAt: t(50),
      status: 'failed',
      attempts: 1,
      reason: 'Migration 42 locks the orders table',
      history: [
        { status: 'running', at: t(35), by: RAVI },
        { status: 'failed', at: t(50), by: RAVI, reason: 'Migration 42 locks the orders table' },
      ],
    }),
    aFrozenStep('warm-caches', {
      ...plannedFor(30, 40),
      actualStartAt: t(40),
      status: 'running',
      attempts: 1,
      history: [{ status: 'running', at: t(40), by: PRIYA }],
    }),
    aFrozenStep('smoke-test', { kind: 'verification', ...plannedFor(90, 110) }),
    aFrozenStep('rb-redeploy', { kind: 'rollback', ...plannedFor(55, 85), ...ran(55, 130), lateByMinutes: 45 }),
    aFrozenStep('rb-verify', { kind: 'rollback', ...plannedFor(85, 100), ...ran(130, 145) }),
  ],
};

