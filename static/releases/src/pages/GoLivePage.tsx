import { memo, useCallback, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import type { ErrorBody } from '../../../../src/contract';
import type { RunbookView, StepAction } from '../../../../src/contract';
import { RELEASE_TYPE_LABELS } from '../../../../src/contract';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageSkeleton } from '../components/PageSkeleton';
import { color, font, inputStyle, space } from '../design';
import { type PayloadOf, type ResolverKey, invoke } from '../platform';
import { useProjectTime } from '../project-time';
import { useResolverAnswer } from '../use-resolver-answer';
import { InlineError, Section } from '../go-no-go/controls';
import { RehearsalCellView, RehearsalsSection } from '../go-live/Rehearsals';
import { CalendarConflicts } from '../go-live/CalendarConflicts';
import { type RehearsalCell, rehearsalCells } from '../go-live/rehearsal-model';
import { StepEditor } from '../go-live/StepEditor';
import { useLiveRefresh } from '../go-live/live-refresh';
import { GO_LIVE_RUN } from '../../../../src/domain/status/vocabulary';
import { RunBookPublication, RunFollowUp } from '../go-live/RunBookPublication';
import { runbookCsv, runbookMarkdown } from '../go-live/export';
import { downloadCsv } from '../csv';
import { downloadText } from '../download';
import { slug } from '../ids';
import { STEP_FIELD_LABELS, type StepForm, emptyStepForm, formOfStep, moveTarget, placeForNewStep, stepFieldErrors, stepOfForm } from '../go-live/step-form';
import { fieldErrors, formLevelError } from '../field-errors';
import { type PlanRow, STATUS_TEXT, formatDuration, formatInstant, formatOffset, planSummary, runEndLine } from '../go-live/golive-model';
import { type StepRowModel, stepRowModels } from '../go-live/step-rows';
import { RowButton } from '../go-live/RowButton';
import { StepTableStyle } from '../go-live/step-table-style';
import { wallTimeToInstant } from '../../../../src/domain/calendar/wall-time';
import { DateTimeInput } from '../plan/form-controls';

type Mutation = 'createRunbook' | 'saveRunbookStep' | 'removeRunbookStep' | 'setGoLiveStart' | 'startRunbookRun' | 'actOnRunbookStep' | 'startRunbookRollback' | 'publishRunbookRecord' | 'startRunbookRehearsal' | 'actOnRehearsalStep';

/**
 * The Go-live sub-page: a release's runbook as planned (ordered steps, planned start and end, the
 * critical path, the planned end) and, from the GO decision on, its live run: owners and release
 * managers start, complete, fail or skip steps and add notes; everyone sees the state, late steps
 * and the projected end. Everything is decided on the server; the page shows it.
 */
export function GoLivePage({ initialVersionId }: { initialVersionId?: string }) {
  const [versionId, setVersionId] = useState<string | undefined>(initialVersionId);
  const { data, setData, error, setError, latest, reload } = useResolverAnswer('getRunbook', versionId ? { versionId } : {}, { initialLoading: true });
  const [actionError, setActionError] = useState<ErrorBody>();
  const [busy, setBusy] = useState(false);

  // Everyone watching sees a change within two seconds: Forge Realtime, polling as the fallback.
  const live = useLiveRefresh(data?.version.id, reload);

  const mutate = useCallback(
    async <K extends Mutation>(name: K, payload: PayloadOf<K>): Promise<boolean> => {
      setBusy(true);
      const request = ++latest.current;
      const result = await invoke(name as ResolverKey, payload as never);
      setBusy(false);
      if (!result.ok) {
        setActionError(result.error);
        reload(); // show what someone else changed
        return false;
      }
      setActionError(undefined);
      if (request === latest.current) {
        setData(result.data as RunbookView);
        setError(undefined);
      }
      return true;
    },
    [latest, reload, setData, setError],
  );

  const clearError = useCallback(() => setActionError(undefined), []);
  useRenderMeasure(data);

  if (!data) {
    if (error) return <ErrorMessage title="Could not load the go-live runbook" error={error} onRetry={reload} />;
    return <PageSkeleton label="Loading the go-live runbook" />;
  }
  return (
    <div data-testid="go-live" data-version={data.version.id} data-plan-revision={data.planRevision} data-live={live} style={{ display: 'flex', flexDirection: 'column', gap: space.s200 }}>
      {error && <ErrorMessage title="Could not refresh the runbook" error={error} onRetry={reload} />}
      <Toolbar view={data} onSelect={setVersionId} />
      {actionError && (
        <div data-testid="golive-action-error">
          <InlineError error={formLevelError(actionError, fieldErrors(actionError, STEP_FIELD_LABELS))} />
        </div>
      )}
      {!data.exists ? (
        <CreatePanel view={data} busy={busy} mutate={mutate} />
      ) : (
        <RunbookBody view={data} busy={busy} mutate={mutate} actionError={actionError} clearError={clearError} />
      )}
    </div>
  );
}

