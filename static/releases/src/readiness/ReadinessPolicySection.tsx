/**
 * Settings section "Readiness policy": the criteria an issue must meet to ship, edited by project
 * admins. Problems are checked as one types (the same validatePolicy the server runs on save) and
 * shown next to the criterion they concern; warnings do not stop a save.
 */
import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ErrorBody, PolicyProblem, ReadinessCatalog, ReadinessCriterion, ReadinessCriterionKind, ReadinessPolicy, ReadinessPolicyView } from '../../../../src/contract';
import { defaultPolicy, validatePolicy } from '../../../../src/domain/readiness/policy';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDateTime } from '../date-format';
import { color, compactInputStyle as inputStyle, font, radius, space } from '../design';
import { invoke } from '../platform';
import { useProjectTime } from '../project-time';
import { RAG_SWATCH } from './readiness-design';
import { KIND_LABELS, KIND_ORDER, formatList, moveCriterion, newCriterion, parseList, problemField, problemsByPlace, removeCriterion, replaceCriterion } from './readiness-model';

type Load = { status: 'loading' } | { status: 'failed'; error: ErrorBody } | { status: 'ready'; view: ReadinessPolicyView };

export function ReadinessPolicySection({ projectKey }: { projectKey?: string }) {
  const time = useProjectTime();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [draft, setDraft] = useState<ReadinessPolicy>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ErrorBody>();
  const [saved, setSaved] = useState<{ at: Date; warnings: number }>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoad({ status: 'loading' });
    void invoke('getReadinessPolicy', {}).then((result) => {
      if (cancelled) return;
      if (result.ok) {
        setLoad({ status: 'ready', view: result.data });
        setDraft(result.data.policy);
      } else setLoad({ status: 'failed', error: result.error });
    });
    return () => {
      cancelled = true;
    };
  }, [generation]);

  const view = load.status === 'ready' ? load.view : undefined;
  const catalog = view?.catalog;
  const checked = useMemo(
    () => (draft ? validatePolicy(draft, catalog ? { issueTypes: catalog.issueTypes, fieldIds: catalog.fields.map((f) => f.id) } : {}) : undefined),
    [draft, catalog],
  );
  const dirty = !!view && !!draft && JSON.stringify(draft) !== JSON.stringify(view.policy);

  const change = useCallback((next: ReadinessPolicy) => {
    setDraft(next);
    setSaved(undefined);
    setSaveError(undefined);
  }, []);

  const save = useCallback(async () => {
    if (!view || !draft) return;
    setSaving(true);
    setSaveError(undefined);
    const result = await invoke('saveReadinessPolicy', { policy: draft, revision: view.revision });
    setSaving(false);
    if (result.ok) {
      setLoad({ status: 'ready', view: result.data.view });
      setDraft(result.data.view.policy);
      setSaved({ at: time.now(), warnings: result.data.warnings.length });
    } else setSaveError(result.error);
  }, [view, draft]);

  if (load.status === 'loading') {
    return (
      <div style={{ display: 'flex', justifyContent: 'center', padding: space.s400 }}>
        <Spinner size="large" label="Loading the readiness policy" />
      </div>
    );
  }
  if (load.status === 'failed') return <ErrorMessage title="Could not load the readiness policy" error={load.error} onRetry={() => setGeneration((g) => g + 1)} />;
  if (!draft || !view || !checked) return null;

  const editable = view.canEdit;
  const places = problemsByPlace([...checked.errors, ...checked.warnings.map((w) => ({ ...w, warning: true }))] as PolicyProblem[]);
  const isWarning = (p: PolicyProblem) => (p as PolicyProblem & { warning?: boolean }).warning === true;

  return (
    <div data-testid="readiness-policy" style={{ display: 'flex', flexDirection: 'column', gap: space.s200, maxWidth: 960 }}>
      <div>
        <Heading size="medium" as="h2">
          Readiness policy{projectKey ? ` of ${projectKey}` : ''}
        </Heading>
        <p style={{ margin: `${space.s050} 0 0`, font: font.body, color: color.textSubtle }}>
          What an issue must meet before it ships in its release. The issue panel shows it on every issue and the Readiness page rolls it up per release. Blocking criteria make an
          issue Red; advisory ones Amber.{' '}
          {view.source === 'default' ? (
            <Lozenge>Default policy</Lozenge>
          ) : (
            <span style={{ font: font.small }}>
              Saved {view.updatedAt ? formatDateTime(new Date(view.updatedAt)) : ''} (revision {view.revision}).
            </span>
          )}
        </p>
      </div>
      {!editable && (
        <SectionMessage appearance="information" title="Read only">
          <p>Only project administrators can change the readiness policy.</p>
        </SectionMessage>
      )}

      <fieldset disabled={!editable || saving} style={{ border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: space.s200 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.s200 }}>
          <Field label="Amber window (days)" hint="Open work this close to the release date turns an issue Amber." problems={places.policy.filter((p) => p.path === 'closeDays')} isWarning={isWarning}>
            {(id) => (
              <input
                id={id}
                type="number"
                min={0}
                max={90}
                data-testid="policy-close-days"
                style={{ ...inputStyle, width: 100 }}
                value={Number.isFinite(draft.closeDays) ? draft.closeDays : ''}
                onChange={(e) => change({ ...draft, closeDays: e.currentTarget.value === '' ? Number.NaN : Number(e.currentTarget.value) })}
              />
            )}
          </Field>
          <Field label="Priorities, highest first" hint="As in your Jira priority scheme, comma separated." problems={places.policy.filter((p) => p.path === 'priorityOrder')} isWarning={isWarning} grow>
            {(id) => <ListInput id={id} value={draft.priorityOrder} onChange={(priorityOrder) => change({ ...draft, priorityOrder })} testId="policy-priorities" />}
          </Field>
        </div>

        <div style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }}>
          <Heading size="small" as="h3">
            Criteria ({draft.criteria.length})
          </Heading>
          {draft.criteria.map((criterion, index) => (
            <CriterionEditor
              key={index}
              index={index}
              count={draft.criteria.length}
              criterion={criterion}
              policy={draft}
              catalog={view.catalog}
              problems={places.criteria.get(index) ?? []}
              isWarning={isWarning}
              onChange={(next) => change(replaceCriterion(draft, index, next))}
              onRemove={() => change(removeCriterion(draft, index))}
              onMove={(by) => change(moveCriterion(draft, index, by))}
            />
          ))}
          <AddCriterion onAdd={(kind) => change({ ...draft, criteria: [...draft.criteria, newCriterion(kind, draft.criteria)] })} />
        </div>
      </fieldset>

      <Problems problems={places.policy.filter((p) => p.path !== 'closeDays' && p.path !== 'priorityOrder')} isWarning={isWarning} testId="policy-problems" />
      {saveError && <ErrorMessage title={saveError.code === 'CONFLICT' ? 'Saved meanwhile by someone else' : 'Not saved'} error={saveError} onRetry={saveError.code === 'CONFLICT' ? () => setGeneration((g) => g + 1) : undefined} />}
      {saved && !dirty && (
        <div data-testid="policy-saved">
          <SectionMessage appearance="success" title="Readiness policy saved">
            <p>
              Every release roll-up of the project is being recomputed with it.
              {saved.warnings ? ` ${saved.warnings} warning${saved.warnings === 1 ? '' : 's'} remain worth a look.` : ''}
            </p>
          </SectionMessage>
        </div>
      )}
      {editable && (
        <div style={{ display: 'flex', gap: space.s100, alignItems: 'center', flexWrap: 'wrap', position: 'sticky', bottom: 0, background: color.surface, padding: `${space.s100} 0` }}>
          <Button appearance="primary" onClick={() => void save()} isDisabled={!dirty || checked.errors.length > 0 || saving} testId="policy-save">
            {saving ? 'Saving…' : 'Save policy'}
          </Button>
          <Button onClick={() => change(view.policy)} isDisabled={!dirty || saving}>
            Discard changes
          </Button>
          <Button appearance="subtle" onClick={() => change(defaultPolicy())} isDisabled={saving}>
            Restore defaults
          </Button>
          <span aria-live="polite" style={{ font: font.small, color: checked.errors.length ? color.textDanger : color.textSubtle }}>
            {checked.errors.length
              ? `${checked.errors.length} problem${checked.errors.length === 1 ? '' : 's'} to fix before saving`
              : checked.warnings.length
                ? `${checked.warnings.length} warning${checked.warnings.length === 1 ? '' : 's'}`
                : dirty
                  ? 'Unsaved changes'
                  : 'No changes'}
          </span>
        </div>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------


function Field({
  label,
  hint,
  children,
  problems = [],
  isWarning,
  grow,
}: {
  label: string;
  hint?: ReactNode;
  children: (id: string) => ReactNode;
  problems?: PolicyProblem[];
  isWarning: (p: PolicyProblem) => boolean;
  grow?: boolean;
}) {
  const id = useId();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2, flex: grow ? '1 1 260px' : '0 1 auto', minWidth: 0 }}>
      <label htmlFor={id} style={{ font: font.small, fontWeight: 600, color: color.textSubtle }}>
        {label}
      </label>
      {children(id)}
      {hint && <div style={{ font: font.small, color: color.textSubtlest }}>{hint}</div>}
      <Problems problems={problems} isWarning={isWarning} />
    </div>
  );
}

