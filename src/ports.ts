/**
 * The boundaries between the release-management core and the world. Forge adapters (src/forge/)
 * and local adapters (local/) implement these; use cases in src/app/ only see these.
 */

// ---------------------------------------------------------------------------------------------
// HTTP to Atlassian products

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Path and query, already encoded, e.g. `/rest/api/3/version/10001?expand=x`. */
  path: string;
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON when the response was JSON, the text otherwise, undefined when empty. */
  body: unknown;
}

/** Sends one request to one product as one principal. No retries: the clients own that policy. */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

export interface ProductTransports {
  jiraAsUser(accountId: string): HttpTransport;
  jiraAsApp(): HttpTransport;
  confluenceAsApp(): HttpTransport;
}

// ---------------------------------------------------------------------------------------------
// Key-value store (Forge KVS semantics and limits)

export interface StoredEntry<T> {
  key: string;
  value: T;
}

export interface QueryPage<T> {
  results: Array<StoredEntry<T>>;
  /** Opaque; valid only for the next call, never persisted. */
  nextCursor?: string;
}

/** A document with a revision number, for optimistic concurrency through `transact`. */
export interface Versioned<T> {
  value: T;
  rev: number;
}

export type TransactOperation =
  /** Write a versioned document; `expectRev: 0` means it must not exist yet. New rev = expectRev + 1. */
  | { kind: 'put'; key: string; value: unknown; expectRev: number }
  /** Delete a versioned document if it is still at `expectRev`. */
  | { kind: 'delete'; key: string; expectRev: number }
  /** Fail the transaction unless the document is at `expectRev` (0: absent). */
  | { kind: 'check'; key: string; expectRev: number };

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  /** Writes only when the key is free; false when it was taken (idempotent create). */
  setIfAbsent<T>(key: string, value: T): Promise<boolean>;
  delete(key: string): Promise<void>;
  batchGet<T>(keys: string[]): Promise<Map<string, T>>;
  batchSet(entries: Array<StoredEntry<unknown>>): Promise<void>;
  /** Keys beginning with `prefix`, in key order, at most `limit` (<= 100) per page. */
  query<T>(prefix: string, options?: { limit?: number; cursor?: string }): Promise<QueryPage<T>>;

  /** Versioned documents live apart from plain keys (a custom entity on Forge). */
  getVersioned<T>(key: string): Promise<Versioned<T> | undefined>;
  /** All or nothing; throws ConflictError when a revision check fails. At most 25 operations. */
  transact(operations: TransactOperation[]): Promise<void>;

  /**
   * Secret storage (Forge's `kvs.getSecret`/`setSecret`/`deleteSecret`): encrypted apart from app
   * data, never listed by `query`, no transactions. Values are strings (signing secrets).
   */
  getSecret(key: string): Promise<string | undefined>;
  setSecret(key: string, value: string): Promise<void>;
  deleteSecret(key: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Queue, clock, log

export interface QueuedJob {
  /** What the consumer should do; see src/app/jobs.ts. */
  type: string;
  body: Record<string, unknown>;
}

export interface WorkQueue {
  push(jobs: QueuedJob[], options?: { delaySeconds?: number }): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Waiting and chance are ports too, so retry policies are testable without real time. */
export interface Timing {
  sleep(ms: number): Promise<void>;
  random(): number;
}

// ---------------------------------------------------------------------------------------------
// Live updates (Forge Realtime)

/**
 * A small change notice for pages watching a document: never the data itself (a page refetches
 * through its authorized resolver, so nobody reads what they may not).
 */
export type LiveNotice = Record<string, string | number>;

/**
 * Tells pages watching `channel` in the caller's project that something changed. On Forge the
 * channel is scoped to the invoking module's context (the project); `projectId` scopes it locally.
 * Best effort: a notice that cannot be sent must never undo or fail the write it reports.
 */
export interface LiveUpdates {
  publish(target: { projectId: string; channel: string }, notice: LiveNotice): Promise<void>;
}
