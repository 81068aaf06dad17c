import type { PlanConflict } from '../../../src/contract-release-plan';
import { detectConflicts } from '../../../src/domain/release-plan/conflicts';
import { deploymentsInFreeze, doubleBookings, slotsInFreeze, slotsInMaintenance, unavailableEnvironments } from '../../../src/domain/release-plan/environment-rules';
import { type PlanFacts, PlanIndex } from '../../../src/domain/release-plan/plan-index';
import { crowdedReleaseDays, lateDependencies, promotionOrderBreaks, releasesBeforeRequiredSlots, slotsOutsideVersions } from '../../../src/domain/release-plan/release-rules';
import { ENVIRONMENTS, aDeployment, aPlanVersion, aSlot, aWindow, anEnvironment, planFacts, t } from '../../support/plan-builders';

type Rule = (index: PlanIndex) => PlanConflict[];
const run = (rule: Rule, facts: Partial<PlanFacts>) => rule(new PlanIndex(planFacts(facts)));

const shop = aSlot({ id: 'shop-uat', from: t('12-01 09:00'), to: t('12-04 17:00') });
const pay = (from: string, to: string, extra = {}) => aSlot({ id: 'pay-uat', projectKey: 'PAY', versionId: '20001', from: t(from), to: t(to), updatedAt: '2026-11-22T10:00:00.000Z', ...extra });

describe('two releases on one environment at once', () => {
  it.each<[string, Partial<PlanFacts>, number]>([
    ['SHOP and PAY overlap on UAT-1', { slots: [shop, pay('12-03 09:00', '12-08 17:00')] }, 1],
    ['PAY starts exactly when SHOP ends (touching is not overlapping)', { slots: [shop, pay('12-04 17:00', '12-08 17:00')] }, 0],
    ['PAY ends exactly when SHOP starts', { slots: [shop, pay('11-28 09:00', '12-01 09:00')] }, 0],
    ['PAY is on UAT-2 at the same time', { slots: [shop, pay('12-03 09:00', '12-08 17:00', { environmentId: 'env-uat2' })] }, 0],
    ['the same version booked twice on one environment', { slots: [shop, aSlot({ id: 'shop-uat-2', from: t('12-02 09:00'), to: t('12-03 09:00') })] }, 0],
    ['UAT-1 takes two releases at a time', { environments: ENVIRONMENTS.map((e) => (e.id === 'env-uat1' ? { ...e, capacity: 2 } : e)), slots: [shop, pay('12-03 09:00', '12-08 17:00')] }, 0],
    [
      'three releases where UAT-1 takes two',
      {
        environments: ENVIRONMENTS.map((e) => (e.id === 'env-uat1' ? { ...e, capacity: 2 } : e)),
        slots: [shop, pay('12-03 09:00', '12-08 17:00'), aSlot({ id: 'shop-25', versionId: '10002', from: t('12-02 09:00'), to: t('12-05 09:00') })],
        versions: [aPlanVersion(), aPlanVersion({ id: '10002', name: 'SHOP 2.5', releaseDate: '2026-12-30' }), aPlanVersion({ id: '20001', projectKey: 'PAY', name: 'PAY 3.1' })],
      },
      1,
    ],
    [
      'one booking overlapping two others that only touch each other: two clashes',
      {
        slots: [
          pay('11-28 09:00', '12-02 09:00'),
          aSlot({ id: 'shop-25', versionId: '10002', from: t('12-02 09:00'), to: t('12-06 09:00') }),
          shop,
        ],
        versions: [aPlanVersion(), aPlanVersion({ id: '10002', name: 'SHOP 2.5', releaseDate: '2026-12-30' }), aPlanVersion({ id: '20001', projectKey: 'PAY', name: 'PAY 3.1' })],
      },
      2,
    ],
    ['both bookings are over (history, not a plan)', { slots: [aSlot({ from: t('11-01 09:00'), to: t('11-05 09:00') }), pay('11-03 09:00', '11-06 09:00')] }, 0],
    ['neither project is in focus', { focusProjects: new Set(['OPS']), slots: [shop, pay('12-03 09:00', '12-08 17:00')] }, 0],
  ])('%s', (_case, facts, expected) => {
    expect(run(doubleBookings, facts)).toHaveLength(expected);
  });

  it('explains the clash and suggests the next free slot and a free twin environment', () => {
    const [conflict] = run(doubleBookings, { slots: [shop, pay('12-03 09:00', '12-08 17:00')], focusProjects: new Set(['SHOP', 'PAY']) });
    expect(conflict).toMatchObject({ rule: 'double-booking', severity: 'error', title: 'UAT-1 is double-booked', from: t('12-03 09:00'), to: t('12-04 17:00') });
    expect(conflict!.explanation).toContain('SHOP 2.4');
    expect(conflict!.explanation).toContain('PAY 3.1');
    expect(conflict!.explanation).toContain('one release at a time');
    expect(conflict!.items.map((i) => i.id)).toEqual(['shop-uat', 'pay-uat']);
    // PAY booked last, so PAY moves: to when SHOP's booking ends, same length.
    expect(conflict!.fixes[0]!.action).toEqual({ type: 'move-slot', slotId: 'pay-uat', from: t('12-04 17:00'), to: t('12-10 01:00'), environmentId: 'env-uat1' });
    expect(conflict!.fixes[1]!.action).toEqual({ type: 'move-slot', slotId: 'pay-uat', from: t('12-03 09:00'), to: t('12-08 17:00'), environmentId: 'env-uat2' });
  });

  it('moves only a booking the viewer can change, and names nothing of a project they cannot see', () => {
    const [conflict] = run(doubleBookings, { slots: [shop, pay('12-03 09:00', '12-08 17:00')], visibleProjects: new Set(['SHOP']) });
    expect(conflict!.fixes[0]!.action).toMatchObject({ slotId: 'shop-uat' });
    expect(JSON.stringify(conflict)).not.toContain('PAY');
    expect(conflict!.explanation).toContain('a project you cannot see');
  });
});

