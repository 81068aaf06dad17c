/** Rows of the quarter timeline (per version) and of the environment timeline (per environment). */
import Lozenge from '@atlaskit/lozenge';
import type { CalendarSlot, CalendarVersion, PlanDeployment, PlanEnvironment, PlanWindow, ReleaseCalendarView } from '../../../../src/contract';
import type { StatusColour } from '../../../../src/domain/status/vocabulary';
import { color } from '../design';
import { STATE_LABELS, stateAppearance } from '../release-rows';
import { HIDDEN_SWATCH, TIER_SWATCH, type Swatch, planColor } from './plan-design';
import { type PlanLookups, formatSpanLocal, formatWhen, isVisibleSlot, slotLabel, versionRef, windowLabel } from './plan-model';
import { projectDayRange } from './timeline-axis';
import type { TimelineBand, TimelineBar, TimelineRow } from './Timeline';

export interface TimelineHandlers {
  onVersion: (version: CalendarVersion) => void;
  onSlot: (slot: CalendarSlot) => void;
  onWindow: (window: PlanWindow) => void;
  onDeployment: (deployment: PlanDeployment) => void;
}

const STATE_SWATCH = (v: CalendarVersion): Swatch =>
  v.released
    ? { background: color.bgSuccess, text: color.textSuccess, border: color.borderSuccess }
    : v.state === 'overdue'
      ? { background: color.bgDanger, text: color.textDanger, border: color.borderDanger }
      : { background: color.bgInformation, text: color.textInformation, border: color.borderInformation };

const DOT: Record<StatusColour, string> = {
  red: planColor.ragRed,
  yellow: planColor.ragAmber,
  green: planColor.ragGreen,
  grey: planColor.ragNeutral,
  blue: planColor.ragNeutral,
  purple: planColor.ragNeutral,
};

/** The version's health as a dot; its word and reason in the label and tooltip. */
export function HealthDot({ health }: { health: CalendarVersion['health'] }) {
  if (!health) return null;
  const text = `${health.word}: ${health.reason}`;
  return <span role="img" aria-label={text} title={text} style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: DOT[health.colour], flex: '0 0 10px' }} />;
}

function deploymentBar(d: PlanDeployment, look: PlanLookups, onDeployment: (d: PlanDeployment) => void): TimelineBar {
  const environment = d.environmentId ? look.environment.get(d.environmentId) : undefined;
  const at = Date.parse(d.at);
  const ok = d.status === 'successful';
  return {
    id: `dep-${d.id}`,
    from: at,
    to: at + 1,
    label: '',
    ariaLabel: `Deployed ${d.versionName ?? 'a build'} to ${environment?.name ?? d.environmentName} at ${formatWhen(d.at, look.timeZone)}, ${d.status.replace('_', ' ')}${d.source === 'manual' ? ', recorded by hand' : ''}`,
    swatch: ok ? { background: color.bgSuccess, text: color.textSuccess, border: color.borderSuccess } : { background: color.bgDanger, text: color.textDanger, border: color.borderDanger },
    kind: 'point',
    conflicted: look.conflictsOf.has(`deployment:${d.id}`),
    onClick: () => onDeployment(d),
  };
}

function slotBar(slot: CalendarSlot, look: PlanLookups, label: string, onSlot: (s: CalendarSlot) => void): TimelineBar {
  const environment = look.environment.get(slot.environmentId);
  const swatch = isVisibleSlot(slot) && environment ? TIER_SWATCH[environment.tier] : HIDDEN_SWATCH;
  const conflicted = look.conflictsOf.has(`slot:${slot.id}`);
  return {
    id: `slot-${slot.id}`,
    from: Date.parse(slot.from),
    to: Date.parse(slot.to),
    label,
    ariaLabel: `${slotLabel(slot, look)}, ${formatSpanLocal(slot.from, slot.to, look.timeZone)}${isVisibleSlot(slot) && slot.required ? ', must finish before the release' : ''}${conflicted ? ', has conflicts' : ''}`,
    swatch,
    kind: 'block',
    conflicted,
    onClick: () => onSlot(slot),
    testId: `bar-slot-${slot.id}`,
  };
}

