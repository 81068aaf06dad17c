/**
 * A release's readiness summary: what the calendar, the Overview, the Go/No-Go header and
 * "waiting for me" need of a roll-up, in one small document, so a view reads one key per release
 * instead of every bucket. It is derived from the roll-up's entries by the same evaluation as
 * rollUpRelease, but without "today": each issue is classed as red, advisory-amber, open work
 * (amber only once the release is `closeDays` away) or green, and the reader applies today's
 * window (rollupOfSummary). Writers keep it current with a delta per changed entry (withEntryChange)
 * in the transaction that changes the entry, and rebuild it from every leaf (summarizeRelease) when
 * a delta cannot say enough. `rollupRev` is the sum of the revisions of the roll-up's documents it
 * was computed from: every write raises it, so a repair can tell a stale summary from a current one.
 */
import type { CalendarDate } from '../calendar/calendar-date';
import type { ReleaseHealth } from '../status/vocabulary';
import type { ReleaseState } from '../../contract';
import { type ReleaseTarget, evaluateReadiness } from './evaluate';
import { SIGN_OFF_ISSUES_LISTED } from './pending-sign-offs';
import { type ReadinessPolicy, type Severity, appliesTo, isManual } from './policy';
import { type CriterionTally, type ReleaseRollup, type RollupIssue, type ShardEntry, blockingOrder, healthOfRollup } from './rollup';

/** Blocking issues kept in order; readers show at most BLOCKING_SHOWN. The margin absorbs removals. */
export const BLOCKING_KEPT = 40;
export const BLOCKING_SHOWN = 25;
/** Issues kept per set of outstanding sign-offs, first by key; waiting-for-me lists 5. */
export const PENDING_KEPT = 10;
export const PENDING_SHOWN = SIGN_OFF_ISSUES_LISTED;

export interface SummaryBlockingIssue extends RollupIssue {
  issueType: string;
  priority?: string;
}

/** Issues whose outstanding manual checks are exactly `checks`: how many, the first few by key. */
export interface PendingSet {
  checks: string[];
  count: number;
  first: Array<{ key: string; summary: string }>;
}

export interface ReadinessSummary {
  versionId: string;
  /** Policy revision the entries were judged by. */
  policyRev: number;
  /** Sum of the revisions of the roll-up's documents (leaves, split nodes, repair marks) it reflects; -1: none yet. */
  rollupRev: number;
  /** The roll-up's builtAtOf (undefined while it is still being built). */
  builtAt?: string;
  updatedAt: string;
  total: number;
  done: number;
  /** A blocking criterion fails. */
  red: number;
  /** Only advisory criteria fail. */
  advisory: number;
  /** Nothing fails but work is open: Amber once the release is close. */
  openWork: number;
  failing: Record<string, number>;
  /** Open Highest/High bugs, issues blocked by an open issue (the Go/No-Go evidence). */
  openBugs: number;
  blockedByOpen: number;
  /** The first red issues in rollUpRelease's order: the exact top `blocking.length`. */
  blocking: SummaryBlockingIssue[];
  pending: PendingSet[];
  /**
   * The release dates it was judged with ("Blockers ship no later"): the release's own and its
   * blockers' releases, each as [date or null, when it was known (epoch ms)]. Absent: written
   * before dates were recorded (readers re-judge it).
   */
  dates?: Record<string, JudgedDate>;
}

/** A release date as a summary was judged with: the date (null: none), and when it was known (epoch ms). */
export type JudgedDate = [date: string | null, at: number];

/** What one entry adds to a summary. */
export interface Contribution {
  key: string;
  summary: string;
  done: boolean;
  klass: 'red' | 'advisory' | 'openWork' | 'green';
  failing: string[];
  openBug: boolean;
  blockedByOpen: boolean;
  blocking?: SummaryBlockingIssue;
  pending: string[];
}

export const emptySummary = (versionId: string, policyRev: number, updatedAt: string): ReadinessSummary => ({
  versionId,
  policyRev,
  rollupRev: 0,
  updatedAt,
  total: 0,
  done: 0,
  red: 0,
  advisory: 0,
  openWork: 0,
  failing: {},
  openBugs: 0,
  blockedByOpen: 0,
  blocking: [],
  pending: [],
});

