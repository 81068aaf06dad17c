/** How KPI values, bands and units read in the UI (the figures arrive formatted; trends do not). */
import type { KpiBandLevel, KpiRag, KpiUnit } from '../../../../src/contract';

type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export const BAND_APPEARANCE: Record<KpiBandLevel, LozengeAppearance> = { elite: 'success', high: 'success', medium: 'moved', low: 'removed' };
export const RAG_APPEARANCE: Record<KpiRag, LozengeAppearance> = { green: 'success', amber: 'moved', red: 'removed', neutral: 'default' };
export const RAG_LABEL: Record<KpiRag, string> = { green: 'Good', amber: 'Watch', red: 'Act', neutral: 'Info' };

/** A trend value in the unit people read (shares as percentages). */
export function scaled(unit: KpiUnit, value: number): number {
  return unit === 'percent' ? value * 100 : value;
}

export function unitSuffix(unit: KpiUnit): string {
  switch (unit) {
    case 'percent':
      return '%';
    case 'hours':
      return ' h';
    case 'days':
      return ' d';
    case 'per-week':
      return '/wk';
    case 'per-day':
      return '/day';
    case 'per-release':
      return '/release';
    default:
      return '';
  }
}

export function formatValue(unit: KpiUnit, value: number | null): string {
  if (value === null) return 'no data';
  const v = scaled(unit, value);
  const text = Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${text.includes('.') ? text.replace(/\.?0+$/, '') : text}${unitSuffix(unit)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-23" → "23 Nov" (calendar dates stay dates: no time zone shift). */
export function shortDay(day: string): string {
  const [, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? ''}`;
}

/** "2026-11-23" → "23 Nov 2026". */
export function longDay(day: string): string {
  return `${shortDay(day)} ${day.slice(0, 4)}`;
}

/** The day before a window's exclusive end. */
export function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
