/**
 * Release settings → Delivery KPIs: the signing secret for deployment events (generate, rotate;
 * shown once) and the KPI definitions people disagree about, each with its documented default
 * (docs/kpi-definitions.md). The definitions are the site's: every project uses the same ones.
 */
import { type ReactNode, useEffect, useId, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ErrorBody, KpiSettingsValues, KpiSettingsView } from '../../../../src/contract';
import { ErrorMessage, SaveError } from '../components/ErrorMessage';
import { formatDateTime } from '../date-format';
import { useProjectTime } from '../project-time';
import { color, font, inputStyle, radius, space } from '../design';
import { invoke } from '../platform';
import { syncSummary } from './sync-summary';

const control = inputStyle();

function Labelled({ label, hint, children }: { label: string; hint?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4, flex: '1 1 220px', minWidth: 0 }}>
      <label htmlFor={id} style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>
        {label}
      </label>
      {children(id)}
      {hint && <span style={{ font: font.small, color: color.textSubtlest }}>{hint}</span>}
    </div>
  );
}

type Options<T extends string> = Array<[T, string]>;

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** The site's signing secret: status, and generate/rotate for project admins. */
function SecretCard({ view, onRotated }: { view: KpiSettingsView; onRotated(view: KpiSettingsView): void }) {
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<ErrorBody>();
  const [busy, setBusy] = useState(false);
  const status = view.deploymentSecret;
  const { timeZone } = useProjectTime();
  const url = status.webhookUrl ?? '<web trigger URL from `forge webtrigger`>';
  const rotate = async () => {
    setBusy(true);
    setError(undefined);
    const result = await invoke('rotateDeploymentSecret', {});
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setSecret(result.data.secret);
    onRotated({ ...view, deploymentSecret: result.data.status });
  };
  return (
    <section aria-label="Deployment events" data-testid="kpi-secret" style={{ display: 'flex', flexDirection: 'column', gap: space.s100, padding: space.s200, border: `1px solid ${color.border}`, borderRadius: 6 }}>
      <h3 style={{ margin: 0, font: font.body, fontWeight: 600, color: color.text }}>Deployment events from CI/CD</h3>
      <p style={{ margin: 0, font: font.body, color: color.textSubtle }}>
        Pipelines post each deployment to <code>{url}</code>, signed with HMAC-SHA256 over <code>{'${timestamp}.${body}'}</code> (headers{' '}
        <code>x-release-timestamp</code>, <code>x-release-signature: sha256=…</code>). The secret is the site&apos;s.{' '}
        {status.configured ? `Set${status.rotatedAt ? `, last rotated ${formatDateTime(status.rotatedAt, timeZone)}` : ''}.` : 'Not set: events are refused until one is generated.'}
        {status.previousValidUntil
          ? (status.previousSecrets ?? 1) > 1
            ? ` ${status.previousSecrets} replaced secrets are still accepted, each for a day after its rotation, the last until ${formatDateTime(status.previousValidUntil, timeZone)}.`
            : ` The previous secret is still accepted until ${formatDateTime(status.previousValidUntil, timeZone)}.`
          : ''}
      </p>
      {secret && (
        <SectionMessage appearance="success" title="Copy the new secret now: it is not shown again">
          <p>
            <code data-testid="kpi-new-secret" style={{ userSelect: 'all', wordBreak: 'break-all' }}>
              {secret}
            </code>
          </p>
          <p>Store it in your CI as a secret variable (e.g. RELEASE_WEBHOOK_SECRET). The previous secret keeps working for 24 hours.</p>
        </SectionMessage>
      )}
      {error && <ErrorMessage title="The secret was not changed" error={error} />}
      {view.canEdit ? (
        <div>
          <Button onClick={() => void rotate()} isDisabled={busy} testId="kpi-rotate-secret">
            {status.configured ? 'Rotate secret' : 'Generate secret'}
          </Button>
        </div>
      ) : (
        <p style={{ margin: 0, font: font.small, color: color.textSubtlest }}>Project admins can generate and rotate the secret.</p>
      )}
    </section>
  );
}

