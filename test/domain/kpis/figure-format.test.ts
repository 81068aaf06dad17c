import { countWithLabel, formatCount, formatDays, formatHours, formatNumber, formatShare, isoMinute } from '../../../src/domain/kpis/format';

describe('how a figure reads', () => {
  it.each([
    [1.5, undefined, '1.5'],
    [2, undefined, '2'],
    [0.214, undefined, '0.2'],
    [2.96, undefined, '3'],
    [0.2142857, 3, '0.214'],
    [1.125, 2, '1.13'],
    [0.1 + 0.2, 2, '0.30'],
    [1.5, 2, '1.50'],
  ] as const)('a rate of %s with %s digits reads "%s"', (value, digits, text) => {
    expect(digits === undefined ? formatNumber(value) : formatNumber(value, digits)).toBe(text);
  });

  it.each([
    [0.5, '0.5 h'],
    [31.5, '31.5 h'],
    [47.5, '47.5 h'],
    [48, '2 days'],
    [100.8, '4.2 days'],
    [11.5, '11.5 h'],
    [null, '–'],
    [undefined, '–'],
  ] as const)('a time of %s hours reads "%s": hours under two days, days from two', (hours, text) => {
    expect(formatHours(hours)).toBe(text);
  });

  it.each([
    [0, '0 days'],
    [1, '1 day'],
    [1.02, '1 day'],
    [0.5, '0.5 days'],
    [4, '4 days'],
    [null, '–'],
    [undefined, '–'],
  ] as const)('a slip of %s days reads "%s"', (days, text) => {
    expect(formatDays(days)).toBe(text);
  });

  it.each([
    [0.75, '75%'],
    [0.125, '12.5%'],
    [0, '0%'],
    [1.5, '150%'],
    [null, '–'],
    [undefined, '–'],
  ] as const)('a share of %s reads "%s"', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });

  it.each([
    [1, 'rollback', undefined, '1 rollback'],
    [2, 'rollback', undefined, '2 rollbacks'],
    [0, 'issue', undefined, '0 issues'],
    [1, 'sub-task', undefined, '1 sub-task'],
    [3, 'person', 'people', '3 people'],
  ] as const)('counts %s × %s (plural %s) as "%s"', (count, singular, plural, text) => {
    expect(plural === undefined ? formatCount(count, singular) : formatCount(count, singular, plural)).toBe(text);
  });

  it.each([
    ['2026-11-24T10:00:59.999Z', '2026-11-24T10:00Z'],
    ['2026-03-02T09:05:00.000Z', '2026-03-02T09:05Z'],
  ])('shows the instant %s in drill-down rows as %s', (instant, text) => {
    expect(isoMinute(Date.parse(instant))).toBe(text);
  });

  it('shows no instant for a deployment not recovered yet', () => {
    expect([isoMinute(null), isoMinute(undefined)]).toEqual([null, null]);
  });

  it.each([
    [1, 'versions released on time', '1 version released on time'],
    [3, 'versions released on time', '3 versions released on time'],
    [0, 'versions released on time', '0 versions released on time'],
    [1, 'production deployments in the window', '1 production deployment in the window'],
    [1, 'days in the window', '1 day in the window'],
    [1, 'incidents attributed to those deployments', '1 incident attributed to those deployments'],
    [1, 'bugs raised against releases', '1 bug raised against releases'],
    [1, 'issues first deployed to production in the window', '1 issue first deployed to production in the window'],
    [1, 'releases', '1 release'],
    [1, 'days with releases', '1 day with releases'],
    [1, 'sub-issues resolved', '1 sub-issues resolved'],
    // A label without a known plural noun stays as written.
    [1, 'commits first deployed to production in the window', '1 commits first deployed to production in the window'],
  ])('a count of %s with the label "%s" reads "%s"', (value, label, text) => {
    expect(countWithLabel(value, label)).toBe(text);
  });
});
