import type { AuditEntry } from '../../contract-go-no-go';

/**
 * The audit log as CSV (RFC 4180: CRLF rows, quoted fields where needed). Cells that a spreadsheet
 * would run as a formula (starting with = + - @ or a control character) get a leading apostrophe,
 * so an exported log cannot execute anything when an auditor opens it.
 */

export const AUDIT_CSV_COLUMNS = ['Time (UTC)', 'Actor', 'Actor account id', 'Release', 'Action', 'What', 'Before', 'After', 'Entry id'] as const;

export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = [AUDIT_CSV_COLUMNS.map(csvCell).join(',')];
  for (const e of entries) {
    rows.push([e.at, e.actor.displayName, e.actor.accountId, e.versionName, e.action, e.summary, e.before, e.after, e.id].map(csvCell).join(','));
  }
  return rows.join('\r\n') + '\r\n';
}
