import { completeTierOrder, tierRank } from '../../../src/domain/release-plan/tiers';
import type { Tier } from '../../../src/contract-release-plan';

describe('the promotion order of tiers', () => {
  // An order stored before NFT, PREPROD and the rest existed: only UAT and PROD.
  const stored: Tier[] = ['UAT', 'PROD'];

  it.each<[Tier, number]>([
    ['UAT', 0],
    ['PROD', 1],
    ['DEV', 2],
    ['SIT', 4],
    ['PREPROD', 7],
  ])('in an order listing only UAT and PROD, %s ranks %i (missing tiers after, in the default order)', (tier, rank) => {
    expect(tierRank(stored, tier)).toBe(rank);
  });

  it.each<[string, string[], Tier[]]>([
    ['the default when none is stored', [], ['DEV', 'IT', 'SIT', 'UAT', 'NFT', 'PREPROD', 'PROD']],
    ['the stored tiers first, then the missing ones by default order', ['PROD', 'UAT'], ['PROD', 'UAT', 'DEV', 'IT', 'SIT', 'NFT', 'PREPROD']],
    ['each tier once, and nothing that is not a tier', ['UAT', 'UAT', 'QA'], ['UAT', 'DEV', 'IT', 'SIT', 'NFT', 'PREPROD', 'PROD']],
  ])('completes %s', (_case, order, expected) => {
    expect(completeTierOrder(order as Tier[])).toEqual(expected);
  });
});
