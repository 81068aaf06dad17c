/** Jira's time and date formats, always in UTC (`+0000`). */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2025-06-01T09:30:00.000+0000`, as Jira writes issue and changelog times. */
export function formatJiraTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

/** Reads Jira times (`+0000` or `+00:00` offsets) and ISO times. NaN when unreadable. */
export function parseJiraTime(text: string): number {
  const normalised = text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  return Date.parse(normalised);
}

/** `yyyy-MM-dd` of a UTC instant. */
export function formatDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Midnight UTC of a `yyyy-MM-dd` day; NaN when the text is not a real date. */
export function parseDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return Number.NaN;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return formatDay(ms) === text ? ms : Number.NaN;
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Jira's display format for version dates, e.g. `6/Jul/2010`. */
export function formatUserDate(day: string): string {
  const ms = parseDay(day);
  if (Number.isNaN(ms)) return day;
  const d = new Date(ms);
  return `${d.getUTCDate()}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}`;
}
