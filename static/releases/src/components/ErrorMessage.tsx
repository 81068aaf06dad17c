import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import type { ErrorBody } from '../../../../src/contract';
import { formatTime, viewerTimeZone } from '../date-format';
import { humanDetail } from '../field-errors';
import { useOptionalProjectTime } from '../project-time';

interface Props {
  /** What failed, from the user's point of view, e.g. "Could not load the versions". */
  title: string;
  error: ErrorBody;
  onRetry?: () => void;
  /** The retry action's label; "Try again" unless the action is something else (e.g. "Reload"). */
  retryLabel?: string;
}

/** A resolver or bridge error as the user sees it: the catalogue message, never swallowed. */
export function ErrorMessage({ title, error, onRetry, retryLabel = 'Try again' }: Props) {
  const transient = error.code === 'RATE_LIMITED' || error.code === 'QUOTA_EXHAUSTED';
  const retryAt = error.retryAt ? new Date(error.retryAt) : undefined;
  // Before the project's time has loaded (the page could not start) the viewer's own zone is all there is.
  const timeZone = useOptionalProjectTime()?.timeZone ?? viewerTimeZone();
  return (
    <div data-testid="page-error" data-error-code={error.code}>
      <SectionMessage
        appearance={transient ? 'warning' : 'error'}
        title={title}
        actions={onRetry ? [<SectionMessageAction key="retry" onClick={onRetry}>{retryLabel}</SectionMessageAction>] : []}
      >
        <p>{error.message}</p>
        {error.details && error.details.length > 0 && (
          <ul>
            {error.details.map((detail, i) => (
              <li key={i}>{humanDetail(detail)}</li>
            ))}
          </ul>
        )}
        {retryAt && !Number.isNaN(retryAt.getTime()) && <p>You can try again after {formatTime(retryAt, timeZone)}.</p>}
      </SectionMessage>
    </div>
  );
}

/** The shape for failures that happen in the page itself (bridge calls other than invoke). */
export function localError(message: string, cause?: unknown): ErrorBody {
  const detail = cause instanceof Error ? cause.message : cause === undefined ? undefined : String(cause);
  return detail ? { code: 'INTERNAL', message, details: [detail] } : { code: 'INTERNAL', message };
}

/**
 * A failed save of a settings document. A CONFLICT (someone saved since the page loaded it) offers
 * to reload: the message says to, and saving again would only be refused again.
 */
export function SaveError({ title, error, onReload }: { title: string; error: ErrorBody; onReload: () => void }) {
  const conflict = error.code === 'CONFLICT';
  return <ErrorMessage title={conflict ? 'Saved meanwhile by someone else' : title} error={error} {...(conflict ? { onRetry: onReload, retryLabel: 'Reload' } : {})} />;
}
