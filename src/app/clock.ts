/**
 * The one clock. Everything that needs "now" gets a Clock through the ports; this module is the
 * only place that reads the machine's wall clock (a lint rule and `grep` keep it that way).
 */
import type { Clock } from '../ports';

/** The machine's time: Forge functions and the local runtime without `NOW`. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `anchor` and then runs at the machine's pace, so a pinned local runtime
 * (`NOW=2026-11-24T09:00:00Z npm start`) still orders events that happen one after the other.
 * Elapsed time comes from the monotonic timer, not the wall clock: shifting the system time
 * (libfaketime in CI, NTP) does not move it.
 */
export function anchoredClock(anchor: Date, elapsedMs: () => number = monotonicMs): Clock {
  if (Number.isNaN(anchor.getTime())) throw new Error('The clock anchor is not a valid instant.');
  const start = elapsedMs();
  return { now: () => new Date(anchor.getTime() + (elapsedMs() - start)) };
}

function monotonicMs(): number {
  return performance.now();
}

/**
 * The clock named by the `NOW` environment variable (an ISO instant with a zone, e.g.
 * `2026-11-24T09:00:00Z`), or the system clock. A `NOW` without a zone is refused: read in the
 * machine's zone it would mean a different instant on every machine.
 */
export function clockFromEnvironment(value: string | undefined): Clock {
  if (value === undefined || value.trim() === '') return systemClock;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new Error(`NOW must be an ISO date and time with a zone, such as 2026-11-24T09:00:00Z (got "${text.slice(0, 40)}").`);
  }
  return anchoredClock(new Date(text));
}
