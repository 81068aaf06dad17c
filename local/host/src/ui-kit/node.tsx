/**
 * One forgeDoc node to React: the renderer registered for its type, or a visible
 * "Unknown component X" box. The frame installs the renderers (panel-frame.tsx), so renderer
 * modules can render child nodes through Node without importing each other.
 */
import { type CSSProperties, type ReactNode } from 'react';
import { tokensMap } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { nodeToForgeDocs, tokenVar, type ForgeDoc } from '../forge-doc';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type AnyProps = Record<string, any>;
export type Renderer = (node: ForgeDoc, kids: ReactNode) => ReactNode;

const renderers: Record<string, Renderer> = {};

export function installRenderers(...maps: Array<Record<string, Renderer>>): void {
  for (const map of maps) Object.assign(renderers, map);
}

function resolveToken(prop: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const map = (tokensMap as unknown as Record<string, Record<string, string>>)[prop];
  return map?.[value] ?? tokenVar(value);
}

export function styleFrom(props: AnyProps): CSSProperties {
  const style: Record<string, string | number> = {};
  const xcss = props.xcss;
  const sources = Array.isArray(xcss) ? xcss : [xcss];
  for (const src of sources) {
    if (!src || typeof src !== 'object') continue;
    for (const [k, v] of Object.entries(src as AnyProps)) {
      if (typeof v === 'number') style[k] = v;
      else if (typeof v === 'string') style[k] = resolveToken(k, v) ?? v;
    }
  }
  for (const k of ['padding', 'paddingBlock', 'paddingInline', 'paddingBlockStart', 'paddingBlockEnd', 'paddingInlineStart', 'paddingInlineEnd', 'backgroundColor']) {
    if (typeof props[k] === 'string') {
      const v = k === 'backgroundColor' && !props[k].startsWith('color.') ? `color.background.${props[k]}` : props[k];
      style[k] = resolveToken(k, v) ?? v;
    }
  }
  return style as CSSProperties;
}

export const tid = (p: AnyProps) => (typeof p.testId === 'string' ? p.testId : undefined);

export function textProp(value: unknown): ReactNode {
  if (value === null || value === undefined || typeof value === 'boolean') return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  const docs = nodeToForgeDocs(value);
  return docs.length ? docs.map((d, i) => <Node key={d.key ?? i} node={d} />) : null;
}

export const block = (style: CSSProperties): Renderer => (node, kids) => (
  <div style={style} data-testid={tid(node.props as AnyProps)}>
    {kids}
  </div>
);

export const message = (color: string): Renderer => (node, kids) => (
  <div style={{ color, fontSize: 12, marginTop: 4 }} data-testid={tid(node.props as AnyProps)}>
    {kids}
  </div>
);

export const fragment: Renderer = (_n, kids) => <>{kids}</>;

function Unknown({ node, kids }: { node: ForgeDoc; kids: ReactNode }) {
  return (
    <div
      data-testid="forge-unknown-component"
      data-type={node.type}
      style={{ border: `1px dashed ${token('color.border.warning')}`, borderRadius: 4, padding: 8, color: token('color.text.warning'), fontSize: 12 }}
    >
      Unknown component {node.type}
      {node.children.length ? <div style={{ marginTop: 4, color: token('color.text') }}>{kids}</div> : null}
    </div>
  );
}

export function Kids({ node }: { node: ForgeDoc }) {
  return (
    <>
      {node.children.map((c, i) => (
        <Node key={c.key ?? i} node={c} />
      ))}
    </>
  );
}

export function Node({ node }: { node: ForgeDoc }): ReactNode {
  const kids = <Kids node={node} />;
  const render = renderers[node.type];
  if (!render) return <Unknown node={node} kids={kids} />;
  return <>{render(node, kids)}</>;
}
