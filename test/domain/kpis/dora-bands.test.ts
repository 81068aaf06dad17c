import { doraBand } from '../../../src/domain/kpis/dora-bands';

const H = 1;
const DAY = 24 * H;

describe('DORA bands', () => {
  it.each([
    // 2023: deployment frequency per day
    ['2023', 'deployment-frequency', 3, 'elite'],
    ['2023', 'deployment-frequency', 1, 'elite'],
    ['2023', 'deployment-frequency', 1 / 7, 'high'],
    ['2023', 'deployment-frequency', 1 / 8, 'medium'],
    ['2023', 'deployment-frequency', 1 / 30, 'medium'],
    ['2023', 'deployment-frequency', 1 / 31, 'low'],
    ['2023', 'lead-time', 23 * H, 'elite'],
    ['2023', 'lead-time', 7 * DAY, 'high'],
    ['2023', 'lead-time', 30 * DAY, 'medium'],
    ['2023', 'lead-time', 31 * DAY, 'low'],
    ['2023', 'change-failure-rate', 0.05, 'elite'],
    ['2023', 'change-failure-rate', 0.1, 'high'],
    ['2023', 'change-failure-rate', 0.15, 'medium'],
    ['2023', 'change-failure-rate', 0.16, 'low'],
    ['2023', 'recovery-time', 0.5 * H, 'elite'],
    ['2023', 'recovery-time', 23 * H, 'high'],
    ['2023', 'recovery-time', 7 * DAY, 'medium'],
    ['2023', 'recovery-time', 10 * DAY, 'low'],
    // 2021: elite needs more than one deployment a day; the weekly-to-daily gap is high (rule B)
    ['2021', 'deployment-frequency', 1, 'high'],
    ['2021', 'deployment-frequency', 1.5, 'elite'],
    ['2021', 'deployment-frequency', 1 / 30, 'high'],
    ['2021', 'deployment-frequency', 1 / 90, 'medium'],
    ['2021', 'deployment-frequency', 1 / 200, 'low'],
    ['2021', 'lead-time', 0.5 * H, 'elite'],
    ['2021', 'lead-time', 5 * H, 'high'],
    ['2021', 'lead-time', 10 * DAY, 'medium'],
    ['2021', 'lead-time', 200 * DAY, 'low'],
    ['2021', 'change-failure-rate', 0.15, 'elite'],
    ['2021', 'change-failure-rate', 0.3, 'high'],
    ['2021', 'change-failure-rate', 0.31, 'low'],
    ['2021', 'recovery-time', 30 * DAY, 'low'],
    // Each cut-off exactly, and just past it: whether a bound belongs to the better level
    ['2023', 'lead-time', 24 * H, 'high'],
    ['2023', 'recovery-time', 1 * H, 'high'],
    ['2023', 'recovery-time', 24 * H, 'medium'],
    ['2023', 'recovery-time', 7 * DAY + 0.1, 'low'],
    ['2023', 'change-failure-rate', 0.051, 'high'],
    ['2023', 'change-failure-rate', 0.101, 'medium'],
    ['2021', 'deployment-frequency', 1 / 29, 'high'],
    ['2021', 'deployment-frequency', 1 / 180, 'medium'],
    ['2021', 'deployment-frequency', 1 / 181, 'low'],
    ['2021', 'lead-time', 1 * H, 'high'],
    ['2021', 'lead-time', 7 * DAY, 'high'],
    ['2021', 'lead-time', 7 * DAY + 0.1, 'medium'],
    ['2021', 'lead-time', 180 * DAY, 'medium'],
    ['2021', 'lead-time', 180 * DAY + 0.1, 'low'],
    ['2021', 'change-failure-rate', 0.151, 'high'],
    ['2021', 'change-failure-rate', 0, 'elite'],
    ['2021', 'recovery-time', 0.5 * H, 'elite'],
    ['2021', 'recovery-time', 1 * H, 'high'],
    ['2021', 'recovery-time', 23 * H, 'high'],
    ['2021', 'recovery-time', 24 * H, 'medium'],
    ['2021', 'recovery-time', 7 * DAY, 'medium'],
    ['2021', 'recovery-time', 7 * DAY + 0.1, 'low'],
  ] as const)('%s table: %s of %s is %s', (table, metric, value, level) => {
    expect(doraBand(table, metric, value).level).toBe(level);
  });

  it('states the report’s wording and the cut-off applied', () => {
    expect(doraBand('2023', 'deployment-frequency', 1 / 20)).toEqual({
      table: '2023',
      level: 'medium',
      label: 'Medium',
      wording: 'Between once per week and once per month',
      rule: 'at least once per 30 days (low has the same wording: the better level)',
    });
  });
});
