/**
 * A full KPI re-sync ("sync from scratch") builds new facts beside the old ones: a worker that dies
 * half-way leaves the reports exactly as they were, "Sync now" resumes what it left, duplicate
 * deliveries change nothing, and the replaced facts are deleted once the new ones are in use.
 */
import { createAppDeps, type AppDeps } from '../../src/app/deps';
import { runJob } from '../../src/app/jobs';
import { computeProjectKpis } from '../../src/app/kpi-data';
import { readFacts } from '../../src/app/kpi-fact-store';
import { CHUNK_LEASE_MS, QUEUED_LEASE_MS, RETIRED_GRACE_MS, type KpiSyncDoc, readSyncDoc, readableFacts, requestKpiSync, runKpiSync, syncStatusOf } from '../../src/app/kpi-sync';
import { type IssueFact, decodeFact } from '../../src/domain/kpis/facts';
import type { KeyValueStore } from '../../src/ports';
import { keys } from '../../src/store/keys';
import { createLocalTransports } from '../../local/compose';
import { startFakeJira, type FakeJira } from '../../local/fake-jira';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { silentLog } from '../support/fakes';
import { DEMO_NOW, demoFacts } from '../support/demo-site';
import { RecordingQueue, datasetFacts } from '../support/kpi';

// Each test syncs a whole project over HTTP first: slow on a loaded machine, not a timed assertion.
jest.setTimeout(30_000);

let jira: FakeJira;
let store: InMemoryKvStore;
let queue: RecordingQueue;
let now: Date;
let shop: { projectId: string; projectKey: string };

class ProcessDied extends Error {}

/** The store as a process sees it that dies after `writes` more writes: every later call fails. */
function dyingAfter(inner: KeyValueStore, writes: number): KeyValueStore {
  let left = writes;
  const gate = <A extends unknown[], R>(write: boolean, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (left <= 0) throw new ProcessDied('the worker died');
      if (write) left--;
      return fn(...args);
    };
  return {
    get: gate(false, (key) => inner.get(key)),
    getVersioned: gate(false, (key) => inner.getVersioned(key)),
    batchGet: gate(false, (k) => inner.batchGet(k)),
    query: gate(false, (prefix, options) => inner.query(prefix, options)),
    set: gate(true, (key, value) => inner.set(key, value)),
    setIfAbsent: gate(true, (key, value) => inner.setIfAbsent(key, value)),
    delete: gate(true, (key) => inner.delete(key)),
    batchSet: gate(true, (entries) => inner.batchSet(entries)),
    transact: gate(true, (operations) => inner.transact(operations)),
  } as KeyValueStore;
}

function depsWith(kv: KeyValueStore): AppDeps {
  return createAppDeps({
    transports: createLocalTransports({ mode: 'demo', jiraBaseUrl: jira.url, confluenceBaseUrl: 'http://127.0.0.1:9' }),
    store: kv,
    queue,
    clock: { now: () => now },
    timing: { sleep: async () => {}, random: () => 0.5 },
    log: silentLog,
  });
}

beforeEach(async () => {
  jira = await startFakeJira({ port: 0, anchor: DEMO_NOW, now: () => now });
  now = new Date(DEMO_NOW);
  store = new InMemoryKvStore();
  queue = new RecordingQueue();
  shop = { projectId: demoFacts(jira.dataset).project('SHOP').id, projectKey: 'SHOP' };
});
afterEach(() => jira.close());

async function drain(deps = depsWith(store)): Promise<Array<Record<string, unknown>>> {
  const results: Array<Record<string, unknown>> = [];
  for (let next = queue.take(); next && results.length < 300; next = queue.take()) results.push(await runJob(deps, next.job));
  return results;
}

const doc = async () => (await readSyncDoc({ store }, shop.projectId)) as KpiSyncDoc;

/** The facts a report reads now: the generation and months the sync doc tells readers to read. */
async function factsReadersSee(): Promise<Map<string, IssueFact>> {
  const readable = readableFacts(await doc());
  const { tuples } = await readFacts(store, shop.projectId, readable.months, readable.generation);
  return byId(tuples.map(decodeFact));
}

/** The project's figures as of the demo's "now", whatever the clock says. */
async function figures() {
  const computed = await computeProjectKpis(store, { id: shop.projectId, key: 'SHOP', name: 'Shop' }, DEMO_NOW);
  return computed.report.figures;
}

const byId = (facts: IssueFact[]) => new Map(facts.map((f) => [f.id, f]));

async function syncedProject(): Promise<void> {
  await runKpiSync(depsWith(store), shop);
  await drain();
  expect((await doc()).state).toBe('idle');
}

describe('a delta whose worker dies', () => {
  it('shows as stalled once its lease ran out, instead of "syncing" until the next day, and "Sync now" completes it', async () => {
    await syncedProject();
    now = new Date(now.getTime() + 3_600_000);
    await expect(runKpiSync(depsWith(dyingAfter(store, 1)), shop)).rejects.toThrow(ProcessDied);
    expect(syncStatusOf(await doc(), now)).toMatchObject({ state: 'syncing' });
    expect(syncStatusOf(await doc(), now).stalled).toBeUndefined();

    now = new Date(now.getTime() + CHUNK_LEASE_MS);
    expect(syncStatusOf(await doc(), now)).toMatchObject({ state: 'syncing', stalled: { chunks: 0 } });
    await requestKpiSync(depsWith(store), shop, false);
    await drain();
    const status = syncStatusOf(await doc(), now);
    expect(status).toMatchObject({ state: 'idle', syncedUpTo: now.toISOString() });
    expect(status.stalled).toBeUndefined();
  });
});