describe('a slot inside a change freeze', () => {
  const prodSlot = aSlot({ id: 'shop-prod', environmentId: 'env-prod', from: t('12-20 18:00'), to: t('12-20 22:00') });
  it.each<[string, Partial<PlanFacts>, number]>([
    ['a production slot in the site-wide year-end freeze', { slots: [prodSlot], windows: [aWindow()] }, 1],
    ['the slot ends exactly when the freeze starts', { slots: [aSlot({ environmentId: 'env-prod', from: t('12-17 20:00'), to: t('12-18 00:00') })], windows: [aWindow()] }, 0],
    ['the slot starts exactly when the freeze ends', { slots: [aSlot({ environmentId: 'env-prod', from: t('12-28 00:00'), to: t('12-28 04:00') })], windows: [aWindow()] }, 0],
    ['the freeze applies to PROD only and the slot is on UAT', { slots: [aSlot({ from: t('12-20 09:00'), to: t('12-21 09:00') })], windows: [aWindow({ tiers: ['PROD'] })] }, 0],
    ['the freeze applies to PROD only and the slot is on PROD', { slots: [prodSlot], windows: [aWindow({ tiers: ['PROD', 'PREPROD'] })] }, 1],
    ['a freeze of another project', { slots: [prodSlot], windows: [aWindow({ scope: { type: 'project', projectKey: 'PAY' } })] }, 0],
    ['a freeze of this project', { slots: [prodSlot], windows: [aWindow({ scope: { type: 'project', projectKey: 'SHOP' } })] }, 1],
    ['a freeze of another environment', { slots: [prodSlot], windows: [aWindow({ scope: { type: 'environment', environmentId: 'env-uat1' } })] }, 0],
    ['a freeze of this environment', { slots: [prodSlot], windows: [aWindow({ scope: { type: 'environment', environmentId: 'env-prod' } })] }, 1],
    ['maintenance is not a freeze', { slots: [prodSlot], windows: [aWindow({ kind: 'maintenance', scope: { type: 'environment', environmentId: 'env-prod' } })] }, 0],
  ])('%s', (_case, facts, expected) => {
    expect(run(slotsInFreeze, facts)).toHaveLength(expected);
  });

  it('suggests the first free time after the freeze, inside the version', () => {
    const versions = [aPlanVersion({ releaseDate: '2027-01-15' })];
    const [conflict] = run(slotsInFreeze, { slots: [prodSlot], windows: [aWindow()], versions });
    expect(conflict!.severity).toBe('error');
    expect(conflict!.explanation).toContain('Year-end freeze');
    expect(conflict!.fixes[0]!.action).toMatchObject({ from: t('12-28 00:00'), to: t('12-28 04:00') });
  });
});

