import type { MaintenanceWindowCheck } from '../../contract-runbook';
import { minutesBetween } from './schedule';

/**
 * The go-live against the production maintenance window booked for it: the window that overlaps
 * the go-live (from its start to its planned end) the most, and whether the go-live starts in it
 * and ends before it closes. No overlapping window: nothing to check against.
 */
export function checkAgainstWindow(
  goLive: { start: string; end: string },
  windows: ReadonlyArray<{ id: string; environmentName: string; from: string; to: string }>,
): MaintenanceWindowCheck | undefined {
  const overlap = (w: { from: string; to: string }) =>
    Math.min(Date.parse(w.to), Date.parse(goLive.end)) - Math.max(Date.parse(w.from), Date.parse(goLive.start));
  const best = windows.filter((w) => overlap(w) > 0 || (w.from <= goLive.start && goLive.start < w.to)).sort((a, b) => overlap(b) - overlap(a))[0];
  if (!best) return undefined;
  const minutesOver = Math.max(0, Math.round(minutesBetween(best.to, goLive.end)));
  const minutesEarly = Math.max(0, Math.round(minutesBetween(goLive.start, best.from)));
  return { windowId: best.id, environmentName: best.environmentName, from: best.from, to: best.to, fits: minutesOver === 0 && minutesEarly === 0, minutesOver, minutesEarly };
}