/** For the benchmark (bench/go-live.ts): from a release's first answer arriving to the page drawn with it, as `golive:render:<version id>`. */
function useRenderMeasure(data: RunbookView | undefined): void {
  const measured = useRef<string>();
  const id = data?.version.id;
  if (id && measured.current !== id) {
    measured.current = id;
    performance.mark(`golive:data:${id}`);
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark(`golive:rendered:${id}`);
        performance.measure(`golive:render:${id}`, `golive:data:${id}`, `golive:rendered:${id}`);
      }, 0),
    );
  }
}

function Toolbar({ view, onSelect }: { view: RunbookView; onSelect: (id: string) => void }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: space.s150, flexWrap: 'wrap' }}>
      <label style={{ font: font.body, color: color.text, display: 'flex', gap: space.s100, alignItems: 'center' }}>
        Release
        <select data-testid="golive-version" value={view.version.id} onChange={(e) => onSelect(e.target.value)} style={inputStyle()}>
          {view.versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
              {v.released ? ' (released)' : ''}
            </option>
          ))}
        </select>
      </label>
      <span style={{ font: font.small, color: color.textSubtle }}>{RELEASE_TYPE_LABELS[view.releaseType]} release</span>
      <span data-testid="golive-decision" style={{ font: font.small, color: view.decision?.value === 'GO' ? color.textSuccess : color.textSubtle }}>
        {view.decision ? `${view.decision.value === 'GO' ? 'GO' : 'NO-GO'} by ${view.decision.decidedBy.displayName}` : 'No Go/No-Go decision yet'}
      </span>
    </div>
  );
}

type Mutate = <K extends Mutation>(name: K, payload: PayloadOf<K>) => Promise<boolean>;

