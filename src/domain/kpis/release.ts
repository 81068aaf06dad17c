/**
 * Release figures over a window: on-time delivery and slip days, readiness at the planned date,
 * scope change after the start, carry-over, escaped defects, cycle time and throughput.
 * Definitions: docs/kpi-definitions.md.
 */
import type { KpiRag } from '../../contract-kpis';
import { type CalendarDate, daysBetween, parseCalendarDate } from '../calendar/calendar-date';
import { releaseSlips } from '../versions/version-history';
import { type MetricResult, windowOf } from './dora';
import type { Computed, ResolvedIssue } from './fact-digest';
import { type IssueFact, inVersionAt, resolvedAt } from './facts';
import { formatCount, formatDays, formatNumber, formatShare, isoMinute } from './format';
import { versionCell } from './version-cell';
import { type KpiVersion, type Prepared, RELEASE_SOURCE_LABELS, type WindowBounds, fromMinutes, toMinutes } from './model';
import { PERCENTILE_METHOD_LABELS, percentileOfSorted } from './stats';
import { DAY_MS, dayOf, endOfDay, mondayOf, parseInstant, startOfDay } from './time';

/** Fixed RAG thresholds for the release figures (docs/kpi-definitions.md, "RAG"). */
export const RELEASE_RAG = {
  onTime: { green: 0.8, amber: 0.5 },
  readiness: { green: 0.95, amber: 0.8 },
  scopeChange: { green: 0.1, amber: 0.25 },
  carryOver: { green: 0.1, amber: 0.25 },
  escapedPerRelease: { green: 1, amber: 3 },
} as const;

function ragHigherBetter(value: number | null, t: { green: number; amber: number }): KpiRag {
  if (value === null) return 'neutral';
  return value >= t.green ? 'green' : value >= t.amber ? 'amber' : 'red';
}

function ragLowerBetter(value: number | null, t: { green: number; amber: number }): KpiRag {
  if (value === null) return 'neutral';
  return value <= t.green ? 'green' : value <= t.amber ? 'amber' : 'red';
}

/**
 * The planned release date: the first release date the app recorded while the version was not yet
 * released. Jira keeps no date history, so a version first seen already released has no plan.
 */
export function plannedRelease(version: KpiVersion, asOf: number): { date: CalendarDate; recordedAt: string } | undefined {
  for (const record of version.history) {
    const at = parseInstant(record.observedAt);
    if (at === undefined || at > asOf) return undefined;
    if (record.released) return undefined;
    const date = record.releaseDate ? parseCalendarDate(record.releaseDate) : undefined;
    if (date) return { date, recordedAt: record.observedAt };
  }
  return undefined;
}

const inDays = (day: CalendarDate, w: WindowBounds) => day >= w.fromDay && day < w.toDay;

/** The date readiness reads a version at: its planned date, else Jira's release date. */
export function readinessDate(v: KpiVersion, w: WindowBounds): { planned?: { date: CalendarDate; recordedAt: string }; date?: CalendarDate } {
  const planned = plannedRelease(v, w.now);
  return { planned, date: planned?.date ?? (v.releaseDate ? parseCalendarDate(v.releaseDate) : undefined) };
}

/** Versions that shipped in the window, on the day they really shipped (see `versionReleaseMoment`). */
export function versionsReleasedIn(p: Prepared, w: WindowBounds): Array<{ v: KpiVersion; at: number; day: CalendarDate }> {
  const out: Array<{ v: KpiVersion; at: number; day: CalendarDate }> = [];
  for (const v of p.input.versions) {
    const moment = p.releaseMoment(v);
    // The window ends at the start of today, so a moment inside it is never after "now".
    if (moment && moment.at >= w.from && moment.at < w.to) out.push({ v, at: moment.at, day: moment.day });
  }
  return out.sort((a, b) => a.at - b.at || a.v.name.localeCompare(b.v.name));
}

// ---------------------------------------------------------------------------------------------
// On-time delivery and slip days

