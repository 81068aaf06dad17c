import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import Textfield from '@atlaskit/textfield';
import type { CalendarVersion, ReleaseCalendarView, ReleaseState } from '../../../../src/contract';
import { RELEASE_HEALTH_ORDER } from '../../../../src/domain/status/vocabulary';
import { color, filterSelectStyle, font, radius, space } from '../design';
import { STATE_LABELS, STATE_ORDER, formatJiraDate, stateAppearance } from '../release-rows';
import { TIER_SWATCH } from './plan-design';
import { type PlanLookups, isVisibleSlot, versionRef } from './plan-model';
import { HealthDot } from './timeline-rows';

type Column = 'project' | 'name' | 'state' | 'rag' | 'start' | 'release' | 'environments' | 'conflicts' | 'dependencies';
type Order = 'ASC' | 'DESC';

const COLUMNS: Array<{ key: Column; label: string; width: number }> = [
  { key: 'project', label: 'Project', width: 8 },
  { key: 'name', label: 'Version', width: 16 },
  { key: 'state', label: 'State', width: 10 },
  { key: 'rag', label: 'Health', width: 8 },
  { key: 'start', label: 'Start', width: 9 },
  { key: 'release', label: 'Release', width: 9 },
  { key: 'environments', label: 'Environment slots', width: 20 },
  { key: 'conflicts', label: 'Conflicts', width: 10 },
  { key: 'dependencies', label: 'Depends on', width: 12 },
];

