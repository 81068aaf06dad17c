/**
 * Finding free time on an environment: pure, over half-open intervals. Used for the "next free
 * slot" a conflict suggests and for the alternative environments it names.
 */
import { type Interval, intersection, overlaps } from './intervals';

export interface Occupancy {
  /** Other bookings of the environment (the slot being moved left out). */
  bookings: Interval[];
  /** How many bookings may overlap at once. */
  capacity: number;
  /** Time the environment cannot be used at all: maintenance, applicable freezes. */
  blocked: Interval[];
}

/** Largest number of `bookings` in use at the same instant inside `window`. */
export function peakUse(bookings: readonly Interval[], window: Interval): number {
  const edges: Array<[number, number]> = [];
  for (const b of bookings) {
    const part = intersection(b, window);
    if (part) edges.push([part.from, 1], [part.to, -1]);
  }
  // Ends before starts at the same instant: touching bookings never count as concurrent.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

/** True when `candidate` fits: within capacity and clear of every blocked interval. */
export function fits(candidate: Interval, occupancy: Occupancy): boolean {
  if (occupancy.blocked.some((b) => overlaps(b, candidate))) return false;
  return peakUse(occupancy.bookings, candidate) < occupancy.capacity;
}

/**
 * The start nearest to `preferred` at which an interval of `length` fits, searching later first and
 * then earlier, within `bounds` (the whole interval must lie inside). Candidates are the preferred
 * start and every edge of a booking or a blocked interval: free time always begins at one.
 */
export function nearestFreeStart(
  length: number,
  preferred: number,
  occupancy: Occupancy,
  bounds: { min?: number; max?: number } = {},
): number | undefined {
  const min = bounds.min ?? Number.NEGATIVE_INFINITY;
  const max = bounds.max ?? Number.POSITIVE_INFINITY;
  const candidates = new Set<number>([preferred]);
  for (const interval of [...occupancy.bookings, ...occupancy.blocked]) {
    candidates.add(interval.to);
    candidates.add(interval.from - length);
  }
  if (Number.isFinite(min)) candidates.add(min);
  if (Number.isFinite(max)) candidates.add(max - length);
  const usable = [...candidates].filter((start) => start >= min && start + length <= max && fits({ from: start, to: start + length }, occupancy));
  const later = usable.filter((start) => start >= preferred).sort((a, b) => a - b)[0];
  if (later !== undefined) return later;
  // None fits at or after the preferred start: every usable one is earlier; the latest is nearest.
  return usable.sort((a, b) => b - a)[0];
}
