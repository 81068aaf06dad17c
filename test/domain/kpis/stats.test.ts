import { median, percentile, percentileOfSorted, round } from '../../../src/domain/kpis/stats';

describe('percentiles by named method', () => {
  it.each([
    ['interpolated', [10, 20, 30, 50], 0.5, 25],
    ['interpolated', [10, 20, 30, 50], 0.85, 41],
    ['interpolated', [50, 10, 30, 20, 60], 0.5, 30],
    ['interpolated', [7], 0.85, 7],
    ['interpolated', [10, 20, 30, 50], 1, 50],
    ['nearest-rank', [10, 20, 30, 50], 0.5, 20],
    ['nearest-rank', [10, 20, 30, 50], 0.85, 50],
    ['nearest-rank', [10, 20, 30, 50, 60], 0.85, 60],
    ['nearest-rank', [10, 20, 30, 50], 0.1, 10],
    ['nearest-rank', [10, 20, 30, 50], 1, 50],
    ['lower', [10, 20, 30, 50], 0.5, 20],
    ['lower', [10, 20, 30, 50], 0.85, 30],
    ['lower', [10, 20, 30, 50, 60], 0.85, 50],
    ['lower', [10, 20, 30, 50], 1, 50],
  ] as const)('%s of %j at %s is %s', (method, values, p, expected) => {
    expect(percentile(values, p, method)).toBeCloseTo(expected, 9);
  });

  it('has no value for no values', () => {
    expect(percentile([], 0.5, 'interpolated')).toBeUndefined();
    expect(percentileOfSorted(new Float64Array(0), 0.5, 'lower')).toBeUndefined();
  });

  it('sorts the values numerically, not as text (10 h after 9 h)', () => {
    expect(percentile([20, 9, 10], 0.5, 'lower')).toBe(10);
  });

  it.each([[0], [-0.5], [1.5], [85]])('refuses the percentile %s, which is not a fraction between 0 and 1', (p) => {
    expect(() => percentile([10, 20], p, 'interpolated')).toThrow(`A percentile is between 0 (exclusive) and 1; got ${p}.`);
  });

  it.each([
    ['interpolated', 25],
    ['nearest-rank', 20],
    ['lower', 20],
  ] as const)('the median of 10, 20, 30, 50 h by the %s method is %s h', (method, expected) => {
    expect(median([50, 10, 30, 20], method)).toBe(expected);
  });
});

describe('rounding for display', () => {
  it.each([
    [0.1 + 0.2, 2, 0.3],
    [1.005, 2, 1.01],
    [1.255, 2, 1.26],
    [2.675, 1, 2.7],
    [2.5, 0, 3],
  ])('rounds %s to %s digits as %s, half up', (value, digits, expected) => {
    expect(round(value, digits)).toBe(expected);
  });

  it('rounds to two digits unless told', () => {
    expect(round(0.285)).toBe(0.29);
  });
});
