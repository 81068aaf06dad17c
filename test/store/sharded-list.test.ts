import type { RunbookStep } from '../../src/contract-runbook';
import type { PlanMeta, StoredStepState } from '../../src/store/runbook-store';
import { planLayout, runLayout } from '../../src/store/runbook-store';
import { MAX_SHARDS, readSharded, readSplitDoc, updateSharded, updateSplitDoc } from '../../src/store/sharded-list';
import { KV_LIMITS, valueSizeBytes } from '../../src/store/kv-limits';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { aStep } from '../support/runbook-builders';

const layout = planLayout('10000', '10042');
const idOf = (s: { id: string }) => s.id;
const steps = (n: number, description = '') => Array.from({ length: n }, (_, i) => aStep(`step-${i}`, { description, ...(i ? { after: [`step-${i - 1}`] } : {}) }));

async function write(store: InMemoryKvStore, items: RunbookStep[], budgetBytes?: number) {
  return updateSharded<PlanMeta, RunbookStep>(store, layout, { initialMeta: () => ({}), idOf, change: () => ({ items, audit: [] }), ...(budgetBytes ? { budgetBytes } : {}) });
}

/** Every versioned value the store holds, with its size. */
function sizes(store: InMemoryKvStore): number[] {
  const snapshot = store.snapshot() as { versioned?: Record<string, { value: unknown }> };
  return Object.values(snapshot.versioned ?? {}).map((doc) => valueSizeBytes(doc.value));
}

describe('a list split by bytes', () => {
  it('keeps a 300-step runbook with long descriptions in parts far under 240 KiB, in order', async () => {
    const store = new InMemoryKvStore();
    const long = 'Stop the order workers, drain the queue, confirm zero in-flight payments. '.repeat(27).slice(0, 2000);
    await write(store, steps(300, long));
    const read = await readSharded<PlanMeta, RunbookStep>(store, layout, () => ({}));
    expect(read.items.map((s) => s.id)).toEqual(steps(300).map((s) => s.id));
    expect(read.items[299]?.description).toBe(long);
    expect(sizes(store).length).toBeGreaterThan(3);
    expect(Math.max(...sizes(store))).toBeLessThan(KV_LIMITS.maxValueBytes - 30 * 1024);
  });

  it('keeps a 300-step run with notes on every step under the limit as the notes grow', async () => {
    const store = new InMemoryKvStore();
    const run = runLayout('10000', '10042');
    const note = (i: number) => ({ at: '2026-12-05T22:00:00.000Z', by: { accountId: 'ravi', displayName: 'Ravi Menon' }, text: `Checked dashboard ${i}: `.padEnd(400, 'ok ') });
    for (let round = 1; round <= 4; round++) {
      // Each round adds a note to every step, 50 steps per write, as people would over a night.
      for (let from = 0; from < 300; from += 50) {
        await updateSharded<null, StoredStepState>(store, run, {
          initialMeta: () => null,
          idOf: (s) => s.stepId,
          change: (current) => ({
            upsert: Array.from({ length: 50 }, (_, k) => {
              const stepId = `step-${from + k}`;
              const existing = current.items.find((s) => s.stepId === stepId);
              return { stepId, status: 'completed' as const, attempts: 1, notes: [...(existing?.notes ?? []), note(round)] };
            }),
            audit: [],
          }),
        });
      }
    }
    const read = await readSharded<null, StoredStepState>(store, run, () => null);
    expect(read.items).toHaveLength(300);
    expect(read.items.every((s) => s.notes.length === 4)).toBe(true);
    expect(Math.max(...sizes(store))).toBeLessThan(KV_LIMITS.maxValueBytes);
  });

  it.each([
    ['adds at the end and replaces in place', ['a', 'b'], { upsert: [aStep('c'), aStep('a', { title: 'A again' })] }, ['a', 'b', 'c']],
    ['removes what the new list leaves out and keeps its order', ['a', 'b', 'c'], { items: [aStep('c'), aStep('a')] }, ['c', 'a']],
  ])('%s', async (_case, initial, change, order) => {
    const store = new InMemoryKvStore();
    await write(store, initial.map((id) => aStep(id)), 2048);
    await updateSharded<PlanMeta, RunbookStep>(store, layout, { initialMeta: () => ({}), idOf, change: () => ({ ...change, audit: [] }), budgetBytes: 2048 });
    const read = await readSharded<PlanMeta, RunbookStep>(store, layout, () => ({}));
    expect(read.items.map((s) => s.id)).toEqual(order);
  });

  it('splits a part that grows past its budget, in the same write', async () => {
    const store = new InMemoryKvStore();
    const budget = 6 * 1024;
    await write(store, steps(3, 'x'.repeat(200)), budget);
    const { state } = await write(store, steps(40, 'x'.repeat(200)), budget);
    expect(state.items).toHaveLength(40);
    expect(Math.max(...sizes(store))).toBeLessThanOrEqual(budget);
    expect(sizes(store).length).toBeGreaterThan(3);
  });

  it('writes nothing when nothing changed', async () => {
    const store = new InMemoryKvStore();
    await write(store, steps(3));
    const before = JSON.stringify(store.snapshot());
    const { written } = await write(store, steps(3));
    expect(written).toBe(false);
    expect(JSON.stringify(store.snapshot())).toBe(before);
  });
});

