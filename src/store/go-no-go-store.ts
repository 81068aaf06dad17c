import type {
  AuditEntry,
  GoNoGoDecision,
  PostImplementationReview,
  ReleaseType,
  ReleaseTypePolicy,
  SignOffVote,
  UserSummary,
} from '../contract-go-no-go';
import type { RiskRecord } from '../domain/go-no-go/board';
import type { CriterionTick } from '../domain/go-no-go/criteria';
import { ConflictError } from '../errors';
import type { KeyValueStore, TransactOperation, Versioned } from '../ports';
import { type PendingAudit, flushAudit } from './audit-outbox';
import { keys } from './keys';
import { type DocAt, type SplitDoc, readSplitDoc, updateSplitDocs } from './sharded-list';

/**
 * Storage of the Go/No-Go board. Every document that changes also carries the audit entries of
 * its change in an outbox written in the same transaction; the entries are then copied to their
 * own create-once keys (and copied again by the next writer or reader should that fail), so an
 * audit entry can be late but never lost, and never written twice.
 */

export type { PendingAudit } from './audit-outbox';
export { flushAudit } from './audit-outbox';

interface WithOutbox {
  outbox?: PendingAudit[];
}

/** Risks are kept as the domain's records: score and level are derived when read. */
export type StoredRisk = RiskRecord;

export interface BoardDoc extends WithOutbox {
  releaseType?: ReleaseType;
  /** Decision round: 1, or more after a NO-GO was followed by a new round. */
  round: number;
  ticks: Record<string, CriterionTick>;
  risks: StoredRisk[];
}

export interface VotesDoc extends WithOutbox {
  votes: SignOffVote[];
}

export interface DecisionDoc extends WithOutbox {
  decision: GoNoGoDecision;
}

export interface SettingsDoc extends WithOutbox {
  policies: Partial<Record<ReleaseType, ReleaseTypePolicy>>;
  /** Display names of the approvers as Jira had them when the settings were saved. */
  names: Record<string, string>;
  updatedAt: string;
  updatedBy: UserSummary;
}

export interface ReviewDoc extends WithOutbox {
  review?: PostImplementationReview;
}

export interface IndexEntry {
  decisionId: string;
  versionName: string;
  releaseType: ReleaseType;
  value: 'GO' | 'NO_GO';
  decidedAt: string;
  /** Calendar date by which the post-implementation review is due (GO decisions only). */
  reviewDueDate?: string;
  reviewCompleted: boolean;
}

/** A project's decided releases, one entry each (the latest decision). */
export interface IndexDoc {
  releases: Record<string, IndexEntry>;
}

export const emptyBoard = (): BoardDoc => ({ round: 1, ticks: {}, risks: [] });

/** `2026-11-24T10:00:00.000Z` → `20261124T100000000Z`: sorts like the time, fits a key part. */
export function auditStamp(at: string): string {
  return at.replace(/[-:.]/g, '');
}

export function pendingAudit(projectId: string, entry: AuditEntry): PendingAudit {
  const scope = entry.versionId || 'settings';
  return { key: keys.goNoGoAudit(projectId, scope, auditStamp(entry.at), entry.id), entry };
}


/** Flushing is best effort here: what fails stays in the document's outbox for the next one. */
async function tryFlush(store: KeyValueStore, pending: readonly PendingAudit[] | undefined): Promise<void> {
  try {
    await flushAudit(store, pending);
  } catch {
    // The entries are safe in the outbox; the next write or audit view copies them.
  }
}

function withOutbox<T extends WithOutbox>(value: T, audit: PendingAudit[]): T {
  const { outbox: _old, ...rest } = value;
  return (audit.length ? { ...rest, outbox: audit } : rest) as T;
}

export interface GuardedChange<T> {
  next: T;
  audit: PendingAudit[];
}

/** A release's board: its risks are split by bytes from the rest (src/store/sharded-list.ts). */
export function boardDoc(projectId: string, versionId: string): SplitDoc {
  return { key: keys.goNoGoBoard(projectId, versionId), part: (n) => keys.goNoGoBoardPart(projectId, versionId, n), list: 'risks' };
}

/** A round's votes, split by bytes (a vote carries a comment of up to 1,000 characters). */
export function votesDoc(projectId: string, versionId: string, round: number): SplitDoc {
  return { key: keys.goNoGoVotes(projectId, versionId, round), part: (n) => keys.goNoGoVotesPart(projectId, versionId, round, n), list: 'votes' };
}

export function readBoard(store: KeyValueStore, projectId: string, versionId: string): Promise<Versioned<BoardDoc> | undefined> {
  return readSplitDoc<BoardDoc>(store, boardDoc(projectId, versionId));
}

