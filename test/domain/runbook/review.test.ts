import { runReview } from '../../../src/domain/runbook/review';
import { completed, rolledBack } from '../../support/runbook-frozen';
import { RAVI, t } from '../../support/runbook-builders';

describe('the post-implementation review of a rolled-back go-live', () => {
  it('compares every step that could run, planned against actual, and calls out the failed and late ones', () => {
    const deploy = {
      stepId: 'deploy',
      title: 'deploy',
      phase: 'forward',
      status: 'failed',
      plannedStartAt: t(30),
      plannedEndAt: t(90),
      actualStartAt: t(35),
      actualEndAt: t(50),
      plannedMinutes: 60,
      actualMinutes: 15,
      lateByMinutes: 0,
      reason: 'Migration 42 locks the orders table',
      flag: 'failed',
    };
    const redeploy = {
      stepId: 'rb-redeploy',
      title: 'rb redeploy',
      phase: 'rollback',
      status: 'completed',
      plannedStartAt: t(55),
      plannedEndAt: t(85),
      actualStartAt: t(55),
      actualEndAt: t(130),
      plannedMinutes: 30,
      actualMinutes: 75,
      lateByMinutes: 45,
      flag: 'late',
    };
    expect(runReview(rolledBack)).toEqual({
      status: 'rolled-back',
      startedAt: t(0),
      plannedEndAt: t(110),
      actualEndAt: t(145),
      slipMinutes: 35,
      rollback: { at: t(55), by: RAVI, reason: 'Deploy failed & cannot be retried tonight' },
      rows: [
        { stepId: 'backup', title: 'backup', phase: 'forward', status: 'completed', plannedStartAt: t(0), plannedEndAt: t(30), actualStartAt: t(0), actualEndAt: t(30), plannedMinutes: 30, actualMinutes: 30, lateByMinutes: 0 },
        deploy,
        // Still running when the rollback was called: no actual duration.
        { stepId: 'warm-caches', title: 'warm caches', phase: 'forward', status: 'running', plannedStartAt: t(30), plannedEndAt: t(40), actualStartAt: t(40), plannedMinutes: 10, lateByMinutes: 0 },
        { stepId: 'smoke-test', title: 'smoke test', phase: 'forward', status: 'not-started', plannedStartAt: t(90), plannedEndAt: t(110), plannedMinutes: 20, lateByMinutes: 0 },
        redeploy,
        { stepId: 'rb-verify', title: 'rb verify', phase: 'rollback', status: 'completed', plannedStartAt: t(85), plannedEndAt: t(100), actualStartAt: t(130), actualEndAt: t(145), plannedMinutes: 15, actualMinutes: 15, lateByMinutes: 0 },
      ],
      exceptions: [deploy, redeploy],
    });
  });

  it('leaves out the rollback steps of a go-live that never rolled back, and a skipped step has no actual duration', () => {
    const review = runReview(completed);
    expect(review.rows.map((r) => r.stepId)).toEqual(['backup', 'deploy', 'smoke-test', 'go-no-go', 'notify-customers']);
    expect(review.rows[4]).toEqual({
      stepId: 'notify-customers',
      title: 'notify customers',
      phase: 'forward',
      status: 'skipped',
      plannedStartAt: t(110),
      plannedEndAt: t(115),
      actualEndAt: t(115),
      plannedMinutes: 5,
      lateByMinutes: 0,
      reason: 'Status page is down',
    });
    expect(review).not.toHaveProperty('rollback');
  });
});
