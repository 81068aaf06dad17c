import type { PlanEnvironment, PlanSlot, PlanWindow } from '../../../src/contract-release-plan';
import { TIERS } from '../../../src/contract-release-plan';
import { checkPlanAgainstCalendar } from '../../../src/domain/runbook/calendar-check';
import { schedulePlan } from '../../../src/domain/runbook/schedule';
import { aPlan, aStep } from '../../support/runbook-builders';

const env = (id: string, name: string, tier: PlanEnvironment['tier'], status: PlanEnvironment['status'] = 'available'): PlanEnvironment => ({
  id,
  name,
  tier,
  components: [],
  status,
  capacity: 1,
  updatedAt: '2026-08-01T00:00:00.000Z',
  updatedBy: 'admin',
  ...(status !== 'available' ? { ownerName: 'Alana Reyes' } : {}),
});
const ENVIRONMENTS = [env('env-prod', 'Production', 'PROD'), env('env-uat1', 'UAT-1', 'UAT'), env('env-uat2', 'UAT-2', 'UAT'), env('env-nft', 'NFT', 'NFT', 'down')];

const freeze = (id: string, from: string, to: string, tiers?: PlanWindow['tiers']): PlanWindow => ({ id, kind: 'freeze', scope: { type: 'site' }, ...(tiers ? { tiers } : {}), from, to, reason: 'Quarter-end freeze', updatedAt: from, updatedBy: 'admin' });
const maintenance = (id: string, environmentId: string, from: string, to: string): PlanWindow => ({ id, kind: 'maintenance', scope: { type: 'environment', environmentId }, from, to, reason: 'Storage upgrade', updatedAt: from, updatedBy: 'admin' });
const booking = (id: string, projectKey: string, environmentId: string, from: string, to: string): PlanSlot => ({ id, projectKey, versionId: '20001', environmentId, from, to, required: false, updatedAt: '2026-08-01T00:00:00.000Z', updatedBy: 'priya' });

/**
 * The go-live starts across a change to summer time: in Auckland on 27 Sep 2026 (02:00 NZST →
 * 03:00 NZDT, at 14:00 UTC) and the end of it in New York on 1 Nov 2026 (02:00 EDT → 01:00 EST, at 06:00 UTC).
 */
const GO_LIVES = {
  'Pacific/Auckland': { start: '2026-09-26T13:30:00.000Z', releaseDate: '2026-09-27' },
  'America/New_York': { start: '2026-11-01T04:30:00.000Z', releaseDate: '2026-11-01' },
} as const;

const STEPS = [
  aStep('uat-rehearsal-sign-off', { environment: 'UAT-1', offset: -180, durationMinutes: 60, kind: 'verification' }),
  aStep('deploy', { environment: 'Production', offset: 0, durationMinutes: 120, after: ['uat-rehearsal-sign-off'] }),
  aStep('load-test', { environment: 'nft', durationMinutes: 30, after: ['deploy'] }),
  aStep('announce', { durationMinutes: 10, after: ['deploy'], kind: 'communication' }),
  aStep('somewhere', { environment: 'Staging-7', durationMinutes: 10, after: ['deploy'] }),
  aStep('rb-redeploy', { environment: 'Production', kind: 'rollback', durationMinutes: 30 }),
];

function check(zone: keyof typeof GO_LIVES, calendar: { windows?: readonly PlanWindow[]; slots?: readonly PlanSlot[]; goLiveWindowId?: string } = {}, steps = STEPS) {
  const { start, releaseDate } = GO_LIVES[zone];
  const plan = aPlan(steps, start);
  return checkPlanAgainstCalendar({
    plan,
    schedule: schedulePlan(plan),
    release: { id: '10042', projectKey: 'SHOP', name: 'SHOP 2.4', startDate: '2026-08-01', releaseDate, released: false, dependsOn: [] },
    now: Date.parse('2026-08-20T00:00:00.000Z'),
    timeZone: zone,
    environments: ENVIRONMENTS,
    tierOrder: TIERS,
    slots: [...(calendar.slots ?? [])],
    windows: [...(calendar.windows ?? [])],
    ...(calendar.goLiveWindowId ? { goLiveWindowId: calendar.goLiveWindowId } : {}),
  });
}

