/**
 * The index every conflict rule shares: how items are named (without naming what the viewer may
 * not see), which time an environment is taken or blocked, and where a booking may move.
 */
import type { PlanWindow } from '../../../src/contract-release-plan';
import { type Interval } from '../../../src/domain/release-plan/intervals';
import { PlanIndex, freezeApplies, maintenanceApplies, windowLabel } from '../../../src/domain/release-plan/plan-index';
import { ENVIRONMENTS, PLAN_NOW, aPlanVersion, aSlot, aWindow, planFacts, t } from '../../support/plan-builders';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const spans = (intervals: Interval[]) => intervals.map((i) => `${iso(i.from)} – ${iso(i.to)}`);
const uat1 = ENVIRONMENTS[1]!;
const prod = ENVIRONMENTS[4]!;

const maintenanceOf = (environmentId: string, id: string, from: string, to: string, reason: string) =>
  aWindow({ id, kind: 'maintenance', scope: { type: 'environment', environmentId }, from: t(from), to: t(to), reason });
const windows: PlanWindow[] = [
  maintenanceOf('env-uat1', 'mnt-uat1', '12-03 00:00', '12-03 06:00', 'DB upgrade'),
  maintenanceOf('env-uat2', 'mnt-uat2', '12-05 00:00', '12-05 06:00', 'OS patch'),
  aWindow({ id: 'fz-prod', tiers: ['PROD'] }),
  aWindow({ id: 'fz-pay', scope: { type: 'project', projectKey: 'PAY' }, from: t('12-10 00:00'), to: t('12-11 00:00'), reason: 'PAY audit' }),
  aWindow({ id: 'fz-shop', scope: { type: 'project', projectKey: 'SHOP' }, from: t('12-12 00:00'), to: t('12-13 00:00'), reason: 'SHOP demo' }),
];
const index = new PlanIndex(
  planFacts({
    visibleProjects: new Set(['SHOP']),
    slots: [aSlot(), aSlot({ id: 'pay-1', projectKey: 'PAY', versionId: '20001', from: t('12-07 09:00'), to: t('12-08 09:00') }), aSlot({ id: 'gone', versionId: '10099', environmentId: 'env-gone' })],
    windows,
  }),
);

describe('the plan index', () => {
  it('labels bookings, hiding a project the viewer cannot see and saying when a version or environment is gone', () => {
    expect(index.facts.slots.map((s) => index.slotItem(s))).toEqual([
      { kind: 'slot', id: 'slot-a', label: 'SHOP 2.4 on UAT-1', projectKey: 'SHOP' },
      { kind: 'slot', id: 'pay-1', label: 'a booking of UAT-1 by a project you cannot see' },
      { kind: 'slot', id: 'gone', label: 'version 10099 of SHOP on an environment that no longer exists', projectKey: 'SHOP' },
    ]);
    expect(index.versionItem(aPlanVersion())).toEqual({ kind: 'version', id: '10001', label: 'SHOP 2.4', projectKey: 'SHOP' });
  });

  it('labels windows by kind and scope', () => {
    const gone = maintenanceOf('env-gone', 'mnt-gone', '12-20 00:00', '12-20 02:00', 'Decommission');
    expect([...windows, gone].map((w) => windowLabel(w, index))).toEqual([
      'maintenance on UAT-1 “DB upgrade”',
      'maintenance on UAT-2 “OS patch”',
      'change freeze site-wide “Year-end freeze”',
      'change freeze for PAY “PAY audit”',
      'change freeze for SHOP “SHOP demo”',
      'maintenance on an environment that no longer exists “Decommission”',
    ]);
    expect(index.windowItem(windows[3]!)).toEqual({ kind: 'window', id: 'fz-pay', label: 'change freeze for PAY “PAY audit”' });
  });

  it('finds UAT-1 taken by the other bookings and blocked by its maintenance and SHOP’s own freeze', () => {
    const occupancy = index.occupancy('env-uat1', 'SHOP', 'slot-a');
    expect({ ...occupancy, bookings: spans(occupancy.bookings), blocked: spans(occupancy.blocked) }).toEqual({
      bookings: ['2026-12-07T09:00:00.000Z – 2026-12-08T09:00:00.000Z'],
      capacity: 1,
      blocked: ['2026-12-03T00:00:00.000Z – 2026-12-03T06:00:00.000Z', '2026-12-12T00:00:00.000Z – 2026-12-13T00:00:00.000Z'],
    });
  });

  it('takes an environment no longer in the inventory as one booking at a time, blocked by nothing', () => {
    const occupancy = index.occupancy('env-gone', 'SHOP', 'another');
    expect({ ...occupancy, bookings: spans(occupancy.bookings), blocked: spans(occupancy.blocked) }).toEqual({
      bookings: ['2026-12-01T09:00:00.000Z – 2026-12-04T17:00:00.000Z'],
      capacity: 1,
      blocked: [],
    });
  });

  it.each<[string, string, string, { min?: string; max?: string }, { min?: string; max?: string }]>([
    ['SHOP 2.4 (started before now)', 'SHOP', '10001', { min: '2026-11-02T00:00:00.000Z', max: '2026-12-12T00:00:00.000Z' }, { min: iso(PLAN_NOW), max: '2026-12-12T00:00:00.000Z' }],
    ['a version that is gone', 'SHOP', '10099', {}, { min: iso(PLAN_NOW) }],
  ])('bounds of %s: its dates, and for a move not before now', (_case, projectKey, versionId, bounds, moveBounds) => {
    const readable = (b: { min?: number; max?: number }) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, iso(v)]));
    expect(readable(index.versionBounds(projectKey, versionId))).toEqual(bounds);
    expect(readable(index.moveBounds(projectKey, versionId))).toEqual(moveBounds);
  });

  it('lets a move start on a version’s first day when that is still ahead', () => {
    const later = new PlanIndex(planFacts({ versions: [aPlanVersion({ startDate: '2026-12-01' })] }));
    expect(iso(later.moveBounds('SHOP', '10001').min)).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('which windows apply to an environment', () => {
  it.each<[string, PlanWindow, boolean, boolean]>([
    ['maintenance of UAT-1', windows[0]!, true, false],
    ['maintenance of UAT-2', windows[1]!, false, false],
    ['a freeze scoped to UAT-1 is not maintenance', aWindow({ scope: { type: 'environment', environmentId: 'env-uat1' } }), false, true],
    ['site-wide maintenance is not maintenance of UAT-1', aWindow({ kind: 'maintenance' }), false, false],
    ['a PROD-only freeze', windows[2]!, false, false],
    ['a freeze of PAY', windows[3]!, false, false],
    ['a freeze of SHOP', windows[4]!, false, true],
  ])('%s on UAT-1, for SHOP: maintenance %s, freeze %s', (_case, window, maintenance, freeze) => {
    expect([maintenanceApplies(window, uat1), freezeApplies(window, 'SHOP', uat1)]).toEqual([maintenance, freeze]);
  });

  it('a PROD-only freeze applies to production', () => {
    expect(freezeApplies(windows[2]!, 'SHOP', prod)).toBe(true);
  });
});