function Problems({ problems, isWarning, testId }: { problems: PolicyProblem[]; isWarning: (p: PolicyProblem) => boolean; testId?: string }) {
  if (problems.length === 0) return null;
  return (
    <ul data-testid={testId} style={{ margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 2 }}>
      {problems.map((p, i) => (
        <li key={i} data-severity={isWarning(p) ? 'warning' : 'error'} style={{ font: font.small, color: isWarning(p) ? RAG_SWATCH.amber.text : color.textDanger }}>
          {isWarning(p) ? 'Warning: ' : ''}
          {p.message}
        </li>
      ))}
    </ul>
  );
}

/** A comma-separated list, kept as typed while editing and parsed on every change. */
function ListInput({ id, value, onChange, testId, placeholder }: { id: string; value: readonly string[]; onChange: (list: string[]) => void; testId?: string; placeholder?: string }) {
  const [text, setText] = useState(formatList(value));
  useEffect(() => {
    if (formatList(parseList(text)) !== formatList(value)) setText(formatList(value));
    // Only outside changes (discard, restore) reset the text, not typing.
  }, [value]);
  return (
    <input
      id={id}
      data-testid={testId}
      style={{ ...inputStyle, width: '100%' }}
      value={text}
      placeholder={placeholder}
      onChange={(e) => {
        setText(e.currentTarget.value);
        onChange(parseList(e.currentTarget.value));
      }}
    />
  );
}

