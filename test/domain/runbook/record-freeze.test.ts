import type { FrozenRun, RunbookStep } from '../../../src/contract-runbook';
import { freezeRun } from '../../../src/domain/runbook/record';
import { GO_LIVE, PRIYA, RAVI, aPlan, aRun, aStep, t } from '../../support/runbook-builders';

const input = { frozenAt: t(101), planRevision: 4, project: { id: '10000', key: 'SHOP' }, version: { id: '10042', name: 'SHOP 3.0' }, people: [PRIYA, RAVI] };
const stepOf = (steps: RunbookStep[], id: string) => steps.find((s) => s.id === id) as RunbookStep;

describe('the frozen record of a rolled-back go-live', () => {
  /** Planned from the go-live start (22:00) although the run started at 22:05; the rollback was called at 22:55. */
  const steps = [
    aStep('backup', { kind: 'preparation', durationMinutes: 30 }),
    aStep('go-checkpoint', { kind: 'checkpoint', after: ['backup'], approvers: ['priya'] }),
    aStep('deploy', { after: ['go-checkpoint'], durationMinutes: 60, environment: 'PROD' }),
    aStep('smoke-test', { kind: 'verification', after: ['deploy'], durationMinutes: 20 }),
    aStep('notify', { kind: 'communication', offset: 0 }),
    aStep('rb-redeploy', { kind: 'rollback', durationMinutes: 30 }),
    aStep('rb-verify', { kind: 'rollback', after: ['rb-redeploy'], durationMinutes: 120 }),
  ];
  const rollback = { at: t(55), by: RAVI, reason: 'Deploy keeps failing' };
  const run = aRun(
    {
      // Stored before steps kept their history: what the state says still names who did what.
      backup: { status: 'completed', startedAt: t(5), endedAt: t(40), by: PRIYA, attempts: 1, notes: [{ at: t(20), by: RAVI, text: 'Snapshot at 80%' }] },
      'go-checkpoint': {
        status: 'completed',
        startedAt: t(40),
        endedAt: t(42),
        by: PRIYA,
        attempts: 1,
        votes: [{ by: PRIYA, at: t(42), choice: 'continue' }],
        history: [
          { status: 'running', at: t(40), by: RAVI },
          { status: 'completed', at: t(42), by: PRIYA },
        ],
      },
      // Restarted after a failure, stored by a version that kept the failure's end.
      deploy: { status: 'running', startedAt: t(50), endedAt: t(45), by: RAVI, attempts: 2 },
      notify: { status: 'skipped', endedAt: t(100), reason: 'No customer impact' },
      'rb-redeploy': { status: 'skipped', endedAt: t(60), by: RAVI, reason: 'The old build is still live' },
      'rb-verify': {
        status: 'completed',
        startedAt: t(60),
        endedAt: t(75),
        by: RAVI,
        attempts: 1,
        history: [
          { status: 'running', at: t(60), by: RAVI },
          { status: 'completed', at: t(75), by: RAVI },
        ],
      },
    },
    { startedAt: t(5), mode: 'rollback', rollback },
  );

  it('keeps each step as planned and as run, who did what, and the planned and actual end', () => {
    expect(freezeRun(aPlan(steps), run, input)).toEqual<FrozenRun>({
      header: {
        startedAt: t(5),
        startedBy: RAVI,
        authority: 'go-decision',
        mode: 'rollback',
        rollback,
        status: 'rolled-back',
        frozenAt: t(101),
        planRevision: 4,
        project: { id: '10000', key: 'SHOP' },
        version: { id: '10042', name: 'SHOP 3.0' },
        goLiveStart: GO_LIVE,
        plannedEndAt: t(120),
        actualEndAt: t(100),
        people: [PRIYA, RAVI],
      },
      steps: [
        {
          stepId: 'backup',
          step: stepOf(steps, 'backup'),
          phase: 'forward',
          plannedStartAt: t(0),
          plannedEndAt: t(30),
          actualStartAt: t(5),
          actualEndAt: t(40),
          status: 'completed',
          lateByMinutes: 10,
          attempts: 1,
          history: [
            { status: 'running', at: t(5), by: PRIYA },
            { status: 'completed', at: t(40), by: PRIYA },
          ],
          notes: [{ at: t(20), by: RAVI, text: 'Snapshot at 80%' }],
        },
        {
          stepId: 'go-checkpoint',
          step: stepOf(steps, 'go-checkpoint'),
          phase: 'forward',
          plannedStartAt: t(30),
          plannedEndAt: t(40),
          actualStartAt: t(40),
          actualEndAt: t(42),
          status: 'completed',
          lateByMinutes: 2,
          attempts: 1,
          history: [
            { status: 'running', at: t(40), by: RAVI },
            { status: 'completed', at: t(42), by: PRIYA },
          ],
          notes: [],
          votes: [{ by: PRIYA, at: t(42), choice: 'continue' }],
        },
        {
          stepId: 'deploy',
          step: stepOf(steps, 'deploy'),
          phase: 'forward',
          plannedStartAt: t(40),
          plannedEndAt: t(100),
          actualStartAt: t(50),
          status: 'running',
          lateByMinutes: 0,
          attempts: 2,
          history: [{ status: 'running', at: t(50), by: RAVI }],
          notes: [],
        },
        {
          stepId: 'smoke-test',
          step: stepOf(steps, 'smoke-test'),
          phase: 'forward',
          plannedStartAt: t(100),
          plannedEndAt: t(120),
          status: 'not-started',
          lateByMinutes: 0,
          attempts: 0,
          history: [],
          notes: [],
        },
        {
          stepId: 'notify',
          step: stepOf(steps, 'notify'),
          phase: 'forward',
          plannedStartAt: t(0),
          plannedEndAt: t(10),
          actualEndAt: t(100),
          status: 'skipped',
          lateByMinutes: 0,
          attempts: 0,
          reason: 'No customer impact',
          history: [],
          notes: [],
        },
        {
          stepId: 'rb-redeploy',
          step: stepOf(steps, 'rb-redeploy'),
          phase: 'rollback',
          plannedStartAt: t(55),
          plannedEndAt: t(85),
          actualEndAt: t(60),
          status: 'skipped',
          lateByMinutes: 0,
          attempts: 0,
          reason: 'The old build is still live',
          history: [{ status: 'skipped', at: t(60), by: RAVI, reason: 'The old build is still live' }],
          notes: [],
        },
        {
          stepId: 'rb-verify',
          step: stepOf(steps, 'rb-verify'),
          phase: 'rollback',
          plannedStartAt: t(85),
          plannedEndAt: t(205),
          actualStartAt: t(60),
          actualEndAt: t(75),
          status: 'completed',
          lateByMinutes: 0,
          attempts: 1,
          history: [
            { status: 'running', at: t(60), by: RAVI },
            { status: 'completed', at: t(75), by: RAVI },
          ],
          notes: [],
        },
      ],
    });
  });
});

