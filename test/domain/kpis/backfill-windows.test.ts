import { splitWindow } from '../../../src/domain/kpis/backfill-windows';

const NOW = new Date('2026-11-24T10:30:00Z');

describe('the backfill windows of a bulk-import month', () => {
  it('split a month into its days, a day into its hours, and never an hour; adjacent windows share their bounds', () => {
    const days = splitWindow({ id: '2026-09', from: '2026-09-01', to: '2026-10-01', span: 'month' }, NOW)!;
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ id: '2026-09-01', from: '2026-09-01', to: '2026-09-02', span: 'day' });
    expect(days.at(-1)).toEqual({ id: '2026-09-30', from: '2026-09-30', to: '2026-10-01', span: 'day' });
    for (let i = 1; i < days.length; i++) expect(days[i]!.from).toBe(days[i - 1]!.to);

    const hours = splitWindow(days[16]!, NOW)!;
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual({ id: '2026-09-17T00', from: '2026-09-17', to: '2026-09-17 01:00', span: 'hour' });
    expect(hours[23]).toEqual({ id: '2026-09-17T23', from: '2026-09-17 23:00', to: '2026-09-18', span: 'hour' });
    for (let i = 1; i < hours.length; i++) expect(hours[i]!.from).toBe(hours[i - 1]!.to);
    expect(splitWindow(hours[5]!, NOW)).toBeUndefined();
  });

  it('split the current, open month up to today, its last day left open for what is created later', () => {
    const days = splitWindow({ id: '2026-11', from: '2026-11-01', span: 'month' }, NOW)!;
    expect(days).toHaveLength(24);
    expect(days.at(-1)).toEqual({ id: '2026-11-24', from: '2026-11-24', span: 'day' });
    const hours = splitWindow(days.at(-1)!, NOW)!;
    expect(hours).toHaveLength(11);
    expect(hours.at(-1)).toEqual({ id: '2026-11-24T10', from: '2026-11-24 10:00', span: 'hour' });
  });

  it('keep one open part for a window that opens after now (a day Jira’s zone has already begun)', () => {
    expect(splitWindow({ id: '2026-11-25', from: '2026-11-25', span: 'day' }, NOW)).toEqual([{ id: '2026-11-25T00', from: '2026-11-25', span: 'hour' }]);
  });
});
