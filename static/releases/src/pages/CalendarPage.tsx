import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import Spinner from '@atlaskit/spinner';
import { formatDayMonth, formatLongDate, formatMonth } from '../date-format';
import { ErrorMessage } from '../components/ErrorMessage';
import { color, font, radius, space } from '../design';
import {
  WEEKDAY_LABELS,
  buildMonthGrid,
  countEventsInMonth,
  describeEvent,
  eventsByDay,
  shiftMonth,
  undatedReleases,
  type CalendarDay,
  type CalendarEvent,
} from '../calendar-grid';
import { openInNewTab } from '../platform';
import { versionPath } from '../release-rows';
import type { ProjectReleasesState } from '../use-project-releases';

interface Props {
  projectKey: string;
  releases: ProjectReleasesState;
  /** Injected for tests and screenshots; defaults to the browser's today. */
  today?: Date;
}

export function CalendarPage({ projectKey, releases, today: todayProp }: Props) {
  const { data, loading, error, includeOlderReleased, setIncludeOlderReleased, reload } = releases;
  const today = useMemo(() => todayProp ?? new Date(), [todayProp]);
  const [month, setMonth] = useState(() => shiftMonth(today, 0));
  const [openError, setOpenError] = useState<string>();

  const grid = useMemo(() => buildMonthGrid(month, today), [month, today]);
  const events = useMemo(() => eventsByDay(data?.releases ?? []), [data]);
  const undated = useMemo(() => undatedReleases(data?.releases ?? []), [data]);

  if (!data) {
    if (error) return <ErrorMessage title="Could not load the versions" error={error} onRetry={reload} />;
    return (
      <div style={{ display: 'flex', justifyContent: 'center', padding: space.s400 }}>
        <Spinner size="large" label="Loading versions" />
      </div>
    );
  }

  const inMonth = countEventsInMonth(events, grid.month);
  const open = (event: CalendarEvent) => {
    setOpenError(undefined);
    openInNewTab(versionPath(projectKey, event.versionId)).catch((e: unknown) => setOpenError(e instanceof Error ? e.message : String(e)));
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }}>
      {error && <ErrorMessage title="Could not refresh the versions" error={error} onRetry={reload} />}
      {openError && (
        <p role="alert" style={{ color: color.textDanger, margin: 0 }}>
          Could not open the version in Jira: {openError}
        </p>
      )}
      <div style={{ display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap' }}>
        <Button onClick={() => setMonth((m) => shiftMonth(m, -1))} aria-label={`Previous month, ${formatMonth(shiftMonth(month, -1))}`}>
          ‹ Prev
        </Button>
        <Button onClick={() => setMonth(shiftMonth(today, 0))} aria-label={`Today, ${formatLongDate(today)}`}>
          Today
        </Button>
        <Button onClick={() => setMonth((m) => shiftMonth(m, 1))} aria-label={`Next month, ${formatMonth(shiftMonth(month, 1))}`}>
          Next ›
        </Button>
        <h2 aria-live="polite" style={{ margin: `0 0 0 ${space.s100}`, font: 'inherit', fontSize: 20, fontWeight: 600, color: color.text }}>
          {grid.title}
        </h2>
        <span style={{ font: font.small, color: color.textSubtle }}>
          {inMonth === 0 ? 'no version dates this month' : `${inMonth} version date${inMonth === 1 ? '' : 's'}`}
          {loading && ' · refreshing…'}
        </span>
      </div>
      <Legend />
      <table
        data-testid="calendar"
        aria-label={`Release calendar, ${grid.title}`}
        style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', color: color.text }}
      >
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
                <DayCell key={day.key} day={day} events={events.get(day.key) ?? []} onOpen={open} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ font: font.small, color: color.textSubtle, display: 'flex', gap: space.s100, alignItems: 'center', flexWrap: 'wrap' }}>
        {undated.length > 0 && (
          <span>
            Not on the calendar (no dates): {undated.map((r) => r.name).join(', ')}.
          </span>
        )}
        {!includeOlderReleased && data.olderReleasedCount > 0 && (
          <>
            <span>
              {data.olderReleasedCount} older released version{data.olderReleasedCount === 1 ? ' is' : 's are'} not shown.
            </span>
            <Button appearance="subtle" spacing="compact" onClick={() => setIncludeOlderReleased(true)}>
              Show them
            </Button>
          </>
        )}
      </div>
    </div>
  );
}

