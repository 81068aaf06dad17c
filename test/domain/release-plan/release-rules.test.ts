/**
 * The release rules' whole conflicts: what a release manager reads on the plan (title,
 * explanation, the items linked, when, and the fixes offered), for SHOP 2.4 due Fri 11 Dec 2026
 * with "now" Tue 24 Nov 2026 10:00 UTC.
 */
import type { PlanConflict } from '../../../src/contract-release-plan';
import { type PlanFacts, PlanIndex } from '../../../src/domain/release-plan/plan-index';
import { crowdedReleaseDays, lateDependencies, promotionOrderBreaks, releasesBeforeRequiredSlots, slotsOutsideVersions } from '../../../src/domain/release-plan/release-rules';
import { aDeployment, aPlanVersion, aSlot, planFacts, t } from '../../support/plan-builders';

type Rule = (index: PlanIndex) => PlanConflict[];
const run = (rule: Rule, facts: Partial<PlanFacts>) => rule(new PlanIndex(planFacts(facts)));

const booking = (id: string, environmentId: string, from: string, to: string, extra = {}) => aSlot({ id, environmentId, from: t(from), to: t(to), ...extra });
const shop24 = { kind: 'version', id: '10001', label: 'SHOP 2.4', projectKey: 'SHOP' } as const;
const pay31 = { kind: 'version', id: '20001', label: 'PAY 3.1', projectKey: 'PAY' } as const;
const slotItem = (id: string, environment: string) => ({ kind: 'slot', id, label: `SHOP 2.4 on ${environment}`, projectKey: 'SHOP' });

describe('a release due before its required slot ends, in full', () => {
  const nft = (from: string, to: string) => booking('shop-nft', 'env-nft', from, to, { required: true });

  it('offers to finish the NFT run by the release date, or to move the date past it', () => {
    expect(run(releasesBeforeRequiredSlots, { slots: [nft('12-07 09:00', '12-14 12:00')] })).toEqual([
      {
        id: 'release-before-slot-end:version.10001+slot.shop-nft',
        rule: 'release-before-slot-end',
        severity: 'error',
        title: 'SHOP 2.4 is due before its NFT slot ends',
        explanation:
          'SHOP 2.4 is due on Fri, 11 Dec 2026, but its required NFT slot (7 days) runs until Mon, 14 Dec 2026, 12:00. The release cannot go ahead before that slot has finished.',
        items: [shop24, slotItem('shop-nft', 'NFT')],
        from: '2026-12-11T00:00:00.000Z',
        to: '2026-12-14T12:00:00.000Z',
        fixes: [
          {
            text: 'Move SHOP 2.4 on NFT to Fri, 4 Dec 2026, 21:00 – Sat, 12 Dec 2026, 00:00 (UTC), so it ends by the release date.',
            action: { type: 'move-slot', slotId: 'shop-nft', from: '2026-12-04T21:00:00.000Z', to: '2026-12-12T00:00:00.000Z', environmentId: 'env-nft' },
          },
          { text: 'Or move SHOP 2.4’s release date in Jira to Mon, 14 Dec 2026 or later.' },
        ],
      },
    ]);
  });

  it('only offers to move the date when the run is too long to fit between now and the release, and names the day the run ends at midnight', () => {
    const [conflict] = run(releasesBeforeRequiredSlots, { slots: [nft('11-25 00:00', '12-14 00:00')] });
    expect(conflict?.explanation).toBe(
      'SHOP 2.4 is due on Fri, 11 Dec 2026, but its required NFT slot (19 days) runs until Mon, 14 Dec 2026, 00:00. The release cannot go ahead before that slot has finished.',
    );
    // The run ends at the first instant of the 14th: it is over by the end of the 13th.
    expect(conflict?.fixes).toEqual([{ text: 'Move SHOP 2.4’s release date in Jira to Sun, 13 Dec 2026 or later.' }]);
  });

  it('is quiet for a version without bookings', () => {
    expect(run(releasesBeforeRequiredSlots, { slots: [] })).toEqual([]);
  });
});

