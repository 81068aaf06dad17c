import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Spinner from '@atlaskit/spinner';
import type { ErrorBody, KpiCell, KpiColumn, KpiDrilldown, KpiFigureId } from '../../../../src/contract';
import { readVersionCell } from '../../../../src/domain/kpis/version-cell';
import { ErrorMessage } from '../components/ErrorMessage';
import { csvText, downloadCsv } from '../csv';
import { formatDateTimeYear } from '../date-format';
import { color, font, space } from '../design';
import { invoke, openInNewTab } from '../platform';
import { useProjectTime } from '../project-time';

/** Keys in one Jira search link (URLs stay short). */
const MAX_SEARCH_KEYS = 100;
const MAX_LINKS_PER_CELL = 12;

function JiraLink({ path, children }: { path: string; children: string }) {
  return (
    <a
      href={path}
      onClick={(event) => {
        event.preventDefault();
        void openInNewTab(path).catch(() => undefined);
      }}
      style={{ color: color.link, whiteSpace: 'nowrap' }}
    >
      {children}
    </a>
  );
}

/**
 * Facts carry exact UTC minutes ("2026-11-24T10:00Z", kept so in the CSV); the table shows them in
 * the project's zone, named in each cell, so its column drops the "(UTC)" of the fact's label.
 */
const shownLabel = (column: KpiColumn) => (column.kind === 'time' ? column.label.replace(/ \(UTC\)$/, '') : column.label);
const shownTime = (value: string, timeZone: string) => (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value) && !Number.isNaN(Date.parse(value)) ? formatDateTimeYear(value, timeZone) : value.replace('T', ' '));

function cell(column: KpiColumn, value: KpiCell, projectKey: string, timeZone: string) {
  if (value === null || value === undefined || value === '') return <span style={{ color: color.textSubtlest }}>–</span>;
  switch (column.kind) {
    case 'issue':
      return <JiraLink path={`/browse/${String(value)}`}>{String(value)}</JiraLink>;
    case 'time':
      return <span style={{ whiteSpace: 'nowrap' }}>{shownTime(String(value), timeZone)}</span>;
    case 'day':
    case 'deployment':
      return <span style={{ whiteSpace: 'nowrap' }}>{String(value).replace('T', ' ')}</span>;
    case 'issues': {
      const keys = String(value).split(', ');
      return (
        <span>
          {keys.slice(0, MAX_LINKS_PER_CELL).map((key, i) => (
            <span key={key}>
              {i > 0 && ', '}
              <JiraLink path={`/browse/${key}`}>{key}</JiraLink>
            </span>
          ))}
          {keys.length > MAX_LINKS_PER_CELL && ` +${keys.length - MAX_LINKS_PER_CELL} more`}
        </span>
      );
    }
    case 'version': {
      const { id, name } = readVersionCell(String(value));
      return <JiraLink path={`/projects/${projectKey}/versions/${id}`}>{name}</JiraLink>;
    }
    case 'flag':
      return value === true ? 'yes' : value === false ? 'no' : '–';
    case 'number':
      return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{String(value)}</span>;
    default:
      return String(value);
  }
}

/** The drill-down as CSV: every row (not only the page shown), the columns' labels as the header. */
export function drilldownCsv(data: Pick<KpiDrilldown, 'columns' | 'rows'>): string {
  return csvText([data.columns.map((c) => c.label), ...data.rows.map((row) => data.columns.map((c) => row[c.key] ?? ''))]);
}

/** The exact items behind one figure, as a paged table with links to Jira. */
export function Drilldown({ figureId, title, projectKey }: { figureId: KpiFigureId; title: string; projectKey: string }) {
  const [data, setData] = useState<KpiDrilldown>();
  const [error, setError] = useState<ErrorBody>();
  const [generation, setGeneration] = useState(0);
  const { timeZone } = useProjectTime();

  useEffect(() => {
    let cancelled = false;
    setData(undefined);
    setError(undefined);
    void invoke('getKpiDrilldown', { figureId }).then((result) => {
      if (cancelled) return;
      if (result.ok) setData(result.data);
      else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [figureId, generation]);

  if (error) return <ErrorMessage title={`Could not load what is behind “${title}”`} error={error} onRetry={() => setGeneration((g) => g + 1)} />;
  if (!data) {
    return (
      <div style={{ display: 'flex', justifyContent: 'center', padding: space.s300 }}>
        <Spinner label={`Loading what is behind ${title}`} />
      </div>
    );
  }
  const keys = [...new Set(data.issueKeys)];
  const jql = `key in (${keys.slice(0, MAX_SEARCH_KEYS).join(', ')}) ORDER BY key`;
  return (
    <section aria-label={`What is behind ${title}`} data-testid={`drilldown-table-${figureId}`} style={{ display: 'flex', flexDirection: 'column', gap: space.s100 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap' }}>
        <h3 style={{ margin: 0, font: font.body, fontWeight: 600, color: color.text }}>
          {title}: {data.title}
        </h3>
        <span style={{ font: font.small, color: color.textSubtle }}>
          {data.rows.length} row{data.rows.length === 1 ? '' : 's'}
          {keys.length ? ` · ${keys.length} issue${keys.length === 1 ? '' : 's'}` : ''}
        </span>
        <span style={{ flex: 1 }} />
        {data.rows.length > 0 && (
          <Button spacing="compact" appearance="subtle" testId={`drilldown-csv-${figureId}`} onClick={() => downloadCsv(`${projectKey.toLowerCase()}-${figureId}.csv`, drilldownCsv(data))}>
            Export CSV
          </Button>
        )}
        {keys.length > 0 && (
          <Button spacing="compact" onClick={() => void openInNewTab(`/issues/?jql=${encodeURIComponent(jql)}`).catch(() => undefined)}>
            {keys.length > MAX_SEARCH_KEYS ? `Open the first ${MAX_SEARCH_KEYS} in Jira search` : 'Open in Jira search'}
          </Button>
        )}
      </div>
      {data.rows.length === 0 ? (
        <p style={{ margin: 0, font: font.body, color: color.textSubtle }}>Nothing in the window: the figure has no data.</p>
      ) : (
        <DynamicTable
          head={{ cells: data.columns.map((c) => ({ key: c.key, content: shownLabel(c) })) }}
          rows={data.rows.map((row, i) => ({ key: `row-${i}`, cells: data.columns.map((c) => ({ key: c.key, content: cell(c, row[c.key] ?? null, projectKey, timeZone) })) }))}
          rowsPerPage={20}
          defaultPage={1}
        />
      )}
    </section>
  );
}
