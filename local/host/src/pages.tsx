/** Host pages that imitate Jira itself: the project's issue list and the issue view. */
import { useEffect, useState } from 'react';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { requestJira, type SessionProject } from './api';
import { AppFrame } from './frames';
import { MODULES, type ColorMode } from './context';
import { issueListRequest, issueRequest, jiraErrorText, parseIssue, parseSearch, type IssueDetail, type IssueRow } from './jira-data';
import type { HostRoute } from './routes';
import { Field, styles } from './ui';

type Load<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: T };

function statusLozenge(status: string, category: IssueRow['statusCategory']) {
  const appearance = category === 'done' ? 'success' : category === 'indeterminate' ? 'inprogress' : 'default';
  return <Lozenge appearance={appearance}>{status}</Lozenge>;
}

export function IssueList({ projectKey, accountId, href }: { projectKey: string; accountId: string; href: (r: HostRoute) => string }) {
  const [load, setLoad] = useState<Load<{ issues: IssueRow[]; isLast: boolean }>>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    requestJira(accountId, issueListRequest(projectKey))
      .then(({ status, json }) => {
        if (!live) return;
        if (status !== 200) setLoad({ state: 'error', message: jiraErrorText(status, json) });
        else setLoad({ state: 'ready', data: parseSearch(json) });
      })
      .catch((e: unknown) => live && setLoad({ state: 'error', message: String(e) }));
    return () => {
      live = false;
    };
  }, [projectKey, accountId]);

  const head = {
    cells: [
      { key: 'key', content: 'Key', width: 10 },
      { key: 'summary', content: 'Summary', width: 45 },
      { key: 'type', content: 'Type', width: 10 },
      { key: 'status', content: 'Status', width: 15 },
      { key: 'fix', content: 'Fix versions', width: 20 },
    ],
  };
  const rows =
    load.state === 'ready'
      ? load.data.issues.map((i) => ({
          key: i.key,
          cells: [
            {
              key: 'key',
              content: (
                <a href={href({ kind: 'issue', issueKey: i.key })} style={styles.link} data-testid={`issue-link-${i.key}`}>
                  {i.key}
                </a>
              ),
            },
            { key: 'summary', content: i.summary },
            { key: 'type', content: i.issueType },
            { key: 'status', content: statusLozenge(i.status, i.statusCategory) },
            { key: 'fix', content: i.fixVersions.map((v) => v.name).join(', ') || <span style={styles.subtle}>None</span> },
          ],
        }))
      : [];

  return (
    <div data-testid="issue-list">
      <div style={{ marginBottom: token('space.200') }}>
        <Heading size="large" as="h1">
          Issues
        </Heading>
      </div>
      {load.state === 'error' ? (
        <SectionMessage appearance="error" title="Issues could not be loaded">
          <p>{load.message}</p>
        </SectionMessage>
      ) : (
        <>
          <DynamicTable
            head={head}
            rows={rows}
            isLoading={load.state === 'loading'}
            rowsPerPage={50}
            emptyView={<p>No issues in {projectKey}.</p>}
            label={`Issues in ${projectKey}`}
          />
          {load.state === 'ready' && !load.data.isLast ? <p style={styles.subtle}>Showing the first 100 issues.</p> : null}
        </>
      )}
    </div>
  );
}

