import { useCallback, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { DecisionValue, ErrorBody, GoNoGoBoardView, GoNoGoDecision, ReleaseRequest } from '../../../../src/contract';
import { RELEASE_TYPE_LABELS, VOTE_LABELS } from '../../../../src/contract';
import { color, font, radius, space } from '../design';
import { formatDateTimeYear } from '../date-format';
import { useProjectTime } from '../project-time';
import { newClientId } from './board-model';
import { CheckboxField, InlineError, Muted, Section, TextArea } from './controls';
import { ROLE_STATE_TEXT, STATUS_TEXT, VERDICT_TEXT } from './gng-design';
import { ReleaseOptions } from './ReleaseOptions';
import type { GoNoGoBoardState } from './use-go-no-go';

const OVERRIDE_MIN = 20;
const label = (value: DecisionValue) => (value === 'GO' ? 'GO' : 'NO-GO');

/** The decision: recorded by a release manager, refused on failing blocking criteria unless overridden in writing. */
export function DecisionPanel({ board, mutate }: { board: GoNoGoBoardView; mutate: GoNoGoBoardState['mutate'] }) {
  return (
    <Section title="Decision" testId="gng-decision" description={`Round ${board.round}. The decision freezes a copy of the evidence as it is at that moment.`}>
      {board.decision ? <RecordedDecision board={board} decision={board.decision} mutate={mutate} /> : board.permissions.isReleaseManager ? <DecisionForm board={board} mutate={mutate} /> : <Muted>No decision yet. Release managers record it here.</Muted>}
      {board.earlierDecisions.length > 0 && (
        <details>
          <summary style={{ font: font.small, color: color.link, cursor: 'pointer' }}>Earlier rounds ({board.earlierDecisions.length})</summary>
          {board.earlierDecisions.map((d) => (
            <div key={d.id} style={{ marginTop: space.s100 }}>
              <DecisionSummary decision={d} />
              <Snapshot decision={d} />
            </div>
          ))}
        </details>
      )}
    </Section>
  );
}

function DecisionForm({ board, mutate }: { board: GoNoGoBoardView; mutate: GoNoGoBoardState['mutate'] }) {
  const [value, setValue] = useState<DecisionValue>(board.verdict === 'NO_GO' ? 'NO_GO' : 'GO');
  const [comment, setComment] = useState('');
  const [justification, setJustification] = useState('');
  // Off until chosen: releasing moves the version's date and may publish release notes.
  const [markReleased, setMarkReleased] = useState(false);
  const [releaseRequest, setReleaseRequest] = useState<ReleaseRequest>();
  const onRequest = useCallback((request: ReleaseRequest | undefined) => setReleaseRequest(request), []);
  const releasing = value === 'GO' && markReleased && !board.version.released;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody>();
  // The same id until the decision lands: a double click records one decision.
  const decisionId = useRef(newClientId('decision'));
  const failing = board.criteria.filter((c) => c.blocking && c.status !== 'pass');
  const needsOverride = value === 'GO' && failing.length > 0;
  const record = async () => {
    setBusy(true);
    const failure = await mutate('recordDecision', {
      versionId: board.version.id,
      value,
      comment,
      ...(needsOverride ? { overrideJustification: justification } : {}),
      ...(releasing && releaseRequest ? { release: releaseRequest } : {}),
      decisionId: decisionId.current,
    });
    setBusy(false);
    setError(failure);
  };
  return (
    <form
      aria-label="Record the decision"
      onSubmit={(e) => {
        e.preventDefault();
        void record();
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }}
    >
      <fieldset style={{ border: 'none', margin: 0, padding: 0, display: 'flex', gap: space.s200 }}>
        <legend style={{ font: font.small, fontWeight: 600, color: color.textSubtle, marginBottom: space.s050 }}>Decision</legend>
        {(['GO', 'NO_GO'] as const).map((v) => (
          <label key={v} style={{ display: 'inline-flex', alignItems: 'center', gap: space.s050, font: font.body, color: color.text, cursor: 'pointer' }}>
            <input type="radio" name="gng-decision" value={v} data-testid={`gng-decide-${v}`} checked={value === v} onChange={() => setValue(v)} style={{ accentColor: color.link, margin: 0 }} />
            {label(v)}
          </label>
        ))}
      </fieldset>
      {needsOverride && (
        <div data-testid="gng-override" style={{ border: `1px solid ${color.borderDanger}`, borderRadius: radius, padding: space.s150, display: 'flex', flexDirection: 'column', gap: space.s100 }}>
          <div style={{ font: font.body, color: color.textDanger }}>
            <strong>A GO now overrides {failing.length === 1 ? 'a blocking criterion' : `${failing.length} blocking criteria`}:</strong>
            <ul style={{ margin: `${space.s050} 0 0`, paddingLeft: space.s200 }}>
              {failing.map((c) => (
                <li key={c.id}>
                  {c.title} ({STATUS_TEXT[c.status].toLowerCase()}): {c.detail}
                </li>
              ))}
            </ul>
          </div>
          <TextArea
            label="Override justification (recorded with the decision)"
            hint={`At least ${OVERRIDE_MIN} characters: why the release goes anyway.`}
            value={justification}
            onValue={setJustification}
            rows={3}
            maxLength={2000}
            testId="gng-override-justification"
          />
        </div>
      )}
      <TextArea label={value === 'NO_GO' ? 'Why the release stops (required)' : 'Comment'} value={comment} onValue={setComment} rows={2} maxLength={2000} testId="gng-decision-comment" />
      {value === 'GO' && (
        <CheckboxField
          testId="gng-mark-released"
          checked={markReleased}
          onChange={setMarkReleased}
          disabled={board.version.released}
          label={board.version.released ? 'The version is already released in Jira' : `Also release ${board.version.name} in Jira (as you)`}
        />
      )}
      {releasing && <ReleaseOptions versionId={board.version.id} onRequest={onRequest} />}
      <InlineError error={error} testId="gng-decision-error" />
      <div>
        <Button appearance={value === 'GO' ? 'primary' : 'danger'} type="submit" isDisabled={busy || (needsOverride && justification.trim().length < OVERRIDE_MIN) || (value === 'NO_GO' && !comment.trim()) || (releasing && !releaseRequest)} testId="gng-record-decision">
          {busy ? 'Recording…' : `Record ${label(value)}${needsOverride ? ' with override' : ''}${releasing ? ' and release' : ''}`}
        </Button>
      </div>
    </form>
  );
}

function DecisionSummary({ decision }: { decision: GoNoGoDecision }) {
  const { timeZone } = useProjectTime();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: space.s050 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap' }}>
        <Lozenge appearance={decision.value === 'GO' ? 'success' : 'removed'} isBold>
          {label(decision.value)}
        </Lozenge>
        <span style={{ font: font.body, color: color.text }}>
          by <strong>{decision.decidedBy.displayName}</strong>, {formatDateTimeYear(decision.decidedAt, timeZone)} (round {decision.round})
        </span>
      </div>
      {decision.comment && <div style={{ font: font.body, color: color.text }}>“{decision.comment}”</div>}
      {decision.override && (
        <div data-testid="gng-override-record" style={{ font: font.body, color: color.textDanger }}>
          Override: “{decision.override.justification}” — over {decision.override.failingCriteria.length} failing criteria.
        </div>
      )}
    </div>
  );
}

