/**
 * The "Release readiness" issue panel (UI Kit, @forge/react): the issue's RAG for its release, the
 * criteria with their reasons, the manual checks the viewer may sign off, and the sign-off history.
 * The entry point that renders it is issue-panel.tsx; this module only defines components so tests
 * can render them through the real ForgeReconciler with a fake bridge. First paint: one resolver call.
 */
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  EmptyState,
  Heading,
  Inline,
  Label,
  Link,
  LoadingButton,
  Lozenge,
  SectionMessage,
  Spinner,
  Stack,
  Text,
  TextArea,
  Textfield,
  useProductContext,
} from '@forge/react';
import { invoke } from '@forge/bridge';
import {
  RESOLVERS,
  type IssueReadinessView,
  type ManualCheckView,
  type ReadinessCriterionResult,
  type ResolverResult,
  type SignOffPayload,
  type SignOffResult,
} from '../contract';
import {
  RAG_APPEARANCE,
  RAG_LABEL,
  criteriaSummary,
  formatInstant,
  historyLine,
  linkText,
  readyForDateText,
  releaseLine,
  resultAppearance,
  resultLabel,
  safeLink,
} from './readiness-wording';

export type PanelState =
  | { kind: 'loading' }
  | { kind: 'ready'; view: IssueReadinessView }
  | { kind: 'error'; message: string; retryAt?: string };

export const FALLBACK_ERROR = 'Release readiness could not be loaded. Try again in a moment.';
const ACTION_FALLBACK = 'The sign-off could not be saved. Try again in a moment.';

export function toPanelState(result: ResolverResult<IssueReadinessView> | undefined | null): PanelState {
  if (!result || typeof result !== 'object' || !('ok' in result)) return { kind: 'error', message: FALLBACK_ERROR };
  if (result.ok) return { kind: 'ready', view: result.data };
  return { kind: 'error', message: result.error?.message || FALLBACK_ERROR, ...(result.error?.retryAt ? { retryAt: result.error.retryAt } : {}) };
}

/** The inline sign-off form of one check. */
export interface SignOffDraft {
  criterionId: string;
  action: SignOffPayload['action'];
  evidenceUrl: string;
  comment: string;
  submitting: boolean;
  error?: string;
}

export interface PanelActions {
  draft?: SignOffDraft;
  /** A short confirmation after a sign-off, shown above the criteria. */
  notice?: string;
  open(criterionId: string, action: SignOffPayload['action']): void;
  change(patch: Partial<Pick<SignOffDraft, 'evidenceUrl' | 'comment'>>): void;
  cancel(): void;
  submit(): void;
}

const ORDER: Record<string, number> = { 'fail-blocking': 0, 'fail-advisory': 1, 'pass-blocking': 2, 'pass-advisory': 2 };
const rank = (r: ReadinessCriterionResult) => ORDER[`${r.status}-${r.severity}`] ?? 3;

function IssueLinks({ result }: { result: ReadinessCriterionResult }) {
  if (!result.issues?.length) return null;
  return (
    <Inline space="space.100" alignBlock="center" shouldWrap>
      {result.issues.map((issue) => (
        <Inline key={issue.key} space="space.050" alignBlock="center">
          <Link href={`/browse/${issue.key}`}>{issue.key}</Link>
          {issue.statusName ? <Text color="color.text.subtlest" size="small">{issue.note ? `${issue.statusName} · ${issue.note}` : issue.statusName}</Text> : null}
        </Inline>
      ))}
    </Inline>
  );
}

