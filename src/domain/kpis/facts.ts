/**
 * The issue facts KPIs need, derived from a Jira issue and its changelog, and their compact stored
 * form. Only what a definition in docs/kpi-definitions.md reads is kept: type, created, when work
 * started, resolution (with re-openings), fix-version membership over time, affected versions.
 * Times are whole minutes since the Unix epoch (UTC): exact enough for hours and days, and short.
 */
import { MINUTE_MS, parseInstant } from './time';

export type StatusCategory = 'new' | 'indeterminate' | 'done';

/** An issue was in a fix version from `from` until `to` (exclusive; null: still is). */
export interface FixVersionInterval {
  versionId: string;
  from: number;
  to: number | null;
}

/** A resolution was set at `from` and cleared at `to` (null: still resolved). */
export interface ResolvedInterval {
  from: number;
  to: number | null;
}

export interface IssueFact {
  id: string;
  key: string;
  typeId: string;
  /** Epoch minutes. */
  created: number;
  updated: number;
  /** First move into a status of the In Progress category; null if it never happened. */
  started: number | null;
  /** Jira's resolution date (the latest resolution), null while unresolved. */
  resolved: number | null;
  resolutionId: string | null;
  category: StatusCategory;
  fixVersions: FixVersionInterval[];
  /** Affects versions (Jira's `versions`), now. */
  affects: string[];
  resolutions: ResolvedInterval[];
}