describe('a deployment inside a change freeze', () => {
  const freeze = aWindow({ from: t('11-19 00:00'), to: t('11-21 00:00'), reason: 'Black Friday' });
  it.each<[string, Partial<PlanFacts>, number]>([
    ['a successful production deployment in the freeze', { deployments: [aDeployment()], windows: [freeze] }, 1],
    ['a failed one is still a change', { deployments: [aDeployment({ status: 'failed' })], windows: [freeze] }, 1],
    ['a cancelled one changed nothing', { deployments: [aDeployment({ status: 'cancelled' })], windows: [freeze] }, 0],
    ['at the very end of the freeze (the end is not in it)', { deployments: [aDeployment({ at: t('11-21 00:00') })], windows: [freeze] }, 0],
    ['at the very start of the freeze', { deployments: [aDeployment({ at: t('11-19 00:00') })], windows: [freeze] }, 1],
    ['to an environment that is not in the inventory', { deployments: [aDeployment({ environmentId: undefined, environmentName: 'staging-eu' })], windows: [freeze] }, 0],
  ])('%s', (_case, facts, expected) => {
    expect(run(deploymentsInFreeze, facts)).toHaveLength(expected);
  });
});

describe('a slot during maintenance', () => {
  const maintenance = aWindow({ id: 'mnt', kind: 'maintenance', scope: { type: 'environment', environmentId: 'env-uat1' }, from: t('12-03 00:00'), to: t('12-03 06:00'), reason: 'DB upgrade' });
  it.each<[string, Partial<PlanFacts>, number]>([
    ['maintenance in the middle of the booking', { slots: [shop], windows: [maintenance] }, 1],
    ['maintenance of another environment', { slots: [shop], windows: [{ ...maintenance, scope: { type: 'environment', environmentId: 'env-uat2' } }] }, 0],
    ['maintenance ending when the booking starts', { slots: [shop], windows: [{ ...maintenance, from: t('11-30 00:00'), to: t('12-01 09:00') }] }, 0],
  ])('%s', (_case, facts, expected) => {
    expect(run(slotsInMaintenance, facts)).toHaveLength(expected);
  });

  it('offers the twin environment when it is free', () => {
    const [conflict] = run(slotsInMaintenance, { slots: [shop], windows: [maintenance] });
    expect(conflict!.fixes.map((f) => f.action)).toContainEqual(expect.objectContaining({ environmentId: 'env-uat2' }));
  });
});

describe('a booking on an environment that is down', () => {
  it.each<[string, 'available' | 'maintenance' | 'down', number]>([
    ['available', 'available', 0],
    ['in maintenance', 'maintenance', 1],
    ['down', 'down', 1],
  ])('UAT-1 %s', (_case, status, expected) => {
    const environments = ENVIRONMENTS.map((e) => (e.id === 'env-uat1' ? { ...e, status } : e));
    expect(run(unavailableEnvironments, { slots: [shop], environments })).toHaveLength(expected);
  });
});

describe('a release date before the end of a required slot', () => {
  const nft = (to: string, required = true) => aSlot({ id: 'shop-nft', environmentId: 'env-nft', from: t('12-07 09:00'), to: t(to), required });
  it.each<[string, Partial<PlanFacts>, number]>([
    ['the NFT run ends after the release day', { slots: [nft('12-14 12:00')] }, 1],
    ['the NFT run ends at midnight after the release day (the day is included)', { slots: [nft('12-12 00:00')] }, 0],
    ['the NFT run ends on the release day', { slots: [nft('12-11 12:00')] }, 0],
    ['the slot is not required before release', { slots: [nft('12-14 12:00', false)] }, 0],
    ['the version is released already', { slots: [nft('12-14 12:00')], versions: [aPlanVersion({ released: true })] }, 0],
    ['the version has no release date', { slots: [nft('12-14 12:00')], versions: [aPlanVersion({ releaseDate: undefined })] }, 0],
  ])('%s', (_case, facts, expected) => {
    expect(run(releasesBeforeRequiredSlots, facts)).toHaveLength(expected);
  });

  it('suggests finishing the slot by the release date, or moving the date', () => {
    const [conflict] = run(releasesBeforeRequiredSlots, { slots: [nft('12-14 12:00')] });
    expect(conflict!.explanation).toContain('is due on Fri, 11 Dec 2026');
    expect(conflict!.fixes[0]!.action).toMatchObject({ type: 'move-slot', to: t('12-12 00:00') });
    expect(conflict!.fixes[1]!.text).toContain('Mon, 14 Dec 2026');
  });
});

