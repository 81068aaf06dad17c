/** How figures read: one place, so the UI, the Confluence page and the CLI say the same thing. */
import { round } from './stats';

export function formatNumber(value: number, digits = 1): string {
  const rounded = round(value, digits);
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(digits);
}

/** Hours under two days as hours, longer as days: "0.5 h", "31.5 h", "4.2 days". */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '–';
  if (hours < 48) return `${formatNumber(hours, 1)} h`;
  return formatDays(hours / 24);
}

export function formatDays(days: number | null | undefined): string {
  if (days === null || days === undefined) return '–';
  const text = formatNumber(days, 1);
  return `${text} day${text === '1' ? '' : 's'}`;
}

/** A 0–1 share as a percentage: "12.5%". */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined) return '–';
  return `${formatNumber(share * 100, 1)}%`;
}

export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** ISO instant to minutes, UTC: "2026-11-24T10:00Z" (drill-down rows stay exact and short). */
export function isoMinute(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}
