import type { RehearsalRecord, StepRunState } from '../../../src/contract-runbook';
import type { Tier } from '../../../src/contract-release-plan';
import { TIERS } from '../../../src/contract-release-plan';
import { rehearsalEnvironments, rehearsedDurations, startRehearsal } from '../../../src/domain/runbook/rehearsal';
import { runStatus } from '../../../src/domain/runbook/run';
import { PRIYA, RAVI, aPlan, aStep, t } from '../../support/runbook-builders';

const plan = aPlan([
  aStep('backup', { kind: 'preparation', durationMinutes: 15 }),
  aStep('deploy', { after: ['backup'], durationMinutes: 30 }),
  aStep('smoke-test', { after: ['deploy'], kind: 'verification', durationMinutes: 10 }),
  aStep('rb-redeploy', { kind: 'rollback' }),
]);

const ENVIRONMENTS = [
  { id: 'uat-1', name: 'UAT-1', tier: 'UAT' as Tier },
  { id: 'preprod', name: 'PREPROD', tier: 'PREPROD' as Tier },
  { id: 'prod', name: 'PROD', tier: 'PROD' as Tier },
];

/** A rehearsal record: `states` by step id, each `[start minute, end minute]` completed, or a status. */
function aRehearsal(number: number, states: Record<string, [number, number] | StepRunState['status']>, environmentName = 'UAT-1'): RehearsalRecord {
  const header = { number, environmentId: 'uat-1', environmentName, startedAt: t(-1000 * number), startedBy: RAVI, authority: 'rehearsal' as const, mode: 'forward' as const };
  const record = {
    header,
    states: Object.fromEntries(
      Object.entries(states).map(([id, s]): [string, StepRunState] =>
        typeof s === 'string' ? [id, { status: s, attempts: 1, notes: [], startedAt: t(0) }] : [id, { status: 'completed', attempts: 1, notes: [], startedAt: t(s[0]), endedAt: t(s[1]), by: PRIYA }],
      ),
    ),
  };
  return { ...record, status: runStatus(plan, record) };
}

const start = (environmentId: string, earlier: RehearsalRecord[] = [], overrides: { liveRunStarted?: boolean; tierOrder?: Tier[] } = {}) =>
  startRehearsal(plan, { environmentId, environments: ENVIRONMENTS, tierOrder: overrides.tierOrder ?? [...TIERS], earlier, liveRunStarted: overrides.liveRunStarted ?? false, at: t(-600), by: RAVI });

describe('a rehearsal runs on an environment before production in the promotion order', () => {
  it.each([
    ['UAT, in the default order', 'uat-1', [...TIERS], true],
    ['pre-production, in the default order', 'preprod', [...TIERS], true],
    ['never production', 'prod', [...TIERS], false],
    ['not pre-production when the order puts it after production', 'preprod', ['DEV', 'IT', 'SIT', 'UAT', 'NFT', 'PROD', 'PREPROD'], false],
  ] as const)('%s', (_case, environmentId, tierOrder, allowed) => {
    expect(rehearsalEnvironments(ENVIRONMENTS, tierOrder).some((e) => e.id === environmentId)).toBe(allowed);
    expect(start(environmentId, [], { tierOrder: [...tierOrder] }).ok).toBe(allowed);
  });

  it('says why production is refused, naming the tiers it may run on', () => {
    expect(start('prod')).toEqual({ ok: false, code: 'VALIDATION', problem: 'PROD is a Production environment: a rehearsal runs before production in the promotion order (DEV → IT → SIT → UAT → NFT → PREPROD).' });
  });

  it('needs no GO decision, and is numbered after the earlier ones', () => {
    expect(start('uat-1', [aRehearsal(1, { backup: [0, 15], deploy: [15, 40], 'smoke-test': [40, 50] })])).toEqual({
      ok: true,
      header: { number: 2, environmentId: 'uat-1', environmentName: 'UAT-1', startedAt: t(-600), startedBy: RAVI, authority: 'rehearsal', mode: 'forward' },
    });
  });

  it.each([
    ['an unknown environment', 'nowhere', [], {}, 'VALIDATION', 'Choose an environment'],
    ['while an earlier rehearsal still runs', 'uat-1', [aRehearsal(1, { backup: 'running' })], {}, 'CONFLICT', 'Rehearsal 1 on UAT-1 (started by Ravi Menon'],
    ['once the live run has started', 'uat-1', [], { liveRunStarted: true }, 'CONFLICT', 'The go-live run has started'],
  ] as const)('is refused %s', (_case, environmentId, earlier, overrides, code, problem) => {
    expect(start(environmentId, [...earlier], overrides)).toMatchObject({ ok: false, code, problem: expect.stringContaining(problem) });
  });

  it('is refused while the plan cannot be scheduled, in the rehearsal’s words', () => {
    const broken = aPlan([aStep('deploy', { after: ['ghost'] })]);
    const outcome = startRehearsal(broken, { environmentId: 'uat-1', environments: ENVIRONMENTS, tierOrder: [...TIERS], earlier: [], liveRunStarted: false, at: t(0), by: RAVI });
    expect(outcome).toMatchObject({ ok: false, problem: expect.stringMatching(/^The runbook cannot be rehearsed until its plan is fixed: .*“ghost”/) });
  });
});

