/**
 * Small labelled form controls for the plan editors: native inputs (date-time pickers included)
 * styled with design tokens, each with its label, hint and error wired up for screen readers.
 */
import { type ReactNode, useId } from 'react';
import { DateTimePicker } from '@atlaskit/datetime-picker';
import { color, font, inputStyle as controlStyle, space } from '../design';

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode;
  width?: number | string;
}

export function Field({ label, hint, error, children, width }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4, minWidth: 0, flex: width ? `0 0 ${typeof width === 'number' ? `${width}px` : width}` : '1 1 180px' }}>
      <label htmlFor={id} style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>
        {label}
      </label>
      {children({ id, ...(describedBy ? { describedBy } : {}), invalid: !!error })}
      {hint && (
        <span id={hintId} style={{ font: font.small, color: color.textSubtlest }}>
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} role="alert" style={{ font: font.small, color: color.textDanger }}>
          {error}
        </span>
      )}
    </div>
  );
}

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'onChange'> & { onValue: (value: string) => void };

export function TextInput({ label, hint, error, onValue, width, testId, ...rest }: InputProps & { label: string; hint?: ReactNode; error?: string; width?: number | string; testId?: string }) {
  return (
    <Field label={label} hint={hint} error={error} width={width}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-testid={testId}
          className="rr-input"
          style={controlStyle(invalid)}
          onChange={(e) => onValue(e.currentTarget.value)}
          {...rest}
        />
      )}
    </Field>
  );
}

export function TextArea({
  label,
  hint,
  error,
  value,
  onValue,
  testId,
  maxLength,
}: {
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onValue: (value: string) => void;
  testId?: string;
  maxLength?: number;
}) {
  return (
    <Field label={label} hint={hint} error={error} width="100%">
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-testid={testId}
          className="rr-input"
          value={value}
          maxLength={maxLength}
          rows={2}
          onChange={(e) => onValue(e.currentTarget.value)}
          style={{ ...controlStyle(invalid), padding: space.s100, resize: 'vertical' }}
        />
      )}
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
  disabled?: boolean;
}

export function SelectInput({
  label,
  hint,
  error,
  value,
  options,
  onValue,
  testId,
  width,
  placeholder,
}: {
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  options: Option[];
  onValue: (value: string) => void;
  testId?: string;
  width?: number | string;
  placeholder?: string;
}) {
  return (
    <Field label={label} hint={hint} error={error} width={width}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-testid={testId}
          className="rr-select"
          value={value}
          onChange={(e) => onValue(e.currentTarget.value)}
          style={controlStyle(invalid)}
        >
          {placeholder !== undefined && (
            <option value="" disabled>
              {placeholder}
            </option>
          )}
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Checkbox({ label, checked, onChange, testId, hint }: { label: string; checked: boolean; onChange: (checked: boolean) => void; testId?: string; hint?: string }) {
  const id = useId();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <label htmlFor={id} style={{ display: 'inline-flex', alignItems: 'center', gap: space.s050, font: font.body, color: color.text, cursor: 'pointer' }}>
        <input id={id} type="checkbox" data-testid={testId} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} style={{ width: 16, height: 16, margin: 0 }} />
        {label}
      </label>
      {hint && <span style={{ font: font.small, color: color.textSubtlest, marginLeft: 22 }}>{hint}</span>}
    </div>
  );
}

/** A titled region holding an editor; Escape cancels. */
export function EditorPanel({ title, children, onCancel, testId }: { title: string; children: ReactNode; onCancel: () => void; testId?: string }) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
      style={{
        border: `1px solid ${color.border}`,
        borderRadius: 6,
        padding: space.s200,
        background: color.surface,
        display: 'flex',
        flexDirection: 'column',
        gap: space.s150,
      }}
    >
      <h3 id={id} style={{ margin: 0, font: font.body, fontWeight: 600, fontSize: 16, color: color.text }}>
        {title}
      </h3>
      {children}
    </section>
  );
}

export function FormRow({ children }: { children: ReactNode }) {
  return <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.s150, alignItems: 'flex-start' }}>{children}</div>;
}

const WALL_PARTS = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/;

/**
 * A date and time in the project's zone (Atlaskit's DateTimePicker): the value is a wall time
 * (`2026-11-24T09:00`) with no offset, so the picker never reads it in the browser's zone; the
 * editor turns it into an instant with the project's zone (src/domain/calendar/wall-time.ts).
 */
export function DateTimeInput({ label, hint, error, value, onValue, testId }: { label: string; hint?: ReactNode; error?: string; value: string; onValue: (wall: string) => void; testId: string }) {
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <div data-testid={testId} data-value={value}>
          <DateTimePicker
            id={id}
            {...(describedBy ? { 'aria-describedby': describedBy } : {})}
            isInvalid={invalid}
            value={value}
            onChange={(next) => onValue(WALL_PARTS.exec(next) ? next.slice(0, 16) : '')}
            parseValue={(next, date, time) => {
              const parts = WALL_PARTS.exec(next);
              return { dateValue: parts?.[1] ?? date, timeValue: parts?.[2] ?? time, zoneValue: '' };
            }}
            locale="en-GB"
            spacing="compact"
            datePickerProps={{ dateFormat: 'YYYY-MM-DD', placeholder: 'yyyy-mm-dd', label: `${label}: date`, weekStartDay: 1 }}
            timePickerProps={{ timeIsEditable: true, timeFormat: 'HH:mm', placeholder: 'hh:mm', label: `${label}: time` }}
            clearControlLabel={`Clear ${label.toLowerCase()}`}
            testId={`${testId}-picker`}
          />
        </div>
      )}
    </Field>
  );
}
