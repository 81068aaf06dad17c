import { type ReactNode, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import type { RunbookStep } from '../../../../src/contract';
import { RUNBOOK_LIMITS, STEP_KIND_LABELS } from '../../../../src/contract';
import { color, font, radius, space } from '../design';
import { GroupPicker, OneUserPicker, UserPicker } from '../components/pickers';
import { CheckboxField, SelectField, TextArea, TextField } from '../go-no-go/controls';
import { DateTimeInput } from '../plan/form-controls';
import { KIND_OPTIONS, type OwnerChoice, type StartChoice, type StepForm } from './step-form';

/**
 * One runbook step's form: every field of a step, with the server's refusals in words under the
 * field at fault (`errors`, keyed by field: `title`, `plannedStart.at`, …). Used for a release's
 * runbook and for a release type's template (which has no fixed starts).
 */
export function StepEditor({
  initial,
  steps,
  timeZone,
  template = false,
  errors,
  busy,
  onSave,
  onCancel,
}: {
  initial: StepForm;
  /** The other steps of the runbook, to depend on. */
  steps: readonly RunbookStep[];
  timeZone: string;
  template?: boolean;
  errors: Record<string, string>;
  busy: boolean;
  onSave: (form: StepForm) => void;
  onCancel: () => void;
}) {
  const [form, setForm] = useState<StepForm>(initial);
  // The approvers picker names the people picked just before it hands over their ids.
  const names = useRef<Record<string, string>>({});
  const set = (patch: Partial<StepForm>) => setForm((f) => ({ ...f, ...patch }));
  const others = steps.filter((s) => s.id !== form.id);
  const startOptions: Array<{ value: StartChoice; label: string }> = [
    { value: 'after-dependencies', label: 'When its dependencies are done' },
    { value: 'relative', label: 'Minutes from the go-live start' },
    ...(template ? [] : [{ value: 'absolute' as const, label: `At a fixed time (${timeZone})` }]),
  ];
  return (
    // A group, not a form: the person search inside is a form of its own, and forms do not nest.
    <div
      role="group"
      data-testid="golive-step-editor"
      aria-label={initial.id ? `Edit step “${initial.title}”` : 'New step'}
      style={{ display: 'flex', flexDirection: 'column', gap: space.s150, border: `1px solid ${color.border}`, borderRadius: radius, padding: space.s200 }}
    >
      <div style={{ display: 'flex', gap: space.s150, flexWrap: 'wrap' }}>
        <Field error={errors.title}>
          <TextField label="Title" value={form.title} onValue={(title) => set({ title })} maxLength={RUNBOOK_LIMITS.title} testId="golive-step-title" />
        </Field>
        <Field error={errors.kind} width={220}>
          <SelectField label="Kind" value={form.kind} onValue={(kind) => set({ kind })} options={KIND_OPTIONS} testId="golive-step-kind" />
        </Field>
        {/* As wide as the text field's own minimum (160), so the field does not reach past the editor. */}
        <Field error={errors.durationMinutes} width={160}>
          <TextField label="Duration (minutes)" type="number" min={0} step={1} value={form.durationMinutes} onValue={(durationMinutes) => set({ durationMinutes })} testId="golive-step-duration" />
        </Field>
      </div>
      <Field error={errors.description}>
        <TextArea label="Description" value={form.description} onValue={(description) => set({ description })} maxLength={RUNBOOK_LIMITS.description} testId="golive-step-description" />
      </Field>
      <div style={{ display: 'flex', gap: space.s150, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <Field error={errors['owner.accountId'] ?? errors['owner.groupName'] ?? errors.owner} width={320}>
          <SelectField<OwnerChoice>
            label="Owner"
            value={form.ownerType}
            onValue={(ownerType) => set({ ownerType })}
            options={[
              { value: 'nobody', label: 'Release managers' },
              { value: 'user', label: form.owner ? form.owner.displayName : 'A person' },
              { value: 'group', label: 'A Jira group' },
            ]}
            testId="golive-step-owner-type"
          />
          {form.ownerType === 'user' && <OneUserPicker label="The step's owner" value={form.owner} onChange={(owner) => set({ owner })} testId="golive-step-owner" />}
          {/* Jira's group picker holds several; a step has one owning group, so the latest pick wins. */}
          {form.ownerType === 'group' && <GroupPicker label="The step's owning group" value={form.groupName ? [form.groupName] : []} onChange={(names) => set({ groupName: names[names.length - 1] ?? '' })} testId="golive-step-group" />}
        </Field>
        <Field error={errors.environment} width={200}>
          <TextField label="Environment" value={form.environment} onValue={(environment) => set({ environment })} maxLength={RUNBOOK_LIMITS.environment} placeholder="e.g. PROD" testId="golive-step-environment" />
        </Field>
        <Field error={errors['plannedStart.offsetMinutes'] ?? errors['plannedStart.at'] ?? errors.plannedStart} width={300}>
          <SelectField<StartChoice> label="Planned start" value={form.startType} onValue={(startType) => set({ startType })} options={startOptions} testId="golive-step-start-type" />
          {form.startType === 'relative' && (
            <TextField label="Minutes from the go-live start" hint="Negative: before it" type="number" step={1} value={form.offsetMinutes} onValue={(offsetMinutes) => set({ offsetMinutes })} testId="golive-step-offset" />
          )}
          {form.startType === 'absolute' && <DateTimeInput label={`Starts at (${timeZone})`} value={form.startAt} onValue={(startAt) => set({ startAt })} testId="golive-step-start-at" />}
        </Field>
      </div>
      {form.kind === 'checkpoint' && (
        <Field error={errors.approvers}>
          <div data-testid="golive-step-approvers" style={{ display: 'flex', flexDirection: 'column', gap: space.s050 }}>
            <span style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>Approvers (each votes continue or roll back during the run)</span>
            {form.approvers.length === 0 && <span style={{ font: font.small, color: color.textSubtle }}>Nobody yet: without approvers the checkpoint is completed like any step.</span>}
            <UserPicker
              label="The checkpoint's approvers"
              value={form.approvers.map((u) => u.accountId)}
              knownNames={Object.fromEntries(form.approvers.map((u) => [u.accountId, u.displayName]))}
              onNamed={(named) => (names.current = { ...names.current, ...Object.fromEntries(named.map((u) => [u.accountId, u.displayName])) })}
              onChange={(ids) => set({ approvers: ids.map((accountId) => ({ accountId, displayName: names.current[accountId] ?? form.approvers.find((u) => u.accountId === accountId)?.displayName ?? accountId })) })}
              testId="golive-step-approver-picker"
            />
          </div>
        </Field>
      )}
      <Field error={errors.link}>
        <TextField label="Link" hint="A Jira issue, pipeline run or Confluence page (https://…)" value={form.link} onValue={(link) => set({ link })} maxLength={RUNBOOK_LIMITS.link} testId="golive-step-link" />
      </Field>
      <Field error={errors.dependsOn}>
        <fieldset data-testid="golive-step-depends" style={{ border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: space.s050 }}>
          <legend style={{ font: font.small, fontWeight: 600, color: color.textSubtle, padding: 0, marginBottom: space.s050 }}>Depends on</legend>
          {others.length === 0 && <span style={{ font: font.small, color: color.textSubtle }}>No other steps yet.</span>}
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: `${space.s050} ${space.s200}`, maxHeight: 160, overflowY: 'auto' }}>
            {others.map((s) => (
              <CheckboxField
                key={s.id}
                testId={`golive-step-dep-${s.id}`}
                label={`${s.title} (${STEP_KIND_LABELS[s.kind].toLowerCase()})`}
                checked={form.dependsOn.includes(s.id)}
                onChange={(on) => set({ dependsOn: on ? [...form.dependsOn, s.id] : form.dependsOn.filter((d) => d !== s.id) })}
              />
            ))}
          </div>
        </fieldset>
      </Field>
      <div style={{ display: 'flex', gap: space.s100 }}>
        <Button appearance="primary" testId="golive-step-save" isDisabled={busy} onClick={() => onSave(form)}>
          {initial.id ? 'Save step' : 'Add step'}
        </Button>
        <Button testId="golive-step-cancel" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/** A field with the server's sentence about it underneath, in red. */
function Field({ error, width, children }: { error?: string; width?: number; children: ReactNode }) {
  return (
    // Basis "auto": the same wrapper sits in rows and in the form's column, where a length basis would become its height.
    <div data-invalid={error ? 'true' : undefined} style={{ display: 'flex', flexDirection: 'column', gap: space.s050, ...(width ? { flex: '0 0 auto', width } : { flex: '1 1 auto', minWidth: 240 }) }}>
      {children}
      {error && (
        <span role="alert" data-testid="golive-field-error" style={{ font: font.small, color: color.textDanger }}>
          {error}
        </span>
      )}
    </div>
  );
}