describe('the plan shows each step’s latest rehearsed duration next to its planned one', () => {
  it.each([
    ['no rehearsal yet: no figures', [], []],
    [
      'the plan shorter than the rehearsal is warned about; a step rehearsed faster is not',
      [aRehearsal(1, { backup: [0, 32], deploy: [32, 60] })],
      [
        { stepId: 'backup', plannedMinutes: 15, rehearsedMinutes: 32, rehearsal: 1, environmentName: 'UAT-1', warning: 'planned 15 min, rehearsed 32 min' },
        { stepId: 'deploy', plannedMinutes: 30, rehearsedMinutes: 28, rehearsal: 1, environmentName: 'UAT-1' },
      ],
    ],
    [
      'the latest rehearsal that completed the step counts; one still running or failed there does not',
      [aRehearsal(1, { backup: [0, 32], deploy: [32, 125] }), aRehearsal(2, { backup: [0, 14], deploy: 'failed' }, 'PREPROD')],
      [
        { stepId: 'backup', plannedMinutes: 15, rehearsedMinutes: 14, rehearsal: 2, environmentName: 'PREPROD' },
        { stepId: 'deploy', plannedMinutes: 30, rehearsedMinutes: 93, rehearsal: 1, environmentName: 'UAT-1', warning: 'planned 30 min, rehearsed 1 h 33 min' },
      ],
    ],
    ['exactly as planned: no warning', [aRehearsal(3, { 'smoke-test': [0, 10] })], [{ stepId: 'smoke-test', plannedMinutes: 10, rehearsedMinutes: 10, rehearsal: 3, environmentName: 'UAT-1' }]],
  ])('%s', (_case, rehearsals, expected) => {
    expect(rehearsedDurations(plan, rehearsals)).toEqual(expected);
  });
});

describe('starting a rehearsal, at the limits', () => {
  const productionSecond: Tier[] = ['DEV', 'IT', 'SIT', 'UAT', 'NFT', 'PROD', 'PREPROD'];

  it.each([
    [
      'production, when the order puts pre-production after it',
      'prod',
      productionSecond,
      'PROD is a Production environment: a rehearsal runs before production in the promotion order (DEV → IT → SIT → UAT → NFT).',
    ],
    [
      'production, when the order leaves production out: every tier listed may rehearse',
      'prod',
      ['DEV', 'UAT', 'PREPROD'] as Tier[],
      'PROD is a Production environment: a rehearsal runs before production in the promotion order (DEV → UAT → PREPROD).',
    ],
  ])('refuses %s', (_case, environmentId, tierOrder, problem) => {
    expect(start(environmentId, [], { tierOrder })).toEqual({ ok: false, code: 'VALIDATION', problem });
  });

  it('is refused while an earlier rehearsal is rolling back', () => {
    const rollingBack = { ...aRehearsal(4, { backup: 'failed' }), status: 'rolling-back' as const };
    expect(start('uat-1', [rollingBack])).toMatchObject({ ok: false, code: 'CONFLICT', problem: expect.stringMatching(/^Rehearsal 4 on UAT-1 /) });
  });

  it('keeps 20 rehearsals: the 20th may start, a 21st not', () => {
    const done = (count: number) => Array.from({ length: count }, (_, i) => aRehearsal(i + 1, { backup: [0, 15], deploy: [15, 40], 'smoke-test': [40, 50] }));
    expect(start('uat-1', done(19))).toMatchObject({ ok: true, header: { number: 20 } });
    expect(start('uat-1', done(20))).toEqual({ ok: false, code: 'VALIDATION', problem: 'A runbook keeps at most 20 rehearsals.' });
  });

  it('takes no figure from a step recorded as completed without its start or its end', () => {
    const withoutTimes = (number: number, state: Partial<StepRunState>): RehearsalRecord => ({
      ...aRehearsal(number, {}),
      states: { deploy: { status: 'completed', attempts: 1, notes: [], ...state } },
    });
    const rehearsals = [aRehearsal(1, { deploy: [0, 40] }), withoutTimes(2, { endedAt: t(30) }), withoutTimes(3, { startedAt: t(0) })];
    expect(rehearsedDurations(plan, rehearsals)).toEqual([{ stepId: 'deploy', plannedMinutes: 30, rehearsedMinutes: 40, rehearsal: 1, environmentName: 'UAT-1', warning: 'planned 30 min, rehearsed 40 min' }]);
  });
});
