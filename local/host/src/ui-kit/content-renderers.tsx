/** Renderers for layout, text, status and action components. */
import Badge from '@atlaskit/badge';
import { LinkButton } from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { nodeToForgeDocs, serialiseEvent, textOf } from '../forge-doc';
import { call, navigate } from './frame-bridge';
import { fragment, Node, styleFrom, tid, type AnyProps, type Renderer } from './node';
import { buttonAppearance, ButtonNode, DynamicTableNode, UserNode } from './widgets';

export const CONTENT_RENDERERS: Record<string, Renderer> = {
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
};