/** Cells with the row's rank as their sort key. */
function cellsOf(rank: number, contents: Array<{ key: number; content: React.ReactNode }>) {
  return contents.map((c) => ({ key: 0, content: c.content }));
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

interface Row {
  version: CalendarVersion;
  slots: number;
  tiers: string[];
  conflicts: number;
  worst?: 'error' | 'warning' | 'info';
  dependencies: string[];
}

/** Worst health first; versions without one (not due soon, or no roll-up yet) last. */
function healthRank(version: CalendarVersion): number {
  return version.health ? RELEASE_HEALTH_ORDER.indexOf(version.health.key) : RELEASE_HEALTH_ORDER.length;
}

function compare(column: Column, a: Row, b: Row): number {
  switch (column) {
    case 'project':
      return collator.compare(a.version.projectKey, b.version.projectKey);
    case 'name':
      return collator.compare(a.version.name, b.version.name);
    case 'state':
      return STATE_ORDER.indexOf(a.version.state) - STATE_ORDER.indexOf(b.version.state);
    case 'rag':
      return healthRank(a.version) - healthRank(b.version);
    case 'start':
      return (a.version.startDate ?? '9999').localeCompare(b.version.startDate ?? '9999');
    case 'release':
      return (a.version.releaseDate ?? '9999').localeCompare(b.version.releaseDate ?? '9999');
    case 'environments':
      return a.slots - b.slots;
    case 'conflicts':
      return a.conflicts - b.conflicts;
    case 'dependencies':
      return a.dependencies.length - b.dependencies.length;
  }
}

interface Props {
  view: ReleaseCalendarView;
  look: PlanLookups;
  focus: ReadonlySet<string>;
  onVersion: (version: CalendarVersion) => void;
  onDependencies?: (version: CalendarVersion) => void;
}

/** Every version shown, sortable by any column and filtered by text, state and project. */
export function ReleaseTable({ view, look, focus, onVersion, onDependencies }: Props) {
  const [text, setText] = useState('');
  const [state, setState] = useState<ReleaseState | 'all'>('all');
  const [project, setProject] = useState('all');
  const [sortKey, setSortKey] = useState<Column>('release');
  const [sortOrder, setSortOrder] = useState<Order>('ASC');

  const all = useMemo<Row[]>(() => {
    const slotsOf = new Map<string, string[]>();
    for (const s of view.slots) {
      if (!isVisibleSlot(s)) continue;
      const key = versionRef(s.projectKey, s.versionId);
      const tier = look.environment.get(s.environmentId)?.tier ?? '?';
      slotsOf.set(key, [...(slotsOf.get(key) ?? []), tier]);
    }
    return view.versions
      .filter((v) => focus.has(v.projectKey))
      .map((version) => {
        const key = versionRef(version.projectKey, version.id);
        const conflicts = look.conflictsOf.get(key) ?? [];
        const tiers = slotsOf.get(key) ?? [];
        const worst = conflicts.some((c) => c.severity === 'error') ? 'error' : conflicts.some((c) => c.severity === 'warning') ? 'warning' : conflicts.length ? 'info' : undefined;
        return {
          version,
          slots: tiers.length,
          tiers: view.tierOrder.filter((t) => tiers.includes(t)),
          conflicts: conflicts.length,
          ...(worst ? { worst } : {}),
          dependencies: version.dependsOn.map((d) => look.version.get(versionRef(d.projectKey, d.versionId))?.name ?? `${d.projectKey} ${d.versionId}`),
        } satisfies Row;
      });
  }, [view, look, focus]);

  const rows = useMemo(() => {
    const needle = text.trim().toLowerCase();
    const filtered = all.filter(
      (r) =>
        (state === 'all' || r.version.state === state) &&
        (project === 'all' || r.version.projectKey === project) &&
        (!needle || r.version.name.toLowerCase().includes(needle) || (r.version.description ?? '').toLowerCase().includes(needle)),
    );
    // The table sorts rows itself by the sorted column's cell keys (and reverses for DESC): every
    // cell carries its row's ascending rank in that column, so the order is ours.
    const ascending = [...filtered].sort((a, b) => compare(sortKey, a, b) || collator.compare(a.version.name, b.version.name));
    const rankOf = new Map(ascending.map((r, i) => [r, i]));
    const sorted = sortOrder === 'ASC' ? ascending : [...ascending].reverse();
    return sorted.map((r) => ({
      key: versionRef(r.version.projectKey, r.version.id),
      testId: `plan-row-${r.version.id}`,
      cells: cellsOf(rankOf.get(r) ?? 0, [
        { key: 0, content: r.version.projectKey },
        {
          key: 0,
          content: (
            <button type="button" className="rr-chip" onClick={() => onVersion(r.version)} style={{ font: font.body, fontWeight: 600, color: color.link, background: 'none', border: 'none', padding: 0, cursor: 'pointer', textAlign: 'left' }}>
              {r.version.name}
            </button>
          ),
        },
        { key: 0, content: <Lozenge appearance={stateAppearance(r.version.state)}>{STATE_LABELS[r.version.state]}</Lozenge> },
        {
          key: 0,
          content: r.version.health ? (
            <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }} title={r.version.health.reason}>
              <HealthDot health={r.version.health} />
              {r.version.health.word}
            </span>
          ) : (
            <span style={{ color: color.textSubtlest }}>–</span>
          ),
        },
        { key: 0, content: <span style={{ whiteSpace: 'nowrap' }}>{formatJiraDate(r.version.startDate)}</span> },
        { key: 0, content: <span style={{ whiteSpace: 'nowrap' }}>{formatJiraDate(r.version.releaseDate)}</span> },
        {
          key: 0,
          content: r.tiers.length ? (
            <span style={{ display: 'inline-flex', gap: 2, flexWrap: 'wrap' }}>
              {r.tiers.map((t) => (
                <span key={t} style={{ font: font.small, padding: '0 4px', borderRadius: radius, background: TIER_SWATCH[t as keyof typeof TIER_SWATCH]?.background, color: TIER_SWATCH[t as keyof typeof TIER_SWATCH]?.text }}>
                  {t}
                </span>
              ))}
            </span>
          ) : (
            <span style={{ color: color.textSubtlest }}>none booked</span>
          ),
        },
        {
          key: 0,
          content: r.conflicts ? <Lozenge appearance={r.worst === 'error' ? 'removed' : r.worst === 'warning' ? 'moved' : 'default'}>{`${r.conflicts} ${r.worst === 'error' ? 'clash' : 'issue'}${r.conflicts === 1 ? '' : 'es'}`}</Lozenge> : <span style={{ color: color.textSubtlest }}>–</span>,
        },
        {
          key: 0,
          content: (
            <span style={{ display: 'inline-flex', gap: space.s050, alignItems: 'center', flexWrap: 'wrap' }}>
              <span>{r.dependencies.join(', ') || <span style={{ color: color.textSubtlest }}>–</span>}</span>
              {onDependencies && r.version.projectKey === view.project.key && !r.version.released && (
                <Button spacing="compact" appearance="subtle" onClick={() => onDependencies(r.version)} aria-label={`Edit what ${r.version.name} depends on`}>
                  Edit
                </Button>
              )}
            </span>
          ),
        },
      ]),
    }));
  }, [all, text, state, project, sortKey, sortOrder, onVersion, onDependencies, view.project.key]);

  const projects = [...new Set(all.map((r) => r.version.projectKey))];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: space.s100 }}>
      <div style={{ display: 'flex', gap: space.s100, flexWrap: 'wrap', alignItems: 'center' }}>
        <div style={{ flex: '1 1 220px', maxWidth: 300 }}>
          <Textfield aria-label="Filter versions by name or description" placeholder="Filter by name or description" value={text} onChange={(e) => setText(e.currentTarget.value)} isCompact />
        </div>
        <select aria-label="Filter by state" className="rr-select" value={state} onChange={(e) => setState(e.currentTarget.value as ReleaseState | 'all')} style={filterSelectStyle}>
          <option value="all">All states</option>
          {STATE_ORDER.map((s) => (
            <option key={s} value={s}>
              {STATE_LABELS[s]}
            </option>
          ))}
        </select>
        {projects.length > 1 && (
          <select aria-label="Filter by project" className="rr-select" value={project} onChange={(e) => setProject(e.currentTarget.value)} style={filterSelectStyle}>
            <option value="all">All projects</option>
            {projects.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        )}
        <span aria-live="polite" style={{ font: font.small, color: color.textSubtle }}>
          {rows.length === all.length ? `${all.length} versions` : `Showing ${rows.length} of ${all.length} versions`}
        </span>
      </div>
      <div data-testid="plan-table">
        <DynamicTableStateless
          label="Releases and their environment plan"
          head={{ cells: COLUMNS.map((c) => ({ key: c.key, content: c.label, isSortable: true, width: c.width })) }}
          rows={rows}
          sortKey={sortKey}
          sortOrder={sortOrder}
          onSort={(sort: { key?: unknown; sortOrder?: unknown }) => {
            if (COLUMNS.some((c) => c.key === sort.key)) setSortKey(sort.key as Column);
            setSortOrder(sort.sortOrder === 'DESC' ? 'DESC' : 'ASC');
          }}
          rowsPerPage={50}
          emptyView={<p style={{ color: color.textSubtle }}>No versions match the filter.</p>}
        />
      </div>
    </div>
  );
}
