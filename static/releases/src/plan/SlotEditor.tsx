/** Books an environment for a version (a slot): when, where, and whether the release needs it. */
import { useProjectTime } from '../project-time';
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import type { ErrorBody, ReleaseCalendarView, SlotInput, Tier } from '../../../../src/contract';
import { validateSlot } from '../../../../src/domain/release-plan/validate';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { ErrorMessage } from '../components/ErrorMessage';
import type { UndoableChange } from '../components/undo-flags';
import { newClientId } from '../go-no-go/board-model';
import { color, font } from '../design';
import { formatJiraDate } from '../release-rows';
import { Checkbox, DateTimeInput, EditorPanel, FormRow, SelectInput, TextArea } from './form-controls';
import { type PlanSlot, fromInputValue, toInputValue } from './plan-model';
import type { MutationOutcome } from './use-release-calendar';
import { Actions, EditorForm, byField, environmentLabel, errorOf, type Mutate, useFocusFirst, versionLabel } from './editor-parts';

const REQUIRED_BY_DEFAULT: ReadonlySet<Tier> = new Set<Tier>(['SIT', 'UAT', 'NFT', 'PREPROD']);

export interface SlotDraft {
  versionId?: string;
  environmentId?: string;
  from?: string;
  to?: string;
}

export interface SlotEditorProps {
  view: ReleaseCalendarView;
  slot?: PlanSlot;
  draft?: SlotDraft;
  mutate: Mutate;
  onClose: (message?: string, view?: ReleaseCalendarView) => void;
  /** Offers Undo for a delete that landed (a flag on the page, which outlives the editor). */
  onDeleted?: (change: UndoableChange) => void;
}

