import type { FrozenRunHeader, FrozenStep } from '../../src/contract-runbook';
import { freezeRun } from '../../src/domain/runbook/record';
import { readFrozenRun, recordLayout } from '../../src/store/runbook-store';
import { updateSharded } from '../../src/store/sharded-list';
import { KV_LIMITS, valueSizeBytes } from '../../src/store/kv-limits';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { RAVI, aPlan, aRun, aStep, t } from '../support/runbook-builders';

describe("a finished run's frozen record", () => {
  it('keeps a 300-step runbook with long descriptions and four notes on every step in parts far under 240 KiB', async () => {
    const long = 'Stop the order workers, drain the queue, confirm zero in-flight payments. '.repeat(27).slice(0, 2000);
    const plan = aPlan(Array.from({ length: 300 }, (_, i) => aStep(`step-${i}`, { description: long, durationMinutes: 1, ...(i ? { after: [`step-${i - 1}`] } : {}) })));
    const notes = Array.from({ length: 4 }, (_, n) => ({ at: t(n), by: RAVI, text: `Checked dashboard ${n}: `.padEnd(400, 'ok ') }));
    const run = aRun(
      Object.fromEntries(
        plan.steps.map((s, i) => [s.id, { status: 'completed' as const, startedAt: t(i), endedAt: t(i + 1), by: RAVI, attempts: 1, notes, history: [{ status: 'running' as const, at: t(i), by: RAVI }, { status: 'completed' as const, at: t(i + 1), by: RAVI }] }]),
      ),
    );
    const record = freezeRun(plan, run, { frozenAt: t(301), planRevision: 3, project: { id: '10000', key: 'SHOP' }, version: { id: '10042', name: 'SHOP 3.0.0' }, people: [RAVI] })!;
    const store = new InMemoryKvStore();
    const layout = recordLayout('10000', '10042');
    await updateSharded<FrozenRunHeader | null, FrozenStep>(store, layout, { initialMeta: () => null, idOf: (s) => s.stepId, change: () => ({ meta: record.header, items: record.steps, audit: [] }) });
    const sizes = Object.values(store.snapshot().versioned).map((doc) => valueSizeBytes(doc.value));
    expect(sizes.length).toBeGreaterThan(5);
    expect(Math.max(...sizes)).toBeLessThan(KV_LIMITS.maxValueBytes - 30 * 1024);
    const read = await readFrozenRun(store, '10000', '10042');
    expect(read?.steps.map((s) => s.stepId)).toEqual(plan.steps.map((s) => s.id));
    expect(read?.steps[299]?.notes).toHaveLength(4);
  });
});
