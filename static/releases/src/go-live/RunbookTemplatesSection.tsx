import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Spinner from '@atlaskit/spinner';
import type { ErrorBody, ReleaseType, RunbookStep } from '../../../../src/contract';
import { RELEASE_TYPE_LABELS, RELEASE_TYPES, STEP_KIND_LABELS } from '../../../../src/contract';
import { ErrorMessage } from '../components/ErrorMessage';
import { color, font, space } from '../design';
import { fieldErrors } from '../field-errors';
import { invoke } from '../platform';
import { useProjectTime } from '../project-time';
import { useResolverAnswer } from '../use-resolver-answer';
import { InlineError, SelectField, TableHead, tableStyle, tdStyle } from '../go-no-go/controls';
import { formatDuration, formatOffset } from './golive-model';
import { StepEditor } from './StepEditor';
import { TEMPLATE_STEP_FIELD_LABELS, type StepForm, emptyStepForm, formOfStep, moved, stepFieldErrors, stepOfForm } from './step-form';

/**
 * Release settings, "Go-live runbooks": the steps a new runbook of each release type starts
 * from. The template is edited in the page and saved whole; the server checks it as a plan
 * (only starts relative to the go-live start) and refuses a page that is out of date.
 */
export function RunbookTemplatesSection() {
  const { timeZone } = useProjectTime();
  const [releaseType, setReleaseType] = useState<ReleaseType>('major');
  const { data: view, setData, error, reload } = useResolverAnswer('getRunbookTemplate', { releaseType }, { initialLoading: true });
  const [draft, setDraft] = useState<RunbookStep[]>();
  const [editing, setEditing] = useState<{ index: number; form: StepForm }>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ErrorBody>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (view?.releaseType !== releaseType) return;
    setDraft(view.steps);
    setEditing(undefined);
    setSaveError(undefined);
  }, [view, releaseType]);

  const steps = draft ?? [];
  const dirty = !!view && JSON.stringify(view.steps) !== JSON.stringify(steps);
  const canEdit = view?.canEdit === true;
  const errors = fieldErrors(saveError, TEMPLATE_STEP_FIELD_LABELS);
  const change = (next: RunbookStep[]) => {
    setDraft(next);
    setEditing(undefined); // indexes shift under an open form
    setSaved(false);
  };

  const save = async () => {
    if (!view) return;
    setSaving(true);
    const result = await invoke('saveRunbookTemplate', { releaseType, planRevision: view.planRevision, steps });
    setSaving(false);
    if (!result.ok) {
      setSaveError(result.error);
      return;
    }
    setSaveError(undefined);
    setSaved(true);
    setData(result.data);
  };

  return (
    <section data-testid="runbook-templates" aria-labelledby="runbook-templates-heading" style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }}>
      <Heading size="medium" as="h2" id="runbook-templates-heading">
        Go-live runbooks
      </Heading>
      <p style={{ margin: 0, font: font.body, color: color.textSubtle }}>
        The steps a new go-live runbook starts from, per release type. Starts count in minutes from the go-live start; a release&apos;s own runbook then gets its go-live
        start and fixed times on the Go-live page.
      </p>
      <SelectField<ReleaseType>
        label="Release type"
        width={220}
        value={releaseType}
        onValue={(next) => {
          setReleaseType(next);
          setDraft(undefined);
          setSaved(false);
        }}
        options={RELEASE_TYPES.map((value) => ({ value, label: RELEASE_TYPE_LABELS[value] }))}
        testId="runbook-template-type"
      />
      {error && <ErrorMessage title="Could not load the template" error={error} onRetry={reload} />}
      {!view || view.releaseType !== releaseType || !draft ? (
        !error && <Spinner label="Loading the template" />
      ) : (
        <div data-testid="runbook-template" data-type={releaseType} data-saved={view.saved} style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }}>
          <span style={{ font: font.small, color: color.textSubtle }}>{view.saved ? 'Saved for this project.' : 'The built-in template: save it to make it this project’s own.'}</span>
          {saveError && (
            <div data-testid="runbook-template-error">
              <InlineError error={{ ...saveError, details: [...Object.values(errors.byPath), ...errors.other] }} />
            </div>
          )}
          {editing && canEdit && (
            <StepEditor
              key={`${editing.index}-${editing.form.id}`}
              initial={editing.form}
              steps={steps}
              timeZone={timeZone}
              template
              errors={stepFieldErrors(errors, `steps.${editing.index}`)}
              busy={saving}
              onCancel={() => setEditing(undefined)}
              onSave={(form) => {
                const step = stepOfForm(form, timeZone, steps.map((s) => s.id));
                change(editing.index < steps.length ? steps.map((s, i) => (i === editing.index ? step : s)) : [...steps, step]);
                setEditing(undefined);
              }}
            />
          )}
          <table style={tableStyle}>
            <TableHead headings={['#', 'Step', 'Kind', 'Starts', 'Duration', 'Depends on', '']} />
            <tbody>
              {steps.map((step, index) => (
                <tr key={step.id} data-testid={`runbook-template-step-${step.id}`}>
                  <td style={{ ...tdStyle, color: color.textSubtle }}>{index + 1}</td>
                  <td style={tdStyle}>{step.title}</td>
                  <td style={tdStyle}>{STEP_KIND_LABELS[step.kind]}</td>
                  <td style={tdStyle}>{step.plannedStart?.type === 'relative' ? formatOffset(step.plannedStart.offsetMinutes) : step.kind === 'rollback' ? 'when rolled back' : 'after its dependencies'}</td>
                  <td style={tdStyle}>{formatDuration(step.durationMinutes)}</td>
                  <td style={{ ...tdStyle, font: font.small, color: color.textSubtle }}>{step.dependsOn.map((id) => steps.find((s) => s.id === id)?.title ?? id).join(', ')}</td>
                  <td style={tdStyle}>
                    {canEdit && (
                      <div style={{ display: 'flex', gap: space.s050 }}>
                        <Button testId={`runbook-template-edit-${step.id}`} spacing="compact" onClick={() => setEditing({ index, form: formOfStep(step, view.users, timeZone) })}>
                          Edit
                        </Button>
                        <Button spacing="compact" isDisabled={index === 0} onClick={() => change(moved(steps, step.id, 'up'))}>
                          ↑
                        </Button>
                        <Button spacing="compact" isDisabled={index === steps.length - 1} onClick={() => change(moved(steps, step.id, 'down'))}>
                          ↓
                        </Button>
                        <Button
                          testId={`runbook-template-remove-${step.id}`}
                          spacing="compact"
                          appearance="subtle"
                          onClick={() => change(steps.filter((s) => s.id !== step.id).map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => d !== step.id) })))}
                        >
                          Remove
                        </Button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {canEdit ? (
            <div style={{ display: 'flex', gap: space.s100, alignItems: 'center' }}>
              <Button testId="runbook-template-add" isDisabled={!!editing} onClick={() => setEditing({ index: steps.length, form: emptyStepForm() })}>
                Add step
              </Button>
              <Button appearance="primary" testId="runbook-template-save" isDisabled={saving || !dirty} onClick={() => void save()}>
                Save the {RELEASE_TYPE_LABELS[releaseType].toLowerCase()} template
              </Button>
              {dirty && <span style={{ font: font.small, color: color.textSubtle }}>Unsaved changes</span>}
              {saved && !dirty && (
                <span data-testid="runbook-template-saved" style={{ font: font.small, color: color.textSuccess }}>
                  Saved
                </span>
              )}
            </div>
          ) : (
            <span style={{ font: font.small, color: color.textSubtle }}>Release managers change the templates.</span>
          )}
        </div>
      )}
    </section>
  );
}