export function SlotEditor({ view, slot, draft, mutate, onClose, onDeleted }: SlotEditorProps) {
  const own = view.versions.filter((v) => v.projectKey === view.project.key && (!v.released || v.id === slot?.versionId));
  const time = useProjectTime();
  const timeZone = time.timeZone;
  const [versionId, setVersionId] = useState(slot?.versionId ?? draft?.versionId ?? '');
  const [environmentId, setEnvironmentId] = useState(slot?.environmentId ?? draft?.environmentId ?? '');
  const [from, setFrom] = useState(toInputValue(slot?.from ?? draft?.from, timeZone));
  const [to, setTo] = useState(toInputValue(slot?.to ?? draft?.to, timeZone));
  const [required, setRequired] = useState(slot?.required ?? false);
  const [requiredTouched, setRequiredTouched] = useState(!!slot);
  const [note, setNote] = useState(slot?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<ErrorBody>();
  const [submitted, setSubmitted] = useState(false);
  const ref = useFocusFirst();
  const readOnly = !view.canEdit;

  const environment = view.environments.find((e) => e.id === environmentId);
  const version = own.find((v) => v.id === versionId);
  const input: SlotInput = { versionId, environmentId, from: fromInputValue(from, timeZone) ?? from, to: fromInputValue(to, timeZone) ?? to, required, ...(note.trim() ? { note: note.trim() } : {}) };
  const problems = (() => {
    const empty = (p: string) => (!versionId && p.startsWith('versionId')) || (!environmentId && p.startsWith('environmentId')) || (!fromInputValue(from, timeZone) && p.startsWith('from')) || (!fromInputValue(to, timeZone) && p.startsWith('to'));
    const list = validateSlot(input, { ...(environment ? { environment } : {}), ...(version ? { version } : {}), timeZone: time.timeZone }).filter((p) => !empty(p));
    if (!versionId) list.unshift('versionId: choose a version.');
    if (!environmentId) list.unshift('environmentId: choose an environment.');
    if (!fromInputValue(from, timeZone)) list.push('from: give a start date and time.');
    if (!fromInputValue(to, timeZone)) list.push('to: give an end date and time.');
    return byField([...new Set(list)]);
  })();
  const show = (field: string) => (submitted || field === 'to' || field === 'from' ? problems.get(field) : undefined);
  const fromValid = !!fromInputValue(from, timeZone);
  const toValid = !!fromInputValue(to, timeZone);

  const save = async () => {
    setSubmitted(true);
    if (problems.size > 0) return;
    setBusy(true);
    setServerError(undefined);
    const outcome: MutationOutcome = await mutate('saveEnvironmentSlot', {
      slot: { ...input, ...(slot ? { id: slot.id } : {}) },
      ...(slot ? { current: { environmentId: slot.environmentId, from: slot.from }, expectedUpdatedAt: slot.updatedAt } : {}),
    });
    setBusy(false);
    if (!outcome.ok) return setServerError(outcome.error);
    const saved = outcome.view.slots.find((s) => s.hidden !== true && s.versionId === input.versionId && s.environmentId === input.environmentId && s.from === input.from);
    const clashes = saved ? outcome.view.conflicts.filter((c) => c.items.some((i) => i.kind === 'slot' && i.id === saved.id)) : [];
    onClose(`Saved ${version?.name ?? 'the slot'} on ${environment?.name ?? 'the environment'}.${clashes.length ? ` ${clashes.length} conflict${clashes.length === 1 ? '' : 's'}: ${clashes.map((c) => c.title).join('; ')}.` : ' No conflicts.'}`, outcome.view);
  };

  const what = `the ${environment?.name ?? ''} slot of ${version?.name ?? 'the version'}`;
  const [confirming, setConfirming] = useState(false);
  const remove = async (): Promise<ErrorBody | undefined> => {
    if (!slot) return undefined;
    // Names this delete: a retry deletes once, and Undo asks the server for exactly this record.
    const deletionId = newClientId('del');
    const outcome = await mutate('deleteEnvironmentSlot', { slotId: slot.id, current: { environmentId: slot.environmentId, from: slot.from }, deletionId });
    if (!outcome.ok) return outcome.error;
    onClose(`Deleted ${what}.`, outcome.view);
    onDeleted?.({ title: `Deleted ${what}`, restoredTitle: `Restored ${what}`, undo: async () => errorOf(await mutate('restoreEnvironmentSlot', { deletionId })) });
    return undefined;
  };

  return (
    <EditorPanel title={readOnly ? 'Environment slot' : slot ? 'Edit environment slot' : 'Book an environment slot'} onCancel={() => onClose()} testId="slot-editor">
      <EditorForm
        focusRef={ref}
        disabled={readOnly || busy}
        onSubmit={() => {
          if (!readOnly) void save();
        }}
        footer={
          <>
            {serverError && <ErrorMessage title="The slot was not saved" error={serverError} />}
            {readOnly ? (
              <div>
                <Button onClick={() => onClose()}>Close</Button>
                <p style={{ font: font.small, color: color.textSubtle }}>Only project administrators and release managers can change bookings.</p>
              </div>
            ) : (
              <Actions busy={busy} onCancel={() => onClose()} {...(slot ? { onDelete: () => setConfirming(true) } : {})} submitLabel={slot ? 'Save changes' : 'Book slot'} testId="slot" />
            )}
            <ConfirmDelete isOpen={confirming} title={`Delete ${what}?`} onConfirm={remove} onCancel={() => setConfirming(false)}>
              <p>The booking is removed from the release calendar for every project. You can undo this for 10 seconds.</p>
            </ConfirmDelete>
          </>
        }
      >
        <FormRow>
          <SelectInput
            label="Version"
            value={versionId}
            placeholder="Choose a version"
            options={own.map((v) => ({ value: v.id, label: versionLabel(v) }))}
            onValue={setVersionId}
            error={show('versionId')}
            testId="slot-version"
          />
          <SelectInput
            label="Environment"
            value={environmentId}
            placeholder={view.environments.length ? 'Choose an environment' : 'No environments in the inventory'}
            options={view.environments.map((e) => ({ value: e.id, label: environmentLabel(e) }))}
            onValue={(value) => {
              setEnvironmentId(value);
              const tier = view.environments.find((e) => e.id === value)?.tier;
              if (!requiredTouched && tier) setRequired(REQUIRED_BY_DEFAULT.has(tier));
            }}
            error={show('environmentId')}
            hint={environment && environment.status !== 'available' ? `${environment.name} is marked ${environment.status}.` : undefined}
            testId="slot-environment"
          />
        </FormRow>
        <FormRow>
          <DateTimeInput label="From" value={from} onValue={setFrom} error={fromValid || submitted ? show('from') : undefined} testId="slot-from" hint={version?.startDate ? `${version.name} starts ${formatJiraDate(version.startDate)}` : undefined} />
          <DateTimeInput label="To" value={to} onValue={setTo} error={fromValid && toValid ? show('to') : submitted ? show('to') : undefined} testId="slot-to" hint={`${version?.releaseDate ? `Due ${formatJiraDate(version.releaseDate)} · ` : ''}times in ${timeZone}, the project’s zone`} />
        </FormRow>
        <Checkbox
          label="Must finish before the release (sign-off, NFT run)"
          checked={required}
          onChange={(checked) => {
            setRequired(checked);
            setRequiredTouched(true);
          }}
          testId="slot-required"
        />
        <TextArea label="Note" value={note} onValue={setNote} maxLength={500} testId="slot-note" error={show('note')} />
      </EditorForm>
    </EditorPanel>
  );
}
