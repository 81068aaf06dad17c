import type { ReactNode } from 'react';
import { buttonColor, color, font, radius } from '../design';

export type RowButtonAppearance = 'primary' | 'danger' | 'default';

const FILL: Record<RowButtonAppearance, { background: string; color: string }> = {
  primary: { background: buttonColor.brand, color: buttonColor.textInverse },
  danger: { background: buttonColor.danger, color: buttonColor.textInverse },
  default: { background: buttonColor.neutral, color: color.text },
};

/**
 * A compact native button drawn with Atlaskit's tokens, for controls repeated on every row of a
 * long list (the go-live steps: up to three per step, a thousand on a 300-step runbook). Atlaskit's
 * Button costs a handful of components and style rules per instance, which made drawing such a list
 * take seconds; this one is a single element and looks like Atlaskit's compact button. The
 * browser's own focus ring and `disabled` keep it accessible.
 */
export function RowButton({ testId, appearance = 'default', disabled = false, onClick, label, children }: { testId: string; appearance?: RowButtonAppearance; disabled?: boolean; onClick: () => void; label?: string; children: ReactNode }) {
  const fill = disabled ? { background: buttonColor.disabled, color: buttonColor.textDisabled } : FILL[appearance];
  return (
    <button
      type="button"
      data-testid={testId}
      disabled={disabled}
      aria-label={label}
      onClick={onClick}
      style={{ ...fill, font: font.body, fontWeight: 500, border: 'none', borderRadius: radius, height: 24, padding: '0 8px', cursor: disabled ? 'not-allowed' : 'pointer', whiteSpace: 'nowrap' }}
    >
      {children}
    </button>
  );
}
