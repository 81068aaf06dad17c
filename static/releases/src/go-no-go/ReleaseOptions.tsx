import { type ReactNode, useEffect, useState } from 'react';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import type { ReleaseChoicesView, ReleaseRequest } from '../../../../src/contract';
import { color, font, radius, space } from '../design';
import { openInNewTab } from '../platform';
import { useResolverAnswer } from '../use-resolver-answer';
import { InlineError, Muted, SelectField } from './controls';

/**
 * Releasing the version in Jira, as Jira's own release dialog asks it: the version's unresolved
 * issues first, then what becomes of them (moved to another unreleased version, or left where they
 * are), the date Jira will record and whether release notes get published. `onRequest` receives
 * the choice, or undefined while it is incomplete (still loading, or no version picked to move to).
 */
export function ReleaseOptions({ versionId, onRequest }: { versionId: string; onRequest: (request: ReleaseRequest | undefined) => void }) {
  const { data, error, loading } = useResolverAnswer('getReleaseChoices', { versionId });
  const [choice, setChoice] = useState<'move' | 'keep'>('move');
  const [moveTo, setMoveTo] = useState('');
  const unresolved = data?.unresolved.count ?? 0;
  const canMove = (data?.moveTargets.length ?? 0) > 0;
  const effective = !canMove ? 'keep' : choice;
  const target = moveTo || data?.moveTargets[0]?.id || '';

  useEffect(() => {
    if (!data) return onRequest(undefined);
    if (unresolved === 0 || effective === 'keep') return onRequest({ unresolvedIssues: 'keep' });
    onRequest(target ? { unresolvedIssues: 'move', moveToVersionId: target } : undefined);
  }, [data, unresolved, effective, target, onRequest]);

  if (error) return <InlineError error={error} testId="gng-release-choices-error" />;
  if (!data) return <Muted>{loading ? 'Reading the version’s unresolved issues from Jira…' : ''}</Muted>;
  return (
    <div data-testid="gng-release-options" data-unresolved={unresolved} style={{ border: `1px solid ${color.border}`, borderRadius: radius, padding: space.s150, display: 'flex', flexDirection: 'column', gap: space.s150 }}>
      <div style={{ font: font.body, color: color.text }}>
        Jira will record <strong>{data.versionName}</strong> as released on <strong data-testid="gng-release-date">{data.releaseDate}</strong> (today in {data.timeZone}).
      </div>
      {unresolved === 0 ? (
        <div data-testid="gng-unresolved-none" style={{ font: font.body, color: color.text }}>
          Every issue of {data.versionName} is resolved.
        </div>
      ) : (
        <>
          <UnresolvedList choices={data} />
          <fieldset style={{ border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: space.s100 }}>
            <legend style={{ font: font.small, fontWeight: 600, color: color.textSubtle, marginBottom: space.s050 }}>What happens to the unresolved issues?</legend>
            <Choice value="move" checked={effective === 'move'} disabled={!canMove} onSelect={setChoice} testId="gng-unresolved-move">
              Move them to another version{canMove ? '' : ' (the project has no other unreleased version)'}
            </Choice>
            {effective === 'move' && (
              <div style={{ paddingLeft: space.s300, maxWidth: 360 }}>
                <SelectField
                  label="Move to"
                  value={target}
                  onValue={setMoveTo}
                  options={data.moveTargets.map((v) => ({ value: v.id, label: v.releaseDate ? `${v.name} (due ${v.releaseDate})` : v.name }))}
                  testId="gng-move-to"
                />
              </div>
            )}
            <Choice value="keep" checked={effective === 'keep'} onSelect={setChoice} testId="gng-unresolved-keep">
              Release anyway: they stay in {data.versionName}
            </Choice>
          </fieldset>
        </>
      )}
      <SectionMessage appearance={data.releaseNotes.publishOnRelease ? 'information' : 'discovery'} testId="gng-release-notes-note">
        <p style={{ margin: 0 }}>{data.releaseNotes.text}</p>
      </SectionMessage>
    </div>
  );
}

function UnresolvedList({ choices }: { choices: ReleaseChoicesView }) {
  const { count, issues } = choices.unresolved;
  return (
    <div data-testid="gng-unresolved" style={{ display: 'flex', flexDirection: 'column', gap: space.s050 }}>
      <div style={{ font: font.body, color: color.textWarning }}>
        <strong data-testid="gng-unresolved-count">
          {count} unresolved {count === 1 ? 'issue' : 'issues'}
        </strong>{' '}
        {count === 1 ? 'is' : 'are'} still in {choices.versionName}.
      </div>
      <ul style={{ margin: 0, paddingLeft: space.s200, maxHeight: 220, overflowY: 'auto', font: font.body, color: color.text }}>
        {issues.map((issue) => (
          <li key={issue.key} data-issue={issue.key} style={{ marginBottom: 2 }}>
            <a
              href={`/browse/${encodeURIComponent(issue.key)}`}
              onClick={(e) => {
                e.preventDefault();
                void openInNewTab(`/browse/${encodeURIComponent(issue.key)}`).catch(() => undefined);
              }}
              style={{ color: color.link, fontWeight: 600, whiteSpace: 'nowrap' }}
            >
              {issue.key}
            </a>{' '}
            {issue.summary} <Lozenge>{issue.statusName}</Lozenge>
          </li>
        ))}
      </ul>
      {count > issues.length && <Muted>and {count - issues.length} more (not listed).</Muted>}
    </div>
  );
}

function Choice({ value, checked, disabled, onSelect, testId, children }: { value: 'move' | 'keep'; checked: boolean; disabled?: boolean; onSelect: (v: 'move' | 'keep') => void; testId: string; children: ReactNode }) {
  return (
    <label style={{ display: 'inline-flex', alignItems: 'center', gap: space.s050, font: font.body, color: disabled ? color.textSubtlest : color.text, cursor: disabled ? 'default' : 'pointer' }}>
      <input type="radio" name="gng-unresolved" value={value} data-testid={testId} checked={checked} disabled={disabled} onChange={() => onSelect(value)} style={{ accentColor: color.link, margin: 0 }} />
      {children}
    </label>
  );
}
