/**
 * For project admins: the deployments CI/CD reported for the project, to correct one that was
 * wrong (a test run sent as production, a failure sent as success) or remove it. Every change is
 * audited and the figures follow on the next refresh.
 */
import { useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Spinner from '@atlaskit/spinner';
import type { ErrorBody, RecordedDeployment, RecordedDeploymentsView } from '../../../../src/contract';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDateTime, viewerTimeTitle } from '../date-format';
import { useProjectTime } from '../project-time';
import { color, font, space } from '../design';
import { invoke } from '../platform';

const STATUSES: RecordedDeployment['status'][] = ['successful', 'failed', 'rolled_back', 'cancelled', 'in_progress', 'pending'];

export function RecordedDeployments({ onChanged }: { onChanged: () => void }) {
  const [view, setView] = useState<RecordedDeploymentsView>();
  const [error, setError] = useState<ErrorBody>();
  const [busy, setBusy] = useState<string>();
  const { timeZone } = useProjectTime();
  const [confirming, setConfirming] = useState<string>();
  const [message, setMessage] = useState<string>();

  const load = useCallback(() => {
    void invoke('listRecordedDeployments', {}).then((result) => (result.ok ? (setView(result.data), setError(undefined)) : setError(result.error)));
  }, []);
  useEffect(load, [load]);

  const change = async (deploymentId: string, what: string, run: () => ReturnType<typeof invoke<'deleteRecordedDeployment'>>) => {
    setBusy(deploymentId);
    setMessage(undefined);
    const result = await run();
    setBusy(undefined);
    setConfirming(undefined);
    if (!result.ok) return setError(result.error);
    setView(result.data);
    setError(undefined);
    setMessage(`${deploymentId}: ${what}. The figures follow on the next refresh.`);
    onChanged();
  };

  if (!view) return error ? <ErrorMessage title="Could not load the recorded deployments" error={error} onRetry={load} /> : <Spinner size="small" label="Loading recorded deployments" />;

  return (
    <section data-testid="recorded-deployments" aria-labelledby="recorded-deployments-heading" style={{ display: 'flex', flexDirection: 'column', gap: space.s100 }}>
      <h3 id="recorded-deployments-heading" style={{ margin: 0, fontSize: 16, fontWeight: 600, color: color.text }}>
        Recorded deployments ({view.deployments.length}, last {view.months.length} months)
      </h3>
      <p style={{ margin: 0, font: font.small, color: color.textSubtle }}>
        What CI/CD reported for {view.projectKey}. Correct a wrong report or remove a test event: the change is audited.
      </p>
      {error && <ErrorMessage title="That change was not made" error={error} />}
      {message && (
        <p role="status" style={{ margin: 0, font: font.small, color: color.text }}>
          {message}
        </p>
      )}
      {view.deployments.length === 0 ? (
        <p style={{ margin: 0, font: font.small, color: color.textSubtle }}>No deployment reported in these months.</p>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table style={{ borderCollapse: 'collapse', width: '100%', font: font.small, color: color.text }}>
            <thead>
              <tr>
                {['Deployment', 'Environment', 'Status', 'Deployed', 'Version', 'Issues', ''].map((h) => (
                  <th key={h} style={{ textAlign: 'left', padding: '4px 8px', borderBottom: `2px solid ${color.border}` }}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.deployments.map((d) => (
                <tr key={d.deploymentId} data-testid={`recorded-${d.deploymentId}`}>
                  <td style={{ padding: '4px 8px' }}>
                    {d.deploymentId}
                    {d.isRollback ? ' (rollback)' : ''}
                    {d.isHotfix ? ' (hotfix)' : ''}
                  </td>
                  <td style={{ padding: '4px 8px' }}>{d.environment}</td>
                  <td style={{ padding: '4px 8px' }}>
                    <select
                      aria-label={`Status of ${d.deploymentId}`}
                      value={d.status}
                      disabled={busy === d.deploymentId}
                      className="rr-select"
                      onChange={(e) => {
                        const status = e.currentTarget.value as RecordedDeployment['status'];
                        void change(d.deploymentId, `status corrected to ${status}`, () => invoke('correctRecordedDeployment', { deploymentId: d.deploymentId, status }));
                      }}
                    >
                      {STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {s.replace('_', ' ')}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td style={{ padding: '4px 8px', whiteSpace: 'nowrap' }} title={viewerTimeTitle(d.deployedAt, timeZone)}>{formatDateTime(d.deployedAt, timeZone)}</td>
                  <td style={{ padding: '4px 8px' }}>{d.version ?? '–'}</td>
                  <td style={{ padding: '4px 8px' }}>{d.issueCount}</td>
                  <td style={{ padding: '4px 8px', whiteSpace: 'nowrap' }}>
                    {confirming === d.deploymentId ? (
                      <>
                        <Button appearance="danger" spacing="compact" isDisabled={busy === d.deploymentId} onClick={() => void change(d.deploymentId, 'removed', () => invoke('deleteRecordedDeployment', { deploymentId: d.deploymentId }))} testId={`confirm-remove-${d.deploymentId}`}>
                          Remove for good
                        </Button>{' '}
                        <Button appearance="subtle" spacing="compact" onClick={() => setConfirming(undefined)}>
                          Keep
                        </Button>
                      </>
                    ) : (
                      <Button appearance="subtle" spacing="compact" onClick={() => setConfirming(d.deploymentId)} testId={`remove-${d.deploymentId}`}>
                        Remove…
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.audit.length > 0 && (
        <details>
          <summary style={{ font: font.small, color: color.textSubtle, cursor: 'pointer' }}>Changes made ({view.audit.length})</summary>
          <ul style={{ margin: 0, font: font.small, color: color.textSubtle }}>
            {view.audit.map((a) => (
              <li key={`${a.at}-${a.deploymentId}-${a.action}`}>
                {formatDateTime(a.at, timeZone)}: {a.deploymentId} {a.action} by {a.by}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
