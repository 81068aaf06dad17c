/**
 * The Environments sub-page: the site's environment inventory with what is on each environment now
 * and next, and a per-environment timeline of bookings (every project's; other projects' without
 * names when the viewer cannot browse them), deployments, freezes and maintenance.
 */
import { useProjectTime } from '../project-time';
import { useCallback, useEffect, useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { addMonths, startOfMonth } from 'date-fns';
import type { CalendarSlot, PlanConflict, PlanEnvironment, ReleaseCalendarView } from '../../../../src/contract';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageSkeleton } from '../components/PageSkeleton';
import { color, font, radius, space } from '../design';
import { navigateToModule } from '../platform';
import { ConflictPanel } from '../plan/ConflictPanel';
import { DeployedWhereMatrix } from '../plan/DeployedWhere';
import { TIER_SWATCH } from '../plan/plan-design';
import { type PlanLookups, endOfQuarter, formatWhen, isVisibleSlot, lookups, quarterTitle, slotLabel, startOfQuarter } from '../plan/plan-model';
import { Announcement, EditorArea, PlanLegend, usePlanShell } from '../plan/plan-shell';
import { Timeline } from '../plan/Timeline';
import { quarterAxis } from '../plan/timeline-axis';
import { environmentRows, globalBands } from '../plan/timeline-rows';
import { useReleaseCalendar } from '../plan/use-release-calendar';

const ENVIRONMENT_RULES: ReadonlySet<PlanConflict['rule']> = new Set(['double-booking', 'slot-in-freeze', 'deployment-in-freeze', 'slot-in-maintenance', 'environment-unavailable', 'promotion-order']);

export function EnvironmentsPage({ projectKey, today: todayProp }: { projectKey: string; today?: Date }) {
  const time = useProjectTime();
  const today = todayProp ?? time.today;
  const state = useReleaseCalendar(today);
  const { view, error, reload, loading, ensure } = state;
  const [focus, setFocus] = useState(() => startOfMonth(today));
  const shell = usePlanShell(state);
  const look = useMemo(() => (view ? lookups(view, time.timeZone) : undefined), [view, time.timeZone]);
  useEffect(() => ensure(focus, startOfQuarter(focus), endOfQuarter(focus)), [ensure, focus]);
  const handlers = useMemo(
    () => ({ onVersion: shell.openVersion, onSlot: shell.openSlot, onWindow: shell.openWindow, onDeployment: shell.openDeployment }),
    [shell.openVersion, shell.openSlot, shell.openWindow, shell.openDeployment],
  );
  // The quarter in the project's days, whatever the browser's zone.
  const axis = useMemo(() => quarterAxis(focus, time.timeZone), [focus, time.timeZone]);
  const rows = useMemo(() => (view && look ? environmentRows(view, look, axis.from, axis.to, handlers) : []), [view, look, axis, handlers]);
  const openSettings = useCallback(() => void navigateToModule('release-settings').catch(() => undefined), []);

  if (!view || !look) {
    if (error) return <ErrorMessage title="Could not load the environments" error={error} onRetry={reload} />;
    return <PageSkeleton label="Loading the environments" />;
  }

  if (view.environments.length === 0) {
    return (
      <div data-testid="environments-empty">
        <SectionMessage appearance="information" title="No environments yet">
          <p>
            List the site&apos;s environments (name, tier such as SIT, UAT or PROD, owner, what runs there) in the project settings under
            Release settings → Environments. Then book them for releases on the Calendar.
          </p>
          <p>
            <Button appearance="primary" onClick={openSettings}>
              Open Release settings
            </Button>
          </p>
        </SectionMessage>
      </div>
    );
  }

  const conflicts = view.conflicts.filter((c) => ENVIRONMENT_RULES.has(c.rule));
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: space.s200 }} data-testid="environments-page">
      {error && <ErrorMessage title="Could not refresh the environments" error={error} onRetry={reload} />}
      <div style={{ display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap' }}>
        <h2 style={{ margin: 0, fontSize: 20, fontWeight: 600, color: color.text }}>Environments</h2>
        <span style={{ font: font.small, color: color.textSubtle }}>
          {view.environments.length} in the inventory · shared by every project on the site
        </span>
        <span style={{ flex: 1 }} />
        {view.canEdit && (
          <>
            <Button appearance="primary" onClick={() => shell.setEditing({ kind: 'window', draft: { kind: 'maintenance', environmentId: view.environments[0]?.id } })} testId="plan-maintenance">
              Plan maintenance
            </Button>
            <Button onClick={() => shell.setEditing({ kind: 'slot' })}>Book a slot</Button>
          </>
        )}
        <Button appearance="subtle" onClick={openSettings}>
          Edit the inventory
        </Button>
      </div>
      <InventoryTable view={view} look={look} now={time.now().getTime()} />
      <DeployedWhereMatrix view={view} now={time.now().getTime()} />
      <EditorArea shell={shell} view={view} look={look} mutate={state.mutate} now={time.now()} />
      <Announcement text={shell.announcement} {...(shell.fixError ? { error: shell.fixError } : {})} />
      <ConflictPanel conflicts={conflicts} canEdit={view.canEdit} onApply={shell.applyFix} onItem={shell.openItem} busy={shell.applying || loading} scopeText="on the environments" />
      <div style={{ display: 'flex', alignItems: 'center', gap: space.s100, flexWrap: 'wrap' }}>
        <Button onClick={() => setFocus((f) => addMonths(f, -3))} aria-label="Previous quarter">
          ‹ Prev
        </Button>
        <Button onClick={() => setFocus(startOfMonth(today))}>Today</Button>
        <Button onClick={() => setFocus((f) => addMonths(f, 3))} aria-label="Next quarter">
          Next ›
        </Button>
        <h3 aria-live="polite" style={{ margin: 0, fontSize: 16, fontWeight: 600, color: color.text }}>
          {quarterTitle(focus)}
        </h3>
        {loading && <Spinner size="small" label="Refreshing" />}
      </div>
      <PlanLegend />
      <Timeline axis={axis} rows={rows} bands={globalBands(view, look, shell.openWindow)} today={time.now()} label={`Environment timeline, ${quarterTitle(focus)}`} labelWidth={240} testId="environment-timeline" />
      <p style={{ margin: 0, font: font.small, color: color.textSubtlest }}>Project {projectKey}: bookings of other projects you cannot browse show as “Booked”.</p>
    </div>
  );
}

