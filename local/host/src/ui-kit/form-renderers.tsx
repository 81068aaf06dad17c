/** Renderers for forms and their inputs, modals, tabs and the empty state. */
import Heading from '@atlaskit/heading';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { nodeToForgeDocs, serialiseEvent } from '../forge-doc';
import { call } from './frame-bridge';
import { block, message, Node, textProp, tid, type AnyProps, type Renderer } from './node';
import { CheckboxNode, inputStyle, SelectNode, TextfieldNode } from './inputs';
import { ModalNode, TabsNode } from './widgets';

export const FORM_RENDERERS: Record<string, Renderer> = {
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
