import { type CalendarDate, daysBetween, parseCalendarDate } from '../calendar/calendar-date';
import { type VersionHistory, releaseSlips } from './version-history';

/** How far a version's release date moved since the app first saw it. */
export interface ReleaseSlip {
  /** The first release date the app recorded (the baseline). */
  baselineDate: string;
  /** The date now (the view's, which may be fresher than the history). */
  currentDate: string;
  /** Whole days later than the baseline (negative: pulled in). */
  slipDays: number;
  /** How many times the date moved later. */
  moves: number;
}

/**
 * The slip of a release date from the recorded history: the baseline is the first recorded date,
 * so the slip counts from when the app started watching. Undefined without a baseline or without
 * a current date (nothing to compare).
 */
export function releaseSlip(history: VersionHistory | undefined, currentReleaseDate: string | undefined): ReleaseSlip | undefined {
  if (!history || !currentReleaseDate) return undefined;
  const baseline = history.records.find((r) => r.releaseDate !== null)?.releaseDate ?? undefined;
  const from = baseline ? parseCalendarDate(baseline) : undefined;
  const to = parseCalendarDate(currentReleaseDate);
  if (!from || !to) return undefined;
  const last = [...history.records].reverse().find((r) => r.releaseDate !== null)?.releaseDate;
  // The current date may be a move the history has not recorded yet: count it too.
  const extraMove = last && currentReleaseDate > last ? 1 : 0;
  return { baselineDate: from, currentDate: to, slipDays: daysBetween(from as CalendarDate, to), moves: releaseSlips(history) + extraMove };
}

/** "+12 days (moved 2×)", "not moved", "3 days earlier than first planned". */
export function describeSlip(slip: ReleaseSlip | undefined): string {
  if (!slip) return 'no history yet';
  if (slip.slipDays === 0) return slip.moves ? `not moved (moved ${slip.moves}× and back)` : 'not moved';
  const days = Math.abs(slip.slipDays);
  const amount = `${days} day${days === 1 ? '' : 's'}`;
  if (slip.slipDays < 0) return `${amount} earlier than first planned`;
  return `+${amount}${slip.moves > 1 ? ` (moved ${slip.moves}×)` : ''}`;
}
