import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import type { GoNoGoBoardView } from '../../../../src/contract';
import { RELEASE_TYPE_LABELS } from '../../../../src/contract';
import { type Blocker, type BoardSection, type Recommendation, decisionState, recommend } from '../../../../src/domain/go-no-go/recommendation';
import { color, font, radius, space } from '../design';
import { openInNewTab } from '../platform';
import { formatJiraDate } from '../release-rows';
import { formatDateTimeYear } from '../date-format';
import { useProjectTime } from '../project-time';
import { RAG_TEXT, ragColour, tone } from './gng-design';

/** The page section a blocker of each kind opens (the sections' test ids double as their ids). */
export const SECTION_OF: Record<BoardSection, string> = { criteria: 'gng-criteria', signoffs: 'gng-signoffs', risks: 'gng-risks', readiness: 'gng-readiness' };

const RECOMMENDATION_TONE: Record<Recommendation['value'], { border: string; text: string }> = {
  GO: { border: color.borderSuccess, text: color.textSuccess },
  NO_GO: { border: color.borderDanger, text: color.textDanger },
  NOT_YET: { border: tone.borderWarning, text: color.text },
};

/**
 * The top of the Go/No-Go page, what people decide on: whether the round is decided (and by whom,
 * when), what the evidence recommends, what stands in the way and who still has to vote. Only a
 * recorded decision gets a bold GO / NO-GO badge; the recommendation is advice in plain text.
 */
export function DecisionHeader({ board, onOpenSection }: { board: GoNoGoBoardView; onOpenSection: (section: string) => void }) {
  const state = decisionState(board.decision);
  const { timeZone } = useProjectTime();
  const recommendation = recommend(board);
  const recTone = RECOMMENDATION_TONE[recommendation.value];
  return (
    <div
      data-testid="gng-verdict"
      data-verdict={board.verdict}
      data-decision={state.decided ? state.value : ''}
      data-recommendation={recommendation.value}
      style={{ display: 'flex', flexDirection: 'column', gap: space.s150, border: `1px solid ${color.border}`, borderRadius: 6, padding: space.s150, background: tone.surfaceRaised }}
    >
      <div style={{ display: 'flex', gap: space.s150, alignItems: 'center', flexWrap: 'wrap' }}>
        <h2 data-testid="gng-decision-state" data-state={state.decided ? state.value : 'undecided'}style={{ margin: 0, display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap', font: font.body, fontSize: 16, fontWeight: 653, color: color.text }}>
          {state.decided ? (
            <>
              <Lozenge appearance={state.value === 'GO' ? 'success' : 'removed'} isBold maxWidth="none">
                {state.value === 'GO' ? 'Decided: GO' : 'Decided: NO-GO'}
              </Lozenge>
              <span style={{ fontWeight: 400 }}>
                by <strong>{state.by.displayName}</strong>, {formatDateTimeYear(state.at, timeZone)} (round {state.round})
              </span>
            </>
          ) : (
            <>
              <Lozenge appearance="default" maxWidth="none">
                Not decided yet
              </Lozenge>
              <span style={{ fontWeight: 400, font: font.body, color: color.textSubtle }}>Round {board.round}: a release manager records GO or NO-GO below.</span>
            </>
          )}
        </h2>
        <span style={{ flex: '1 1 auto', font: font.body, color: color.text, minWidth: 0 }}>
          <strong>{board.version.name}</strong> · {RELEASE_TYPE_LABELS[board.releaseType]} release
          {board.version.releaseDate ? ` · release date ${formatJiraDate(board.version.releaseDate)}` : ''}
          {board.version.released ? ' · released in Jira' : ''}
        </span>
        <span data-testid="gng-rag" data-rag={board.rag} style={{ display: 'inline-flex', alignItems: 'center', gap: space.s050, font: font.body, color: color.text }}>
          <span aria-hidden="true" style={{ width: 12, height: 12, borderRadius: 6, background: ragColour(board.rag) }} />
          RAG: {RAG_TEXT[board.rag]}
        </span>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.s150, alignItems: 'flex-start' }}>
        <div data-testid="gng-recommendation" data-value={recommendation.value} style={{ borderLeft: `4px solid ${recTone.border}`, paddingLeft: space.s150, minWidth: 0, flex: '2 1 420px' }}>
          <div style={{ font: font.body, fontWeight: 653, color: recTone.text }}>{recommendation.headline}</div>
          {state.decided && recommendation.value !== state.value && recommendation.value !== 'NOT_YET' ? (
            <div style={{ font: font.small, color: color.textSubtle }}>The evidence has changed since the decision was recorded.</div>
          ) : null}
          <Blockers recommendation={recommendation} onOpenSection={onOpenSection} />
        </div>
        <AwaitingVotes recommendation={recommendation} decided={state.decided} onOpenSection={onOpenSection} />
      </div>
      {board.readiness.partial && (
        <SectionMessage appearance="information">
          <p>This release has many open issues: blocker bugs and links were checked on the first page of them.</p>
        </SectionMessage>
      )}
    </div>
  );
}