function RecordedDecision({ board, decision, mutate }: { board: GoNoGoBoardView; decision: GoNoGoDecision; mutate: GoNoGoBoardState['mutate'] }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody>();
  const [releaseOpen, setReleaseOpen] = useState(false);
  const [releaseRequest, setReleaseRequest] = useState<ReleaseRequest>();
  const onRequest = useCallback((request: ReleaseRequest | undefined) => setReleaseRequest(request), []);
  const startNewRound = async () => {
    setBusy(true);
    setError(await mutate('startNewRound', { versionId: board.version.id }));
    setBusy(false);
  };
  const release = async (request: ReleaseRequest) => {
    setBusy(true);
    setError(await mutate('markVersionReleased', { versionId: board.version.id, release: request }));
    setBusy(false);
  };
  const jiraRelease = decision.jiraRelease;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }} data-testid="gng-recorded-decision" data-decision={decision.value}>
      <DecisionSummary decision={decision} />
      {decision.value === 'GO' && (
        <div data-testid="gng-jira-release" data-status={jiraRelease?.status ?? 'not-requested'} style={{ font: font.body, color: jiraRelease?.status === 'failed' ? color.textDanger : color.text }}>
          {jiraRelease?.status === 'released'
            ? `Released in Jira on ${jiraRelease.releaseDate ?? 'the recorded date'} by ${jiraRelease.by.displayName}.${jiraRelease.message ? ` ${jiraRelease.message}` : ''}`
            : jiraRelease?.status === 'failed'
              ? `Not released in Jira: ${jiraRelease.message ?? 'Jira refused.'}`
              : board.version.released
                ? 'The version is released in Jira.'
                : 'The version is not marked released in Jira.'}
        </div>
      )}
      <div style={{ display: 'flex', gap: space.s100, flexWrap: 'wrap' }}>
        {decision.value === 'GO' && jiraRelease?.status !== 'released' && !board.version.released && board.permissions.isReleaseManager && !releaseOpen && (
          <Button onClick={() => setReleaseOpen(true)} isDisabled={busy} testId="gng-retry-release">
            Release in Jira…
          </Button>
        )}
        {decision.value === 'NO_GO' && board.permissions.isReleaseManager && (
          <Button onClick={() => void startNewRound()} isDisabled={busy} testId="gng-new-round">
            Start a new round
          </Button>
        )}
      </div>
      {releaseOpen && !board.version.released && (
        <>
          <ReleaseOptions versionId={board.version.id} onRequest={onRequest} />
          <div style={{ display: 'flex', gap: space.s100 }}>
            <Button appearance="primary" onClick={() => releaseRequest && void release(releaseRequest)} isDisabled={busy || !releaseRequest} testId="gng-confirm-release">
              {busy ? 'Releasing…' : `Release ${board.version.name}`}
            </Button>
            <Button appearance="subtle" onClick={() => setReleaseOpen(false)} isDisabled={busy}>
              Cancel
            </Button>
          </div>
        </>
      )}
      <InlineError error={error} />
      <Snapshot decision={decision} />
    </div>
  );
}

