/**
 * What the Calendar and Environments sub-pages share: the editor that is open, the details of a
 * version or deployment, applying a suggested fix, the live announcement, and the legend.
 */
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import type { CalendarSlot, CalendarVersion, ConflictItem, FixAction, PlanConflict, PlanDeployment, PlanWindow, ReleaseCalendarView } from '../../../../src/contract';
import { TIERS } from '../../../../src/contract';
import { color, font, radius, space } from '../design';
import { openInNewTab } from '../platform';
import { STATE_LABELS, formatJiraDate, stateAppearance, versionPath } from '../release-rows';
import { DependencyEditor } from './DependencyEditor';
import { DeploymentEditor } from './DeploymentEditor';
import { SlotEditor, type SlotDraft } from './SlotEditor';
import { WindowEditor, type WindowDraft } from './WindowEditor';
import { useUndoFlags } from '../components/undo-flags';
import { useProjectTime } from '../project-time';
import { EditorPanel } from './form-controls';
import { TIER_SWATCH, WINDOW_SWATCH } from './plan-design';
import { type PlanLookups, formatSpanLocal, formatWhen, isVisibleSlot, slotLabel, versionRef } from './plan-model';
import type { ReleaseCalendarState } from './use-release-calendar';

export type Editing =
  | { kind: 'slot'; slot?: Extract<CalendarSlot, { hidden?: false }>; draft?: SlotDraft }
  | { kind: 'window'; window?: PlanWindow; draft?: WindowDraft }
  | { kind: 'deployment' }
  | { kind: 'dependencies'; version: CalendarVersion }
  | { kind: 'version'; version: CalendarVersion }
  | { kind: 'deployment-details'; deployment: PlanDeployment }
  | { kind: 'hidden-slot'; slot: CalendarSlot };

export function usePlanShell(state: ReleaseCalendarState) {
  const [editing, setEditingState] = useState<Editing>();
  const { timeZone } = useProjectTime();
  const [announcement, setAnnouncement] = useState('');
  const [applying, setApplying] = useState(false);
  const [fixError, setFixError] = useState<string>();
  // Keyboard users land back where they were when an editor closes: remember what had focus when
  // one opened (before the editor takes focus), give it back once none is open.
  const opener = useRef<Element | null>(null);
  const setEditing = useCallback((next: Editing | undefined) => {
    if (next && !opener.current) opener.current = document.activeElement;
    setEditingState(next);
  }, []);
  useEffect(() => {
    if (!editing && opener.current) {
      const back = opener.current as HTMLElement;
      opener.current = null;
      if (back.isConnected && typeof back.focus === 'function') back.focus();
    }
  }, [editing]);

  const close = useCallback((message?: string) => {
    setEditingState(undefined);
    if (message) setAnnouncement(message);
  }, []);

  const openSlot = useCallback((slot: CalendarSlot) => setEditing(isVisibleSlot(slot) ? { kind: 'slot', slot } : { kind: 'hidden-slot', slot }), []);
  const openVersion = useCallback((version: CalendarVersion) => setEditing({ kind: 'version', version }), []);
  const openWindow = useCallback((window: PlanWindow) => setEditing({ kind: 'window', window }), []);
  const openDeployment = useCallback((deployment: PlanDeployment) => setEditing({ kind: 'deployment-details', deployment }), []);

  const applyFix = useCallback(
    async (action: Extract<FixAction, { type: 'move-slot' }>, conflict: PlanConflict) => {
      const view = state.view;
      const slot = view?.slots.find((s) => s.id === action.slotId);
      if (!view || !slot || !isVisibleSlot(slot)) return;
      setApplying(true);
      setFixError(undefined);
      const outcome = await state.mutate('saveEnvironmentSlot', {
        slot: { id: slot.id, versionId: slot.versionId, environmentId: action.environmentId, from: action.from, to: action.to, required: slot.required, ...(slot.note ? { note: slot.note } : {}) },
        current: { environmentId: slot.environmentId, from: slot.from },
        expectedUpdatedAt: slot.updatedAt,
      });
      setApplying(false);
      if (!outcome.ok) {
        setFixError(`${outcome.error.message}${outcome.error.details?.length ? ` ${outcome.error.details.join(' ')}` : ''}`);
        return;
      }
      const still = outcome.view.conflicts.some((c) => c.id === conflict.id);
      const env = outcome.view.environments.find((e) => e.id === action.environmentId)?.name ?? 'the environment';
      setAnnouncement(`Moved the booking to ${env}, ${formatSpanLocal(action.from, action.to, timeZone)}. ${still ? 'The conflict remains.' : 'That conflict is resolved.'} ${outcome.view.conflicts.length} conflict${outcome.view.conflicts.length === 1 ? '' : 's'} left.`);
    },
    [state, timeZone],
  );

  const openItem = useCallback(
    (item: ConflictItem) => {
      const view = state.view;
      if (!view) return;
      if (item.kind === 'slot') {
        const slot = view.slots.find((s) => s.id === item.id);
        if (slot) openSlot(slot);
      } else if (item.kind === 'version') {
        const version = view.versions.find((v) => v.id === item.id && (!item.projectKey || v.projectKey === item.projectKey));
        if (version) openVersion(version);
      } else if (item.kind === 'window') {
        const window = view.windows.find((w) => w.id === item.id);
        if (window) openWindow(window);
      } else if (item.kind === 'deployment') {
        const deployment = view.deployments.find((d) => d.id === item.id);
        if (deployment) openDeployment(deployment);
      }
    },
    [state.view, openSlot, openVersion, openWindow, openDeployment],
  );

  // Flags live with the page, not the editor: a delete closes the editor, its Undo stays offered.
  const { offer: offerUndo, flags } = useUndoFlags();

  return { editing, setEditing, close, announcement, setAnnouncement, applying, fixError, applyFix, openItem, openSlot, openVersion, openWindow, openDeployment, offerUndo, flags };
}