/** Evaluation needs a day, but with `daysLeft: null` no rule reads it: the summary does not depend on today. */
const ANY_DAY = '2000-01-01' as CalendarDate;

/** The release an entry is judged against: its fix version with this id, as its facts were read. */
function targetOf(versionId: string, entry: ShardEntry): ReleaseTarget {
  const v = entry.fixVersions.find((f) => f.id === versionId);
  // Stryker disable next-line LogicalOperator,BooleanLiteral: the name shows only in reasons, which a contribution drops; `released` is read only by daysLeftFor, which contributionOf bypasses (daysLeft: null).
  return { id: versionId, name: v?.name ?? versionId, released: false, ...(v?.releaseDate ? { releaseDate: v.releaseDate } : {}) };
}

/** The dates of the releases an entry's judgement depends on, as read with it: its release's and its blockers' unreleased ones. */
export function datesOfEntry(versionId: string, entry: ShardEntry): Map<string, string | null> {
  const dates = new Map<string, string | null>([[versionId, entry.fixVersions.find((f) => f.id === versionId)?.releaseDate ?? null]]);
  for (const b of entry.blockers) for (const v of b.fixVersions ?? []) if (!v.released) dates.set(v.id, v.releaseDate ?? null);
  return dates;
}

/**
 * The dates to judge a release's entries with: for each release they depend on, the newest known
 * date: the entries' own (as read, at `observed`) or `known` (Jira's live dates, an earlier summary's).
 */
export function judgedDates(versionId: string, entries: Iterable<ShardEntry>, known: Readonly<Record<string, JudgedDate>> = {}): Record<string, JudgedDate> {
  const dates: Record<string, JudgedDate> = {};
  for (const entry of entries) {
    for (const [id, date] of datesOfEntry(versionId, entry)) if (!dates[id] || entry.observed > dates[id][1]) dates[id] = [date, entry.observed];
  }
  for (const [id, judged] of Object.entries(known)) if (dates[id] && judged[1] >= dates[id][1]) dates[id] = judged;
  return dates;
}

/** Jira's live release dates (`live`, known at `at`) as judged dates. */
export function liveDates(live: ReadonlyMap<string, string | undefined>, at: number): Record<string, JudgedDate> {
  return Object.fromEntries([...live].map(([id, date]) => [id, [date ?? null, at] as JudgedDate]));
}

/** The summary was judged with other dates than Jira's live ones (`live`: the versions a reader has), or with none recorded. */
export function datesDiffer(summary: ReadinessSummary, live: ReadonlyMap<string, string | undefined>): boolean {
  return !summary.dates || Object.entries(summary.dates).some(([id, [date]]) => live.has(id) && (live.get(id) ?? null) !== date);
}

const releaseDatesOf = (dates: Readonly<Record<string, JudgedDate>>) => new Map(Object.entries(dates).map(([id, [date]]) => [id, date ?? undefined]));

export function contributionOf(policy: ReadinessPolicy, versionId: string, entry: ShardEntry, dates?: Readonly<Record<string, JudgedDate>>): Contribution {
  const signed = new Map(entry.s.map((id) => [id, {}]));
  const evaluation = evaluateReadiness({
    policy, facts: entry, signed, release: targetOf(versionId, entry), today: ANY_DAY, daysLeft: null, ...(dates ? { releaseDates: releaseDatesOf(dates) } : {}),
  });
  const failing: string[] = [];
  const failingBlocking: string[] = [];
  const mentions = new Set<string>();
  for (const result of evaluation.results) {
    if (result.status !== 'fail') continue;
    failing.push(result.id);
    if (result.severity === 'blocking') {
      failingBlocking.push(result.label);
      for (const m of result.issues ?? []) mentions.add(m.key);
    }
  }
  const workOpen = entry.category !== 'done' || entry.subtasks.open.length > 0;
  const klass = evaluation.rag === 'red' ? 'red' : evaluation.rag === 'amber' ? 'advisory' : workOpen ? 'openWork' : 'green';
  const pending = policy.criteria.filter((c) => isManual(c) && appliesTo(c, entry.issueType) && !entry.s.includes(c.id)).map((c) => c.id);
  return {
    key: entry.key,
    summary: entry.summary,
    done: entry.category === 'done',
    klass,
    failing,
    openBug: entry.category !== 'done' && entry.issueType.toLowerCase() === 'bug' && (entry.priority === 'Highest' || entry.priority === 'High'),
    blockedByOpen: entry.blockers.some((b) => b.category !== 'done'),
    ...(klass === 'red'
      ? { blocking: { key: entry.key, summary: entry.summary, rag: 'red' as const, statusName: entry.statusName, failing: failingBlocking, mentions: [...mentions], issueType: entry.issueType, ...(entry.priority ? { priority: entry.priority } : {}) } }
      : {}),
    pending,
  };
}

