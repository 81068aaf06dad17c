/**
 * Sign-offs of manual checks on one issue: an append-only log (a revocation is a new record, so the
 * history stays), from which the current state of each check is read. Pure.
 */
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
  records: SignOffRecord[];
}

/** A log holds at most this many records (about 100 KiB): far beyond any real issue's history. */
export const MAX_SIGN_OFF_RECORDS = 300;

export function emptyLog(issueId: string, projectId: string): SignOffLog {
  return { issueId, projectId, records: [] };
}

/** The latest "signed" record of each check that is not revoked since. */
export function currentSignOffs(log: Pick<SignOffLog, 'records'> | undefined): Map<string, SignOffRecord> {
  const current = new Map<string, SignOffRecord>();
  for (const record of log?.records ?? []) {
    if (record.action === 'signed') current.set(record.criterionId, record);
    else current.delete(record.criterionId);
  }
  return current;
}

export function signedChecks(log: Pick<SignOffLog, 'records'> | undefined): Map<string, SignedCheck> {
  return new Map([...currentSignOffs(log)].map(([id, r]) => [id, { by: r.displayName, at: r.at }]));
}

/** The ids of the checks signed now, sorted: what the release roll-up stores per issue. */
export function signedIds(log: Pick<SignOffLog, 'records'> | undefined): string[] {
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
  | { kind: 'unchanged'; log: SignOffLog; current?: SignOffRecord }
  | { kind: 'history-full'; log: SignOffLog };

export function applySignOff(log: SignOffLog, request: SignOffRequest): SignOffOutcome {
  const current = currentSignOffs(log).get(request.criterionId);
  if ((request.action === 'signed') === (current !== undefined)) return { kind: 'unchanged', log, ...(current ? { current } : {}) };
  if (log.records.length >= MAX_SIGN_OFF_RECORDS) return { kind: 'history-full', log };
  const last = log.records.at(-1);
  const record: SignOffRecord = {
    seq: (last?.seq ?? 0) + 1,
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
