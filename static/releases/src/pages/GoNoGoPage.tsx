import { useCallback, useEffect, useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import Spinner from '@atlaskit/spinner';
import type { GoNoGoBoardView, ReleaseType } from '../../../../src/contract';
import { RELEASE_TYPE_LABELS, RELEASE_TYPES } from '../../../../src/contract';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageSkeleton } from '../components/PageSkeleton';
import { color, font, space } from '../design';
import { getContext } from '../platform';
import { formatJiraDate } from '../release-rows';
import { AuditLog } from '../go-no-go/AuditLog';
import { CriteriaSection } from '../go-no-go/CriteriaSection';
import { DecisionPanel } from '../go-no-go/DecisionPanel';
import { ReadinessSection } from '../go-no-go/ReadinessSection';
import { GoNoGoBurnup } from '../go-no-go/GoNoGoBurnup';
import { ReviewSection } from '../go-no-go/ReviewSection';
import { RiskRegister } from '../go-no-go/RiskRegister';
import { SettingsPanel } from '../go-no-go/SettingsPanel';
import { SignOffs } from '../go-no-go/SignOffs';
import { DecisionHeader } from '../go-no-go/DecisionHeader';
import { InlineError, type SectionDisclosure, SectionDisclosureContext, inputStyle } from '../go-no-go/controls';
import { type GoNoGoBoardState, useGoNoGoBoard } from '../go-no-go/use-go-no-go';

/**
 * The Go/No-Go sub-page: one board per release (Jira version). It leads with the decision (its
 * state, the recommendation, what blocks, who still has to vote); below, folding sections with the
 * exit criteria, sign-offs, the decision form, readiness, risks, the post-implementation review and
 * the audit log. Everything is decided and checked on the server; this page shows it and sends the
 * changes.
 */
export function GoNoGoPage({ initialVersionId, onOpenGoLive }: { initialVersionId?: string | undefined; onOpenGoLive?: (versionId: string) => void } = {}) {
  const state = useGoNoGoBoard(initialVersionId);
  const [viewerAccountId, setViewerAccountId] = useState<string>();
  useEffect(() => {
    // Only to say "your vote" next to the viewer's own vote; the server decides who may vote.
    getContext().then((c) => setViewerAccountId(c.accountId), () => undefined);
  }, []);
  const { data, error, loading, reload } = state;
  const [settingsOpen, setSettingsOpen] = useState(false);
  const sections = useSections();

  if (!data) {
    // No version asked for and none found: the project has no releases yet, which is not a failure.
    if (error?.code === 'NOT_FOUND' && !state.versionId) {
      return <EmptyState testId="gng-empty" header="No releases to decide on yet" description={<>{error.message} The board opens on the next release once there is one.</>} action={<Button onClick={reload}>Check again</Button>} />;
    }
    if (error) return <ErrorMessage title="Could not load the Go/No-Go board" error={error} onRetry={reload} />;
    return <PageSkeleton label="Loading the Go/No-Go board" />;
  }
  const board = data;
  return (
    <div data-testid="gng-board" data-version={board.version.id} aria-busy={loading} style={{ display: 'flex', flexDirection: 'column', gap: space.s200 }}>
      {error && <ErrorMessage title="Could not refresh the board" error={error} onRetry={reload} />}
      <Toolbar board={board} state={state} onSettings={() => setSettingsOpen((o) => !o)} settingsOpen={settingsOpen} onOpenGoLive={onOpenGoLive} />
      <DecisionHeader board={board} onOpenSection={sections.reveal} />
      {settingsOpen && <SettingsPanel initialType={board.releaseType} onSaved={reload} onClose={() => setSettingsOpen(false)} />}
      {/* The details in the order people decide: the criteria, the votes, the decision, then the evidence behind them. */}
      <SectionDisclosureContext.Provider value={sections}>
        <CriteriaSection key={`criteria-${board.version.id}-${board.releaseType}`} board={board} mutate={state.mutate} />
        <SignOffs key={`signoffs-${board.version.id}-${board.round}`} board={board} mutate={state.mutate} viewerAccountId={viewerAccountId} />
        <DecisionPanel key={`decision-${board.version.id}-${board.round}-${board.decision?.id ?? ''}`} board={board} mutate={state.mutate} />
        <ReadinessSection board={board} />
        <GoNoGoBurnup versionId={board.version.id} />
        <RiskRegister key={`risks-${board.version.id}`} board={board} mutate={state.mutate} />
        <ReviewSection key={`review-${board.version.id}-${board.pir?.status ?? 'none'}`} board={board} onSaved={reload} />
        <AuditLog key={`audit-${board.version.id}`} versionId={board.version.id} versionName={board.version.name} />
      </SectionDisclosureContext.Provider>
    </div>
  );
}

