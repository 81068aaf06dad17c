import type { AuditEntry } from '../../contract-go-no-go';
import { csvText } from '../csv';

/**
 * The audit log as CSV (RFC 4180: CRLF rows, quoted fields where needed). Cells that a spreadsheet
 * would run as a formula (starting with = + - @ or a control character) get a leading apostrophe,
 * so an exported log cannot execute anything when an auditor opens it.
 */

export const AUDIT_CSV_COLUMNS = ['Time (UTC)', 'Actor', 'Actor account id', 'Release', 'Action', 'What', 'Before', 'After', 'Entry id'] as const;

export function auditCsv(entries: readonly AuditEntry[]): string {
  return csvText([AUDIT_CSV_COLUMNS, ...entries.map((e) => [e.at, e.actor.displayName, e.actor.accountId, e.versionName, e.action, e.summary, e.before, e.after, e.id])]);
}