export function IssueView(props: {
  issueKey: string;
  accountId: string;
  colorMode: ColorMode;
  projects: SessionProject[];
  href: (r: HostRoute) => string;
}) {
  const { issueKey, accountId, href } = props;
  const [load, setLoad] = useState<Load<IssueDetail>>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    requestJira(accountId, issueRequest(issueKey))
      .then(({ status, json }) => {
        if (!live) return;
        if (status === 404) setLoad({ state: 'error', message: `${issueKey} does not exist or you do not have permission to see it.` });
        else if (status !== 200) setLoad({ state: 'error', message: jiraErrorText(status, json) });
        else setLoad({ state: 'ready', data: parseIssue(json) });
      })
      .catch((e: unknown) => live && setLoad({ state: 'error', message: String(e) }));
    return () => {
      live = false;
    };
  }, [issueKey, accountId]);

  if (load.state === 'loading') {
    return (
      <div style={{ padding: token('space.400') }}>
        <Spinner size="large" label={`Loading ${issueKey}`} />
      </div>
    );
  }
  if (load.state === 'error') {
    return (
      <SectionMessage appearance="warning" title={`Cannot show ${issueKey}`}>
        <p>{load.message}</p>
      </SectionMessage>
    );
  }
  const issue = load.data;
  const projectKey = issue.project.key || issueKey.split('-')[0]!;
  const sessionProject = props.projects.find((p) => p.key === projectKey);
  const project = { id: issue.project.id || sessionProject?.id || '', key: projectKey, type: 'software' };

  return (
    <div data-testid="issue-view" data-issue-key={issue.key}>
      <div style={{ ...styles.subtle, fontSize: 12, marginBottom: token('space.050') }}>
        <a href={href({ kind: 'issues', projectKey: project.key })} style={styles.link}>
          {sessionProject?.name ?? project.key}
        </a>{' '}
        / {issue.issueType} / <span data-testid="issue-key">{issue.key}</span>
      </div>
      <div style={{ marginBottom: token('space.300') }}>
        <Heading size="large" as="h1">
          {issue.summary}
        </Heading>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(320px, 1fr) minmax(340px, 440px)', gap: token('space.400'), alignItems: 'start' }}>
        <section data-testid="issue-fields">
          <Field label="Status">{statusLozenge(issue.status, issue.statusCategory)}</Field>
          <Field label="Type">{issue.issueType}</Field>
          <Field label="Fix versions">
            <span data-testid="issue-fix-versions">{issue.fixVersions.map((v) => v.name).join(', ') || <span style={styles.subtle}>None</span>}</span>
          </Field>
          <Field label="Assignee">{issue.assignee ?? <span style={styles.subtle}>Unassigned</span>}</Field>
          <Field label="Reporter">{issue.reporter ?? '—'}</Field>
          <Field label="Priority">{issue.priority ?? '—'}</Field>
          <Field label="Labels">{issue.labels.join(', ') || <span style={styles.subtle}>None</span>}</Field>
          <Field label="Due date">{issue.dueDate ?? <span style={styles.subtle}>None</span>}</Field>
          <div style={{ marginTop: token('space.200') }}>
            <Heading size="xsmall" as="h2">
              Linked issues
            </Heading>
            {issue.links.length === 0 ? (
              <p style={styles.subtle}>No linked issues.</p>
            ) : (
              <ul style={{ listStyle: 'none', padding: 0, margin: `${token('space.100')} 0 0` }}>
                {issue.links.map((l) => (
                  <li key={`${l.direction}-${l.key}`} style={{ display: 'flex', gap: 8, alignItems: 'baseline', padding: '4px 0', flexWrap: 'wrap' }}>
                    <span style={{ ...styles.subtle, minWidth: 96 }}>{l.label}</span>
                    <a href={href({ kind: 'issue', issueKey: l.key })} style={styles.link}>
                      {l.key}
                    </a>
                    <span>{l.summary}</span>
                    {statusLozenge(l.status, l.statusCategory)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
        <aside style={{ ...styles.card, padding: 0, overflow: 'hidden' }}>
          <div
            style={{
              padding: `${token('space.150')} ${token('space.200')}`,
              borderBottom: `1px solid ${token('color.border')}`,
              display: 'flex',
              justifyContent: 'space-between',
              alignItems: 'center',
            }}
          >
            <Heading size="xsmall" as="h2">
              Release readiness
            </Heading>
            <span style={{ ...styles.subtle, fontSize: 11 }}>app · issue panel</span>
          </div>
          <div style={{ padding: token('space.200') }}>
            <AppFrame
              key={`${issue.key}|${accountId}`}
              src="/apps/issue-panel/"
              title="Release readiness"
              testId="issue-panel-frame"
              target={{ moduleKey: MODULES.issuePanel, project, issue: { id: issue.id, key: issue.key, type: issue.issueType } }}
              accountId={accountId}
              colorMode={props.colorMode}
              siteUrl={window.location.origin}
              minHeight={80}
            />
          </div>
        </aside>
      </div>
    </div>
  );
}
