import { Filter, FilterConditions, ForgeKvsAPIError, WhereConditions, kvs } from '@forge/kvs';
import { AppError, ConflictError } from '../errors';
import type { KeyValueStore, QueryPage, StoredEntry, TransactOperation, Versioned } from '../ports';
import { KV_LIMITS, assertValidKey, assertValidQueryLimit, assertValidTransaction, assertValidValue, assertValidVersionedValue } from '../store/kv-limits';

/** The custom entity (declared in manifest.yml) that holds versioned documents. */
export const VERSIONED_ENTITY = 'versioned-doc';

interface VersionedRecord {
  rev: number;
  value: unknown;
}

function isKeyTaken(error: unknown): boolean {
  if (!(error instanceof ForgeKvsAPIError)) return false;
  return error.responseDetails?.status === 409 || /EXIST|CONFLICT|CONDITION/i.test(error.code ?? '');
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof ForgeKvsAPIError && (error.responseDetails?.status === 409 || /CONDITION|CONFLICT/i.test(error.code ?? ''));
}

function revCondition(expectRev: number) {
  return expectRev === 0
    ? new Filter<VersionedRecord>().and('rev', FilterConditions.notExists())
    : new Filter<VersionedRecord>().and('rev', FilterConditions.equalTo(expectRev));
}

/** The Forge KVS behind the KeyValueStore port; validates the same limits before calling. */
export class ForgeKvStore implements KeyValueStore {
  async get<T>(key: string): Promise<T | undefined> {
    assertValidKey(key);
    return kvs.get<T>(key);
  }

  async set<T>(key: string, value: T): Promise<void> {
    assertValidKey(key);
    assertValidValue(value);
    await kvs.set(key, value);
  }

  async setIfAbsent<T>(key: string, value: T): Promise<boolean> {
    assertValidKey(key);
    assertValidValue(value);
    try {
      await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS' });
      return true;
    } catch (error) {
      if (isKeyTaken(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await kvs.delete(key);
  }

  async batchGet<T>(keys: string[]): Promise<Map<string, T>> {
    const result = new Map<string, T>();
    for (let i = 0; i < keys.length; i += KV_LIMITS.maxBatchItems) {
      const chunk = keys.slice(i, i + KV_LIMITS.maxBatchItems);
      chunk.forEach(assertValidKey);
      const answer = await kvs.batchGet<T>(chunk.map((key) => ({ key })));
      if (answer.failedKeys.length) throw new AppError('STORE_LIMIT', `Reading ${answer.failedKeys.length} keys failed: ${answer.failedKeys[0]?.error.message}`);
      for (const item of answer.successfulKeys) result.set(item.key, item.value);
    }
    return result;
  }

  async batchSet(entries: Array<StoredEntry<unknown>>): Promise<void> {
    for (const entry of entries) {
      assertValidKey(entry.key);
      assertValidValue(entry.value);
    }
    for (let i = 0; i < entries.length; i += KV_LIMITS.maxBatchItems) {
      const answer = await kvs.batchSet(entries.slice(i, i + KV_LIMITS.maxBatchItems));
      if (answer.failedKeys.length) throw new AppError('STORE_LIMIT', `Writing ${answer.failedKeys.length} keys failed: ${answer.failedKeys[0]?.error.message}`);
    }
  }

  async query<T>(prefix: string, options: { limit?: number; cursor?: string } = {}): Promise<QueryPage<T>> {
    const limit = options.limit ?? KV_LIMITS.maxQueryLimit;
    assertValidQueryLimit(limit);
    let builder = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(limit);
    if (options.cursor) builder = builder.cursor(options.cursor);
    const page = await builder.getMany<T>();
    const results = page.results.map((r) => ({ key: r.key, value: r.value }));
    return page.nextCursor ? { results, nextCursor: page.nextCursor } : { results };
  }

  async getVersioned<T>(key: string): Promise<Versioned<T> | undefined> {
    assertValidKey(key);
    const record = await kvs.entity<VersionedRecord>(VERSIONED_ENTITY).get(key);
    return record ? { value: record.value as T, rev: record.rev } : undefined;
  }

  async transact(operations: TransactOperation[]): Promise<void> {
    assertValidTransaction(operations.map((op) => op.key));
    let tx = kvs.transact();
    for (const op of operations) {
      const entity = { entityName: VERSIONED_ENTITY, conditions: revCondition(op.expectRev) };
      if (op.kind === 'put') {
        assertValidVersionedValue(op.value, op.expectRev + 1);
        tx = tx.set<VersionedRecord>(op.key, { rev: op.expectRev + 1, value: op.value }, entity);
      } else if (op.kind === 'delete') tx = tx.delete<VersionedRecord>(op.key, entity);
      else tx = tx.check<VersionedRecord>(op.key, entity);
    }
    try {
      await tx.execute();
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError();
      throw error;
    }
  }

  async getSecret(key: string): Promise<string | undefined> {
    assertValidKey(key);
    return kvs.getSecret<string>(key);
  }

  async setSecret(key: string, value: string): Promise<void> {
    assertValidKey(key);
    assertValidValue(value);
    await kvs.setSecret(key, value);
  }

  async deleteSecret(key: string): Promise<void> {
    assertValidKey(key);
    await kvs.deleteSecret(key);
  }
}