describe('a release depending on another project’s version, in full', () => {
  const dependsOnPay = { dependsOn: [{ projectKey: 'PAY', versionId: '20001' }] };
  const pay = (releaseDate: string | undefined) => aPlanVersion({ id: '20001', projectKey: 'PAY', name: 'PAY 3.1', releaseDate });

  it('PAY 3.1 due a week later: move SHOP 2.4 or bring PAY 3.1 forward', () => {
    expect(run(lateDependencies, { versions: [aPlanVersion(dependsOnPay), pay('2026-12-18')] })).toEqual([
      {
        id: 'dependency-later:version.10001+version.20001',
        rule: 'dependency-later',
        severity: 'error',
        title: 'SHOP 2.4 is due before PAY 3.1, which it depends on',
        explanation: 'SHOP 2.4 is due on Fri, 11 Dec 2026, but it depends on PAY 3.1 (PAY), due on Fri, 18 Dec 2026: 7 days later.',
        items: [shop24, pay31],
        from: '2026-12-11T00:00:00.000Z',
        to: '2026-12-19T00:00:00.000Z',
        fixes: [{ text: 'Move SHOP 2.4’s release date in Jira to Fri, 18 Dec 2026 or later.' }, { text: 'Or ask the PAY team to bring PAY 3.1 forward to Fri, 11 Dec 2026.' }],
      },
    ]);
  });

  it('PAY 3.1 not scheduled yet: ask the PAY team to schedule it', () => {
    expect(run(lateDependencies, { versions: [aPlanVersion(dependsOnPay), pay(undefined)] })).toEqual([
      {
        id: 'dependency-later:version.10001+version.20001',
        rule: 'dependency-later',
        severity: 'warning',
        title: 'SHOP 2.4 depends on PAY 3.1, which has no release date',
        explanation: 'SHOP 2.4 is due on Fri, 11 Dec 2026 and depends on PAY 3.1 (PAY), which is not scheduled yet.',
        items: [shop24, pay31],
        from: '2026-12-11T00:00:00.000Z',
        to: '2026-12-12T00:00:00.000Z',
        fixes: [{ text: 'Ask the PAY team to schedule PAY 3.1 on or before Fri, 11 Dec 2026.' }],
      },
    ]);
  });

  const unseen = (when: { from: string; to: string }) => ({
    id: 'dependency-later:version.10001+version.20001',
    rule: 'dependency-later',
    severity: 'info',
    title: 'SHOP 2.4 depends on a version that cannot be checked',
    explanation: 'SHOP 2.4 depends on version 20001 of PAY, which you cannot see or which no longer exists, so its date cannot be checked.',
    items: [shop24, { kind: 'version', id: '20001', label: 'PAY version 20001', projectKey: 'PAY' }],
    ...when,
    fixes: [{ text: 'Ask someone who can see PAY to check the date, or remove the dependency if it no longer holds.' }],
  });
  it.each<[string, string | undefined, { from: string; to: string }]>([
    ['on SHOP 2.4’s release day', '2026-12-11', { from: '2026-12-11T00:00:00.000Z', to: '2026-12-12T00:00:00.000Z' }],
    ['for the coming day when SHOP 2.4 has no date yet', undefined, { from: '2026-11-24T10:00:00.000Z', to: '2026-11-25T10:00:00.000Z' }],
  ])('a version nobody here can see is reported %s', (_case, releaseDate, when) => {
    expect(run(lateDependencies, { versions: [aPlanVersion({ ...dependsOnPay, releaseDate })] })).toEqual([unseen(when)]);
  });

  it.each<[string, Partial<PlanFacts>]>([
    ['SHOP 2.4 is released already', { versions: [aPlanVersion({ ...dependsOnPay, released: true }), pay('2026-12-18')] }],
    ['SHOP is not a project in focus', { versions: [aPlanVersion(dependsOnPay), pay('2026-12-18')], focusProjects: new Set(['PAY']) }],
  ])('is quiet when %s', (_case, facts) => {
    expect(run(lateDependencies, facts)).toEqual([]);
  });
});

