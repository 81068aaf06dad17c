import { percentile } from '../../../src/domain/kpis/stats';

describe('percentiles by named method', () => {
  it.each([
    ['interpolated', [10, 20, 30, 50], 0.5, 25],
    ['interpolated', [10, 20, 30, 50], 0.85, 41],
    ['interpolated', [50, 10, 30, 20, 60], 0.5, 30],
    ['interpolated', [7], 0.85, 7],
    ['nearest-rank', [10, 20, 30, 50], 0.5, 20],
    ['nearest-rank', [10, 20, 30, 50], 0.85, 50],
    ['nearest-rank', [10, 20, 30, 50, 60], 0.85, 60],
    ['lower', [10, 20, 30, 50], 0.5, 20],
    ['lower', [10, 20, 30, 50], 0.85, 30],
    ['lower', [10, 20, 30, 50, 60], 0.85, 50],
  ] as const)('%s of %j at %s is %s', (method, values, p, expected) => {
    expect(percentile(values, p, method)).toBeCloseTo(expected, 9);
  });

  it('has no value for no values', () => {
    expect(percentile([], 0.5, 'interpolated')).toBeUndefined();
  });
});
