/**
 * The Calendar sub-page: the release calendar as a month grid, a quarter timeline or a table, with
 * environment slots, deployments, freezes and maintenance of the project and its related projects,
 * every conflict explained with a fix, and editing of slots and windows for release managers.
 * One resolver call loads about a year; every change answers with the fresh view.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { addMonths, startOfMonth } from 'date-fns';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageSkeleton } from '../components/PageSkeleton';
import { formatLongDate, formatMonth, toDayKey } from '../date-format';
import { color, font, space } from '../design';
import { ConflictPanel } from '../plan/ConflictPanel';
import { MonthView } from '../plan/MonthView';
import { Announcement, EditorArea, PlanLegend, usePlanShell } from '../plan/plan-shell';
import { downloadCsv } from '../csv';
import { dayBookingDraft, endOfQuarter, lookups, planCsv, quarterTitle, startOfQuarter } from '../plan/plan-model';
import { ReleaseTable } from '../plan/ReleaseTable';
import { Timeline } from '../plan/Timeline';
import { quarterAxis } from '../plan/timeline-axis';
import { allBands, versionRows } from '../plan/timeline-rows';
import { useReleaseCalendar } from '../plan/use-release-calendar';
import { useProjectTime } from '../project-time';
import { ReleaseDependencies } from '../charts/DependencyGraph';

type Mode = 'month' | 'quarter' | 'table';

interface Props {
  projectKey: string;
  /** Injected for tests and screenshots; defaults to the project's today from the server. */
  today?: Date;
}

type Zoom = 'weeks' | 'months' | 'quarter';

/** Pixels per day of the quarter timeline; the quarter zoom fits the width. */
const ZOOMS: Array<{ id: Zoom; label: string; dayWidth?: number }> = [
  { id: 'weeks', label: 'Weeks', dayWidth: 48 },
  { id: 'months', label: 'Months', dayWidth: 16 },
  { id: 'quarter', label: 'Quarter' },
];

function zoomWidth(zoom: Zoom): { dayWidth?: number } {
  const dayWidth = ZOOMS.find((z) => z.id === zoom)?.dayWidth;
  return dayWidth ? { dayWidth } : {};
}

const MODES: Array<{ id: Mode; label: string }> = [
  { id: 'month', label: 'Month' },
  { id: 'quarter', label: 'Quarter' },
  { id: 'table', label: 'Table' },
];

