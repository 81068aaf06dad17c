import { AppError, ConflictError } from '../../src/errors';
import type { KeyValueStore, QueryPage, StoredEntry, TransactOperation, Versioned } from '../../src/ports';
import {
  KV_LIMITS,
  assertValidKey,
  assertValidQueryLimit,
  assertValidTransaction,
  assertValidValue,
  assertValidVersionedValue,
} from '../../src/store/kv-limits';

export interface KvSnapshot {
  plain: Record<string, unknown>;
  versioned: Record<string, Versioned<unknown>>;
}

export interface KvCounters {
  reads: number;
  writes: number;
  queries: number;
  transactions: number;
  /** Forge's read quota unit: every read counts ceil(bytes / 10 KB), at least one (a missing key too). */
  readUnits: number;
}

const READ_UNIT_BYTES = 10 * 1024;

function unitsOf(text: string | undefined): number {
  return text === undefined ? 1 : Math.max(1, Math.ceil(Buffer.byteLength(text, 'utf8') / READ_UNIT_BYTES));
}

/** Values are stored as JSON text so callers can never mutate stored state through a reference. */
function freeze(value: unknown): string {
  return JSON.stringify(value);
}

function thaw<T>(text: string | undefined): T | undefined {
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

/**
 * Forge KVS semantics in memory, with Forge's limits. The file-backed store persists it; tests use
 * it directly. `counters` let benchmarks state store operations per run.
 */
export class InMemoryKvStore implements KeyValueStore {
  protected plain = new Map<string, string>();
  protected versioned = new Map<string, { value: string; rev: number }>();
  /** Secret storage: apart from app data and never in `snapshot()`, as Forge keeps secrets apart. */
  protected secrets = new Map<string, string>();
  readonly counters: KvCounters = { reads: 0, writes: 0, queries: 0, transactions: 0, readUnits: 0 };

  constructor(snapshot?: KvSnapshot) {
    if (snapshot) this.load(snapshot);
  }

  protected load(snapshot: KvSnapshot): void {
    this.plain = new Map(Object.entries(snapshot.plain).map(([k, v]) => [k, freeze(v)]));
    this.versioned = new Map(Object.entries(snapshot.versioned).map(([k, v]) => [k, { value: freeze(v.value), rev: v.rev }]));
  }

  snapshot(): KvSnapshot {
    return {
      plain: Object.fromEntries([...this.plain].map(([k, v]) => [k, JSON.parse(v)])),
      versioned: Object.fromEntries([...this.versioned].map(([k, v]) => [k, { value: JSON.parse(v.value), rev: v.rev }])),
    };
  }

  /** Called after every write with the keys it changed (plain and versioned), before the write is acknowledged. */
  protected changed(_plainKeys: string[], _versionedKeys: string[]): void {}

  /** Called after every change of a secret, before it is acknowledged; the file-backed store persists here. */
  protected secretsChanged(): void {}

  async get<T>(key: string): Promise<T | undefined> {
    assertValidKey(key);
    this.counters.reads++;
    this.counters.readUnits += unitsOf(this.plain.get(key));
    return thaw<T>(this.plain.get(key));
  }

  async set<T>(key: string, value: T): Promise<void> {
    assertValidKey(key);
    assertValidValue(value);
    this.counters.writes++;
    this.plain.set(key, freeze(value));
    this.changed([key], []);
  }

  async setIfAbsent<T>(key: string, value: T): Promise<boolean> {
    assertValidKey(key);
    assertValidValue(value);
    this.counters.writes++;
    if (this.plain.has(key)) return false;
    this.plain.set(key, freeze(value));
    this.changed([key], []);
    return true;
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    this.counters.writes++;
    if (this.plain.delete(key)) this.changed([key], []);
  }

  async batchGet<T>(keys: string[]): Promise<Map<string, T>> {
    keys.forEach(assertValidKey);
    const result = new Map<string, T>();
    for (const key of keys) {
      this.counters.reads++;
      this.counters.readUnits += unitsOf(this.plain.get(key));
      const value = thaw<T>(this.plain.get(key));
      if (value !== undefined) result.set(key, value);
    }
    return result;
  }

  async batchSet(entries: Array<StoredEntry<unknown>>): Promise<void> {
    for (const entry of entries) {
      assertValidKey(entry.key);
      assertValidValue(entry.value);
    }
    for (const entry of entries) {
      this.counters.writes++;
      this.plain.set(entry.key, freeze(entry.value));
    }
    if (entries.length) this.changed(entries.map((e) => e.key), []);
  }

  async query<T>(prefix: string, options: { limit?: number; cursor?: string } = {}): Promise<QueryPage<T>> {
    const limit = options.limit ?? KV_LIMITS.maxQueryLimit;
    assertValidQueryLimit(limit);
    this.counters.queries++;
    let after: string | undefined;
    if (options.cursor !== undefined) {
      try {
        after = Buffer.from(options.cursor, 'base64url').toString('utf8');
      } catch {
        throw new AppError('STORE_LIMIT', 'The query cursor is not valid.');
      }
    }
    const keys = [...this.plain.keys()]
      .filter((key) => key.startsWith(prefix) && (after === undefined || key > after))
      .sort();
    const page = keys.slice(0, limit);
    const results = page.map((key) => ({ key, value: JSON.parse(this.plain.get(key) as string) as T }));
    this.counters.readUnits += Math.max(1, page.reduce((sum, key) => sum + unitsOf(this.plain.get(key)), 0));
    const last = page[page.length - 1];
    return keys.length > limit && last !== undefined
      ? { results, nextCursor: Buffer.from(last, 'utf8').toString('base64url') }
      : { results };
  }

  async getVersioned<T>(key: string): Promise<Versioned<T> | undefined> {
    assertValidKey(key);
    this.counters.reads++;
    const doc = this.versioned.get(key);
    this.counters.readUnits += unitsOf(doc?.value);
    return doc ? { value: JSON.parse(doc.value) as T, rev: doc.rev } : undefined;
  }

  async transact(operations: TransactOperation[]): Promise<void> {
    assertValidTransaction(operations.map((op) => op.key));
    for (const op of operations) if (op.kind === 'put') assertValidVersionedValue(op.value, op.expectRev + 1);
    this.counters.transactions++;
    // Check every condition before touching anything: all or nothing.
    const failures = operations.filter((op) => (this.versioned.get(op.key)?.rev ?? 0) !== op.expectRev);
    if (failures.length) {
      throw new ConflictError(undefined, failures.map((op) => `${op.key} is not at revision ${op.expectRev}`));
    }
    for (const op of operations) {
      if (op.kind === 'put') this.versioned.set(op.key, { value: freeze(op.value), rev: op.expectRev + 1 });
      if (op.kind === 'delete') this.versioned.delete(op.key);
      if (op.kind !== 'check') this.counters.writes++;
    }
    this.changed([], operations.filter((op) => op.kind !== 'check').map((op) => op.key));
  }

  async getSecret(key: string): Promise<string | undefined> {
    assertValidKey(key);
    this.counters.reads++;
    return this.secrets.get(key);
  }

  async setSecret(key: string, value: string): Promise<void> {
    assertValidKey(key);
    assertValidValue(value);
    this.counters.writes++;
    this.secrets.set(key, value);
    this.secretsChanged();
  }

  async deleteSecret(key: string): Promise<void> {
    assertValidKey(key);
    this.counters.writes++;
    if (this.secrets.delete(key)) this.secretsChanged();
  }
}
