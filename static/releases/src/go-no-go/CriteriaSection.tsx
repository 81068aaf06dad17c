import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { CriterionResult, ErrorBody, GoNoGoBoardView } from '../../../../src/contract';
import { color, font, space } from '../design';
import { InlineError, Muted, Section, inputStyle, tableStyle, tdStyle, thStyle } from './controls';
import { STATUS_TEXT, statusAppearance } from './gng-design';
import type { GoNoGoBoardState } from './use-go-no-go';

/** Exit criteria of the release type: automatic ones with their evidence, manual ones ticked with evidence. */
export function CriteriaSection({ board, mutate }: { board: GoNoGoBoardView; mutate: GoNoGoBoardState['mutate'] }) {
  const failing = board.criteria.filter((c) => c.blocking && c.status === 'fail').length;
  return (
    <Section
      title="Exit criteria"
      testId="gng-criteria"
      actions={<Muted>{failing ? `${failing} blocking ${failing === 1 ? 'criterion' : 'criteria'} failing` : 'No blocking criterion failing'}</Muted>}
    >
      <table style={tableStyle} aria-label="Exit criteria">
        <thead>
          <tr>
            <th scope="col" style={{ ...thStyle, width: 110 }}>Status</th>
            <th scope="col" style={{ ...thStyle, width: '40%' }}>Criterion</th>
            <th scope="col" style={thStyle}>Evidence</th>
          </tr>
        </thead>
        <tbody>
          {board.criteria.map((c) => (
            <CriterionRow key={c.id} criterion={c} board={board} mutate={mutate} />
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function CriterionRow({ criterion: c, board, mutate }: { criterion: CriterionResult; board: GoNoGoBoardView; mutate: GoNoGoBoardState['mutate'] }) {
  const [evidence, setEvidence] = useState(c.tick?.evidence ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody>();
  const canTick = c.kind === 'manual' && board.permissions.canTick;
  const ticked = c.tick?.ticked === true;
  const save = async (tick: boolean) => {
    setBusy(true);
    setError(await mutate('tickCriterion', { versionId: board.version.id, criterionId: c.id, ticked: tick, evidence }));
    setBusy(false);
  };
  return (
    <tr data-testid={`gng-criterion-${c.id}`} data-status={c.status}>
      <td style={tdStyle}>
        <Lozenge appearance={statusAppearance(c.status)}>{STATUS_TEXT[c.status]}</Lozenge>
      </td>
      <td style={tdStyle}>
        <div style={{ fontWeight: 600 }}>{c.title}</div>
        <div style={{ font: font.small, color: color.textSubtle }}>
          {c.kind === 'auto' ? 'Automatic' : 'Ticked by hand'} · {c.blocking ? <strong>blocks GO</strong> : 'advisory'}
        </div>
      </td>
      <td style={tdStyle}>
        <div style={{ color: c.status === 'fail' ? color.textDanger : color.text }}>{c.detail}</div>
        {c.tick && (
          <div style={{ font: font.small, color: color.textSubtle }}>
            {c.tick.ticked ? 'Ticked' : 'Unticked'} by {c.tick.by.displayName}
          </div>
        )}
        {canTick && (
          <div style={{ display: 'flex', gap: space.s100, marginTop: space.s100, alignItems: 'center', flexWrap: 'wrap' }}>
            <input
              aria-label={`Evidence for “${c.title}”`}
              placeholder="Link or note as evidence"
              data-testid={`gng-evidence-${c.id}`}
              value={evidence}
              maxLength={1000}
              onChange={(e) => setEvidence(e.currentTarget.value)}
              style={{ ...inputStyle(), flex: '1 1 200px', width: 'auto' }}
            />
            {ticked ? (
              <>
                <Button onClick={() => void save(true)} isDisabled={busy || evidence === c.tick?.evidence}>
                  Update evidence
                </Button>
                <Button appearance="subtle" onClick={() => void save(false)} isDisabled={busy} testId={`gng-untick-${c.id}`}>
                  Untick
                </Button>
              </>
            ) : (
              <Button appearance="primary" onClick={() => void save(true)} isDisabled={busy} testId={`gng-tick-${c.id}`}>
                Tick
              </Button>
            )}
          </div>
        )}
        <InlineError error={error} />
      </td>
    </tr>
  );
}
