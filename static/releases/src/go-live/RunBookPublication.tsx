import Button from '@atlaskit/button/new';
import type { RunbookView } from '../../../../src/contract';
import { color, font, space } from '../design';
import { openInNewTab } from '../platform';
import { followUpText, formatInstant } from './golive-model';

/**
 * A finished run: its record is frozen, and its run book page in Confluence is published (with a
 * link), on its way, or failed with the reason and the next automatic try. A release manager can
 * publish it again.
 */
export function RunBookPublication({ view, timeZone, busy, onPublish }: { view: RunbookView; timeZone: string; busy: boolean; onPublish: () => void }) {
  const record = view.record;
  if (!record) return null;
  const p = record.publication;
  const status = p?.status ?? 'pending';
  return (
    <div data-testid="golive-record" data-publication={status} style={{ font: font.body, color: color.text, display: 'flex', gap: space.s150, flexWrap: 'wrap', alignItems: 'center' }}>
      <span data-testid="golive-frozen">Record frozen {formatInstant(record.frozenAt, timeZone)}: it no longer changes.</span>
      {status === 'published' && p?.pageId ? (
        <span data-testid="golive-page" style={{ color: color.textSuccess }}>
          Run book page{' '}
          {p.pageUrl ? (
            <a href={p.pageUrl} target="_blank" rel="noreferrer" data-testid="golive-page-link" onClick={(e) => { e.preventDefault(); void openInNewTab(p.pageUrl as string).catch(() => undefined); }}>
              {p.pageTitle}
            </a>
          ) : (
            <strong>{p.pageTitle}</strong>
          )}{' '}
          in {p.spaceKey}, version {p.pageVersion}
          {p.publishedAt ? `, published ${formatInstant(p.publishedAt, timeZone)}` : ''}
          {p.publishedBy ? ` by ${p.publishedBy.displayName}` : ''}.
        </span>
      ) : status === 'failed' ? (
        <span data-testid="golive-page-error" style={{ color: color.textDanger }}>
          The run book page was not published: {p?.error}
          {p?.retryAt ? ` The app tries again ${formatInstant(p.retryAt, timeZone)}.` : ' The app does not try again by itself.'}
        </span>
      ) : (
        <span data-testid="golive-page-pending" style={{ color: color.textSubtle }}>The run book page is being published to Confluence.</span>
      )}
      {status === 'published' && p?.error && <span style={{ color: color.textDanger }}>The last try failed: {p.error}</span>}
      {record.canPublish && (
        <Button testId="golive-publish" spacing="compact" isDisabled={busy} onClick={onPublish}>
          Publish again
        </Button>
      )}
    </div>
  );
}

/** Work the run's last writes called for (filing the deployment, freezing the run) while it is not done: pending, or failed and why. */
export function RunFollowUp({ view, timeZone }: { view: RunbookView; timeZone: string }) {
  const followUp = view.followUp;
  if (!followUp) return null;
  return (
    <div data-testid="golive-follow-up" data-failed={followUp.error ? 'true' : 'false'} style={{ font: font.body, color: followUp.error ? color.textDanger : color.textSubtle }}>
      {followUpText(followUp, timeZone)}
    </div>
  );
}
