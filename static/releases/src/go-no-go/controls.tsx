/**
 * Small building blocks of the Go/No-Go page: a titled section, labelled native form controls
 * styled with design tokens (so dark mode follows Jira), and an inline error line.
 */
import { type ReactNode, createContext, useContext, useId } from 'react';
import type { ErrorBody } from '../../../../src/contract';
import { color, font, inputStyle, radius, space } from '../design';
import { humanDetail } from '../field-errors';
import { tone } from './gng-design';
import { DayPicker } from '../components/pickers';

/**
 * Sections the page lets people fold away: which are open, and how to open or close one. Without
 * it (the settings panel, other pages) a section is always open.
 */
export interface SectionDisclosure {
  isOpen(testId: string): boolean;
  toggle(testId: string): void;
}

export const SectionDisclosureContext = createContext<SectionDisclosure | undefined>(undefined);

export function Section({ title, testId, actions, children, description }: { title: string; testId: string; actions?: ReactNode; children: ReactNode; description?: ReactNode }) {
  const id = useId();
  const disclosure = useContext(SectionDisclosureContext);
  const open = disclosure ? disclosure.isOpen(testId) : true;
  const headingStyle: React.CSSProperties = { margin: 0, font: font.body, fontSize: 16, fontWeight: 653, color: color.text, flex: '1 1 auto' };
  return (
    <section
      id={testId}
      aria-labelledby={id}
      data-testid={testId}
      data-open={open}
      style={{
        background: tone.surfaceRaised,
        boxShadow: tone.shadowRaised,
        borderRadius: 6,
        padding: space.s200,
        display: 'flex',
        flexDirection: 'column',
        gap: space.s150,
        minWidth: 0,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap' }}>
        {disclosure ? (
          // The disclosure pattern: a button inside the heading says whether the content shows.
          <h2 style={headingStyle}>
            <button
              type="button"
              id={id}
              aria-expanded={open}
              aria-controls={`${id}-body`}
              data-testid={`${testId}-toggle`}
              onClick={() => disclosure.toggle(testId)}
              style={{ background: 'none', border: 'none', padding: 0, margin: 0, font: 'inherit', color: 'inherit', textAlign: 'left', display: 'inline-flex', alignItems: 'center', gap: space.s100, cursor: 'pointer', borderRadius: radius }}
              className="rr-disclosure"
            >
              <span aria-hidden="true" style={{ display: 'inline-block', width: 12, transform: open ? 'rotate(90deg)' : 'none', transition: 'transform 120ms', color: color.textSubtle }}>
                ▸
              </span>
              {title}
            </button>
          </h2>
        ) : (
          <h2 id={id} style={headingStyle}>
            {title}
          </h2>
        )}
        {actions}
      </div>
      <div id={`${id}-body`} style={{ display: open ? 'flex' : 'none', flexDirection: 'column', gap: space.s150, minWidth: 0 }}>
        {description && <div style={{ font: font.small, color: color.textSubtle, marginTop: `calc(-1 * ${space.s100})` }}>{description}</div>}
        {children}
      </div>
    </section>
  );
}

export { inputStyle };

interface FieldShell {
  label: string;
  hint?: ReactNode;
  width?: number | string;
}

function Shell({ label, hint, width, children }: FieldShell & { children: (id: string, hintId?: string) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    // Basis "auto", not a length: the same field sits in rows (grows sideways) and in columns
    // (where a length basis would become its height).
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4, ...(width ? { flex: '0 0 auto', width } : { flex: '1 1 auto', minWidth: 160 }) }}>
      <label htmlFor={id} style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>
        {label}
      </label>
      {children(id, hintId)}
      {hint && (
        <span id={hintId} style={{ font: font.small, color: color.textSubtlest }}>
          {hint}
        </span>
      )}
    </div>
  );
}

type NativeInput = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'>;

export function TextField({ label, hint, width, value, onValue, testId, ...rest }: FieldShell & NativeInput & { value: string; onValue: (v: string) => void; testId?: string }) {
  return (
    <Shell label={label} hint={hint} width={width}>
      {(id, hintId) => (
        <input id={id} aria-describedby={hintId} data-testid={testId} value={value} onChange={(e) => onValue(e.currentTarget.value)} style={inputStyle()} {...rest} />
      )}
    </Shell>
  );
}

