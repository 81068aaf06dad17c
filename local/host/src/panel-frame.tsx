/**
 * The UI Kit frame's renderer: Forge UI Kit apps (@forge/react) do not touch the DOM, they send a
 * forgeDoc tree with `__bridge.callBridge('reconcile', {forgeDoc})`. On Forge, Jira renders it
 * with Atlaskit; here this file does, in the frame itself (React 18 + Atlaskit). Function props
 * (onClick, onChange, onSubmit ...) are the app's own functions and are called directly.
 * Unknown component types render as a visible "Unknown component X" box.
 */
import { Component, useEffect, useState, type CSSProperties, type ErrorInfo, type ReactNode } from 'react';
import '@atlaskit/css-reset';
import { createRoot } from 'react-dom/client';
import Badge from '@atlaskit/badge';
import Button, { LinkButton } from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { tokensMap } from '@atlaskit/primitives';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { isForgeDoc, nodeToForgeDocs, serialiseEvent, tableModel, textOf, tokenVar, type ForgeDoc } from './forge-doc';

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyProps = Record<string, any>;
type Fn = (...args: unknown[]) => unknown;

interface FrameBridge {
  callBridge(name: string, payload?: unknown): Promise<unknown>;
  handleLocally?(name: string, handler: (payload: unknown) => unknown): void;
}

const bridge = (window as unknown as { __bridge?: FrameBridge }).__bridge;

// ---------------------------------------------------------------------------------------------
// forgeDoc store: the reconciler sends the same (mutated) root on every commit.

let latestDoc: ForgeDoc | null = null;
const subscribers = new Set<() => void>();

function onReconcile(payload: unknown) {
  const doc = (payload as { forgeDoc?: unknown } | null)?.forgeDoc;
  if (!isForgeDoc(doc)) return;
  latestDoc = doc;
  subscribers.forEach((s) => s());
}

bridge?.handleLocally?.('reconcile', onReconcile);

// ---------------------------------------------------------------------------------------------
// helpers

const call = (fn: unknown, ...args: unknown[]) => {
  if (typeof fn !== 'function') return undefined;
  try {
    const out = (fn as Fn)(...args);
    if (out && typeof (out as Promise<unknown>).catch === 'function') (out as Promise<unknown>).catch((e) => console.error('UI Kit handler failed', e));
    return out;
  } catch (e) {
    console.error('UI Kit handler failed', e);
    return undefined;
  }
};

function navigate(href: string, newTab: boolean) {
  void bridge?.callBridge('navigate', { url: href, type: newTab ? 'new-tab' : 'same-tab' }).catch((e) => console.error('navigate failed', e));
}

function resolveToken(prop: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const map = (tokensMap as unknown as Record<string, Record<string, string>>)[prop];
  return map?.[value] ?? tokenVar(value);
}

