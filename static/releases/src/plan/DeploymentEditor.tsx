/** Records a deployment by hand: which version reached which environment, when, and how it went. */
import { useState } from 'react';
import { useProjectTime } from '../project-time';
import type { DeploymentStatus, ErrorBody, ReleaseCalendarView } from '../../../../src/contract';
import { validateDeployment } from '../../../../src/domain/release-plan/validate';
import { ErrorMessage } from '../components/ErrorMessage';
import { DateTimeInput, EditorPanel, FormRow, SelectInput, TextArea } from './form-controls';
import { fromInputValue, toInputValue } from './plan-model';
import { Actions, EditorForm, byField, environmentLabel, type Mutate, useFocusFirst, versionLabel } from './editor-parts';

const STATUSES: Array<{ value: DeploymentStatus; label: string }> = [
  { value: 'successful', label: 'Successful' },
  { value: 'failed', label: 'Failed' },
  { value: 'rolled_back', label: 'Rolled back' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'cancelled', label: 'Cancelled' },
];

export function DeploymentEditor({ view, mutate, onClose, now }: { view: ReleaseCalendarView; mutate: Mutate; onClose: (message?: string, view?: ReleaseCalendarView) => void; now: Date }) {
  const own = view.versions.filter((v) => v.projectKey === view.project.key);
  const { timeZone } = useProjectTime();
  const [versionId, setVersionId] = useState('');
  const [environmentId, setEnvironmentId] = useState('');
  const [at, setAt] = useState(toInputValue(now.toISOString(), timeZone));
  const [status, setStatus] = useState<DeploymentStatus>('successful');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<ErrorBody>();
  const ref = useFocusFirst();
  const environment = view.environments.find((e) => e.id === environmentId);
  const version = own.find((v) => v.id === versionId);
  const input = { versionId, environmentId, at: fromInputValue(at, timeZone) ?? at, status, ...(note.trim() ? { note: note.trim() } : {}) };
  const problems = byField([
    ...(versionId ? [] : ['versionId: choose a version.']),
    ...(environmentId ? [] : ['environmentId: choose an environment.']),
    ...validateDeployment(input, { ...(environment ? { environment } : {}), ...(version ? { version } : {}), now: now.getTime() }).filter((p) => !p.startsWith('versionId') && !p.startsWith('environmentId') && !(p.startsWith('at') && !fromInputValue(at, timeZone))),
    ...(fromInputValue(at, timeZone) ? [] : ['at: give the date and time it happened.']),
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
          <DateTimeInput label="Deployed at" value={at} onValue={setAt} error={show('at')} testId="deployment-at" hint={`Time in ${timeZone}, the project’s zone`} />
          <SelectInput label="Outcome" value={status} options={STATUSES} onValue={(v) => setStatus(v as DeploymentStatus)} testId="deployment-status" />
        </FormRow>
        <TextArea label="Note" value={note} onValue={setNote} maxLength={500} hint="E.g. the change ticket, or why CI/CD did not report it." />
      </EditorForm>
    </EditorPanel>
  );
}