describe('too many releases on one day, in full', () => {
  const on = (id: string, name: string, releaseDate: string) => aPlanVersion({ id, name, releaseDate });

  it('reports each crowded day in date order, names versions in version order, and moves the last one to the next day with room', () => {
    const versions = [on('5', 'SHOP 2.10', '2026-12-12'), on('6', 'SHOP 2.9', '2026-12-12'), on('1', 'SHOP 2.5', '2026-12-11'), on('2', 'SHOP 2.6', '2026-12-11'), on('3', 'SHOP 2.7', '2026-12-11')];
    expect(run(crowdedReleaseDays, { maxReleasesPerDay: 1, versions })).toEqual([
      {
        id: 'too-many-releases:version.1+version.2+version.3',
        rule: 'too-many-releases',
        severity: 'warning',
        title: '3 releases on Fri, 11 Dec 2026',
        explanation: 'SHOP 2.5, SHOP 2.6 and SHOP 2.7 are all due on Fri, 11 Dec 2026; the limit is 1 release a day, so support and rollback would be stretched.',
        items: ['1', '2', '3'].map((id, i) => ({ kind: 'version', id, label: `SHOP 2.${5 + i}`, projectKey: 'SHOP' })),
        from: '2026-12-11T00:00:00.000Z',
        to: '2026-12-12T00:00:00.000Z',
        fixes: [{ text: 'Move SHOP 2.7 to Sun, 13 Dec 2026, the next day with room.' }],
      },
      {
        id: 'too-many-releases:version.6+version.5',
        rule: 'too-many-releases',
        severity: 'warning',
        title: '2 releases on Sat, 12 Dec 2026',
        explanation: 'SHOP 2.9 and SHOP 2.10 are all due on Sat, 12 Dec 2026; the limit is 1 release a day, so support and rollback would be stretched.',
        items: [
          { kind: 'version', id: '6', label: 'SHOP 2.9', projectKey: 'SHOP' },
          { kind: 'version', id: '5', label: 'SHOP 2.10', projectKey: 'SHOP' },
        ],
        from: '2026-12-12T00:00:00.000Z',
        to: '2026-12-13T00:00:00.000Z',
        fixes: [{ text: 'Move SHOP 2.10 to Sun, 13 Dec 2026, the next day with room.' }],
      },
    ]);
  });

  it('says the limit in the plural', () => {
    const [conflict] = run(crowdedReleaseDays, { maxReleasesPerDay: 2, versions: [on('1', 'A', '2026-12-11'), on('2', 'B', '2026-12-11'), on('3', 'C', '2026-12-11')] });
    expect(conflict?.explanation).toBe('A, B and C are all due on Fri, 11 Dec 2026; the limit is 2 releases a day, so support and rollback would be stretched.');
  });

  it('leaves out a day that ended exactly now', () => {
    const versions = [on('1', 'A', '2026-11-24'), on('2', 'B', '2026-11-24'), on('3', 'C', '2026-11-24')];
    expect(run(crowdedReleaseDays, { now: Date.parse('2026-11-25T00:00:00Z'), versions })).toEqual([]);
    expect(run(crowdedReleaseDays, { now: Date.parse('2026-11-24T23:59:59Z'), versions })).toHaveLength(1);
  });
});

