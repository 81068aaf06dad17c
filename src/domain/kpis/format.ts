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

/** Plural nouns of the figures' count labels, with their singular. */
const SINGULAR: Record<string, string> = {
  versions: 'version',
  bugs: 'bug',
  issues: 'issue',
  deployments: 'deployment',
  days: 'day',
  incidents: 'incident',
  releases: 'release',
};

/** The first of those nouns in a label, as a whole word. */
const FIRST_PLURAL = new RegExp(`(^| )(${Object.keys(SINGULAR).join('|')})(?= |$)`);

/**
 * "1 version released on time", "3 versions released on time": a figure's count with its label,
 * whose first plural noun (the labels are written for many) agrees with the count.
 */
export function countWithLabel(value: number, label: string): string {
  if (value !== 1) return `${value} ${label}`;
  return `1 ${label.replace(FIRST_PLURAL, (_match, before: string, plural: string) => `${before}${SINGULAR[plural]}`)}`;
}
