import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import type { KpiPublicationStatus, KpiSyncStatus } from '../../../../src/contract';
import { formatDateTime, formatDay } from '../date-format';
import { useProjectTime } from '../project-time';
import { color, font, space } from '../design';
import { SYNC_STATE_LABEL, stalledWhat, syncBusy } from './sync-summary';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface Props {
  sync: KpiSyncStatus;
  canAdminister: boolean;
  syncing: boolean;
  onSync(): void;
}


/** An instant in the project's zone, '–' for none. */
const useWhen = () => {
  const { timeZone } = useProjectTime();
  return (iso?: string) => (iso ? formatDateTime(iso, timeZone) : '–');
};

/** Where the issue-fact sync stands: progress of the backfill, the watermark, a pause or an error. */
export function SyncStatusPanel({ sync, canAdminister, syncing, onSync }: Props) {
  const when = useWhen();
  const busy = syncBusy(sync);
  const syncButton = canAdminister ? (
    <Button spacing="compact" onClick={onSync} isDisabled={syncing || busy} testId="kpi-sync-now">
      {syncing ? 'Sync requested…' : 'Sync now'}
    </Button>
  ) : null;

  if (sync.state === 'never') {
    return (
      <div data-testid="kpi-sync-status" data-state={sync.state}>
        <SectionMessage appearance="information" title="The KPIs have no data yet">
          <p>
            The app has not read this project&apos;s issues yet. The daily sync starts it on its own
            {canAdminister ? ', or start it now.' : '; a project admin can also start it now.'} The first sync reads each month of issues once; later syncs read only what changed.
          </p>
          {syncButton && <p>{syncButton}</p>}
        </SectionMessage>
      </div>
    );
  }

  const progress = sync.chunksTotal ? sync.chunksDone / sync.chunksTotal : 0;
  return (
    <div data-testid="kpi-sync-status" data-state={sync.state} style={{ display: 'flex', flexDirection: 'column', gap: space.s100 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap', font: font.small, color: color.textSubtle }}>
        <Lozenge appearance={sync.state === 'idle' ? 'success' : sync.state === 'error' ? 'removed' : sync.state === 'waiting-quota' || sync.state === 'rate-limited' ? 'moved' : 'inprogress'}>
          {SYNC_STATE_LABEL[sync.state]}
        </Lozenge>
        <span>
          {sync.issuesStored} issues stored
          {sync.syncedUpTo ? ` · changes up to ${when(sync.syncedUpTo)}` : ''}
          {sync.horizon ? ` · issues created since ${formatDay(new Date(`${sync.horizon}T00:00:00`))}, older ones when they change` : ''}
          {sync.lastRunAt ? ` · last run ${when(sync.lastRunAt)}` : ''}
        </span>
        <span style={{ flex: 1 }} />
        {syncButton}
      </div>
      {sync.state === 'backfilling' && (
        <div style={{ maxWidth: 480 }} data-testid="kpi-sync-progress">
          <ProgressBar value={progress} ariaLabel={`Backfill: ${sync.chunksDone} of ${sync.chunksTotal} chunks`} />
          <span style={{ font: font.small, color: color.textSubtle }}>
            {sync.rebuilding
              ? `Full re-sync: ${sync.chunksDone} of ${sync.chunksTotal} chunks (a month of issues each), started ${when(sync.rebuilding.startedAt)}. The figures are the previous sync's until it is complete.`
              : `Backfill: ${sync.chunksDone} of ${sync.chunksTotal} chunks (a month of issues each). Figures fill in as it goes.`}
          </span>
        </div>
      )}
      {sync.stalled && (
        <div data-testid="kpi-sync-stalled">
          <SectionMessage appearance="warning" title="The sync stopped part-way">
            <p>
              {capitalised(stalledWhat(sync.stalled.chunks))} stopped without finishing (its job ended; lease expired {when(sync.stalled.since)}). {canAdminister ? '“Sync now” resumes' : 'A project admin can resume'} where it stopped; the daily sync does too. The stored facts are intact.
            </p>
          </SectionMessage>
        </div>
      )}
      {(sync.state === 'waiting-quota' || sync.state === 'rate-limited') && (
        <SectionMessage appearance="warning" title={sync.state === 'waiting-quota' ? "Jira's hourly API allowance is used up" : 'Jira asked the app to slow down'}>
          <p>The sync stopped where it was and continues on its own{sync.retryAt ? ` after ${when(sync.retryAt)}` : ''}. Nothing is lost.</p>
        </SectionMessage>
      )}
      {sync.state === 'error' && (
        <SectionMessage appearance="error" title="The last sync failed">
          <p>{sync.error ?? 'Unknown error.'} The daily sync tries again.</p>
        </SectionMessage>
      )}
    </div>
  );
}

/** The weekly Confluence page: published, unchanged, or why not. */
export function PublicationStatus({ publication }: { publication?: KpiPublicationStatus }) {
  const when = useWhen();
  if (!publication) {
    return (
      <p data-testid="kpi-publication" style={{ margin: 0, font: font.small, color: color.textSubtle }}>
        Not published to Confluence yet: the weekly KPI trigger publishes this project&apos;s page.
      </p>
    );
  }
  if (!publication.ok) {
    return (
      <div data-testid="kpi-publication" data-ok="false">
        <SectionMessage appearance="warning" title="The KPI page is not in Confluence">
          <p>{publication.error}</p>
          <p>
            Tried {when(publication.at)}. The figures and this week&apos;s snapshot are kept; the next weekly run publishes them once the space is
            reachable (Release settings → reports space).
          </p>
        </SectionMessage>
      </div>
    );
  }
  return (
    <p data-testid="kpi-publication" data-ok="true" style={{ margin: 0, font: font.small, color: color.textSubtle }}>
      Confluence: “{publication.title}” {publication.action === 'unchanged' ? 'checked, unchanged' : publication.action} {when(publication.at)}.
    </p>
  );
}
