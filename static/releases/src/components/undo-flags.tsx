import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Flag from '@atlaskit/flag';
import CheckCircleIcon from '@atlaskit/icon/core/check-circle';
import ErrorIcon from '@atlaskit/icon/core/error';
import { token } from '@atlaskit/tokens';
import type { ErrorBody } from '../../../../src/contract';
import { space } from '../design';

/** How long a delete can be undone from its flag. */
export const UNDO_SECONDS = 10;
const RESTORED_SECONDS = 5;

export interface UndoableChange {
  /** "Deleted the UAT-1 slot of SHOP 2.5" */
  title: string;
  description?: string;
  /** Restores through the server; resolves to the error, or undefined when restored. */
  undo(): Promise<ErrorBody | undefined>;
  /** "Restored the UAT-1 slot of SHOP 2.5" */
  restoredTitle: string;
}

type Shown = { id: number; change: UndoableChange; state: 'offered' | 'undoing' | 'restored' } | { id: number; change: UndoableChange; state: 'failed'; error: ErrorBody };

/**
 * Success flags with Undo, Atlassian's pattern after a delete. Atlaskit's Flag, shown where the
 * action happened rather than in a FlagGroup: the app's iframe grows with its content, so a flag
 * fixed to the iframe's bottom corner would sit below the fold. Each offer stays 10 seconds (on the
 * page's timers, so tests move the clock instead of waiting); Undo restores through the server and
 * says whether it worked; a failed undo stays until dismissed.
 */
export function useUndoFlags(): { offer(change: UndoableChange): void; flags: ReactNode } {
  const [shown, setShown] = useState<Shown[]>([]);
  const next = useRef(0);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const dismiss = useCallback((id: number | string) => {
    setShown((all) => all.filter((f) => f.id !== id));
    const timer = timers.current.get(Number(id));
    if (timer) clearTimeout(timer);
    timers.current.delete(Number(id));
  }, []);
  const dismissIn = useCallback(
    (id: number, seconds: number) => {
      const old = timers.current.get(id);
      if (old) clearTimeout(old);
      timers.current.set(id, setTimeout(() => dismiss(id), seconds * 1000));
    },
    [dismiss],
  );
  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((t) => clearTimeout(t));
  }, []);

  const offer = useCallback(
    (change: UndoableChange) => {
      const id = ++next.current;
      setShown((all) => [{ id, change, state: 'offered' }, ...all]);
      dismissIn(id, UNDO_SECONDS);
    },
    [dismissIn],
  );
  const undo = useCallback(
    async (flag: Shown) => {
      // Undoing: the flag stays until the server has answered.
      const timer = timers.current.get(flag.id);
      if (timer) clearTimeout(timer);
      setShown((all) => all.map((f) => (f.id === flag.id ? { ...f, state: 'undoing' } : f)));
      const error = await flag.change.undo();
      setShown((all) => all.map((f) => (f.id !== flag.id ? f : error ? { id: f.id, change: f.change, state: 'failed', error } : { ...f, state: 'restored' })));
      if (!error) dismissIn(flag.id, RESTORED_SECONDS);
    },
    [dismissIn],
  );

  const flags = useMemo(
    () =>
      shown.length === 0 ? null : (
        <div role="region" aria-label="Changes you can undo" data-testid="undo-flags" style={{ display: 'flex', flexDirection: 'column', gap: space.s100, maxWidth: 400 }}>
          {shown.map((f) =>
            f.state === 'failed' ? (
              <Flag
                key={f.id}
                id={f.id}
                appearance="error"
                icon={<ErrorIcon label="Error" color={token('color.icon.inverse', '#FFFFFF')} />}
                title="Could not undo"
                description={`${f.error.message}${f.error.details?.length ? ` ${f.error.details.join(' ')}` : ''}`}
                actions={[{ content: 'Dismiss', onClick: () => dismiss(f.id) }]}
                testId="undo-flag-failed"
              />
            ) : (
              <Flag
                key={f.id}
                id={f.id}
                icon={<CheckCircleIcon label="Success" color={token('color.icon.success', '#22A06B')} />}
                title={f.state === 'restored' ? f.change.restoredTitle : f.change.title}
                description={f.state === 'restored' ? undefined : (f.change.description ?? `You can undo this for ${UNDO_SECONDS} seconds.`)}
                actions={f.state === 'restored' ? [] : [{ content: f.state === 'undoing' ? 'Undoing…' : 'Undo', onClick: () => f.state === 'offered' && void undo(f), testId: 'undo-flag-undo' }]}
                testId={f.state === 'restored' ? 'undo-flag-restored' : 'undo-flag'}
              />
            ),
          )}
        </div>
      ),
    [shown, dismiss, undo],
  );
  return { offer, flags };
}