/** The evidence as it was when the decision was recorded. */
function Snapshot({ decision }: { decision: GoNoGoDecision }) {
  const { timeZone } = useProjectTime();
  const s = decision.snapshot;
  return (
    <details data-testid="gng-snapshot">
      <summary style={{ font: font.small, color: color.link, cursor: 'pointer' }}>Evidence frozen with the decision ({formatDateTimeYear(s.capturedAt, timeZone)})</summary>
      <div style={{ font: font.small, color: color.text, display: 'flex', flexDirection: 'column', gap: space.s050, marginTop: space.s100 }}>
        <div>
          {RELEASE_TYPE_LABELS[s.releaseType]} release {s.version.name}; verdict then: <strong>{VERDICT_TEXT[s.verdict]}</strong>, RAG {s.rag}.
        </div>
        <div>
          Readiness: {s.readiness.ready} of {s.readiness.total} issues ready; {s.readiness.blockingCount} blocking
          {s.readiness.blockingIssues.length ? ` (${s.readiness.blockingIssues.map((i) => i.key).join(', ')})` : ''}.
        </div>
        <div>Criteria: {s.criteria.map((c) => `${c.title}: ${STATUS_TEXT[c.status]}`).join('; ')}.</div>
        <div>
          Risks: {s.risks.length} ({s.riskRollup.openByLevel.critical} critical, {s.riskRollup.openByLevel.high} high open).
        </div>
        <div>
          Sign-offs: {s.signOffs.map((r) => `${r.roleName} ${ROLE_STATE_TEXT[r.state]}${r.votes.length ? ` (${r.votes.map((v) => `${v.voter.displayName}: ${VOTE_LABELS[v.value]}`).join(', ')})` : ''}`).join('; ')}. {s.quorum.text}
        </div>
      </div>
    </details>
  );
}