function SignOffForm({ check, actions }: { check: ManualCheckView; actions: PanelActions }) {
  const draft = actions.draft as SignOffDraft;
  const signing = draft.action === 'sign';
  return (
    <Stack space="space.100" testId={`sign-off-form-${check.criterionId}`}>
      {check.description && signing ? <Text color="color.text.subtle">{`You confirm: ${check.description}`}</Text> : null}
      {signing ? (
        <Stack space="space.050">
          <Label labelFor={`evidence-${check.criterionId}`}>Evidence link (optional)</Label>
          <Textfield
            id={`evidence-${check.criterionId}`}
            name="evidenceUrl"
            placeholder="https://…"
            value={draft.evidenceUrl}
            onChange={(e) => actions.change({ evidenceUrl: e.target.value })}
            testId="sign-off-evidence"
          />
        </Stack>
      ) : null}
      <Stack space="space.050">
        <Label labelFor={`comment-${check.criterionId}`}>{signing ? 'Comment (optional)' : 'Why is it revoked? (optional)'}</Label>
        <TextArea
          id={`comment-${check.criterionId}`}
          name="comment"
          minimumRows={2}
          value={draft.comment}
          onChange={(e) => actions.change({ comment: e.target.value })}
          testId="sign-off-comment"
        />
      </Stack>
      {draft.error ? (
        <SectionMessage appearance="error" title={signing ? 'Not signed off' : 'Not revoked'} testId="sign-off-error">
          <Text>{draft.error}</Text>
        </SectionMessage>
      ) : null}
      <Inline space="space.100">
        <LoadingButton appearance={signing ? 'primary' : 'warning'} isLoading={draft.submitting} onClick={actions.submit} testId="confirm-sign-off">
          {signing ? 'Sign off' : 'Revoke sign-off'}
        </LoadingButton>
        <Button appearance="subtle" isDisabled={draft.submitting} onClick={actions.cancel}>
          Cancel
        </Button>
      </Inline>
    </Stack>
  );
}

function ManualCheckDetails({ check, actions, timeZone, viewerZone }: { check: ManualCheckView; actions?: PanelActions; timeZone?: string; viewerZone?: string }) {
  const current = check.current;
  const evidence = safeLink(current?.evidenceUrl);
  const editing = actions?.draft?.criterionId === check.criterionId;
  return (
    <Stack space="space.075">
      {current ? (
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Text color="color.text.subtle" size="small">{`${formatInstant(current.at, timeZone, viewerZone)}`}</Text>
          {evidence ? <Link href={evidence} openNewTab>{`Evidence: ${linkText(evidence)}`}</Link> : null}
        </Inline>
      ) : null}
      {current?.comment ? <Text size="small">{`“${current.comment}”`}</Text> : null}
      {editing && actions ? (
        <SignOffForm check={check} actions={actions} />
      ) : check.canSign && actions ? (
        <Inline>
          {current ? (
            <Button appearance="subtle" spacing="compact" onClick={() => actions.open(check.criterionId, 'revoke')} testId={`revoke-${check.criterionId}`}>
              Revoke
            </Button>
          ) : (
            <Button appearance="primary" spacing="compact" onClick={() => actions.open(check.criterionId, 'sign')} testId={`sign-${check.criterionId}`}>
              Sign off
            </Button>
          )}
        </Inline>
      ) : !current ? (
        <Text color="color.text.subtlest" size="small" testId={`cannot-sign-${check.criterionId}`}>{`Only ${check.signers} can sign this off.`}</Text>
      ) : null}
    </Stack>
  );
}

function CriterionRow({ result, check, actions, timeZone, viewerZone }: { result: ReadinessCriterionResult; check?: ManualCheckView; actions?: PanelActions; timeZone?: string; viewerZone?: string }) {
  return (
    <Stack space="space.050" testId={`criterion-${result.id}`}>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Lozenge appearance={resultAppearance(result)}>{resultLabel(result)}</Lozenge>
        <Text weight="medium">{result.label}</Text>
        {result.severity === 'advisory' ? <Text color="color.text.subtlest" size="small">advisory</Text> : null}
      </Inline>
      <Text color="color.text.subtle" size="small">{result.reason}</Text>
      <IssueLinks result={result} />
      {check ? <ManualCheckDetails check={check} actions={actions} timeZone={timeZone} viewerZone={viewerZone} /> : null}
    </Stack>
  );
}

