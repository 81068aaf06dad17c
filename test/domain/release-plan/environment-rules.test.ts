/**
 * The environment rules' whole conflicts, as the release calendar shows them: double bookings,
 * bookings in maintenance or a freeze, deployments during a freeze and environments marked down.
 * "Now" is Tue 24 Nov 2026 10:00 UTC.
 */
import type { PlanConflict, PlanEnvironment, PlanSlot } from '../../../src/contract-release-plan';
import {
  crowdedGroups,
  deploymentsInFreeze,
  doubleBookings,
  slotsInFreeze,
  slotsInMaintenance,
  unavailableEnvironments,
} from '../../../src/domain/release-plan/environment-rules';
import { type PlanFacts, PlanIndex } from '../../../src/domain/release-plan/plan-index';
import { ENVIRONMENTS, aDeployment, aPlanVersion, aSlot, aWindow, planFacts, t } from '../../support/plan-builders';

type Rule = (index: PlanIndex) => PlanConflict[];
const run = (rule: Rule, facts: Partial<PlanFacts>) => rule(new PlanIndex(planFacts(facts)));

const booking = (id: string, versionId: string, from: string, to: string, extra: Partial<PlanSlot> = {}) => aSlot({ id, versionId, from: t(from), to: t(to), ...extra });
const slotItem = (id: string, label: string) => ({ kind: 'slot', id, label, projectKey: 'SHOP' });
const versions = [aPlanVersion(), aPlanVersion({ id: '10002', name: 'SHOP 2.5', releaseDate: '2026-12-30' }), aPlanVersion({ id: '10003', name: 'SHOP 2.6', releaseDate: '2026-12-30' })];
const withUat1 = (change: object) => ENVIRONMENTS.map((e) => (e.id === 'env-uat1' ? { ...e, ...change } : e));

describe('sets of bookings on one environment at once', () => {
  const a = booking('a', '10001', '12-01 09:00', '12-05 09:00');
  const b = booking('b', '10002', '12-02 09:00', '12-06 09:00');
  const c = booking('c', '10003', '12-03 09:00', '12-07 09:00');
  const ids = (groups: PlanSlot[][]) => groups.map((g) => g.map((s) => s.id));

  it.each<[string, PlanSlot[], number, string[][]]>([
    ['three overlapping in a chain are one clash, not one per pair', [a, b, c], 1, [['a', 'b', 'c']]],
    ['given latest first, the clash still lists them by start', [c, b, a], 1, [['a', 'b', 'c']]],
    ['bookings starting together are listed by id', [booking('y', '10002', '12-01 09:00', '12-02 09:00'), booking('x', '10001', '12-01 09:00', '12-02 09:00')], 1, [['x', 'y']]],
    ['one ending as the next starts do not meet, in either order', [booking('late', '10002', '12-05 09:00', '12-06 09:00'), a], 1, []],
    ['a long booking overlapping two that do not meet: two clashes', [booking('long', '10002', '12-01 09:00', '12-10 09:00'), a, booking('d', '10003', '12-06 09:00', '12-07 09:00')], 1, [['a', 'long'], ['long', 'd']]],
    [
      'a clash of two sharing one booking with a later clash of three: both are kept',
      [booking('p', '10001', '12-01 09:00', '12-02 09:00'), booking('q', '10002', '12-01 12:00', '12-08 09:00'), booking('r', '10003', '12-03 09:00', '12-06 09:00'), booking('s', '10004', '12-04 09:00', '12-05 09:00')],
      1,
      [['p', 'q'], ['q', 'r', 's']],
    ],
    ['two bookings of one version are no clash', [a, booking('a2', '10001', '12-02 09:00', '12-03 09:00')], 1, []],
    ['three where two fit', [a, b, c], 2, [['a', 'b', 'c']]],
    ['two where two fit', [a, b], 2, []],
  ])('%s', (_case, slots, capacity, expected) => {
    expect(ids(crowdedGroups(slots, capacity))).toEqual(expected);
  });
});

