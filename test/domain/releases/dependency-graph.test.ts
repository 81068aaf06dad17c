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
  // Built in each test, so that the mutation runner sees which tests reach the code.
  const build = () => buildDependencyGraph(releases, issues);

  it.each([
    { from: '31', to: '24', links: 2, open: 1, crossProject: true, inCycle: false, dueAfter: true },
    { from: '24', to: '25', links: 1, open: 1, crossProject: false, inCycle: false, dueAfter: false },
    { from: '26', to: '25', links: 1, open: 1, crossProject: false, inCycle: true, dueAfter: true },
    { from: '25', to: '26', links: 1, open: 1, crossProject: false, inCycle: true, dueAfter: false },
  ])('edge $from → $to', (expected) => {
    expect(build().edges.find((e) => e.from === expected.from && e.to === expected.to)).toMatchObject(expected);
  });

  it('has no edge inside a version and none for a blocker of unknown version; names the cycle', () => {
    expect(build().edges).toHaveLength(4);
    expect(build().cycles).toEqual([['25', '26']]);
  });

  it('adds the other project’s version as an external node and layers the releases left to right', () => {
    expect(build().nodes.map((n) => [n.name, n.external, n.layer])).toEqual([
      ['SHOP 2.4', false, 1],
      ['PAY 3.1', true, 0],
      ['SHOP 2.5', false, 2],
      ['SHOP 2.6', false, 0],
    ]);
    expect(build().edges.find((e) => e.from === '31')?.examples).toEqual([
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

describe('dependency graph: cycles and layers', () => {
  const shop = (id: string, name: string, releaseDate: string): GraphRelease => ({ id, name, projectKey: 'SHOP', releaseDate, released: false });
  const waits = (key: string, versionId: string, blockerKey: string, blockerVersion: GraphRelease): GraphIssue =>
    issue(key, versionId, [{ key: blockerKey, category: 'new', fixVersions: [{ id: blockerVersion.id, name: blockerVersion.name, releaseDate: blockerVersion.releaseDate!, released: false }] }]);
  const a = shop('1', 'SHOP 1.0', '2027-01-01');
  const b = shop('2', 'SHOP 2.0', '2027-02-01');
  const c = shop('3', 'SHOP 3.0', '2027-03-01');
  const d = shop('4', 'SHOP 4.0', '2027-04-01');

  it('lays a chain of waiting releases out one layer each, whatever order the issues come in', () => {
    const graph = buildDependencyGraph([d, c, b, a], [waits('SHOP-4', '4', 'SHOP-3', c), waits('SHOP-3', '3', 'SHOP-2', b), waits('SHOP-2', '2', 'SHOP-1', a)]);
    expect(graph.nodes.map((n) => [n.name, n.layer])).toEqual([
      ['SHOP 1.0', 0],
      ['SHOP 2.0', 1],
      ['SHOP 3.0', 2],
      ['SHOP 4.0', 3],
    ]);
    expect(graph.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['1>2', '2>3', '3>4']);
    expect(graph.cycles).toEqual([]);
  });

  it('finds a knot of three releases, marks only its edges, and lays out what waits for it', () => {
    // 1.0 waits for 3.0, 2.0 for 1.0, 3.0 for 2.0; 4.0 waits for 3.0 but nothing waits for 4.0.
    const graph = buildDependencyGraph([a, b, c, d], [waits('SHOP-1', '1', 'SHOP-3', c), waits('SHOP-2', '2', 'SHOP-1', a), waits('SHOP-3', '3', 'SHOP-2', b), waits('SHOP-4', '4', 'SHOP-30', c)]);
    expect(graph.cycles).toEqual([['1', '2', '3']]);
    expect(graph.edges.map((e) => [`${e.from}>${e.to}`, e.inCycle])).toEqual([
      ['1>2', true],
      ['2>3', true],
      ['3>1', true],
      ['3>4', false],
    ]);
    expect(graph.nodes.map((n) => [n.name, n.layer])).toEqual([
      ['SHOP 1.0', 0],
      ['SHOP 2.0', 0],
      ['SHOP 3.0', 0],
      ['SHOP 4.0', 1],
    ]);
  });

  it('finds two separate knots, each named once, in the order of the releases', () => {
    const graph = buildDependencyGraph([a, b, c, d], [waits('SHOP-1', '1', 'SHOP-2', b), waits('SHOP-2', '2', 'SHOP-1', a), waits('SHOP-3', '3', 'SHOP-4', d), waits('SHOP-4', '4', 'SHOP-3', c)]);
    expect(graph.cycles).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(graph.edges.every((e) => e.inCycle)).toBe(true);
  });

  it('does not call two releases that wait for the same knot a knot', () => {
    // 2.0 and 3.0 both wait for 1.0, which waits for 4.0, which waits for 1.0.
    const graph = buildDependencyGraph([a, b, c, d], [waits('SHOP-2', '2', 'SHOP-1', a), waits('SHOP-3', '3', 'SHOP-10', a), waits('SHOP-11', '1', 'SHOP-4', d), waits('SHOP-40', '4', 'SHOP-12', a)]);
    expect(graph.cycles).toEqual([['1', '4']]);
    expect(graph.edges.map((e) => [`${e.from}>${e.to}`, e.inCycle])).toEqual([
      ['1>2', false],
      ['1>3', false],
      ['1>4', true],
      ['4>1', true],
    ]);
    expect(graph.nodes.map((n) => [n.name, n.layer])).toEqual([
      ['SHOP 1.0', 0],
      ['SHOP 2.0', 1],
      ['SHOP 3.0', 1],
      ['SHOP 4.0', 0],
    ]);
  });
});