function DayCell({ day, events, onOpen }: { day: CalendarDay; events: CalendarEvent[]; onOpen: (e: CalendarEvent) => void }) {
  const fullDate = formatLongDate(day.date);
  return (
    <td
      aria-current={day.isToday ? 'date' : undefined}
      data-day={day.key}
      style={{
        verticalAlign: 'top',
        height: 96,
        padding: space.s050,
        border: `1px solid ${color.border}`,
        background: day.isToday ? color.bgSelected : day.inMonth ? color.surface : color.surfaceSunken,
      }}
    >
      <div
        style={{
          font: font.small,
          fontWeight: day.isToday ? 700 : 500,
          color: day.isToday ? color.textSelected : day.inMonth ? color.textSubtle : color.textSubtlest,
          marginBottom: space.s050,
        }}
      >
        <time dateTime={day.key} aria-label={fullDate + (day.isToday ? ', today' : '')}>
          {day.dayOfMonth === 1 || !day.inMonth ? formatDayMonth(day.date) : day.dayOfMonth}
        </time>
      </div>
      {events.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 2, opacity: day.inMonth ? 1 : 0.7 }}>
          {events.map((event) => (
            <li key={`${event.kind}-${event.versionId}`} style={{ margin: 0 }}>
              <EventChip event={event} onOpen={onOpen} fullDate={fullDate} />
            </li>
          ))}
        </ul>
      )}
    </td>
  );
}

function chipColours(event: CalendarEvent): { background: string; text: string; border: string } {
  if (event.kind === 'start') return { background: color.bgNeutral, text: color.textSubtle, border: color.border };
  if (event.state === 'overdue') return { background: color.bgDanger, text: color.textDanger, border: color.borderDanger };
  if (event.state === 'released') return { background: color.bgSuccess, text: color.textSuccess, border: color.borderSuccess };
  return { background: color.bgInformation, text: color.textInformation, border: color.borderInformation };
}

function EventChip({ event, onOpen, fullDate }: { event: CalendarEvent; onOpen: (e: CalendarEvent) => void; fullDate: string }) {
  const c = chipColours(event);
  const label = `${describeEvent(event)}, ${fullDate}. Opens the version in Jira.`;
  return (
    <button
      type="button"
      className="rr-chip"
      aria-label={label}
      title={describeEvent(event)}
      data-event={`${event.kind}-${event.versionId}`}
      onClick={() => onOpen(event)}
      style={{
        display: 'block',
        width: '100%',
        textAlign: 'left',
        font: font.small,
        fontWeight: event.kind === 'release' ? 600 : 400,
        color: c.text,
        background: c.background,
        border: 'none',
        borderLeft: `3px solid ${c.border}`,
        borderRadius: radius,
        padding: '1px 4px',
        cursor: 'pointer',
        whiteSpace: 'nowrap',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
      }}
    >
      <span aria-hidden="true">{event.kind === 'start' ? '▸ ' : '◆ '}</span>
      {event.name}
      {event.kind === 'release' && event.state === 'overdue' && <span aria-hidden="true"> · overdue</span>}
      {event.kind === 'release' && event.state === 'released' && <span aria-hidden="true"> ✓</span>}
    </button>
  );
}

function Legend() {
  const item = (background: string, border: string, text: string, label: string, mark: string) => (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: space.s050 }}>
      <span aria-hidden="true" style={{ background, color: text, borderLeft: `3px solid ${border}`, borderRadius: radius, padding: '0 4px', font: font.small }}>
        {mark}
      </span>
      {label}
    </span>
  );
  return (
    <div style={{ display: 'flex', gap: space.s200, flexWrap: 'wrap', font: font.small, color: color.textSubtle }}>
      {item(color.bgNeutral, color.border, color.textSubtle, 'Start date', '▸')}
      {item(color.bgInformation, color.borderInformation, color.textInformation, 'Release date', '◆')}
      {item(color.bgDanger, color.borderDanger, color.textDanger, 'Overdue', '◆')}
      {item(color.bgSuccess, color.borderSuccess, color.textSuccess, 'Released', '◆ ✓')}
    </div>
  );
}