export function KpiSettingsSection({ projectKey }: { projectKey?: string }) {
  const [view, setView] = useState<KpiSettingsView>();
  const [draft, setDraft] = useState<KpiSettingsValues>();
  const { timeZone } = useProjectTime();
  const [text, setText] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorBody>();
  const [saveError, setSaveError] = useState<ErrorBody>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);

  const adopt = (next: KpiSettingsView) => {
    setView(next);
    setDraft(next.settings);
    setText({
      productionEnvironments: next.settings.productionEnvironments.join(', '),
      incidentIssueTypes: next.settings.incidentIssueTypes.join(', '),
      bugIssueTypes: next.settings.bugIssueTypes.join(', '),
      notDeliveredResolutions: next.settings.notDeliveredResolutions.join(', '),
    });
  };

  useEffect(() => {
    let cancelled = false;
    void invoke('getKpiSettings', {}).then((result) => {
      if (cancelled) return;
      if (result.ok) adopt(result.data);
      else setError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [generation]);

  if (!view || !draft) {
    if (error) return <ErrorMessage title="Could not load the KPI settings" error={error} onRetry={() => setGeneration((g) => g + 1)} />;
    return <Spinner label="Loading the KPI settings" />;
  }
  const readOnly = !view.canEdit;
  const set = <K extends keyof KpiSettingsValues>(key: K, value: KpiSettingsValues[K]) => {
    setSaved(false);
    setDraft({ ...draft, [key]: value });
  };
  const select = <K extends keyof KpiSettingsValues>(key: K, label: string, options: Options<KpiSettingsValues[K] & string>, hint?: string) => (
    <Labelled label={label} hint={hint}>
      {(id) => (
        <select id={id} data-testid={`kpi-setting-${key}`} disabled={readOnly} value={String(draft[key])} onChange={(e) => set(key, e.currentTarget.value as KpiSettingsValues[K])} style={control}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
  const number = (key: 'windowDays' | 'failureWindowHours' | 'onTimeToleranceDays' | 'escapedDefectDays' | 'backfillPointsPerHour', label: string, hint?: string) => (
    <Labelled label={label} hint={hint}>
      {(id) => <input id={id} type="number" disabled={readOnly} value={draft[key]} onChange={(e) => set(key, Number(e.currentTarget.value))} style={control} data-testid={`kpi-setting-${key}`} />}
    </Labelled>
  );
  const listField = (key: 'productionEnvironments' | 'incidentIssueTypes' | 'bugIssueTypes' | 'notDeliveredResolutions', label: string, hint?: string) => (
    <Labelled label={label} hint={hint}>
      {(id) => (
        <input
          id={id}
          disabled={readOnly}
          value={text[key] ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setText({ ...text, [key]: value });
            set(key, list(value));
          }}
          style={control}
          data-testid={`kpi-setting-${key}`}
        />
      )}
    </Labelled>
  );
  const save = async () => {
    setBusy(true);
    setSaveError(undefined);
    const result = await invoke('saveKpiSettings', { settings: draft, revision: view.revision });
    setBusy(false);
    if (!result.ok) return setSaveError(result.error);
    adopt(result.data);
    setSaved(true);
  };
  const row = { display: 'flex', flexWrap: 'wrap', gap: space.s150 } as const;
  const signals: Array<[KpiSettingsValues['failureSignals'][number], string]> = [
    ['incident', 'an incident raised after it'],
    ['rollback', 'a rollback'],
    ['hotfix', 'a hotfix deployment'],
    ['failed-status', 'a failed or rolled-back status'],
  ];

  return (
    <div data-testid="kpi-settings" style={{ display: 'flex', flexDirection: 'column', gap: space.s200, maxWidth: 960 }}>
      <SecretCard view={view} onRotated={setView} />
      <ScheduledRuns runs={view.scheduledRuns} />
      {view.projectSync && (
        <p data-testid="kpi-project-sync" data-state={view.projectSync.state} data-stalled={view.projectSync.stalled ? 'true' : 'false'} style={{ margin: 0, font: font.small, color: color.text }}>
          <strong>KPI facts{projectKey ? ` of ${projectKey}` : ''}</strong>: {syncSummary(view.projectSync, (iso) => formatDateTime(iso, timeZone))}
        </p>
      )}
      <section aria-label="KPI definitions" style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }}>
        <h3 style={{ margin: 0, font: font.body, fontWeight: 600, color: color.text }}>KPI definitions (whole site)</h3>
        <p style={{ margin: 0, font: font.small, color: color.textSubtle }}>
          Every figure on the KPIs page and in Confluence states these choices. They apply to every project{projectKey ? `, not only ${projectKey}` : ''}, so the
          portfolio stays comparable.{readOnly ? ' Only project admins can change them.' : ''}
        </p>
        <div style={row}>
          <Labelled label="Time zone" hint={'Days, weeks and the window\'s edges: "project" (each project\'s release time zone, the default) or an IANA name such as Europe/Berlin.'}>
            {(id) => <input id={id} disabled={readOnly} value={draft.timeZone} onChange={(e) => set('timeZone', e.currentTarget.value)} style={control} data-testid="kpi-setting-timeZone" />}
          </Labelled>
          {number('windowDays', 'Window (days)', 'Whole days ending at the start of today.')}
          {select('percentileMethod', 'Medians and p85', [
            ['interpolated', 'Interpolated (Excel PERCENTILE.INC)'],
            ['nearest-rank', 'Nearest rank (lower median)'],
            ['lower', 'Lower value, never interpolated'],
          ])}
        </div>
        <div style={row}>
          {select('doraTable', 'DORA bands', [
            ['2023', '2023 State of DevOps'],
            ['2021', '2021 State of DevOps'],
          ])}
          {select('frequencyCounts', 'Deployment frequency counts', [
            ['deployments', 'Deployments'],
            ['deployment-days', 'Days with a deployment'],
          ])}
          {select('deploymentSource', 'Production deployments from', [
            ['auto', 'CI/CD events if any, else version releases'],
            ['ci', 'CI/CD events only'],
            ['versions', 'Jira version releases only'],
          ])}
        </div>
        <div style={row}>
          {listField('productionEnvironments', 'Production environments', `Names, comma-separated (case-insensitive).${view.inventoryProductionEnvironments.length ? ` From the inventory too: ${view.inventoryProductionEnvironments.join(', ')}.` : ''}`)}
          {select('leadTimeStart', 'Lead time and cycle time start', [
            ['in-progress', 'First move to In Progress'],
            ['created', 'Issue created'],
          ])}
        </div>
        <fieldset disabled={readOnly} style={{ border: `1px solid ${color.border}`, borderRadius: radius, padding: space.s150, margin: 0 }}>
          <legend style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>A production deployment failed when it was followed by</legend>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.s200 }}>
            {signals.map(([value, label]) => (
              <label key={value} style={{ display: 'flex', gap: space.s050, alignItems: 'center', font: font.body, color: color.text }}>
                <input
                  type="checkbox"
                  checked={draft.failureSignals.includes(value)}
                  onChange={(e) => set('failureSignals', e.currentTarget.checked ? [...draft.failureSignals, value] : draft.failureSignals.filter((s) => s !== value))}
                  data-testid={`kpi-signal-${value}`}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        <div style={row}>
          {number('failureWindowHours', 'Failure window (hours)', 'A failure counts against a deployment only this long after it.')}
          {select('cfrNumerator', 'Change failure rate counts', [
            ['failed-deployments', 'Failed deployments (DORA)'],
            ['incidents', 'Incidents per deployment'],
          ])}
          {select('recoveryStart', 'Recovery time from', [
            ['detected', 'Detection (incident raised)'],
            ['deployment', 'The failed deployment'],
          ])}
          {select('recoveryEnd', 'Recovered when', [
            ['incident-resolved', 'Incident resolved'],
            ['fix-deployed', 'Fix deployed (first deployment after it is resolved)'],
          ])}
        </div>
        <div style={row}>
          {listField('incidentIssueTypes', 'Incident issue types')}
          {listField('bugIssueTypes', 'Bug issue types', 'For escaped defects.')}
          <Labelled
            label="Hotfix versions (optional pattern)"
            hint="Off when empty (the default): hotfixes are known from CI's isHotfix and the Go/No-Go release type. A pattern here (RE2 syntax) also makes every matching version a hotfix, which marks the deployment before it as failed."
          >
            {(id) => <input id={id} disabled={readOnly} value={draft.hotfixVersionPattern} onChange={(e) => set('hotfixVersionPattern', e.currentTarget.value)} style={control} data-testid="kpi-setting-hotfixVersionPattern" />}
          </Labelled>
        </div>
        <div style={row}>
          {number('onTimeToleranceDays', 'On time: days late allowed')}
          {number('escapedDefectDays', 'Escaped defects: days after release')}
          {listField('notDeliveredResolutions', 'Resolutions that are not delivery')}
          <label style={{ display: 'flex', gap: space.s050, alignItems: 'center', font: font.body, color: color.text, flex: '1 1 220px' }}>
            <input type="checkbox" disabled={readOnly} checked={draft.excludeSubtasks} onChange={(e) => set('excludeSubtasks', e.currentTarget.checked)} />
            Leave sub-tasks out
          </label>
        </div>
        <div style={row}>{number('backfillPointsPerHour', 'Backfill: Jira points per hour', 'The app shares 65,000 points an hour across every customer site; the default is 5 % of that.')}</div>
        {saveError && (
          <SaveError
            title="The KPI definitions were not saved"
            error={saveError}
            onReload={() => {
              setSaveError(undefined);
              setGeneration((g) => g + 1);
            }}
          />
        )}
        {saved && (
          <p role="status" style={{ margin: 0, font: font.small, color: color.textSuccess }}>
            Saved. The KPIs page and next week&apos;s Confluence pages use them.
          </p>
        )}
        {!readOnly && (
          <div style={{ display: 'flex', gap: space.s100 }}>
            <Button appearance="primary" onClick={() => void save()} isDisabled={busy} testId="kpi-settings-save">
              Save definitions
            </Button>
            <Button appearance="subtle" onClick={() => adopt({ ...view, settings: view.defaults })}>
              Back to the defaults
            </Button>
          </div>
        )}
      </section>
    </div>
  );
}

const JOB_NAMES: Record<KpiSettingsView['scheduledRuns'][number]['job'], string> = {
  'daily-sync': 'Daily sync (versions, readiness, KPI facts)',
  'weekly-reports': 'Weekly status pages',
  'weekly-kpis': 'Weekly KPI pages',
};

/** Whether the scheduled jobs ran, and if not why and when they try again. */
function ScheduledRuns({ runs }: { runs: KpiSettingsView['scheduledRuns'] }) {
  const { timeZone } = useProjectTime();
  if (!runs.length) return null;
  return (
    <section aria-label="Scheduled runs" data-testid="scheduled-runs" style={{ display: 'flex', flexDirection: 'column', gap: space.s050 }}>
      <h3 style={{ margin: 0, font: font.body, fontWeight: 600, color: color.text }}>Scheduled runs</h3>
      <ul style={{ margin: 0, paddingLeft: space.s200, font: font.small, color: color.text }}>
        {runs.map((run) => (
          <li key={run.job} data-testid={`scheduled-run-${run.job}`}>
            <strong>{JOB_NAMES[run.job]}</strong>:{' '}
            {run.ok
              ? `last run ${formatDateTime(run.at, timeZone)}, queued its work.`
              : `last run ${formatDateTime(run.at, timeZone)} failed: ${run.error ?? 'unknown error'}${run.retryAt ? ` Retrying at ${formatDateTime(run.retryAt, timeZone)}.` : ' It runs again at its next scheduled time.'}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
