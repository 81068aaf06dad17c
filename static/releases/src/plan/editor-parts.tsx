/**
 * What the release-plan editors (SlotEditor, WindowEditor, DeploymentEditor, DependencyEditor)
 * share: the form frame, its buttons, labels, and problems by field. Each editor validates as you
 * type with the same rules the server applies (src/domain/release-plan/validate.ts), shows the
 * server's answer when it still refuses, and stores nothing until Save.
 */
import { type ReactNode, type RefObject, useEffect, useRef } from 'react';
import Button from '@atlaskit/button/new';
import type { CalendarVersion, ErrorBody, PlanEnvironment } from '../../../../src/contract';
import { space } from '../design';
import { formatJiraDate } from '../release-rows';
import type { MutationOutcome, ReleaseCalendarState } from './use-release-calendar';

export type Mutate = ReleaseCalendarState['mutate'];

/** The error of a plan change, or undefined when it landed. */
export const errorOf = (outcome: MutationOutcome): ErrorBody | undefined => (outcome.ok ? undefined : outcome.error);

/** Problems are worded `field: message`; each goes under its field, the rest above the buttons. */
export function byField(problems: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const problem of problems) {
    const match = /^([a-zA-Z.]+): (.*)$/.exec(problem);
    const field = match?.[1]?.split('.').pop() ?? '';
    const text = match?.[2] ?? problem;
    map.set(field, map.has(field) ? `${map.get(field)} ${text}` : text);
  }
  return map;
}

export function versionLabel(v: CalendarVersion): string {
  const dates = v.startDate || v.releaseDate ? ` (${formatJiraDate(v.startDate)} – ${formatJiraDate(v.releaseDate)})` : '';
  return `${v.name}${dates}${v.released ? ', released' : ''}`;
}

export function environmentLabel(e: PlanEnvironment): string {
  return `${e.name} · ${e.tier}${e.status === 'available' ? '' : ` (${e.status})`}`;
}

export function useFocusFirst() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('select, input, textarea')?.focus();
  }, []);
  return ref;
}

/** An editor's form: Enter submits, the fields are disabled together, the footer (errors, buttons) stays enabled. */
export function EditorForm({ focusRef, disabled, onSubmit, footer, children }: { focusRef: RefObject<HTMLDivElement>; disabled: boolean; onSubmit: () => void; footer: ReactNode; children: ReactNode }) {
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <div ref={focusRef} style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }}>
        <fieldset disabled={disabled} style={{ border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: space.s150 }}>
          {children}
        </fieldset>
        {footer}
      </div>
    </form>
  );
}

export function Actions({ busy, onCancel, onDelete, submitLabel, testId }: { busy: boolean; onCancel: () => void; onDelete?: () => void; submitLabel: string; testId: string }) {
  return (
    <div style={{ display: 'flex', gap: space.s100, flexWrap: 'wrap' }}>
      <Button type="submit" appearance="primary" isDisabled={busy} testId={`${testId}-save`}>
        {busy ? 'Saving…' : submitLabel}
      </Button>
      <Button onClick={onCancel} isDisabled={busy} testId={`${testId}-cancel`}>
        Cancel
      </Button>
      {onDelete && (
        <Button appearance="danger" onClick={onDelete} isDisabled={busy} testId={`${testId}-delete`}>
          Delete
        </Button>
      )}
    </div>
  );
}