function currentAndNext(environment: PlanEnvironment, slots: CalendarSlot[], now: number) {
  const mine = slots.filter((s) => s.environmentId === environment.id).sort((a, b) => a.from.localeCompare(b.from));
  return {
    current: mine.filter((s) => Date.parse(s.from) <= now && Date.parse(s.to) > now),
    next: mine.find((s) => Date.parse(s.from) > now),
  };
}

function InventoryTable({ view, look, now }: { view: ReleaseCalendarView; look: PlanLookups; now: number }) {
  const rows = view.environments.map((environment) => {
    const { current, next } = currentAndNext(environment, view.slots, now);
    const last = view.deployments.filter((d) => d.environmentId === environment.id && Date.parse(d.at) <= now).sort((a, b) => b.at.localeCompare(a.at))[0];
    const swatch = TIER_SWATCH[environment.tier];
    const versionOf = (s: CalendarSlot) => (isVisibleSlot(s) ? slotLabel(s, look).replace(/ on .*$/, '') : 'another project');
    return {
      key: environment.id,
      testId: `environment-row-${environment.id}`,
      cells: [
        { key: environment.name, content: <strong>{environment.name}</strong> },
        { key: view.tierOrder.indexOf(environment.tier), content: <span style={{ font: font.small, padding: '1px 6px', borderRadius: radius, background: swatch.background, color: swatch.text }}>{environment.tier}</span> },
        { key: environment.status, content: <Lozenge appearance={environment.status === 'available' ? 'success' : environment.status === 'down' ? 'removed' : 'moved'}>{environment.status}</Lozenge> },
        { key: environment.ownerName ?? '', content: environment.ownerName ?? <span style={{ color: color.textSubtlest }}>–</span> },
        { key: environment.components.join(','), content: environment.components.join(', ') || <span style={{ color: color.textSubtlest }}>–</span> },
        { key: current.length, content: current.length ? current.map(versionOf).join(', ') : <span style={{ color: color.textSuccess }}>free</span> },
        { key: next?.from ?? '9999', content: next ? `${versionOf(next)} from ${formatWhen(next.from, look.timeZone)}` : <span style={{ color: color.textSubtlest }}>–</span> },
        { key: last?.at ?? '', content: last ? `${last.versionName ?? 'build'} · ${formatWhen(last.at, look.timeZone)} (${last.status.replace('_', ' ')})` : <span style={{ color: color.textSubtlest }}>–</span> },
        { key: environment.notes ?? '', content: environment.notes ? <span title={environment.notes}>{environment.notes.length > 80 ? `${environment.notes.slice(0, 79)}…` : environment.notes}</span> : '' },
      ],
    };
  });
  return (
    <div data-testid="inventory-table">
      <DynamicTableStateless
        label="Environment inventory"
        head={{
          cells: [
            { key: 'name', content: 'Environment', width: 11 },
            { key: 'tier', content: 'Tier', width: 7 },
            { key: 'status', content: 'Status', width: 9 },
            { key: 'owner', content: 'Owner', width: 10 },
            { key: 'components', content: 'Components', width: 11 },
            { key: 'now', content: 'Now', width: 9 },
            { key: 'next', content: 'Next booking', width: 13 },
            { key: 'deployed', content: 'Last deployment', width: 13 },
            { key: 'notes', content: 'Notes', width: 17 },
          ],
        }}
        rows={rows}
      />
    </div>
  );
}
