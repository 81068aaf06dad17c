/** The policy editor's small controls: a labelled field, its problems, a list input, checkboxes. */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { PolicyProblem } from '../../../../src/contract';
import { color, compactInputStyle as inputStyle, font, space } from '../design';
import { RAG_SWATCH } from './readiness-design';
import { formatList, parseList } from './readiness-model';


export function Field({
  label,
  hint,
  children,
  problems = [],
  isWarning,
  grow,
}: {
  label: string;
  hint?: ReactNode;
  children: (id: string) => ReactNode;
  problems?: PolicyProblem[];
  isWarning: (p: PolicyProblem) => boolean;
  grow?: boolean;
}) {
  const id = useId();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2, flex: grow ? '1 1 260px' : '0 1 auto', minWidth: 0 }}>
      <label htmlFor={id} style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>
        {label}
      </label>
      {children(id)}
      {hint && <div style={{ font: font.small, color: color.textSubtlest }}>{hint}</div>}
      <Problems problems={problems} isWarning={isWarning} />
    </div>
  );
}

export function Problems({ problems, isWarning, testId }: { problems: PolicyProblem[]; isWarning: (p: PolicyProblem) => boolean; testId?: string }) {
  if (problems.length === 0) return null;
  return (
    <ul data-testid={testId} style={{ margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 2 }}>
      {problems.map((p, i) => (
        <li key={i} data-severity={isWarning(p) ? 'warning' : 'error'} style={{ font: font.small, color: isWarning(p) ? RAG_SWATCH.amber.text : color.textDanger }}>
          {isWarning(p) ? 'Warning: ' : ''}
          {p.message}
        </li>
      ))}
    </ul>
  );
}

/** A comma-separated list, kept as typed while editing and parsed on every change. */
export function ListInput({ id, value, onChange, testId, placeholder }: { id: string; value: readonly string[]; onChange: (list: string[]) => void; testId?: string; placeholder?: string }) {
  const [text, setText] = useState(formatList(value));
  useEffect(() => {
    if (formatList(parseList(text)) !== formatList(value)) setText(formatList(value));
    // Only outside changes (discard, restore) reset the text, not typing.
  }, [value]);
  return (
    <input
      id={id}
      data-testid={testId}
      style={{ ...inputStyle, width: '100%' }}
      value={text}
      placeholder={placeholder}
      onChange={(e) => {
        setText(e.currentTarget.value);
        onChange(parseList(e.currentTarget.value));
      }}
    />
  );
}

export function Checks({ options, chosen, onChange, emptyMeans }: { options: string[]; chosen: string[]; onChange: (next: string[]) => void; emptyMeans?: string }) {
  const lower = new Set(chosen.map((c) => c.toLowerCase()));
  const unknown = chosen.filter((c) => !options.some((o) => o.toLowerCase() === c.toLowerCase()));
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: `${space.s050} ${space.s150}`, alignItems: 'center' }}>
      {[...options, ...unknown].map((option) => (
        <label key={option} style={{ display: 'inline-flex', gap: 4, alignItems: 'center', font: font.body, color: color.text }}>
          <input
            type="checkbox"
            checked={lower.has(option.toLowerCase())}
            onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, option] : chosen.filter((c) => c.toLowerCase() !== option.toLowerCase()))}
          />
          {option}
        </label>
      ))}
      {emptyMeans && chosen.length === 0 && <span style={{ font: font.small, color: color.textSubtlest }}>({emptyMeans})</span>}
    </div>
  );
}
