import { bridge, waitFor } from '../../support/fake-bridge';
import ForgeReconciler, { Button, DynamicTable, Lozenge, Stack, Text } from '@forge/react';
import {
  findAll,
  isForgeDoc,
  nodeToForgeDocs,
  serialiseEvent,
  snapshot,
  tableModel,
  textOf,
  textsOf,
  tokenVar,
  xcssToStyle,
  type ForgeDoc,
} from '../../../local/host/src/forge-doc';

async function render(element: React.ReactElement): Promise<ForgeDoc> {
  bridge.reset(() => undefined);
  ForgeReconciler.render(element);
  await waitFor(() => !!bridge.forgeDoc && bridge.forgeDoc.children.length > 0);
  return bridge.forgeDoc!;
}

describe('forgeDoc from the real reconciler', () => {
  it('has Root, typed nodes, String text nodes and function props with __id__', async () => {
    const onClick = () => undefined;
    const doc = await render(
      <Stack space="space.100">
        <Text>Hello {'world'}</Text>
        <Button onClick={onClick}>Go</Button>
      </Stack>,
    );
    expect(isForgeDoc(doc)).toBe(true);
    expect(doc.type).toBe('Root');
    expect(doc.children[0]!.type).toBe('Stack');
    expect(doc.children[0]!.props.space).toBe('space.100');
    const text = findAll(doc, 'Text')[0]!;
    expect(textsOf(text)).toEqual(['Hello ', 'world']);
    expect(textOf(text)).toBe('Hello world');
    const button = findAll(doc, 'Button')[0]!;
    expect(button.props.onClick).toBe(onClick);
    expect(typeof (button.props.onClick as { __id__?: string }).__id__).toBe('string');
    expect('children' in button.props).toBe(false);
    const snap = snapshot(doc);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(findAll(snap, 'Button')[0]!.props.onClick).toMatch(/^\[function [0-9a-f-]+\]$/);
  });

  it('tableModel reads DynamicTable head/rows back from ContentWrapper/Row/Cell', async () => {
    const doc = await render(
      <DynamicTable
        head={{ cells: [{ key: 'name', content: 'Name', isSortable: true }, { key: 'state', content: 'State' }] }}
        rows={[
          { key: 'r1', cells: [{ key: 'name', content: 'Shop 2.4' }, { key: 'state', content: <Lozenge appearance="success">Released</Lozenge> }] },
          { key: 'r2', cells: [{ key: 'name', content: 'Shop 2.5' }, { key: 'state', content: 'Planned' }] },
        ]}
      />,
    );
    const table = findAll(doc, 'DynamicTable')[0]!;
    const model = tableModel(table);
    expect(model.head!.map((c) => [c.key, c.content.map(textOf).join(''), c.props.isSortable ?? false])).toEqual([
      ['name', 'Name', true],
      ['state', 'State', false],
    ]);
    expect(model.rows.map((r) => r.key)).toEqual(['r1', 'r2']);
    expect(model.rows[0]!.cells[1]!.content[0]!.type).toBe('Lozenge');
    expect(model.rows[1]!.cells.map((c) => c.content.map(textOf).join(''))).toEqual(['Shop 2.5', 'Planned']);
  });
});

describe('nodeToForgeDocs (ReactNode props such as EmptyState.primaryAction)', () => {
  it.each<[string, unknown, string[]]>([
    ['null', null, []],
    ['boolean', false, []],
    ['string', 'text', ['String']],
    ['number', 3, ['String']],
    ['array', ['a', null, 'b'], ['String', 'String']],
    ['UI Kit element', <Button key="k">Go</Button>, ['Button']],
    ['function component', (() => {
      const Fn = ({ label }: { label: string }) => <Text>{label}</Text>;
      return <Fn label="from fn" />;
    })(), ['Text']],
  ])('%s', (_name, value, types) => {
    expect(nodeToForgeDocs(value).map((d) => d.type)).toEqual(types);
  });

  it('keeps props and turns children into nodes', () => {
    const onClick = () => undefined;
    const [doc] = nodeToForgeDocs(<Button appearance="primary" onClick={onClick}>Set {1}</Button>);
    expect(doc!.props).toEqual({ appearance: 'primary', onClick });
    expect(textOf(doc!)).toBe('Set 1');
  });
});

describe('serialiseEvent', () => {
  it('is a plain object with target.type/value (what useForm reads)', () => {
    const e = serialiseEvent('change', { type: 'checkbox', checked: true, value: 'on', name: 'ready' });
    expect(e).toEqual({
      type: 'change',
      target: { type: 'checkbox', value: 'on', checked: true, name: 'ready' },
      currentTarget: { type: 'checkbox', value: 'on', checked: true, name: 'ready' },
    });
    expect(serialiseEvent('click', {}).target).toEqual({ type: 'text', value: '' });
  });
});

describe('tokens', () => {
  it.each([
    ['space.100', 'var(--ds-space-100)'],
    ['color.background.neutral', 'var(--ds-background-neutral)'],
    ['color.text.subtle', 'var(--ds-text-subtle)'],
    ['elevation.surface.raised', 'var(--ds-surface-raised)'],
    ['elevation.shadow.overlay', 'var(--ds-shadow-overlay)'],
    ['color.border.[default]', 'var(--ds-border)'],
    ['12px', '12px'],
    ['red', 'red'],
  ])('tokenVar(%s)', (input, out) => {
    expect(tokenVar(input)).toBe(out);
  });

  it('xcssToStyle keeps scalars, resolves tokens, drops nested selectors', () => {
    expect(xcssToStyle({ padding: 'space.200', width: '100%', zIndex: 3, ':hover': { color: 'red' } })).toEqual({
      padding: 'var(--ds-space-200)',
      width: '100%',
      zIndex: 3,
    });
    expect(xcssToStyle(null)).toEqual({});
  });
});
