/**
 * The forgeDoc tree that @forge/react's reconciler sends with `callBridge('reconcile', {forgeDoc})`
 * (node_modules/@forge/react/out/reconciler.js): `{type, props, children, key}`; text is a
 * `String` node with `props.text`; function props stay functions tagged with `__id__`; the root is
 * `Root`. The reconciler mutates the same objects on every commit, so readers must not cache.
 * Pure helpers only: used by the panel renderer and by tests.
 */

export interface ForgeDoc {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDoc[];
  key?: string;
  forgeReactMajorVersion?: number;
}

export function isForgeDoc(value: unknown): value is ForgeDoc {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as ForgeDoc).type === 'string' &&
    Array.isArray((value as ForgeDoc).children) &&
    typeof (value as ForgeDoc).props === 'object'
  );
}

/** Depth-first, the node itself first. */
export function walk(node: ForgeDoc, visit: (n: ForgeDoc, parent: ForgeDoc | null) => void, parent: ForgeDoc | null = null): void {
  visit(node, parent);
  for (const child of node.children) walk(child, visit, node);
}

export function findAll(node: ForgeDoc, predicate: string | ((n: ForgeDoc) => boolean)): ForgeDoc[] {
  const test = typeof predicate === 'string' ? (n: ForgeDoc) => n.type === predicate : predicate;
  const found: ForgeDoc[] = [];
  walk(node, (n) => {
    if (test(n)) found.push(n);
  });
  return found;
}

/** All text below a node, String nodes concatenated in order. */
export function textOf(node: ForgeDoc): string {
  if (node.type === 'String') return String(node.props.text ?? '');
  return node.children.map(textOf).join('');
}

/** Every String node's text below a node, one entry per node (handy for "is this text shown"). */
export function textsOf(node: ForgeDoc): string[] {
  return findAll(node, 'String').map((n) => String(n.props.text ?? ''));
}

/** A JSON-safe copy (functions become `'[function <id>]'`), for snapshots of a mutating tree. */
export function snapshot(node: ForgeDoc): ForgeDoc {
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node.props)) props[k] = snapshotValue(v);
  return { type: node.type, key: node.key, props, children: node.children.map(snapshot) };
}

function snapshotValue(v: unknown): unknown {
  if (typeof v === 'function') return `[function ${(v as { __id__?: string }).__id__ ?? ''}]`.replace(' ]', ']');
  if (Array.isArray(v)) return v.map(snapshotValue);
  if (v && typeof v === 'object') {
    if (isReactElementLike(v)) return '[element]';
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = snapshotValue(x);
    return out;
  }
  return v;
}

interface ReactElementLike {
  $$typeof: symbol;
  type: unknown;
  props: Record<string, unknown>;
  key?: string | null;
}

export function isReactElementLike(v: unknown): v is ReactElementLike {
  return !!v && typeof v === 'object' && typeof (v as ReactElementLike).$$typeof === 'symbol' && 'props' in (v as object);
}

/**
 * UI Kit props typed `ReactNode` (EmptyState.description, primaryAction ...) arrive as raw React
 * elements from the app's own React copy. Turn the ones built from UI Kit primitives (string types)
 * into forgeDoc so the renderer can draw them; strings and numbers become String nodes.
 */
export function nodeToForgeDocs(value: unknown, keyPrefix = 'n'): ForgeDoc[] {
  if (value === null || value === undefined || typeof value === 'boolean') return [];
  if (typeof value === 'string' || typeof value === 'number') {
    return [{ type: 'String', props: { text: String(value) }, children: [], key: `${keyPrefix}-t` }];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => nodeToForgeDocs(v, `${keyPrefix}-${i}`));
  if (isForgeDoc(value)) return [value];
  if (isReactElementLike(value)) {
    const { children, ...props } = value.props;
    const type = typeof value.type === 'string' ? value.type : 'Fragment';
    if (typeof value.type === 'function') {
      // A function component written by the app: evaluate it like UI Kit's ContentWrapper does.
      try {
        return nodeToForgeDocs((value.type as (p: unknown) => unknown)(value.props), keyPrefix);
      } catch {
        return [{ type: 'Unknown', props: { name: 'function component' }, children: [], key: keyPrefix }];
      }
    }
    return [{ type, props, children: nodeToForgeDocs(children, `${keyPrefix}-c`), key: `${keyPrefix}-${String(value.key ?? '')}` }];
  }
  return [];
}

