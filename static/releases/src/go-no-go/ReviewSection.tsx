import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { ErrorBody, GoNoGoBoardView, PirInput, PirListItem, PirListView, PirOutcome, PostImplementationReview } from '../../../../src/contract';
import { PIR_OUTCOME_LABELS, RELEASE_TYPE_LABELS } from '../../../../src/contract';
import { color, font, space } from '../design';
import { invoke } from '../platform';
import { formatDateTimeYear } from '../date-format';
import { useProjectTime } from '../project-time';
import { newClientId } from './board-model';
import { CheckboxField, DayField, InlineError, Muted, Section, SelectField, TextArea, TextField, VisuallyHidden, inputStyle, tableStyle, tdStyle, thStyle } from './controls';
import type { LozengeAppearance } from './gng-design';
import { GoLiveReview } from './GoLiveReview';

export function pirStatusText(item: Pick<PirListItem, 'status' | 'days' | 'dueDate'>): string {
  switch (item.status) {
    case 'completed':
      return 'Completed';
    case 'overdue':
      return `Overdue by ${item.days ?? 0} day${item.days === 1 ? '' : 's'} (due ${item.dueDate ?? ''})`;
    case 'due':
      return item.days === 0 ? 'Due today' : `Due in ${item.days ?? 0} day${item.days === 1 ? '' : 's'} (${item.dueDate ?? ''})`;
    case 'open':
      return 'Not written yet (no deadline)';
  }
}

function pirAppearance(status: PirListItem['status']): LozengeAppearance {
  return status === 'completed' ? 'success' : status === 'overdue' ? 'removed' : status === 'due' ? 'moved' : 'default';
}

function toInput(review?: PostImplementationReview): PirInput {
  return {
    outcome: review?.outcome ?? 'met',
    outcomeNotes: review?.outcomeNotes ?? '',
    incidents: review?.incidents ?? [],
    lessonsLearned: review?.lessonsLearned ?? '',
    actions: (review?.actions ?? []).map((a) => ({ id: a.id, text: a.text, ...(a.owner ? { ownerAccountId: a.owner.accountId } : {}), ...(a.dueDate ? { dueDate: a.dueDate } : {}), status: a.status })),
    completed: review?.completed ?? false,
  };
}

/** The post-implementation review of this release (after a GO), and the project's list of reviews. */
export function ReviewSection({ board, onSaved }: { board: GoNoGoBoardView; onSaved: () => void }) {
  const item = board.pir;
  return (
    <Section
      title="Post-implementation review"
      testId="gng-pir"
      actions={item && <span data-testid="gng-pir-status" data-status={item.status}><Lozenge appearance={pirAppearance(item.status)}>{pirStatusText(item)}</Lozenge></span>}
      description="Outcome against goals, incidents, lessons learned and improvement actions with owners. Emergency and hotfix releases have a deadline."
    >
      {board.goLive && <GoLiveReview review={board.goLive} />}
      {!item ? <Muted>The review follows a GO decision; this release has none yet.</Muted> : board.permissions.canReview ? <ReviewForm board={board} item={item} onSaved={onSaved} /> : item.review ? <ReviewText review={item.review} /> : <Muted>Not written yet.</Muted>}
      <ProjectReviews />
    </Section>
  );
}

