/**
 * The dependency graph of releases: versions as nodes, and an edge from version A to version B
 * when an issue in B "is blocked by" an issue in A (Jira's Blocks link), whichever project A is
 * in. Built from the readiness roll-up's stored facts (each issue's blockers with their fix
 * versions), so drawing it reads no issue from Jira. Links inside one version are not edges.
 * Cycles (A waits for B waits for A) are found as strongly connected components and marked, and
 * nodes get layers (longest path from a release nothing blocks) for a left-to-right drawing.
 */

export interface GraphRelease {
  id: string;
  name: string;
  projectKey: string;
  releaseDate?: string;
  released: boolean;
}

export interface GraphIssue {
  key: string;
  versionId: string;
  blockers: ReadonlyArray<{ key: string; category: string; fixVersions?: ReadonlyArray<{ id: string; name: string; releaseDate?: string; released: boolean }> }>;
}

export interface GraphNode extends GraphRelease {
  /** Not one of the project's unreleased versions: seen only as a blocker's fix version. */
  external: boolean;
  layer: number;
}

export interface GraphEdge {
  /** The blocking version. */
  from: string;
  /** The version that waits. */
  to: string;
  links: number;
  /** Links whose blocker is not done yet. */
  open: number;
  /** Up to three "blocker blocks blocked" pairs, for the text list. */
  examples: Array<{ blocker: string; blocked: string }>;
  crossProject: boolean;
  inCycle: boolean;
  /** The blocking version is due after the one waiting for it. */
  dueAfter: boolean;
}

export interface DependencyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Each cycle's version ids (a strongly connected component of more than one version). */
  cycles: string[][];
}

const projectOf = (issueKey: string) => issueKey.slice(0, issueKey.lastIndexOf('-'));
const EXAMPLES = 3;

export function buildDependencyGraph(releases: readonly GraphRelease[], issues: readonly GraphIssue[]): DependencyGraph {
  const nodes = new Map<string, GraphRelease & { external: boolean }>(releases.map((r) => [r.id, { ...r, external: false }]));
  const edges = new Map<string, GraphEdge>();
  for (const issue of issues) {
    if (!nodes.has(issue.versionId)) continue;
    for (const blocker of issue.blockers) {
      for (const version of blocker.fixVersions ?? []) {
        if (version.id === issue.versionId) continue;
        if (!nodes.has(version.id)) {
          nodes.set(version.id, { id: version.id, name: version.name, projectKey: projectOf(blocker.key), released: version.released, external: true, ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}) });
        }
        const id = `${version.id}>${issue.versionId}`;
        // Stryker disable next-line BooleanLiteral: crossProject, inCycle and dueAfter are set for every edge below
        const edge = edges.get(id) ?? { from: version.id, to: issue.versionId, links: 0, open: 0, examples: [], crossProject: false, inCycle: false, dueAfter: false };
        edge.links++;
        if (blocker.category !== 'done') edge.open++;
        if (edge.examples.length < EXAMPLES) edge.examples.push({ blocker: blocker.key, blocked: issue.key });
        edges.set(id, edge);
      }
    }
  }
  const list = [...edges.values()];
  for (const edge of list) {
    const from = nodes.get(edge.from) as GraphRelease;
    const to = nodes.get(edge.to) as GraphRelease;
    edge.crossProject = from.projectKey !== to.projectKey;
    // Only two dated releases compare: an undated blocker ('') is never due after the release
    // waiting for it, and no dated blocker is due after an undated release ('9999').
    edge.dueAfter = (from.releaseDate ?? '') > (to.releaseDate ?? '9999') && !from.released;
  }
  const cycles = stronglyConnected([...nodes.keys()], list).filter((c) => c.length > 1);
  const cycleOf = new Map(cycles.flatMap((c, i) => c.map((id) => [id, i] as const)));
  for (const edge of list) edge.inCycle = cycleOf.has(edge.from) && cycleOf.get(edge.from) === cycleOf.get(edge.to);
  const layers = layerOf([...nodes.keys()], list.filter((e) => !e.inCycle));
  const order = (a: GraphRelease, b: GraphRelease) => (a.releaseDate ?? '9999').localeCompare(b.releaseDate ?? '9999') || a.name.localeCompare(b.name);
  return {
    nodes: [...nodes.values()].sort(order).map((n) => ({ ...n, layer: layers.get(n.id) ?? 0 })),
    edges: list.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    cycles,
  };
}

/** Tarjan's algorithm, iteratively (no recursion depth to worry about). */
function stronglyConnected(ids: readonly string[], edges: readonly GraphEdge[]): string[][] {
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) (next.get(e.from) as string[]).push(e.to); // next holds every node
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  // Stryker disable next-line ArrayDeclaration: an extra bottom entry is never popped: each pop stops at the component's root
  const stack: string[] = [];
  const result: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; i: number }> = [{ id: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1] as { id: string; i: number };
      const targets = next.get(frame.id) as string[]; // next holds every node
      if (frame.i < targets.length) {
        const to = targets[frame.i++] as string;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, i: 0 });
        } else if (onStack.has(to)) low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(to) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        result.push(component.sort());
      }
    }
  }
  return result;
}

/** Longest path from a node with no incoming edge (edges of cycles left out, so this terminates). */
function layerOf(ids: readonly string[], edges: readonly GraphEdge[]): Map<string, number> {
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  // Stryker disable next-line UpdateOperator: counting down never ends the loop by itself, but a round without a change does, within ids.length rounds on a graph without cycles
  for (let round = 0; round < ids.length; round++) {
    // Stryker disable next-line BooleanLiteral: without the early exit the rounds still stop after ids.length, with the same layers
    let changed = false;
    for (const e of edges) {
      const candidate = (layer.get(e.from) as number) + 1;
      if (candidate > (layer.get(e.to) as number)) {
        layer.set(e.to, candidate);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return layer;
}
