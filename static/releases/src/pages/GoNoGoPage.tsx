import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { GoNoGoBoardView, ReleaseType } from '../../../../src/contract';
import { RELEASE_TYPE_LABELS, RELEASE_TYPES } from '../../../../src/contract';
import { ErrorMessage } from '../components/ErrorMessage';
import { color, font, radius, space } from '../design';
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
import { InlineError, inputStyle } from '../go-no-go/controls';
import { RAG_TEXT, VERDICT_TEXT, ragColour, verdictColours } from '../go-no-go/gng-design';
import { type GoNoGoBoardState, useGoNoGoBoard } from '../go-no-go/use-go-no-go';

/**
 * The Go/No-Go sub-page: one board per release (Jira version) with the evidence, exit criteria,
 * risks, sign-offs, the decision, the post-implementation review and the audit log. Everything is
 * decided and checked on the server; this page shows it and sends the changes.
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

  if (!data) {
    if (error) return <ErrorMessage title="Could not load the Go/No-Go board" error={error} onRetry={reload} />;
    return (
      <div style={{ display: 'flex', justifyContent: 'center', padding: space.s400 }}>
        <Spinner size="large" label="Loading the Go/No-Go board" />
      </div>
    );
  }
  const board = data;
  return (
    <div data-testid="gng-board" data-version={board.version.id} aria-busy={loading} style={{ display: 'flex', flexDirection: 'column', gap: space.s200 }}>
      {error && <ErrorMessage title="Could not refresh the board" error={error} onRetry={reload} />}
      <Toolbar board={board} state={state} onSettings={() => setSettingsOpen((o) => !o)} settingsOpen={settingsOpen} onOpenGoLive={onOpenGoLive} />
      <VerdictBanner board={board} />
      {settingsOpen && <SettingsPanel initialType={board.releaseType} onSaved={reload} onClose={() => setSettingsOpen(false)} />}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 520px), 1fr))', gap: space.s200, alignItems: 'start' }}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: space.s200, minWidth: 0 }}>
          <ReadinessSection board={board} />
          <GoNoGoBurnup versionId={board.version.id} />
          <CriteriaSection key={`criteria-${board.version.id}-${board.releaseType}`} board={board} mutate={state.mutate} />
        </div>
        <div style={{ display: 'flex', flexDirection: 'column', gap: space.s200, minWidth: 0 }}>
          <SignOffs key={`signoffs-${board.version.id}-${board.round}`} board={board} mutate={state.mutate} viewerAccountId={viewerAccountId} />
          <DecisionPanel key={`decision-${board.version.id}-${board.round}-${board.decision?.id ?? ''}`} board={board} mutate={state.mutate} />
        </div>
      </div>
      <RiskRegister key={`risks-${board.version.id}`} board={board} mutate={state.mutate} />
      <ReviewSection key={`review-${board.version.id}-${board.pir?.status ?? 'none'}`} board={board} onSaved={reload} />
      <AuditLog key={`audit-${board.version.id}`} versionId={board.version.id} versionName={board.version.name} />
    </div>
  );
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

function VerdictBanner({ board }: { board: GoNoGoBoardView }) {
  const decision = board.decision;
  const shown = decision ? (decision.value === 'GO' ? 'GO' : 'NO_GO') : board.verdict;
  const colours = verdictColours(shown);
  const headline = decision ? `Decision: ${decision.value === 'GO' ? 'GO' : 'NO-GO'}` : VERDICT_TEXT[board.verdict];
  return (
    <div
      data-testid="gng-verdict"
      data-verdict={board.verdict}
      data-decision={decision?.value ?? ''}
      role="status"
      style={{ display: 'flex', gap: space.s200, alignItems: 'center', flexWrap: 'wrap', border: `1px solid ${color.border}`, borderRadius: 6, padding: space.s150 }}
    >
      <span style={{ background: colours.background, color: colours.text, font: font.body, fontSize: 20, fontWeight: 700, borderRadius: radius, padding: `${space.s100} ${space.s200}`, whiteSpace: 'nowrap' }}>{headline}</span>
      <div style={{ flex: '1 1 320px', minWidth: 0, font: font.body, color: color.text }}>
        <div>
          <strong>{board.version.name}</strong> · {RELEASE_TYPE_LABELS[board.releaseType]} release
          {board.version.releaseDate ? ` · release date ${formatJiraDate(board.version.releaseDate)}` : ''}
          {board.version.released ? ' · released in Jira' : ''}
        </div>
        {decision ? (
          <div style={{ color: color.textSubtle }}>
            Recorded by {decision.decidedBy.displayName}. {board.verdict !== (decision.value === 'GO' ? 'GO' : 'NO_GO') ? `The live evidence now reads: ${VERDICT_TEXT[board.verdict]}.` : ''}
          </div>
        ) : board.verdictReasons.length > 0 ? (
          <ul data-testid="gng-verdict-reasons" style={{ margin: `${space.s050} 0 0`, paddingLeft: space.s200, color: board.verdict === 'NO_GO' ? color.textDanger : color.textSubtle }}>
            {board.verdictReasons.slice(0, 6).map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : (
          <div style={{ color: color.textSuccess }}>Every blocking exit criterion is met.</div>
        )}
      </div>
      <span data-testid="gng-rag" data-rag={board.rag} style={{ display: 'inline-flex', alignItems: 'center', gap: space.s050, font: font.body, color: color.text }}>
        <span aria-hidden="true" style={{ width: 14, height: 14, borderRadius: 7, background: ragColour(board.rag) }} />
        RAG: {RAG_TEXT[board.rag]}
      </span>
      {board.readiness.partial && (
        <div style={{ flexBasis: '100%' }}>
          <SectionMessage appearance="information">
            <p>This release has many open issues: blocker bugs and links were checked on the first page of them.</p>
          </SectionMessage>
        </div>
      )}
    </div>
  );
}
