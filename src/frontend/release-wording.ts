/**
 * Pure wording rules for release dates in the issue panel.
 * No React, no Forge: unit tested table-driven in test/frontend/release-wording.test.ts.
 */
/** The classic UI Kit Lozenge appearances (all accepted by @forge/react's Lozenge). */
export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

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
