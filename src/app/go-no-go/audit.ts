import type { AuditCsvExport, AuditEntry, AuditLogPayload, AuditLogView, UserSummary } from '../../contract-go-no-go';
import { auditCsv } from '../../domain/go-no-go/audit-csv';
import { type PendingAudit, flushBoardOutboxes, flushAudit, listAudit, pendingAudit, readBoardState } from '../../store/go-no-go-store';
import { keys } from '../../store/keys';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { type BoardSession, openSession, requireVersion } from './session';
import type { SettingsDoc } from '../../store/go-no-go-store';

/** Entries one view shows; the CSV export has every entry up to EXPORT_LIMIT. */
export const AUDIT_VIEW_LIMIT = 500;
export const AUDIT_EXPORT_LIMIT = 20_000;

let sequence = 0;

/**
 * Entry ids follow the order this process wrote them (a counter, then randomness), so entries of
 * one flow that share a millisecond (a decision and its Jira release) still list in order.
 */
export function newEntryId(): string {
  sequence = (sequence + 1) % 1_000_000;
  return `${String(sequence).padStart(6, '0')}${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 14)}`;
}

export interface AuditChange {
  action: string;
  summary: string;
  before?: unknown;
  after?: unknown;
}

/** One audit entry of a release's change (also used by the go-live runbook). */
export function newAuditEntry(actor: UserSummary, at: string, target: { versionId: string; versionName: string }, change: AuditChange): AuditEntry {
  return {
    id: newEntryId(),
    at,
    actor,
    versionId: target.versionId,
    versionName: target.versionName,
    action: change.action,
    summary: change.summary,
    ...(change.before === undefined ? {} : { before: change.before }),
    ...(change.after === undefined ? {} : { after: change.after }),
  };
}

/** An audit entry for a change, keyed so it sorts by time; written with the change (outbox). */
export function auditOf(session: BoardSession, actor: UserSummary, at: string, target: { versionId: string; versionName: string }, change: AuditChange): PendingAudit {
  return pendingAudit(session.project.id, newAuditEntry(actor, at, target, change));
}

async function readEntries(deps: AppDeps, context: InvocationContext, versionId: string | undefined, max: number) {
  const session = await openSession(deps, context, { versions: versionId !== undefined });
  const scope = versionId ?? 'settings';
  if (versionId !== undefined) {
    requireVersion(session, versionId);
    // Entries still waiting in an outbox (a write that could not copy them) are copied first.
    await flushBoardOutboxes(deps.store, await readBoardState(deps.store, session.project.id, versionId));
  } else {
    const doc = await deps.store.getVersioned<SettingsDoc>(keys.goNoGoSettings(session.project.id));
    await flushAudit(deps.store, doc?.value.outbox);
  }
  return { session, ...(await listAudit(deps.store, keys.goNoGoAuditPrefix(session.project.id, scope), max)) };
}

/** Every change of a release's board (or, without a version, of the project's settings), oldest first. */
export async function getAuditLog(deps: AppDeps, context: InvocationContext, payload: AuditLogPayload): Promise<AuditLogView> {
  const { entries, truncated } = await readEntries(deps, context, payload.versionId, AUDIT_VIEW_LIMIT);
  return { versionId: payload.versionId ?? '', entries, truncated };
}

export async function exportAuditCsv(deps: AppDeps, context: InvocationContext, payload: AuditLogPayload): Promise<AuditCsvExport> {
  const { session, entries } = await readEntries(deps, context, payload.versionId, AUDIT_EXPORT_LIMIT);
  const version = payload.versionId ? session.versions.find((v) => String(v.id) === payload.versionId) : undefined;
  const name = (version ? `${session.project.key}-${version.name}` : `${session.project.key}-settings`).replace(/[^A-Za-z0-9._-]+/g, '-');
  return { filename: `${name}-go-no-go-audit.csv`, csv: auditCsv(entries), rows: entries.length };
}