/** What the sync learns about ids it sees, so facts can store ids and settings can name things. */
export interface FactDictionaries {
  issueTypes: Record<string, { name: string; subtask: boolean }>;
  resolutions: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// From Jira

export interface JiraIssueForFacts {
  id: string;
  key: string;
  fields: {
    issuetype?: { id?: string; name?: string; subtask?: boolean } | null;
    created?: string | null;
    updated?: string | null;
    status?: { id?: string; statusCategory?: { key?: string } } | null;
    resolution?: { id?: string; name?: string } | null;
    resolutiondate?: string | null;
    fixVersions?: Array<{ id: string | number }> | null;
    versions?: Array<{ id: string | number }> | null;
    [field: string]: unknown;
  };
}

export interface ChangeHistoryForFacts {
  id?: string;
  created: string | number;
  items: Array<{ field?: string; fieldId?: string; from: string | null; to: string | null }>;
}

const toMinutes = (ms: number) => Math.floor(ms / MINUTE_MS);

function historyTime(history: ChangeHistoryForFacts): number | undefined {
  return typeof history.created === 'number' ? history.created : parseInstant(history.created);
}

function isField(item: ChangeHistoryForFacts['items'][number], fieldId: string, fieldName: string): boolean {
  return item.fieldId === fieldId || (item.fieldId === undefined && item.field === fieldName);
}

/** Jira's status category key; none, or one Jira does not define, reads as new. */
function category(key: string | undefined): StatusCategory {
  return key === 'indeterminate' || key === 'done' ? key : 'new';
}

/**
 * The facts of one issue. `histories` may be in any order (search expands them newest first, the
 * bulk changelog oldest first) and may hold other fields' items; `statusCategoryOf` maps a status
 * id from the changelog to its category (Jira's status catalogue).
 */
export function issueFactFromJira(
  issue: JiraIssueForFacts,
  histories: readonly ChangeHistoryForFacts[],
  statusCategoryOf: (statusId: string) => StatusCategory | undefined,
): IssueFact {
  const f = issue.fields;
  const createdMs = parseInstant(f.created) ?? 0;
  const created = toMinutes(createdMs);
  // Changes of the same instant by history id; without ids they keep their order (the sort is stable).
  const timed = histories
    .map((h) => ({ h, at: historyTime(h) }))
    .filter((x): x is { h: ChangeHistoryForFacts; at: number } => x.at !== undefined)
    .sort((a, b) => a.at - b.at || Number(a.h.id ?? 0) - Number(b.h.id ?? 0));

  // Work started: an issue created in progress started then; otherwise at the first move into an
  // In Progress status. The status it was created in is the first status change's "from" (the
  // status now when it never changed).
  const current = category(f.status?.statusCategory?.key);
  const firstStatusChange = timed.flatMap(({ h }) => h.items).find((i) => isField(i, 'status', 'status'));
  const createdIn = firstStatusChange ? statusCategoryOf(firstStatusChange.from ?? '') : current;
  let started: number | null = createdIn === 'indeterminate' ? created : null;
  for (const { h, at } of timed) {
    if (started !== null) break;
    if (h.items.some((i) => isField(i, 'status', 'status') && i.to !== null && statusCategoryOf(i.to) === 'indeterminate')) started = toMinutes(at);
  }

  // Resolution intervals from the changelog; without resolution items, the current resolution.
  const resolvedMs = parseInstant(f.resolutiondate);
  const resolutions: ResolvedInterval[] = [];
  for (const { h, at } of timed) {
    for (const item of h.items) {
      if (!isField(item, 'resolution', 'resolution')) continue;
      const open = resolutions.at(-1);
      if (item.to !== null && (!open || open.to !== null)) resolutions.push({ from: toMinutes(at), to: null });
      else if (item.to === null && open && open.to === null) open.to = toMinutes(at);
    }
  }
  if (resolvedMs !== undefined) {
    const open = resolutions.at(-1);
    if (!open || open.to !== null) resolutions.push({ from: toMinutes(resolvedMs), to: null });
  } else {
    const open = resolutions.at(-1);
    // Unresolved now: an interval the changelog left open was closed by something not shown.
    if (open && open.to === null) open.to = toMinutes(parseInstant(f.updated) ?? createdMs);
  }

  return {
    id: String(issue.id),
    key: issue.key,
    typeId: String(f.issuetype?.id ?? ''),
    created,
    updated: toMinutes(parseInstant(f.updated) ?? createdMs),
    started,
    resolved: resolvedMs === undefined ? null : toMinutes(resolvedMs),
    resolutionId: f.resolution?.id !== undefined ? String(f.resolution.id) : null,
    category: current,
    fixVersions: fixVersionIntervals(
      (f.fixVersions ?? []).map((v) => String(v.id)),
      created,
      timed.map(({ h, at }) => ({ at: toMinutes(at), items: h.items.filter((i) => isField(i, 'fixVersions', 'Fix Version')) })),
    ),
    affects: (f.versions ?? []).map((v) => String(v.id)),
    resolutions,
  };
}

/**
 * Membership intervals of an issue in its fix versions: the set at creation is the current set with
 * the changelog undone, then each add opens an interval and each removal closes one.
 */
export function fixVersionIntervals(
  currentIds: readonly string[],
  created: number,
  changes: ReadonlyArray<{ at: number; items: ReadonlyArray<{ from: string | null; to: string | null }> }>,
): FixVersionInterval[] {
  const initial = new Set(currentIds);
  for (let i = changes.length - 1; i >= 0; i--) {
    for (const item of (changes[i] as (typeof changes)[number]).items) {
      if (item.to !== null) initial.delete(item.to);
      if (item.from !== null) initial.add(item.from);
    }
  }
  const intervals: FixVersionInterval[] = [];
  const open = new Map<string, FixVersionInterval>();
  for (const versionId of initial) {
    const interval = { versionId, from: created, to: null };
    intervals.push(interval);
    open.set(versionId, interval);
  }
  for (const change of changes) {
    for (const item of change.items) {
      if (item.from !== null) {
        const interval = open.get(item.from);
        if (interval) {
          interval.to = Math.max(interval.from, change.at);
          open.delete(item.from);
        }
      }
      if (item.to !== null && !open.has(item.to)) {
        const interval = { versionId: item.to, from: change.at, to: null };
        intervals.push(interval);
        open.set(item.to, interval);
      }
    }
  }
  return intervals;
}

// ---------------------------------------------------------------------------------------------
// Questions the definitions ask of a fact (times in epoch minutes)

export function inVersionAt(fact: Pick<IssueFact, 'fixVersions'>, versionId: string, at: number): boolean {
  return fact.fixVersions.some((v) => v.versionId === versionId && v.from <= at && (v.to === null || v.to > at));
}

export function resolvedAt(fact: Pick<IssueFact, 'resolutions'>, at: number): boolean {
  return fact.resolutions.some((r) => r.from <= at && (r.to === null || r.to > at));
}

// ---------------------------------------------------------------------------------------------
// Stored form: one array per issue, about 90 bytes, so ~2,500 issues fit one 240 KiB shard

export type FactTuple = [
  id: string,
  key: string,
  typeId: string,
  created: number,
  updated: number,
  started: number | null,
  resolved: number | null,
  resolutionId: string | null,
  category: 0 | 1 | 2,
  fixVersions: Array<[string, number, number | null]>,
  affects: string[],
  /** Flat [from, to, from, to…]; empty when it is just [resolved, open] or never resolved. */
  resolutions: Array<number | null>,
];

const CATEGORY_CODES: StatusCategory[] = ['new', 'indeterminate', 'done'];

export function encodeFact(fact: IssueFact): FactTuple {
  // One interval, open since Jira's resolution date, is what decodeFact rebuilds from `resolved`
  // alone (an open interval is always the last one).
  const first = fact.resolutions[0];
  const trivial = first?.to === null && first.from === fact.resolved;
  return [
    fact.id,
    fact.key,
    fact.typeId,
    fact.created,
    fact.updated,
    fact.started,
    fact.resolved,
    fact.resolutionId,
    CATEGORY_CODES.indexOf(fact.category) as 0 | 1 | 2,
    fact.fixVersions.map((v) => [v.versionId, v.from, v.to]),
    fact.affects,
    trivial ? [] : fact.resolutions.flatMap((r) => [r.from, r.to]),
  ];
}

export function decodeFact(tuple: FactTuple): IssueFact {
  const [id, key, typeId, created, updated, started, resolved, resolutionId, cat, fix, affects, flat] = tuple;
  const resolutions: ResolvedInterval[] = [];
  if (flat.length) {
    for (let i = 0; i < flat.length; i += 2) resolutions.push({ from: flat[i] as number, to: (flat[i + 1] ?? null) as number | null });
  } else if (resolved !== null) {
    resolutions.push({ from: resolved, to: null });
  }
  return {
    id,
    key,
    typeId,
    created,
    updated,
    started,
    resolved,
    resolutionId,
    category: CATEGORY_CODES[cat] as StatusCategory,
    fixVersions: fix.map(([versionId, from, to]) => ({ versionId, from, to })),
    affects,
    resolutions,
  };
}
