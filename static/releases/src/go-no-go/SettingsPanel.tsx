import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import type { AutoCriterionRule, ErrorBody, GoNoGoSettingsView, ReleaseType, ReleaseTypePolicy, UserSummary } from '../../../../src/contract';
import { AUTO_CRITERION_LABELS, AUTO_CRITERION_RULES, RELEASE_TYPE_LABELS, RELEASE_TYPES } from '../../../../src/contract';
import { color, font, radius, space } from '../design';
import { slug, uniqueId } from '../ids';
import { invoke } from '../platform';
import { CheckboxField, InlineError, Muted, Section, SelectField, TextField, inputStyle, tableStyle, tdStyle, thStyle } from './controls';
import { UserPicker } from '../components/pickers';

/** The project's Go/No-Go policies per release type: criteria, roles with named approvers, quorum, review deadline. */
export function SettingsPanel({ initialType, onSaved, onClose }: { initialType: ReleaseType; onSaved: () => void; onClose: () => void }) {
  const [view, setView] = useState<GoNoGoSettingsView>();
  const [type, setType] = useState<ReleaseType>(initialType);
  const [policy, setPolicy] = useState<ReleaseTypePolicy>();
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorBody>();
  const [busy, setBusy] = useState(false);
  const [savedAt, setSavedAt] = useState<string>();

  useEffect(() => {
    void invoke('getGoNoGoSettings', {}).then((result) => {
      if (!result.ok) return setError(result.error);
      setView(result.data);
      setNames(Object.fromEntries(result.data.users.map((u) => [u.accountId, u.displayName])));
    });
  }, []);
  useEffect(() => {
    if (view) setPolicy(structuredClone(view.policies[type]));
  }, [view, type]);

  const save = async () => {
    if (!policy || !view) return;
    setBusy(true);
    const result = await invoke('saveGoNoGoSettings', { releaseType: type, policy, ...(view.updatedAt ? { expectedUpdatedAt: view.updatedAt } : {}) });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(undefined);
    setView(result.data);
    setSavedAt(result.data.updatedAt ?? '');
    onSaved();
  };

  const editable = view?.canEdit === true;
  // "Saved." only while what is shown is what was saved.
  const saved = savedAt !== undefined && view?.updatedAt === savedAt && policy !== undefined && JSON.stringify(policy) === JSON.stringify(view.policies[type]);
  return (
    <Section
      title="Board settings"
      testId="gng-settings"
      description={view?.updatedBy ? `Last changed by ${view.updatedBy.displayName}.` : 'Defaults: nothing has been changed for this project yet.'}
      actions={
        <Button appearance="subtle" onClick={onClose}>
          Close settings
        </Button>
      }
    >
      <InlineError error={error} />
      {!view || !policy ? (
        !error && <Muted>Loading settings…</Muted>
      ) : (
        <>
          <div style={{ display: 'flex' }}>
            <SelectField label="Release type" width={200} value={type} onValue={setType} options={RELEASE_TYPES.map((t) => ({ value: t, label: RELEASE_TYPE_LABELS[t] }))} testId="gng-settings-type" />
          </div>
          {!editable && <Muted>Only project administrators and release managers change these settings.</Muted>}
          <CriteriaEditor policy={policy} onChange={setPolicy} disabled={!editable} />
          <RolesEditor policy={policy} onChange={setPolicy} names={names} onName={(u) => setNames((n) => ({ ...n, [u.accountId]: u.displayName }))} disabled={!editable} />
          <div style={{ display: 'flex', gap: space.s150, flexWrap: 'wrap', alignItems: 'flex-end' }}>
            <SelectField
              label="Quorum"
              width={220}
              disabled={!editable}
              value={policy.quorum.kind === 'all' ? 'all' : String(policy.quorum.count)}
              onValue={(v) => setPolicy({ ...policy, quorum: v === 'all' ? { kind: 'all' } : { kind: 'at-least', count: Number(v) } })}
              options={[{ value: 'all', label: 'Every role approves' }, ...policy.roles.map((_, i) => ({ value: String(i + 1), label: `At least ${i + 1} role${i ? 's' : ''} approve` }))]}
            />
            <TextField
              label="Review due (days after GO)"
              width={200}
              type="number"
              min={0}
              max={90}
              disabled={!editable}
              value={policy.pirDueDays === null ? '' : String(policy.pirDueDays)}
              onValue={(v) => setPolicy({ ...policy, pirDueDays: v === '' ? null : Math.max(0, Math.min(90, Math.round(Number(v)))) })}
              hint="Empty: no deadline"
            />
          </div>
          {editable && (
            <div style={{ display: 'flex', gap: space.s100, alignItems: 'center' }}>
              <Button appearance="primary" onClick={() => void save()} isDisabled={busy} testId="gng-settings-save">
                Save {RELEASE_TYPE_LABELS[type]} policy
              </Button>
              {saved && (
                <span role="status" style={{ font: font.small, color: color.textSuccess }}>
                  Saved.
                </span>
              )}
            </div>
          )}
        </>
      )}
    </Section>
  );
}

