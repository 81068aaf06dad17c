import { performance } from 'node:perf_hooks';

/** The middle value (the upper one of an even count); the input is not changed. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Runs `task` `runs` times one after another and returns the median wall time in milliseconds. */
export async function medianTime(runs: number, task: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return median(times);
}
