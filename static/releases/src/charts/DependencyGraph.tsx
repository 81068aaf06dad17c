import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { DependencyGraph, GraphEdge, GraphNode } from '../../../../src/domain/releases/dependency-graph';
import { ErrorMessage } from '../components/ErrorMessage';
import { color, font, space } from '../design';
import { shortDay } from '../kpis/kpi-display';
import { useResolverAnswer } from '../use-resolver-answer';
import { plural } from '../readiness/readiness-model';
import { LegendKey } from './LegendKey';
import { chartColour } from './chart-scale';

const NODE_W = 156;
const NODE_H = 40;
const COL_GAP = 84;
const ROW_GAP = 18;
const PAD = 12;

interface Placed extends GraphNode {
  x: number;
  y: number;
}

/** Columns by layer (what blocks on the left, what waits on the right), rows by release date. */
function place(graph: DependencyGraph): { placed: Map<string, Placed>; width: number; height: number } {
  const byLayer = new Map<number, GraphNode[]>();
  for (const node of graph.nodes) byLayer.set(node.layer, [...(byLayer.get(node.layer) ?? []), node]);
  const placed = new Map<string, Placed>();
  let rows = 0;
  const layers = [...byLayer.keys()].sort((a, b) => a - b);
  layers.forEach((layer, column) => {
    const nodes = byLayer.get(layer) ?? [];
    rows = Math.max(rows, nodes.length);
    nodes.forEach((node, row) => placed.set(node.id, { ...node, x: PAD + column * (NODE_W + COL_GAP), y: PAD + row * (NODE_H + ROW_GAP) }));
  });
  return { placed, width: PAD * 2 + layers.length * NODE_W + Math.max(0, layers.length - 1) * COL_GAP, height: PAD * 2 + rows * NODE_H + Math.max(0, rows - 1) * ROW_GAP + 24 };
}

function edgeColour(edge: GraphEdge): string {
  if (edge.inCycle) return chartColour.danger;
  if (edge.dueAfter) return chartColour.warning;
  return edge.crossProject ? chartColour.brand : chartColour.neutral;
}

function edgePath(from: Placed, to: Placed): string {
  const x1 = from.x + NODE_W;
  const y1 = from.y + NODE_H / 2;
  const x2 = to.x;
  const y2 = to.y + NODE_H / 2;
  if (x2 > x1) {
    const bend = (x2 - x1) / 2;
    return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
  }
  // Back or same-column edges (cycles) loop under the nodes.
  const below = Math.max(from.y, to.y) + NODE_H + ROW_GAP;
  return `M${from.x + NODE_W / 2},${from.y + NODE_H} C${from.x + NODE_W / 2},${below} ${to.x + NODE_W / 2},${below} ${to.x + NODE_W / 2},${to.y + NODE_H}`;
}

export function edgeText(edge: GraphEdge, names: ReadonlyMap<string, GraphNode>): string {
  const from = names.get(edge.from);
  const to = names.get(edge.to);
  const notes = [edge.crossProject && 'another project', edge.inCycle && 'in a cycle', edge.dueAfter && `${from?.name} is due after ${to?.name}`].filter(Boolean);
  const example = edge.examples[0];
  return `${from?.name ?? edge.from} blocks ${to?.name ?? edge.to}: ${plural(edge.links, 'link')}, ${edge.open} open${example ? ` (e.g. ${example.blocker} blocks ${example.blocked})` : ''}${notes.length ? ` · ${notes.join(' · ')}` : ''}`;
}

