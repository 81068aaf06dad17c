import type { ReactNode } from 'react';
import { color, font, space } from '../design';

/**
 * Atlassian's empty-state pattern (a heading that says what is missing, a sentence on how to get
 * it, optionally the action that does), drawn with the app's design tokens.
 */
export function EmptyState({ header, description, action, testId = 'empty-state' }: { header: string; description: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId} style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', textAlign: 'center', gap: space.s150, padding: `${space.s400} ${space.s200}`, maxWidth: 520, margin: '0 auto' }}>
      <h2 style={{ margin: 0, font: font.body, fontSize: 20, fontWeight: 653, color: color.text }}>{header}</h2>
      <div style={{ font: font.body, color: color.textSubtle }}>{description}</div>
      {action}
    </div>
  );
}
