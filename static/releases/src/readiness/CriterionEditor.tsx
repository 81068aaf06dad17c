/** Edits one readiness criterion (its kind's settings, required or not, its problems) and adds new ones. */
import { useId, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { PolicyProblem, ReadinessCatalog, ReadinessCriterion, ReadinessCriterionKind, ReadinessPolicy } from '../../../../src/contract';
import { color, compactInputStyle as inputStyle, font, radius, space } from '../design';
import { KIND_LABELS, KIND_ORDER, problemField } from './readiness-model';
import { Checks, Field, Problems } from './policy-fields';
import { GroupPicker, UserPicker } from '../components/pickers';

export function CriterionEditor({
  index,
  count,
  criterion,
  policy,
  catalog,
  problems,
  isWarning,
  onChange,
  onRemove,
  onMove,
}: {
  index: number;
  count: number;
  criterion: ReadinessCriterion;
  policy: ReadinessPolicy;
  catalog: ReadinessCatalog;
  problems: PolicyProblem[];
  isWarning: (p: PolicyProblem) => boolean;
  onChange: (next: ReadinessCriterion) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
}) {
  const at = (field: string) => problems.filter((p) => problemField(p) === field);
  const general = problems.filter((p) => !['id', 'label', 'severity', 'issueTypes', 'fields', 'bugTypes', 'minPriority', 'fieldId', 'groups', 'accountIds', 'description'].includes(problemField(p) ?? ''));
  const hasError = problems.some((p) => !isWarning(p));
  const fieldName = (id: string) => catalog.fields.find((f) => f.id === id)?.name ?? id;
  return (
    <div
      data-testid={`policy-criterion-${index}`}
      data-criterion-id={criterion.id}
      style={{
        border: `1px solid ${hasError ? color.borderDanger : color.border}`,
        borderRadius: radius,
        padding: space.s150,
        display: 'flex',
        flexDirection: 'column',
        gap: space.s100,
        background: color.surface,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap' }}>
        <Lozenge appearance={criterion.kind === 'manual' ? 'new' : 'default'}>{criterion.kind === 'manual' ? 'Manual' : 'Automatic'}</Lozenge>
        <span style={{ font: font.small, color: color.textSubtle, flex: 1 }}>{KIND_LABELS[criterion.kind]}</span>
        <Button appearance="subtle" spacing="compact" onClick={() => onMove(-1)} isDisabled={index === 0} aria-label={`Move ${criterion.label} up`}>
          ↑
        </Button>
        <Button appearance="subtle" spacing="compact" onClick={() => onMove(1)} isDisabled={index === count - 1} aria-label={`Move ${criterion.label} down`}>
          ↓
        </Button>
        <Button appearance="subtle" spacing="compact" onClick={onRemove} testId={`policy-remove-${index}`}>
          Remove
        </Button>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.s150 }}>
        <Field label="Name" problems={at('label')} isWarning={isWarning} grow>
          {(id) => <input id={id} data-testid={`policy-label-${index}`} style={{ ...inputStyle, width: '100%' }} value={criterion.label} onChange={(e) => onChange({ ...criterion, label: e.currentTarget.value })} />}
        </Field>
        <Field label="Id" hint={criterion.kind === 'manual' ? 'Sign-offs refer to it.' : undefined} problems={at('id')} isWarning={isWarning}>
          {(id) => <input id={id} data-testid={`policy-id-${index}`} style={{ ...inputStyle, width: 180 }} value={criterion.id} onChange={(e) => onChange({ ...criterion, id: e.currentTarget.value })} />}
        </Field>
        <Field label="Severity" problems={at('severity')} isWarning={isWarning}>
          {(id) => (
            <select id={id} className="rr-select" style={inputStyle} value={criterion.severity} onChange={(e) => onChange({ ...criterion, severity: e.currentTarget.value === 'advisory' ? 'advisory' : 'blocking' })}>
              <option value="blocking">Blocking (Red)</option>
              <option value="advisory">Advisory (Amber)</option>
            </select>
          )}
        </Field>
      </div>
      <Field label="Applies to issue types" problems={at('issueTypes')} isWarning={isWarning}>
        {() => <Checks options={catalog.issueTypes} chosen={criterion.issueTypes} onChange={(issueTypes) => onChange({ ...criterion, issueTypes })} emptyMeans="none ticked: every type" />}
      </Field>

      {criterion.kind === 'required-fields' && (
        <Field label="Fields that must be filled" problems={at('fields')} isWarning={isWarning}>
          {(id) => (
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.s100, alignItems: 'center' }}>
              {criterion.fields.map((f) => (
                <span key={f.id} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, background: color.bgNeutral, borderRadius: radius, padding: `2px ${space.s100}`, font: font.small }}>
                  {f.name}
                  <button type="button" aria-label={`Remove ${f.name}`} onClick={() => onChange({ ...criterion, fields: criterion.fields.filter((x) => x.id !== f.id) })} style={{ border: 0, background: 'none', cursor: 'pointer', color: color.textSubtle }}>
                    ×
                  </button>
                </span>
              ))}
              <select
                id={id}
                className="rr-select"
                data-testid={`policy-add-field-${index}`}
                style={inputStyle}
                value=""
                onChange={(e) => {
                  const fieldId = e.currentTarget.value;
                  if (fieldId && !criterion.fields.some((f) => f.id === fieldId)) onChange({ ...criterion, fields: [...criterion.fields, { id: fieldId, name: fieldName(fieldId) }] });
                }}
              >
                <option value="">Add a field…</option>
                {catalog.fields
                  .filter((f) => !criterion.fields.some((x) => x.id === f.id))
                  .map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name}
                    </option>
                  ))}
              </select>
            </div>
          )}
        </Field>
      )}

      {criterion.kind === 'no-open-bugs' && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.s150 }}>
          <Field label="Issue types that count as bugs" problems={at('bugTypes')} isWarning={isWarning}>
            {() => <Checks options={catalog.issueTypes} chosen={criterion.bugTypes} onChange={(bugTypes) => onChange({ ...criterion, bugTypes })} />}
          </Field>
          <Field label="Blocks at priority" hint="This priority or above." problems={at('minPriority')} isWarning={isWarning}>
            {(id) => (
              <select id={id} className="rr-select" style={inputStyle} value={criterion.minPriority} onChange={(e) => onChange({ ...criterion, minPriority: e.currentTarget.value })}>
                {[...new Set([...policy.priorityOrder, criterion.minPriority])].map((p) => (
                  <option key={p} value={p}>
                    {p || '–'}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}

      {criterion.kind === 'not-flagged' && (
        <Field label="Flagged field" problems={at('fieldId')} isWarning={isWarning}>
          {(id) => (
            <select id={id} className="rr-select" style={inputStyle} value={criterion.fieldId} onChange={(e) => onChange({ ...criterion, fieldId: e.currentTarget.value })}>
              {[...new Set([criterion.fieldId, ...catalog.fields.map((f) => f.id)])].map((fid) => (
                <option key={fid} value={fid}>
                  {fieldName(fid)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}

      {criterion.kind === 'manual' && (
        <>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.s150 }}>
            <Field label="Jira groups who may sign off" hint="Membership is checked with Jira when someone signs." problems={at('groups')} isWarning={isWarning} grow>
              {(id) => <GroupPicker inputId={id} label="Jira groups who may sign off" value={criterion.groups} onChange={(groups) => onChange({ ...criterion, groups })} testId={`policy-groups-${index}`} />}
            </Field>
            <Field label="Also these people" problems={at('accountIds')} isWarning={isWarning} grow>
              {(id) => <UserPicker inputId={id} label="Also these people" value={criterion.accountIds} onChange={(accountIds) => onChange({ ...criterion, accountIds })} testId={`policy-people-${index}`} />}
            </Field>
          </div>
          <Field label="What the signer confirms" problems={at('description')} isWarning={isWarning}>
            {(id) => (
              <textarea
                id={id}
                style={{ ...inputStyle, width: '100%', minHeight: 48, resize: 'vertical' }}
                value={criterion.description ?? ''}
                onChange={(e) => onChange({ ...criterion, description: e.currentTarget.value })}
              />
            )}
          </Field>
        </>
      )}
      <Problems problems={general} isWarning={isWarning} />
    </div>
  );
}

export function AddCriterion({ onAdd }: { onAdd: (kind: ReadinessCriterionKind) => void }) {
  const [kind, setKind] = useState<ReadinessCriterionKind>('manual');
  const id = useId();
  return (
    <div style={{ display: 'flex', gap: space.s100, alignItems: 'center', flexWrap: 'wrap' }}>
      <label htmlFor={id} style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>
        Add a criterion
      </label>
      <select id={id} className="rr-select" data-testid="policy-add-kind" style={inputStyle} value={kind} onChange={(e) => setKind(e.currentTarget.value as ReadinessCriterionKind)}>
        {KIND_ORDER.map((k) => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </select>
      <Button onClick={() => onAdd(kind)} testId="policy-add">
        Add
      </Button>
    </div>
  );
}