export function CalendarPage({ projectKey, today: todayProp }: Props) {
  const time = useProjectTime();
  const today = todayProp ?? time.today;
  const state = useReleaseCalendar(today);
  const { view, loading, error, reload, ensure } = state;
  const [mode, setMode] = useState<Mode>('month');
  const [zoom, setZoom] = useState<Zoom>('months');
  const [focus, setFocus] = useState(() => startOfMonth(today));
  const shell = usePlanShell(state);
  const look = useMemo(() => (view ? lookups(view, time.timeZone) : undefined), [view, time.timeZone]);
  const rendered = useRef<ReleaseCalendarViewMark>();

  // Navigating outside the loaded year loads the year around the new focus (one call).
  useEffect(() => {
    if (mode === 'quarter') ensure(focus, startOfQuarter(focus), endOfQuarter(focus));
    else if (mode === 'month') ensure(focus, startOfMonth(focus), addMonths(startOfMonth(focus), 1));
  }, [ensure, focus, mode]);

  // For the benchmark: time from the data arriving to the page drawn with it.
  useEffect(() => {
    if (!view || rendered.current?.view === view) return;
    rendered.current = { view };
    // After the next frame's style and layout: the page as the user sees it.
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark('calendar:rendered');
        try {
          performance.measure('calendar:render', 'calendar:data', 'calendar:rendered');
        } catch {
          // No data mark (a cached view): nothing to measure.
        }
      }, 0),
    );
  }, [view, mode]);

  const focusProjects = useMemo(() => new Set((view?.projects ?? []).filter((p) => p.role === 'current' || p.role === 'related').map((p) => p.key)), [view]);
  const shift = useCallback((by: number) => setFocus((f) => startOfMonth(addMonths(f, mode === 'quarter' ? by * 3 : by))), [mode]);
  const handlers = useMemo(
    () => ({ onVersion: shell.openVersion, onSlot: shell.openSlot, onWindow: shell.openWindow, onDeployment: shell.openDeployment }),
    [shell.openVersion, shell.openSlot, shell.openWindow, shell.openDeployment],
  );
  // The quarter in the project's days: ticks, release dates and bookings on the same days whatever the browser's zone.
  const axis = useMemo(() => quarterAxis(focus, time.timeZone), [focus, time.timeZone]);
  const rows = useMemo(
    () => (view && look && mode === 'quarter' ? versionRows(view, look, axis.from, axis.to, handlers, focusProjects) : []),
    [view, look, mode, axis, handlers, focusProjects],
  );
  const bands = useMemo(() => (view && look && mode === 'quarter' ? allBands(view, look, shell.openWindow) : []), [view, look, mode, shell.openWindow]);

  if (!view || !look) {
    if (error) return <ErrorMessage title="Could not load the release calendar" error={error} onRetry={reload} />;
    return <PageSkeleton label="Loading the release calendar" />;
  }

  const saved = view.settings.relatedProjects;
  const shown = new Set(view.projects.filter((p) => p.role === 'related').map((p) => p.key));
  const title = mode === 'quarter' ? quarterTitle(focus) : mode === 'month' ? formatMonth(focus) : 'All versions';
  const unit = mode === 'quarter' ? 'quarter' : 'month';
  const download = () => downloadCsv(`${projectKey.toLowerCase()}-release-plan-${view.range.from}-to-${view.range.to}.csv`, planCsv(view));

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }} data-testid="calendar-page">
      {error && <ErrorMessage title="Could not refresh the release calendar" error={error} onRetry={reload} />}
      <div style={{ display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap' }}>
        <div role="group" aria-label="Calendar view" style={{ display: 'inline-flex', gap: 2 }}>
          {MODES.map((m) => (
            <Button key={m.id} isSelected={mode === m.id} aria-pressed={mode === m.id} onClick={() => setMode(m.id)} testId={`mode-${m.id}`}>
              {m.label}
            </Button>
          ))}
        </div>
        {mode !== 'table' && (
          <>
            <Button onClick={() => shift(-1)} aria-label={`Previous ${unit}`}>
              ‹ Prev
            </Button>
            <Button onClick={() => setFocus(startOfMonth(today))} aria-label={`Today, ${formatLongDate(today)}`}>
              Today
            </Button>
            <Button onClick={() => shift(1)} aria-label={`Next ${unit}`}>
              Next ›
            </Button>
          </>
        )}
        {mode === 'quarter' && (
          <div role="group" aria-label="Timeline zoom" style={{ display: 'inline-flex', gap: 2 }}>
            {ZOOMS.map((z) => (
              <Button key={z.id} spacing="compact" appearance="subtle" isSelected={zoom === z.id} aria-pressed={zoom === z.id} onClick={() => setZoom(z.id)} testId={`zoom-${z.id}`}>
                {z.label}
              </Button>
            ))}
          </div>
        )}
        <h2 aria-live="polite" data-testid="calendar-title" style={{ margin: `0 0 0 ${space.s100}`, font: 'inherit', fontSize: 20, fontWeight: 600, color: color.text }}>
          {title}
        </h2>
        {loading && <Spinner size="small" label="Refreshing" />}
        <span style={{ flex: 1 }} />
        {view.canEdit && (
          <>
            <Button appearance="primary" onClick={() => shell.setEditing({ kind: 'slot' })} testId="book-slot">
              Book a slot
            </Button>
            <Button onClick={() => shell.setEditing({ kind: 'window' })} testId="add-window">
              Add freeze or maintenance
            </Button>
            <Button onClick={() => shell.setEditing({ kind: 'deployment' })} testId="record-deployment">
              Record deployment
            </Button>
          </>
        )}
        <Button appearance="subtle" onClick={download} testId="export-csv">
          Export CSV
        </Button>
      </div>
      {saved.length > 0 && (
        <fieldset style={{ border: 'none', margin: 0, padding: 0, display: 'flex', gap: space.s150, alignItems: 'center', flexWrap: 'wrap', font: font.small, color: color.textSubtle }}>
          <legend style={{ float: 'left', marginRight: space.s100, padding: 0 }}>Also show:</legend>
          {saved.map((key) => (
            <label key={key} style={{ display: 'inline-flex', gap: 4, alignItems: 'center', cursor: 'pointer', color: color.text }}>
              <input
                type="checkbox"
                checked={shown.has(key)}
                onChange={(e) => {
                  const next = e.currentTarget.checked ? [...shown, key] : [...shown].filter((k) => k !== key);
                  state.setRelated(next);
                }}
              />
              {view.projects.find((p) => p.key === key)?.name ?? key} ({key})
            </label>
          ))}
        </fieldset>
      )}
      {view.notices.map((notice) => (
        <SectionMessage key={notice} appearance="information">
          <p>{notice}</p>
        </SectionMessage>
      ))}
      <EditorArea shell={shell} view={view} look={look} mutate={state.mutate} now={time.now()} />
      <Announcement text={shell.announcement} {...(shell.fixError ? { error: shell.fixError } : {})} />
      <ConflictPanel conflicts={view.conflicts} canEdit={view.canEdit} onApply={shell.applyFix} onItem={shell.openItem} busy={shell.applying || loading} scopeText={`from ${view.range.from} to ${view.range.to}`} />
      {mode === 'month' && (
        <>
          <PlanLegend />
          <MonthView
            view={view}
            look={look}
            month={focus}
            today={today}
            showProjectKey={focusProjects.size > 1}
            {...handlers}
            {...(view.canEdit ? { onBookDay: (day: Date) => shell.setEditing({ kind: 'slot', draft: dayBookingDraft(toDayKey(day), time.timeZone) }) } : {})}
          />
        </>
      )}
      {mode === 'quarter' && (
        <>
          <PlanLegend />
          <Timeline
            axis={axis}
            rows={rows}
            bands={bands.filter((b) => b.to > axis.from && b.from < axis.to)}
            today={time.now()}
            label={`Quarter timeline, ${title}`}
            testId="quarter-timeline"
            empty="No versions, slots or deployments in this quarter."
            {...zoomWidth(zoom)}
          />
        </>
      )}
      {mode === 'table' && <ReleaseTable view={view} look={look} focus={focusProjects} onVersion={shell.openVersion} {...(view.canEdit ? { onDependencies: (version) => shell.setEditing({ kind: 'dependencies', version }) } : {})} />}
      <ReleaseDependencies />
    </div>
  );
}

interface ReleaseCalendarViewMark {
  view: unknown;
}

