/**
 * A zone's short name at an instant, for showing next to a time of day when the reader may be in
 * another zone ("14:05 CET"). Pure (Intl only).
 */

const names = new Map<string, Intl.DateTimeFormat>();

function zoneName(ms: number, timeZone: string, locale: string): string {
  const format = names.get(`${locale} ${timeZone}`) ?? newFormat(timeZone, locale);
  return format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

function newFormat(timeZone: string, locale: string): Intl.DateTimeFormat {
  const format = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
  names.set(`${locale} ${timeZone}`, format);
  return format;
}

/**
 * "CET"/"CEST", "PST"/"PDT", "UTC"; an offset such as "GMT+13" where English has no common
 * abbreviation. en-GB knows Europe's names, en-US America's. The zone itself for a bad instant.
 */
export function zoneAbbreviation(ms: number, timeZone: string): string {
  if (Number.isNaN(ms)) return timeZone;
  const british = zoneName(ms, timeZone, 'en-GB');
  if (!/^GMT[+-]/.test(british)) return british;
  const american = zoneName(ms, timeZone, 'en-US');
  return /^GMT[+-]/.test(american) ? british : american;
}

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);

/** Whether two zone names read the same to a person (equal, or two names for UTC). */
export function sameZone(a: string, b: string): boolean {
  return a === b || (UTC_NAMES.has(a) && UTC_NAMES.has(b));
}