function Blockers({ recommendation, onOpenSection }: { recommendation: Recommendation; onOpenSection: (section: string) => void }) {
  if (recommendation.blockers.length === 0) return null;
  return (
    <ul data-testid="gng-blockers" aria-label="What stands in the way" style={{ margin: `${space.s050} 0 0`, paddingLeft: space.s200, font: font.body, color: color.text, display: 'flex', flexDirection: 'column', gap: 2 }}>
      {recommendation.blockers.map((b) => (
        <li key={b.id} data-blocker={b.id} data-weight={b.weight}>
          {/* The headline counts both kinds: say which kind each item is. */}
          {b.weight === 'open' ? <span style={{ color: color.textSubtle }}>Still open: </span> : null}
          <BlockerLink blocker={b} onOpenSection={onOpenSection} />
        </li>
      ))}
      {recommendation.moreBlockers > 0 && (
        <li data-testid="gng-more-blockers" style={{ color: color.textSubtle, listStyle: 'none' }}>
          and {recommendation.moreBlockers} more in the sections below
        </li>
      )}
    </ul>
  );
}

function BlockerLink({ blocker, onOpenSection }: { blocker: Blocker; onOpenSection: (section: string) => void }) {
  const linkStyle: React.CSSProperties = { color: color.link, overflowWrap: 'anywhere' };
  if (blocker.target.kind === 'issue') {
    const path = `/browse/${encodeURIComponent(blocker.target.issueKey)}`;
    return (
      <a
        href={path}
        onClick={(e) => {
          e.preventDefault();
          void openInNewTab(path).catch(() => undefined);
        }}
        style={linkStyle}
      >
        {blocker.text}
      </a>
    );
  }
  const section = SECTION_OF[blocker.target.section];
  return (
    <a
      href={`#${section}`}
      onClick={(e) => {
        // The app routes on the hash: open and scroll to the section instead of following it.
        e.preventDefault();
        onOpenSection(section);
      }}
      style={linkStyle}
    >
      {blocker.text}
    </a>
  );
}

function AwaitingVotes({ recommendation, decided, onOpenSection }: { recommendation: Recommendation; decided: boolean; onOpenSection: (section: string) => void }) {
  const waiting = recommendation.awaitingVotes;
  return (
    <div data-testid="gng-awaiting-votes" data-roles={waiting.map((w) => w.roleId).join(' ')} style={{ flex: '1 1 240px', minWidth: 0, font: font.body, color: color.text, background: color.surfaceSunken, borderRadius: radius, padding: space.s100 }}>
      <div style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>Still to vote</div>
      {decided ? (
        <div style={{ color: color.textSubtle }}>Voting is closed: this round is decided.</div>
      ) : waiting.length === 0 ? (
        <div style={{ color: color.textSuccess }}>Every role has voted.</div>
      ) : (
        <ul style={{ margin: 0, paddingLeft: space.s200 }}>
          {waiting.map((w) => (
            <li key={w.roleId} data-role={w.roleId}>
              <a
                href={`#${SECTION_OF.signoffs}`}
                onClick={(e) => {
                  e.preventDefault();
                  onOpenSection(SECTION_OF.signoffs);
                }}
                style={{ color: color.link }}
              >
                {w.roleName}
              </a>
              : {w.people.length ? w.people.map((p) => p.displayName).join(' or ') : <span style={{ color: color.textDanger }}>no approver named (board settings)</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
