/** What the environment settings forms share: the section frame, the save callback, "Saved." state. */
import { type ReactNode, useState } from 'react';
import Button from '@atlaskit/button/new';
import type { ErrorBody, ResolverContract } from '../../../../src/contract';
import { color, font, space } from '../design';

export type SettingsMutation = 'saveEnvironment' | 'deleteEnvironment' | 'restoreEnvironment' | 'savePromotionOrder' | 'savePlanSettings' | 'setReleaseManagers' | 'disableCalendarFeed';

export function Section({ title, description, children, testId }: { title: string; description?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section data-testid={testId} style={{ display: 'flex', flexDirection: 'column', gap: space.s100, paddingBottom: space.s300, borderBottom: `1px solid ${color.border}` }}>
      <h2 style={{ margin: 0, font: font.body, fontSize: 18, fontWeight: 600, color: color.text }}>{title}</h2>
      {description && <p style={{ margin: 0, color: color.textSubtle, maxWidth: 760 }}>{description}</p>}
      {children}
    </section>
  );
}

export type Save = <K extends SettingsMutation>(name: K, payload: ResolverContract[K]['payload']) => Promise<ErrorBody | undefined>;

/** Error and "saved" state of a settings form; `record` takes what the save answered. */
export function useSaveOutcome() {
  const [error, setError] = useState<ErrorBody>();
  const [saved, setSaved] = useState(false);
  const record = (failed: ErrorBody | undefined) => {
    setError(failed);
    setSaved(!failed);
  };
  return { error, saved, setSaved, record };
}

/** A settings form's save button, with a "Saved." status next to it. */
export function SaveRow({ label, disabled, testId, saved, onSave }: { label: string; disabled: boolean; testId?: string; saved: boolean; onSave: () => Promise<void> }) {
  return (
    <div style={{ display: 'flex', gap: space.s100, alignItems: 'center' }}>
      <Button appearance="primary" isDisabled={disabled} {...(testId ? { testId } : {})} onClick={onSave}>
        {label}
      </Button>
      <span role="status" style={{ font: font.small, color: color.textSuccess }}>
        {saved ? 'Saved.' : ''}
      </span>
    </div>
  );
}