describe('the frozen record of a go-live whose runbook had no go-live start', () => {
  it('plans the steps from the moment the run started', () => {
    const steps = [aStep('deploy', { durationMinutes: 30 }), aStep('verify', { kind: 'verification', after: ['deploy'] }), aStep('rb', { kind: 'rollback' })];
    const run = aRun(
      {
        deploy: { status: 'completed', startedAt: t(60), endedAt: t(100), by: RAVI, attempts: 1, history: [{ status: 'completed', at: t(100), by: RAVI }] },
        verify: { status: 'completed', startedAt: t(100), endedAt: t(105), by: RAVI, attempts: 1, history: [{ status: 'completed', at: t(105), by: RAVI }] },
      },
      { startedAt: t(60) },
    );
    const record = freezeRun(aPlan(steps, null), run, input);
    expect(record?.header).toEqual({ startedAt: t(60), startedBy: RAVI, authority: 'go-decision', mode: 'forward', status: 'completed', frozenAt: t(101), planRevision: 4, project: input.project, version: input.version, plannedEndAt: t(100), actualEndAt: t(105), people: [PRIYA, RAVI] });
    expect(record?.steps.map((s) => [s.stepId, s.plannedStartAt, s.plannedEndAt, s.lateByMinutes])).toEqual([
      ['deploy', t(60), t(90), 10],
      ['verify', t(90), t(100), 5],
      ['rb', undefined, undefined, 0],
    ]);
  });
});

describe('the frozen record of a go-live started hours after its planned start', () => {
  it('keeps the planned end, earlier than the start of the run', () => {
    const steps = [aStep('deploy', { durationMinutes: 30 })];
    const run = aRun({ deploy: { status: 'completed', startedAt: t(180), endedAt: t(200), by: RAVI, attempts: 1 } }, { startedAt: t(180) });
    const record = freezeRun(aPlan(steps), run, input);
    expect([record?.header.plannedEndAt, record?.header.actualEndAt, record?.steps[0]?.lateByMinutes]).toEqual([t(30), t(200), 170]);
  });
});
