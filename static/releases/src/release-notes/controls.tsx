/** Small form controls for the template editor: native elements styled with design tokens. */
import { useEffect, useId, useState, type CSSProperties, type ReactNode } from 'react';
import { color, compactInputStyle, font, space } from '../design';
import { formatList, parseList } from './notes-model';

const inputStyle: CSSProperties = { ...compactInputStyle, width: '100%' };

/** The error line's id for a field, so the control can point at it (`aria-describedby`). */
const errorId = (htmlFor: string) => `${htmlFor}-error`;
const invalid = (id: string, error: string | undefined) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': errorId(id), style: { ...inputStyle, borderColor: color.borderDanger } } : { style: inputStyle };

export function Field({ label, hint, children, htmlFor, error }: { label: string; hint?: ReactNode; children: ReactNode; htmlFor: string; error?: string }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <label htmlFor={htmlFor} style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>
        {label}
      </label>
      {children}
      {error && (
        <div id={errorId(htmlFor)} role="alert" data-testid="field-error" style={{ font: font.small, color: color.textDanger }}>
          {error}
        </div>
      )}
      {hint && <div style={{ font: font.small, color: color.textSubtlest }}>{hint}</div>}
    </div>
  );
}

export function TextInput(props: { label: string; value: string; onChange: (value: string) => void; disabled?: boolean; hint?: ReactNode; placeholder?: string; testId?: string; error?: string }) {
  const id = useId();
  return (
    <Field label={props.label} hint={props.hint} htmlFor={id} {...(props.error ? { error: props.error } : {})}>
      <input
        id={id}
        className="rr-select"
        data-testid={props.testId}
        {...invalid(id, props.error)}
        value={props.value}
        placeholder={props.placeholder}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
    </Field>
  );
}

export function TextArea(props: { label: string; value: string; onChange: (value: string) => void; disabled?: boolean; hint?: ReactNode; testId?: string; error?: string }) {
  const id = useId();
  const control = invalid(id, props.error);
  return (
    <Field label={props.label} hint={props.hint} htmlFor={id} {...(props.error ? { error: props.error } : {})}>
      <textarea
        id={id}
        className="rr-select"
        data-testid={props.testId}
        {...control}
        style={{ ...control.style, minHeight: 56, resize: 'vertical' }}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
    </Field>
  );
}

/** A comma-separated list; keeps what is typed (a trailing comma) while handing over the parsed list. */
export function ListInput(props: { label: string; value: string[]; onChange: (value: string[]) => void; disabled?: boolean; hint?: ReactNode; testId?: string; error?: string }) {
  const [text, setText] = useState(formatList(props.value));
  useEffect(() => {
    if (formatList(parseList(text)) !== formatList(props.value)) setText(formatList(props.value));
    // Only an outside change of the value resets the text being typed (so `text` is not a dependency).
  }, [props.value]);
  return (
    <TextInput
      label={props.label}
      hint={props.hint}
      value={text}
      disabled={props.disabled}
      testId={props.testId}
      {...(props.error ? { error: props.error } : {})}
      onChange={(next) => {
        setText(next);
        props.onChange(parseList(next));
      }}
    />
  );
}

export function SelectInput<T extends string>(props: {
  label: string;
  value: T;
  options: Array<{ value: T; label: string }>;
  onChange: (value: T) => void;
  disabled?: boolean;
  hint?: ReactNode;
  testId?: string;
}) {
  const id = useId();
  return (
    <Field label={props.label} hint={props.hint} htmlFor={id}>
      <select
        id={id}
        className="rr-select"
        data-testid={props.testId}
        style={inputStyle}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => {
          const next = props.options.find((o) => o.value === e.currentTarget.value);
          if (next) props.onChange(next.value);
        }}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function Checkbox(props: { label: string; checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean; testId?: string }) {
  const id = useId();
  return (
    <label htmlFor={id} style={{ display: 'flex', alignItems: 'center', gap: space.s100, font: font.body, color: color.text }}>
      <input id={id} type="checkbox" data-testid={props.testId} checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.currentTarget.checked)} />
      {props.label}
    </label>
  );
}