/** One row per version with anything in `[from, to)`: its span, release diamond, bookings and deployments. */
export function versionRows(view: ReleaseCalendarView, look: PlanLookups, from: number, to: number, handlers: TimelineHandlers, focus: ReadonlySet<string>): TimelineRow[] {
  const slotsByVersion = new Map<string, CalendarSlot[]>();
  for (const s of view.slots) {
    if (!isVisibleSlot(s) || Date.parse(s.to) <= from || Date.parse(s.from) >= to) continue;
    const key = versionRef(s.projectKey, s.versionId);
    slotsByVersion.set(key, [...(slotsByVersion.get(key) ?? []), s]);
  }
  const deploymentsByVersion = new Map<string, PlanDeployment[]>();
  for (const d of view.deployments) {
    if (!d.versionId) continue;
    const key = versionRef(d.projectKey, d.versionId);
    deploymentsByVersion.set(key, [...(deploymentsByVersion.get(key) ?? []), d]);
  }
  const rows: Array<{ sort: string; row: TimelineRow }> = [];
  for (const v of view.versions) {
    if (!focus.has(v.projectKey)) continue;
    const key = versionRef(v.projectKey, v.id);
    // A version's dates are calendar dates: each spans its whole day in the project's zone.
    const start = projectDayRange(v.startDate, look.timeZone);
    const release = projectDayRange(v.releaseDate, look.timeZone);
    const spanFrom = start?.from ?? release?.from;
    const spanTo = release?.to ?? start?.to;
    const slots = slotsByVersion.get(key) ?? [];
    const inRange = spanFrom !== undefined && spanTo !== undefined && spanTo > from && spanFrom < to;
    if (!inRange && slots.length === 0) continue;
    const swatch = STATE_SWATCH(v);
    const conflicted = look.conflictsOf.has(key);
    const bars: TimelineBar[] = [];
    if (spanFrom !== undefined && spanTo !== undefined) {
      bars.push({ id: `span-${key}`, from: spanFrom, to: spanTo, label: '', ariaLabel: `${v.name}: ${v.startDate ?? 'no start'} to ${v.releaseDate ?? 'no release date'}, ${STATE_LABELS[v.state].toLowerCase()}`, swatch, kind: 'span', onClick: () => handlers.onVersion(v) });
    }
    if (release) {
      bars.push({ id: `rel-${key}`, from: release.from, to: release.to, label: '', ariaLabel: `${v.name} release date ${v.releaseDate}${conflicted ? ', has conflicts' : ''}`, swatch, kind: 'milestone', conflicted, onClick: () => handlers.onVersion(v), testId: `bar-release-${v.id}` });
    }
    for (const s of slots) bars.push(slotBar(s, look, look.environment.get(s.environmentId)?.name ?? '?', handlers.onSlot));
    for (const d of deploymentsByVersion.get(key) ?? []) bars.push(deploymentBar(d, look, handlers.onDeployment));
    rows.push({
      sort: `${v.projectKey === view.project.key ? '0' : '1'}${v.projectKey}|${v.releaseDate ?? '9999'}|${v.name}`,
      row: {
        id: key,
        label: (
          <>
            <HealthDot health={v.health} />
            <span style={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis' }} title={v.name}>
              {v.name}
            </span>
            <Lozenge appearance={stateAppearance(v.state)}>{STATE_LABELS[v.state]}</Lozenge>
          </>
        ),
        bars,
      },
    });
  }
  return rows.sort((a, b) => a.sort.localeCompare(b.sort, 'en', { numeric: true })).map((r) => r.row);
}

/** Freezes across every row: site-wide and project freezes (environment windows go on their rows). */
export function globalBands(view: ReleaseCalendarView, look: PlanLookups, onWindow: (w: PlanWindow) => void): TimelineBand[] {
  return view.windows
    .filter((w) => w.scope.type !== 'environment')
    .map((w) => ({ id: w.id, from: Date.parse(w.from), to: Date.parse(w.to), kind: w.kind, label: `${windowLabel(w, look)} (${formatSpanLocal(w.from, w.to, look.timeZone)})`, onClick: () => onWindow(w) }));
}

/** Every window as a band, for the version timeline's "Windows" row. */
export function allBands(view: ReleaseCalendarView, look: PlanLookups, onWindow: (w: PlanWindow) => void): TimelineBand[] {
  return view.windows.map((w) => ({ id: w.id, from: Date.parse(w.from), to: Date.parse(w.to), kind: w.kind, label: `${windowLabel(w, look)} (${formatSpanLocal(w.from, w.to, look.timeZone)})`, onClick: () => onWindow(w) }));
}

/** One row per environment: every booking (masked when another project's), deployments, its windows. */
export function environmentRows(view: ReleaseCalendarView, look: PlanLookups, from: number, to: number, handlers: TimelineHandlers): TimelineRow[] {
  return view.environments.map((environment: PlanEnvironment) => {
    const bars: TimelineBar[] = [];
    for (const s of view.slots) {
      if (s.environmentId !== environment.id || Date.parse(s.to) <= from || Date.parse(s.from) >= to) continue;
      const version = isVisibleSlot(s) ? look.version.get(versionRef(s.projectKey, s.versionId)) : undefined;
      bars.push(slotBar(s, look, isVisibleSlot(s) ? (version?.name ?? `${s.projectKey} ${s.versionId}`) : 'Booked', handlers.onSlot));
    }
    for (const d of view.deployments) if (d.environmentId === environment.id) bars.push(deploymentBar(d, look, handlers.onDeployment));
    const bands: TimelineBand[] = view.windows
      .filter((w) => w.scope.type === 'environment' && w.scope.environmentId === environment.id)
      .map((w) => ({ id: w.id, from: Date.parse(w.from), to: Date.parse(w.to), kind: w.kind, label: windowLabel(w, look), onClick: () => handlers.onWindow(w) }));
    const windowBars: TimelineBar[] = bands.map((b) => {
      const w = view.windows.find((x) => x.id === b.id) as PlanWindow;
      return {
        id: `win-${b.id}`,
        from: b.from,
        to: b.to,
        label: w.kind === 'freeze' ? '❄ freeze' : '⚒ maintenance',
        ariaLabel: `${b.label}, ${formatSpanLocal(w.from, w.to, look.timeZone)}`,
        swatch: { background: 'transparent', text: color.textSubtle, border: 'transparent' },
        kind: 'block',
        onClick: () => handlers.onWindow(w),
      };
    });
    const swatch = TIER_SWATCH[environment.tier];
    return {
      id: environment.id,
      label: (
        <>
          <span aria-hidden="true" style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 2, background: swatch.border }} />
          <span style={{ fontWeight: 600 }}>{environment.name}</span>
          <span style={{ color: color.textSubtle }}>{environment.tier}</span>
          {environment.status !== 'available' && <Lozenge appearance={environment.status === 'down' ? 'removed' : 'moved'}>{environment.status}</Lozenge>}
        </>
      ),
      bars: [...windowBars, ...bars],
      bands,
    };
  });
}