/** A day (yyyy-MM-dd) with Atlaskit's date picker; empty is undefined. */
export function DayField({ label, hint, width, value, onValue, testId }: FieldShell & { value?: string; onValue: (v: string | undefined) => void; testId?: string }) {
  return <Shell label={label} hint={hint} width={width}>{(id) => <DayPicker id={id} value={value} onChange={onValue} testId={testId} />}</Shell>;
}

export function TextArea({ label, hint, width, value, onValue, testId, rows = 3, maxLength }: FieldShell & { value: string; onValue: (v: string) => void; testId?: string; rows?: number; maxLength?: number }) {
  return (
    <Shell label={label} hint={hint} width={width}>
      {(id, hintId) => (
        <textarea
          id={id}
          aria-describedby={hintId}
          data-testid={testId}
          value={value}
          rows={rows}
          maxLength={maxLength}
          onChange={(e) => onValue(e.currentTarget.value)}
          style={{ ...inputStyle(), padding: space.s100, resize: 'vertical', minHeight: 56 }}
        />
      )}
    </Shell>
  );
}

export function SelectField<T extends string>({
  label,
  hint,
  width,
  value,
  onValue,
  options,
  testId,
  disabled,
}: FieldShell & { value: T; onValue: (v: T) => void; options: ReadonlyArray<{ value: T; label: string }>; testId?: string; disabled?: boolean }) {
  return (
    <Shell label={label} hint={hint} width={width}>
      {(id, hintId) => (
        <select
          id={id}
          aria-describedby={hintId}
          data-testid={testId}
          className="rr-select"
          value={value}
          disabled={disabled}
          onChange={(e) => {
            const next = options.find((o) => o.value === e.currentTarget.value);
            if (next) onValue(next.value);
          }}
          style={inputStyle()}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Shell>
  );
}

export function CheckboxField({ label, checked, onChange, testId, disabled }: { label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; testId?: string; disabled?: boolean }) {
  return (
    <label style={{ display: 'inline-flex', alignItems: 'center', gap: space.s100, font: font.body, color: color.text, cursor: disabled ? 'default' : 'pointer' }}>
      <input type="checkbox" data-testid={testId} checked={checked} disabled={disabled} onChange={(e) => onChange(e.currentTarget.checked)} style={{ width: 16, height: 16, accentColor: color.link, margin: 0 }} />
      {label}
    </label>
  );
}

/** A failed request next to the form that sent it: the catalogue message and its details. */
export function InlineError({ error, testId = 'gng-error' }: { error?: ErrorBody; testId?: string }) {
  if (!error) return null;
  return (
    <div role="alert" data-testid={testId} data-error-code={error.code} style={{ font: font.body, color: color.textDanger, background: color.bgDanger, borderRadius: radius, padding: space.s100 }}>
      <strong>{error.message}</strong>
      {error.details && error.details.length > 0 && (
        <ul style={{ margin: `${space.s050} 0 0`, paddingLeft: space.s200 }}>
          {error.details.map((d, i) => (
            <li key={i}>{humanDetail(d)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <span style={{ font: font.small, color: color.textSubtle }}>{children}</span>;
}

export const tableStyle: React.CSSProperties = { width: '100%', borderCollapse: 'collapse', font: font.body, color: color.text };
export const thStyle: React.CSSProperties = { textAlign: 'left', font: font.small, fontWeight: 600, color: color.textSubtle, padding: `${space.s050} ${space.s100}`, borderBottom: `2px solid ${color.border}` };
export const tdStyle: React.CSSProperties = { padding: `${space.s100} ${space.s100}`, borderBottom: `1px solid ${color.border}`, verticalAlign: 'top' };

/** A table's header row: one cell per heading (an empty string for a column of buttons). */
export function TableHead({ headings }: { headings: readonly string[] }) {
  return (
    <thead>
      <tr>
        {headings.map((h, i) => (
          <th key={`${i}-${h}`} style={thStyle}>
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Text for screen readers only. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return (
    <span style={{ position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 }}>{children}</span>
  );
}
