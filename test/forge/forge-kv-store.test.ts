/**
 * The Forge KVS adapter maps the store port onto @forge/kvs. @forge/kvs is replaced by a recorder
 * here (it ships its own @forge/api and needs the Forge runtime); the real package still supplies
 * the condition builders and the error class, so the requests checked are the ones Forge would get.
 */
const calls: Array<{ op: string; args: unknown[] }> = [];
let nextError: unknown;

jest.mock('@forge/kvs', () => {
  const actual = jest.requireActual('@forge/kvs');
  const record = (op: string) => async (...args: unknown[]) => {
    calls.push({ op, args });
    if (nextError) {
      const error = nextError;
      nextError = undefined;
      throw error;
    }
    if (op === 'batchGet') return { successfulKeys: (args[0] as Array<{ key: string }>).map((i) => ({ key: i.key, value: i.key })), failedKeys: [] };
    if (op === 'batchSet') return { successfulKeys: [], failedKeys: [] };
    return undefined;
  };
  const transaction = () => {
    const ops: unknown[] = [];
    const builder = {
      set: (...args: unknown[]) => (ops.push({ op: 'set', args }), builder),
      delete: (...args: unknown[]) => (ops.push({ op: 'delete', args }), builder),
      check: (...args: unknown[]) => (ops.push({ op: 'check', args }), builder),
      execute: async () => record('transact')(ops),
    };
    return builder;
  };
  return {
    ...actual,
    kvs: {
      get: record('get'),
      set: record('set'),
      delete: record('delete'),
      batchGet: record('batchGet'),
      batchSet: record('batchSet'),
      transact: transaction,
      entity: () => ({ get: record('entity.get') }),
      getSecret: record('getSecret'),
      setSecret: record('setSecret'),
      deleteSecret: record('deleteSecret'),
    },
  };
});

import { ForgeKvsAPIError } from '@forge/kvs';
import { ConflictError } from '../../src/errors';
import { ForgeKvStore, VERSIONED_ENTITY } from '../../src/forge/forge-kv-store';

const apiError = (status: number, code: string) =>
  new ForgeKvsAPIError({ status, statusText: 'x' }, { code, message: `${code} happened` });

beforeEach(() => {
  calls.length = 0;
  nextError = undefined;
});

describe('the Forge KVS adapter', () => {
  const store = new ForgeKvStore();

  it('creates a key once with FAIL_IF_EXISTS and reports a taken key as false', async () => {
    expect(await store.setIfAbsent('deployment:d1', { n: 1 })).toBe(true);
    expect(calls[0]).toEqual({ op: 'set', args: ['deployment:d1', { n: 1 }, { keyPolicy: 'FAIL_IF_EXISTS' }] });
    nextError = apiError(409, 'KEY_ALREADY_EXISTS');
    expect(await store.setIfAbsent('deployment:d1', { n: 2 })).toBe(false);
  });

  it('passes on any other storage failure', async () => {
    nextError = apiError(500, 'INTERNAL_SERVER_ERROR');
    await expect(store.setIfAbsent('deployment:d2', 1)).rejects.toBeInstanceOf(ForgeKvsAPIError);
  });

  it('writes versioned documents in the custom entity with a revision condition', async () => {
    await store.transact([
      { kind: 'put', key: 'doc:a', value: { x: 1 }, expectRev: 0 },
      { kind: 'put', key: 'doc:b', value: { y: 2 }, expectRev: 3 },
      { kind: 'check', key: 'doc:c', expectRev: 7 },
    ]);
    const [ops] = calls[0]!.args as [Array<{ op: string; args: [string, ...unknown[]] }>];
    expect(ops.map((o) => [o.op, o.args[0]])).toEqual([
      ['set', 'doc:a'],
      ['set', 'doc:b'],
      ['check', 'doc:c'],
    ]);
    const [, valueA, entityA] = ops[0]!.args as [string, unknown, { entityName: string; conditions: { filters(): unknown[] } }];
    expect(valueA).toEqual({ rev: 1, value: { x: 1 } });
    expect(entityA.entityName).toBe(VERSIONED_ENTITY);
    expect(entityA.conditions.filters()).toEqual([{ property: 'rev', condition: 'NOT_EXISTS', values: [true] }]);
    const [, valueB, entityB] = ops[1]!.args as [string, unknown, { conditions: { filters(): unknown[] } }];
    expect(valueB).toEqual({ rev: 4, value: { y: 2 } });
    expect(entityB.conditions.filters()).toEqual([{ property: 'rev', condition: 'EQUAL_TO', values: [3] }]);
  });

  it('turns a failed revision condition into a CONFLICT', async () => {
    nextError = apiError(409, 'CONDITIONAL_CHECK_FAILED');
    await expect(store.transact([{ kind: 'put', key: 'doc:a', value: 1, expectRev: 1 }])).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses what Forge would refuse before calling it', async () => {
    await expect(store.set('bad/key', 1)).rejects.toMatchObject({ code: 'STORE_LIMIT' });
    await expect(store.transact(Array.from({ length: 26 }, (_, i) => ({ kind: 'check' as const, key: `k${i}`, expectRev: 0 })))).rejects.toMatchObject({ code: 'STORE_LIMIT' });
    expect(calls).toHaveLength(0);
  });

  it('keeps secrets in Forge secret storage, never through the app-data calls', async () => {
    await store.setSecret('deployments-secret:abc', 's3cret');
    await store.getSecret('deployments-secret:abc');
    await store.deleteSecret('deployments-secret:abc');
    expect(calls).toEqual([
      { op: 'setSecret', args: ['deployments-secret:abc', 's3cret'] },
      { op: 'getSecret', args: ['deployments-secret:abc'] },
      { op: 'deleteSecret', args: ['deployments-secret:abc'] },
    ]);
  });

  it('splits batches into Forge-sized chunks', async () => {
    const keys = Array.from({ length: 45 }, (_, i) => `item:${i}`);
    const values = await store.batchGet<string>(keys);
    expect(values.size).toBe(45);
    expect(calls.filter((c) => c.op === 'batchGet').map((c) => (c.args[0] as unknown[]).length)).toEqual([20, 20, 5]);
  });
});