export type PlanShell = ReturnType<typeof usePlanShell>;

/** The open editor or details panel, if any, and the flags of deletes that can be undone. */
export function EditorArea(props: { shell: PlanShell; view: ReleaseCalendarView; look: PlanLookups; mutate: ReleaseCalendarState['mutate']; now: Date }) {
  return (
    <>
      {props.shell.flags}
      <OpenEditor {...props} />
    </>
  );
}

function OpenEditor({ shell, view, look, mutate, now }: { shell: PlanShell; view: ReleaseCalendarView; look: PlanLookups; mutate: ReleaseCalendarState['mutate']; now: Date }) {
  const { editing, close, offerUndo } = shell;
  if (!editing) return null;
  switch (editing.kind) {
    case 'slot':
      return <SlotEditor key={editing.slot?.id ?? 'new'} view={view} {...(editing.slot ? { slot: editing.slot } : {})} {...(editing.draft ? { draft: editing.draft } : {})} mutate={mutate} onClose={close} onDeleted={offerUndo} />;
    case 'window':
      return <WindowEditor key={editing.window?.id ?? 'new'} view={view} {...(editing.window ? { window: editing.window } : {})} {...(editing.draft ? { draft: editing.draft } : {})} mutate={mutate} onClose={close} onDeleted={offerUndo} />;
    case 'deployment':
      return <DeploymentEditor view={view} mutate={mutate} onClose={close} now={now} />;
    case 'dependencies':
      return <DependencyEditor view={view} version={editing.version} mutate={mutate} onClose={close} />;
    case 'version':
      return <VersionDetails view={view} look={look} version={editing.version} shell={shell} />;
    case 'deployment-details':
      return <DeploymentDetails deployment={editing.deployment} look={look} onClose={() => close()} />;
    case 'hidden-slot':
      return (
        <EditorPanel title="Booked by another project" onCancel={() => close()}>
          <p style={{ margin: 0 }}>
            {slotLabel(editing.slot, look)}, {formatSpanLocal(editing.slot.from, editing.slot.to, look.timeZone)}. You cannot browse the project that booked it, so its version is not shown.
          </p>
          <div>
            <Button onClick={() => close()}>Close</Button>
          </div>
        </EditorPanel>
      );
  }
}

function VersionDetails({ view, look, version, shell }: { view: ReleaseCalendarView; look: PlanLookups; version: CalendarVersion; shell: PlanShell }) {
  const slots = view.slots.filter((s): s is Extract<CalendarSlot, { hidden?: false }> => isVisibleSlot(s) && s.projectKey === version.projectKey && s.versionId === version.id).sort((a, b) => a.from.localeCompare(b.from));
  const conflicts = look.conflictsOf.get(versionRef(version.projectKey, version.id)) ?? [];
  const own = version.projectKey === view.project.key;
  return (
    <EditorPanel title={version.name} onCancel={() => shell.close()} testId="version-details">
      <div style={{ display: 'flex', gap: space.s100, alignItems: 'center', flexWrap: 'wrap' }}>
        <Lozenge appearance={stateAppearance(version.state)}>{STATE_LABELS[version.state]}</Lozenge>
        <span style={{ color: color.textSubtle }}>
          {version.projectKey} · starts {formatJiraDate(version.startDate)} · due {formatJiraDate(version.releaseDate)}
        </span>
      </div>
      {version.description && <p style={{ margin: 0 }}>{version.description}</p>}
      <div>
        <strong style={{ font: font.small, color: color.textSubtle }}>Environment plan</strong>
        {slots.length === 0 ? (
          <p style={{ margin: 0, color: color.textSubtle }}>No environment slots booked.</p>
        ) : (
          <ul style={{ margin: 0, paddingLeft: space.s200 }}>
            {slots.map((s) => (
              <li key={s.id}>
                <button type="button" className="rr-chip" onClick={() => shell.openSlot(s)} style={{ font: font.body, color: color.link, background: 'none', border: 'none', padding: 0, cursor: 'pointer' }}>
                  {look.environment.get(s.environmentId)?.name ?? '?'}
                </button>{' '}
                {formatSpanLocal(s.from, s.to, look.timeZone)}
                {s.required ? ' · must finish before release' : ''}
              </li>
            ))}
          </ul>
        )}
      </div>
      {version.dependsOn.length > 0 && (
        <p style={{ margin: 0 }}>
          Depends on: {version.dependsOn.map((d) => look.version.get(versionRef(d.projectKey, d.versionId))?.name ?? `${d.projectKey} ${d.versionId}`).join(', ')}
        </p>
      )}
      {conflicts.length > 0 && <p style={{ margin: 0, color: color.textDanger }}>{conflicts.map((c) => c.title).join(' · ')}</p>}
      <div style={{ display: 'flex', gap: space.s100, flexWrap: 'wrap' }}>
        {own && view.canEdit && !version.released && (
          <>
            <Button appearance="primary" onClick={() => shell.setEditing({ kind: 'slot', draft: { versionId: version.id } })}>
              Book a slot
            </Button>
            <Button onClick={() => shell.setEditing({ kind: 'dependencies', version })}>Dependencies</Button>
          </>
        )}
        <Button onClick={() => void openInNewTab(versionPath(version.projectKey, version.id)).catch(() => undefined)}>Open in Jira</Button>
        <Button appearance="subtle" onClick={() => shell.close()}>
          Close
        </Button>
      </div>
    </EditorPanel>
  );
}