/** Sections shown open on arrival; the review and the audit log are looked up, not decided on. */
const CLOSED_AT_FIRST = new Set(['gng-pir', 'gng-audit']);

/** Which detail sections are open; `reveal` opens one and brings it into view (the blockers' links). */
function useSections(): SectionDisclosure & { reveal(testId: string): void } {
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const isOpen = useCallback((testId: string) => toggled[testId] ?? !CLOSED_AT_FIRST.has(testId), [toggled]);
  const toggle = useCallback((testId: string) => setToggled((t) => ({ ...t, [testId]: !(t[testId] ?? !CLOSED_AT_FIRST.has(testId)) })), []);
  const reveal = useCallback((testId: string) => {
    setToggled((t) => ({ ...t, [testId]: true }));
    // After the section has rendered open: scroll to it and move focus to its heading's button.
    requestAnimationFrame(() => {
      const section = document.getElementById(testId);
      section?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      section?.querySelector<HTMLButtonElement>('h2 button')?.focus({ preventScroll: true });
    });
  }, []);
  return useMemo(() => ({ isOpen, toggle, reveal }), [isOpen, toggle, reveal]);
}

function Toolbar({ board, state, onSettings, settingsOpen, onOpenGoLive }: { board: GoNoGoBoardView; state: GoNoGoBoardState; onSettings: () => void; settingsOpen: boolean; onOpenGoLive?: (versionId: string) => void }) {
  const [typeError, setTypeError] = useState<Awaited<ReturnType<GoNoGoBoardState['mutate']>>>();
  const selected = state.versionId ?? board.version.id;
  const setType = async (releaseType: ReleaseType) => {
    setTypeError(await state.mutate('saveBoardConfig', { versionId: board.version.id, releaseType }));
  };
  const versions = board.versions.some((v) => v.id === board.version.id) ? board.versions : [board.version, ...board.versions];
  return (
    <div style={{ display: 'flex', gap: space.s150, flexWrap: 'wrap', alignItems: 'flex-end' }}>
      <label style={{ display: 'flex', flexDirection: 'column', gap: 4, font: font.small, fontWeight: 600, color: color.textSubtle }}>
        Release
        <select data-testid="gng-version-picker" className="rr-select" value={selected} onChange={(e) => state.selectVersion(e.currentTarget.value)} style={{ ...inputStyle(), minWidth: 260 }}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
              {v.releaseDate ? ` · ${formatJiraDate(v.releaseDate)}` : ''}
              {v.released ? ' · released' : ''}
            </option>
          ))}
        </select>
      </label>
      <label style={{ display: 'flex', flexDirection: 'column', gap: 4, font: font.small, fontWeight: 600, color: color.textSubtle }}>
        Release type{board.releaseTypeSource === 'inferred' && !board.decision ? ' (guessed from the name; confirm it)' : ''}
        <select
          data-testid="gng-release-type"
          className="rr-select"
          value={board.releaseType}
          disabled={!board.permissions.isReleaseManager || board.decision !== undefined}
          onChange={(e) => {
            const next = RELEASE_TYPES.find((t) => t === e.currentTarget.value);
            if (next) void setType(next);
          }}
          style={{ ...inputStyle(), minWidth: 160 }}
        >
          {RELEASE_TYPES.map((t) => (
            <option key={t} value={t}>
              {RELEASE_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <div style={{ display: 'flex', gap: space.s100, marginLeft: 'auto', alignItems: 'center' }}>
        {state.loading && <Spinner size="small" label="Refreshing" />}
        <Button appearance="subtle" onClick={state.reload}>
          Refresh
        </Button>
        <Button isSelected={settingsOpen} aria-expanded={settingsOpen} onClick={onSettings} testId="gng-open-settings">
          Board settings
        </Button>
        {onOpenGoLive && (
          <Button testId="gng-open-go-live" onClick={() => onOpenGoLive(board.version.id)}>
            Go-live runbook
          </Button>
        )}
      </div>
      {typeError && (
        <div style={{ flexBasis: '100%' }}>
          <InlineError error={typeError} />
        </div>
      )}
    </div>
  );
}
