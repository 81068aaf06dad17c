/**
 * Percentiles with a named method, because "the median" of an even number of values differs
 * between tools and that difference is one reason people distrust the figures. Every figure states
 * which method produced it.
 */
export const PERCENTILE_METHODS = ['interpolated', 'nearest-rank', 'lower'] as const;
export type PercentileMethod = (typeof PERCENTILE_METHODS)[number];

export const PERCENTILE_METHOD_LABELS: Record<PercentileMethod, string> = {
  interpolated: 'linear interpolation between the closest ranks (Excel PERCENTILE.INC, numpy default)',
  'nearest-rank': 'nearest rank: the ⌈p·n⌉-th smallest value (for the median of an even count: the lower middle value)',
  lower: 'lower value: the ⌊p·(n−1)⌋-th value counting from 0, never interpolated',
};

/**
 * The p-th percentile (0 < p ≤ 1) of `values`, undefined for an empty list.
 * - interpolated: h = (n−1)·p, value = x[⌊h⌋] + (h−⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])
 * - nearest-rank: x[⌈p·n⌉ − 1]
 * - lower: x[⌊(n−1)·p⌋]
 */
export function percentile(values: readonly number[], p: number, method: PercentileMethod): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  return percentileOfSorted(sorted, p, method);
}

export function percentileOfSorted(sorted: ArrayLike<number>, p: number, method: PercentileMethod): number | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  if (!(p > 0 && p <= 1)) throw new Error(`A percentile is between 0 (exclusive) and 1; got ${p}.`);
  switch (method) {
    case 'interpolated': {
      const h = (n - 1) * p;
      const low = Math.floor(h);
      const lowValue = sorted[low] as number;
      const highValue = sorted[Math.min(low + 1, n - 1)] as number;
      return lowValue + (h - low) * (highValue - lowValue);
    }
    case 'nearest-rank':
      return sorted[Math.max(0, Math.ceil(p * n) - 1)] as number;
    case 'lower':
      return sorted[Math.floor((n - 1) * p)] as number;
  }
}

export function median(values: readonly number[], method: PercentileMethod): number | undefined {
  return percentile(values, 0.5, method);
}

/** Rounds for display and comparison without floating-point noise (0.1 + 0.2 stays 0.3). */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}