describe('a release that depends on a later version of another project', () => {
  const depending = (releaseDate: string | undefined, extra = {}) => [
    aPlanVersion({ dependsOn: [{ projectKey: 'PAY', versionId: '20001' }] }),
    aPlanVersion({ id: '20001', projectKey: 'PAY', name: 'PAY 3.1', releaseDate, ...extra }),
  ];
  it.each<[string, Partial<PlanFacts>, number, string | undefined]>([
    ['PAY 3.1 is due a week later', { versions: depending('2026-12-18') }, 1, 'error'],
    ['PAY 3.1 is due the same day', { versions: depending('2026-12-11') }, 0, undefined],
    ['PAY 3.1 is due earlier', { versions: depending('2026-12-04') }, 0, undefined],
    ['PAY 3.1 is released', { versions: depending('2026-12-18', { released: true }) }, 0, undefined],
    ['PAY 3.1 has no date', { versions: depending(undefined) }, 1, 'warning'],
    ['PAY 3.1 cannot be seen', { versions: [depending('2026-12-18')[0]!] }, 1, 'info'],
  ])('%s', (_case, facts, expected, severity) => {
    const conflicts = run(lateDependencies, facts);
    expect(conflicts).toHaveLength(expected);
    if (severity) expect(conflicts[0]!.severity).toBe(severity);
  });

  it('says how much later', () => {
    const [conflict] = run(lateDependencies, { versions: depending('2026-12-18') });
    expect(conflict!.explanation).toContain('7 days later');
  });
});

describe('more than N releases on one day', () => {
  const on = (id: string, name: string, releaseDate: string, extra = {}) => aPlanVersion({ id, name, releaseDate, ...extra });
  it.each<[string, number, Array<ReturnType<typeof aPlanVersion>>, number]>([
    ['three on one day, limit two', 2, [on('1', 'A', '2026-12-11'), on('2', 'B', '2026-12-11'), on('3', 'C', '2026-12-11')], 1],
    ['two on one day, limit two', 2, [on('1', 'A', '2026-12-11'), on('2', 'B', '2026-12-11')], 0],
    ['two on one day, limit one', 1, [on('1', 'A', '2026-12-11'), on('2', 'B', '2026-12-11')], 1],
    ['three on one day, one released', 2, [on('1', 'A', '2026-12-11'), on('2', 'B', '2026-12-11'), on('3', 'C', '2026-12-11', { released: true })], 0],
    ['three on consecutive days', 1, [on('1', 'A', '2026-12-10'), on('2', 'B', '2026-12-11'), on('3', 'C', '2026-12-12')], 0],
    ['three on a day already past', 2, [on('1', 'A', '2026-11-02'), on('2', 'B', '2026-11-02'), on('3', 'C', '2026-11-02')], 0],
  ])('%s', (_case, limit, versions, expected) => {
    expect(run(crowdedReleaseDays, { versions, maxReleasesPerDay: limit })).toHaveLength(expected);
  });

  it('suggests the next day with room', () => {
    const versions = [on('1', 'A', '2026-12-11'), on('2', 'B', '2026-12-11'), on('3', 'C', '2026-12-11'), on('4', 'D', '2026-12-12'), on('5', 'E', '2026-12-12')];
    const [conflict] = run(crowdedReleaseDays, { versions, maxReleasesPerDay: 2 });
    expect(conflict!.fixes[0]!.text).toBe('Move C to Sun, 13 Dec 2026, the next day with room.');
  });
});

describe('the promotion order', () => {
  const sit = (from: string, to: string) => aSlot({ id: 'shop-sit', environmentId: 'env-sit', from: t(from), to: t(to) });
  const prod = (from: string, to: string) => aSlot({ id: 'shop-prod', environmentId: 'env-prod', from: t(from), to: t(to) });
  it.each<[string, Partial<PlanFacts>, number]>([
    ['SIT, then UAT, then PROD', { slots: [sit('11-25 09:00', '11-28 17:00'), shop, prod('12-10 18:00', '12-10 22:00')] }, 0],
    ['PROD before SIT', { slots: [sit('12-05 09:00', '12-06 17:00'), prod('12-02 18:00', '12-02 22:00')] }, 1],
    ['UAT before SIT', { slots: [sit('12-02 09:00', '12-03 17:00'), shop] }, 1],
    ['UAT before SIT, with PROD last', { slots: [sit('12-02 09:00', '12-03 17:00'), shop, prod('12-10 18:00', '12-10 22:00')] }, 1],
    ['a custom order putting UAT first', { slots: [sit('12-02 09:00', '12-03 17:00'), shop], tierOrder: ['DEV', 'IT', 'UAT', 'SIT', 'NFT', 'PREPROD', 'PROD'] }, 0],
    [
      'deployed to PROD before SIT',
      {
        deployments: [
          aDeployment({ id: 'd-prod', at: t('11-10 10:00') }),
          aDeployment({ id: 'd-sit', environmentId: 'env-sit', environmentName: 'SIT', at: t('11-12 10:00') }),
        ],
      },
      1,
    ],
    [
      'deployed to SIT, then PROD, then SIT again',
      {
        deployments: [
          aDeployment({ id: 'd-sit', environmentId: 'env-sit', environmentName: 'SIT', at: t('11-09 10:00') }),
          aDeployment({ id: 'd-prod', at: t('11-10 10:00') }),
          aDeployment({ id: 'd-sit-2', environmentId: 'env-sit', environmentName: 'SIT', at: t('11-12 10:00') }),
        ],
      },
      0,
    ],
  ])('%s', (_case, facts, expected) => {
    const conflicts = run(promotionOrderBreaks, facts);
    expect(conflicts).toHaveLength(expected);
    for (const c of conflicts) expect(c.severity).toBe('warning');
  });
});

