import { useState } from 'react';
import Button from '@atlaskit/button/new';
import type { AuditCsvExport, AuditLogView, ErrorBody } from '../../../../src/contract';
import { color, font, space } from '../design';
import { downloadCsv } from '../csv';
import { invoke } from '../platform';
import { formatDateTimeYear, viewerTimeTitle } from '../date-format';
import { useProjectTime } from '../project-time';
import { auditActionLabel, describeValue } from './board-model';
import { InlineError, Muted, Section, inputStyle, tableStyle, tdStyle, thStyle } from './controls';

type Scope = 'board' | 'settings';

/** Every change on the board (or of the project's settings): who, when, what, before and after. */
export function AuditLog({ versionId, versionName }: { versionId: string; versionName: string }) {
  const [scope, setScope] = useState<Scope>('board');
  const { timeZone } = useProjectTime();
  const [log, setLog] = useState<AuditLogView & { scope: Scope; versionId: string }>();
  const [error, setError] = useState<ErrorBody>();
  const [busy, setBusy] = useState(false);
  const [csv, setCsv] = useState<AuditCsvExport>();
  const payload = (s: Scope) => (s === 'board' ? { versionId } : {});
  const load = async (s: Scope) => {
    setBusy(true);
    const result = await invoke('getAuditLog', payload(s));
    setBusy(false);
    if (result.ok) {
      setLog({ ...result.data, scope: s, versionId });
      setError(undefined);
    } else setError(result.error);
  };
  const download = async () => {
    setBusy(true);
    const result = await invoke('exportAuditCsv', payload(scope));
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setCsv(result.data);
    try {
      downloadCsv(result.data.filename, result.data.csv);
    } catch {
      // A sandbox without downloads: the text below can be copied instead.
    }
  };
  const current = log && log.scope === scope && log.versionId === versionId ? log : undefined;
  return (
    <Section
      title="Audit log"
      testId="gng-audit"
      description="Append-only: every change on the board is kept with who made it, when, and the values before and after."
      actions={
        <div style={{ display: 'flex', gap: space.s100, alignItems: 'center' }}>
          <select
            aria-label="Which log"
            className="rr-select"
            value={scope}
            onChange={(e) => {
              const next = e.currentTarget.value === 'settings' ? 'settings' : 'board';
              setScope(next);
              setCsv(undefined);
              void load(next);
            }}
            style={{ ...inputStyle(), width: 'auto' }}
          >
            <option value="board">Board of {versionName}</option>
            <option value="settings">Project Go/No-Go settings</option>
          </select>
          <Button onClick={() => void load(scope)} isDisabled={busy} testId="gng-audit-load">
            {current ? 'Refresh' : 'Show log'}
          </Button>
          <Button onClick={() => void download()} isDisabled={busy} testId="gng-audit-csv">
            Download CSV
          </Button>
        </div>
      }
    >
      <InlineError error={error} />
      {current &&
        (current.entries.length === 0 ? (
          <Muted>No changes recorded yet.</Muted>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table data-testid="gng-audit-table" style={tableStyle} aria-label="Audit log">
              <thead>
                <tr>
                  <th scope="col" style={thStyle}>When</th>
                  <th scope="col" style={thStyle}>Who</th>
                  <th scope="col" style={thStyle}>What</th>
                  <th scope="col" style={thStyle}>Before</th>
                  <th scope="col" style={thStyle}>After</th>
                </tr>
              </thead>
              <tbody>
                {[...current.entries].reverse().map((e) => (
                  <tr key={e.id} data-action={e.action}>
                    <td style={{ ...tdStyle, whiteSpace: 'nowrap' }} title={viewerTimeTitle(e.at, timeZone)}>{formatDateTimeYear(e.at, timeZone)}</td>
                    <td style={tdStyle}>{e.actor.displayName}</td>
                    <td style={tdStyle}>
                      <div style={{ fontWeight: 600 }}>{auditActionLabel(e)}</div>
                      <div style={{ font: font.small, color: color.textSubtle }}>{e.summary}</div>
                    </td>
                    <td title={e.before === undefined ? undefined : JSON.stringify(e.before)} style={{ ...tdStyle, font: font.small, color: color.textSubtle, wordBreak: 'break-word' }}>{describeValue(e.before)}</td>
                    <td title={e.after === undefined ? undefined : JSON.stringify(e.after)} style={{ ...tdStyle, font: font.small, color: color.textSubtle, wordBreak: 'break-word' }}>{describeValue(e.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {current.truncated && <Muted>Older entries are not shown; the CSV has them all.</Muted>}
          </div>
        ))}
      {csv && (
        <details>
          <summary style={{ font: font.small, color: color.link, cursor: 'pointer' }}>
            {csv.filename} ({csv.rows} rows) — show the CSV text if the download was blocked
          </summary>
          <textarea readOnly aria-label="Audit log as CSV" value={csv.csv} rows={8} style={{ ...inputStyle(), padding: space.s100, fontFamily: 'monospace', marginTop: space.s100 }} />
        </details>
      )}
    </Section>
  );
}
