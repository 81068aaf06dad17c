import type { ReactNode } from 'react';

export type RowButtonAppearance = 'primary' | 'danger' | 'default';

const CLASS: Record<RowButtonAppearance, string> = { primary: 'gl-btn gl-primary', danger: 'gl-btn gl-danger-btn', default: 'gl-btn' };

/**
 * A compact native button drawn with Atlaskit's tokens (classes in step-table-style.tsx), for
 * controls repeated on every row of a long list (the go-live steps: up to three per step, a
 * thousand on a 300-step runbook). Atlaskit's Button costs a handful of components and style
 * rules per instance, which made drawing such a list take seconds; this one is a single element
 * and looks like Atlaskit's compact button. The browser's own focus ring and `disabled` keep it
 * accessible.
 */
export function RowButton({ testId, appearance = 'default', disabled = false, onClick, label, children }: { testId: string; appearance?: RowButtonAppearance; disabled?: boolean; onClick: () => void; label?: string; children: ReactNode }) {
  return (
    <button type="button" className={CLASS[appearance]} data-testid={testId} disabled={disabled} aria-label={label} onClick={onClick}>
      {children}
    </button>
  );
}
