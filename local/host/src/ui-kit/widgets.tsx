/** UI Kit components with behaviour or structure of their own: button, modal, tabs, user, table. */
import { useEffect, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { token } from '@atlaskit/tokens';
import { serialiseEvent, tableModel, textOf, type ForgeDoc } from '../forge-doc';
import { call, userDirectory } from './frame-bridge';
import { Kids, Node, textProp, tid, type AnyProps } from './node';

export const buttonAppearance = (a: unknown) =>
  (['default', 'primary', 'subtle', 'warning', 'danger', 'discovery'] as const).includes(a as never)
    ? (a as 'default' | 'primary' | 'subtle' | 'warning' | 'danger' | 'discovery')
    : a === 'link' || a === 'subtle-link'
      ? 'subtle'
      : 'default';

export function ButtonNode({ node, kids }: { node: ForgeDoc; kids: ReactNode }) {
  const p = node.props as AnyProps;
  return (
    <Button
      appearance={buttonAppearance(p.appearance)}
      isDisabled={!!p.isDisabled}
      isSelected={!!p.isSelected}
      isLoading={!!p.isLoading}
      shouldFitContainer={!!p.shouldFitContainer}
      spacing={p.spacing === 'compact' || p.spacing === 'none' ? 'compact' : 'default'}
      type={p.type === 'submit' || p.type === 'reset' ? p.type : 'button'}
      testId={tid(p)}
      onClick={(e) => {
        if (p.type !== 'submit') e.preventDefault();
        call(p.onClick, serialiseEvent('click', { type: 'button' }));
      }}
      onBlur={() => call(p.onBlur)}
      onFocus={() => call(p.onFocus)}
    >
      {kids}
    </Button>
  );
}

export function ModalNode({ node, kids }: { node: ForgeDoc; kids: ReactNode }) {
  const p = node.props as AnyProps;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') call(p.onClose);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [p.onClose]);
  const width = { small: 400, medium: 600, large: 800, 'x-large': 968 }[p.width as string] ?? (typeof p.width === 'number' ? p.width : 600);
  return (
    <div
      role="presentation"
      onClick={(e) => {
        if (e.target === e.currentTarget) call(p.onClose);
      }}
      style={{ position: 'fixed', inset: 0, background: token('color.blanket'), display: 'flex', alignItems: 'flex-start', justifyContent: 'center', paddingTop: 40, zIndex: 510 }}
    >
      <div
        role="dialog"
        aria-modal
        data-testid={tid(p)}
        style={{
          width,
          maxWidth: 'calc(100vw - 32px)',
          background: token('elevation.surface.overlay'),
          boxShadow: token('elevation.shadow.overlay'),
          borderRadius: 8,
          display: 'flex',
          flexDirection: 'column',
        }}
      >
        {kids}
      </div>
    </div>
  );
}

export function TabsNode({ node }: { node: ForgeDoc }) {
  const p = node.props as AnyProps;
  const list = node.children.find((c) => c.type === 'TabList');
  const tabs = list ? list.children.filter((c) => c.type === 'Tab') : [];
  const panels = node.children.filter((c) => c.type === 'TabPanel');
  return (
    <Tabs
      id={String(p.id ?? node.key ?? 'tabs')}
      {...(p.selected !== undefined ? { selected: p.selected } : {})}
      {...(p.defaultSelected !== undefined ? { defaultSelected: p.defaultSelected } : {})}
      onChange={(index) => call(p.onChange, index)}
      testId={tid(p)}
    >
      <TabList>
        {tabs.map((t) => (
          <Tab key={t.key} testId={tid(t.props)}>
            {textOf(t)}
          </Tab>
        ))}
      </TabList>
      {panels.map((panel) => (
        <TabPanel key={panel.key} testId={tid(panel.props)}>
          <div style={{ paddingTop: 8, width: '100%' }}>
            <Kids node={panel} />
          </div>
        </TabPanel>
      ))}
    </Tabs>
  );
}

export function UserNode({ node }: { node: ForgeDoc }) {
  const p = node.props as AnyProps;
  const accountId = String(p.accountId ?? '');
  const user = userDirectory().find((u) => u.accountId === accountId);
  const name = user?.displayName ?? accountId;
  const initials = name
    .split(/[\s-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  return (
    <span data-testid="forge-user" data-account-id={accountId} style={{ display: 'inline-flex', alignItems: 'center', gap: 6, verticalAlign: 'middle' }}>
      <span
        aria-hidden
        style={{
          width: 20,
          height: 20,
          borderRadius: '50%',
          background: token('color.background.accent.blue.subtle'),
          color: token('color.text.accent.blue'),
          fontSize: 9,
          fontWeight: 700,
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
        }}
      >
        {initials || '?'}
      </span>
      {p.hideDisplayName ? null : <span>{name}</span>}
    </span>
  );
}

export function DynamicTableNode({ node }: { node: ForgeDoc }) {
  const p = node.props as AnyProps;
  const model = tableModel(node);
  const content = (docs: ForgeDoc[]) => (docs.length ? docs.map((d, i) => <Node key={d.key ?? i} node={d} />) : null);
  const head = model.head
    ? {
        cells: model.head.map((c) => ({
          key: c.key,
          content: content(c.content),
          isSortable: !!c.props.isSortable,
          width: typeof c.props.width === 'number' ? c.props.width : undefined,
          shouldTruncate: !!c.props.shouldTruncate,
        })),
      }
    : undefined;
  const rows = model.rows.map((r) => ({
    key: r.key,
    cells: r.cells.map((c) => ({ key: c.key, content: content(c.content), colSpan: typeof c.props.colSpan === 'number' ? c.props.colSpan : undefined })),
  }));
  return (
    <DynamicTable
      head={head}
      rows={rows}
      caption={typeof p.caption === 'string' ? p.caption : undefined}
      isLoading={!!p.isLoading}
      isFixedSize={!!p.isFixedSize}
      rowsPerPage={typeof p.rowsPerPage === 'number' ? p.rowsPerPage : undefined}
      defaultPage={typeof p.defaultPage === 'number' ? p.defaultPage : undefined}
      {...(typeof p.page === 'number' ? { page: p.page } : {})}
      defaultSortKey={p.defaultSortKey}
      defaultSortOrder={p.defaultSortOrder}
      {...(p.sortKey ? { sortKey: p.sortKey, sortOrder: p.sortOrder } : {})}
      highlightedRowIndex={p.highlightedRowIndex}
      label={typeof p.label === 'string' ? p.label : undefined}
      emptyView={p.emptyView ? <div>{textProp(p.emptyView)}</div> : undefined}
      onSetPage={(page) => call(p.onSetPage, page)}
      onSort={(data: { key?: string; sortOrder?: string }) => call(p.onSort, { key: data?.key, sortOrder: data?.sortOrder })}
      testId={tid(p)}
    />
  );
}
