/**
 * The month grid: version start and release dates, environment slots, deployments and windows,
 * day by day. Every item is a button (keyboard reachable, described for screen readers); a busy
 * day shows its first items and a "+N more" toggle.
 */
import { memo, useMemo, useState } from 'react';
import type { CalendarSlot, CalendarVersion, PlanDeployment, PlanWindow, ReleaseCalendarView } from '../../../../src/contract';
import { type CalendarDay, WEEKDAY_LABELS, buildMonthGrid } from '../calendar-grid';
import { formatDayMonth, formatLongDate } from '../date-format';
import { color, font, radius, space } from '../design';
import { HIDDEN_SWATCH, TIER_SWATCH, WINDOW_SWATCH, planColor } from './plan-design';
import { type DayContent, type PlanLookups, dayContent, formatSpanLocal, isVisibleSlot, slotLabel, versionRef, windowLabel } from './plan-model';

const VISIBLE_PER_DAY = 5;

export interface MonthHandlers {
  onVersion: (version: CalendarVersion) => void;
  onSlot: (slot: CalendarSlot) => void;
  onWindow: (window: PlanWindow) => void;
  onDeployment: (deployment: PlanDeployment) => void;
  /** Book a slot on a day (only offered to editors). */
  onBookDay?: (day: Date) => void;
}

interface Props extends MonthHandlers {
  view: ReleaseCalendarView;
  look: PlanLookups;
  month: Date;
  today: Date;
  showProjectKey: boolean;
}