function styleFrom(props: AnyProps): CSSProperties {
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

const tid = (p: AnyProps) => (typeof p.testId === 'string' ? p.testId : undefined);

function textProp(value: unknown): ReactNode {
  if (value === null || value === undefined || typeof value === 'boolean') return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  const docs = nodeToForgeDocs(value);
  return docs.length ? docs.map((d, i) => <Node key={d.key ?? i} node={d} />) : null;
}

function userDirectory(): Array<{ accountId: string; displayName: string }> {
  try {
    const host = (window.parent as unknown as { __localForgeHost?: { users?: () => Array<{ accountId: string; displayName: string }> } }).__localForgeHost;
    return host?.users?.() ?? [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// components: type → renderer

type Renderer = (node: ForgeDoc, kids: ReactNode) => ReactNode;

const buttonAppearance = (a: unknown) =>
  (['default', 'primary', 'subtle', 'warning', 'danger', 'discovery'] as const).includes(a as never)
    ? (a as 'default' | 'primary' | 'subtle' | 'warning' | 'danger' | 'discovery')
    : a === 'link' || a === 'subtle-link'
      ? 'subtle'
      : 'default';

function ButtonNode({ node, kids }: { node: ForgeDoc; kids: ReactNode }) {
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

function TextfieldNode({ node }: { node: ForgeDoc }) {
  const p = node.props as AnyProps;
  const type = p.type === 'number' || p.type === 'password' ? p.type : 'text';
  const controlled = p.value !== undefined;
  return (
    <Textfield
      id={p.id}
      name={p.name}
      type={p.type ?? 'text'}
      placeholder={p.placeholder}
      isDisabled={!!p.isDisabled}
      isInvalid={!!p.isInvalid}
      isRequired={!!p.isRequired}
      isReadOnly={!!p.isReadOnly}
      isCompact={!!p.isCompact || p.spacing === 'compact'}
      maxLength={p.maxLength}
      width={p.width}
      autoFocus={!!p.autoFocus}
      testId={tid(p)}
      {...(controlled ? { value: String(p.value ?? '') } : { defaultValue: p.defaultValue })}
      onChange={(e) => {
        const t = e.currentTarget;
        call(p.onChange, serialiseEvent('change', { type, value: t.value, name: t.name, id: t.id }));
      }}
      onBlur={(e) => call(p.onBlur, serialiseEvent('blur', { type, value: e.currentTarget.value, name: p.name }))}
      onFocus={(e) => call(p.onFocus, serialiseEvent('focus', { type, value: e.currentTarget.value, name: p.name }))}
    />
  );
}

const inputStyle: CSSProperties = {
  font: 'inherit',
  color: token('color.text'),
  background: token('color.background.input'),
  border: `1px solid ${token('color.border.input')}`,
  borderRadius: 4,
  padding: '6px 8px',
  boxSizing: 'border-box',
};

function CheckboxNode({ node }: { node: ForgeDoc }) {
  const p = node.props as AnyProps;
  const controlled = p.isChecked !== undefined;
  return (
    <label style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }} data-testid={tid(p)}>
      <input
        type="checkbox"
        id={p.id}
        name={p.name}
        value={p.value}
        disabled={!!p.isDisabled}
        {...(controlled ? { checked: !!p.isChecked } : { defaultChecked: !!p.defaultChecked })}
        onChange={(e) =>
          call(p.onChange, serialiseEvent('change', { type: 'checkbox', checked: e.currentTarget.checked, value: e.currentTarget.value, name: p.name }))
        }
        onBlur={() => call(p.onBlur)}
      />
      {textProp(p.label)}
    </label>
  );
}

function ModalNode({ node, kids }: { node: ForgeDoc; kids: ReactNode }) {
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

function TabsNode({ node }: { node: ForgeDoc }) {
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

function UserNode({ node }: { node: ForgeDoc }) {
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

function DynamicTableNode({ node }: { node: ForgeDoc }) {
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

function SelectNode({ node }: { node: ForgeDoc }) {
  const p = node.props as AnyProps;
  return (
    <Select
      inputId={p.inputId ?? p.id}
      name={p.name}
      options={Array.isArray(p.options) ? p.options : []}
      isMulti={!!p.isMulti}
      isClearable={!!p.isClearable}
      isDisabled={!!p.isDisabled}
      isInvalid={!!p.isInvalid}
      isLoading={!!p.isLoading}
      isSearchable={p.isSearchable !== false}
      placeholder={p.placeholder}
      spacing={p.spacing === 'compact' ? 'compact' : 'default'}
      menuPortalTarget={document.body}
      {...(p.value !== undefined ? { value: p.value } : { defaultValue: p.defaultValue })}
      onChange={(value: unknown) => call(p.onChange, value)}
      onBlur={() => call(p.onBlur)}
      onFocus={() => call(p.onFocus)}
      onInputChange={(value: string) => {
        call(p.onInputChange, value);
      }}
      testId={tid(p)}
    />
  );
}

const block = (style: CSSProperties): Renderer => (node, kids) => (
  <div style={style} data-testid={tid(node.props as AnyProps)}>
    {kids}
  </div>
);

const message = (color: string): Renderer => (node, kids) => (
  <div style={{ color, fontSize: 12, marginTop: 4 }} data-testid={tid(node.props as AnyProps)}>
    {kids}
  </div>
);

const fragment: Renderer = (_n, kids) => <>{kids}</>;

export const RENDERERS: Record<string, Renderer> = {
  Root: fragment,
  ContentWrapper: fragment,
  ModalTransition: fragment,
  MacroConfig: fragment,
  String: (node) => String(node.props.text ?? ''),

  Stack: (node, kids) => {
    const p = node.props as AnyProps;
    return (
      <Stack space={p.space} alignInline={p.alignInline} alignBlock={p.alignBlock} spread={p.spread} grow={p.grow} testId={tid(p)}>
        {kids}
      </Stack>
    );
  },
  Inline: (node, kids) => {
    const p = node.props as AnyProps;
    return (
      <Inline
        space={p.space}
        rowSpace={p.rowSpace}
        alignInline={p.alignInline}
        alignBlock={p.alignBlock}
        spread={p.spread}
        grow={p.grow}
        shouldWrap={!!p.shouldWrap}
        separator={typeof p.separator === 'string' ? p.separator : undefined}
        testId={tid(p)}
      >
        {kids}
      </Inline>
    );
  },
  Box: (node, kids) => {
    const p = node.props as AnyProps;
    const Tag = (p.as === 'span' || p.as === 'section' || p.as === 'ul' || p.as === 'li' ? p.as : 'div') as 'div';
    return (
      <Tag style={{ boxSizing: 'border-box', ...styleFrom(p) }} data-testid={tid(p)} role={p.role}>
        {kids}
      </Tag>
    );
  },
  Text: (node, kids) => {
    const p = node.props as AnyProps;
    if (p.as === 'strike') return <s style={{ display: 'block' }}>{kids}</s>;
    return (
      <Text as={p.as === 'span' || p.as === 'strong' || p.as === 'em' ? p.as : 'p'} color={p.color} size={p.size} weight={p.weight} align={p.align} maxLines={p.maxLines} testId={tid(p)}>
        {kids}
      </Text>
    );
  },
  Heading: (node, kids) => {
    const p = node.props as AnyProps;
    return (
      <Heading size={p.size ?? 'medium'} as={p.as} color={p.color} testId={tid(p)}>
        {kids}
      </Heading>
    );
  },
  Strong: (_n, kids) => <strong>{kids}</strong>,
  Em: (_n, kids) => <em>{kids}</em>,
  Strike: (_n, kids) => <s>{kids}</s>,
  Link: (node, kids) => {
    const p = node.props as AnyProps;
    const href = String(p.href ?? '');
    return (
      <a
        href={href}
        style={{ color: token('color.link') }}
        onClick={(e) => {
          e.preventDefault();
          navigate(href, !!p.openNewTab);
        }}
      >
        {kids}
      </a>
    );
  },
  Lozenge: (node, kids) => {
    const p = node.props as AnyProps;
    return (
      <Lozenge appearance={p.appearance} isBold={!!p.isBold} maxWidth={p.maxWidth} testId={tid(p)}>
        {kids}
      </Lozenge>
    );
  },
  Badge: (node, kids) => {
    const p = node.props as AnyProps;
    const text = textOf(node);
    const n = Number(text);
    return (
      <Badge appearance={p.appearance} max={p.max} testId={tid(p)}>
        {text !== '' && Number.isFinite(n) ? n : kids}
      </Badge>
    );
  },
  Button: (node, kids) => <ButtonNode node={node} kids={kids} />,
  LoadingButton: (node, kids) => <ButtonNode node={node} kids={kids} />,
  LinkButton: (node, kids) => {
    const p = node.props as AnyProps;
    const href = String(p.href ?? '');
    return (
      <LinkButton
        href={href}
        appearance={buttonAppearance(p.appearance)}
        spacing={p.spacing === 'compact' ? 'compact' : 'default'}
        testId={tid(p)}
        onClick={(e) => {
          e.preventDefault();
          navigate(href, p.target === '_blank');
        }}
      >
        {kids}
      </LinkButton>
    );
  },
  ButtonGroup: (_n, kids) => <div style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>{kids}</div>,
  SectionMessage: (node, kids) => {
    const p = node.props as AnyProps;
    const actions = nodeToForgeDocs(p.actions);
    const appearance = p.appearance === 'info' ? 'information' : p.appearance === 'confirmation' ? 'success' : p.appearance === 'change' ? 'discovery' : p.appearance;
    return (
      <SectionMessage appearance={appearance} title={typeof p.title === 'string' ? p.title : undefined} testId={tid(p)}>
        {kids}
        {actions.length ? (
          <div style={{ display: 'flex', gap: 12, marginTop: 8 }}>
            {actions.map((a, i) => (
              <Node key={a.key ?? i} node={a} />
            ))}
          </div>
        ) : null}
      </SectionMessage>
    );
  },
  SectionMessageAction: (node, kids) => {
    const p = node.props as AnyProps;
    return (
      <a
        href={p.href ?? '#'}
        style={{ color: token('color.link'), fontWeight: 500 }}
        onClick={(e) => {
          e.preventDefault();
          if (p.href) navigate(String(p.href), false);
          call(p.onClick);
        }}
      >
        {kids}
      </a>
    );
  },
  Spinner: (node) => {
    const p = node.props as AnyProps;
    return <Spinner size={p.size ?? 'medium'} label={p.label} appearance={p.appearance} testId={tid(p)} />;
  },
  ProgressBar: (node) => {
    const p = node.props as AnyProps;
    return (
      <ProgressBar
        value={typeof p.value === 'number' ? p.value : 0}
        appearance={p.appearance ?? 'default'}
        isIndeterminate={!!p.isIndeterminate}
        ariaLabel={p.ariaLabel ?? 'Progress'}
        testId={tid(p)}
      />
    );
  },
  DynamicTable: (node) => <DynamicTableNode node={node} />,
  Tooltip: (node, kids) => {
    const p = node.props as AnyProps;
    return (
      <span title={typeof p.content === 'string' ? p.content : textOf({ type: 'x', props: {}, children: nodeToForgeDocs(p.content) })} style={{ display: 'inline-flex' }}>
        {kids}
      </span>
    );
  },
  Tag: (node) => {
    const p = node.props as AnyProps;
    return (
      <span
        data-testid={tid(p)}
        style={{
          display: 'inline-flex',
          alignItems: 'center',
          gap: 4,
          padding: '0 6px',
          height: 20,
          fontSize: 12,
          borderRadius: p.appearance === 'rounded' ? 10 : 3,
          background: token('color.background.neutral'),
          color: token('color.text'),
        }}
      >
        {p.href ? (
          <a href={p.href} onClick={(e) => (e.preventDefault(), navigate(String(p.href), false))} style={{ color: 'inherit' }}>
            {p.text}
          </a>
        ) : (
          p.text
        )}
        {p.isRemovable ? (
          <button
            type="button"
            aria-label={p.removeButtonLabel ?? 'Remove'}
            onClick={() => {
              if (call(p.onBeforeRemoveAction) !== false) call(p.onAfterRemoveAction, p.text);
            }}
            style={{ border: 0, background: 'none', cursor: 'pointer', color: 'inherit', padding: 0 }}
          >
            ×
          </button>
        ) : null}
      </span>
    );
  },
  TagGroup: (_n, kids) => <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>{kids}</div>,
  User: (node) => <UserNode node={node} />,
  UserGroup: (_n, kids) => <span style={{ display: 'inline-flex', gap: 8, flexWrap: 'wrap' }}>{kids}</span>,
  Icon: () => null,
  AtlassianIcon: () => null,
  Image: (node) => {
    const p = node.props as AnyProps;
    return <img src={p.src} alt={p.alt ?? ''} width={p.width} height={p.height} style={{ maxWidth: '100%' }} />;
  },
  Code: (_n, kids) => (
    <code style={{ background: token('color.background.neutral'), borderRadius: 3, padding: '0 4px', fontSize: '0.875em' }}>{kids}</code>
  ),
  CodeBlock: (node) => <pre style={{ background: token('color.background.neutral'), padding: 8, borderRadius: 3, overflow: 'auto', margin: 0 }}>{String(node.props.text ?? '')}</pre>,
  List: (node, kids) => (node.props.type === 'ordered' ? <ol style={{ margin: 0 }}>{kids}</ol> : <ul style={{ margin: 0 }}>{kids}</ul>),
  ListItem: (_n, kids) => <li>{kids}</li>,
  Pressable: (node, kids) => {
    const p = node.props as AnyProps;
    return (
      <button type="button" onClick={() => call(p.onClick, serialiseEvent('click', { type: 'button' }))} disabled={!!p.isDisabled} style={{ all: 'unset', cursor: 'pointer', ...styleFrom(p) }}>
        {kids}
      </button>
    );
  },

  Form: (node, kids) => {
    const p = node.props as AnyProps;
    return (
      <form
        id={p.id}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          call(p.onSubmit);
        }}
      >
        {kids}
      </form>
    );
  },
  FormHeader: (node, kids) => (
    <div style={{ marginBottom: 12 }}>
      {node.props.title ? (
        <Heading size="medium" as="h2">
          {String(node.props.title)}
        </Heading>
      ) : null}
      {kids}
    </div>
  ),
  FormSection: (node, kids) => (
    <section style={{ display: 'grid', gap: 8, marginBottom: 12 }}>
      {node.props.title ? (
        <Heading size="small" as="h3">
          {String(node.props.title)}
        </Heading>
      ) : null}
      {node.props.description ? <div>{textProp(node.props.description)}</div> : null}
      {kids}
    </section>
  ),
  FormFooter: (node, kids) => (
    <div style={{ display: 'flex', gap: 8, justifyContent: node.props.align === 'start' ? 'flex-start' : 'flex-end', marginTop: 12 }}>{kids}</div>
  ),
  Label: (node, kids) => (
    <label htmlFor={node.props.labelFor as string | undefined} style={{ display: 'block', fontSize: 12, fontWeight: 600, color: token('color.text.subtle'), marginBottom: 4 }}>
      {kids}
    </label>
  ),
  RequiredAsterisk: () => <span style={{ color: token('color.text.danger') }}> *</span>,
  HelperMessage: message(token('color.text.subtlest')),
  ErrorMessage: message(token('color.text.danger')),
  ValidMessage: message(token('color.text.success')),
  Textfield: (node) => <TextfieldNode node={node} />,
  TextArea: (node) => {
    const p = node.props as AnyProps;
    return (
      <textarea
        id={p.id}
        name={p.name}
        data-testid={tid(p)}
        placeholder={p.placeholder}
        disabled={!!p.isDisabled}
        readOnly={!!p.isReadOnly}
        rows={p.minimumRows ?? 3}
        style={{ ...inputStyle, width: '100%', resize: p.resize === 'none' ? 'none' : 'vertical' }}
        {...(p.value !== undefined ? { value: String(p.value) } : { defaultValue: p.defaultValue })}
        onChange={(e) => call(p.onChange, serialiseEvent('change', { type: 'textarea', value: e.currentTarget.value, name: p.name }))}
        onBlur={() => call(p.onBlur)}
      />
    );
  },
  Select: (node) => <SelectNode node={node} />,
  Checkbox: (node) => <CheckboxNode node={node} />,
  Toggle: (node) => <CheckboxNode node={node} />,
  CheckboxGroup: (node) => {
    const p = node.props as AnyProps;
    const options: Array<{ label: string; value: string; isDisabled?: boolean }> = Array.isArray(p.options) ? p.options : [];
    const initial: string[] = Array.isArray(p.value) ? p.value : Array.isArray(p.defaultValue) ? p.defaultValue : [];
    return (
      <div style={{ display: 'grid', gap: 4 }}>
        {options.map((o) => (
          <label key={o.value} style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
            <input
              type="checkbox"
              name={p.name}
              value={o.value}
              defaultChecked={initial.includes(o.value)}
              disabled={!!p.isDisabled || !!o.isDisabled}
              onChange={(e) => {
                const boxes = Array.from(e.currentTarget.form?.querySelectorAll<HTMLInputElement>(`input[name="${CSS.escape(String(p.name))}"]`) ?? []);
                call(p.onChange, boxes.length ? boxes.filter((b) => b.checked).map((b) => b.value) : [o.value]);
              }}
            />
            {o.label}
          </label>
        ))}
      </div>
    );
  },
  RadioGroup: (node) => {
    const p = node.props as AnyProps;
    const options: Array<{ label: string; value: string; name?: string; isDisabled?: boolean }> = Array.isArray(p.options) ? p.options : [];
    return (
      <div role="radiogroup" style={{ display: 'grid', gap: 4 }}>
        {options.map((o) => (
          <label key={o.value} style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
            <input
              type="radio"
              name={p.name ?? o.name}
              value={o.value}
              disabled={!!p.isDisabled || !!o.isDisabled}
              {...(p.value !== undefined ? { checked: p.value === o.value } : { defaultChecked: p.defaultValue === o.value })}
              onChange={(e) => call(p.onChange, serialiseEvent('change', { type: 'radio', value: e.currentTarget.value, name: p.name }))}
            />
            {o.label}
          </label>
        ))}
      </div>
    );
  },
  DatePicker: (node) => {
    const p = node.props as AnyProps;
    return (
      <input
        type="date"
        id={p.id}
        name={p.name}
        disabled={!!p.isDisabled}
        style={inputStyle}
        {...(p.value !== undefined ? { value: String(p.value ?? '') } : { defaultValue: p.defaultValue })}
        onChange={(e) => call(p.onChange, e.currentTarget.value)}
      />
    );
  },
  TimePicker: (node) => {
    const p = node.props as AnyProps;
    return <input type="time" id={p.id} name={p.name} style={inputStyle} defaultValue={p.defaultValue} onChange={(e) => call(p.onChange, e.currentTarget.value)} />;
  },
  Range: (node) => {
    const p = node.props as AnyProps;
    return (
      <input
        type="range"
        min={p.min}
        max={p.max}
        step={p.step}
        defaultValue={p.defaultValue}
        disabled={!!p.isDisabled}
        onChange={(e) => call(p.onChange, Number(e.currentTarget.value))}
      />
    );
  },

  Modal: (node, kids) => <ModalNode node={node} kids={kids} />,
  ModalHeader: block({ padding: '20px 24px 8px', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }),
  ModalTitle: (_n, kids) => (
    <Heading size="medium" as="h1">
      {kids}
    </Heading>
  ),
  ModalBody: block({ padding: '8px 24px', overflowY: 'auto' }),
  ModalFooter: block({ padding: '16px 24px 20px', display: 'flex', justifyContent: 'flex-end', gap: 8 }),

  Tabs: (node) => <TabsNode node={node} />,
  // Tabs renders its TabList/Tab/TabPanel children itself; these only show up outside a Tabs.
  TabList: (_n, kids) => <div role="tablist">{kids}</div>,
  Tab: (_n, kids) => <span>{kids}</span>,
  TabPanel: (_n, kids) => <div>{kids}</div>,

  EmptyState: (node) => {
    const p = node.props as AnyProps;
    const level = Math.min(Math.max(Number(p.headingLevel) || 4, 1), 6);
    const actions = [p.primaryAction, p.secondaryAction, p.tertiaryAction].flatMap((a, i) => nodeToForgeDocs(a, `action-${i}`));
    return (
      <div
        data-testid={tid(p) ?? 'forge-empty-state'}
        style={{ textAlign: 'center', margin: '0 auto', maxWidth: p.width === 'wide' ? 464 : 304, padding: '24px 0', display: 'grid', gap: 8 }}
      >
        <Heading size="small" as={`h${level}` as 'h4'}>
          {String(p.header ?? '')}
        </Heading>
        {p.description ? <div style={{ color: token('color.text.subtle') }}>{textProp(p.description)}</div> : null}
        {p.isLoading ? <Spinner size="small" /> : null}
        {actions.length ? (
          <div style={{ display: 'flex', gap: 8, justifyContent: 'center' }}>
            {actions.map((a, i) => (
              <Node key={a.key ?? i} node={a} />
            ))}
          </div>
        ) : null}
      </div>
    );
  },
};

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

function Kids({ node }: { node: ForgeDoc }) {
  return (
    <>
      {node.children.map((c, i) => (
        <Node key={c.key ?? i} node={c} />
      ))}
    </>
  );
}

function Node({ node }: { node: ForgeDoc }): ReactNode {
  const kids = <Kids node={node} />;
  const render = RENDERERS[node.type];
  if (!render) return <Unknown node={node} kids={kids} />;
  return <>{render(node, kids)}</>;
}

class Boundary extends Component<{ children: ReactNode; resetKey: number }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(prev: { resetKey: number }) {
    // A new forgeDoc may render fine: try again.
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('forgeDoc render failed', error, info.componentStack);
  }
  override render() {
    if (this.state.error) {
      return (
        <SectionMessage appearance="error" title="The local UI Kit renderer failed">
          <p>{String(this.state.error.message)}</p>
        </SectionMessage>
      );
    }
    return this.props.children;
  }
}

function PanelRoot() {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const s = () => setVersion((v) => v + 1);
    subscribers.add(s);
    if (latestDoc) s();
    return () => {
      subscribers.delete(s);
    };
  }, []);
  return (
    <div data-testid="forge-doc-root" data-version={version} style={{ padding: 2 }}>
      {latestDoc ? (
        <Boundary resetKey={version}>
          <Node node={latestDoc} />
        </Boundary>
      ) : null}
    </div>
  );
}

// Theming like Jira does for UI Kit: the host copies its token theme into this frame.
void bridge?.callBridge('enableTheming').catch(() => undefined);

const rootElement = document.getElementById('root');
if (rootElement) createRoot(rootElement).render(<PanelRoot />);
