/**
 * Settings section "Readiness policy": the criteria an issue must meet to ship, edited by project
 * admins. Problems are checked as one types (the same validatePolicy the server runs on save) and
 * shown next to the criterion they concern; warnings do not stop a save.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ErrorBody, PolicyProblem, ReadinessPolicy, ReadinessPolicyView } from '../../../../src/contract';
import { defaultPolicy, validatePolicy } from '../../../../src/domain/readiness/policy';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDateTime } from '../date-format';
import { color, compactInputStyle as inputStyle, font, space } from '../design';
import { invoke } from '../platform';
import { useProjectTime } from '../project-time';
import { moveCriterion, newCriterion, problemsByPlace, removeCriterion, replaceCriterion } from './readiness-model';
import { AddCriterion, CriterionEditor } from './CriterionEditor';
import { Field, ListInput, Problems } from './policy-fields';

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
              Saved {view.updatedAt ? formatDateTime(view.updatedAt, time.timeZone) : ''} (revision {view.revision}).
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
