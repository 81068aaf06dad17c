/**
 * Pure wording and appearance rules for the issue panel (and anything else that shows releases).
 * No React, no Forge: unit tested table-driven in test/frontend/release-wording.test.ts.
 */
import type { IssueRef, IssueReleaseView, ReleaseState } from '../contract';

/** The classic UI Kit Lozenge appearances (all accepted by @forge/react's Lozenge). */
export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

const STATE_APPEARANCE: Record<ReleaseState, LozengeAppearance> = {
  released: 'success',
  overdue: 'removed',
  'in-progress': 'inprogress',
  planned: 'new',
  unscheduled: 'default',
};

const STATE_LABEL: Record<ReleaseState, string> = {
  released: 'Released',
  overdue: 'Overdue',
  'in-progress': 'In progress',
  planned: 'Planned',
  unscheduled: 'Unscheduled',
};

export function stateAppearance(state: ReleaseState): LozengeAppearance {
  return STATE_APPEARANCE[state] ?? 'default';
}

export function stateLabel(state: ReleaseState): string {
  return STATE_LABEL[state] ?? state;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * "5 days left", "Due today", "3 days late"; null when there is nothing to say
 * (released versions, or no release date).
 */
export function daysWording(daysToRelease: number | null, released: boolean): string | null {
  if (released || daysToRelease === null || !Number.isFinite(daysToRelease)) return null;
  const days = Math.trunc(daysToRelease);
  if (days === 0) return 'Due today';
  if (days > 0) return `${plural(days, 'day')} left`;
  return `${plural(-days, 'day')} late`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-12-01` → `1 Dec 2026` (calendar date, no time zone shift); anything else as given. */
export function formatReleaseDate(date: string | undefined): string {
  if (!date) return 'No release date';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return date;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

export function statusAppearance(category: IssueRef['statusCategory']): LozengeAppearance {
  if (category === 'done') return 'success';
  if (category === 'indeterminate') return 'inprogress';
  return 'default';
}

export type BlockerConcern = 'no-release' | 'other-release' | null;

/**
 * Why a blocker deserves attention next to this issue's release(s):
 *  - 'no-release': it is in no fix version at all, so nothing schedules it;
 *  - 'other-release': it ships in none of this issue's fix versions;
 *  - null: it ships with (one of) this issue's releases, or this issue has no release to compare.
 * `fixVersions` may hold version names or ids; both are compared.
 */
export function blockerConcern(blockerFixVersions: readonly string[], issueReleases: IssueReleaseView['releases']): BlockerConcern {
  if (blockerFixVersions.length === 0) return 'no-release';
  if (issueReleases.length === 0) return null;
  const mine = new Set(issueReleases.flatMap((r) => [r.name, r.id]));
  return blockerFixVersions.some((v) => mine.has(v)) ? null : 'other-release';
}

export function blockerConcernText(concern: BlockerConcern, blockerFixVersions: readonly string[]): string | null {
  if (concern === 'no-release') return 'In no release';
  if (concern === 'other-release') return `In ${blockerFixVersions.join(', ')}`;
  return null;
}

/** One-line summary of the blockers for the section heading. */
export function blockersHeading(count: number): string {
  return count === 0 ? 'No open blockers' : `Open blockers (${count})`;
}