function CriteriaEditor({ policy, onChange, disabled }: { policy: ReleaseTypePolicy; onChange: (p: ReleaseTypePolicy) => void; disabled: boolean }) {
  const [manualTitle, setManualTitle] = useState('');
  const missing = AUTO_CRITERION_RULES.filter((r) => !policy.criteria.some((c) => c.id === r));
  const [rule, setRule] = useState<AutoCriterionRule | ''>('');
  const update = (criteria: ReleaseTypePolicy['criteria']) => onChange({ ...policy, criteria });
  return (
    <div>
      <h3 style={{ margin: `0 0 ${space.s050}`, font: font.body, fontWeight: 600, color: color.text }}>Exit criteria</h3>
      <table style={tableStyle} aria-label="Exit criteria of the release type">
        <thead>
          <tr>
            <th scope="col" style={thStyle}>Criterion</th>
            <th scope="col" style={thStyle}>Kind</th>
            <th scope="col" style={thStyle}>Blocking</th>
            <th scope="col" style={thStyle}>
              <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {policy.criteria.map((c, i) => (
            <tr key={c.id}>
              <td style={tdStyle}>
                {c.kind === 'manual' && !disabled ? (
                  <input aria-label="Criterion title" value={c.title} maxLength={120} onChange={(e) => update(policy.criteria.map((x, j) => (j === i ? { ...x, title: e.currentTarget.value } : x)))} style={inputStyle()} />
                ) : (
                  c.title
                )}
              </td>
              <td style={tdStyle}>{c.kind === 'auto' ? 'Automatic' : 'Manual'}</td>
              <td style={tdStyle}>
                <CheckboxField label={<span style={{ font: font.small }}>Blocks GO</span>} checked={c.blocking} disabled={disabled} onChange={(blocking) => update(policy.criteria.map((x, j) => (j === i ? { ...x, blocking } : x)))} />
              </td>
              <td style={tdStyle}>
                {!disabled && (
                  <Button appearance="subtle" spacing="compact" onClick={() => update(policy.criteria.filter((_, j) => j !== i))} aria-label={`Remove ${c.title}`}>
                    Remove
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!disabled && (
        <div style={{ display: 'flex', gap: space.s100, flexWrap: 'wrap', alignItems: 'flex-end', marginTop: space.s100 }}>
          <TextField label="New manual criterion" value={manualTitle} onValue={setManualTitle} maxLength={120} placeholder="e.g. Support team briefed" />
          <Button
            isDisabled={!manualTitle.trim()}
            onClick={() => {
              const id = uniqueId(`m-${slug(manualTitle)}`, policy.criteria.map((c) => c.id));
              update([...policy.criteria, { id, kind: 'manual', title: manualTitle.trim(), blocking: false }]);
              setManualTitle('');
            }}
          >
            Add
          </Button>
          {missing.length > 0 && (
            <>
              <SelectField<AutoCriterionRule | ''> label="Automatic criterion" width={280} value={rule} onValue={setRule} options={[{ value: '', label: 'Choose…' }, ...missing.map((r) => ({ value: r, label: AUTO_CRITERION_LABELS[r] }))]} />
              <Button
                isDisabled={!rule}
                onClick={() => {
                  if (!rule) return;
                  update([...policy.criteria, { id: rule, kind: 'auto', rule, title: AUTO_CRITERION_LABELS[rule], blocking: true }]);
                  setRule('');
                }}
              >
                Add
              </Button>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function RolesEditor({ policy, onChange, names, onName, disabled }: { policy: ReleaseTypePolicy; onChange: (p: ReleaseTypePolicy) => void; names: Record<string, string>; onName: (u: UserSummary) => void; disabled: boolean }) {
  const [roleName, setRoleName] = useState('');
  const update = (roles: ReleaseTypePolicy['roles']) => {
    const quorum = policy.quorum.kind === 'at-least' && policy.quorum.count > roles.length ? (roles.length ? { kind: 'at-least' as const, count: roles.length } : { kind: 'all' as const }) : policy.quorum;
    onChange({ ...policy, roles, quorum });
  };
  return (
    <div>
      <h3 style={{ margin: `0 0 ${space.s050}`, font: font.body, fontWeight: 600, color: color.text }}>Sign-off roles and approvers</h3>
      <div style={{ display: 'flex', flexDirection: 'column', gap: space.s100 }}>
        {policy.roles.map((role, i) => (
          <div key={role.id} data-testid={`gng-settings-role-${role.id}`} style={{ border: `1px solid ${color.border}`, borderRadius: radius, padding: space.s100, display: 'flex', flexDirection: 'column', gap: space.s050 }}>
            <div style={{ display: 'flex', alignItems: 'center', gap: space.s100 }}>
              <strong style={{ font: font.body, color: color.text, flex: 1 }}>{role.name}</strong>
              {!disabled && (
                <Button appearance="subtle" spacing="compact" onClick={() => update(policy.roles.filter((_, j) => j !== i))} aria-label={`Remove role ${role.name}`}>
                  Remove role
                </Button>
              )}
            </div>
            {role.approverAccountIds.length === 0 && <div style={{ font: font.small, color: color.textDanger }}>No approver: nobody can vote for this role.</div>}
            {disabled && (
              <ul aria-label={`Approvers of ${role.name}`} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', gap: space.s050, flexWrap: 'wrap' }}>
                {role.approverAccountIds.map((id) => (
                  <li key={id} style={{ background: color.bgNeutral, borderRadius: radius, padding: '2px 6px', font: font.small, color: color.text }}>
                    {names[id] ?? id}
                  </li>
                ))}
              </ul>
            )}
            {!disabled && (
              <UserPicker
                label={`Approvers of ${role.name}`}
                value={role.approverAccountIds}
                knownNames={names}
                onChange={(approverAccountIds) => update(policy.roles.map((r, j) => (j === i ? { ...r, approverAccountIds } : r)))}
                onNamed={(users) => users.forEach(onName)}
                testId={`gng-settings-approvers-${role.id}`}
              />
            )}
          </div>
        ))}
      </div>
      {!disabled && (
        <div style={{ display: 'flex', gap: space.s100, alignItems: 'flex-end', marginTop: space.s100 }}>
          <TextField label="New role" value={roleName} onValue={setRoleName} maxLength={60} placeholder="e.g. Legal" width={240} />
          <Button
            isDisabled={!roleName.trim()}
            onClick={() => {
              update([...policy.roles, { id: uniqueId(slug(roleName), policy.roles.map((r) => r.id)), name: roleName.trim(), approverAccountIds: [] }]);
              setRoleName('');
            }}
          >
            Add role
          </Button>
        </div>
      )}
    </div>
  );
}
