import { StoreQuotaGate } from '../../src/store/quota-gate';
import { keys } from '../../src/store/keys';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';

const NOW = new Date('2026-11-24T10:00:00Z');
const clock = { now: () => NOW };
const at = (iso: string) => new Date(iso);

describe('the quota gate: "Jira’s hourly quota is spent until T", shared through the store', () => {
  it('tells every later invocation (a new gate) when the product is blocked until, and not the other product', async () => {
    const store = new InMemoryKvStore();
    await new StoreQuotaGate(store, clock).block('jira', at('2026-11-24T11:00:00Z'));
    const next = new StoreQuotaGate(store, clock);
    expect(await next.blockedUntil('jira')).toEqual(at('2026-11-24T11:00:00Z'));
    expect(await next.blockedUntil('confluence')).toBeUndefined();
    expect(await store.get(keys.quotaBlock('jira'))).toEqual({ until: '2026-11-24T11:00:00.000Z' });
  });

  it.each([
    ['ended before now', '2026-11-24T09:59:59Z'],
    ['ending exactly now', '2026-11-24T10:00:00Z'],
  ])('lets requests through once the block has %s', async (_case, until) => {
    const store = new InMemoryKvStore();
    await store.set(keys.quotaBlock('jira'), { until });
    expect(await new StoreQuotaGate(store, clock).blockedUntil('jira')).toBeUndefined();
  });

  it('reads the store once per invocation, however many requests ask at once', async () => {
    const store = new InMemoryKvStore();
    const gate = new StoreQuotaGate(store, clock);
    await Promise.all(Array.from({ length: 8 }, () => gate.blockedUntil('jira')));
    await gate.blockedUntil('jira');
    expect(store.counters.reads).toBe(1);
  });

  it('asks again after a failed read instead of remembering the failure', async () => {
    const store = new InMemoryKvStore();
    await store.set(keys.quotaBlock('jira'), { until: '2026-11-24T11:00:00Z' });
    const get = jest.spyOn(store, 'get').mockRejectedValueOnce(new Error('KVS unavailable'));
    const gate = new StoreQuotaGate(store, clock);
    await expect(gate.blockedUntil('jira')).rejects.toThrow('KVS unavailable');
    expect(await gate.blockedUntil('jira')).toEqual(at('2026-11-24T11:00:00Z'));
    expect(get).toHaveBeenCalledTimes(2);
  });
});
