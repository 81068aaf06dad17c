/** Picks a Jira user by name, for an environment's owner and the release managers (Atlaskit's select). */
import { useId } from 'react';
import type { UserRef } from '../../../../src/contract';
import { OneUserPicker } from '../components/pickers';
import { color, font } from '../design';

export function UserPicker({ label, value, onChange, testId }: { label: string; value?: UserRef; onChange: (user: UserRef | undefined) => void; testId?: string }) {
  const id = useId();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4, flex: '1 1 220px', maxWidth: 420 }}>
      <label htmlFor={id} style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>
        {label}
      </label>
      <OneUserPicker inputId={id} label={label} value={value} onChange={onChange} testId={testId ?? 'user-search'} />
    </div>
  );
}
