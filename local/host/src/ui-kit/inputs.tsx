/** UI Kit form inputs: text field, checkbox and toggle, select, and the native inputs' style. */
import { type CSSProperties } from 'react';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { serialiseEvent, type ForgeDoc } from '../forge-doc';
import { call } from './frame-bridge';
import { textProp, tid, type AnyProps } from './node';

export function TextfieldNode({ node }: { node: ForgeDoc }) {
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

export const inputStyle: CSSProperties = {
  font: 'inherit',
  color: token('color.text'),
  background: token('color.background.input'),
  border: `1px solid ${token('color.border.input')}`,
  borderRadius: 4,
  padding: '6px 8px',
  boxSizing: 'border-box',
};

export function CheckboxNode({ node }: { node: ForgeDoc }) {
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

export function SelectNode({ node }: { node: ForgeDoc }) {
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
