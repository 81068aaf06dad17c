import { type LinkFacts, openBlockerKeys } from '../../../src/domain/releases/blockers';

const link = (overrides: Partial<LinkFacts>): LinkFacts => ({
  typeName: 'Blocks',
  inward: 'is blocked by',
  direction: 'inward',
  linkedKey: 'SHOP-2',
  linkedStatusCategory: 'indeterminate',
  ...overrides,
});

describe('open blockers of an issue', () => {
  it.each([
    ['an open issue that blocks it', [link({})], ['SHOP-2']],
    ['a done blocker', [link({ linkedStatusCategory: 'done' })], []],
    ['an issue it blocks (outward)', [link({ direction: 'outward' })], []],
    ['a "relates to" link', [link({ typeName: 'Relates', inward: 'relates to' })], []],
    ['the same blocker linked twice', [link({}), link({})], ['SHOP-2']],
    ['a "Blocks" link whose inward wording was translated', [link({ inward: 'wird blockiert durch' })], ['SHOP-2']],
    ['a renamed link type with the usual inward wording', [link({ typeName: 'Dependency', inward: 'is blocked by' })], ['SHOP-2']],
  ])('%s', (_case, links, expected) => {
    expect(openBlockerKeys(links)).toEqual(expected);
  });
});
