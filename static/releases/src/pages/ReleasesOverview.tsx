import { useMemo, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import type { ReleaseState, ReleaseSummary } from '../../../../src/contract';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageSkeleton } from '../components/PageSkeleton';
import { formatDateTime } from '../date-format';
import { useProjectTime } from '../project-time';
import { ProgressCell } from '../components/ProgressCell';
import { color, filterSelectStyle, font, space } from '../design';
import {
  STATE_LABELS,
  STATE_ORDER,
  filterReleases,
  formatJiraDate,
  isSortColumn,
  relativeReleaseText,
  sortReleases,
  stateAppearance,
  type SortColumn,
  type SortOrder,
} from '../release-rows';
import type { ProjectReleasesState } from '../use-project-releases';
import { VersionLink } from '../components/VersionLink';
import { WaitingForMe } from '../go-no-go/WaitingForMe';
import { ReadinessCell } from '../readiness/parts';
import { useReleaseReadiness } from '../readiness/use-release-readiness';
import { OverviewBurnup } from '../charts/OverviewBurnup';

type StateChoice = ReleaseState | 'all';

function isStateChoice(value: string): value is StateChoice {
  return value === 'all' || (STATE_ORDER as readonly string[]).includes(value);
}

// Atlaskit reads widths as percentages: with the Readiness column they must add up to 100, and the
// cells wrap their text, so at 1,024 px the whole table, Readiness included, fits without scrolling.
const READINESS_WIDTH = 19;
const COLUMNS: Array<{ key: SortColumn; label: string; width: number }> = [
  { key: 'name', label: 'Version', width: 22 },
  { key: 'state', label: 'State', width: 10 },
  { key: 'start', label: 'Start', width: 10 },
  { key: 'release', label: 'Release date', width: 12 },
  { key: 'progress', label: 'Progress', width: 20 },
  { key: 'issues', label: 'Issues', width: 7 },
];

interface Props {
  projectKey: string;
  siteUrl?: string;
  releases: ProjectReleasesState;
  /** Opens a version's release notes (preview and publishing). */
  onOpenReleaseNotes?: (versionId: string) => void;
  /** Opens a version's Go/No-Go board. */
  onOpenGoNoGo?: (versionId: string) => void;
  /** Opens a version's go-live runbook. */
  onOpenGoLive?: (versionId: string) => void;
}

export function ReleasesOverview({ projectKey, siteUrl, releases, onOpenReleaseNotes, onOpenGoNoGo, onOpenGoLive }: Props) {
  const { data, loading, error, includeOlderReleased, setIncludeOlderReleased, reload } = releases;
  const { timeZone } = useProjectTime();
  const [text, setText] = useState('');
  const [stateFilter, setStateFilter] = useState<StateChoice>('all');
  const [sortKey, setSortKey] = useState<SortColumn>('state');
  const [sortOrder, setSortOrder] = useState<SortOrder>('ASC');

  const filtered = useMemo(
    () => filterReleases(data?.releases ?? [], { text, state: stateFilter === 'all' ? undefined : stateFilter }),
    [data, text, stateFilter],
  );
  const rows = useMemo(
    () => buildRows(filtered, sortKey, sortOrder, projectKey, siteUrl, onOpenReleaseNotes),
    [filtered, sortKey, sortOrder, projectKey, siteUrl, onOpenReleaseNotes],
  );
  // Readiness roll-ups (unreleased versions only) come from their own resolver, so the table
  // never waits for them; a failure leaves the column at "–".
  const readiness = useReleaseReadiness(true);
  const rowsWithReadiness = useMemo(() => {
    const byId = new Map((readiness.data?.releases ?? []).map((r) => [r.release.id, r]));
    return rows.map((row) => ({ ...row, cells: [...row.cells, { key: 'readiness', content: <ReadinessCell readiness={byId.get(String(row.key))} /> }] }));
  }, [rows, readiness.data]);

  if (!data) {
    if (error) return <ErrorMessage title="Could not load the versions" error={error} onRetry={reload} />;
    return <PageSkeleton label="Loading versions" />;
  }

  const total = data.releases.length;
  const hiddenOlder = includeOlderReleased ? 0 : data.olderReleasedCount;
  if (total === 0 && hiddenOlder === 0) {
    return (
      <Stacked>
        {error && <ErrorMessage title="Could not refresh the versions" error={error} onRetry={reload} />}
        <div data-testid="releases-empty">
          <SectionMessage appearance="information" title="No versions yet">
            <p>No versions in this project yet – create one in Jira&apos;s Releases page.</p>
          </SectionMessage>
        </div>
      </Stacked>
    );
  }

  return (
    <Stacked>
      {error && <ErrorMessage title="Could not refresh the versions" error={error} onRetry={reload} />}
      {onOpenGoNoGo && <WaitingForMe onOpenBoard={onOpenGoNoGo} onOpenGoLive={onOpenGoLive ?? onOpenGoNoGo} siteUrl={siteUrl} />}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.s100, alignItems: 'center' }}>
        <div style={{ flex: '1 1 220px', maxWidth: 320 }}>
          <Textfield
            aria-label="Filter versions by name or description"
            placeholder="Filter by name or description"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            isCompact
          />
        </div>
        <select
          aria-label="Filter versions by state"
          data-testid="state-filter"
          className="rr-select"
          value={stateFilter}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (isStateChoice(value)) setStateFilter(value);
          }}
          style={filterSelectStyle}
        >
          <option value="all">All states</option>
          {STATE_ORDER.map((state) => (
            <option key={state} value={state}>
              {STATE_LABELS[state]}
            </option>
          ))}
        </select>
        <Button
          isSelected={includeOlderReleased}
          aria-pressed={includeOlderReleased}
          onClick={() => setIncludeOlderReleased(!includeOlderReleased)}
          testId="toggle-older-released"
        >
          {includeOlderReleased ? 'Hide older released versions' : `Show older released versions${data.olderReleasedCount ? ` (${data.olderReleasedCount})` : ''}`}
        </Button>
        <Button appearance="subtle" onClick={reload} isDisabled={loading}>
          Refresh
        </Button>
      </div>
      <p aria-live="polite" style={{ font: font.small, color: color.textSubtle, margin: 0 }}>
        {filtered.length === total ? `${total} version${total === 1 ? '' : 's'}` : `Showing ${filtered.length} of ${total} versions`}
        {hiddenOlder > 0 && ` · ${hiddenOlder} older released version${hiddenOlder === 1 ? '' : 's'} hidden`}
        {` · as of ${formatDateTime(data.generatedAt, timeZone)}`}
      </p>
      {/* Below 1,024 px the table scrolls sideways rather than cut off its last columns. */}
      <div data-testid="releases-table" style={{ overflowX: 'auto' }}>
        <DynamicTableStateless
          label={`Versions of ${data.project.name}`}
          head={{ cells: [...COLUMNS.map((c) => ({ key: c.key, content: c.label, isSortable: true, width: c.width })), { key: 'readiness', content: 'Readiness', isSortable: false, width: READINESS_WIDTH }] }}
          rows={rowsWithReadiness}
          sortKey={sortKey}
          sortOrder={sortOrder}
          onSort={(sort: { key?: unknown; sortOrder?: unknown }) => {
            if (isSortColumn(sort.key)) setSortKey(sort.key);
            setSortOrder(sort.sortOrder === 'DESC' ? 'DESC' : 'ASC');
          }}
          rowsPerPage={50}
          isLoading={loading}
          loadingLabel="Loading versions"
          emptyView={<p style={{ color: color.textSubtle }}>No versions match the filter.</p>}
        />
      </div>
      {total > 0 && <OverviewBurnup releases={data.releases} />}
    </Stacked>
  );
}

