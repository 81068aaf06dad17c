/** The site's environment inventory: the table, adding, editing and removing an environment. */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { EnvironmentInput, EnvironmentStatus, ErrorBody, PlanEnvironment, PlanSettingsView, Tier, UserRef } from '../../../../src/contract';
import { TIERS, TIER_LABELS } from '../../../../src/contract';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { ErrorMessage } from '../components/ErrorMessage';
import { useUndoFlags } from '../components/undo-flags';
import { newClientId } from '../go-no-go/board-model';
import { color, font, radius, space } from '../design';
import { EditorPanel, FormRow, SelectInput, TextArea, TextInput } from './form-controls';
import { TIER_SWATCH } from './plan-design';
import { Section, type Save } from './settings-parts';
import { UserPicker } from './UserPicker';

export function InventorySection({ settings, save }: { settings: PlanSettingsView; save: Save }) {
  const [editing, setEditing] = useState<PlanEnvironment | 'new'>();
  const [confirming, setConfirming] = useState<PlanEnvironment>();
  const { offer, flags } = useUndoFlags();
  const remove = async (environment: PlanEnvironment): Promise<ErrorBody | undefined> => {
    // Names this delete: a retry deletes once, and Undo asks the server for exactly this record.
    const deletionId = newClientId('del');
    const failure = await save('deleteEnvironment', { environmentId: environment.id, deletionId });
    if (failure) return failure;
    setConfirming(undefined);
    offer({ title: `Deleted ${environment.name}`, restoredTitle: `Restored ${environment.name}`, undo: () => save('restoreEnvironment', { deletionId }) });
    return undefined;
  };
  return (
    <Section
      title="Environments"
      testId="inventory-section"
      description="The site's environments, shared by every project: releases book them on the Calendar, and deployments from CI/CD are matched to them by name (ignoring case)."
    >
      {settings.environments.length === 0 ? (
        <p style={{ margin: 0, color: color.textSubtle }}>No environments yet.</p>
      ) : (
        <table style={{ borderCollapse: 'collapse', width: '100%', font: font.body, color: color.text }} data-testid="inventory-list">
          <thead>
            <tr>
              {['Name', 'Tier', 'Status', 'Owner', 'Components', 'At a time', 'Notes', ''].map((h) => (
                <th key={h} scope="col" style={{ textAlign: 'left', font: font.small, fontWeight: 600, color: color.textSubtle, padding: space.s050, borderBottom: `2px solid ${color.border}` }}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {settings.environments.map((e) => (
              <tr key={e.id} data-testid={`inventory-${e.name}`}>
                <td style={cell}>
                  <strong>{e.name}</strong>
                </td>
                <td style={cell}>
                  <span style={{ font: font.small, padding: '1px 6px', borderRadius: radius, background: TIER_SWATCH[e.tier].background, color: TIER_SWATCH[e.tier].text }}>{e.tier}</span>
                </td>
                <td style={cell}>
                  <Lozenge appearance={e.status === 'available' ? 'success' : e.status === 'down' ? 'removed' : 'moved'}>{e.status}</Lozenge>
                </td>
                <td style={cell}>{e.ownerName ?? '–'}</td>
                <td style={cell}>{e.components.join(', ') || '–'}</td>
                <td style={cell}>{e.capacity === 1 ? '1 release' : `${e.capacity} releases`}</td>
                <td style={{ ...cell, maxWidth: 220, color: color.textSubtle }}>{e.notes ?? ''}</td>
                <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                  {settings.canEdit && (
                    <span style={{ display: 'inline-flex', gap: space.s050 }}>
                      <Button spacing="compact" onClick={() => setEditing(e)} aria-label={`Edit ${e.name}`}>
                        Edit
                      </Button>
                      <Button spacing="compact" appearance="subtle" onClick={() => setConfirming(e)} aria-label={`Delete ${e.name}`} testId={`inventory-delete-${e.name}`}>
                        Delete
                      </Button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {flags}
      <ConfirmDelete isOpen={confirming !== undefined} title={`Delete ${confirming?.name ?? 'the environment'}?`} onConfirm={() => (confirming ? remove(confirming) : Promise.resolve(undefined))} onCancel={() => setConfirming(undefined)}>
        <p>
          {confirming?.name} leaves the site&apos;s inventory for every project, with its maintenance windows. Environments with bookings ahead cannot be deleted. You can undo this for 10 seconds.
        </p>
      </ConfirmDelete>
      {editing ? (
        <EnvironmentForm key={editing === 'new' ? 'new' : editing.id} settings={settings} environment={editing === 'new' ? undefined : editing} save={save} onDone={() => setEditing(undefined)} />
      ) : (
        settings.canEdit && (
          <div>
            <Button appearance="primary" onClick={() => setEditing('new')} testId="add-environment">
              Add environment
            </Button>
          </div>
        )
      )}
    </Section>
  );
}

const cell: React.CSSProperties = { padding: space.s050, borderBottom: `1px solid ${color.border}`, verticalAlign: 'top' };

function EnvironmentForm({ settings, environment, save, onDone }: { settings: PlanSettingsView; environment?: PlanEnvironment; save: Save; onDone: () => void }) {
  const [name, setName] = useState(environment?.name ?? '');
  const [tier, setTier] = useState<Tier>(environment?.tier ?? 'UAT');
  const [status, setStatus] = useState<EnvironmentStatus>(environment?.status ?? 'available');
  const [owner, setOwner] = useState<UserRef | undefined>(environment?.ownerAccountId ? { accountId: environment.ownerAccountId, displayName: environment.ownerName ?? environment.ownerAccountId } : undefined);
  const [components, setComponents] = useState(environment?.components.join(', ') ?? '');
  const [capacity, setCapacity] = useState(String(environment?.capacity ?? 1));
  const [notes, setNotes] = useState(environment?.notes ?? '');
  const [error, setError] = useState<ErrorBody>();
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const capacityNumber = Number(capacity);
  const nameError = !name.trim() ? 'Give it a name.' : settings.environments.some((e) => e.id !== environment?.id && e.name.trim().toLowerCase() === name.trim().toLowerCase()) ? 'Another environment has this name.' : undefined;
  const capacityError = Number.isInteger(capacityNumber) && capacityNumber >= 1 && capacityNumber <= 20 ? undefined : 'A whole number from 1 to 20.';
  const submit = async () => {
    setSubmitted(true);
    if (nameError || capacityError) return;
    setBusy(true);
    const input: EnvironmentInput = {
      ...(environment ? { id: environment.id } : {}),
      name: name.trim(),
      tier,
      status,
      components: components.split(',').map((c) => c.trim()).filter(Boolean),
      capacity: capacityNumber,
      ...(owner ? { ownerAccountId: owner.accountId } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    };
    const failed = await save('saveEnvironment', { environment: input, ...(environment ? { expectedUpdatedAt: environment.updatedAt } : {}) });
    setBusy(false);
    if (failed) setError(failed);
    else onDone();
  };
  return (
    <EditorPanel title={environment ? `Edit ${environment.name}` : 'Add an environment'} onCancel={onDone} testId="environment-form">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }}
      >
        <FormRow>
          <TextInput label="Name" value={name} onValue={setName} maxLength={60} error={submitted ? nameError : undefined} testId="environment-name" autoFocus />
          <SelectInput label="Tier" value={tier} options={TIERS.map((t) => ({ value: t, label: `${t} – ${TIER_LABELS[t]}` }))} onValue={(v) => setTier(v as Tier)} testId="environment-tier" />
          <SelectInput
            label="Status"
            value={status}
            options={[
              { value: 'available', label: 'Available' },
              { value: 'maintenance', label: 'In maintenance' },
              { value: 'down', label: 'Down' },
            ]}
            onValue={(v) => setStatus(v as EnvironmentStatus)}
            testId="environment-status"
            width={160}
          />
          <TextInput label="Releases at a time" type="number" min={1} max={20} value={capacity} onValue={setCapacity} error={submitted ? capacityError : undefined} width={150} testId="environment-capacity" />
        </FormRow>
        <FormRow>
          <UserPicker label="Owner" value={owner} onChange={setOwner} />
          <TextInput label="Components" value={components} onValue={setComponents} hint="What runs there, separated by commas." testId="environment-components" />
        </FormRow>
        <TextArea label="Notes" value={notes} onValue={setNotes} maxLength={1000} />
        {error && <ErrorMessage title="The environment was not saved" error={error} />}
        <div style={{ display: 'flex', gap: space.s100 }}>
          <Button type="submit" appearance="primary" isDisabled={busy} testId="environment-save">
            {busy ? 'Saving…' : 'Save environment'}
          </Button>
          <Button onClick={onDone} isDisabled={busy}>
            Cancel
          </Button>
        </div>
      </form>
    </EditorPanel>
  );
}

/** Finds people with Jira's user search (as the viewer) and picks one. */
