import type { RunbookStep } from '../../src/contract-runbook';
import type { PlanMeta, StoredStepState } from '../../src/store/runbook-store';
import { planLayout, runLayout } from '../../src/store/runbook-store';
import { readSharded, updateSharded } from '../../src/store/sharded-list';
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