function Criteria({ view, actions, timeZone, viewerZone }: { view: IssueReadinessView; actions?: PanelActions; timeZone?: string; viewerZone?: string }) {
  const applicable = view.results.filter((r) => r.status !== 'na').sort((a, b) => rank(a) - rank(b));
  const notApplicable = view.results.filter((r) => r.status === 'na');
  const checks = new Map(view.checks.map((c) => [c.criterionId, c]));
  return (
    <Stack space="space.150">
      <Heading size="xsmall" as="h3">{`Criteria · ${criteriaSummary(view.results)}`}</Heading>
      {applicable.map((result) => (
        <CriterionRow key={result.id} result={result} check={checks.get(result.id)} actions={actions} timeZone={timeZone} viewerZone={viewerZone} />
      ))}
      {notApplicable.length ? (
        <Text color="color.text.subtlest" size="small">{`Not applicable: ${notApplicable.map((r) => `${r.label} (${r.reason.replace(/\.$/, '').toLowerCase()})`).join('; ')}.`}</Text>
      ) : null}
    </Stack>
  );
}

function History({ view, timeZone, viewerZone }: { view: IssueReadinessView; timeZone?: string; viewerZone?: string }) {
  const labels = new Map(view.results.map((r) => [r.id, r.label]));
  const labelOf = (id: string) => labels.get(id) ?? `${id} (no longer in the policy)`;
  return (
    <Stack space="space.100" testId="sign-off-history">
      <Heading size="xsmall" as="h3">
        Sign-off history
      </Heading>
      {view.history.length === 0 ? (
        <Text color="color.text.subtle">No sign-offs yet.</Text>
      ) : (
        view.history.map((record) => {
          const evidence = safeLink(record.evidenceUrl);
          return (
            <Stack key={record.seq} space="space.025">
              <Inline space="space.100" alignBlock="center" shouldWrap>
                <Lozenge appearance={record.action === 'signed' ? 'success' : 'default'}>{record.action === 'signed' ? 'Signed' : 'Revoked'}</Lozenge>
                <Text>{historyLine(record, labelOf)}</Text>
              </Inline>
              <Inline space="space.100" alignBlock="center" shouldWrap>
                <Text color="color.text.subtlest" size="small">{formatInstant(record.at, timeZone, viewerZone)}</Text>
                {evidence ? <Link href={evidence} openNewTab>{linkText(evidence)}</Link> : null}
                {record.comment ? <Text color="color.text.subtle" size="small">{`“${record.comment}”`}</Text> : null}
              </Inline>
            </Stack>
          );
        })
      )}
    </Stack>
  );
}

function Summary({ view }: { view: IssueReadinessView }) {
  const others = view.releases.filter((r) => r.id !== view.target?.id);
  const target = view.target;
  return (
    <Stack space="space.075">
      <Inline space="space.100" alignBlock="center" shouldWrap testId="readiness-release">
        <Lozenge appearance={RAG_APPEARANCE[view.rag]} isBold testId="readiness-rag">
          {RAG_LABEL[view.rag]}
        </Lozenge>
        {target ? <Text weight="bold">{target.name}</Text> : null}
        {target ? (
          <Text color={target.daysLeft !== null && target.daysLeft < 0 ? 'color.text.danger' : 'color.text.subtle'}>{releaseLine(target).slice(target.name.length + 3)}</Text>
        ) : null}
      </Inline>
      <Text weight="medium" testId="readiness-ready-for-date">
        {readyForDateText(view.readyForReleaseDate, target, view.rag)}
      </Text>
      <Text color="color.text.subtle">{view.ragReason}</Text>
      {others.length ? <Text color="color.text.subtlest" size="small">{`Also in: ${others.map(releaseLine).join('; ')}`}</Text> : null}
    </Stack>
  );
}

