/**
 * The DORA performance tables of the 2021 and 2023 State of DevOps reports, with the wording the
 * reports use and the cut-offs this app applies. The reports describe clusters in words, with gaps
 * and overlaps between them; two rules turn them into cut-offs (docs/kpi-definitions.md):
 *  A. a value that fits the wording of several levels gets the best of them;
 *  B. a value that fits none (a gap between two levels) gets the lower of its two neighbours.
 * Units: a month is 30 days, six months 180 days.
 */
import type { KpiBand, KpiBandLevel, KpiDoraTable, KpiRag } from '../../contract-kpis';

export type DoraMetric = 'deployment-frequency' | 'lead-time' | 'change-failure-rate' | 'recovery-time';

interface Level {
  level: KpiBandLevel;
  /** The report's wording for this level. */
  wording: string;
  /** Does the value (per day, hours or a 0–1 share) belong here, after rules A and B? */
  fits(value: number): boolean;
  /** The cut-off as this app applies it. */
  rule: string;
}

const DAY_H = 24;
const WEEK_H = 7 * DAY_H;
const MONTH_H = 30 * DAY_H;
const SIX_MONTHS_H = 180 * DAY_H;

/** Best level first; the first level whose `fits` holds is the band. */
export const DORA_TABLES: Record<KpiDoraTable, Record<DoraMetric, Level[]>> = {
  '2021': {
    'deployment-frequency': [
      { level: 'elite', wording: 'On-demand (multiple deploys per day)', fits: (perDay) => perDay > 1, rule: 'more than 1 per day' },
      { level: 'high', wording: 'Between once per week and once per month', fits: (perDay) => perDay >= 1 / 30, rule: 'at least once per 30 days (a rate between weekly and daily falls in the gap below elite: high)' },
      { level: 'medium', wording: 'Between once per month and once every 6 months', fits: (perDay) => perDay >= 1 / 180, rule: 'at least once per 180 days' },
      { level: 'low', wording: 'Fewer than once per six months', fits: () => true, rule: 'less than once per 180 days' },
    ],
    'lead-time': [
      { level: 'elite', wording: 'Less than one hour', fits: (h) => h < 1, rule: 'under 1 hour' },
      { level: 'high', wording: 'Between one day and one week', fits: (h) => h <= WEEK_H, rule: 'up to 7 days (1 hour to 1 day falls in the gap: high)' },
      { level: 'medium', wording: 'Between one month and six months', fits: (h) => h <= SIX_MONTHS_H, rule: 'up to 180 days (7 to 30 days falls in the gap: medium)' },
      { level: 'low', wording: 'More than six months', fits: () => true, rule: 'over 180 days' },
    ],
    'change-failure-rate': [
      { level: 'elite', wording: '0%–15%', fits: (share) => share <= 0.15, rule: 'at most 15%' },
      { level: 'high', wording: '16%–30% (high, medium and low share this range)', fits: (share) => share <= 0.3, rule: 'at most 30% (the best of the three levels that share 16–30%)' },
      { level: 'medium', wording: '16%–30%', fits: () => false, rule: 'never given: 16–30% goes to high (rule A)' },
      { level: 'low', wording: '16%–30%', fits: () => true, rule: 'over 30% (outside every range: below the last level)' },
    ],
    'recovery-time': [
      { level: 'elite', wording: 'Less than one hour', fits: (h) => h < 1, rule: 'under 1 hour' },
      { level: 'high', wording: 'Less than one day', fits: (h) => h < DAY_H, rule: 'under 24 hours' },
      { level: 'medium', wording: 'Between one day and one week', fits: (h) => h <= WEEK_H, rule: 'up to 7 days' },
      { level: 'low', wording: 'More than six months', fits: () => true, rule: 'over 7 days (7 days to 6 months falls in the gap: low)' },
    ],
  },
  '2023': {
    'deployment-frequency': [
      { level: 'elite', wording: 'On demand', fits: (perDay) => perDay >= 1, rule: 'at least 1 per day' },
      { level: 'high', wording: 'Between once per day and once per week', fits: (perDay) => perDay >= 1 / 7, rule: 'at least once per 7 days' },
      { level: 'medium', wording: 'Between once per week and once per month', fits: (perDay) => perDay >= 1 / 30, rule: 'at least once per 30 days (low has the same wording: the better level)' },
      { level: 'low', wording: 'Between once per week and once per month', fits: () => true, rule: 'less than once per 30 days (outside every range: below the last level)' },
    ],
    'lead-time': [
      { level: 'elite', wording: 'Less than one day', fits: (h) => h < DAY_H, rule: 'under 24 hours' },
      { level: 'high', wording: 'Between one day and one week', fits: (h) => h <= WEEK_H, rule: 'up to 7 days' },
      { level: 'medium', wording: 'Between one week and one month', fits: (h) => h <= MONTH_H, rule: 'up to 30 days (low has the same wording: the better level)' },
      { level: 'low', wording: 'Between one week and one month', fits: () => true, rule: 'over 30 days (outside every range: below the last level)' },
    ],
    'change-failure-rate': [
      { level: 'elite', wording: '5%', fits: (share) => share <= 0.05, rule: 'at most 5% (the report gives one typical value per level: used as upper bounds)' },
      { level: 'high', wording: '10%', fits: (share) => share <= 0.1, rule: 'at most 10%' },
      { level: 'medium', wording: '15%', fits: (share) => share <= 0.15, rule: 'at most 15%' },
      { level: 'low', wording: '64%', fits: () => true, rule: 'over 15%' },
    ],
    'recovery-time': [
      { level: 'elite', wording: 'Less than one hour', fits: (h) => h < 1, rule: 'under 1 hour' },
      { level: 'high', wording: 'Less than one day', fits: (h) => h < DAY_H, rule: 'under 24 hours' },
      { level: 'medium', wording: 'Between one day and one week', fits: (h) => h <= WEEK_H, rule: 'up to 7 days' },
      { level: 'low', wording: 'Between one month and six months', fits: () => true, rule: 'over 7 days (7 to 30 days falls in the gap: low)' },
    ],
  },
};

const LEVEL_LABELS: Record<KpiBandLevel, string> = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low' };

/** The band of a value (per day for frequency, hours for times, a 0–1 share for the rate). */
export function doraBand(table: KpiDoraTable, metric: DoraMetric, value: number): KpiBand {
  const levels = DORA_TABLES[table][metric];
  // The last level of every table fits every value.
  const level = levels.find((l) => l.fits(value)) as Level;
  return { table, level: level.level, label: LEVEL_LABELS[level.level], wording: level.wording, rule: level.rule };
}

/** Elite and high are green, medium amber, low red. */
export function bandRag(band: KpiBand | undefined): KpiRag {
  if (!band) return 'neutral';
  return band.level === 'elite' || band.level === 'high' ? 'green' : band.level === 'medium' ? 'amber' : 'red';
}
