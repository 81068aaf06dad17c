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

describe('dependency graph: what each edge and node says', () => {
  const rel = (id: string, name: string, releaseDate?: string): GraphRelease => ({ id, name, projectKey: 'SHOP', released: false, ...(releaseDate ? { releaseDate } : {}) });
  const fix = (r: GraphRelease) => ({ id: r.id, name: r.name, released: r.released, ...(r.releaseDate ? { releaseDate: r.releaseDate } : {}) });
  const waits = (key: string, waiting: GraphRelease, blockerKey: string, blocking: GraphRelease, category = 'new'): GraphIssue => issue(key, waiting.id, [{ key: blockerKey, category, fixVersions: [fix(blocking)] }]);

  it('reads the other project’s version whole: its project from the blocker’s key, its date, external', () => {
    const graph = buildDependencyGraph([releases[0]!], [issue('SHOP-40', '24', [{ key: 'PAY-12', category: 'indeterminate', fixVersions: [pay31] }])]);
    expect(graph.nodes.find((n) => n.id === '31')).toEqual({ id: '31', name: 'PAY 3.1', projectKey: 'PAY', releaseDate: '2026-12-10', released: false, external: true, layer: 0 });
  });

  it('ignores issues of versions that are not drawn', () => {
    const graph = buildDependencyGraph([releases[0]!], [issue('SHOP-70', '99', [{ key: 'SHOP-40', category: 'new', fixVersions: [v('24')] }])]);
    expect(graph.edges).toEqual([]);
    expect(graph.nodes.map((n) => n.id)).toEqual(['24']);
  });

  it('keeps three examples of an edge with more links, and counts them all', () => {
    const a = rel('1', 'SHOP 1.0', '2027-01-01');
    const b = rel('2', 'SHOP 2.0', '2027-02-01');
    const graph = buildDependencyGraph([a, b], [1, 2, 3, 4].map((n) => waits(`SHOP-${20 + n}`, b, `SHOP-${10 + n}`, a, n === 4 ? 'done' : 'new')));
    expect(graph.edges).toEqual([
      {
        from: '1',
        to: '2',
        links: 4,
        open: 3,
        examples: [
          { blocker: 'SHOP-11', blocked: 'SHOP-21' },
          { blocker: 'SHOP-12', blocked: 'SHOP-22' },
          { blocker: 'SHOP-13', blocked: 'SHOP-23' },
        ],
        crossProject: false,
        inCycle: false,
        dueAfter: false,
      },
    ]);
  });

  it.each([
    ['due the day after', '2027-02-02', '2027-02-01', true],
    ['due the same day', '2027-02-01', '2027-02-01', false],
    ['undated', undefined, '2027-02-01', false],
    ['dated, before an undated release', '2027-02-01', undefined, false],
  ])('calls a blocker %s "due after" the release waiting for it: %s', (_case, blockerDate, waitingDate, dueAfter) => {
    const blocker = rel('1', 'SHOP 1.0', blockerDate);
    const waiting = rel('2', 'SHOP 2.0', waitingDate);
    expect(buildDependencyGraph([blocker, waiting], [waits('SHOP-2', waiting, 'SHOP-1', blocker)]).edges[0]?.dueAfter).toBe(dueAfter);
  });

  it('finds a knot that also blocks a release drawn before it', () => {
    // 1.0 waits for 3.0; 2.0 and 3.0 wait for each other. 1.0 is visited first and finished alone.
    const [a, b, c] = [rel('1', 'SHOP 1.0', '2027-01-01'), rel('2', 'SHOP 2.0', '2027-02-01'), rel('3', 'SHOP 3.0', '2027-03-01')];
    const graph = buildDependencyGraph([a, b, c], [waits('SHOP-1', a, 'SHOP-30', c), waits('SHOP-2', b, 'SHOP-31', c), waits('SHOP-3', c, 'SHOP-20', b)]);
    expect(graph.cycles).toEqual([['2', '3']]);
  });

  it('puts a release one layer after the last of the releases it waits for, whatever order the links come in', () => {
    const [a, b, c, d] = [rel('1', 'SHOP 1.0', '2027-01-01'), rel('2', 'SHOP 2.0', '2027-02-01'), rel('3', 'SHOP 3.0', '2027-03-01'), rel('4', 'SHOP 4.0', '2027-04-01')];
    const graph = buildDependencyGraph([a, b, c, d], [waits('SHOP-40', d, 'SHOP-30', c), waits('SHOP-41', d, 'SHOP-10', a), waits('SHOP-31', c, 'SHOP-20', b), waits('SHOP-21', b, 'SHOP-11', a)]);
    expect(graph.nodes.map((n) => [n.id, n.layer])).toEqual([
      ['1', 0],
      ['2', 1],
      ['3', 2],
      ['4', 3],
    ]);
  });
});