describe('the promotion order of bookings, in full', () => {
  const prod = booking('shop-prod', 'env-prod', '12-03 18:00', '12-03 22:00');

  it('PROD booked before UAT: move PROD after UAT finishes', () => {
    expect(run(promotionOrderBreaks, { slots: [prod, booking('shop-uat', 'env-uat1', '12-07 09:00', '12-09 17:00')] })).toEqual([
      {
        id: 'promotion-order:slot.shop-prod+slot.shop-uat',
        rule: 'promotion-order',
        severity: 'warning',
        title: 'SHOP 2.4 reaches PROD before UAT',
        explanation: 'SHOP 2.4 is booked on Production (PROD) from Thu, 3 Dec 2026, 18:00, before UAT-1 (Mon, 7 Dec 2026, 09:00). The promotion order is UAT → NFT → PREPROD → PROD.',
        items: [slotItem('shop-prod', 'Production'), slotItem('shop-uat', 'UAT-1')],
        from: '2026-12-03T18:00:00.000Z',
        to: '2026-12-09T17:00:00.000Z',
        fixes: [
          {
            text: 'Move SHOP 2.4 on Production to Wed, 9 Dec 2026, 17:00 – Wed, 9 Dec 2026, 21:00 (UTC), after the lower tier finishes.',
            action: { type: 'move-slot', slotId: 'shop-prod', from: '2026-12-09T17:00:00.000Z', to: '2026-12-09T21:00:00.000Z', environmentId: 'env-prod' },
          },
        ],
      },
    ]);
  });

  it('PROD booked before NFT and SIT: the lowest tier is named, and PROD moves after the last of them ends', () => {
    const nft = booking('shop-nft', 'env-nft', '12-04 09:00', '12-08 17:00');
    const sit = booking('shop-sit', 'env-sit', '12-05 09:00', '12-06 17:00');
    expect(run(promotionOrderBreaks, { slots: [prod, nft, sit] })).toEqual([
      {
        id: 'promotion-order:slot.shop-prod+slot.shop-nft+slot.shop-sit',
        rule: 'promotion-order',
        severity: 'warning',
        title: 'SHOP 2.4 reaches PROD before SIT',
        explanation:
          'SHOP 2.4 is booked on Production (PROD) from Thu, 3 Dec 2026, 18:00, before NFT (Fri, 4 Dec 2026, 09:00) and SIT (Sat, 5 Dec 2026, 09:00). The promotion order is SIT → UAT → NFT → PREPROD → PROD.',
        items: [slotItem('shop-prod', 'Production'), slotItem('shop-nft', 'NFT'), slotItem('shop-sit', 'SIT')],
        from: '2026-12-03T18:00:00.000Z',
        to: '2026-12-08T17:00:00.000Z',
        fixes: [
          {
            text: 'Move SHOP 2.4 on Production to Tue, 8 Dec 2026, 17:00 – Tue, 8 Dec 2026, 21:00 (UTC), after the lower tiers finish.',
            action: { type: 'move-slot', slotId: 'shop-prod', from: '2026-12-08T17:00:00.000Z', to: '2026-12-08T21:00:00.000Z', environmentId: 'env-prod' },
          },
        ],
      },
      {
        id: 'promotion-order:slot.shop-nft+slot.shop-sit',
        rule: 'promotion-order',
        severity: 'warning',
        title: 'SHOP 2.4 reaches NFT before SIT',
        explanation: 'SHOP 2.4 is booked on NFT (NFT) from Fri, 4 Dec 2026, 09:00, before SIT (Sat, 5 Dec 2026, 09:00). The promotion order is SIT → UAT → NFT.',
        items: [slotItem('shop-nft', 'NFT'), slotItem('shop-sit', 'SIT')],
        from: '2026-12-04T09:00:00.000Z',
        to: '2026-12-06T17:00:00.000Z',
        fixes: [
          {
            text: 'Move SHOP 2.4 on NFT to Sun, 6 Dec 2026, 17:00 – Fri, 11 Dec 2026, 01:00 (UTC), after the lower tier finishes.',
            action: { type: 'move-slot', slotId: 'shop-nft', from: '2026-12-06T17:00:00.000Z', to: '2026-12-11T01:00:00.000Z', environmentId: 'env-nft' },
          },
        ],
      },
    ]);
  });

  it.each<[string, Partial<PlanFacts>]>([
    ['the version is released', { slots: [prod, booking('shop-uat', 'env-uat1', '12-07 09:00', '12-09 17:00')], versions: [aPlanVersion({ released: true })] }],
    ['SHOP is not in focus', { slots: [prod, booking('shop-uat', 'env-uat1', '12-07 09:00', '12-09 17:00')], focusProjects: new Set(['PAY']) }],
    ['both bookings are over', { slots: [booking('shop-prod', 'env-prod', '11-10 18:00', '11-10 22:00'), booking('shop-uat', 'env-uat1', '11-12 09:00', '11-13 17:00')] }],
    ['UAT-2 after UAT-1 (the same tier)', { slots: [booking('shop-uat', 'env-uat1', '12-01 09:00', '12-02 17:00'), booking('shop-uat2', 'env-uat2', '12-03 09:00', '12-04 17:00')] }],
    ['UAT and PROD starting at the same instant', { slots: [booking('shop-prod', 'env-prod', '12-07 09:00', '12-07 12:00'), booking('shop-uat', 'env-uat1', '12-07 09:00', '12-09 17:00')] }],
  ])('is quiet when %s', (_case, facts) => {
    expect(run(promotionOrderBreaks, facts)).toEqual([]);
  });
});

