/**
 * The "Release readiness" issue panel (UI Kit, @forge/react). The entry point that renders it is
 * issue-panel.tsx; this module only defines components so tests can render them through the real
 * ForgeReconciler with a fake bridge.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  EmptyState,
  Heading,
  Inline,
  Link,
  Lozenge,
  SectionMessage,
  Spinner,
  Stack,
  Text,
  useProductContext,
} from '@forge/react';
import { invoke } from '@forge/bridge';
import { RESOLVERS, type IssueReleaseView, type ResolverResult } from '../contract';
import {
  blockerConcern,
  blockerConcernText,
  blockersHeading,
  daysWording,
  formatReleaseDate,
  stateAppearance,
  stateLabel,
  statusAppearance,
} from './release-wording';

export type PanelState =
  | { kind: 'loading' }
  | { kind: 'ready'; view: IssueReleaseView }
  | { kind: 'error'; message: string; retryAt?: string };

type Release = IssueReleaseView['releases'][number];
type Blocker = IssueReleaseView['openBlockers'][number];

export const FALLBACK_ERROR = 'Release readiness could not be loaded. Try again in a moment.';

export function toPanelState(result: ResolverResult<IssueReleaseView> | undefined | null): PanelState {
  if (!result || typeof result !== 'object' || !('ok' in result)) return { kind: 'error', message: FALLBACK_ERROR };
  if (result.ok) return { kind: 'ready', view: result.data };
  return { kind: 'error', message: result.error?.message || FALLBACK_ERROR, retryAt: result.error?.retryAt };
}

function ReleaseRow({ release }: { release: Release }) {
  const days = daysWording(release.daysToRelease, release.released);
  const dateLine = release.released
    ? `Released ${release.releaseDate ? formatReleaseDate(release.releaseDate) : ''}`.trim()
    : formatReleaseDate(release.releaseDate);
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Text weight="bold">{release.name}</Text>
        <Lozenge appearance={stateAppearance(release.state)}>{stateLabel(release.state)}</Lozenge>
      </Inline>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Text color="color.text.subtle">{dateLine}</Text>
        {days ? <Text color={release.state === 'overdue' ? 'color.text.danger' : 'color.text.subtle'}>{days}</Text> : null}
      </Inline>
    </Stack>
  );
}

function BlockerRow({ blocker, releases }: { blocker: Blocker; releases: Release[] }) {
  const concern = blockerConcern(blocker.fixVersions, releases);
  const concernText = blockerConcernText(concern, blocker.fixVersions);
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Link href={`/browse/${blocker.key}`}>{blocker.key}</Link>
        <Lozenge appearance={statusAppearance(blocker.statusCategory)}>{blocker.statusName}</Lozenge>
        {concernText ? (
          <Lozenge appearance={concern === 'no-release' ? 'removed' : 'moved'} isBold>
            {concernText}
          </Lozenge>
        ) : (
          <Text color="color.text.subtle">{`In ${blocker.fixVersions.join(', ')}`}</Text>
        )}
      </Inline>
      <Text>{blocker.summary}</Text>
    </Stack>
  );
}

function Blockers({ view }: { view: IssueReleaseView }) {
  const blockers = view.openBlockers;
  return (
    <Stack space="space.100">
      <Heading size="xsmall" as="h3">
        {blockersHeading(blockers.length)}
      </Heading>
      {blockers.map((b) => (
        <BlockerRow key={b.key} blocker={b} releases={view.releases} />
      ))}
    </Stack>
  );
}

export function IssuePanelView({ state, issueKey, onRetry }: { state: PanelState; issueKey?: string; onRetry?: () => void }) {
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
      <SectionMessage appearance="error" title="Release readiness unavailable">
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
    <Stack space="space.200">
      {view.releases.length === 0 ? (
        <EmptyState
          header="No fix version"
          description={`Set a fix version on ${view.issue.key} to see when it ships and what blocks it.`}
          headingLevel={3}
          width="narrow"
        />
      ) : (
        <Stack space="space.150">
          <Heading size="xsmall" as="h3">
            {view.releases.length === 1 ? 'Fix version' : 'Fix versions'}
          </Heading>
          {view.releases.map((r) => (
            <ReleaseRow key={r.id} release={r} />
          ))}
        </Stack>
      )}
      {view.releases.length === 0 && view.openBlockers.length === 0 ? null : <Blockers view={view} />}
    </Stack>
  );
}

export function IssuePanel() {
  const context = useProductContext();
  const [state, setState] = useState<PanelState>({ kind: 'loading' });
  const started = useRef(false);

  const load = useCallback(() => {
    setState({ kind: 'loading' });
    invoke<ResolverResult<IssueReleaseView>>(RESOLVERS.getIssueRelease, {})
      .then((result) => setState(toPanelState(result as ResolverResult<IssueReleaseView>)))
      .catch(() => setState({ kind: 'error', message: FALLBACK_ERROR }));
  }, []);

  useEffect(() => {
    // One resolver call for the first paint, even if React runs effects twice.
    if (started.current) return;
    started.current = true;
    load();
  }, [load]);

  const issueKey = (context?.extension as { issue?: { key?: string } } | undefined)?.issue?.key;
  return <IssuePanelView state={state} issueKey={issueKey} onRetry={load} />;
}
