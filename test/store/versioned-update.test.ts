import { AppError, ConflictError } from '../../src/errors';
import { KV_LIMITS } from '../../src/store/kv-limits';
import { updateVersioned } from '../../src/store/versioned-update';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { InterferingStore, bump } from './interfering-store';

const KEY = 'plan:project:SHOP';
type Counter = { count: number; by: string[] };
const empty = (): Counter => ({ count: 0, by: [] });
const add = (who: string) => (c: Counter): Counter => ({ count: c.count + 1, by: [...c.by, who] });

describe('updateVersioned: read-modify-write of one document', () => {
  it('creates the document from its initial value at revision 1, then moves it one revision per write', async () => {
    const store = new InMemoryKvStore();
    expect(await updateVersioned(store, KEY, empty, add('ana'))).toEqual({ value: { count: 1, by: ['ana'] }, written: true });
    expect(await store.getVersioned(KEY)).toEqual({ value: { count: 1, by: ['ana'] }, rev: 1 });
    await updateVersioned(store, KEY, empty, add('ben'));
    expect(await store.getVersioned(KEY)).toEqual({ value: { count: 2, by: ['ana', 'ben'] }, rev: 2 });
  });

  it('writes nothing when the change has nothing to do, and answers the current value', async () => {
    const store = new InterferingStore();
    await updateVersioned(store, KEY, empty, add('ana'));
    const result = await updateVersioned(store, KEY, empty, () => undefined);
    expect(result).toEqual({ value: { count: 1, by: ['ana'] }, written: false });
    expect((await store.getVersioned(KEY))?.rev).toBe(1);
    expect(store.transactions).toHaveLength(1);
  });

  it('answers the initial value without storing it when the document is missing and nothing changes', async () => {
    const store = new InMemoryKvStore();
    expect(await updateVersioned(store, KEY, empty, () => undefined)).toEqual({ value: empty(), written: false });
    expect(await store.getVersioned(KEY)).toBeUndefined();
  });

  it('never loses a concurrent update: ten writers racing on one document all land', async () => {
    const store = new InMemoryKvStore();
    const writers = Array.from({ length: 10 }, (_, i) => `writer-${i}`);
    // Ten attempts each: every round of the race lets at least one writer through.
    await Promise.all(writers.map((w) => updateVersioned(store, KEY, empty, add(w), writers.length)));
    const doc = await store.getVersioned<Counter>(KEY);
    expect(doc?.value.count).toBe(10);
    expect([...doc!.value.by].sort()).toEqual([...writers].sort());
    expect(doc?.rev).toBe(10);
  });

  it('reapplies its change on what another writer stored when that writer got in between', async () => {
    const store = new InterferingStore();
    await updateVersioned(store, KEY, empty, add('ana'));
    store.interfereTimes(2, (s) => bump(s, KEY, { count: 5, by: ['import'] }));
    expect(await updateVersioned(store, KEY, empty, add('ben'))).toEqual({ value: { count: 6, by: ['import', 'ben'] }, written: true });
    expect(await store.getVersioned(KEY)).toEqual({ value: { count: 6, by: ['import', 'ben'] }, rev: 4 });
  });

  it('gives up with a conflict after its attempts, leaving the other writer’s value', async () => {
    const store = new InterferingStore();
    store.interfereTimes(3, (s) => bump(s, KEY, { count: 9, by: ['other'] }));
    await expect(updateVersioned(store, KEY, empty, add('ben'), 3)).rejects.toBeInstanceOf(ConflictError);
    expect((await store.getVersioned<Counter>(KEY))?.value).toEqual({ count: 9, by: ['other'] });
  });

  it('does not retry what a retry cannot fix: a value over 240 KiB is refused and nothing is stored', async () => {
    const store = new InterferingStore();
    const huge = () => ({ count: 1, by: ['x'.repeat(KV_LIMITS.maxValueBytes)] });
    const error = await updateVersioned(store, KEY, empty, huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).not.toBeInstanceOf(ConflictError);
    expect((error as AppError).code).toBe('STORE_LIMIT');
    expect(store.transactions).toHaveLength(1);
    expect(await store.getVersioned(KEY)).toBeUndefined();
  });
});
