import type { PirStatus } from '../../contract-go-no-go';
import { type CalendarDate, addDays, daysBetween } from '../calendar/calendar-date';

/**
 * Post-implementation reviews: due a set number of days after the GO decision for release types
 * that ask for it (emergency, hotfix), otherwise expected without a deadline.
 */

export function pirDueDate(decidedOn: CalendarDate, pirDueDays: number | null): CalendarDate | undefined {
  return pirDueDays === null ? undefined : addDays(decidedOn, pirDueDays);
}

export function pirStatus(input: { completed: boolean; dueDate?: CalendarDate }, today: CalendarDate): { status: PirStatus; days?: number } {
  if (input.completed) return { status: 'completed' };
  if (!input.dueDate) return { status: 'open' };
  const left = daysBetween(today, input.dueDate);
  return left < 0 ? { status: 'overdue', days: -left } : { status: 'due', days: left };
}