export function DependencyGraphChart({ graph }: { graph: DependencyGraph }) {
  const { placed, width, height } = place(graph);
  const names = new Map(graph.nodes.map((n) => [n.id, n]));
  const description = graph.edges.map((e) => edgeText(e, names)).join('; ');
  return (
    <figure data-testid="dependency-graph" data-edges={graph.edges.length} data-cycles={graph.cycles.length} style={{ margin: 0, display: 'flex', flexDirection: 'column', gap: space.s100, minWidth: 0 }}>
      <div style={{ overflowX: 'auto' }}>
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby="dependency-graph-title dependency-graph-desc" style={{ display: 'block' }}>
          <title id="dependency-graph-title">Releases and the releases they wait for, from Jira’s Blocks links</title>
          <desc id="dependency-graph-desc">{description || 'No links between releases.'}</desc>
          <defs>
            {(['neutral', 'brand', 'danger', 'warning'] as const).map((tone) => (
              <marker key={tone} id={`dependency-arrow-${tone}`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" fill={chartColour[tone]} />
              </marker>
            ))}
          </defs>
          {graph.edges.map((edge) => {
            const from = placed.get(edge.from);
            const to = placed.get(edge.to);
            if (!from || !to) return null;
            const tone = edge.inCycle ? 'danger' : edge.dueAfter ? 'warning' : edge.crossProject ? 'brand' : 'neutral';
            return (
              <path
                key={`${edge.from}-${edge.to}`}
                data-testid={`dependency-edge-${edge.from}-${edge.to}`}
                d={edgePath(from, to)}
                fill="none"
                stroke={edgeColour(edge)}
                strokeWidth={Math.min(4, 1.5 + edge.open / 2)}
                strokeDasharray={edge.crossProject ? '6 4' : undefined}
                markerEnd={`url(#dependency-arrow-${tone})`}
              >
                <title>{edgeText(edge, names)}</title>
              </path>
            );
          })}
          {[...placed.values()].map((node) => (
            <g key={node.id} data-testid={`dependency-node-${node.id}`}>
              <title>{`${node.name}${node.external ? ` (${node.projectKey})` : ''}${node.releaseDate ? `, due ${shortDay(node.releaseDate)}` : ''}`}</title>
              <rect x={node.x} y={node.y} width={NODE_W} height={NODE_H} rx={4} fill={chartColour.surface} stroke={graph.cycles.some((c) => c.includes(node.id)) ? chartColour.danger : chartColour.neutral} strokeWidth={1.5} strokeDasharray={node.external ? '4 3' : undefined} />
              <text x={node.x + 8} y={node.y + 16} fontSize={12} fontWeight={600} fill={color.text}>
                {node.name.length > 22 ? `${node.name.slice(0, 21)}…` : node.name}
              </text>
              <text x={node.x + 8} y={node.y + 31} fontSize={10} fill={chartColour.text}>
                {[node.external ? node.projectKey : '', node.released ? 'released' : node.releaseDate ? `due ${shortDay(node.releaseDate)}` : 'no date'].filter(Boolean).join(' · ')}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <div aria-hidden="true" style={{ display: 'flex', gap: space.s200, flexWrap: 'wrap', font: font.small, color: color.textSubtle }}>
        <LegendKey colour={chartColour.neutral} label="Same project" />
        <LegendKey colour={chartColour.brand} label="Another project" dashed />
        <LegendKey colour={chartColour.warning} label="Blocker due later" />
        <LegendKey colour={chartColour.danger} label="Cycle" />
      </div>
      {graph.cycles.length > 0 && (
        <p data-testid="dependency-cycles" style={{ margin: 0, font: font.body, color: color.textDanger }}>
          {`Cycle${graph.cycles.length === 1 ? '' : 's'}: ${graph.cycles.map((c) => c.map((id) => names.get(id)?.name ?? id).join(' ⇄ ')).join('; ')} – these releases wait for each other.`}
        </p>
      )}
      <ul data-testid="dependency-list" aria-label="Links between releases" style={{ margin: 0, paddingLeft: space.s200, font: font.small, color: color.text }}>
        {graph.edges.map((edge) => (
          <li key={`${edge.from}-${edge.to}`} data-from={edge.from} data-to={edge.to}>
            {edgeText(edge, names)}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** The calendar's dependency view: unreleased releases and the releases they wait for. */
export function ReleaseDependencies() {
  const { data, error, reload } = useResolverAnswer('getReleaseDependencies', {});
  return (
    <section data-testid="release-dependencies" aria-labelledby="release-dependencies-heading" style={{ display: 'flex', flexDirection: 'column', gap: space.s100, padding: space.s200, border: `1px solid ${color.border}`, borderRadius: 6, background: color.surface }}>
      <h3 id="release-dependencies-heading" style={{ margin: 0, font: font.body, fontWeight: 600, color: color.text }}>
        Dependencies between releases
      </h3>
      <p style={{ margin: 0, font: font.small, color: color.textSubtle }}>From Jira’s Blocks links between issues of different versions, in any project: an arrow points from the blocking release to the one waiting for it.</p>
      {!data ? (
        error ? (
          <ErrorMessage title="Could not load the dependencies" error={error} onRetry={reload} />
        ) : (
          <Spinner size="medium" label="Loading the dependencies" />
        )
      ) : data.graph.edges.length === 0 ? (
        <SectionMessage appearance="information" title="No links between releases">
          <p>No issue in an unreleased version is blocked by an issue of another version.</p>
        </SectionMessage>
      ) : (
        <DependencyGraphChart graph={data.graph} />
      )}
      {data && data.notBuilt.length > 0 && <p style={{ margin: 0, font: font.small, color: color.textSubtlest }}>{`${plural(data.notBuilt.length, 'release')} not read yet: the readiness roll-up is still being built.`}</p>}
    </section>
  );
}