describe('the promotion order of deployments, in full', () => {
  const deployed = (id: string, environmentId: string | undefined, environmentName: string, at: string, extra = {}) => aDeployment({ id, environmentId, environmentName, at: t(at), ...extra });
  const prod = deployed('dep-prod', 'env-prod', 'Production', '11-20 10:00');
  const uat = (extra = {}) => deployed('dep-uat', 'env-uat1', 'UAT-1', '11-21 10:00', extra);

  it('deployed to PROD, then to UAT: check UAT was passed and note the exception', () => {
    // Listed out of time order: the rule reads them in the order they happened.
    expect(run(promotionOrderBreaks, { deployments: [uat(), prod] })).toEqual([
      {
        id: 'promotion-order:deployment.dep-prod+deployment.dep-uat',
        rule: 'promotion-order',
        severity: 'warning',
        title: 'SHOP 2.4 was deployed to PROD before UAT',
        explanation: 'SHOP 2.4 went to Production at Fri, 20 Nov 2026, 10:00 and only then to UAT-1 (Sat, 21 Nov 2026, 10:00). The promotion order is UAT → NFT → PREPROD → PROD.',
        items: [
          { kind: 'deployment', id: 'dep-prod', label: 'SHOP 2.4 to Production', projectKey: 'SHOP' },
          { kind: 'deployment', id: 'dep-uat', label: 'SHOP 2.4 to UAT-1', projectKey: 'SHOP' },
        ],
        from: '2026-11-20T10:00:00.000Z',
        to: '2026-11-21T10:00:00.001Z',
        fixes: [{ text: 'Check that SHOP 2.4 passed UAT before it reached PROD, and note the exception on the release.' }],
      },
    ]);
  });

  it('deployed to SIT, then PROD, then UAT: UAT was skipped on the way to PROD', () => {
    const sit = deployed('dep-sit', 'env-sit', 'SIT', '11-18 10:00');
    expect(run(promotionOrderBreaks, { deployments: [sit, prod, uat()] }).map((c) => c.id)).toEqual(['promotion-order:deployment.dep-prod+deployment.dep-uat']);
  });

  it.each<[string, ReturnType<typeof aDeployment>]>([
    ['the UAT deployment failed', uat({ status: 'failed' })],
    ['the UAT deployment is of another project', uat({ projectKey: 'PAY' })],
    ['the UAT deployment is of another version', uat({ versionId: '10002' })],
  ])('is quiet when %s', (_case, later) => {
    expect(run(promotionOrderBreaks, { deployments: [prod, later] })).toEqual([]);
  });

  it('passes over deployments to environments outside the inventory', () => {
    const staging = (id: string, at: string) => deployed(id, undefined, 'staging-eu', at);
    expect(run(promotionOrderBreaks, { deployments: [staging('dep-x', '11-19 10:00'), prod, staging('dep-y', '11-20 12:00'), uat()] }).map((c) => c.id)).toEqual([
      'promotion-order:deployment.dep-prod+deployment.dep-uat',
    ]);
  });

  it('is quiet when the PROD deployment was not successful', () => {
    expect(run(promotionOrderBreaks, { deployments: [{ ...prod, status: 'failed' }, uat()] })).toEqual([]);
  });
});

