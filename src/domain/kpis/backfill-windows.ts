/**
 * The `created` windows of the KPI backfill. A month is the usual window; one that Jira counts as
 * too large to read in one job (a bulk import) is split into its days before anything is read, and
 * a day that is still too large into its hours. Bounds are JQL date literals (`yyyy-MM-dd`, or
 * `yyyy-MM-dd HH:mm` for hours) and adjacent windows share them, so the windows tile the month
 * whatever zone Jira reads the literals in: no issue falls between two windows or into both. Pure.
 */

export type WindowSpan = 'month' | 'day' | 'hour';

export interface CreatedWindow {
  id: string;
  /** Inclusive lower bound on `created`. */
  from: string;
  /** Exclusive upper bound; absent on the last window (everything created since `from`). */
  to?: string;
  span: WindowSpan;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const hourOf = (ms: number) => `${new Date(ms).toISOString().slice(0, 10)} ${new Date(ms).toISOString().slice(11, 13)}:00`;
/**
 * A window bound as an instant (UTC), for stepping; the literal itself is what Jira reads. Only
 * months and days are split, and their bounds are days (`yyyy-MM-dd`).
 */
const instantOf = (bound: string) => Date.parse(`${bound}T00:00:00Z`);

/**
 * The windows one level finer that tile `window` (a month into days, a day into hours); undefined
 * for an hour, which is read whole however large it is (its pages resume from a stored token).
 * A window without an upper bound is split up to `now`, its last part keeping no upper bound.
 */
export function splitWindow(window: CreatedWindow, now: Date): CreatedWindow[] | undefined {
  if (window.span === 'hour') return undefined;
  const step = window.span === 'month' ? DAY_MS : HOUR_MS;
  const span: WindowSpan = window.span === 'month' ? 'day' : 'hour';
  const label = span === 'day' ? dayOf : hourOf;
  const id = (ms: number) => (span === 'day' ? dayOf(ms) : `${dayOf(ms)}T${new Date(ms).toISOString().slice(11, 13)}`);
  const start = instantOf(window.from);
  // An open window ends with the step that holds `now` (later issues fall into that last, open part).
  const end = window.to ? instantOf(window.to) : Math.max(start + step, Math.floor(now.getTime() / step) * step + step);
  const parts: CreatedWindow[] = [];
  for (let at = start; at < end; at += step) {
    const next = at + step;
    const last = next >= end;
    parts.push({ id: id(at), from: label(at), ...(last ? (window.to ? { to: window.to } : {}) : { to: label(next) }), span });
  }
  // Keep the first bound exactly as the parent wrote it (a month's `yyyy-MM-dd` is a day's too);
  // there is always a first part, even for a window that opens after `now`.
  (parts[0] as CreatedWindow).from = window.from;
  return parts;
}
