/**
 * Display formatting without date-fns' `format` (it would pull every formatter and a locale into
 * the bundle). English UI text, day-month order.
 */
const LOCALE = 'en-GB';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// Spelled out rather than Intl: ICU versions disagree on short months ("Sep" vs "Sept").
const shortMonth = (date: Date) => (MONTHS[date.getMonth()] ?? '').slice(0, 3);
const longDate = new Intl.DateTimeFormat(LOCALE, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const time = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' });

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** yyyy-MM-dd of a local date. */
export const toDayKey = (date: Date): string => `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
/** "5 Mar 2026" */
export const formatDay = (date: Date): string => `${date.getDate()} ${shortMonth(date)} ${date.getFullYear()}`;
/** "5 Mar" */
export const formatDayMonth = (date: Date): string => `${date.getDate()} ${shortMonth(date)}`;
/** "March 2026" */
export const formatMonth = (date: Date): string => `${MONTHS[date.getMonth()] ?? ''} ${date.getFullYear()}`;
/** "Thursday 5 March 2026" (punctuation as the runtime's ICU has it) */
export const formatLongDate = (date: Date): string => longDate.format(date);
/** "14:05" */
export const formatTime = (date: Date): string => time.format(date);
/** "5 Mar, 14:05" */
export const formatDateTime = (date: Date): string => `${formatDayMonth(date)}, ${formatTime(date)}`;