describe('a double-booked environment, in full', () => {
  it('two releases on UAT-1: the one booked last moves, or takes UAT-2', () => {
    const slots = [booking('a', '10001', '12-01 09:00', '12-04 17:00'), booking('b', '10002', '12-03 09:00', '12-05 17:00', { updatedAt: '2026-11-21T10:00:00.000Z' })];
    expect(run(doubleBookings, { versions, slots })).toEqual([
      {
        id: 'double-booking:slot.a+slot.b',
        rule: 'double-booking',
        severity: 'error',
        title: 'UAT-1 is double-booked',
        explanation:
          'SHOP 2.4 (Tue, 1 Dec 2026, 09:00 – Fri, 4 Dec 2026, 17:00 (UTC)) and SHOP 2.5 (Thu, 3 Dec 2026, 09:00 – Sat, 5 Dec 2026, 17:00 (UTC)) both hold UAT-1 from Thu, 3 Dec 2026, 09:00 – Fri, 4 Dec 2026, 17:00 (UTC); it takes one release at a time.',
        items: [slotItem('a', 'SHOP 2.4 on UAT-1'), slotItem('b', 'SHOP 2.5 on UAT-1')],
        from: '2026-12-03T09:00:00.000Z',
        to: '2026-12-04T17:00:00.000Z',
        fixes: [
          {
            text: 'Move SHOP 2.5 on UAT-1 to Fri, 4 Dec 2026, 17:00 – Mon, 7 Dec 2026, 01:00 (UTC), the nearest time it is free.',
            action: { type: 'move-slot', slotId: 'b', from: '2026-12-04T17:00:00.000Z', to: '2026-12-07T01:00:00.000Z', environmentId: 'env-uat1' },
          },
          {
            text: 'Or book UAT-2 (also UAT), which is free for the same time.',
            action: { type: 'move-slot', slotId: 'b', from: '2026-12-03T09:00:00.000Z', to: '2026-12-05T17:00:00.000Z', environmentId: 'env-uat2' },
          },
        ],
      },
    ]);
  });

  it('three releases on a UAT-1 that takes two: "all" of them, and the limit in numbers', () => {
    const slots = [booking('a', '10001', '12-01 09:00', '12-04 17:00'), booking('b', '10002', '12-02 09:00', '12-05 17:00'), booking('c', '10003', '12-03 09:00', '12-03 17:00')];
    const [conflict] = run(doubleBookings, { versions, slots, environments: withUat1({ capacity: 2 }) });
    expect(conflict?.explanation).toBe(
      'SHOP 2.4 (Tue, 1 Dec 2026, 09:00 – Fri, 4 Dec 2026, 17:00 (UTC)), SHOP 2.5 (Wed, 2 Dec 2026, 09:00 – Sat, 5 Dec 2026, 17:00 (UTC)) and SHOP 2.6 (Thu, 3 Dec 2026, 09:00 – Thu, 3 Dec 2026, 17:00 (UTC)) all hold UAT-1 from Thu, 3 Dec 2026, 09:00 – Thu, 3 Dec 2026, 17:00 (UTC); it takes 2 releases at a time.',
    );
    expect(conflict?.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });

  it.each<[string, Record<string, Partial<PlanEnvironment>>, PlanSlot[]]>([
    ['UAT-2 is down', { 'env-uat2': { status: 'down' } }, []],
    ['UAT-2 is booked by OPS at the time', {}, [booking('ops-uat2', '40001', '12-04 09:00', '12-04 10:00', { projectKey: 'OPS', environmentId: 'env-uat2' })]],
  ])('offers no twin environment when %s', (_case, change, more) => {
    const environments = ENVIRONMENTS.map((e) => ({ ...e, ...change[e.id] }));
    const slots = [booking('a', '10001', '12-01 09:00', '12-04 17:00'), booking('b', '10002', '12-03 09:00', '12-05 17:00', { updatedAt: '2026-11-21T10:00:00.000Z' }), ...more];
    const [conflict] = run(doubleBookings, { versions, slots, environments });
    expect(conflict?.fixes.map((f) => f.text)).toEqual(['Move SHOP 2.5 on UAT-1 to Fri, 4 Dec 2026, 17:00 – Mon, 7 Dec 2026, 01:00 (UTC), the nearest time it is free.']);
  });

  it('is quiet about bookings of an environment removed from the inventory', () => {
    const slots = [booking('a', '10001', '12-01 09:00', '12-04 17:00', { environmentId: 'env-gone' }), booking('b', '10002', '12-03 09:00', '12-05 17:00', { environmentId: 'env-gone' })];
    expect(run(doubleBookings, { versions, slots })).toEqual([]);
  });
});

describe('a deployment during a change freeze, in full', () => {
  const freeze = aWindow({ from: t('11-19 00:00'), to: t('11-21 00:00'), reason: 'Black Friday' });
  const freezeItem = { kind: 'window', id: 'win-1', label: 'change freeze site-wide “Black Friday”' };
  const exception = [{ text: 'A change during a freeze needs an approved exception: record it with the change board, or roll back and deploy after the freeze.' }];

  it('names the version (or "a deployment" when the tool sent none), its outcome in words and the freeze', () => {
    const deployments = [aDeployment({ status: 'rolled_back' }), aDeployment({ id: 'dep-2', versionName: undefined, at: t('11-20 11:30') })];
    expect(run(deploymentsInFreeze, { windows: [freeze], deployments })).toEqual([
      {
        id: 'deployment-in-freeze:deployment.dep-1+window.win-1',
        rule: 'deployment-in-freeze',
        severity: 'error',
        title: 'Production was changed during a change freeze',
        explanation:
          'SHOP 2.4 was deployed to Production (rolled back) at Fri, 20 Nov 2026, 10:00, during the change freeze site-wide “Black Friday” (Thu, 19 Nov 2026, 00:00 – Sat, 21 Nov 2026, 00:00 (UTC)).',
        items: [{ kind: 'deployment', id: 'dep-1', label: 'SHOP 2.4 to Production', projectKey: 'SHOP' }, freezeItem],
        from: '2026-11-20T10:00:00.000Z',
        to: '2026-11-20T10:00:00.001Z',
        fixes: exception,
      },
      {
        id: 'deployment-in-freeze:deployment.dep-2+window.win-1',
        rule: 'deployment-in-freeze',
        severity: 'error',
        title: 'Production was changed during a change freeze',
        explanation:
          'A deployment was deployed to Production (successful) at Fri, 20 Nov 2026, 11:30, during the change freeze site-wide “Black Friday” (Thu, 19 Nov 2026, 00:00 – Sat, 21 Nov 2026, 00:00 (UTC)).',
        items: [{ kind: 'deployment', id: 'dep-2', label: 'A deployment to Production', projectKey: 'SHOP' }, freezeItem],
        from: '2026-11-20T11:30:00.000Z',
        to: '2026-11-20T11:30:00.001Z',
        fixes: exception,
      },
    ]);
  });

  it.each<[string, Partial<PlanFacts>]>([
    ['the environment is no longer in the inventory', { windows: [freeze], deployments: [aDeployment({ environmentId: 'env-gone' })] }],
    ['the freeze is another project’s', { windows: [{ ...freeze, scope: { type: 'project', projectKey: 'PAY' } }], deployments: [aDeployment()] }],
    ['the deployment is of a project not in focus', { windows: [freeze], deployments: [aDeployment({ projectKey: 'PAY' })] }],
  ])('is quiet when %s', (_case, facts) => {
    expect(run(deploymentsInFreeze, facts)).toEqual([]);
  });
});

describe('a booking during maintenance or a freeze, in full', () => {
  it('maintenance of UAT-1 in the middle of the booking: move after it, or take UAT-2', () => {
    const maintenance = aWindow({ id: 'mnt', kind: 'maintenance', scope: { type: 'environment', environmentId: 'env-uat1' }, from: t('12-03 00:00'), to: t('12-03 06:00'), reason: 'DB upgrade' });
    expect(run(slotsInMaintenance, { slots: [aSlot()], windows: [maintenance] })).toEqual([
      {
        id: 'slot-in-maintenance:slot.slot-a+window.mnt',
        rule: 'slot-in-maintenance',
        severity: 'error',
        title: 'UAT-1 is in maintenance during SHOP 2.4’s booking',
        explanation:
          'UAT-1 is down for maintenance (“DB upgrade”) from Thu, 3 Dec 2026, 00:00 – Thu, 3 Dec 2026, 06:00 (UTC), while SHOP 2.4 is booked there from Tue, 1 Dec 2026, 09:00 – Fri, 4 Dec 2026, 17:00 (UTC).',
        items: [slotItem('slot-a', 'SHOP 2.4 on UAT-1'), { kind: 'window', id: 'mnt', label: 'maintenance on UAT-1 “DB upgrade”' }],
        from: '2026-12-03T00:00:00.000Z',
        to: '2026-12-03T06:00:00.000Z',
        fixes: [
          {
            text: 'Move SHOP 2.4 on UAT-1 to Thu, 3 Dec 2026, 06:00 – Sun, 6 Dec 2026, 14:00 (UTC), after the maintenance.',
            action: { type: 'move-slot', slotId: 'slot-a', from: '2026-12-03T06:00:00.000Z', to: '2026-12-06T14:00:00.000Z', environmentId: 'env-uat1' },
          },
          {
            text: 'Or book UAT-2 (also UAT), which is free for the same time.',
            action: { type: 'move-slot', slotId: 'slot-a', from: '2026-12-01T09:00:00.000Z', to: '2026-12-04T17:00:00.000Z', environmentId: 'env-uat2' },
          },
        ],
      },
    ]);
  });

  it('a production booking in the year-end freeze: move it to when the freeze ends', () => {
    const slots = [aSlot({ id: 'shop-prod', environmentId: 'env-prod', from: t('12-20 18:00'), to: t('12-20 22:00') })];
    expect(run(slotsInFreeze, { slots, windows: [aWindow()], versions: [aPlanVersion({ releaseDate: '2027-01-15' })] })).toEqual([
      {
        id: 'slot-in-freeze:slot.shop-prod+window.win-1',
        rule: 'slot-in-freeze',
        severity: 'error',
        title: 'SHOP 2.4 on Production falls in a change freeze',
        explanation:
          'SHOP 2.4 is booked on Production (PROD) from Sun, 20 Dec 2026, 18:00 – Sun, 20 Dec 2026, 22:00 (UTC), which overlaps the change freeze site-wide “Year-end freeze” from Fri, 18 Dec 2026, 00:00 – Mon, 28 Dec 2026, 00:00 (UTC). Nothing may change on PROD during the freeze.',
        items: [slotItem('shop-prod', 'SHOP 2.4 on Production'), { kind: 'window', id: 'win-1', label: 'change freeze site-wide “Year-end freeze”' }],
        from: '2026-12-20T18:00:00.000Z',
        to: '2026-12-20T22:00:00.000Z',
        fixes: [
          {
            text: 'Move SHOP 2.4 on Production to Mon, 28 Dec 2026, 00:00 – Mon, 28 Dec 2026, 04:00 (UTC), clear of the freeze.',
            action: { type: 'move-slot', slotId: 'shop-prod', from: '2026-12-28T00:00:00.000Z', to: '2026-12-28T04:00:00.000Z', environmentId: 'env-prod' },
          },
        ],
      },
    ]);
  });
});

describe('a booking on an environment marked unavailable, in full', () => {
  const unavailable = (id: string, environment: string, status: string, booked: string, when: { from: string; to: string }, fixes: PlanConflict['fixes']) => ({
    id: `environment-unavailable:slot.${id}+environment.env-${environment.toLowerCase().replace('-', '')}`,
    rule: 'environment-unavailable',
    severity: 'warning',
    title: `${environment} is ${status}`,
    explanation: `${environment} is marked ${status} in the environment inventory, and SHOP 2.4 is booked there from ${booked}.`,
    items: [slotItem(id, `SHOP 2.4 on ${environment}`), { kind: 'environment', id: `env-${environment.toLowerCase().replace('-', '')}`, label: environment }],
    ...when,
    fixes,
  });

  it('both UAT environments out: ask their owners, from now for a booking already under way', () => {
    const environments = ENVIRONMENTS.map((e) =>
      e.id === 'env-uat1' ? { ...e, status: 'down' as const, ownerName: 'Priya (platform team)' } : e.id === 'env-uat2' ? { ...e, status: 'maintenance' as const } : e,
    );
    const slots = [aSlot({ from: t('11-23 09:00'), to: t('11-26 17:00') }), aSlot({ id: 'slot-b', environmentId: 'env-uat2' })];
    expect(run(unavailableEnvironments, { environments, slots })).toEqual([
      unavailable('slot-a', 'UAT-1', 'down', 'Mon, 23 Nov 2026, 09:00 – Thu, 26 Nov 2026, 17:00 (UTC)', { from: '2026-11-24T10:00:00.000Z', to: '2026-11-26T17:00:00.000Z' }, [
        { text: 'Ask Priya (platform team) when UAT-1 will be back.' },
      ]),
      unavailable('slot-b', 'UAT-2', 'in maintenance', 'Tue, 1 Dec 2026, 09:00 – Fri, 4 Dec 2026, 17:00 (UTC)', { from: '2026-12-01T09:00:00.000Z', to: '2026-12-04T17:00:00.000Z' }, [
        { text: 'Ask the environment’s owner when UAT-2 will be back.' },
      ]),
    ]);
  });

  it('UAT-1 down while UAT-2 is free: book UAT-2, or ask when UAT-1 is back', () => {
    expect(run(unavailableEnvironments, { environments: withUat1({ status: 'down' }), slots: [aSlot()] })).toEqual([
      unavailable('slot-a', 'UAT-1', 'down', 'Tue, 1 Dec 2026, 09:00 – Fri, 4 Dec 2026, 17:00 (UTC)', { from: '2026-12-01T09:00:00.000Z', to: '2026-12-04T17:00:00.000Z' }, [
        {
          text: 'Or book UAT-2 (also UAT), which is free for the same time.',
          action: { type: 'move-slot', slotId: 'slot-a', from: '2026-12-01T09:00:00.000Z', to: '2026-12-04T17:00:00.000Z', environmentId: 'env-uat2' },
        },
        { text: 'Or ask the environment’s owner when UAT-1 will be back.' },
      ]),
    ]);
  });

  it.each<[string, Partial<PlanSlot>]>([
    ['the booking ended exactly now', { from: t('11-23 09:00'), to: t('11-24 10:00') }],
    ['the booking is PAY’s, not in focus', { projectKey: 'PAY', versionId: '20001' }],
    ['the booking is of an environment no longer in the inventory', { environmentId: 'env-gone' }],
  ])('is quiet when %s', (_case, slot) => {
    expect(run(unavailableEnvironments, { environments: withUat1({ status: 'down' }), slots: [aSlot(slot)] })).toEqual([]);
  });
});
