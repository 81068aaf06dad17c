/**
 * Editors for the release plan: a booking (slot), a window (freeze or maintenance), a deployment
 * recorded by hand, and a version's dependencies. Each validates as you type with the same rules
 * the server applies (src/domain/release-plan/validate.ts), shows the server's answer when it
 * still refuses, and stores nothing until Save.
 */
import { useProjectTime } from '../project-time';
import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import type {
  CalendarVersion,
  DeploymentStatus,
  ErrorBody,
  PlanEnvironment,
  PlanWindow,
  ReleaseCalendarView,
  SlotInput,
  Tier,
  WindowInput,
  WindowKind,
} from '../../../../src/contract';
import { TIERS } from '../../../../src/contract';
import { validateDeployment, validateSlot, validateWindow } from '../../../../src/domain/release-plan/validate';
import { ErrorMessage } from '../components/ErrorMessage';
import { color, font, space } from '../design';
import { formatJiraDate } from '../release-rows';
import { Checkbox, EditorPanel, FormRow, SelectInput, TextArea, TextInput } from './form-controls';
import { type PlanSlot, fromInputValue, toInputValue, versionRef } from './plan-model';
import type { MutationOutcome, ReleaseCalendarState } from './use-release-calendar';

export type Mutate = ReleaseCalendarState['mutate'];

/** Problems are worded `field: message`; each goes under its field, the rest above the buttons. */
function byField(problems: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const problem of problems) {
    const match = /^([a-zA-Z.]+): (.*)$/.exec(problem);
    const field = match?.[1]?.split('.').pop() ?? '';
    const text = match?.[2] ?? problem;
    map.set(field, map.has(field) ? `${map.get(field)} ${text}` : text);
  }
  return map;
}

function versionLabel(v: CalendarVersion): string {
  const dates = v.startDate || v.releaseDate ? ` (${formatJiraDate(v.startDate)} – ${formatJiraDate(v.releaseDate)})` : '';
  return `${v.name}${dates}${v.released ? ', released' : ''}`;
}

function environmentLabel(e: PlanEnvironment): string {
  return `${e.name} · ${e.tier}${e.status === 'available' ? '' : ` (${e.status})`}`;
}

const REQUIRED_BY_DEFAULT: ReadonlySet<Tier> = new Set<Tier>(['SIT', 'UAT', 'NFT', 'PREPROD']);

function useFocusFirst() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('select, input, textarea')?.focus();
  }, []);
  return ref;
}

/** An editor's form: Enter submits, the fields are disabled together, the footer (errors, buttons) stays enabled. */
function EditorForm({ focusRef, disabled, onSubmit, footer, children }: { focusRef: RefObject<HTMLDivElement>; disabled: boolean; onSubmit: () => void; footer: ReactNode; children: ReactNode }) {
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <div ref={focusRef} style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }}>
        <fieldset disabled={disabled} style={{ border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: space.s150 }}>
          {children}
        </fieldset>
        {footer}
      </div>
    </form>
  );
}