describe('a document with one list split by bytes', () => {
  const doc = { key: 'plan:env:uat-1:2026q4', part: (n: number) => `plan:env:uat-1:2026q4:${n}`, list: 'slots' };
  interface Bookings {
    slots: Array<{ id: string; note: string }>;
    owner?: string;
  }
  const booking = (i: number, length = 500) => ({ id: `slot-${String(i).padStart(4, '0')}`, note: `${i}`.padEnd(length, '決済確認') });
  const add = (store: InMemoryKvStore, ...items: Array<{ id: string; note: string }>) =>
    updateSplitDoc<Bookings>(store, doc, () => ({ slots: [] }), (current) => ({ ...current, slots: [...current.slots, ...items] }));

  it('reads a document stored whole as it is, and splits it on its next write without losing an item', async () => {
    const store = new InMemoryKvStore();
    const whole = { slots: Array.from({ length: 130 }, (_, i) => booking(i)), owner: 'SHOP' };
    await store.transact([{ kind: 'put', key: doc.key, value: whole, expectRev: 0 }]);
    expect((await readSplitDoc<Bookings>(store, doc))?.value).toEqual(whole);

    await add(store, booking(130), booking(131));
    const read = await readSplitDoc<Bookings>(store, doc);
    expect(read?.rev).toBe(2);
    expect(read?.value.owner).toBe('SHOP');
    expect(read?.value.slots.map((s) => s.id)).toEqual(Array.from({ length: 132 }, (_, i) => booking(i).id));
    expect(sizes(store).length).toBeGreaterThan(2);
  });

  it('moves the head’s revision with every change, so a check of the head alone covers the items in the parts', async () => {
    const store = new InMemoryKvStore();
    await add(store, ...Array.from({ length: 200 }, (_, i) => booking(i)));
    const before = await store.getVersioned(doc.key);
    await updateSplitDoc<Bookings>(store, doc, () => ({ slots: [] }), (current) => ({ slots: current.slots.map((s) => (s.id === booking(3).id ? { ...s, note: 'moved to Friday' } : s)) }));
    expect((await store.getVersioned(doc.key))?.rev).toBe((before?.rev ?? 0) + 1);
    expect((await readSplitDoc<Bookings>(store, doc))?.value.slots[3]?.note).toBe('moved to Friday');
  });

  it('fills parts emptied by removals again rather than growing new ones', async () => {
    const store = new InMemoryKvStore();
    for (let i = 0; i < 300; i += 50) await add(store, ...Array.from({ length: 50 }, (_, k) => booking(i + k)));
    const partsBefore = sizes(store).length;
    for (let round = 0; round < 5; round++) {
      await updateSplitDoc<Bookings>(store, doc, () => ({ slots: [] }), (current) => ({ slots: current.slots.slice(100) }));
      await add(store, ...Array.from({ length: 100 }, (_, k) => booking(1000 + round * 100 + k)));
    }
    expect(sizes(store).length).toBe(partsBefore);
  });

  it('refuses with STORE_LIMIT, writing nothing, a list that would need more parts than one transaction may write', async () => {
    const store = new InMemoryKvStore();
    await add(store, ...Array.from({ length: 100 }, (_, i) => booking(i)));
    const before = JSON.stringify(store.snapshot());
    const tooMany = Array.from({ length: MAX_SHARDS * 140 }, (_, i) => booking(100 + i));
    await expect(add(store, ...tooMany)).rejects.toMatchObject({ code: 'STORE_LIMIT' });
    expect(JSON.stringify(store.snapshot())).toBe(before);
  });
});