/**
 * Read-modify-write of a versioned document (whole, or split by bytes) with its audit entries,
 * retried on conflict. `guard` runs on every attempt with the document read and returns revision
 * checks that must still hold when the write lands (e.g. "the round has no decision yet"), or
 * throws to refuse the change.
 */
export async function guardedUpdate<T extends WithOutbox>(
  store: KeyValueStore,
  at: DocAt,
  options: {
    initial: () => T;
    guard?: (current: T) => Promise<TransactOperation[]>;
    change: (current: T) => GuardedChange<T> | undefined;
    /** Writers racing for one document need up to one attempt each; a vote meeting has a dozen. */
    attempts?: number;
    /** Waits before attempt `n` (n >= 2), so racing writers spread out. */
    backoff?: (attempt: number) => Promise<void>;
  },
): Promise<{ value: T; written: boolean }> {
  const key = typeof at === 'string' ? at : at.key;
  let audit: PendingAudit[] = [];
  const { values, written } = await updateSplitDocs<T>(
    store,
    [at],
    () => options.initial(),
    (docs) => {
      const result = options.change(withOutbox(docs.get(key) as T, []));
      if (!result) return undefined;
      audit = result.audit;
      return new Map([[key, withOutbox(result.next, result.audit)]]);
    },
    {
      attempts: options.attempts ?? 16,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      guard: async (docs) => {
        const base = docs.get(key) as T;
        const [checks] = await Promise.all([options.guard ? options.guard(base) : Promise.resolve([]), tryFlush(store, base.outbox)]);
        return checks;
      },
    },
  );
  if (written) await tryFlush(store, audit);
  return { value: withOutbox(values.get(key) as T, []), written };
}

export interface BoardState {
  board: Versioned<BoardDoc> | undefined;
  round: number;
  votes: Versioned<VotesDoc> | undefined;
  decision: Versioned<DecisionDoc> | undefined;
  earlierDecisions: GoNoGoDecision[];
}

/** The board, the current round's votes and decision, and earlier rounds' decisions. */
export async function readBoardState(store: KeyValueStore, projectId: string, versionId: string): Promise<BoardState> {
  const board = await readBoard(store, projectId, versionId);
  const round = board?.value.round ?? 1;
  const earlierRounds = Array.from({ length: round - 1 }, (_, i) => i + 1);
  const [votes, decision, ...earlier] = await Promise.all([
    readSplitDoc<VotesDoc>(store, votesDoc(projectId, versionId, round)),
    store.getVersioned<DecisionDoc>(keys.goNoGoDecision(projectId, versionId, round)),
    ...earlierRounds.map((r) => store.getVersioned<DecisionDoc>(keys.goNoGoDecision(projectId, versionId, r))),
  ]);
  return {
    board,
    round,
    votes: votes as Versioned<VotesDoc> | undefined,
    decision: decision as Versioned<DecisionDoc> | undefined,
    earlierDecisions: earlier.filter((d): d is Versioned<DecisionDoc> => d !== undefined).map((d) => d.value.decision),
  };
}

/** Copies whatever the documents of a board still hold in their outboxes (idempotent). */
export async function flushBoardOutboxes(store: KeyValueStore, state: BoardState): Promise<void> {
  await flushAudit(store, [...(state.board?.value.outbox ?? []), ...(state.votes?.value.outbox ?? []), ...(state.decision?.value.outbox ?? [])]);
}

export type CreateDecisionOutcome = 'created' | 'exists' | 'stale';

/**
 * Creates a round's decision once: the write lands only if no decision exists for the round and
 * the board and votes are still at the revisions the decision's evidence was taken from.
 */
export async function createDecision(
  store: KeyValueStore,
  projectId: string,
  versionId: string,
  doc: DecisionDoc,
  expected: { boardRev: number; votesRev: number },
): Promise<CreateDecisionOutcome> {
  const round = doc.decision.round;
  const key = keys.goNoGoDecision(projectId, versionId, round);
  try {
    await store.transact([
      { kind: 'put', key, value: doc, expectRev: 0 },
      { kind: 'check', key: keys.goNoGoBoard(projectId, versionId), expectRev: expected.boardRev },
      { kind: 'check', key: keys.goNoGoVotes(projectId, versionId, round), expectRev: expected.votesRev },
    ]);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return (await store.getVersioned(key)) ? 'exists' : 'stale';
  }
  await tryFlush(store, doc.outbox);
  return 'created';
}

export async function listAudit(store: KeyValueStore, prefix: string, max: number): Promise<{ entries: AuditEntry[]; truncated: boolean }> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<AuditEntry>(prefix, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const result of page.results) {
      if (entries.length >= max) return { entries, truncated: true };
      entries.push(result.value);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { entries, truncated: false };
}
