/** "Triggers & events": run scheduled triggers now and deliver Jira product events to the app. */
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import { postJson, requestJira } from './api';
import { issueRequest, jiraErrorText, parseVersions, versionsRequest, type VersionRow } from './jira-data';
import { styles } from './ui';

export const TRIGGER_KEYS = ['daily-sync', 'issue-sync', 'weekly-reports', 'weekly-kpis'] as const;

interface Answer {
  label: string;
  status: number;
  body: unknown;
}

export function TriggersDrawer(props: {
  projectKey: string | null;
  projectId: string | null;
  /** The project's today from the runtime (its release zone), never the browser's clock. */
  projectToday: string | null;
  /** The fake Jira delivers its own product events to the runtime; a real site's go to Forge, not here. */
  jiraSendsEvents: boolean;
  accountId: string;
  issueKey: string | null;
  onClose: () => void;
}) {
  const { projectKey, accountId } = props;
  const [busy, setBusy] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Answer[]>([]);
  const [versions, setVersions] = useState<VersionRow[]>([]);
  const [versionId, setVersionId] = useState('');
  const [markReleased, setMarkReleased] = useState(true);
  const [issueKey, setIssueKey] = useState(props.issueKey ?? '');
  const [custom, setCustom] = useState('{\n  "eventType": "avi:jira:updated:version",\n  "version": { "id": "" }\n}');

  const loadVersions = () => {
    if (!projectKey) return;
    requestJira(accountId, versionsRequest(projectKey))
      .then(({ status, json }) => {
        if (status !== 200) return;
        const list = parseVersions(json).filter((v) => !v.archived);
        setVersions(list);
        setVersionId((cur) => (list.some((v) => v.id === cur) ? cur : (list.find((v) => !v.released)?.id ?? list[0]?.id ?? '')));
      })
      .catch(() => undefined);
  };
  useEffect(loadVersions, [projectKey, accountId]);
  useEffect(() => setIssueKey(props.issueKey ?? ''), [props.issueKey]);

  const record = (a: Answer) => setAnswers((prev) => [a, ...prev].slice(0, 10));

  async function run(label: string, work: () => Promise<Answer | Answer[]>) {
    setBusy(label);
    try {
      const out = await work();
      (Array.isArray(out) ? out : [out]).reverse().forEach(record);
    } catch (e) {
      record({ label, status: 0, body: { error: String(e) } });
    } finally {
      setBusy(null);
    }
  }

  const trigger = (key: string) =>
    run(`trigger ${key}`, async () => {
      const a = await postJson(`/api/triggers/${encodeURIComponent(key)}`, {});
      return { label: `POST /api/triggers/${key}`, ...a };
    });

  const sendEvent = (label: string, event: Record<string, unknown>) =>
    run(label, async () => {
      const a = await postJson('/api/events', { atlassianId: accountId, ...event });
      return { label: `POST /api/events ${String(event.eventType)}`, ...a };
    });

  const selected = versions.find((v) => v.id === versionId);

  const releaseVersion = () =>
    run('release version', async () => {
      if (!selected) throw new Error('Pick a version first');
      const out: Answer[] = [];
      if (markReleased && !selected.released) {
        const body = JSON.stringify({ released: true, ...((selected.releaseDate ?? props.projectToday) ? { releaseDate: selected.releaseDate ?? props.projectToday } : {}) });
        const put = await requestJira(accountId, { restPath: `/rest/api/3/version/${selected.id}`, method: 'PUT', body });
        out.push({ label: `PUT /rest/api/3/version/${selected.id} (as ${accountId})`, status: put.status, body: put.json });
        if (put.status !== 200) return out;
        if (props.jiraSendsEvents) {
          // The fake Jira sent avi:jira:released:version itself, as Jira does: sending it again would deliver it twice.
          loadVersions();
          return out;
        }
      }
      const ev = await postJson('/api/events', {
        atlassianId: accountId,
        eventType: 'avi:jira:released:version',
        version: { id: selected.id, name: selected.name, projectId: props.projectId },
      });
      out.push({ label: 'POST /api/events avi:jira:released:version', ...ev });
      loadVersions();
      return out;
    });

  const issueUpdated = () =>
    run('issue updated', async () => {
      const key = issueKey.trim().toUpperCase();
      const got = await requestJira(accountId, issueRequest(key));
      if (got.status !== 200) return { label: `GET issue ${key}`, status: got.status, body: jiraErrorText(got.status, got.json) };
      const issue = got.json as { id?: string; key?: string; fields?: unknown };
      const ev = await postJson('/api/events', {
        atlassianId: accountId,
        eventType: 'avi:jira:updated:issue',
        issue: { id: issue.id, key: issue.key, fields: issue.fields },
      });
      return { label: 'POST /api/events avi:jira:updated:issue', ...ev };
    });

  const sendCustom = () => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(custom) as Record<string, unknown>;
    } catch (e) {
      record({ label: 'custom event', status: 0, body: { error: `Not JSON: ${String(e)}` } });
      return;
    }
    void sendEvent('custom event', parsed);
  };

  const section = { display: 'grid', gap: token('space.100'), paddingBottom: token('space.200'), borderBottom: `1px solid ${token('color.border')}` };

  return (
    <div
      data-testid="triggers-drawer"
      role="dialog"
      aria-label="Triggers & events"
      style={{
        position: 'fixed',
        top: 0,
        right: 0,
        bottom: 0,
        width: 440,
        maxWidth: '100vw',
        background: token('elevation.surface.overlay'),
        boxShadow: token('elevation.shadow.overlay'),
        padding: token('space.300'),
        overflowY: 'auto',
        zIndex: 500,
        display: 'grid',
        alignContent: 'start',
        gap: token('space.200'),
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Heading size="medium" as="h2">
          Triggers &amp; events
        </Heading>
        <Button appearance="subtle" onClick={props.onClose} testId="triggers-close">
          Close
        </Button>
      </div>

      <div style={section}>
        <Heading size="xsmall" as="h3">
          Scheduled triggers (run now)
        </Heading>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          {TRIGGER_KEYS.map((key) => (
            <Button key={key} onClick={() => void trigger(key)} isLoading={busy === `trigger ${key}`} testId={`trigger-${key}`}>
              {key}
            </Button>
          ))}
        </div>
      </div>

      <div style={section}>
        <Heading size="xsmall" as="h3">
          Version events {projectKey ? `(${projectKey})` : ''}
        </Heading>
        <select aria-label="Version" data-testid="event-version" value={versionId} onChange={(e) => setVersionId(e.target.value)} style={styles.select}>
          {versions.length === 0 ? <option value="">No versions</option> : null}
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
              {v.released ? ' (released)' : v.releaseDate ? ` (due ${v.releaseDate})` : ''}
            </option>
          ))}
        </select>
        <label style={{ display: 'flex', gap: 6, alignItems: 'center', fontSize: 13 }}>
          <input type="checkbox" checked={markReleased} onChange={(e) => setMarkReleased(e.target.checked)} />
          Mark it released in Jira first (as the current user)
        </label>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <Button appearance="primary" onClick={() => void releaseVersion()} isDisabled={!selected} isLoading={busy === 'release version'} testId="event-release-version">
            Release version
          </Button>
          <Button
            onClick={() => selected && void sendEvent('version updated', { eventType: 'avi:jira:updated:version', version: { id: selected.id, name: selected.name, projectId: props.projectId } })}
            isDisabled={!selected}
            testId="event-updated-version"
          >
            Send “version updated”
          </Button>
        </div>
      </div>

      <div style={section}>
        <Heading size="xsmall" as="h3">
          Issue events
        </Heading>
        <div style={{ display: 'flex', gap: 8 }}>
          <input
            aria-label="Issue key"
            data-testid="event-issue-key"
            value={issueKey}
            placeholder="SHOP-12"
            onChange={(e) => setIssueKey(e.target.value)}
            style={{ ...styles.select, width: 120 }}
          />
          <Button onClick={() => void issueUpdated()} isDisabled={!issueKey.trim()} isLoading={busy === 'issue updated'} testId="event-updated-issue">
            Send “issue updated”
          </Button>
        </div>
      </div>

      <div style={section}>
        <Heading size="xsmall" as="h3">
          Any event (JSON)
        </Heading>
        <textarea
          aria-label="Event JSON"
          data-testid="event-custom-json"
          value={custom}
          onChange={(e) => setCustom(e.target.value)}
          rows={5}
          style={{ ...styles.select, height: 'auto', fontFamily: 'monospace', fontSize: 12 }}
        />
        <div>
          <Button onClick={sendCustom} testId="event-custom-send">
            Send event
          </Button>
        </div>
      </div>

      <div style={{ display: 'grid', gap: token('space.100') }}>
        <Heading size="xsmall" as="h3">
          Answers
        </Heading>
        {answers.length === 0 ? <p style={styles.subtle}>Nothing sent yet.</p> : null}
        {answers.map((a, i) => (
          <div key={answers.length - i} style={{ display: 'grid', gap: 4 }}>
            <div style={{ fontSize: 12, fontWeight: 600 }}>
              {a.label} → <span style={{ color: a.status >= 200 && a.status < 300 ? token('color.text.success') : token('color.text.danger') }}>{a.status || 'failed'}</span>
            </div>
            <pre style={styles.pre} data-testid={i === 0 ? 'trigger-result' : undefined}>
              {typeof a.body === 'string' ? a.body : JSON.stringify(a.body, null, 2)}
            </pre>
          </div>
        ))}
      </div>
    </div>
  );
}