const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key, 'en', { numeric: true });
const setId = (checks: readonly string[]) => checks.join('\u0000');

/** Adds (sign 1) or takes away (sign -1) one entry's contribution; lists may come out short (see complete()). */
function applyContribution(summary: ReadinessSummary, c: Contribution, sign: 1 | -1): ReadinessSummary {
  const failing = { ...summary.failing };
  for (const id of c.failing) {
    const n = (failing[id] ?? 0) + sign;
    if (n > 0) failing[id] = n;
    else delete failing[id];
  }
  let blocking = summary.blocking.filter((b) => b.key !== c.key);
  if (sign === 1 && c.blocking) {
    const merged = [...blocking, c.blocking].sort(blockingOrder);
    // In only where it is sure to be among the top: before the last kept one, or when every red issue is kept.
    if (merged.at(-1) !== c.blocking || blocking.length >= summary.red) blocking = merged.slice(0, BLOCKING_KEPT);
  }
  let pending = summary.pending.map((p) => ({ ...p, first: p.first.filter((i) => i.key !== c.key) }));
  if (c.pending.length) {
    const id = setId(c.pending);
    let set = pending.find((p) => setId(p.checks) === id);
    if (!set) {
      set = { checks: c.pending, count: 0, first: [] };
      pending = [...pending, set];
    }
    set.count += sign;
    if (sign === 1) {
      const item = { key: c.key, summary: c.summary };
      const merged = [...set.first, item].sort(byKey);
      // The same rule as for red issues: before the last kept one, or when every issue of the set is kept.
      if (merged.at(-1) !== item || set.first.length >= set.count - 1) set.first = merged.slice(0, PENDING_KEPT);
    }
  }
  return {
    ...summary,
    total: summary.total + sign,
    done: summary.done + (c.done ? sign : 0),
    red: summary.red + (c.klass === 'red' ? sign : 0),
    advisory: summary.advisory + (c.klass === 'advisory' ? sign : 0),
    openWork: summary.openWork + (c.klass === 'openWork' ? sign : 0),
    failing,
    openBugs: summary.openBugs + (c.openBug ? sign : 0),
    blockedByOpen: summary.blockedByOpen + (c.blockedByOpen ? sign : 0),
    blocking,
    pending: pending.filter((p) => p.count > 0),
  };
}

/** The lists still hold what readers show: the top BLOCKING_SHOWN red issues, the first PENDING_SHOWN of each set. */
export function complete(summary: ReadinessSummary): boolean {
  return summary.blocking.length >= Math.min(summary.red, BLOCKING_SHOWN) && summary.pending.every((p) => p.first.length >= Math.min(p.count, PENDING_SHOWN));
}

