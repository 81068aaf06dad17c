import { useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { ErrorBody, GoNoGoBoardView, RoleSignOff, VoteValue } from '../../../../src/contract';
import { VOTE_LABELS } from '../../../../src/contract';
import { formatDateTime, viewerTimeTitle } from '../date-format';
import { color, font, radius, space } from '../design';
import { useProjectTime } from '../project-time';
import { newClientId } from './board-model';
import { InlineError, Muted, Section, TextArea } from './controls';
import { ROLE_STATE_TEXT, roleStateAppearance } from './gng-design';
import type { GoNoGoBoardState } from './use-go-no-go';

/** Sign-offs by role: the named approvers, each one's current vote, the history, and the vote form for approvers. */
export function SignOffs({ board, mutate, viewerAccountId }: { board: GoNoGoBoardView; mutate: GoNoGoBoardState['mutate']; viewerAccountId?: string }) {
  const q = board.quorum;
  return (
    <Section
      title="Sign-offs"
      testId="gng-signoffs"
      actions={
        <span data-testid="gng-quorum" data-status={q.status} style={{ font: font.small, color: q.status === 'vetoed' ? color.textDanger : q.status === 'met' ? color.textSuccess : color.textSubtle }}>
          {q.text}
        </span>
      }
      description={`Quorum: ${q.rule.kind === 'all' ? 'every role approves' : `${q.rule.count} roles approve`}; any NO-GO holds the release. A changed vote is a new record.`}
    >
      {board.signOffs.length === 0 ? (
        <Muted>No sign-off roles are set up for this release type. A release manager sets them in the board settings.</Muted>
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: space.s150 }}>
          {board.signOffs.map((role) => (
            <RoleCard key={role.roleId} role={role} board={board} mutate={mutate} viewerAccountId={viewerAccountId} />
          ))}
        </div>
      )}
    </Section>
  );
}

function RoleCard({ role, board, mutate, viewerAccountId }: { role: RoleSignOff; board: GoNoGoBoardView; mutate: GoNoGoBoardState['mutate']; viewerAccountId?: string }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<VoteValue>();
  const [error, setError] = useState<ErrorBody>();
  const decided = board.decision !== undefined;
  const mine = role.current.find((v) => v.voter.accountId === viewerAccountId);
  const { timeZone } = useProjectTime();
  // One id per intended vote, kept until it lands: a double click or a retry sends the same id
  // and counts once; a different choice is a different vote.
  const pending = useRef<Partial<Record<VoteValue, string>>>({});
  const vote = async (value: VoteValue) => {
    setBusy(value);
    const voteId = (pending.current[value] ??= newClientId('vote'));
    const failure = await mutate('castVote', { versionId: board.version.id, roleId: role.roleId, value, comment, voteId });
    setBusy(undefined);
    setError(failure);
    if (!failure) {
      pending.current = {};
      setComment('');
    }
  };
  return (
    <article data-testid={`gng-role-${role.roleId}`} data-state={role.state} aria-label={`${role.roleName} sign-off`} style={{ border: `1px solid ${color.border}`, borderRadius: radius, padding: space.s150, display: 'flex', flexDirection: 'column', gap: space.s100 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: space.s100 }}>
        <h3 style={{ margin: 0, font: font.body, fontWeight: 653, color: color.text, flex: 1 }}>{role.roleName}</h3>
        <Lozenge appearance={roleStateAppearance(role.state)} isBold={role.state !== 'PENDING'}>
          {ROLE_STATE_TEXT[role.state]}
        </Lozenge>
      </div>
      <div style={{ font: font.small, color: color.textSubtle }}>
        Approver{role.approvers.length === 1 ? '' : 's'}: {role.approvers.length ? role.approvers.map((a) => a.displayName).join(', ') : 'none named'}
      </div>
      {role.current.map((v) => (
        <div key={v.id} style={{ font: font.small, color: color.text }}>
          <strong>{v.voter.displayName}</strong>: {VOTE_LABELS[v.value]}
          {v.comment && <> — “{v.comment}”</>} <span style={{ color: color.textSubtlest }} title={viewerTimeTitle(v.at, timeZone)}>({formatDateTime(v.at, timeZone)})</span>
        </div>
      ))}
      {role.history.length > role.current.length && (
        <details>
          <summary style={{ font: font.small, color: color.link, cursor: 'pointer' }}>History ({role.history.length} votes)</summary>
          <ol style={{ margin: `${space.s050} 0 0`, paddingLeft: space.s200, font: font.small, color: color.textSubtle }}>
            {role.history.map((v) => (
              <li key={v.id} title={viewerTimeTitle(v.at, timeZone)}>
                {formatDateTime(v.at, timeZone)} · {v.voter.displayName}: {VOTE_LABELS[v.value]}
                {v.comment && <> — “{v.comment}”</>}
              </li>
            ))}
          </ol>
        </details>
      )}
      {role.canVote && !decided && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: space.s100, borderTop: `1px solid ${color.border}`, paddingTop: space.s100 }}>
          {mine && <div style={{ font: font.small, color: color.textSubtle }}>Your vote: {VOTE_LABELS[mine.value]}. Voting again records a new vote.</div>}
          <TextArea label="Comment (needed for NO-GO and conditions)" value={comment} onValue={(text) => { pending.current = {}; setComment(text); }} rows={2} maxLength={1000} testId={`gng-vote-comment-${role.roleId}`} />
          <div style={{ display: 'flex', gap: space.s050, flexWrap: 'wrap' }}>
            <Button appearance="primary" onClick={() => void vote('GO')} isDisabled={busy !== undefined} testId={`gng-vote-${role.roleId}-GO`}>
              GO
            </Button>
            <Button onClick={() => void vote('GO_WITH_CONDITIONS')} isDisabled={busy !== undefined} testId={`gng-vote-${role.roleId}-GO_WITH_CONDITIONS`}>
              GO with conditions
            </Button>
            <Button appearance="danger" onClick={() => void vote('NO_GO')} isDisabled={busy !== undefined} testId={`gng-vote-${role.roleId}-NO_GO`}>
              NO-GO
            </Button>
          </div>
          <InlineError error={error} />
        </div>
      )}
    </article>
  );
}