export function MonthView({ view, look, month, today, showProjectKey, ...handlers }: Props) {
  const grid = useMemo(() => buildMonthGrid(month, today), [month, today]);
  const first = grid.weeks[0]?.[0]?.date as Date;
  const last = grid.weeks[grid.weeks.length - 1]?.[6]?.date as Date;
  const content = useMemo(() => dayContent(view, first, last, look.timeZone), [view, first, last, look.timeZone]);
  return (
    <table data-testid="calendar" aria-label={`Release calendar, ${grid.title}`} style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', color: color.text }}>
      <thead>
        <tr>
          {WEEKDAY_LABELS.map((d) => (
            <th key={d.short} scope="col" abbr={d.long} style={{ font: font.small, fontWeight: 600, color: color.textSubtle, padding: space.s050, textAlign: 'left' }}>
              {d.short}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.weeks.map((week) => (
          <tr key={week[0]?.key}>
            {week.map((day) => (
              <DayCell key={day.key} day={day} content={content} look={look} showProjectKey={showProjectKey} {...handlers} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface Entry {
  key: string;
  node: JSX.Element;
}

const chipStyle = (background: string, text: string, border: string, outline?: string): React.CSSProperties => ({
  display: 'block',
  width: '100%',
  textAlign: 'left',
  font: font.small,
  color: text,
  background,
  border: 'none',
  borderLeft: `3px solid ${border}`,
  outline: outline ? `2px solid ${outline}` : undefined,
  outlineOffset: -2,
  borderRadius: radius,
  padding: '1px 4px',
  cursor: 'pointer',
  // Narrow days (a 1,024 px window) wrap an entry onto a second line rather than cutting it to "UAT-2 · SH…".
  whiteSpace: 'normal',
  overflowWrap: 'anywhere',
  lineHeight: '16px',
});

const DayCell = memo(function DayCell({ day, content, look, showProjectKey, onVersion, onSlot, onWindow, onDeployment, onBookDay }: MonthHandlers & { day: CalendarDay; content: DayContent; look: PlanLookups; showProjectKey: boolean }) {
  const [open, setOpen] = useState(false);
  const fullDate = formatLongDate(day.date);
  const windows = content.windows.get(day.key) ?? [];
  const freeze = windows.find((w) => w.kind === 'freeze');
  const prefix = (v: CalendarVersion) => (showProjectKey && !v.name.toUpperCase().startsWith(v.projectKey) ? `${v.projectKey} ` : '');

  const entries: Entry[] = [];
  for (const v of content.releases.get(day.key) ?? []) {
    const conflicted = look.conflictsOf.has(versionRef(v.projectKey, v.id));
    const c = v.released
      ? { bg: color.bgSuccess, fg: color.textSuccess, border: color.borderSuccess }
      : v.state === 'overdue'
        ? { bg: color.bgDanger, fg: color.textDanger, border: color.borderDanger }
        : { bg: color.bgInformation, fg: color.textInformation, border: color.borderInformation };
    const state = v.released ? ', released' : v.state === 'overdue' ? ', overdue' : '';
    entries.push({
      key: `r-${v.projectKey}-${v.id}`,
      node: (
        <button type="button" className="rr-chip" data-event={`release-${v.id}`} aria-label={`${v.name} release date${state}${conflicted ? ', has conflicts' : ''}, ${fullDate}`} title={`${v.name} release${state}`} onClick={() => onVersion(v)} style={{ ...chipStyle(c.bg, c.fg, c.border, conflicted ? planColor.conflictOutline : undefined), fontWeight: 600 }}>
          <span aria-hidden="true">{conflicted ? '⚠ ' : '◆ '}</span>
          {prefix(v)}
          {v.name}
          {v.released && <span aria-hidden="true"> ✓</span>}
        </button>
      ),
    });
  }
  for (const v of content.starts.get(day.key) ?? []) {
    entries.push({
      key: `s-${v.projectKey}-${v.id}`,
      node: (
        <button type="button" className="rr-chip" data-event={`start-${v.id}`} aria-label={`${v.name} starts, ${fullDate}`} title={`${v.name} starts`} onClick={() => onVersion(v)} style={chipStyle(color.bgNeutral, color.textSubtle, color.border)}>
          <span aria-hidden="true">▸ </span>
          {prefix(v)}
          {v.name}
        </button>
      ),
    });
  }
  for (const slot of content.slots.get(day.key) ?? []) {
    const environment = look.environment.get(slot.environmentId);
    const swatch = isVisibleSlot(slot) && environment ? TIER_SWATCH[environment.tier] : HIDDEN_SWATCH;
    const conflicted = look.conflictsOf.has(`slot:${slot.id}`);
    const label = slotLabel(slot, look);
    const version = isVisibleSlot(slot) ? look.version.get(versionRef(slot.projectKey, slot.versionId)) : undefined;
    entries.push({
      key: `slot-${slot.id}`,
      node: (
        <button
          type="button"
          className="rr-chip"
          data-slot={slot.id}
          aria-label={`${label}, ${formatSpanLocal(slot.from, slot.to, look.timeZone)}${conflicted ? ', has conflicts' : ''}`}
          title={`${label}\n${formatSpanLocal(slot.from, slot.to, look.timeZone)}`}
          onClick={() => onSlot(slot)}
          style={chipStyle(swatch.background, swatch.text, swatch.border, conflicted ? planColor.conflictOutline : undefined)}
        >
          {conflicted && <span aria-hidden="true">⚠ </span>}
          {environment?.name ?? '?'} · {isVisibleSlot(slot) ? `${version ? prefix(version) : ''}${version?.name ?? slot.versionId}` : 'booked'}
        </button>
      ),
    });
  }
  for (const deployment of content.deployments.get(day.key) ?? []) {
    const environment = deployment.environmentId ? look.environment.get(deployment.environmentId) : undefined;
    const ok = deployment.status === 'successful';
    entries.push({
      key: `d-${deployment.id}`,
      node: (
        <button
          type="button"
          className="rr-chip"
          data-deployment={deployment.id}
          aria-label={`Deployed ${deployment.versionName ?? 'a build'} to ${environment?.name ?? deployment.environmentName}, ${deployment.status.replace('_', ' ')}, ${fullDate}`}
          onClick={() => onDeployment(deployment)}
          style={chipStyle('transparent', ok ? color.textSuccess : color.textDanger, ok ? color.borderSuccess : color.borderDanger)}
        >
          <span aria-hidden="true">⬆ </span>
          {environment?.name ?? deployment.environmentName} · {deployment.versionName ?? 'build'}
          {!ok && ` (${deployment.status.replace('_', ' ')})`}
        </button>
      ),
    });
  }
  for (const window of windows) {
    const swatch = WINDOW_SWATCH[window.kind];
    entries.push({
      key: `w-${window.id}`,
      node: (
        <button type="button" className="rr-chip" data-window={window.id} aria-label={`${windowLabel(window, look)}, ${formatSpanLocal(window.from, window.to, look.timeZone)}`} onClick={() => onWindow(window)} style={chipStyle(swatch.background, swatch.text, swatch.border)}>
          <span aria-hidden="true">{window.kind === 'freeze' ? '❄ ' : '⚒ '}</span>
          {window.kind === 'freeze' ? 'Freeze' : `${window.scope.type === 'environment' ? (look.environment.get(window.scope.environmentId)?.name ?? '') : ''} maintenance`}
        </button>
      ),
    });
  }
  const shown = open ? entries : entries.slice(0, VISIBLE_PER_DAY);
  const hidden = entries.length - shown.length;

  return (
    <td
      aria-current={day.isToday ? 'date' : undefined}
      data-day={day.key}
      style={{
        verticalAlign: 'top',
        height: 112,
        padding: space.s050,
        border: `1px solid ${color.border}`,
        borderTop: freeze ? `3px solid ${WINDOW_SWATCH.freeze.border}` : `1px solid ${color.border}`,
        background: day.isToday ? color.bgSelected : day.inMonth ? color.surface : color.surfaceSunken,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: space.s050 }}>
        <span style={{ font: font.small, fontWeight: day.isToday ? 700 : 500, color: day.isToday ? color.textSelected : day.inMonth ? color.textSubtle : color.textSubtlest }}>
          <time dateTime={day.key} aria-label={fullDate + (day.isToday ? ', today' : '') + (freeze ? ', change freeze' : '')}>
            {day.dayOfMonth === 1 || !day.inMonth ? formatDayMonth(day.date) : day.dayOfMonth}
          </time>
        </span>
        {onBookDay && (
          <button type="button" className="rr-chip rr-day-add" aria-label={`Book a slot on ${fullDate}`} title="Book a slot" data-testid={`book-${day.key}`} onClick={() => onBookDay(day.date)} style={{ font: font.small, border: 'none', background: 'none', color: color.textSubtlest, cursor: 'pointer', padding: '0 4px', lineHeight: '16px' }}>
            +
          </button>
        )}
      </div>
      {entries.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 2, opacity: day.inMonth ? 1 : 0.7 }}>
          {shown.map((e) => (
            <li key={e.key} style={{ margin: 0, minWidth: 0 }}>
              {e.node}
            </li>
          ))}
        </ul>
      )}
      {(hidden > 0 || open) && entries.length > VISIBLE_PER_DAY && (
        <button type="button" className="rr-chip" aria-expanded={open} onClick={() => setOpen((o) => !o)} style={{ font: font.small, border: 'none', background: 'none', color: color.link, cursor: 'pointer', padding: '2px 0' }}>
          {open ? 'Show fewer' : `+${hidden} more`}
        </button>
      )}
    </td>
  );
});
