/**
 * Sign-offs of manual checks on one issue: an append-only log (a revocation is a new record, so the
 * history stays), from which the current state of each check is read. Pure.
 */
import { jsonBytes } from '../json-size';
import type { SignedCheck } from './evaluate';

export type SignOffAction = 'signed' | 'revoked';

export interface SignOffRecord {
  /** Position in the issue's log, from 1. */
  seq: number;
  criterionId: string;
  action: SignOffAction;
  accountId: string;
  displayName: string;
  /** ISO instant. */
  at: string;
  evidenceUrl?: string;
  comment?: string;
}

export interface SignOffLog {
  issueId: string;
  projectId: string;
  /** The newest records (all of them until the log outgrew one document). */
  records: SignOffRecord[];
  /** Pages of older records moved out of this document (numbered from 1, oldest first). */
  pages?: number;
  /** Moved-out records still current (a check signed and not revoked since), so the state needs only this document. */
  carried?: SignOffRecord[];
}

/** A page of older records of a log, written once when they move out of it. */
export interface SignOffPage {
  issueId: string;
  page: number;
  records: SignOffRecord[];
}

/**
 * Sign-off records carry free text (a comment of up to 1,000 characters, 3 bytes each in many
 * scripts), so a log is split by bytes: past SPLIT_AT_BYTES its oldest records move to a page and
 * the log keeps the newest KEEP_BYTES' worth. Far from the 240 KiB a document may hold.
 */
export const SIGN_OFF_LOG_SPLIT_AT_BYTES = 96 * 1024;
const KEEP_BYTES = 32 * 1024;

export function emptyLog(issueId: string, projectId: string): SignOffLog {
  return { issueId, projectId, records: [] };
}

/** The latest "signed" record of each check that is not revoked since. */
export function currentSignOffs(log: Pick<SignOffLog, 'records' | 'carried'> | undefined): Map<string, SignOffRecord> {
  const current = new Map<string, SignOffRecord>();
  for (const record of [...(log?.carried ?? []), ...(log?.records ?? [])]) {
    if (record.action === 'signed') current.set(record.criterionId, record);
    else current.delete(record.criterionId);
  }
  return current;
}

export function signedChecks(log: Pick<SignOffLog, 'records' | 'carried'> | undefined): Map<string, SignedCheck> {
  return new Map([...currentSignOffs(log)].map(([id, r]) => [id, { by: r.displayName, at: r.at }]));
}

/** The ids of the checks signed now, sorted: what the release roll-up stores per issue. */
export function signedIds(log: Pick<SignOffLog, 'records' | 'carried'> | undefined): string[] {
  return [...currentSignOffs(log).keys()].sort();
}

export interface SignOffRequest {
  criterionId: string;
  action: SignOffAction;
  accountId: string;
  displayName: string;
  at: string;
  evidenceUrl?: string;
  comment?: string;
}

export type SignOffOutcome =
  | { kind: 'recorded'; log: SignOffLog; record: SignOffRecord }
  /** Signing a signed check or revoking an unsigned one changes nothing (a double click counts once). */
  | { kind: 'unchanged'; log: SignOffLog; current?: SignOffRecord };

/** Position of the newest record: grows with every record, wherever older ones were moved. */
export function lastSeq(log: Pick<SignOffLog, 'records' | 'carried'>): number {
  return log.records.at(-1)?.seq ?? Math.max(0, ...(log.carried ?? []).map((r) => r.seq));
}

export function applySignOff(log: SignOffLog, request: SignOffRequest): SignOffOutcome {
  const current = currentSignOffs(log).get(request.criterionId);
  if ((request.action === 'signed') === (current !== undefined)) return { kind: 'unchanged', log, ...(current ? { current } : {}) };
  const record: SignOffRecord = {
    seq: lastSeq(log) + 1,
    criterionId: request.criterionId,
    action: request.action,
    accountId: request.accountId,
    displayName: request.displayName,
    at: request.at,
    ...(request.evidenceUrl ? { evidenceUrl: request.evidenceUrl } : {}),
    ...(request.comment ? { comment: request.comment } : {}),
  };
  return { kind: 'recorded', log: { ...log, records: [...log.records, record] }, record };
}

/**
 * The log to store and, when it outgrew SIGN_OFF_LOG_SPLIT_AT_BYTES, the page its oldest records
 * move to (the newest record always stays). Pure: the store writes both in one transaction.
 */
export function splitLog(log: SignOffLog): { log: SignOffLog; page?: SignOffPage } {
  if (jsonBytes(log) <= SIGN_OFF_LOG_SPLIT_AT_BYTES) return { log };
  let keep = log.records.length - 1;
  let bytes = jsonBytes(log.records[keep]);
  while (keep > 0 && bytes + jsonBytes(log.records[keep - 1]) <= KEEP_BYTES) bytes += jsonBytes(log.records[--keep]);
  // Nothing to move: what outgrew the limit is the checks carried from earlier pages (one record per
  // signed check at most, 30 per policy), not the log's own records. A page would be empty.
  if (keep === 0) return { log };
  const moved = log.records.slice(0, keep);
  const stays = log.records.slice(keep);
  const current = currentSignOffs({ records: moved, ...(log.carried ? { carried: log.carried } : {}) });
  const page = (log.pages ?? 0) + 1;
  return {
    log: { ...log, records: stays, pages: page, carried: [...current.values()] },
    page: { issueId: log.issueId, page, records: moved },
  };
}
