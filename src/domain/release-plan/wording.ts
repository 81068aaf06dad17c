/**
 * How instants and days read in explanations. Pure (Intl only); the zone is the viewer's (an IANA
 * name), UTC when unknown, and named in the text so nobody misreads a time.
 */
import { DAY_MS } from './intervals';

const instantFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = instantFormats.get(zone);
  // Stryker disable next-line ConditionalExpression: a cache; true (no cache) words the same, false fails only on a zone's first call, made before any mutant in Stryker's warm runner
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    instantFormats.set(zone, format);
  }
  return format;
}

/** "Tue 1 Dec 2026, 09:00" in the zone. */
export function formatInstant(ms: number, zone: string): string {
  return formatFor(zone).format(new Date(ms)).replace(' at ', ', ');
}

/** "Tue 1 Dec 2026, 09:00 – Fri 4 Dec 2026, 17:00 (UTC)". */
export function formatSpan(from: number, to: number, zone: string): string {
  return `${formatInstant(from, zone)} – ${formatInstant(to, zone)} (${zone})`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>([['UTC', dayFormat]]);

/** "Fri 4 Dec 2026": the day (in the zone, UTC when not given) that the instant `ms` falls on. */
export function formatDay(ms: number, zone = 'UTC'): string {
  let format = dayFormats.get(zone);
  // Stryker disable next-line ConditionalExpression: a cache; true (no cache) words the same, false fails only on a zone's first call, made before any mutant in Stryker's warm runner
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    dayFormats.set(zone, format);
  }
  return format.format(new Date(ms));
}

/** "3 days", "1 day", "5 hours". */
export function formatLength(ms: number): string {
  if (ms >= DAY_MS) {
    const days = Math.round(ms / DAY_MS);
    return `${days} day${days === 1 ? '' : 's'}`;
  }
  const hours = Math.max(1, Math.round(ms / 3_600_000));
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "A, B and C". */
export function listOf(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