describe('the plan checked against the release calendar', () => {
  it('names only what the calendar has against a step: the NFT environment marked down', () => {
    // Steps without an environment, with one the inventory does not know, and rollback steps are not checked.
    expect(check('Pacific/Auckland')).toEqual([
      {
        id: 'environment-unavailable:slot.runbook-step:load-test+environment.env-nft',
        stepIds: ['load-test'],
        rule: 'environment-unavailable',
        severity: 'warning',
        title: '“load test”: NFT is down',
        explanation: 'NFT is marked down in the environment inventory, and SHOP 2.4 is booked there from Sun, 27 Sept 2026, 04:30 – Sun, 27 Sept 2026, 05:00 (Pacific/Auckland).',
        fixes: ['Ask Alana Reyes when NFT will be back.'],
      },
    ]);
  });

  it.each([
    [
      'Pacific/Auckland',
      'a deployment planned into a production freeze, worded across the start of summer time (14:00 UTC reads 03:00, not 02:00)',
      { windows: [freeze('fz-1', '2026-09-26T14:00:00.000Z', '2026-09-26T16:00:00.000Z', ['PREPROD', 'PROD'])] },
      {
        stepIds: ['deploy'],
        rule: 'slot-in-freeze',
        severity: 'error',
        title: '“deploy”: SHOP 2.4 on Production falls in a change freeze',
        explanation:
          'SHOP 2.4 is booked on Production (PROD) from Sun, 27 Sept 2026, 01:30 – Sun, 27 Sept 2026, 04:30 (Pacific/Auckland), which overlaps the change freeze site-wide “Quarter-end freeze” from Sun, 27 Sept 2026, 03:00 – Sun, 27 Sept 2026, 05:00 (Pacific/Auckland). Nothing may change on PROD during the freeze.',
        fixes: ['Move SHOP 2.4 on Production to Sun, 27 Sept 2026, 05:00 – Sun, 27 Sept 2026, 07:00 (Pacific/Auckland), clear of the freeze.'],
      },
    ],
    [
      'America/New_York',
      'the same freeze at the end of summer time (the two-hour step from 00:30 EDT ends at 01:30 EST)',
      { windows: [freeze('fz-1', '2026-11-01T05:00:00.000Z', '2026-11-01T08:00:00.000Z', ['PROD'])] },
      {
        stepIds: ['deploy'],
        rule: 'slot-in-freeze',
        explanation:
          'SHOP 2.4 is booked on Production (PROD) from Sun, 1 Nov 2026, 00:30 – Sun, 1 Nov 2026, 01:30 (America/New_York), which overlaps the change freeze site-wide “Quarter-end freeze” from Sun, 1 Nov 2026, 01:00 – Sun, 1 Nov 2026, 03:00 (America/New_York). Nothing may change on PROD during the freeze.',
      },
    ],
    [
      'America/New_York',
      'UAT-1 booked by a project the reader cannot see: the calendar offers the free twin',
      { slots: [booking('pay-uat', 'PAY', 'env-uat1', '2026-10-31T12:00:00.000Z', '2026-11-01T03:00:00.000Z')] },
      {
        stepIds: ['uat-rehearsal-sign-off'],
        rule: 'double-booking',
        severity: 'error',
        title: '“uat rehearsal sign off”: UAT-1 is double-booked',
        fixes: expect.arrayContaining(['Or book UAT-2 (also UAT), which is free for the same time.']),
        explanation: expect.stringContaining('a project you cannot see ('),
      },
    ],
    [
      'Pacific/Auckland',
      'maintenance of UAT-1 during the sign-off',
      { windows: [maintenance('mw-uat', 'env-uat1', '2026-09-26T10:00:00.000Z', '2026-09-26T11:00:00.000Z')] },
      { stepIds: ['uat-rehearsal-sign-off'], rule: 'slot-in-maintenance', title: '“uat rehearsal sign off”: UAT-1 is in maintenance during SHOP 2.4’s booking', fixes: expect.arrayContaining([expect.stringMatching(/^Move SHOP 2.4 on UAT-1 to .*, after the maintenance\.$/)]) },
    ],
  ] as const)('%s: %s', (zone, _case, calendar, expected) => {
    const conflicts = check(zone, calendar).filter((c) => c.rule !== 'environment-unavailable');
    expect(conflicts).toEqual([expect.objectContaining(expected)]);
  });

  it('is not troubled by the production maintenance window the go-live is planned into', () => {
    const window = maintenance('mw-prod', 'env-prod', '2026-09-26T13:00:00.000Z', '2026-09-26T17:00:00.000Z');
    expect(check('Pacific/Auckland', { windows: [window], goLiveWindowId: 'mw-prod' }).map((c) => c.rule)).toEqual(['environment-unavailable']);
    expect(check('Pacific/Auckland', { windows: [window] }).map((c) => c.rule)).toEqual(['slot-in-maintenance', 'environment-unavailable']);
  });
});

describe('which steps the calendar check reads as bookings', () => {
  const read = (conflicts: ReturnType<typeof check>) => conflicts.map((c) => [c.rule, c.title]);

  it.each([
    [
      'a step naming its environment by the inventory id, in any case; a 0-minute milestone books nothing',
      {},
      [aStep('load-test', { environment: 'ENV-NFT', offset: 0, durationMinutes: 30 }), aStep('health-check', { environment: 'NFT', offset: 60, durationMinutes: 0 })],
      [['environment-unavailable', '“load test”: NFT is down']],
    ],
    [
      'maintenance of another environment than the go-live’s own window',
      { windows: [maintenance('mw-uat', 'env-uat1', '2026-09-26T10:00:00.000Z', '2026-09-26T11:00:00.000Z'), maintenance('mw-prod', 'env-prod', '2026-09-26T13:00:00.000Z', '2026-09-26T17:00:00.000Z')], goLiveWindowId: 'mw-prod' },
      STEPS,
      [
        ['slot-in-maintenance', '“uat rehearsal sign off”: UAT-1 is in maintenance during SHOP 2.4’s booking'],
        ['environment-unavailable', '“load test”: NFT is down'],
      ],
    ],
  ])('%s', (_case, calendar, steps, conflicts) => {
    expect(read(check('Pacific/Auckland', calendar, steps))).toEqual(conflicts);
  });
});