/** The summary of a release's entries, from scratch, judged with the newest dates known (see judgedDates). */
export function summarizeRelease(
  policy: ReadinessPolicy,
  meta: { versionId: string; policyRev: number; rollupRev: number; builtAt?: string; updatedAt: string },
  entries: Iterable<ShardEntry>,
  known?: Readonly<Record<string, JudgedDate>>,
): ReadinessSummary {
  let summary = emptySummary(meta.versionId, meta.policyRev, meta.updatedAt);
  const all = [...entries];
  const dates = judgedDates(meta.versionId, all, known);
  const contributions = all.map((e) => contributionOf(policy, meta.versionId, e, dates));
  // Counts first, so each list insertion knows how many there are; then the lists from sorted input.
  for (const c of contributions) summary = applyContribution(summary, { ...c, blocking: undefined, pending: [] } as Contribution, 1);
  const blocking = contributions.flatMap((c) => (c.blocking ? [c.blocking] : [])).sort(blockingOrder).slice(0, BLOCKING_KEPT);
  const sets = new Map<string, PendingSet>();
  for (const c of [...contributions].sort(byKey)) {
    if (!c.pending.length) continue;
    const set = sets.get(setId(c.pending)) ?? { checks: c.pending, count: 0, first: [] };
    set.count++;
    if (set.first.length < PENDING_KEPT) set.first.push({ key: c.key, summary: c.summary });
    sets.set(setId(c.pending), set);
  }
  return { ...summary, rollupRev: meta.rollupRev, ...(meta.builtAt ? { builtAt: meta.builtAt } : {}), blocking, pending: [...sets.values()], dates };
}

/**
 * The summary after one entry of the release changed (before/after undefined: added/removed), the
 * roll-up's documents having taken `writes` more revisions; undefined when the lists would no
 * longer hold what readers show (rebuild with summarizeRelease then).
 */
export function withEntryChange(
  summary: ReadinessSummary,
  policy: ReadinessPolicy,
  change: { before?: ShardEntry; after?: ShardEntry; writes: number; updatedAt: string },
): ReadinessSummary | undefined {
  if (!summary.dates) return undefined;
  const dates = { ...summary.dates };
  if (change.after) {
    for (const [id, date] of datesOfEntry(summary.versionId, change.after)) {
      const judged = dates[id];
      if (!judged) dates[id] = [date, change.after.observed];
      // The entry was read with a newer date than the summary was judged with: every entry is judged again.
      else if (judged[0] !== date && change.after.observed > judged[1]) return undefined;
    }
  }
  let next = summary;
  if (change.before) next = applyContribution(next, contributionOf(policy, summary.versionId, change.before, summary.dates), -1);
  if (change.after) next = applyContribution(next, contributionOf(policy, summary.versionId, change.after, dates), 1);
  next = { ...next, rollupRev: summary.rollupRev + change.writes, updatedAt: change.updatedAt, dates };
  return complete(next) ? next : undefined;
}

/** The same summary apart from when it was written. */
export function sameSummary(a: ReadinessSummary | undefined, b: ReadinessSummary): boolean {
  // No summary (`{ ...undefined }` is `{}`) never reads like one.
  return JSON.stringify({ ...a, updatedAt: '' }) === JSON.stringify({ ...b, updatedAt: '' });
}

/**
 * The release's roll-up as rollUpRelease gives it, from its summary and today's days left: the
 * open-work issues are Amber once the release is `closeDays` or fewer away (or overdue).
 */
export function rollupOfSummary(summary: ReadinessSummary, policy: ReadinessPolicy, daysLeft: number | null, blockingLimit = BLOCKING_SHOWN): ReleaseRollup {
  const close = daysLeft !== null && daysLeft <= policy.closeDays;
  const amber = summary.advisory + (close ? summary.openWork : 0);
  const rag = { red: summary.red, amber, green: summary.total - summary.red - amber };
  const tallies: CriterionTally[] = policy.criteria
    .filter((c) => (summary.failing[c.id] ?? 0) > 0)
    .map((c) => ({ id: c.id, label: c.label, severity: c.severity as Severity, count: summary.failing[c.id] as number }))
    .sort((a, b) => b.count - a.count || (a.severity === b.severity ? 0 : a.severity === 'blocking' ? -1 : 1));
  return {
    total: summary.total,
    ready: summary.total - summary.red,
    rag,
    failing: tallies,
    blocking: summary.blocking.slice(0, blockingLimit).map(({ issueType: _t, priority: _p, ...issue }) => issue),
    overall: rag.red ? 'red' : rag.amber ? 'amber' : 'green',
    done: summary.done,
  };
}

/** The release's health for the calendar, from its summary. */
export function healthOfSummary(summary: ReadinessSummary, state: ReleaseState, daysLeft: number | null): ReleaseHealth {
  return healthOfRollup(state, daysLeft, { total: summary.total, ready: summary.total - summary.red, done: summary.done });
}