function Checks({ options, chosen, onChange, emptyMeans }: { options: string[]; chosen: string[]; onChange: (next: string[]) => void; emptyMeans?: string }) {
  const lower = new Set(chosen.map((c) => c.toLowerCase()));
  const unknown = chosen.filter((c) => !options.some((o) => o.toLowerCase() === c.toLowerCase()));
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: `${space.s050} ${space.s150}`, alignItems: 'center' }}>
      {[...options, ...unknown].map((option) => (
        <label key={option} style={{ display: 'inline-flex', gap: 4, alignItems: 'center', font: font.body, color: color.text }}>
          <input
            type="checkbox"
            checked={lower.has(option.toLowerCase())}
            onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, option] : chosen.filter((c) => c.toLowerCase() !== option.toLowerCase()))}
          />
          {option}
        </label>
      ))}
      {emptyMeans && chosen.length === 0 && <span style={{ font: font.small, color: color.textSubtlest }}>({emptyMeans})</span>}
    </div>
  );
}

function CriterionEditor({
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
            <Field label="Jira groups who may sign off" hint="Comma separated, e.g. qa-team. Checked with Jira when someone signs." problems={at('groups')} isWarning={isWarning} grow>
              {(id) => <ListInput id={id} value={criterion.groups} onChange={(groups) => onChange({ ...criterion, groups })} testId={`policy-groups-${index}`} placeholder="qa-team" />}
            </Field>
            <Field label="Also these people (account ids)" problems={at('accountIds')} isWarning={isWarning} grow>
              {(id) => <ListInput id={id} value={criterion.accountIds} onChange={(accountIds) => onChange({ ...criterion, accountIds })} />}
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

function AddCriterion({ onAdd }: { onAdd: (kind: ReadinessCriterionKind) => void }) {
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