describe('a booking outside its version’s dates, in full', () => {
  const outside = (explanation: string, from: string, to: string, fix: PlanConflict['fixes']) => ({
    id: 'slot-outside-version:slot.shop-uat+version.10001',
    rule: 'slot-outside-version',
    severity: 'warning',
    title: 'SHOP 2.4 on UAT-1 is outside the version’s dates',
    explanation,
    items: [slotItem('shop-uat', 'UAT-1'), shop24],
    from,
    to,
    fixes: fix,
  });

  it('a booking starting before the version starts moves to the version’s first day', () => {
    const slots = [booking('shop-uat', 'env-uat1', '11-20 09:00', '11-26 17:00')];
    expect(run(slotsOutsideVersions, { slots, versions: [aPlanVersion({ startDate: '2026-11-25' })] })).toEqual([
      outside(
        'The UAT-1 slot starts Fri, 20 Nov 2026, 09:00, before SHOP 2.4 starts (Wed, 25 Nov 2026). The version’s dates may have moved in Jira since it was booked.',
        '2026-11-20T09:00:00.000Z',
        '2026-11-26T17:00:00.000Z',
        [
          {
            text: 'Move SHOP 2.4 on UAT-1 to Wed, 25 Nov 2026, 00:00 – Tue, 1 Dec 2026, 08:00 (UTC), inside the version’s dates.',
            action: { type: 'move-slot', slotId: 'shop-uat', from: '2026-11-25T00:00:00.000Z', to: '2026-12-01T08:00:00.000Z', environmentId: 'env-uat1' },
          },
        ],
      ),
    ]);
  });

  it('offers no move when the booking is too long to fit inside the version’s dates', () => {
    const slots = [booking('shop-uat', 'env-uat1', '10-30 09:00', '11-26 17:00')];
    expect(run(slotsOutsideVersions, { slots, versions: [aPlanVersion({ startDate: '2026-11-25' })] }).map((c) => c.fixes)).toEqual([[]]);
  });

  it('a booking ending after the release day moves to end with it', () => {
    expect(run(slotsOutsideVersions, { slots: [booking('shop-uat', 'env-uat1', '12-10 09:00', '12-14 17:00')] })).toEqual([
      outside(
        'The UAT-1 slot ends Mon, 14 Dec 2026, 17:00, after SHOP 2.4’s release date (Fri, 11 Dec 2026). The version’s dates may have moved in Jira since it was booked.',
        '2026-12-10T09:00:00.000Z',
        '2026-12-14T17:00:00.000Z',
        [
          {
            text: 'Move SHOP 2.4 on UAT-1 to Mon, 7 Dec 2026, 16:00 – Sat, 12 Dec 2026, 00:00 (UTC), inside the version’s dates.',
            action: { type: 'move-slot', slotId: 'shop-uat', from: '2026-12-07T16:00:00.000Z', to: '2026-12-12T00:00:00.000Z', environmentId: 'env-uat1' },
          },
        ],
      ),
    ]);
  });

  it.each<[string, Partial<PlanFacts>]>([
    ['it starts at the first instant of the version’s start day', { slots: [booking('shop-uat', 'env-uat1', '11-25 00:00', '11-26 17:00')], versions: [aPlanVersion({ startDate: '2026-11-25' })] }],
    ['it ends at the last instant of the release day', { slots: [booking('shop-uat', 'env-uat1', '12-10 09:00', '12-12 00:00')] }],
    ['it is a booking of PAY, not in focus', { slots: [booking('pay-uat', 'env-uat1', '12-17 09:00', '12-21 17:00', { projectKey: 'PAY', versionId: '20001' })] }],
    ['its version is released', { slots: [booking('shop-uat', 'env-uat1', '12-10 09:00', '12-14 17:00')], versions: [aPlanVersion({ released: true })] }],
    ['its version is gone', { slots: [booking('shop-uat', 'env-uat1', '12-10 09:00', '12-14 17:00', { versionId: '10009' })] }],
    ['it is over', { slots: [booking('shop-uat', 'env-uat1', '10-20 09:00', '10-22 17:00')] }],
  ])('is quiet when %s', (_case, facts) => {
    expect(run(slotsOutsideVersions, facts)).toEqual([]);
  });
});
