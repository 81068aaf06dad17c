import { type GraphIssue, type GraphRelease, buildDependencyGraph } from '../../../src/domain/releases/dependency-graph';

/**
 * SHOP's unreleased versions 2.4 and 2.5, PAY 3.1 (another project) seen through blockers, and a
 * knot: 2.5 waits for 2.6 and 2.6 for 2.5.
 */
const releases: GraphRelease[] = [
  { id: '24', name: 'SHOP 2.4', projectKey: 'SHOP', releaseDate: '2026-12-03', released: false },
  { id: '25', name: 'SHOP 2.5', projectKey: 'SHOP', releaseDate: '2027-01-08', released: false },
  { id: '26', name: 'SHOP 2.6', projectKey: 'SHOP', releaseDate: '2027-02-01', released: false },
];
const pay31 = { id: '31', name: 'PAY 3.1', releaseDate: '2026-12-10', released: false };
const v = (id: string) => ({ id, name: releases.find((r) => r.id === id)!.name, released: false });
const issue = (key: string, versionId: string, blockers: GraphIssue['blockers']): GraphIssue => ({ key, versionId, blockers });

const issues: GraphIssue[] = [
  issue('SHOP-40', '24', [
    { key: 'PAY-12', category: 'indeterminate', fixVersions: [pay31] },
    { key: 'SHOP-41', category: 'done', fixVersions: [v('24')] }, // inside the version: no edge
  ]),
  issue('SHOP-42', '24', [{ key: 'PAY-13', category: 'done', fixVersions: [pay31] }]),
  issue('SHOP-50', '25', [{ key: 'SHOP-44', category: 'new', fixVersions: [v('24')] }]),
  issue('SHOP-51', '25', [{ key: 'SHOP-60', category: 'new', fixVersions: [v('26')] }]),
  issue('SHOP-61', '26', [{ key: 'SHOP-52', category: 'new', fixVersions: [v('25')] }]),
  issue('SHOP-62', '26', [{ key: 'SHOP-99', category: 'new' }]), // fix versions unknown: no edge
];

describe('dependency graph of releases', () => {
  const graph = buildDependencyGraph(releases, issues);

  it.each([
    { from: '31', to: '24', links: 2, open: 1, crossProject: true, inCycle: false, dueAfter: true },
    { from: '24', to: '25', links: 1, open: 1, crossProject: false, inCycle: false, dueAfter: false },
    { from: '26', to: '25', links: 1, open: 1, crossProject: false, inCycle: true, dueAfter: true },
    { from: '25', to: '26', links: 1, open: 1, crossProject: false, inCycle: true, dueAfter: false },
  ])('edge $from → $to', (expected) => {
    expect(graph.edges.find((e) => e.from === expected.from && e.to === expected.to)).toMatchObject(expected);
  });

  it('has no edge inside a version and none for a blocker of unknown version; names the cycle', () => {
    expect(graph.edges).toHaveLength(4);
    expect(graph.cycles).toEqual([['25', '26']]);
  });

  it('adds the other project’s version as an external node and layers the releases left to right', () => {
    expect(graph.nodes.map((n) => [n.name, n.external, n.layer])).toEqual([
      ['SHOP 2.4', false, 1],
      ['PAY 3.1', true, 0],
      ['SHOP 2.5', false, 2],
      ['SHOP 2.6', false, 0],
    ]);
    expect(graph.edges.find((e) => e.from === '31')?.examples).toEqual([
      { blocker: 'PAY-12', blocked: 'SHOP-40' },
      { blocker: 'PAY-13', blocked: 'SHOP-42' },
    ]);
  });
});

describe('dependency graph: the order of releases', () => {
  it('draws undated releases after every dated one, by name', () => {
    const undated = (id: string, name: string): GraphRelease => ({ id, name, projectKey: 'SHOP', released: false });
    const graph = buildDependencyGraph([undated('90', 'SHOP Later'), releases[1]!, undated('91', 'SHOP Backlog'), releases[0]!], []);
    expect(graph.nodes.map((n) => n.name)).toEqual(['SHOP 2.4', 'SHOP 2.5', 'SHOP Backlog', 'SHOP Later']);
  });
});