export function IssuePanelView({ state, issueKey, onRetry, actions, timeZone }: { state: PanelState; issueKey?: string; onRetry?: () => void; actions?: PanelActions; timeZone?: string }) {
  if (state.kind === 'loading') {
    return (
      <Inline space="space.100" alignBlock="center">
        <Spinner size="medium" label="Loading release readiness" />
        <Text color="color.text.subtle">{issueKey ? `Checking ${issueKey}…` : 'Checking release readiness…'}</Text>
      </Inline>
    );
  }
  if (state.kind === 'error') {
    return (
      <SectionMessage appearance="error" title="Release readiness unavailable" testId="readiness-error">
        <Stack space="space.100">
          <Text>{state.message}</Text>
          {onRetry ? (
            <Inline>
              <Button onClick={onRetry}>Try again</Button>
            </Inline>
          ) : null}
        </Stack>
      </SectionMessage>
    );
  }
  const { view } = state;
  return (
    <Stack space="space.250">
      {view.releases.length === 0 ? (
        <EmptyState
          header="Not planned for a release"
          description={`${view.issue.key} has no fix version. Set one to see whether it is ready to ship; the criteria below still apply.`}
          headingLevel={3}
          width="narrow"
          testId="readiness-no-release"
        />
      ) : (
        <Summary view={view} />
      )}
      {actions?.notice ? (
        <SectionMessage appearance="success" testId="sign-off-notice">
          <Text>{actions.notice}</Text>
        </SectionMessage>
      ) : null}
      {/* Times in the project's zone (the reader's own, from Jira, for a view without one), named when the reader is elsewhere. */}
      <Criteria view={view} actions={actions} timeZone={view.timeZone ?? timeZone} viewerZone={timeZone} />
      <History view={view} timeZone={view.timeZone ?? timeZone} viewerZone={timeZone} />
      <Text color="color.text.subtlest" size="small">
        {view.policySource === 'default' ? 'Default readiness policy (a project admin can change it in the project settings).' : 'Readiness policy of this project.'}
      </Text>
    </Stack>
  );
}

export function IssuePanel() {
  const context = useProductContext();
  const [state, setState] = useState<PanelState>({ kind: 'loading' });
  const [draft, setDraft] = useState<SignOffDraft>();
  const [notice, setNotice] = useState<string>();
  const started = useRef(false);

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    invoke<ResolverResult<IssueReadinessView>>(RESOLVERS.getIssueReadiness, {})
      .then((result) => setState(toPanelState(result as ResolverResult<IssueReadinessView>)))
      .catch(() => setState({ kind: 'error', message: FALLBACK_ERROR }));
  }, []);

  useEffect(() => {
    // One resolver call for the first paint, even if React runs effects twice.
    if (started.current) return;
    started.current = true;
    load();
  }, [load]);

  const submit = useCallback(() => {
    if (!draft || draft.submitting) return;
    setDraft({ ...draft, submitting: true, error: undefined });
    const payload: SignOffPayload = {
      criterionId: draft.criterionId,
      action: draft.action,
      ...(draft.action === 'sign' && draft.evidenceUrl.trim() ? { evidenceUrl: draft.evidenceUrl.trim() } : {}),
      ...(draft.comment.trim() ? { comment: draft.comment.trim() } : {}),
    };
    invoke<ResolverResult<SignOffResult>>(RESOLVERS.signOffCheck, { ...payload })
      .then((answer) => {
        const result = answer as ResolverResult<SignOffResult>;
        if (result && result.ok) {
          setState({ kind: 'ready', view: result.data.view });
          setDraft(undefined);
          const label = result.data.view.results.find((r) => r.id === payload.criterionId)?.label ?? payload.criterionId;
          setNotice(result.data.outcome === 'unchanged' ? `“${label}” was already ${payload.action === 'sign' ? 'signed off' : 'revoked'}.` : `“${label}” ${payload.action === 'sign' ? 'signed off' : 'revoked'}.`);
        } else {
          const detail = result && !result.ok ? [result.error.message, ...(result.error.details ?? [])].join(' ') : ACTION_FALLBACK;
          setDraft((d) => (d ? { ...d, submitting: false, error: detail } : d));
        }
      })
      .catch(() => setDraft((d) => (d ? { ...d, submitting: false, error: ACTION_FALLBACK } : d)));
  }, [draft]);

  const actions: PanelActions = {
    ...(draft ? { draft } : {}),
    ...(notice ? { notice } : {}),
    open: (criterionId, action) => {
      setNotice(undefined);
      setDraft({ criterionId, action, evidenceUrl: '', comment: '', submitting: false });
    },
    change: (patch) => setDraft((d) => (d ? { ...d, ...patch } : d)),
    cancel: () => setDraft(undefined),
    submit,
  };

  const extension = context?.extension as { issue?: { key?: string } } | undefined;
  const timeZone = (context as { timezone?: string } | undefined)?.timezone;
  return (
    <Fragment>
      <IssuePanelView state={state} issueKey={extension?.issue?.key} onRetry={load} actions={actions} timeZone={timeZone} />
    </Fragment>
  );
}
