/** Small host-page building blocks (tokens for colours, so the dark theme works). */
import type { CSSProperties, ReactNode } from 'react';
import { token } from '@atlaskit/tokens';

export const styles = {
  subtle: { color: token('color.text.subtle') } satisfies CSSProperties,
  link: { color: token('color.link'), textDecoration: 'none' } satisfies CSSProperties,
  card: {
    background: token('elevation.surface.raised'),
    boxShadow: token('elevation.shadow.raised'),
    borderRadius: 6,
    padding: token('space.200'),
  } satisfies CSSProperties,
  select: {
    font: 'inherit',
    fontSize: 14,
    color: token('color.text'),
    background: token('color.background.input'),
    border: `1px solid ${token('color.border.input')}`,
    borderRadius: 4,
    padding: '4px 8px',
    height: 32,
  } satisfies CSSProperties,
  pre: {
    margin: 0,
    padding: token('space.150'),
    background: token('color.background.neutral'),
    color: token('color.text'),
    borderRadius: 4,
    fontSize: 12,
    lineHeight: '16px',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    maxHeight: 360,
    overflow: 'auto',
  } satisfies CSSProperties,
};

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '120px 1fr', gap: token('space.100'), alignItems: 'baseline', padding: '6px 0' }}>
      <div style={{ ...styles.subtle, fontSize: 12, fontWeight: 600 }}>{label}</div>
      <div>{children}</div>
    </div>
  );
}

export function Avatar({ name, size = 24 }: { name: string; size?: number }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const backgrounds = [
    token('color.background.accent.blue.bolder'),
    token('color.background.accent.green.bolder'),
    token('color.background.accent.purple.bolder'),
    token('color.background.accent.teal.bolder'),
    token('color.background.accent.orange.bolder'),
  ];
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        width: size,
        height: size,
        borderRadius: '50%',
        fontSize: size * 0.42,
        fontWeight: 600,
        color: token('color.text.inverse'),
        background: backgrounds[hash % backgrounds.length],
        flex: 'none',
      }}
    >
      {initials || '?'}
    </span>
  );
}