describe('a slot outside its version’s dates', () => {
  it.each<[string, Partial<PlanFacts>, number]>([
    ['inside', { slots: [shop] }, 0],
    ['starting before the version starts', { slots: [shop], versions: [aPlanVersion({ startDate: '2026-12-02' })] }, 1],
    ['ending after the release day (not required)', { slots: [shop], versions: [aPlanVersion({ releaseDate: '2026-12-03' })] }, 1],
    ['ending after the release day, required (the stronger rule reports it)', { slots: [{ ...shop, required: true }], versions: [aPlanVersion({ releaseDate: '2026-12-03' })] }, 0],
    ['a version without dates', { slots: [shop], versions: [aPlanVersion({ startDate: undefined, releaseDate: undefined })] }, 0],
  ])('%s', (_case, facts, expected) => {
    expect(run(slotsOutsideVersions, facts)).toHaveLength(expected);
  });
});

describe('detectConflicts', () => {
  it('reports each rule’s conflicts once, errors first, and only those in the range', () => {
    const facts = planFacts({
      slots: [shop, pay('12-03 09:00', '12-08 17:00'), aSlot({ id: 'shop-prod', environmentId: 'env-prod', from: t('12-20 18:00'), to: t('12-20 22:00') })],
      windows: [aWindow()],
      versions: [aPlanVersion({ releaseDate: '2027-01-10' }), aPlanVersion({ id: '20001', projectKey: 'PAY', name: 'PAY 3.1' })],
    });
    const all = detectConflicts(facts);
    expect(all.map((c) => c.rule)).toEqual(['double-booking', 'slot-in-freeze']);
    const december = detectConflicts({ ...facts, range: { from: Date.parse(t('12-10 00:00')), to: Date.parse(t('12-31 00:00')) } });
    expect(december.map((c) => c.rule)).toEqual(['slot-in-freeze']);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });

  it('is quiet for a clean plan', () => {
    expect(detectConflicts(planFacts({ slots: [shop], environments: [...ENVIRONMENTS, anEnvironment({ id: 'env-x', name: 'X' })] }))).toEqual([]);
  });
});

describe('release days are days in the project’s release time zone', () => {
  // SHOP 2.4 is due on 11 Dec. 12:00 UTC on the 11th is 01:00 on the 12th in Auckland.
  const lateSlot = aSlot({ id: 'shop-late', from: t('12-10 09:00'), to: t('12-11 12:00') });

  it.each<[string, number]>([
    ['UTC', 0],
    ['Pacific/Auckland', 1],
    ['America/Los_Angeles', 0],
  ])('a slot ending at 12:00 UTC the day SHOP 2.4 is due, in %s: %i slot(s) past the release day', (timeZone, expected) => {
    expect(run(slotsOutsideVersions, { timeZone, slots: [lateSlot] })).toHaveLength(expected);
  });

  it('names the release day as it is in the zone, and suggests the next day there', () => {
    const versions = [aPlanVersion(), aPlanVersion({ id: '10002', name: 'SHOP 2.5', releaseDate: '2026-12-11' })];
    const [crowded] = run(crowdedReleaseDays, { timeZone: 'Pacific/Auckland', maxReleasesPerDay: 1, versions });
    expect(crowded?.title).toBe('2 releases on Fri, 11 Dec 2026');
    expect(crowded?.fixes.map((f) => f.text)).toEqual(['Move SHOP 2.5 to Sat, 12 Dec 2026, the next day with room.']);
    // The day runs from Auckland's midnight to the next one.
    expect(crowded).toMatchObject({ from: '2026-12-10T11:00:00.000Z', to: '2026-12-11T11:00:00.000Z' });
  });
});