function CreatePanel({ view, busy, mutate }: { view: RunbookView; busy: boolean; mutate: Mutate }) {
  const [copyFrom, setCopyFrom] = useState('');
  const others = view.versions.filter((v) => v.id !== view.version.id);
  return (
    <Section title="No runbook yet" testId="golive-create" description={`Start from the ${RELEASE_TYPE_LABELS[view.releaseType].toLowerCase()} template (Release settings) or copy an earlier release's runbook.`}>
      {!view.permissions.canEditPlan ? (
        <span style={{ font: font.body, color: color.textSubtle }}>A release manager creates the runbook.</span>
      ) : (
      <div style={{ display: 'flex', gap: space.s100, flexWrap: 'wrap', alignItems: 'center' }}>
        <Button appearance="primary" testId="golive-create-template" isDisabled={busy} onClick={() => void mutate('createRunbook', { versionId: view.version.id, from: { type: 'template' } })}>
          Create from the {RELEASE_TYPE_LABELS[view.releaseType].toLowerCase()} template
        </Button>
        <select aria-label="Copy from release" data-testid="golive-copy-from" value={copyFrom} onChange={(e) => setCopyFrom(e.target.value)} style={inputStyle()}>
          <option value="">Copy from…</option>
          {others.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
        <Button testId="golive-copy" isDisabled={busy || !copyFrom} onClick={() => void mutate('createRunbook', { versionId: view.version.id, from: { type: 'copy', versionId: copyFrom } })}>
          Copy
        </Button>
      </div>
      )}
    </Section>
  );
}

function RunbookBody({ view, busy, mutate, actionError, clearError }: { view: RunbookView; busy: boolean; mutate: Mutate; actionError?: ErrorBody; clearError: () => void }) {
  const { timeZone } = useProjectTime();
  // Rows unchanged since the last answer keep their model, so a refresh redraws only what changed.
  const previousRows = useRef<ReadonlyMap<string, StepRowModel>>();
  const rows = useMemo(() => {
    const models = stepRowModels(view, previousRows.current);
    previousRows.current = new Map(models.map((m) => [m.row.step.id, m]));
    return models;
  }, [view]);
  const run = view.run;
  const rehearsed = view.rehearsals && view.rehearsals.records.length > 0 ? rehearsalCells(view) : undefined;
  const [rollbackReason, setRollbackReason] = useState('');
  const [editing, setEditing] = useState<StepForm>();
  const editable = !run && view.permissions.canEditPlan;
  const exportName = `${slug(view.version.name) || view.version.id}-runbook`;
  const order = view.plan.steps.map((s) => s.id);
  const edit = (form: StepForm | undefined) => {
    clearError();
    setEditing(form);
  };
  // Made once per answer (not per draw), so the memoised rows are not drawn again for nothing.
  const planEdits: PlanEdits | undefined = useMemo(
    () =>
      editable
        ? {
            edit: (step) => {
              clearError();
              setEditing(formOfStep(step, view.users, timeZone));
            },
            move: (step, direction) => {
              const after = moveTarget(order, step.id, direction);
              if (after !== undefined) void mutate('saveRunbookStep', { versionId: view.version.id, planRevision: view.planRevision, step, after });
            },
            remove: (step) => void mutate('removeRunbookStep', { versionId: view.version.id, planRevision: view.planRevision, stepId: step.id }),
            order,
          }
        : undefined,
    [editable, view, timeZone, mutate, clearError], // `order` and the callbacks follow from the view
  );
  return (
    <>
      <Section title={run ? 'Live run' : 'Go-live plan'} testId="golive-summary" description={planSummary(view, timeZone)}>
        {view.maintenanceWindow && <WindowLine check={view.maintenanceWindow} timeZone={timeZone} />}
        {!run && view.calendarConflicts && <CalendarConflicts conflicts={view.calendarConflicts} />}
        {view.problems.length > 0 && (
          <ul data-testid="golive-problems" style={{ margin: 0, color: color.textDanger, font: font.body }}>
            {view.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {run ? (
          <div data-testid="golive-run-status" data-status={run.progress.status} style={{ font: font.body, color: color.text, display: 'flex', gap: space.s200, flexWrap: 'wrap', alignItems: 'center' }}>
            <strong>{GO_LIVE_RUN[run.progress.status].word}</strong>
            <span>
              {run.progress.mode === 'rollback' ? 'Rollback planned to end' : 'Planned end'} {formatInstant(run.progress.plannedEndAt, timeZone)}
            </span>
            <RunEnd progress={run.progress} timeZone={timeZone} />
            {view.permissions.canRollBack && (
              <span style={{ display: 'flex', gap: space.s100, alignItems: 'center' }}>
                <input aria-label="Why roll back" placeholder="Why roll back" value={rollbackReason} onChange={(e) => setRollbackReason(e.target.value)} style={inputStyle()} />
                <Button appearance="danger" testId="golive-rollback" isDisabled={busy} onClick={() => void mutate('startRunbookRollback', { versionId: view.version.id, reason: rollbackReason })}>
                  Roll back
                </Button>
              </span>
            )}
          </div>
        ) : null}
        {run && <RunFollowUp view={view} timeZone={timeZone} />}
        {run && <RunBookPublication view={view} timeZone={timeZone} busy={busy} onPublish={() => void mutate('publishRunbookRecord', { versionId: view.version.id })} />}
        {run ? null : (
          <div style={{ display: 'flex', gap: space.s150, alignItems: 'center', flexWrap: 'wrap' }}>
            {view.permissions.canEditPlan && <GoLiveStartInput view={view} timeZone={timeZone} busy={busy} mutate={mutate} />}
            {view.startGate.allowed ? (
              <Button appearance="primary" testId="golive-start-run" isDisabled={busy || !view.permissions.canStartRun} onClick={() => void mutate('startRunbookRun', { versionId: view.version.id })}>
                Start the go-live run
              </Button>
            ) : (
              <span data-testid="golive-start-gate" style={{ font: font.body, color: color.textSubtle }}>
                {view.startGate.reason}
              </span>
            )}
          </div>
        )}
      </Section>
      {!run && <RehearsalsSection view={view} busy={busy} mutate={mutate} timeZone={timeZone} />}
      <Section
        title="Steps"
        testId="golive-steps"
        actions={
          <div style={{ display: 'flex', gap: space.s100 }}>
            <Button testId="golive-export-md" appearance="subtle" onClick={() => downloadText(`${exportName}.md`, runbookMarkdown(view, timeZone))}>
              Markdown
            </Button>
            <Button testId="golive-export-csv" appearance="subtle" onClick={() => downloadCsv(`${exportName}.csv`, runbookCsv(view))}>
              CSV
            </Button>
            {editable && !editing && (
              <Button testId="golive-add-step" onClick={() => edit(emptyStepForm())}>
                Add step
              </Button>
            )}
          </div>
        }
      >
        {editable && editing && (
          <StepEditor
            key={editing.id || 'new'}
            initial={editing}
            steps={view.plan.steps}
            timeZone={timeZone}
            errors={stepFieldErrors(fieldErrors(actionError, STEP_FIELD_LABELS), 'step')}
            busy={busy}
            onCancel={() => edit(undefined)}
            onSave={(form) => {
              const after = form.id ? undefined : placeForNewStep(view.plan.steps, form.kind);
              void mutate('saveRunbookStep', { versionId: view.version.id, planRevision: view.planRevision, step: stepOfForm(form, timeZone, order), ...(after !== undefined ? { after } : {}) }).then((saved) => {
                if (saved) setEditing(undefined);
              });
            }}
          />
        )}
        <div style={{ overflowX: 'auto' }}>
          <StepTableStyle />
          <table style={{ borderCollapse: 'collapse', width: '100%', font: font.body, color: color.text }}>
            <thead>
              <tr style={{ textAlign: 'left', font: font.small, color: color.textSubtle }}>
                {['#', 'Step', 'Owner', 'Planned', ...(rehearsed ? ['Rehearsed'] : []), run ? 'Status' : 'Depends on', ''].map((h) => (
                  <th key={h} style={{ padding: space.s050, borderBottom: `2px solid ${color.border}` }}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((model) => {
                const rehearsal = rehearsed?.get(model.row.step.id);
                // During a run a row waits only for its own action (the server refuses a stale one), so one click does not redraw every row twice.
                return <StepRow key={model.row.step.id} model={model} versionId={view.version.id} live={run !== undefined} timeZone={timeZone} busy={run ? false : busy} mutate={mutate} planEdits={planEdits} rehearsal={rehearsal} rehearsalView={rehearsal ? view : undefined} />;
              })}
            </tbody>
          </table>
        </div>
      </Section>
    </>
  );
}

function RunEnd({ progress, timeZone }: { progress: NonNullable<RunbookView['run']>['progress']; timeZone: string }) {
  const end = runEndLine(progress, timeZone);
  return (
    <span data-testid="golive-projected-end" data-ended={progress.endedAt ? 'true' : 'false'} style={{ color: end.late ? color.textDanger : progress.endedAt ? color.text : color.textSuccess }}>
      {end.text}
    </span>
  );
}

function WindowLine({ check, timeZone }: { check: NonNullable<RunbookView['maintenanceWindow']>; timeZone: string }) {
  const window = `the maintenance window on ${check.environmentName}, ${formatInstant(check.from, timeZone)} – ${formatInstant(check.to, timeZone).slice(-5)}`;
  const problems = [
    check.minutesEarly > 0 ? `starts ${formatDuration(check.minutesEarly)} before ${window} opens` : '',
    check.minutesOver > 0 ? `is planned to end ${formatDuration(check.minutesOver)} after it closes` : '',
  ].filter(Boolean);
  return (
    <div data-testid="golive-window" data-fits={check.fits} style={{ font: font.body, color: check.fits ? color.textSuccess : color.textDanger }}>
      {check.fits ? `Fits ${window}.` : `The go-live ${problems.join(' and ')}${check.minutesEarly > 0 ? '' : ` (${window})`}.`}
    </div>
  );
}

function GoLiveStartInput({ view, timeZone, busy, mutate }: { view: RunbookView; timeZone: string; busy: boolean; mutate: Mutate }) {
  const [value, setValue] = useState('');
  const goLiveStart = wallTimeToInstant(value, timeZone);
  return (
    <span style={{ display: 'flex', gap: space.s100, alignItems: 'flex-end', width: 380, maxWidth: '100%' }}>
      <DateTimeInput label={`Go-live start (${timeZone})`} value={value} onValue={setValue} testId="golive-start-at" />
      <Button
        testId="golive-set-start"
        isDisabled={busy || !goLiveStart}
        onClick={() => goLiveStart && void mutate('setGoLiveStart', { versionId: view.version.id, planRevision: view.planRevision, goLiveStart })}
      >
        Set
      </Button>
    </span>
  );
}

const TIMING_TEXT = { 'on-time': '', 'late-start': 'late', overrunning: 'overrunning', 'finished-late': 'finished late' } as const;

/** What a release manager does to the plan's steps before the run: edit, move one place, remove. */
interface PlanEdits {
  edit: (step: RunbookView['plan']['steps'][number]) => void;
  move: (step: RunbookView['plan']['steps'][number], direction: 'up' | 'down') => void;
  remove: (step: RunbookView['plan']['steps'][number]) => void;
  order: string[];
}

interface StepRowProps {
  model: StepRowModel;
  versionId: string;
  live: boolean;
  timeZone: string;
  busy: boolean;
  mutate: Mutate;
  planEdits?: PlanEdits;
  rehearsal?: RehearsalCell;
  rehearsalView?: RunbookView;
}

/** One step; drawn again only when its model (kept while unchanged, see step-rows.ts) or the page's state for it changes. */
const StepRow = memo(function StepRow({ model, versionId, live, timeZone, busy: pageBusy, mutate, planEdits, rehearsal, rehearsalView }: StepRowProps) {
  const { row, actions } = model;
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const busy = pageBusy || pending;
  const status = row.state?.status ?? 'not-started';
  const act = async (type: Exclude<StepAction['type'], 'vote'>) => {
    const action: StepAction = type === 'fail' || type === 'skip' ? { type, reason: text } : type === 'note' ? { type, text } : { type };
    setPending(true);
    try {
      if (await mutate('actOnRunbookStep', { versionId, stepId: row.step.id, expectedStatus: status, action })) setText('');
    } finally {
      setPending(false);
    }
  };
  const late = row.progress && row.progress.timing !== 'on-time';
  return (
    <tr
      data-testid={`golive-step-${row.step.id}`}
      data-status={status}
      data-critical={row.critical}
      data-ready={row.progress?.ready === true}
      className={`gl-row${row.critical ? ' gl-critical' : ''}${model.dimmed ? ' gl-dimmed' : ''}`}
    >
      <td className="gl-index">{row.index + 1}</td>
      <td>
        <div className="gl-title">
          {row.step.title}
          {row.critical && (
            <span title="On the critical path: any delay moves the planned end" className="gl-badge">
              critical
            </span>
          )}
        </div>
        <div className="gl-small">
          {row.kindLabel}
          {row.step.environment ? ` · ${row.step.environment}` : ''} · {formatDuration(row.step.durationMinutes)}
          {row.step.link && (
            <>
              {' · '}
              <a href={row.step.link} target="_blank" rel="noreferrer" className="gl-link">
                link
              </a>
            </>
          )}
        </div>
        {row.state?.notes.map((n) => (
          <div key={`${n.at}-${n.text}`} className="gl-small">
            {n.by.displayName}: {n.text}
          </div>
        ))}
      </td>
      <td>{row.owner || <span className="gl-subtlest">release managers</span>}</td>
      <td>
        {/* Each end stays on one line; in a narrow page the end goes under the start. */}
        {row.plannedStart && row.plannedEnd ? (
          <>
            <span className="gl-nowrap">{formatInstant(row.plannedStart, timeZone)} –</span> <span className="gl-nowrap">{formatInstant(row.plannedEnd, timeZone).slice(-5)}</span>
          </>
        ) : row.plannedOffset ? (
          <>
            <span className="gl-nowrap">{formatOffset(row.plannedOffset.start)} –</span> <span className="gl-nowrap">{formatOffset(row.plannedOffset.end)}</span>
          </>
        ) : row.rollback ? (
          'when rolled back'
        ) : (
          ''
        )}
      </td>
      {rehearsal && <td>{rehearsalView && <RehearsalCellView cell={rehearsal} stepId={row.step.id} stepTitle={row.step.title} view={rehearsalView} busy={busy} mutate={mutate} />}</td>}
      <td>
        {live ? (
          <span data-testid={`golive-status-${row.step.id}`} className={status === 'failed' ? 'gl-danger' : status === 'completed' ? 'gl-success' : undefined}>
            {STATUS_TEXT[status]}
            {row.state?.by && status !== 'not-started' ? ` · ${row.state.by.displayName}` : ''}
            {row.state?.reason ? ` · ${row.state.reason}` : ''}
            {late && <span className="gl-danger">{` · ${TIMING_TEXT[row.progress!.timing]} ${formatDuration(row.progress!.lateByMinutes)}`}</span>}
          </span>
        ) : (
          <span className="gl-small">{row.dependsOn.join(', ')}</span>
        )}
        {model.votes.length > 0 && <CheckpointVotes model={model} versionId={versionId} busy={busy} mutate={mutate} />}
      </td>
      <td>
        {planEdits && <PlanEditButtons row={row} busy={busy} planEdits={planEdits} />}
        {actions.length > 0 && (
          <div className="gl-actions">
            {actions.some((a) => a === 'fail' || a === 'skip' || a === 'note') && (
              <input aria-label={`Reason or note for ${row.step.title}`} data-testid={`golive-text-${row.step.id}`} placeholder="Reason or note" value={text} onChange={(e) => setText(e.target.value)} className="gl-input" />
            )}
            {actions.map((a) => (
              <RowButton key={a} testId={`golive-${a}-${row.step.id}`} appearance={a === 'complete' || a === 'start' ? 'primary' : a === 'fail' ? 'danger' : 'default'} disabled={busy} onClick={() => void act(a)} label={`${ACTION_TEXT[a]}: ${row.step.title}`}>
                {ACTION_TEXT[a]}
              </RowButton>
            ))}
          </div>
        )}
      </td>
    </tr>
  );
});

const ACTION_TEXT = { start: 'Start', complete: 'Complete', fail: 'Fail', skip: 'Skip', note: 'Note' } as const;

function PlanEditButtons({ row, busy, planEdits }: { row: PlanRow; busy: boolean; planEdits: PlanEdits }) {
  const id = row.step.id;
  const first = planEdits.order[0] === id;
  const last = planEdits.order[planEdits.order.length - 1] === id;
  return (
    // Wraps in a narrow page (1024 px) rather than pushing the table past the card's edge.
    <div style={{ display: 'flex', gap: space.s050, flexWrap: 'wrap' }}>
      <Button testId={`golive-edit-${id}`} spacing="compact" isDisabled={busy} onClick={() => planEdits.edit(row.step)}>
        Edit
      </Button>
      <Button testId={`golive-up-${id}`} spacing="compact" isDisabled={busy || first} onClick={() => planEdits.move(row.step, 'up')} aria-label={`Move “${row.step.title}” up`}>
        ↑
      </Button>
      <Button testId={`golive-down-${id}`} spacing="compact" isDisabled={busy || last} onClick={() => planEdits.move(row.step, 'down')} aria-label={`Move “${row.step.title}” down`}>
        ↓
      </Button>
      <Button testId={`golive-remove-${id}`} spacing="compact" appearance="subtle" isDisabled={busy} onClick={() => planEdits.remove(row.step)}>
        Remove
      </Button>
    </div>
  );
}

const VOTE_TEXT = { continue: 'continue', rollback: 'roll back' } as const;

/** A checkpoint's approvers and their votes; a named approver who has not voted is asked, with a reason for a rollback. */
function CheckpointVotes({ model, versionId, busy, mutate }: { model: StepRowModel; versionId: string; busy: boolean; mutate: Mutate }) {
  const { row } = model;
  const [reason, setReason] = useState('');
  // The row's own wait, as for its other actions: the page's busy state does not reach rows during a run.
  const [pending, setPending] = useState(false);
  const vote = (choice: 'continue' | 'rollback') => {
    setPending(true);
    void mutate('actOnRunbookStep', { versionId, stepId: row.step.id, expectedStatus: 'running', action: { type: 'vote', choice, ...(choice === 'rollback' ? { reason } : {}) } }).finally(() => setPending(false));
  };
  const disabled = busy || pending;
  return (
    <div data-testid={`golive-votes-${row.step.id}`} style={{ display: 'flex', flexDirection: 'column', gap: space.s050, marginTop: space.s050 }}>
      <ul style={{ margin: 0, padding: 0, listStyle: 'none', font: font.small }}>
        {model.votes.map((v) => (
          <li key={v.accountId} data-vote={v.choice ?? 'waiting'} style={{ color: v.choice === 'rollback' ? color.textDanger : v.choice === 'continue' ? color.textSuccess : color.textSubtle }}>
            {v.name}: {v.choice ? VOTE_TEXT[v.choice] : 'not voted yet'}
            {v.reason ? ` (${v.reason})` : ''}
          </li>
        ))}
      </ul>
      {model.asksForVote && (
        <div style={{ display: 'flex', gap: space.s050, flexWrap: 'wrap', alignItems: 'center' }}>
          <Button testId={`golive-vote-continue-${row.step.id}`} spacing="compact" appearance="primary" isDisabled={disabled} onClick={() => vote('continue')}>
            Vote continue
          </Button>
          <input aria-label={`Why roll back at ${row.step.title}`} data-testid={`golive-vote-reason-${row.step.id}`} placeholder="Why roll back" value={reason} onChange={(e) => setReason(e.target.value)} style={{ ...inputStyle(), width: 160 }} />
          <Button testId={`golive-vote-rollback-${row.step.id}`} spacing="compact" appearance="danger" isDisabled={disabled} onClick={() => vote('rollback')}>
            Vote roll back
          </Button>
        </div>
      )}
    </div>
  );
}