describe('a full KPI re-sync', () => {
  it('keeps the facts and figures readers see when its worker dies after some chunks, and "Sync now" resumes it to the end', async () => {
    await syncedProject();
    const expected = byId(datasetFacts(jira.dataset, 'SHOP'));
    const before = await figures();
    expect(await factsReadersSee()).toEqual(expected);

    await requestKpiSync(depsWith(store), shop, true);
    // Two chunks finish, then the third one's worker dies right after taking its lease.
    await runJob(depsWith(store), queue.take()!.job);
    await runJob(depsWith(store), queue.take()!.job);
    await expect(runJob(depsWith(dyingAfter(store, 1)), queue.take()!.job)).rejects.toThrow(ProcessDied);
    queue.jobs.length = 0; // the process died with the jobs it held

    expect(await factsReadersSee()).toEqual(expected);
    expect(await figures()).toEqual(before);
    const building = await doc();
    expect(building.chunks.filter((c) => c.state === 'done')).toHaveLength(2);
    expect(syncStatusOf(building, now)).toMatchObject({ state: 'backfilling', rebuilding: { chunksDone: 2 } });
    expect(syncStatusOf(building, now).stalled).toBeUndefined();

    // Once the leases ran out the status says the sync stalled (so "Sync now" is offered), and it resumes:
    // the dead worker's chunk first, then the queued chunks whose jobs died with the process.
    const started = now.getTime();
    now = new Date(started + CHUNK_LEASE_MS + 1000);
    expect(syncStatusOf(await doc(), now).stalled).toMatchObject({ chunks: 1 });
    now = new Date(started + QUEUED_LEASE_MS + 1000);
    expect(syncStatusOf(await doc(), now).stalled).toMatchObject({ chunks: 4 });
    await requestKpiSync(depsWith(store), shop, false);
    await drain();

    const done = await doc();
    expect(done.live).toBeUndefined();
    expect(done.generation).toBe(1);
    expect(done.chunks.every((c) => c.state === 'done')).toBe(true);
    expect(syncStatusOf(done, now)).toMatchObject({ state: 'idle' });
    expect(await factsReadersSee()).toEqual(expected);
    expect(await figures()).toEqual(before);
  });

  it('deletes the replaced facts only after a grace period, and again after a crash cut the cleanup short', async () => {
    await syncedProject();
    const oldMonths = (await doc()).months;
    await requestKpiSync(depsWith(store), shop, true);
    await drain();
    expect((await doc()).retired).toEqual([expect.objectContaining({ generation: 0, months: oldMonths })]);
    expect(await store.getVersioned(keys.kpiFacts(shop.projectId, oldMonths[0]!, 0))).toBeDefined();

    now = new Date(now.getTime() + RETIRED_GRACE_MS);
    await expect(runKpiSync(depsWith(dyingAfter(store, 1)), shop)).rejects.toThrow(ProcessDied);
    expect((await doc()).retired).toHaveLength(1);
    expect(await runKpiSync(depsWith(store), shop)).toMatchObject({ cleaned: 1 });
    const after = await doc();
    expect(after.retired).toBeUndefined();
    for (const month of oldMonths) expect(await store.getVersioned(keys.kpiFacts(shop.projectId, month, 0))).toBeUndefined();
    expect(await factsReadersSee()).toEqual(byId(datasetFacts(jira.dataset, 'SHOP')));
  });

  it('runs a chunk delivered twice once: a duplicate while the first holds the lease, or after it finished, reads nothing from Jira', async () => {
    await syncedProject();
    await requestKpiSync(depsWith(store), shop, true);
    const chunk = queue.take()!.job;
    await expect(runJob(depsWith(dyingAfter(store, 1)), chunk)).rejects.toThrow(ProcessDied);
    const requests = jira.stats().requests;
    expect(await runJob(depsWith(store), chunk)).toMatchObject({ skipped: true, reason: 'running' });
    expect(jira.stats().requests).toBe(requests);

    now = new Date(now.getTime() + CHUNK_LEASE_MS + 1000);
    expect(await runJob(depsWith(store), chunk)).toMatchObject({ chunkId: chunk.body.chunkId });
    expect(await runJob(depsWith(store), chunk)).toMatchObject({ skipped: true, reason: 'done' });
    expect((await doc()).chunks.find((c) => c.id === chunk.body.chunkId)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('ignores a chunk job of a generation no longer being built, and resumes (not restarts) a re-sync asked for twice', async () => {
    await runKpiSync(depsWith(store), shop);
    const firstGeneration = queue.take()!.job;
    await runJob(depsWith(store), firstGeneration);
    await drain();
    await requestKpiSync(depsWith(store), shop, true);
    expect(await runJob(depsWith(store), firstGeneration)).toMatchObject({ skipped: true, reason: 'not in the sync being built' });

    await requestKpiSync(depsWith(store), shop, true);
    expect((await doc()).generation).toBe(1);
    await drain();
    expect((await doc()).generation).toBe(1);
    expect(await factsReadersSee()).toEqual(byId(datasetFacts(jira.dataset, 'SHOP')));
  });
});
