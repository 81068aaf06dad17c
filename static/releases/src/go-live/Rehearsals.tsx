import { useState } from 'react';
import Button from '@atlaskit/button/new';
import type { RunbookView, StepAction } from '../../../../src/contract';
import { color, font, inputStyle, space } from '../design';
import { Section } from '../go-no-go/controls';
import { type PayloadOf } from '../platform';
import { STATUS_TEXT, type StepActionType, formatDuration, formatInstant } from './golive-model';
import { RUN_STATUS_WORDS, type RehearsalCell } from './rehearsal-model';

type RehearsalMutate = <K extends 'startRunbookRehearsal' | 'actOnRehearsalStep'>(name: K, payload: PayloadOf<K>) => Promise<boolean>;

/**
 * Rehearsals of the runbook on a non-production environment: the records kept (newest first) and,
 * for release managers, the environment to rehearse on and the button that starts one.
 */
export function RehearsalsSection({ view, busy, mutate, timeZone }: { view: RunbookView; busy: boolean; mutate: RehearsalMutate; timeZone: string }) {
  const rehearsals = view.rehearsals;
  const [environmentId, setEnvironmentId] = useState('');
  if (!rehearsals) return null;
  const chosen = environmentId || rehearsals.environments[0]?.id || '';
  return (
    <Section title="Rehearsals" testId="golive-rehearsals" description="The same runbook run on a non-production environment, with actual times; the Steps table shows each step’s latest rehearsed duration.">
      {rehearsals.records.length === 0 ? (
        <span style={{ font: font.body, color: color.textSubtle }}>Not rehearsed yet.</span>
      ) : (
        <ul style={{ margin: 0, paddingLeft: space.s200, font: font.body, color: color.text }}>
          {rehearsals.records.map((r) => (
            <li key={r.header.number} data-testid={`golive-rehearsal-${r.header.number}`} data-status={r.status}>
              Rehearsal {r.header.number} on {r.header.environmentName} · started by {r.header.startedBy.displayName}, {formatInstant(r.header.startedAt, timeZone)} · {RUN_STATUS_WORDS[r.status]}
            </li>
          ))}
        </ul>
      )}
      {rehearsals.canStart && (
        <div style={{ display: 'flex', gap: space.s100, alignItems: 'center', flexWrap: 'wrap', marginTop: space.s100 }}>
          {rehearsals.environments.length === 0 ? (
            <span style={{ font: font.body, color: color.textSubtle }}>Add a non-production environment in Release settings → Environments & calendar to rehearse on.</span>
          ) : (
            <>
              <select aria-label="Rehearse on" data-testid="golive-rehearsal-environment" value={chosen} onChange={(e) => setEnvironmentId(e.target.value)} style={inputStyle()}>
                {rehearsals.environments.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name} ({e.tier})
                  </option>
                ))}
              </select>
              <Button testId="golive-start-rehearsal" isDisabled={busy || !chosen} onClick={() => void mutate('startRunbookRehearsal', { versionId: view.version.id, environmentId: chosen })}>
                Start a rehearsal
              </Button>
            </>
          )}
        </div>
      )}
    </Section>
  );
}

const ACTION_TEXT = { start: 'Start', complete: 'Complete', fail: 'Fail', skip: 'Skip', note: 'Note' } as const;

/** One step's rehearsal cell: its latest rehearsed duration (warned when longer than planned) and its state in the running rehearsal. */
export function RehearsalCellView({ cell, stepId, stepTitle, view, busy, mutate }: { cell: RehearsalCell; stepId: string; stepTitle: string; view: RunbookView; busy: boolean; mutate: RehearsalMutate }) {
  const [reason, setReason] = useState('');
  const { duration, running } = cell;
  const act = (type: StepActionType) => {
    if (!running) return;
    const action: StepAction = type === 'fail' || type === 'skip' ? { type, reason } : type === 'note' ? { type, text: reason } : { type };
    void mutate('actOnRehearsalStep', { versionId: view.version.id, rehearsal: running.record.header.number, stepId, expectedStatus: running.status, action }).then((done) => done && setReason(''));
  };
  return (
    <div data-testid={`golive-rehearsed-${stepId}`} data-longer={duration?.warning !== undefined} style={{ font: font.small, display: 'flex', flexDirection: 'column', gap: space.s050 }}>
      {duration ? (
        duration.warning ? (
          <span style={{ color: color.textWarning, fontWeight: 600 }} title={`Rehearsal ${duration.rehearsal} on ${duration.environmentName}`}>
            ⚠ {duration.warning}
          </span>
        ) : (
          <span style={{ color: color.textSubtle }} title={`Rehearsal ${duration.rehearsal} on ${duration.environmentName}`}>
            {formatDuration(duration.rehearsedMinutes)} (rehearsal {duration.rehearsal})
          </span>
        )
      ) : (
        <span style={{ color: color.textSubtlest }}>not rehearsed</span>
      )}
      {running && (
        <span data-testid={`golive-rehearsal-status-${stepId}`} data-status={running.status} style={{ color: running.status === 'failed' ? color.textDanger : color.text }}>
          Rehearsal {running.record.header.number}: {STATUS_TEXT[running.status].toLowerCase()}
        </span>
      )}
      {running && running.actions.length > 0 && (
        <div style={{ display: 'flex', gap: space.s050, flexWrap: 'wrap', alignItems: 'center' }}>
          {running.actions.some((a) => a === 'fail' || a === 'skip') && (
            <input aria-label={`Rehearsal reason for ${stepTitle}`} placeholder="Reason" value={reason} onChange={(e) => setReason(e.target.value)} style={{ ...inputStyle(), width: 110 }} />
          )}
          {running.actions.map((a) => (
            <Button key={a} testId={`golive-rehearse-${a}-${stepId}`} spacing="compact" appearance={a === 'fail' ? 'danger' : 'default'} isDisabled={busy} onClick={() => act(a)}>
              {ACTION_TEXT[a]}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
