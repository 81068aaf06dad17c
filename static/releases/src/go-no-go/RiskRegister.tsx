import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { BoardRisk, ErrorBody, GoNoGoBoardView, RiskInput, RiskStatus } from '../../../../src/contract';
import { RISK_STATUSES } from '../../../../src/contract';
import { color, font, radius, space } from '../design';
import { type HeatCell, heatMapRows, levelOfScore, newClientId } from './board-model';
import { DayField, InlineError, Muted, Section, SelectField, TextArea, TextField, VisuallyHidden, tableStyle, tdStyle, thStyle } from './controls';
import { RAG_TEXT, levelAppearance, levelColour, ragColour, tone } from './gng-design';
import type { GoNoGoBoardState } from './use-go-no-go';

const STATUS_LABELS: Record<RiskStatus, string> = { open: 'Open', mitigating: 'Mitigating', accepted: 'Accepted', closed: 'Closed' };
const SCALE = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));

/** The release's risks, a likelihood x impact heat map of the open ones, and the form to add or change one. */
export function RiskRegister({ board, mutate }: { board: GoNoGoBoardView; mutate: GoNoGoBoardState['mutate'] }) {
  const [editing, setEditing] = useState<RiskInput>();
  const [cell, setCell] = useState<HeatCell>();
  const rows = useMemo(() => heatMapRows(board.riskRollup.heatMap, board.risks), [board]);
  const shown = cell ? board.risks.filter((r) => r.likelihood === cell.likelihood && r.impact === cell.impact) : board.risks;
  const open = board.riskRollup.openByLevel;
  return (
    <Section
      title="Risk register"
      testId="gng-risks"
      actions={
        <>
          <span data-testid="gng-risk-rag" style={{ display: 'inline-flex', alignItems: 'center', gap: space.s050, font: font.small, color: color.textSubtle }}>
            <span aria-hidden="true" style={{ width: 10, height: 10, borderRadius: 5, background: ragColour(board.riskRollup.rag) }} />
            Risks: {RAG_TEXT[board.riskRollup.rag]}
          </span>
          {board.permissions.canEditRisks && !editing && (
            <Button testId="gng-add-risk" onClick={() => setEditing(blankRisk())}>
              Add risk
            </Button>
          )}
        </>
      }
      description={`Open: ${open.critical} critical, ${open.high} high, ${open.medium} medium, ${open.low} low. An open critical risk, or a high one past its due date, turns the release Red; an open high risk turns it Amber.`}
    >
      <div style={{ display: 'flex', gap: space.s200, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <HeatMap rows={rows} selected={cell} onSelect={(c) => setCell((current) => (current && current.score === c.score && current.impact === c.impact ? undefined : c))} />
        <div style={{ flex: '1 1 320px', minWidth: 0, display: 'flex', flexDirection: 'column', gap: space.s100 }}>
          {board.riskRollup.reasons.length > 0 && (
            <ul style={{ margin: 0, paddingLeft: space.s200, color: color.textDanger, font: font.small }}>
              {board.riskRollup.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          {cell && (
            <div style={{ font: font.small, color: color.textSubtle }}>
              Showing likelihood {cell.likelihood} × impact {cell.impact}.{' '}
              <Button appearance="subtle" spacing="compact" onClick={() => setCell(undefined)}>
                Show all risks
              </Button>
            </div>
          )}
          <RiskTable risks={shown} canEdit={board.permissions.canEditRisks} onEdit={(r) => setEditing(toInput(r))} />
        </div>
      </div>
      {editing && <RiskForm key={editing.id} board={board} initial={editing} mutate={mutate} onDone={() => setEditing(undefined)} />}
    </Section>
  );
}

function blankRisk(): RiskInput {
  return { id: newClientId('risk'), title: '', description: '', likelihood: 3, impact: 3, mitigation: '', status: 'open' };
}

function toInput(r: BoardRisk): RiskInput {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    likelihood: r.likelihood,
    impact: r.impact,
    ...(r.owner ? { ownerAccountId: r.owner.accountId } : {}),
    mitigation: r.mitigation,
    ...(r.dueDate ? { dueDate: r.dueDate } : {}),
    status: r.status,
  };
}

function HeatMap({ rows, selected, onSelect }: { rows: HeatCell[][]; selected?: HeatCell; onSelect: (cell: HeatCell) => void }) {
  const axis: React.CSSProperties = { font: font.small, color: color.textSubtle, fontWeight: 600 };
  return (
    <div style={{ flex: '0 0 auto', display: 'flex', flexDirection: 'column', alignItems: 'center' }}>
      <table data-testid="gng-heatmap" aria-label="Risk heat map: likelihood by impact, open risks per cell" style={{ width: 'auto', borderCollapse: 'separate', borderSpacing: 3, font: font.small, color: color.text }}>
        <thead>
          <tr>
            <th scope="col" style={{ ...axis, textAlign: 'right', paddingRight: space.s050 }}>
              Likelihood ↑
            </th>
            <th scope="colgroup" colSpan={5} style={{ ...axis, textAlign: 'center' }}>
              Impact →
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row[0]?.likelihood}>
              <th scope="row" style={{ ...axis, paddingRight: space.s050, textAlign: 'right' }}>
                {row[0]?.likelihood}
              </th>
              {row.map((c) => {
                const active = selected?.likelihood === c.likelihood && selected.impact === c.impact;
                return (
                  <td key={c.impact} style={{ padding: 0 }}>
                    <button
                      type="button"
                      className="rr-chip"
                      aria-label={c.label}
                      aria-pressed={active}
                      title={c.label}
                      data-cell={`${c.likelihood}-${c.impact}`}
                      data-count={c.count}
                      onClick={() => onSelect(c)}
                      style={{
                        width: 44,
                        height: 36,
                        border: active ? `2px solid ${color.borderSelected}` : `1px solid ${color.border}`,
                        borderRadius: radius,
                        background: levelColour(c.level),
                        color: tone.cellText,
                        font: font.body,
                        fontWeight: c.count ? 700 : 400,
                        cursor: 'pointer',
                        opacity: c.count ? 1 : 0.5,
                      }}
                    >
                      {c.count || ''}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
          <tr>
            <td />
            {[1, 2, 3, 4, 5].map((i) => (
              <th key={i} scope="col" style={axis}>
                {i}
              </th>
            ))}
          </tr>
        </tbody>
      </table>
      <div aria-hidden="true" style={{ display: 'flex', gap: space.s100, marginTop: space.s050, font: font.small, color: color.textSubtle }}>
        {(['low', 'medium', 'high', 'critical'] as const).map((level) => (
          <span key={level} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
            <span style={{ width: 10, height: 10, borderRadius: 2, background: levelColour(level), border: `1px solid ${color.border}` }} />
            {level}
          </span>
        ))}
      </div>
    </div>
  );
}

function RiskTable({ risks, canEdit, onEdit }: { risks: BoardRisk[]; canEdit: boolean; onEdit: (r: BoardRisk) => void }) {
  if (risks.length === 0) return <Muted>No risks recorded.</Muted>;
  return (
    <table style={tableStyle} aria-label="Risks">
      <thead>
        <tr>
          <th scope="col" style={thStyle}>Risk</th>
          <th scope="col" style={thStyle}>L × I</th>
          <th scope="col" style={thStyle}>Owner</th>
          <th scope="col" style={thStyle}>Due</th>
          <th scope="col" style={thStyle}>Status</th>
          {canEdit && <th scope="col" style={thStyle}><VisuallyHidden>Actions</VisuallyHidden></th>}
        </tr>
      </thead>
      <tbody>
        {risks.map((r) => (
          <tr key={r.id} data-testid={`gng-risk-${r.id}`}>
            <td style={tdStyle}>
              <div style={{ fontWeight: 600 }}>{r.title}</div>
              {r.description && <div style={{ font: font.small, color: color.textSubtle }}>{r.description}</div>}
              {r.mitigation && <div style={{ font: font.small, color: color.textSubtle }}>Mitigation: {r.mitigation}</div>}
            </td>
            <td style={{ ...tdStyle, whiteSpace: 'nowrap' }}>
              {r.likelihood} × {r.impact} = <strong>{r.score}</strong>{' '}
              <Lozenge appearance={levelAppearance(r.level)}>{r.level}</Lozenge>
            </td>
            <td style={tdStyle}>{r.owner?.displayName ?? '—'}</td>
            <td style={{ ...tdStyle, whiteSpace: 'nowrap' }}>{r.dueDate ?? '—'}</td>
            <td style={tdStyle}>{STATUS_LABELS[r.status]}</td>
            {canEdit && (
              <td style={tdStyle}>
                <Button spacing="compact" onClick={() => onEdit(r)} aria-label={`Edit risk ${r.title}`}>
                  Edit
                </Button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RiskForm({ board, initial, mutate, onDone }: { board: GoNoGoBoardView; initial: RiskInput; mutate: GoNoGoBoardState['mutate']; onDone: () => void }) {
  const [risk, setRisk] = useState<RiskInput>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody>();
  const owners = useMemo(() => {
    const people = new Map<string, string>();
    for (const role of board.signOffs) for (const a of role.approvers) people.set(a.accountId, a.displayName);
    for (const r of board.risks) if (r.owner) people.set(r.owner.accountId, r.owner.displayName);
    return [{ value: '', label: 'Nobody yet' }, ...[...people].map(([value, label]) => ({ value, label }))];
  }, [board]);
  const score = risk.likelihood * risk.impact;
  const set = (patch: Partial<RiskInput>) => setRisk((r) => ({ ...r, ...patch }));
  const save = async () => {
    setBusy(true);
    const { ownerAccountId, dueDate, ...rest } = risk;
    const failure = await mutate('addOrUpdateRisk', { versionId: board.version.id, risk: { ...rest, ...(ownerAccountId ? { ownerAccountId } : {}), ...(dueDate ? { dueDate } : {}) } });
    setBusy(false);
    setError(failure);
    if (!failure) onDone();
  };
  return (
    <form
      data-testid="gng-risk-form"
      aria-label={board.risks.some((r) => r.id === risk.id) ? 'Edit risk' : 'New risk'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: space.s100, borderTop: `1px solid ${color.border}`, paddingTop: space.s150 }}
    >
      <div style={{ display: 'flex', gap: space.s100, flexWrap: 'wrap' }}>
        <TextField label="Title" value={risk.title} onValue={(title) => set({ title })} maxLength={120} required testId="gng-risk-title" />
        <SelectField label="Likelihood" width={100} value={String(risk.likelihood)} onValue={(v) => set({ likelihood: Number(v) })} options={SCALE} testId="gng-risk-likelihood" />
        <SelectField label="Impact" width={100} value={String(risk.impact)} onValue={(v) => set({ impact: Number(v) })} options={SCALE} testId="gng-risk-impact" />
        <div style={{ alignSelf: 'flex-end', paddingBottom: 6, font: font.body, color: color.text }} aria-live="polite">
          Score <strong>{score}</strong> <Lozenge appearance={levelAppearance(levelOfScore(score))}>{levelOfScore(score)}</Lozenge>
        </div>
      </div>
      <div style={{ display: 'flex', gap: space.s100, flexWrap: 'wrap' }}>
        <TextArea label="Description" value={risk.description} onValue={(description) => set({ description })} maxLength={1000} rows={2} />
        <TextArea label="Mitigation" value={risk.mitigation} onValue={(mitigation) => set({ mitigation })} maxLength={1000} rows={2} />
      </div>
      <div style={{ display: 'flex', gap: space.s100, flexWrap: 'wrap' }}>
        <SelectField label="Owner" value={risk.ownerAccountId ?? ''} onValue={(v) => set({ ownerAccountId: v || undefined })} options={owners} hint="Approvers of this release type and earlier owners" />
        <DayField label="Due date" width={170} value={risk.dueDate} onValue={(dueDate) => set({ dueDate })} testId="gng-risk-due" />
        <SelectField label="Status" width={150} value={risk.status} onValue={(status) => set({ status })} options={RISK_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
      </div>
      <InlineError error={error} />
      <div style={{ display: 'flex', gap: space.s100 }}>
        <Button appearance="primary" type="submit" isDisabled={busy || !risk.title.trim()} testId="gng-risk-save">
          Save risk
        </Button>
        <Button appearance="subtle" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
