/** Picks a Jira user by name, for an environment's owner and the release managers. */
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import type { UserRef } from '../../../../src/contract';
import { color, font, radius, space } from '../design';
import { invoke } from '../platform';
import { TextInput } from './form-controls';

export function UserPicker({ label, value, onChange, testId }: { label: string; value?: UserRef; onChange: (user: UserRef | undefined) => void; testId?: string }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<UserRef[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const text = query.trim();
    if (text.length < 2) {
      setResults(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void invoke('searchUsers', { query: text }).then((result) => {
        if (!live) return;
        if (result.ok) {
          setResults(result.data);
          setError(undefined);
        } else setError(result.error.message);
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  if (value) {
    return (
      <div style={{ display: 'flex', flexDirection: 'column', gap: 4, flex: '1 1 180px' }}>
        <span style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>{label}</span>
        <span style={{ display: 'inline-flex', gap: space.s100, alignItems: 'center', minHeight: 32 }}>
          {value.displayName}
          <Button spacing="compact" appearance="subtle" onClick={() => onChange(undefined)} aria-label={`Remove ${value.displayName} as ${label.toLowerCase()}`}>
            Change
          </Button>
        </span>
      </div>
    );
  }
  return (
    <div style={{ flex: '1 1 220px', maxWidth: 420 }}>
      <TextInput label={label} value={query} onValue={setQuery} placeholder="Type a name" testId={testId ?? 'user-search'} hint={error ?? (results && results.length === 0 ? 'Nobody found.' : undefined)} />
      {results && results.length > 0 && (
        <ul aria-label={`People matching “${query}”`} style={{ listStyle: 'none', margin: `${space.s050} 0 0`, padding: 0, border: `1px solid ${color.border}`, borderRadius: radius }}>
          {results.map((user) => (
            <li key={user.accountId}>
              <button
                type="button"
                className="rr-chip"
                data-testid={`user-${user.accountId}`}
                onClick={() => {
                  onChange(user);
                  setQuery('');
                }}
                style={{ display: 'block', width: '100%', textAlign: 'left', padding: `${space.s050} ${space.s100}`, font: font.body, color: color.text, background: 'none', border: 'none', cursor: 'pointer' }}
              >
                {user.displayName}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

