/**
 * Wall times (`2026-11-24T09:00`, what a person reads on a clock) in a named zone, to and from
 * instants. Forms show and edit times in the project's release zone, never the browser's: a slot
 * booked "09:00" in Berlin is 08:00 UTC in winter and 07:00 UTC in summer wherever it is typed.
 */
import { zoneOffsetMs } from './zone';

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;

/** The wall time an instant shows in the zone, to the minute. */
export function instantToWallTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 16);
}

/**
 * The instant a wall time in the zone names; undefined when the text is not one. Where summer
 * time starts the skipped hour does not exist: 02:30 means the same time after the change
 * (03:30), as a clock put forward would read. Where it ends 02:30 happens twice: the first one counts.
 */
export function wallTimeToInstant(wall: string, timeZone: string): string | undefined {
  const m = WALL_TIME.exec(wall);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Rejects 30 February and 24:00 rather than rolling them over.
  if (new Date(asUtc).toISOString().slice(0, 16) !== wall) return undefined;
  const before = zoneOffsetMs(asUtc - DAY_MS, timeZone);
  const after = zoneOffsetMs(asUtc + DAY_MS, timeZone);
  const candidates = [asUtc - before, asUtc - after].filter((ms) => ms + zoneOffsetMs(ms, timeZone) === asUtc);
  const ms = candidates.length ? Math.min(...candidates) : asUtc - before;
  return new Date(ms).toISOString();
}
