/**
 * The conflicts of a whole plan, as the calendar lists them: errors first, then warnings, then
 * notes; within each the soonest first; the same time by id, so the list never reshuffles.
 */
import { detectConflicts } from '../../../src/domain/release-plan/conflicts';
import { aDeployment, aPlanVersion, aSlot, aWindow, planFacts, t } from '../../support/plan-builders';

const facts = planFacts({
  versions: [
    aPlanVersion({ startDate: '2026-12-02', releaseDate: '2027-01-10', dependsOn: [{ projectKey: 'OPS', versionId: '30001' }] }),
    aPlanVersion({ id: '20001', projectKey: 'PAY', name: 'PAY 3.1', startDate: '2026-11-01', releaseDate: '2026-12-18' }),
  ],
  slots: [
    // Booked before SHOP 2.4 starts, and clashing with PAY on UAT-1 from 3 Dec 09:00.
    aSlot({ id: 'shop-uat', from: t('12-01 09:00'), to: t('12-04 17:00') }),
    aSlot({ id: 'pay-uat', projectKey: 'PAY', versionId: '20001', from: t('12-03 09:00'), to: t('12-08 17:00') }),
    aSlot({ id: 'shop-prod', environmentId: 'env-prod', from: t('12-20 18:00'), to: t('12-20 22:00') }),
  ],
  windows: [aWindow(), aWindow({ id: 'fz-prod', tiers: ['PROD'], from: t('12-02 00:00'), to: t('12-04 00:00'), reason: 'Payments migration' })],
  // Deployed to production during the production freeze, at the very instant the clash begins.
  deployments: [aDeployment({ id: 'dep-hotfix', at: t('12-03 09:00') })],
});

describe('every conflict of a plan', () => {
  it('lists errors by time (the same time by id), then warnings, then notes', () => {
    expect(detectConflicts(facts).map((c) => [c.severity, c.id, c.from])).toEqual([
      ['error', 'deployment-in-freeze:deployment.dep-hotfix+window.fz-prod', '2026-12-03T09:00:00.000Z'],
      ['error', 'double-booking:slot.shop-uat+slot.pay-uat', '2026-12-03T09:00:00.000Z'],
      ['error', 'slot-in-freeze:slot.shop-prod+window.win-1', '2026-12-20T18:00:00.000Z'],
      ['warning', 'slot-outside-version:slot.shop-uat+version.10001', '2026-12-01T09:00:00.000Z'],
      ['info', 'dependency-later:version.10001+version.30001', '2027-01-10T00:00:00.000Z'],
    ]);
  });

  it('keeps to the range asked for: what runs into it counts, an instant before it does not', () => {
    const range = { from: Date.parse(t('12-04 00:00')), to: Date.parse(t('12-05 00:00')) };
    expect(detectConflicts({ ...facts, range }).map((c) => c.id)).toEqual(['double-booking:slot.shop-uat+slot.pay-uat', 'slot-outside-version:slot.shop-uat+version.10001']);
  });
});