export interface TableCell {
  key: string;
  props: Record<string, unknown>;
  content: ForgeDoc[];
}

export interface TableModel {
  head: TableCell[] | null;
  rows: Array<{ key: string; props: Record<string, unknown>; cells: TableCell[] }>;
}

/**
 * @forge/react's DynamicTable turns `head`/`rows` into
 * `DynamicTable > ContentWrapper[name=head] > Cell*` and `ContentWrapper[name=rows] > Row > Cell*`
 * (cell key in `cellKey`, row key in `rowKey`, the content as the Cell's children).
 */
export function tableModel(table: ForgeDoc): TableModel {
  const wrapper = (name: string) => table.children.find((c) => c.type === 'ContentWrapper' && c.props.name === name);
  const cell = (c: ForgeDoc, i: number): TableCell => {
    const { cellKey, ...props } = c.props;
    return { key: String(cellKey ?? i), props, content: c.children };
  };
  const headWrapper = wrapper('head');
  const head = headWrapper && headWrapper.children.length ? headWrapper.children.filter((c) => c.type === 'Cell').map(cell) : null;
  const rows = (wrapper('rows')?.children ?? [])
    .filter((r) => r.type === 'Row')
    .map((r, i) => {
      const { rowKey, ...props } = r.props;
      return { key: String(rowKey ?? i), props, cells: r.children.filter((c) => c.type === 'Cell').map(cell) };
    });
  return { head, rows };
}

/**
 * What a UI Kit event handler receives instead of a DOM event: a plain object (the real platform
 * serialises events across the bridge). @forge/react's useForm reads `target.type/value/checked`.
 */
export interface SerialisedEvent {
  type: string;
  target: { type: string; value: string; checked?: boolean; name?: string; id?: string };
  currentTarget: SerialisedEvent['target'];
}

export function serialiseEvent(
  eventType: string,
  target: { type?: string; value?: string; checked?: boolean; name?: string; id?: string },
): SerialisedEvent {
  const t = {
    type: target.type ?? 'text',
    value: target.value ?? '',
    ...(target.checked === undefined ? {} : { checked: target.checked }),
    ...(target.name ? { name: target.name } : {}),
    ...(target.id ? { id: target.id } : {}),
  };
  return { type: eventType, target: t, currentTarget: t };
}

const TOKEN_PREFIX = /^(color|space|elevation|border|font|opacity|radius|shadow|utility)\./;

/** `space.100` → `var(--ds-space-100)`; `color.background.neutral` → `var(--ds-background-neutral)`. */
export function tokenVar(value: string): string {
  if (!TOKEN_PREFIX.test(value)) return value;
  const name = value
    .replace(/^color\./, '')
    .replace(/^elevation\.surface/, 'surface')
    .replace(/^elevation\.shadow/, 'shadow')
    .replace(/\.\[default\]/g, '')
    .replace(/\./g, '-');
  return `var(--ds-${name})`;
}

/** A UI Kit `xcss({...})` object as inline CSS (tokens resolved to CSS variables, nesting dropped). */
export function xcssToStyle(xcss: unknown): Record<string, string | number> {
  const style: Record<string, string | number> = {};
  if (!xcss || typeof xcss !== 'object') return style;
  for (const [k, v] of Object.entries(xcss as Record<string, unknown>)) {
    if (typeof v === 'string') style[k] = tokenVar(v);
    else if (typeof v === 'number') style[k] = v;
  }
  return style;
}
