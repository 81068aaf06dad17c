/** Plans a change freeze or a maintenance window: its scope, tiers, time and reason. */
import { useState } from 'react';
import { useProjectTime } from '../project-time';
import Button from '@atlaskit/button/new';
import type { ErrorBody, PlanWindow, Tier, WindowInput, WindowKind } from '../../../../src/contract';
import { TIERS } from '../../../../src/contract';
import { validateWindow } from '../../../../src/domain/release-plan/validate';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { ErrorMessage } from '../components/ErrorMessage';
import { newClientId } from '../go-no-go/board-model';
import { color, font, space } from '../design';
import { Checkbox, DateTimeInput, EditorPanel, FormRow, SelectInput, TextInput } from './form-controls';
import { fromInputValue, toInputValue } from './plan-model';
import { Actions, EditorForm, byField, errorOf, useFocusFirst } from './editor-parts';
import type { SlotEditorProps } from './SlotEditor';

export interface WindowDraft {
  kind?: WindowKind;
  environmentId?: string;
  from?: string;
  to?: string;
}

type ScopeChoice = 'site' | 'project' | `env:${string}`;

export function WindowEditor({ view, window, draft, mutate, onClose, onDeleted }: Omit<SlotEditorProps, 'slot' | 'draft'> & { window?: PlanWindow; draft?: WindowDraft }) {
  const { timeZone } = useProjectTime();
  const [kind, setKind] = useState<WindowKind>(window?.kind ?? draft?.kind ?? 'freeze');
  const initialScope: ScopeChoice = window
    ? window.scope.type === 'environment'
      ? `env:${window.scope.environmentId}`
      : window.scope.type
    : draft?.environmentId
      ? `env:${draft.environmentId}`
      : 'project';
  const [scope, setScope] = useState<ScopeChoice>(initialScope);
  const [tiers, setTiers] = useState<Tier[]>(window?.tiers ?? (window ? [] : ['PREPROD', 'PROD']));
  const [from, setFrom] = useState(toInputValue(window?.from ?? draft?.from, timeZone));
  const [to, setTo] = useState(toInputValue(window?.to ?? draft?.to, timeZone));
  const [reason, setReason] = useState(window?.reason ?? '');
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<ErrorBody>();
  const ref = useFocusFirst();

  const input: WindowInput = {
    kind,
    scope: scope === 'site' ? { type: 'site' } : scope === 'project' ? { type: 'project', projectKey: view.project.key } : { type: 'environment', environmentId: scope.slice(4) },
    ...(kind === 'freeze' && tiers.length ? { tiers } : {}),
    from: fromInputValue(from, timeZone) ?? from,
    to: fromInputValue(to, timeZone) ?? to,
    reason,
  };
  const problems = byField(
    [
      ...validateWindow(input, { environments: view.environments, projectKey: view.project.key }).filter((p) => !((!fromInputValue(from, timeZone) && p.startsWith('from')) || (!fromInputValue(to, timeZone) && p.startsWith('to')))),
      ...(fromInputValue(from, timeZone) ? [] : ['from: give a start date and time.']),
      ...(fromInputValue(to, timeZone) ? [] : ['to: give an end date and time.']),
    ].filter((p, i, all) => all.indexOf(p) === i),
  );
  const show = (field: string) => (submitted ? problems.get(field) : undefined);

  const scopeOptions = [
    ...(kind === 'freeze'
      ? [
          { value: 'site', label: 'The whole site (every project)' },
          { value: 'project', label: `This project (${view.project.key})` },
        ]
      : []),
    ...view.environments.map((e) => ({ value: `env:${e.id}`, label: `Environment ${e.name} (${e.tier})` })),
  ];

  const save = async () => {
    setSubmitted(true);
    if (problems.size > 0) return;
    setBusy(true);
    setServerError(undefined);
    const outcome = await mutate('savePlanWindow', { window: { ...input, reason: reason.trim(), ...(window ? { id: window.id } : {}) }, ...(window ? { expectedUpdatedAt: window.updatedAt } : {}) });
    setBusy(false);
    if (!outcome.ok) return setServerError(outcome.error);
    onClose(`Saved the ${kind === 'freeze' ? 'change freeze' : 'maintenance window'}.`, outcome.view);
  };
  const windowName = window?.kind === 'freeze' ? 'change freeze' : 'maintenance window';
  const [confirming, setConfirming] = useState(false);
  const remove = async (): Promise<ErrorBody | undefined> => {
    if (!window) return undefined;
    const deletionId = newClientId('del');
    const outcome = await mutate('deletePlanWindow', { windowId: window.id, deletionId });
    if (!outcome.ok) return outcome.error;
    onClose(`Deleted the ${windowName}.`, outcome.view);
    onDeleted?.({ title: `Deleted the ${windowName}`, restoredTitle: `Restored the ${windowName}`, undo: async () => errorOf(await mutate('restorePlanWindow', { deletionId })) });
    return undefined;
  };
  const readOnly = !view.canEdit;

  return (
    <EditorPanel title={readOnly ? 'Window' : window ? 'Edit window' : 'Add a change freeze or maintenance window'} onCancel={() => onClose()} testId="window-editor">
      <EditorForm
        focusRef={ref}
        disabled={readOnly || busy}
        onSubmit={() => {
          if (!readOnly) void save();
        }}
        footer={
          <>
            {serverError && <ErrorMessage title="The window was not saved" error={serverError} />}
            {readOnly ? (
              <div>
                <Button onClick={() => onClose()}>Close</Button>
              </div>
            ) : (
              <Actions busy={busy} onCancel={() => onClose()} {...(window ? { onDelete: () => setConfirming(true) } : {})} submitLabel={window ? 'Save changes' : 'Add window'} testId="window" />
            )}
            <ConfirmDelete isOpen={confirming} title={`Delete the ${windowName}?`} onConfirm={remove} onCancel={() => setConfirming(false)}>
              <p>{window?.scope.type === 'project' ? 'The freeze is removed from this project’s calendar.' : 'The window is removed from the calendar of every project.'} You can undo this for 10 seconds.</p>
            </ConfirmDelete>
          </>
        }
      >
        <FormRow>
          <SelectInput
            label="Kind"
            value={kind}
            options={[
              { value: 'freeze', label: 'Change freeze' },
              { value: 'maintenance', label: 'Maintenance (one environment)' },
            ]}
            onValue={(value) => {
              const next = value as WindowKind;
              setKind(next);
              if (next === 'maintenance' && !scope.startsWith('env:') && view.environments[0]) setScope(`env:${view.environments[0].id}`);
            }}
            testId="window-kind"
            width={220}
          />
          <SelectInput label="Applies to" value={scope} options={scopeOptions} onValue={(v) => setScope(v as ScopeChoice)} error={show('scope') ?? show('environmentId') ?? show('projectKey')} testId="window-scope" />
        </FormRow>
        {kind === 'freeze' && (
          <fieldset style={{ border: 'none', margin: 0, padding: 0 }}>
            <legend style={{ font: font.small, fontWeight: 600, color: color.textSubtle, marginBottom: 4 }}>Tiers it freezes (none ticked: every tier)</legend>
            <div style={{ display: 'flex', gap: space.s150, flexWrap: 'wrap' }}>
              {TIERS.map((tier) => (
                <Checkbox key={tier} label={tier} checked={tiers.includes(tier)} onChange={(checked) => setTiers((current) => (checked ? [...current, tier] : current.filter((t) => t !== tier)))} />
              ))}
            </div>
          </fieldset>
        )}
        <FormRow>
          <DateTimeInput label="From" value={from} onValue={setFrom} error={show('from')} testId="window-from" />
          <DateTimeInput label="To" value={to} onValue={setTo} error={show('to') ?? (fromInputValue(from, timeZone) && fromInputValue(to, timeZone) ? problems.get('to') : undefined)} testId="window-to" hint={`Times in ${timeZone}, the project’s zone`} />
        </FormRow>
        <FormRow>
          <TextInput label="Reason" value={reason} onValue={setReason} maxLength={300} error={show('reason')} testId="window-reason" hint="People read this when their release is blocked." />
        </FormRow>
      </EditorForm>
    </EditorPanel>
  );
}