function ReviewText({ review }: { review: PostImplementationReview }) {
  return (
    <div style={{ font: font.body, color: color.text, display: 'flex', flexDirection: 'column', gap: space.s050 }}>
      <div>
        <strong>{PIR_OUTCOME_LABELS[review.outcome]}</strong>
        {review.outcomeNotes && <> — {review.outcomeNotes}</>}
      </div>
      {review.lessonsLearned && <div>Lessons: {review.lessonsLearned}</div>}
      {review.actions.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: space.s200 }}>
          {review.actions.map((a) => (
            <li key={a.id}>
              {a.text} ({a.owner?.displayName ?? 'no owner'}
              {a.dueDate ? `, due ${a.dueDate}` : ''}, {a.status})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ReviewForm({ board, item, onSaved }: { board: GoNoGoBoardView; item: PirListItem; onSaved: () => void }) {
  const [review, setReview] = useState<PirInput>(() => toInput(item.review));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody>();
  const [saved, setSaved] = useState<string>();
  const set = (patch: Partial<PirInput>) => setReview((r) => ({ ...r, ...patch }));
  const people = new Map<string, string>();
  for (const role of board.signOffs) for (const a of role.approvers) people.set(a.accountId, a.displayName);
  for (const a of item.review?.actions ?? []) if (a.owner) people.set(a.owner.accountId, a.owner.displayName);
  const owners = [{ value: '', label: 'Nobody yet' }, ...[...people].map(([value, label]) => ({ value, label }))];
  const save = async () => {
    setBusy(true);
    const result = await invoke('savePostImplementationReview', { versionId: board.version.id, review });
    setBusy(false);
    if (result.ok) {
      setError(undefined);
      setSaved(review.completed ? 'Review completed.' : 'Draft saved.');
      onSaved();
    } else setError(result.error);
  };
  return (
    <form
      aria-label="Post-implementation review"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      style={{ display: 'flex', flexDirection: 'column', gap: space.s100 }}
    >
      <div style={{ display: 'flex', gap: space.s100, flexWrap: 'wrap' }}>
        <SelectField label="Outcome against goals" width={220} value={review.outcome} onValue={(outcome: PirOutcome) => set({ outcome })} options={(Object.keys(PIR_OUTCOME_LABELS) as PirOutcome[]).map((v) => ({ value: v, label: PIR_OUTCOME_LABELS[v] }))} testId="gng-pir-outcome" />
        <TextArea label="Notes on the outcome" value={review.outcomeNotes} onValue={(outcomeNotes) => set({ outcomeNotes })} rows={2} maxLength={4000} testId="gng-pir-notes" />
      </div>
      <fieldset style={{ border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: space.s050 }}>
        <legend style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>Incidents</legend>
        {review.incidents.map((incident, i) => (
          <div key={i} style={{ display: 'flex', gap: space.s050 }}>
            <input aria-label={`Incident ${i + 1} reference`} placeholder="e.g. SHOP-77 or INC-2041" value={incident.reference} maxLength={200} onChange={(e) => set({ incidents: review.incidents.map((x, j) => (j === i ? { ...x, reference: e.currentTarget.value } : x)) })} style={{ ...inputStyle(), flex: '0 0 200px' }} />
            <input aria-label={`Incident ${i + 1} note`} placeholder="What happened" value={incident.note} maxLength={500} onChange={(e) => set({ incidents: review.incidents.map((x, j) => (j === i ? { ...x, note: e.currentTarget.value } : x)) })} style={inputStyle()} />
            <Button appearance="subtle" onClick={() => set({ incidents: review.incidents.filter((_, j) => j !== i) })} aria-label={`Remove incident ${i + 1}`}>
              Remove
            </Button>
          </div>
        ))}
        <div>
          <Button spacing="compact" onClick={() => set({ incidents: [...review.incidents, { reference: '', note: '' }] })} isDisabled={review.incidents.length >= 20}>
            Add incident
          </Button>
        </div>
      </fieldset>
      <TextArea label="Lessons learned" value={review.lessonsLearned} onValue={(lessonsLearned) => set({ lessonsLearned })} rows={3} maxLength={4000} testId="gng-pir-lessons" />
      <fieldset style={{ border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: space.s050 }}>
        <legend style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>Improvement actions</legend>
        {review.actions.map((action, i) => {
          const patch = (p: Partial<PirInput['actions'][number]>) => set({ actions: review.actions.map((x, j) => (j === i ? { ...x, ...p } : x)) });
          return (
            <div key={action.id} style={{ display: 'flex', gap: space.s050, flexWrap: 'wrap', alignItems: 'flex-end' }}>
              <TextField label={`Action ${i + 1}`} value={action.text} onValue={(text) => patch({ text })} maxLength={300} />
              <SelectField label="Owner" width={180} value={action.ownerAccountId ?? ''} onValue={(v) => patch({ ownerAccountId: v || undefined })} options={owners} />
              <DayField label="Due" width={160} value={action.dueDate} onValue={(dueDate) => patch({ dueDate })} />
              <SelectField label="Status" width={110} value={action.status} onValue={(status) => patch({ status })} options={[{ value: 'open', label: 'Open' }, { value: 'done', label: 'Done' }]} />
              <Button appearance="subtle" onClick={() => set({ actions: review.actions.filter((_, j) => j !== i) })}>
                Remove<VisuallyHidden> action {i + 1}</VisuallyHidden>
              </Button>
            </div>
          );
        })}
        <div>
          <Button spacing="compact" onClick={() => set({ actions: [...review.actions, { id: newClientId('action'), text: '', status: 'open' }] })} isDisabled={review.actions.length >= 20}>
            Add action
          </Button>
        </div>
      </fieldset>
      <CheckboxField label="The review is complete" checked={review.completed} onChange={(completed) => set({ completed })} testId="gng-pir-completed" />
      <InlineError error={error} />
      {saved && !error && (
        <div role="status" style={{ font: font.small, color: color.textSuccess }}>
          {saved}
        </div>
      )}
      <div>
        <Button appearance="primary" type="submit" isDisabled={busy} testId="gng-pir-save">
          {review.completed ? 'Save completed review' : 'Save draft'}
        </Button>
      </div>
    </form>
  );
}

/** Every release with a GO decision in the project, overdue reviews first (loaded when opened). */
function ProjectReviews() {
  const [view, setView] = useState<PirListView>();
  const { timeZone } = useProjectTime();
  const [error, setError] = useState<ErrorBody>();
  const load = async () => {
    const result = await invoke('getPostImplementationReviews', {});
    if (result.ok) setView(result.data);
    else setError(result.error);
  };
  return (
    <details
      data-testid="gng-pir-list"
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open && !view) void load();
      }}
    >
      <summary style={{ font: font.small, color: color.link, cursor: 'pointer' }}>All reviews in this project</summary>
      <InlineError error={error} />
      {view &&
        (view.items.length === 0 ? (
          <Muted>No release has a GO decision yet.</Muted>
        ) : (
          <table style={{ ...tableStyle, marginTop: space.s100 }} aria-label="Post-implementation reviews">
            <thead>
              <tr>
                <th scope="col" style={thStyle}>Release</th>
                <th scope="col" style={thStyle}>Type</th>
                <th scope="col" style={thStyle}>GO decided</th>
                <th scope="col" style={thStyle}>Review</th>
                <th scope="col" style={thStyle}>Open actions</th>
              </tr>
            </thead>
            <tbody>
              {view.items.map((i) => (
                <tr key={i.versionId} data-status={i.status}>
                  <td style={tdStyle}>{i.versionName}</td>
                  <td style={tdStyle}>{RELEASE_TYPE_LABELS[i.releaseType]}</td>
                  <td style={tdStyle}>{formatDateTimeYear(i.decidedAt, timeZone)}</td>
                  <td style={tdStyle}>
                    <Lozenge appearance={pirAppearance(i.status)}>{pirStatusText(i)}</Lozenge>
                  </td>
                  <td style={tdStyle}>{i.review ? i.review.actions.filter((a) => a.status === 'open').length : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </details>
  );
}
