/** Pure helpers for the releases table: labels, filtering and sorting. No React, no bridge. */
import { isValid } from 'date-fns';
import { formatDay } from './date-format';
import type { ReleaseState, ReleaseSummary, StatusCategoryCounts } from '../../../src/contract';
import { LOZENGE_APPEARANCE, type LozengeAppearance, RELEASE_STATE } from '../../../src/domain/status/vocabulary';

export type { LozengeAppearance } from '../../../src/domain/status/vocabulary';

export const STATE_ORDER: readonly ReleaseState[] = ['overdue', 'in-progress', 'planned', 'unscheduled', 'released'];

/** The state words of the app's one vocabulary (src/domain/status/vocabulary.ts). */
export const STATE_LABELS: Record<ReleaseState, string> = Object.fromEntries(
  Object.entries(RELEASE_STATE).map(([state, word]) => [state, word.word]),
) as Record<ReleaseState, string>;

export function stateAppearance(state: ReleaseState): LozengeAppearance {
  return LOZENGE_APPEARANCE[RELEASE_STATE[state].colour];
}

/** Parses a Jira calendar date (yyyy-MM-dd) as a local date; undefined when absent or malformed. */
export function parseJiraDate(text: string | undefined): Date | undefined {
  const match = text ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : null;
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  // Reject dates the Date constructor would roll over (2026-02-30 -> 2 March).
  if (!isValid(date) || date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return undefined;
  return date;
}

export function formatJiraDate(text: string | undefined): string {
  const date = parseJiraDate(text);
  return date ? formatDay(date) : '–';
}

/** "in 3 days", "today", "2 days late"; nothing for released versions or without a date. */
export function relativeReleaseText(release: Pick<ReleaseSummary, 'released' | 'daysToRelease'>): string | undefined {
  const days = release.daysToRelease;
  if (release.released || days === null) return undefined;
  if (days === 0) return 'due today';
  if (days > 0) return days === 1 ? 'in 1 day' : `in ${days} days`;
  return days === -1 ? '1 day late' : `${-days} days late`;
}

export interface ProgressSegments {
  todo: number;
  inProgress: number;
  done: number;
  /** Share of the bar per category, 0-100, summing to 100 when there are issues. */
  widths: { todo: number; inProgress: number; done: number };
}

export function progressSegments(counts: StatusCategoryCounts): ProgressSegments {
  const sum = counts.todo + counts.inProgress + counts.done;
  const share = (n: number) => (sum > 0 ? (n / sum) * 100 : 0);
  return {
    todo: counts.todo,
    inProgress: counts.inProgress,
    done: counts.done,
    widths: { todo: share(counts.todo), inProgress: share(counts.inProgress), done: share(counts.done) },
  };
}

export interface ReleaseFilter {
  text: string;
  /** undefined: every state. */
  state?: ReleaseState;
}

export function filterReleases(releases: readonly ReleaseSummary[], filter: ReleaseFilter): ReleaseSummary[] {
  const needle = filter.text.trim().toLowerCase();
  return releases.filter((r) => {
    if (filter.state && r.state !== filter.state) return false;
    if (!needle) return true;
    return r.name.toLowerCase().includes(needle) || (r.description ?? '').toLowerCase().includes(needle);
  });
}

export type SortColumn = 'name' | 'state' | 'start' | 'release' | 'progress' | 'issues';
export type SortOrder = 'ASC' | 'DESC';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Missing dates sort after every real date in ascending order. */
function dateValue(text: string | undefined): number {
  const date = parseJiraDate(text);
  return date ? date.getTime() : Number.POSITIVE_INFINITY;
}

function compareBy(column: SortColumn, a: ReleaseSummary, b: ReleaseSummary): number {
  switch (column) {
    case 'name':
      return collator.compare(a.name, b.name);
    case 'state':
      return STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state);
    case 'start':
      return compareNumbers(dateValue(a.startDate), dateValue(b.startDate));
    case 'release':
      return compareNumbers(dateValue(a.releaseDate), dateValue(b.releaseDate));
    case 'progress':
      return a.percentDone - b.percentDone;
    case 'issues':
      return a.counts.total - b.counts.total;
  }
}

function compareNumbers(a: number, b: number): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Sorted copy. Ties fall back to the release date, then the name, so the order is stable across
 * reloads; DESC is exactly the reverse of ASC.
 */
export function sortReleases(releases: readonly ReleaseSummary[], column: SortColumn, order: SortOrder): ReleaseSummary[] {
  const sorted = [...releases].sort(
    (a, b) =>
      compareBy(column, a, b) ||
      compareNumbers(dateValue(a.releaseDate), dateValue(b.releaseDate)) ||
      collator.compare(a.name, b.name) ||
      collator.compare(a.id, b.id),
  );
  return order === 'DESC' ? sorted.reverse() : sorted;
}

export function isSortColumn(value: unknown): value is SortColumn {
  return value === 'name' || value === 'state' || value === 'start' || value === 'release' || value === 'progress' || value === 'issues';
}

/** Relative URL of a version's page in Jira, for `router.open`. */
export function versionPath(projectKey: string, versionId: string): string {
  return `/projects/${encodeURIComponent(projectKey)}/versions/${encodeURIComponent(versionId)}`;
}