function Actions({ busy, onCancel, onDelete, submitLabel, testId }: { busy: boolean; onCancel: () => void; onDelete?: () => void; submitLabel: string; testId: string }) {
  return (
    <div style={{ display: 'flex', gap: space.s100, flexWrap: 'wrap' }}>
      <Button type="submit" appearance="primary" isDisabled={busy} testId={`${testId}-save`}>
        {busy ? 'Saving…' : submitLabel}
      </Button>
      <Button onClick={onCancel} isDisabled={busy} testId={`${testId}-cancel`}>
        Cancel
      </Button>
      {onDelete && (
        <Button appearance="danger" onClick={onDelete} isDisabled={busy} testId={`${testId}-delete`}>
          Delete
        </Button>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------

export interface SlotDraft {
  versionId?: string;
  environmentId?: string;
  from?: string;
  to?: string;
}

interface SlotEditorProps {
  view: ReleaseCalendarView;
  slot?: PlanSlot;
  draft?: SlotDraft;
  mutate: Mutate;
  onClose: (message?: string, view?: ReleaseCalendarView) => void;
}

export function SlotEditor({ view, slot, draft, mutate, onClose }: SlotEditorProps) {
  const own = view.versions.filter((v) => v.projectKey === view.project.key && (!v.released || v.id === slot?.versionId));
  const [versionId, setVersionId] = useState(slot?.versionId ?? draft?.versionId ?? '');
  const [environmentId, setEnvironmentId] = useState(slot?.environmentId ?? draft?.environmentId ?? '');
  const [from, setFrom] = useState(toInputValue(slot?.from ?? draft?.from));
  const [to, setTo] = useState(toInputValue(slot?.to ?? draft?.to));
  const [required, setRequired] = useState(slot?.required ?? false);
  const [requiredTouched, setRequiredTouched] = useState(!!slot);
  const [note, setNote] = useState(slot?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<ErrorBody>();
  const [submitted, setSubmitted] = useState(false);
  const ref = useFocusFirst();
  const readOnly = !view.canEdit;
  const time = useProjectTime();

  const environment = view.environments.find((e) => e.id === environmentId);
  const version = own.find((v) => v.id === versionId);
  const input: SlotInput = { versionId, environmentId, from: fromInputValue(from) ?? from, to: fromInputValue(to) ?? to, required, ...(note.trim() ? { note: note.trim() } : {}) };
  const problems = (() => {
    const empty = (p: string) => (!versionId && p.startsWith('versionId')) || (!environmentId && p.startsWith('environmentId')) || (!fromInputValue(from) && p.startsWith('from')) || (!fromInputValue(to) && p.startsWith('to'));
    const list = validateSlot(input, { ...(environment ? { environment } : {}), ...(version ? { version } : {}), timeZone: time.timeZone }).filter((p) => !empty(p));
    if (!versionId) list.unshift('versionId: choose a version.');
    if (!environmentId) list.unshift('environmentId: choose an environment.');
    if (!fromInputValue(from)) list.push('from: give a start date and time.');
    if (!fromInputValue(to)) list.push('to: give an end date and time.');
    return byField([...new Set(list)]);
  })();
  const show = (field: string) => (submitted || field === 'to' || field === 'from' ? problems.get(field) : undefined);
  const fromValid = !!fromInputValue(from);
  const toValid = !!fromInputValue(to);

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

  const remove = async () => {
    if (!slot) return;
    setBusy(true);
    const outcome = await mutate('deleteEnvironmentSlot', { slotId: slot.id, current: { environmentId: slot.environmentId, from: slot.from } });
    setBusy(false);
    if (!outcome.ok) return setServerError(outcome.error);
    onClose(`Deleted the ${environment?.name ?? ''} slot of ${version?.name ?? 'the version'}.`, outcome.view);
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
              <Actions busy={busy} onCancel={() => onClose()} {...(slot ? { onDelete: () => void remove() } : {})} submitLabel={slot ? 'Save changes' : 'Book slot'} testId="slot" />
            )}
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
          <TextInput label="From" type="datetime-local" value={from} onValue={setFrom} error={fromValid || submitted ? show('from') : undefined} testId="slot-from" hint={version?.startDate ? `${version.name} starts ${formatJiraDate(version.startDate)}` : undefined} />
          <TextInput label="To" type="datetime-local" value={to} onValue={setTo} error={fromValid && toValid ? show('to') : submitted ? show('to') : undefined} testId="slot-to" hint={version?.releaseDate ? `Due ${formatJiraDate(version.releaseDate)} (times in your time zone)` : 'Times in your time zone'} />
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

// ---------------------------------------------------------------------------------------------

export interface WindowDraft {
  kind?: WindowKind;
  environmentId?: string;
  from?: string;
  to?: string;
}

type ScopeChoice = 'site' | 'project' | `env:${string}`;

export function WindowEditor({ view, window, draft, mutate, onClose }: { view: ReleaseCalendarView; window?: PlanWindow; draft?: WindowDraft; mutate: Mutate; onClose: (message?: string, view?: ReleaseCalendarView) => void }) {
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
  const [from, setFrom] = useState(toInputValue(window?.from ?? draft?.from));
  const [to, setTo] = useState(toInputValue(window?.to ?? draft?.to));
  const [reason, setReason] = useState(window?.reason ?? '');
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<ErrorBody>();
  const ref = useFocusFirst();

  const input: WindowInput = {
    kind,
    scope: scope === 'site' ? { type: 'site' } : scope === 'project' ? { type: 'project', projectKey: view.project.key } : { type: 'environment', environmentId: scope.slice(4) },
    ...(kind === 'freeze' && tiers.length ? { tiers } : {}),
    from: fromInputValue(from) ?? from,
    to: fromInputValue(to) ?? to,
    reason,
  };
  const problems = byField(
    [
      ...validateWindow(input, { environments: view.environments, projectKey: view.project.key }).filter((p) => !((!fromInputValue(from) && p.startsWith('from')) || (!fromInputValue(to) && p.startsWith('to')))),
      ...(fromInputValue(from) ? [] : ['from: give a start date and time.']),
      ...(fromInputValue(to) ? [] : ['to: give an end date and time.']),
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
  const remove = async () => {
    if (!window) return;
    setBusy(true);
    const outcome = await mutate('deletePlanWindow', { windowId: window.id });
    setBusy(false);
    if (!outcome.ok) return setServerError(outcome.error);
    onClose(`Deleted the ${window.kind === 'freeze' ? 'change freeze' : 'maintenance window'}.`, outcome.view);
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
              <Actions busy={busy} onCancel={() => onClose()} {...(window ? { onDelete: () => void remove() } : {})} submitLabel={window ? 'Save changes' : 'Add window'} testId="window" />
            )}
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
          <TextInput label="From" type="datetime-local" value={from} onValue={setFrom} error={show('from')} testId="window-from" />
          <TextInput label="To" type="datetime-local" value={to} onValue={setTo} error={show('to') ?? (fromInputValue(from) && fromInputValue(to) ? problems.get('to') : undefined)} testId="window-to" hint="Times in your time zone" />
        </FormRow>
        <FormRow>
          <TextInput label="Reason" value={reason} onValue={setReason} maxLength={300} error={show('reason')} testId="window-reason" hint="People read this when their release is blocked." />
        </FormRow>
      </EditorForm>
    </EditorPanel>
  );
}

// ---------------------------------------------------------------------------------------------

const STATUSES: Array<{ value: DeploymentStatus; label: string }> = [
  { value: 'successful', label: 'Successful' },
  { value: 'failed', label: 'Failed' },
  { value: 'rolled_back', label: 'Rolled back' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'cancelled', label: 'Cancelled' },
];

export function DeploymentEditor({ view, mutate, onClose, now }: { view: ReleaseCalendarView; mutate: Mutate; onClose: (message?: string, view?: ReleaseCalendarView) => void; now: Date }) {
  const own = view.versions.filter((v) => v.projectKey === view.project.key);
  const [versionId, setVersionId] = useState('');
  const [environmentId, setEnvironmentId] = useState('');
  const [at, setAt] = useState(toInputValue(now.toISOString()));
  const [status, setStatus] = useState<DeploymentStatus>('successful');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<ErrorBody>();
  const ref = useFocusFirst();
  const environment = view.environments.find((e) => e.id === environmentId);
  const version = own.find((v) => v.id === versionId);
  const input = { versionId, environmentId, at: fromInputValue(at) ?? at, status, ...(note.trim() ? { note: note.trim() } : {}) };
  const problems = byField([
    ...(versionId ? [] : ['versionId: choose a version.']),
    ...(environmentId ? [] : ['environmentId: choose an environment.']),
    ...validateDeployment(input, { ...(environment ? { environment } : {}), ...(version ? { version } : {}), now: now.getTime() }).filter((p) => !p.startsWith('versionId') && !p.startsWith('environmentId') && !(p.startsWith('at') && !fromInputValue(at))),
    ...(fromInputValue(at) ? [] : ['at: give the date and time it happened.']),
  ]);
  const show = (field: string) => (submitted ? problems.get(field) : undefined);
  const save = async () => {
    setSubmitted(true);
    if (problems.size > 0) return;
    setBusy(true);
    setServerError(undefined);
    const outcome = await mutate('recordDeployment', { deployment: input });
    setBusy(false);
    if (!outcome.ok) return setServerError(outcome.error);
    onClose(`Recorded the deployment of ${version?.name} to ${environment?.name}.`, outcome.view);
  };
  return (
    <EditorPanel title="Record a deployment" onCancel={() => onClose()} testId="deployment-editor">
      <EditorForm
        focusRef={ref}
        disabled={busy}
        onSubmit={() => void save()}
        footer={
          <>
            {serverError && <ErrorMessage title="The deployment was not recorded" error={serverError} />}
            <Actions busy={busy} onCancel={() => onClose()} submitLabel="Record deployment" testId="deployment" />
          </>
        }
      >
        <FormRow>
          <SelectInput label="Version" value={versionId} placeholder="Choose a version" options={own.map((v) => ({ value: v.id, label: versionLabel(v) }))} onValue={setVersionId} error={show('versionId')} testId="deployment-version" />
          <SelectInput label="Environment" value={environmentId} placeholder="Choose an environment" options={view.environments.map((e) => ({ value: e.id, label: environmentLabel(e) }))} onValue={setEnvironmentId} error={show('environmentId')} testId="deployment-environment" />
        </FormRow>
        <FormRow>
          <TextInput label="Deployed at" type="datetime-local" value={at} onValue={setAt} error={show('at')} testId="deployment-at" />
          <SelectInput label="Outcome" value={status} options={STATUSES} onValue={(v) => setStatus(v as DeploymentStatus)} testId="deployment-status" />
        </FormRow>
        <TextArea label="Note" value={note} onValue={setNote} maxLength={500} hint="E.g. the change ticket, or why CI/CD did not report it." />
      </EditorForm>
    </EditorPanel>
  );
}

// ---------------------------------------------------------------------------------------------

export function DependencyEditor({ view, version, mutate, onClose }: { view: ReleaseCalendarView; version: CalendarVersion; mutate: Mutate; onClose: (message?: string, view?: ReleaseCalendarView) => void }) {
  const candidates = view.versions.filter((v) => v.projectKey !== version.projectKey && !v.released);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(version.dependsOn.map((d) => versionRef(d.projectKey, d.versionId))));
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<ErrorBody>();
  const save = async () => {
    setBusy(true);
    setServerError(undefined);
    const dependsOn = [...chosen].map((ref) => {
      const [projectKey, versionId] = ref.split('/') as [string, string];
      return { projectKey, versionId };
    });
    const outcome = await mutate('setVersionDependencies', { versionId: version.id, dependsOn });
    setBusy(false);
    if (!outcome.ok) return setServerError(outcome.error);
    onClose(`Saved the dependencies of ${version.name}.`, outcome.view);
  };
  const byProject = new Map<string, CalendarVersion[]>();
  for (const c of candidates) byProject.set(c.projectKey, [...(byProject.get(c.projectKey) ?? []), c]);
  return (
    <EditorPanel title={`${version.name} depends on`} onCancel={() => onClose()} testId="dependency-editor">
      {candidates.length === 0 ? (
        <p style={{ margin: 0, color: color.textSubtle }}>No unreleased versions of other projects are shown. Add the projects it depends on as related projects (Release settings), then choose their versions here.</p>
      ) : (
        [...byProject].map(([projectKey, versions]) => (
          <fieldset key={projectKey} style={{ border: 'none', margin: 0, padding: 0 }}>
            <legend style={{ font: font.small, fontWeight: 600, color: color.textSubtle, marginBottom: 4 }}>{view.projects.find((p) => p.key === projectKey)?.name ?? projectKey}</legend>
            <div style={{ display: 'flex', gap: space.s150, flexWrap: 'wrap' }}>
              {versions.map((v) => {
                const ref = versionRef(v.projectKey, v.id);
                return (
                  <Checkbox
                    key={ref}
                    label={versionLabel(v)}
                    checked={chosen.has(ref)}
                    onChange={(checked) =>
                      setChosen((current) => {
                        const next = new Set(current);
                        if (checked) next.add(ref);
                        else next.delete(ref);
                        return next;
                      })
                    }
                  />
                );
              })}
            </div>
          </fieldset>
        ))
      )}
      {serverError && <ErrorMessage title="The dependencies were not saved" error={serverError} />}
      <div style={{ display: 'flex', gap: space.s100 }}>
        <Button appearance="primary" onClick={() => void save()} isDisabled={busy || candidates.length === 0} testId="dependencies-save">
          Save dependencies
        </Button>
        <Button onClick={() => onClose()}>Cancel</Button>
      </div>
    </EditorPanel>
  );
}