function Stacked({ children }: { children: ReactNode }) {
  return <div style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }}>{children}</div>;
}

/**
 * Rows already in the chosen order. The table re-sorts by each cell's `key`, so every sortable
 * cell carries its row's ascending rank for that column: the table's order is then ours.
 */
function buildRows(
  releases: ReleaseSummary[],
  sortKey: SortColumn,
  sortOrder: SortOrder,
  projectKey: string,
  siteUrl?: string,
  onOpenReleaseNotes?: (versionId: string) => void,
) {
  const ranks = new Map<SortColumn, Map<string, number>>();
  for (const column of COLUMNS) {
    ranks.set(column.key, new Map(sortReleases(releases, column.key, 'ASC').map((r, i) => [r.id, i])));
  }
  const rank = (column: SortColumn, id: string) => ranks.get(column)?.get(id) ?? 0;
  return sortReleases(releases, sortKey, sortOrder).map((r) => {
    const relative = relativeReleaseText(r);
    return {
      key: r.id,
      testId: `release-row-${r.id}`,
      cells: [
        {
          key: rank('name', r.id),
          content: (
            <div>
              <VersionLink projectKey={projectKey} versionId={r.id} siteUrl={siteUrl} name={r.name} />
              {r.description && (
                <div style={{ font: font.small, color: color.textSubtle, marginTop: 2 }} title={r.description}>
                  {r.description.length > 120 ? `${r.description.slice(0, 119)}…` : r.description}
                </div>
              )}
              {onOpenReleaseNotes && (
                <button
                  type="button"
                  className="rr-tab"
                  data-testid={`release-notes-${r.id}`}
                  onClick={() => onOpenReleaseNotes(r.id)}
                  style={{ font: font.small, color: color.link, background: 'none', border: 'none', padding: 0, marginTop: 2, cursor: 'pointer' }}
                >
                  Release notes
                </button>
              )}
            </div>
          ),
        },
        { key: rank('state', r.id), content: <Lozenge appearance={stateAppearance(r.state)}>{STATE_LABELS[r.state]}</Lozenge> },
        { key: rank('start', r.id), content: <span style={{ whiteSpace: 'nowrap' }}>{formatJiraDate(r.startDate)}</span> },
        {
          key: rank('release', r.id),
          content: (
            <div style={{ whiteSpace: 'nowrap' }}>
              {formatJiraDate(r.releaseDate)}
              {relative && (
                <div style={{ font: font.small, color: r.state === 'overdue' ? color.textDanger : color.textSubtle }}>{relative}</div>
              )}
            </div>
          ),
        },
        { key: rank('progress', r.id), content: <ProgressCell release={r} /> },
        { key: rank('issues', r.id), content: r.counts.total },
      ],
    };
  });
}
