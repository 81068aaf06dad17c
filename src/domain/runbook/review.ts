import type { FrozenRun, RunReview, RunReviewRow } from '../../contract-runbook';
import { minutesBetween } from './schedule';

/**
 * What the post-implementation review opens with: each step's planned against actual times and
 * durations, from the frozen record of the go-live, and the steps that failed or ended late (in
 * plan order, forward steps then rollback steps). Steps that never ran (rollback steps of a run
 * that did not roll back) are left out: they have nothing to compare.
 */

const minutes = (from: string | undefined, to: string | undefined) => (from && to ? Math.round(minutesBetween(from, to)) : undefined);

export function runReview(record: FrozenRun): RunReview {
  const h = record.header;
  const rows = record.steps
    .filter((s) => s.phase === 'forward' || h.rollback !== undefined)
    .map((s): RunReviewRow => {
      const flag = s.status === 'failed' ? 'failed' : s.lateByMinutes > 0 ? 'late' : undefined;
      const planned = minutes(s.plannedStartAt, s.plannedEndAt);
      const actual = minutes(s.actualStartAt, s.actualEndAt);
      return {
        stepId: s.stepId,
        title: s.step.title,
        phase: s.phase,
        status: s.status,
        ...(s.plannedStartAt ? { plannedStartAt: s.plannedStartAt } : {}),
        ...(s.plannedEndAt ? { plannedEndAt: s.plannedEndAt } : {}),
        ...(s.actualStartAt ? { actualStartAt: s.actualStartAt } : {}),
        ...(s.actualEndAt ? { actualEndAt: s.actualEndAt } : {}),
        ...(planned !== undefined ? { plannedMinutes: planned } : {}),
        ...(actual !== undefined ? { actualMinutes: actual } : {}),
        lateByMinutes: s.lateByMinutes,
        ...(s.reason ? { reason: s.reason } : {}),
        ...(flag ? { flag } : {}),
      };
    });
  return {
    status: h.status,
    startedAt: h.startedAt,
    plannedEndAt: h.plannedEndAt,
    actualEndAt: h.actualEndAt,
    slipMinutes: Math.max(0, Math.round(minutesBetween(h.plannedEndAt, h.actualEndAt))),
    ...(h.rollback ? { rollback: h.rollback } : {}),
    rows,
    exceptions: rows.filter((r) => r.flag !== undefined),
  };
}