export function onTimeDelivery(p: Prepared, w: WindowBounds): MetricResult {
  const { settings, tz } = p;
  const tolerance = settings.onTimeToleranceDays;
  type Row = {
    v: KpiVersion;
    planned?: { date: CalendarDate; recordedAt: string };
    actual: string | null;
    source: string | null;
    slip: number | null;
    onTime: boolean | null;
    state: string;
    moves: number;
  };
  const rows: Row[] = [];
  let pending = 0;
  for (const v of p.input.versions) {
    const planned = plannedRelease(v, w.now);
    const moment = p.releaseMoment(v);
    const released = moment && moment.at <= w.now ? moment : undefined;
    const history = { versionId: v.id, name: v.name, records: v.history.filter((r) => (parseInstant(r.observedAt) ?? 0) <= w.now) };
    const moves = releaseSlips(history);
    if (!planned) {
      if (released && inDays(released.day, w)) {
        rows.push({ v, actual: released.day, source: RELEASE_SOURCE_LABELS[released.source], slip: null, onTime: null, state: 'not measurable: the app first saw it already released', moves });
      }
      continue;
    }
    if (!inDays(planned.date, w)) continue;
    if (released) {
      // The day it really shipped, not Jira's release date (often the planned date, kept as it was).
      const slip = daysBetween(planned.date, released.day);
      rows.push({ v, planned, actual: released.day, source: RELEASE_SOURCE_LABELS[released.source], slip, onTime: slip <= tolerance, state: 'released', moves });
    } else {
      const overdue = daysBetween(planned.date, w.toDay);
      if (overdue <= tolerance) {
        pending++;
        continue;
      }
      rows.push({ v, planned, actual: null, source: null, slip: overdue, onTime: false, state: 'not released yet', moves });
    }
  }
  const measured = rows.filter((r) => r.onTime !== null);
  const onTime = measured.filter((r) => r.onTime).length;
  const share = measured.length ? onTime / measured.length : null;
  const slips = measured.map((r) => r.slip as number).sort((a, b) => a - b);
  const method = settings.percentileMethod;
  const medianSlip = percentileOfSorted(slips, 0.5, method) ?? null;
  // How late the late ones were: on-time versions (slip 0 or less) pull the overall median down.
  const lateSlips = measured.filter((r) => r.onTime === false).map((r) => r.slip as number).sort((a, b) => a - b);
  const lateSlip = percentileOfSorted(lateSlips, 0.5, method) ?? null;
  const maxSlip = slips.length ? (slips[slips.length - 1] as number) : null;
  const unmeasured = rows.length - measured.length;
  const notes = [
    `On time: released at most ${formatDays(tolerance)} after the planned date (the first release date the app recorded).`,
    'Released: the day the app saw the release (else Jira’s release date), moved to the production deployment that shipped it when CI reported one.',
  ];
  if (unmeasured) notes.push(`${formatCount(unmeasured, 'version')} released in the window left out: no planned date recorded before release.`);
  if (pending) notes.push(`${formatCount(pending, 'version')} due in the window still within the tolerance: not decided yet.`);
  if (measured.some((r) => r.actual === null)) notes.push('A version not released yet counts as late; its slip is the days overdue so far.');
  return {
    figure: {
      id: 'on-time-delivery',
      group: 'release',
      title: 'On-time delivery',
      value: share,
      unit: 'percent',
      display: formatShare(share),
      statistic: 'share',
      numerator: { value: onTime, label: 'versions released on time' },
      denominator: { value: measured.length, label: 'versions planned for the window' },
      method: PERCENTILE_METHOD_LABELS[method],
      secondary: [
        { label: 'Median slip', value: medianSlip, display: formatDays(medianSlip) },
        { label: 'Median slip of late versions', value: lateSlip, display: formatDays(lateSlip) },
        { label: 'Largest slip', value: maxSlip, display: formatDays(maxSlip) },
        { label: 'Date moves (later)', value: measured.reduce((n, r) => n + r.moves, 0), display: String(measured.reduce((n, r) => n + r.moves, 0)) },
      ],
      rag: ragHigherBetter(share, RELEASE_RAG.onTime),
      window: windowOf(w, tz),
      definition: 'Share of versions whose planned release date falls in the window that were released on or before that date (plus the tolerance); slip days = actual release date − planned date.',
      notes,
      drilldownRows: rows.length,
    },
    drilldown: () => ({
      figureId: 'on-time-delivery',
      title: 'Versions planned for the window',
      columns: [
        { key: 'version', label: 'Version', kind: 'version' },
        { key: 'planned', label: 'Planned date', kind: 'day' },
        { key: 'recorded', label: 'Plan recorded (UTC)', kind: 'time' },
        { key: 'actual', label: 'Released', kind: 'day' },
        { key: 'source', label: 'Release from', kind: 'text' },
        { key: 'slip', label: 'Slip (days)', kind: 'number' },
        { key: 'moves', label: 'Date moves', kind: 'number' },
        { key: 'onTime', label: 'On time', kind: 'flag' },
        { key: 'state', label: 'State', kind: 'text' },
      ],
      rows: rows.map((r) => ({
        version: versionCell(r.v),
        planned: r.planned?.date ?? null,
        recorded: r.planned ? isoMinute(parseInstant(r.planned.recordedAt)) : null,
        actual: r.actual,
        source: r.source,
        slip: r.slip,
        moves: r.moves,
        onTime: r.onTime,
        state: r.state,
      })),
      issueKeys: [],
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Readiness at the planned release date

/**
 * What readiness, scope change and carry-over count in one window: the versions each reads, with
 * tallies the fold fills one counted fact at a time (the facts themselves are not kept).
 */
export interface VersionTallies {
  readiness: Array<{ v: KpiVersion; date: CalendarDate; source: string; scope: number; done: number; open: string[] }>;
  scopeChange: { noStart: number; rows: Array<{ v: KpiVersion; start: CalendarDate; release: CalendarDate; atStart: number; added: string[]; removed: string[] }> };
  carryOver: Array<{ v: KpiVersion; day: CalendarDate; scope: number; carried: Array<{ key: string; now: string }> }>;
  /** Counts one counted fact (each fact once). */
  add(fact: Pick<IssueFact, 'key' | 'created' | 'fixVersions' | 'resolutions'>): void;
  /** Sorts the issue lists once every fact is in. */
  done(): void;
}

export function versionTallies(p: Prepared, w: WindowBounds): VersionTallies {
  const { tz } = p;
  type Fact = Parameters<VersionTallies['add']>[0];
  const byVersion = new Map<string, Array<(f: Fact) => void>>();
  const on = (versionId: string, count: (f: Fact) => void) => byVersion.set(versionId, [...(byVersion.get(versionId) ?? []), count]);
  const tallies: VersionTallies = {
    readiness: [],
    scopeChange: { noStart: 0, rows: [] },
    carryOver: [],
    add(fact) {
      const seen = new Set<string>();
      for (const interval of fact.fixVersions) {
        if (seen.has(interval.versionId)) continue;
        seen.add(interval.versionId);
        for (const count of byVersion.get(interval.versionId) ?? []) count(fact);
      }
    },
    done() {
      for (const row of tallies.readiness) row.open.sort();
      for (const row of tallies.scopeChange.rows) {
        row.added.sort();
        row.removed.sort();
      }
      for (const row of tallies.carryOver) row.carried.sort((a, b) => a.key.localeCompare(b.key));
    },
  };
  for (const v of p.input.versions) {
    const { planned, date } = readinessDate(v, w);
    if (!date || !inDays(date, w)) continue;
    const end = toMinutes(endOfDay(date, tz));
    const row = { v, date, source: planned ? 'planned date (recorded)' : 'release date in Jira (no plan recorded)', scope: 0, done: 0, open: [] as string[] };
    tallies.readiness.push(row);
    on(v.id, (f) => {
      if (!inVersionAt(f, v.id, end) || f.created > end) return;
      row.scope++;
      if (resolvedAt(f, end)) row.done++;
      else row.open.push(f.key);
    });
  }
  const names = new Map(p.input.versions.map((v) => [v.id, v.name]));
  const asOf = toMinutes(w.now);
  for (const { v, day } of versionsReleasedIn(p, w)) {
    const dayStart = toMinutes(startOfDay(day, tz));
    const dayEnd = toMinutes(endOfDay(day, tz));
    const carry = { v, day, scope: 0, carried: [] as Array<{ key: string; now: string }> };
    tallies.carryOver.push(carry);
    on(v.id, (f) => {
      if (!inVersionAt(f, v.id, dayStart)) return;
      carry.scope++;
      if (resolvedAt(f, dayEnd)) return;
      const now = f.fixVersions.filter((i) => i.from <= asOf && (i.to === null || i.to > asOf)).map((i) => names.get(i.versionId) ?? i.versionId).join(', ') || 'no version';
      carry.carried.push({ key: f.key, now });
    });
    const start = v.startDate ? parseCalendarDate(v.startDate) : undefined;
    if (!start || start > day) {
      tallies.scopeChange.noStart++;
      continue;
    }
    // The start day is planning: the scope at start is the version's issues at the end of it.
    const startMoment = toMinutes(endOfDay(start, tz));
    const releaseDayStart = dayStart;
    const releaseDayEnd = dayEnd;
    const row = { v, start, release: day, atStart: 0, added: [] as string[], removed: [] as string[] };
    tallies.scopeChange.rows.push(row);
    on(v.id, (f) => {
      if (inVersionAt(f, v.id, startMoment)) row.atStart++;
      for (const interval of f.fixVersions) {
        if (interval.versionId !== v.id) continue;
        if (interval.from > startMoment && interval.from <= releaseDayEnd) row.added.push(f.key);
        if (interval.to !== null && interval.to > startMoment && interval.to < releaseDayStart) row.removed.push(f.key);
      }
    });
  }
  return tallies;
}

export function readiness(p: Computed, w: WindowBounds): MetricResult {
  const { tz } = p;
  const rows = [...p.facts.at(w).versions.readiness];
  rows.sort((a, b) => a.date.localeCompare(b.date) || a.v.name.localeCompare(b.v.name));
  const scope = rows.reduce((n, r) => n + r.scope, 0);
  const done = rows.reduce((n, r) => n + r.done, 0);
  const share = scope ? done / scope : null;
  return {
    figure: {
      id: 'readiness',
      group: 'release',
      title: 'Readiness at release date',
      value: share,
      unit: 'percent',
      display: formatShare(share),
      statistic: 'share',
      numerator: { value: done, label: 'issues resolved by the end of the release date' },
      denominator: { value: scope, label: `issues in ${formatCount(rows.length, 'version')} due in the window, at the end of the release date` },
      secondary: [{ label: 'Versions', value: rows.length, display: String(rows.length) }],
      rag: ragHigherBetter(share, RELEASE_RAG.readiness),
      window: windowOf(w, tz),
      definition: 'For versions whose planned release date (else Jira’s release date) falls in the window: share of their issues resolved by the end of that day.',
      notes: rows.some((r) => r.source.startsWith('release date')) ? ['Versions without a recorded plan use the release date Jira shows now.'] : [],
      drilldownRows: rows.length,
    },
    drilldown: () => ({
      figureId: 'readiness',
      title: 'Versions due in the window',
      columns: [
        { key: 'version', label: 'Version', kind: 'version' },
        { key: 'date', label: 'Release date used', kind: 'day' },
        { key: 'source', label: 'Date from', kind: 'text' },
        { key: 'scope', label: 'Issues', kind: 'number' },
        { key: 'done', label: 'Resolved', kind: 'number' },
        { key: 'share', label: 'Ready', kind: 'text' },
        { key: 'open', label: 'Not resolved', kind: 'issues' },
      ],
      rows: rows.map((r) => ({ version: versionCell(r.v), date: r.date, source: r.source, scope: r.scope, done: r.done, share: formatShare(r.scope ? r.done / r.scope : null), open: r.open.join(', ') || null })),
      issueKeys: rows.flatMap((r) => r.open),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Scope change after the start

export function scopeChange(p: Computed, w: WindowBounds): MetricResult {
  const { tz } = p;
  const { noStart, rows } = p.facts.at(w).versions.scopeChange;
  const changes = rows.reduce((n, r) => n + r.added.length + r.removed.length, 0);
  const base = rows.reduce((n, r) => n + r.atStart, 0);
  const share = base ? changes / base : null;
  const notes = ['An issue added and later removed counts twice; removals on the release day are carry-over, not scope change.'];
  if (noStart) notes.push(`${formatCount(noStart, 'released version')} without a start date left out.`);
  return {
    figure: {
      id: 'scope-change',
      group: 'release',
      title: 'Scope change after start',
      value: share,
      unit: 'percent',
      display: formatShare(share),
      statistic: 'share',
      numerator: { value: changes, label: 'issues added or removed after the start day' },
      denominator: { value: base, label: `issues at the end of the start day (${formatCount(rows.length, 'version')} released in the window)` },
      secondary: [
        { label: 'Added', value: rows.reduce((n, r) => n + r.added.length, 0), display: String(rows.reduce((n, r) => n + r.added.length, 0)) },
        { label: 'Removed', value: rows.reduce((n, r) => n + r.removed.length, 0), display: String(rows.reduce((n, r) => n + r.removed.length, 0)) },
      ],
      rag: ragLowerBetter(share, RELEASE_RAG.scopeChange),
      window: windowOf(w, tz),
      definition: 'For versions released in the window: issues added to or removed from the fix version after its start day (from the fix-version changelog), divided by its issues at the end of the start day.',
      notes,
      drilldownRows: rows.length,
    },
    drilldown: () => ({
      figureId: 'scope-change',
      title: 'Versions released in the window',
      columns: [
        { key: 'version', label: 'Version', kind: 'version' },
        { key: 'start', label: 'Start', kind: 'day' },
        { key: 'release', label: 'Released', kind: 'day' },
        { key: 'atStart', label: 'Issues at start', kind: 'number' },
        { key: 'added', label: 'Added after start', kind: 'issues' },
        { key: 'removed', label: 'Removed after start', kind: 'issues' },
        { key: 'share', label: 'Change', kind: 'text' },
      ],
      rows: rows.map((r) => ({
        version: versionCell(r.v),
        start: r.start,
        release: r.release,
        atStart: r.atStart,
        added: r.added.join(', ') || null,
        removed: r.removed.join(', ') || null,
        share: formatShare(r.atStart ? (r.added.length + r.removed.length) / r.atStart : null),
      })),
      issueKeys: rows.flatMap((r) => [...r.added, ...r.removed]),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Carry-over

export function carryOver(p: Computed, w: WindowBounds): MetricResult {
  const { tz } = p;
  const rows = p.facts.at(w).versions.carryOver;
  const carried = rows.reduce((n, r) => n + r.carried.length, 0);
  const scope = rows.reduce((n, r) => n + r.scope, 0);
  const share = scope ? carried / scope : null;
  return {
    figure: {
      id: 'carry-over',
      group: 'release',
      title: 'Carry-over',
      value: share,
      unit: 'percent',
      display: formatShare(share),
      statistic: 'share',
      numerator: { value: carried, label: 'issues not resolved by the end of the release day' },
      denominator: { value: scope, label: `issues in the fix version at the start of the release day (${formatCount(rows.length, 'version')})` },
      secondary: [{ label: 'Issues carried over', value: carried, display: String(carried) }],
      rag: ragLowerBetter(share, RELEASE_RAG.carryOver),
      window: windowOf(w, tz),
      definition: 'For versions released in the window: issues in the version at the start of its release day that were not resolved by the end of that day (moved on or left open).',
      notes: [],
      drilldownRows: rows.length,
    },
    drilldown: () => ({
      figureId: 'carry-over',
      title: 'Versions released in the window',
      columns: [
        { key: 'version', label: 'Version', kind: 'version' },
        { key: 'release', label: 'Released', kind: 'day' },
        { key: 'scope', label: 'Issues at release', kind: 'number' },
        { key: 'carried', label: 'Carried over', kind: 'issues' },
        { key: 'now', label: 'Where they are now', kind: 'text' },
      ],
      rows: rows.map((r) => ({
        version: versionCell(r.v),
        release: r.day,
        scope: r.scope,
        carried: r.carried.map((c) => c.key).join(', ') || null,
        now: r.carried.map((c) => `${c.key}: ${c.now}`).join('; ') || null,
      })),
      issueKeys: rows.flatMap((r) => r.carried.map((c) => c.key)),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Escaped defects

export function escapedDefects(p: Computed, w: WindowBounds): MetricResult {
  const { settings, tz } = p;
  const span = settings.escapedDefectDays * DAY_MS;
  const released = versionsReleasedIn(p, w);
  const rows = released.map(({ v, at, day }) => {
    const found = (p.facts.bugs.get(v.id) ?? [])
      .filter(([, minute]) => {
        const created = fromMinutes(minute);
        return created > at && created <= at + span && created <= w.now;
      })
      .map(([key]) => key)
      .sort();
    return { v, day, found, open: at + span > w.now };
  });
  const count = rows.reduce((n, r) => n + r.found.length, 0);
  const perRelease = rows.length ? count / rows.length : null;
  const stillOpen = rows.filter((r) => r.open).length;
  const notes = [`Bugs are issues of type ${settings.bugIssueTypes.join(', ')} whose affects version is the release, raised within ${settings.escapedDefectDays} days after it.`];
  if (stillOpen) notes.push(`${formatCount(stillOpen, 'version')} released less than ${settings.escapedDefectDays} days ago: more bugs may still be raised against them.`);
  return {
    figure: {
      id: 'escaped-defects',
      group: 'release',
      title: 'Escaped defects',
      value: perRelease,
      unit: 'per-release',
      display: perRelease === null ? '–' : `${formatNumber(perRelease, 1)} per release`,
      statistic: 'rate',
      numerator: { value: count, label: `bugs raised against a release within ${settings.escapedDefectDays} days after it` },
      denominator: { value: rows.length, label: 'versions released in the window' },
      secondary: [{ label: 'Bugs', value: count, display: String(count) }],
      rag: ragLowerBetter(perRelease, RELEASE_RAG.escapedPerRelease),
      window: windowOf(w, tz),
      definition: `For versions released in the window: bugs that name the version as affected and were raised within ${settings.escapedDefectDays} days after its release, per version.`,
      notes,
      drilldownRows: rows.length,
    },
    drilldown: () => ({
      figureId: 'escaped-defects',
      title: 'Versions released in the window and the bugs raised against them',
      columns: [
        { key: 'version', label: 'Version', kind: 'version' },
        { key: 'release', label: 'Released', kind: 'day' },
        { key: 'count', label: 'Bugs', kind: 'number' },
        { key: 'bugs', label: 'Escaped defects', kind: 'issues' },
        { key: 'open', label: 'Still observing', kind: 'flag' },
      ],
      rows: rows.map((r) => ({ version: versionCell(r.v), release: r.day, count: r.found.length, bugs: r.found.join(', ') || null, open: r.open })),
      issueKeys: rows.flatMap((r) => r.found),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Cycle time and throughput

/** First index of `list` (sorted by resolution) resolved at or after `minute`. */
function firstResolvedAtOrAfter(list: readonly ResolvedIssue[], minute: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as ResolvedIssue).resolved < minute) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The issues resolved in the window, delivered: counted in place, listed only when a drill-down
 * is read (a report, and each trend week's, would otherwise hold a list of up to ~57,000 at 150,000 issues).
 */
function resolvedInWindow(p: Computed, w: WindowBounds): { first: number; end: number; count: number; facts: () => ResolvedIssue[]; subtasks: number; notDelivered: number } {
  let count = 0;
  let subtasks = 0;
  let notDelivered = 0;
  const list = p.facts.resolved;
  // Minutes: resolved ∈ [from, to) in ms is resolved ∈ [ceil(from / 1 min), ceil(to / 1 min)) in whole minutes.
  const first = firstResolvedAtOrAfter(list, Math.ceil(w.from / 60_000));
  const end = firstResolvedAtOrAfter(list, Math.ceil(w.to / 60_000));
  for (let i = first; i < end; i++) {
    const kind = (list[i] as ResolvedIssue).kind;
    if (kind === 'subtask') subtasks++;
    else if (kind === 'not-delivered') notDelivered++;
    else count++;
  }
  const facts = () => list.slice(first, end).filter((f) => f.kind === 'delivered');
  return { first, end, count, facts, subtasks, notDelivered };
}

/** Where cycle time starts for an issue, or null when it never started (or started after resolving). */
function cycleStart(settings: Computed['settings'], f: ResolvedIssue): number | null {
  const start = settings.leadTimeStart === 'created' ? f.created : f.started;
  return start === null || start > f.resolved ? null : start;
}

export function cycleTime(p: Computed, w: WindowBounds): MetricResult {
  const { settings, tz } = p;
  const method = settings.percentileMethod;
  const { first, end, count, facts, subtasks, notDelivered } = resolvedInWindow(p, w);
  let neverStarted = 0;
  // Only the days are kept for the figure; the rows are listed again when the drill-down is read.
  const days = new Float64Array(count);
  let counted = 0;
  const list = p.facts.resolved;
  for (let i = first; i < end; i++) {
    const f = list[i] as ResolvedIssue;
    if (f.kind !== 'delivered') continue;
    const start = cycleStart(settings, f);
    if (start === null) {
      neverStarted++;
      continue;
    }
    days[counted++] = (f.resolved - start) / (24 * 60);
  }
  const sorted = days.subarray(0, counted).sort();
  const rows = () =>
    facts().flatMap((f) => {
      const start = cycleStart(settings, f);
      return start === null ? [] : [{ f, start, days: (f.resolved - start) / (24 * 60) }];
    });
  const p50 = percentileOfSorted(sorted, 0.5, method) ?? null;
  const p85 = percentileOfSorted(sorted, 0.85, method) ?? null;
  const notes: string[] = [];
  if (neverStarted) notes.push(`${formatCount(neverStarted, 'issue')} resolved without ever being In Progress: left out.`);
  if (subtasks) notes.push(`${formatCount(subtasks, 'sub-task')} left out (settings).`);
  if (notDelivered) notes.push(`${formatCount(notDelivered, 'issue')} resolved as not delivered left out.`);
  return {
    figure: {
      id: 'cycle-time',
      group: 'release',
      title: 'Cycle time',
      value: p50,
      unit: 'days',
      display: formatDays(p50),
      statistic: 'median',
      numerator: { value: counted, label: 'issues resolved in the window' },
      denominator: null,
      method: PERCENTILE_METHOD_LABELS[method],
      secondary: [{ label: '85th percentile', value: p85, display: formatDays(p85) }],
      rag: 'neutral',
      window: windowOf(w, tz),
      definition:
        settings.leadTimeStart === 'created'
          ? 'Days from creation to resolution of issues resolved in the window; median and 85th percentile.'
          : 'Days from the first move to an In Progress status to resolution, for issues resolved in the window; median and 85th percentile.',
      notes,
      drilldownRows: counted,
    },
    drilldown: () => {
      const listed = rows();
      return {
        figureId: 'cycle-time',
        title: 'Issues resolved in the window',
        columns: [
          { key: 'issue', label: 'Issue', kind: 'issue' },
          { key: 'start', label: 'Started (UTC)', kind: 'time' },
          { key: 'resolved', label: 'Resolved (UTC)', kind: 'time' },
          { key: 'days', label: 'Cycle time (days)', kind: 'number' },
        ],
        // In the digest's order: by resolution, then key.
        rows: listed.map((r) => ({ issue: r.f.key, start: isoMinute(fromMinutes(r.start)), resolved: isoMinute(fromMinutes(r.f.resolved)), days: Number(r.days.toFixed(2)) })),
        issueKeys: listed.map((r) => r.f.key),
      };
    },
  };
}

export function throughput(p: Computed, w: WindowBounds): MetricResult {
  const { tz } = p;
  const { count, facts, subtasks, notDelivered } = resolvedInWindow(p, w);
  const perWeek = (count * 7) / w.days;
  const notes: string[] = [];
  if (subtasks) notes.push(`${formatCount(subtasks, 'sub-task')} left out (settings).`);
  if (notDelivered) notes.push(`${formatCount(notDelivered, 'issue')} resolved as not delivered left out.`);
  return {
    figure: {
      id: 'throughput',
      group: 'release',
      title: 'Throughput',
      value: perWeek,
      unit: 'per-week',
      display: `${formatNumber(perWeek, 1)} issues per week`,
      statistic: 'rate',
      numerator: { value: count, label: 'issues resolved (delivered) in the window' },
      denominator: { value: w.days, label: 'days in the window' },
      secondary: [],
      rag: 'neutral',
      window: windowOf(w, tz),
      definition: 'Issues resolved in the window with a resolution that counts as delivered, per week.',
      notes,
      drilldownRows: count,
    },
    drilldown: () => ({
      figureId: 'throughput',
      title: 'Issues resolved in the window',
      columns: [
        { key: 'issue', label: 'Issue', kind: 'issue' },
        { key: 'resolved', label: 'Resolved (UTC)', kind: 'time' },
        { key: 'week', label: `Week of (${tz})`, kind: 'day' },
      ],
      // In the digest's order: by resolution, then key.
      rows: facts().map((f) => {
        const at = fromMinutes(f.resolved);
        return { issue: f.key, resolved: isoMinute(at), week: mondayOf(dayOf(at, tz)) };
      }),
      issueKeys: facts().map((f) => f.key),
    }),
  };
}