function DeploymentDetails({ deployment, look, onClose }: { deployment: PlanDeployment; look: PlanLookups; onClose: () => void }) {
  const environment = deployment.environmentId ? look.environment.get(deployment.environmentId) : undefined;
  return (
    <EditorPanel title={`Deployment of ${deployment.versionName ?? 'a build'}`} onCancel={onClose} testId="deployment-details">
      <p style={{ margin: 0 }}>
        To {environment ? `${environment.name} (${environment.tier})` : `“${deployment.environmentName}” (not in the inventory)`} at {formatWhen(deployment.at, look.timeZone)}: {deployment.status.replace('_', ' ')}.{' '}
        {deployment.source === 'manual' ? 'Recorded by hand.' : 'Reported by CI/CD.'}
      </p>
      {deployment.note && <p style={{ margin: 0 }}>{deployment.note}</p>}
      {deployment.url && (
        <p style={{ margin: 0 }}>
          <a href={deployment.url} target="_blank" rel="noreferrer" style={{ color: color.link }}>
            Pipeline run
          </a>
        </p>
      )}
      <div>
        <Button onClick={onClose}>Close</Button>
      </div>
    </EditorPanel>
  );
}

export function Announcement({ text, error }: { text: string; error?: string }) {
  return (
    <>
      <div role="status" aria-live="polite" data-testid="plan-announcement" style={{ font: font.small, color: color.textSubtle, minHeight: text ? undefined : 0 }}>
        {text}
      </div>
      {error && (
        <div role="alert" style={{ font: font.small, color: color.textDanger }}>
          The fix was not applied: {error}
        </div>
      )}
    </>
  );
}

export function PlanLegend({ extra }: { extra?: ReactNode }) {
  const item = (background: string, border: string, text: string, label: string, mark: string) => (
    <span key={label} style={{ display: 'inline-flex', alignItems: 'center', gap: space.s050 }}>
      <span aria-hidden="true" style={{ background, color: text, borderLeft: `3px solid ${border}`, borderRadius: radius, padding: '0 4px', font: font.small }}>
        {mark}
      </span>
      {label}
    </span>
  );
  return (
    <div style={{ display: 'flex', gap: space.s150, flexWrap: 'wrap', font: font.small, color: color.textSubtle }} aria-label="Legend">
      {item(color.bgInformation, color.borderInformation, color.textInformation, 'Release date', '◆')}
      {item(color.bgDanger, color.borderDanger, color.textDanger, 'Overdue', '◆')}
      {item(color.bgSuccess, color.borderSuccess, color.textSuccess, 'Released', '✓')}
      {TIERS.map((tier) => item(TIER_SWATCH[tier].background, TIER_SWATCH[tier].border, TIER_SWATCH[tier].text, tier, '▬'))}
      {item(WINDOW_SWATCH.freeze.background, WINDOW_SWATCH.freeze.border, WINDOW_SWATCH.freeze.text, 'Change freeze', '❄')}
      {item(WINDOW_SWATCH.maintenance.background, WINDOW_SWATCH.maintenance.border, WINDOW_SWATCH.maintenance.text, 'Maintenance', '⚒')}
      {item('transparent', color.borderSuccess, color.textSuccess, 'Deployment', '⬆')}
      {item('transparent', color.borderDanger, color.textDanger, 'Has a conflict', '⚠')}
      {extra}
    </div>
  );
}
