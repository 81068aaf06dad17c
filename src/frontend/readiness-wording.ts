/**
 * Pure wording and appearance rules for readiness in the issue panel. No React, no Forge: unit
 * tested table-driven in test/frontend/readiness-wording.test.ts.
 */
import type { ReadinessCriterionResult, ReadinessRag, ReadinessRelease, SignOffRecord } from '../contract';
import { sameZone, zoneAbbreviation } from '../domain/calendar/zone-name';
import { ISSUE_READINESS, LOZENGE_APPEARANCE, readyForDateAnswer } from '../domain/status/vocabulary';
import { type LozengeAppearance, daysWording, formatReleaseDate } from './release-wording';

export const RAG_LABEL: Record<ReadinessRag, string> = { red: ISSUE_READINESS.red.word, amber: ISSUE_READINESS.amber.word, green: ISSUE_READINESS.green.word };
export const RAG_APPEARANCE: Record<ReadinessRag, LozengeAppearance> = {
  red: LOZENGE_APPEARANCE[ISSUE_READINESS.red.colour],
  amber: LOZENGE_APPEARANCE[ISSUE_READINESS.amber.colour],
  green: LOZENGE_APPEARANCE[ISSUE_READINESS.green.colour],
};

export function resultAppearance(result: Pick<ReadinessCriterionResult, 'status' | 'severity'>): LozengeAppearance {
  if (result.status === 'pass') return 'success';
  if (result.status === 'na') return 'default';
  return result.severity === 'blocking' ? 'removed' : 'moved';
}

export function resultLabel(result: Pick<ReadinessCriterionResult, 'status'>): string {
  return result.status === 'pass' ? 'Met' : result.status === 'fail' ? 'Not met' : 'N/A';
}

/** "SHOP 2.4 · 3 Dec 2026 · 9 days left", "SHOP 3.0 · No release date", "SHOP 2.3 · Released 20 Oct 2026". */
export function releaseLine(release: ReadinessRelease): string {
  if (release.released) return `${release.name} · Released${release.releaseDate ? ` ${formatReleaseDate(release.releaseDate)}` : ''}`;
  const days = daysWording(release.daysLeft, release.released);
  return [release.name, formatReleaseDate(release.releaseDate), days].filter(Boolean).join(' · ');
}

/** The answer to "is it ready for the release date?", in the same words as the issue's status. */
export function readyForDateText(ready: boolean | null, release: ReadinessRelease | undefined, rag?: ReadinessRag): string {
  if (!release) return 'No fix version: not planned for a release.';
  if (release.released) return `${release.name} is released.`;
  if (ready === null) return `${release.name} has no release date yet.`;
  const date = formatReleaseDate(release.releaseDate);
  return `Ready for ${date}? ${readyForDateAnswer(ready ? (rag === 'amber' ? 'amber' : 'green') : 'red')}`;
}

/** "7 of 9 met" over the criteria that apply. */
export function criteriaSummary(results: ReadonlyArray<Pick<ReadinessCriterionResult, 'status'>>): string {
  const applicable = results.filter((r) => r.status !== 'na');
  const met = applicable.filter((r) => r.status === 'pass').length;
  return `${met} of ${applicable.length} met`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `24 Nov 2026, 10:05` in the given IANA zone (the project's; UTC when unknown or invalid), with
 * the zone's name when the reader's own zone (`viewerZone`, from Jira's context) is another one.
 */
export function formatInstant(iso: string, timeZone?: string, viewerZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', { timeZone: timeZone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  } catch {
    return formatInstant(iso, 'UTC', viewerZone);
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const text = `${Number(get('day'))} ${MONTHS[Number(get('month')) - 1] ?? get('month')} ${get('year')}, ${get('hour')}:${get('minute')}`;
  const zone = timeZone || 'UTC';
  return viewerZone && !sameZone(zone, viewerZone) ? `${text} ${zoneAbbreviation(date.getTime(), zone)}` : text;
}

/** "Priya Shah signed off QA passed" / "… revoked …". */
export function historyLine(record: SignOffRecord, labelOf: (criterionId: string) => string): string {
  return `${record.displayName} ${record.action === 'signed' ? 'signed off' : 'revoked'} ${labelOf(record.criterionId)}`;
}

/** Only http(s) links are ever shown as links. */
export function safeLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Short text for a link: the host and the start of the path. */
export function linkText(url: string): string {
  try {
    const parsed = new URL(url);
    const text = `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
    return text.length > 48 ? `${text.slice(0, 47)}…` : text;
  } catch {
    return url;
  }
}
