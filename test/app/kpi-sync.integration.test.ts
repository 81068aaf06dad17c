import { createAppDeps, type AppDeps } from '../../src/app/deps';
import { runJob } from '../../src/app/jobs';
import { PARTS_IN_FLIGHT, forEachFactPart, readFacts, writeFacts } from '../../src/app/kpi-fact-store';
import { type KpiSyncDoc, readSyncDoc, runKpiSync } from '../../src/app/kpi-sync';
import { decodeFact, type IssueFact } from '../../src/domain/kpis/facts';
import { keys } from '../../src/store/keys';
import { createLocalTransports } from '../../local/compose';
import { startFakeJira, type FakeJira } from '../../local/fake-jira';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import type { KeyValueStore } from '../../src/ports';
import { silentLog } from '../support/fakes';
import { DEMO_NOW, demoFacts } from '../support/demo-site';
import { RecordingQueue, datasetFacts } from '../support/kpi';

let jira: FakeJira;
let store: InMemoryKvStore;
let queue: RecordingQueue;
let deps: AppDeps;
let now: Date;
let shop: { projectId: string; projectKey: string };

beforeEach(async () => {
  jira = await startFakeJira({ port: 0, anchor: DEMO_NOW, now: () => now });
  now = new Date(DEMO_NOW);
  store = new InMemoryKvStore();
  queue = new RecordingQueue();
  deps = createAppDeps({
    transports: createLocalTransports({ mode: 'demo', jiraBaseUrl: jira.url, confluenceBaseUrl: 'http://127.0.0.1:9' }),
    store,
    queue,
    clock: { now: () => now },
    timing: { sleep: async () => {}, random: () => 0.5 },
    log: silentLog,
  });
  shop = { projectId: demoFacts(jira.dataset).project('SHOP').id, projectKey: 'SHOP' };
});
afterEach(() => jira.close());

/** Runs queued jobs (in order) until none is left or `limit` ran. */
async function drain(limit = 200): Promise<Array<Record<string, unknown>>> {
  const results: Array<Record<string, unknown>> = [];
  for (let next = queue.take(); next && results.length < limit; next = queue.take()) results.push(await runJob(deps, next.job));
  return results;
}

async function storedFacts(): Promise<Map<string, IssueFact>> {
  const doc = (await readSyncDoc(deps, shop.projectId)) as KpiSyncDoc;
  const { tuples } = await readFacts(store, shop.projectId, doc.months);
  return new Map(tuples.map((t) => [t[0], decodeFact(t)]));
}

const byId = (facts: IssueFact[]) => new Map(facts.map((f) => [f.id, f]));

describe('the KPI fact sync', () => {
  it('backfills every issue of a project once, through bounded chunks, and stores exactly the facts the dataset holds', async () => {
    expect(await runKpiSync(deps, shop)).toMatchObject({ planned: true, queued: 4 });
    await drain();
    const doc = (await readSyncDoc(deps, shop.projectId)) as KpiSyncDoc;
    expect(doc.state).toBe('idle');
    expect(doc.chunks.every((c) => c.state === 'done')).toBe(true);
    expect(await storedFacts()).toEqual(byId(datasetFacts(jira.dataset, 'SHOP')));

    // Each issue paid once: points are the requests plus the project's issues, nothing more.
    const stats = jira.stats();
    const issues = jira.dataset.issues.filter((i) => i.projectId === shop.projectId).length;
    expect(stats.points).toBe(stats.requests + issues);
    expect(stats.byRoute['POST /rest/api/3/changelog/bulkfetch']).toBeUndefined();
  });

  it('reads only what changed since the last sync, with a bounded JQL', async () => {
    await runKpiSync(deps, shop);
    await drain();
    const issue = jira.dataset.issues.find((i) => i.projectId === shop.projectId && i.statusId === '10000' && i.fixVersionIds.length === 0)!;
    const version = jira.dataset.versions.find((v) => v.projectId === shop.projectId && !v.released && v.releaseDate)!;
    now = new Date(DEMO_NOW.getTime() + 3_600_000);
    const asApp = { Authorization: 'Bearer app', 'Content-Type': 'application/json' };
    expect((await fetch(`${jira.url}/rest/api/3/issue/${issue.key}/transitions`, { method: 'POST', headers: asApp, body: JSON.stringify({ transition: { id: '21' } }) })).status).toBe(204);
    expect((await fetch(`${jira.url}/rest/api/3/issue/${issue.key}`, { method: 'PUT', headers: asApp, body: JSON.stringify({ fields: { fixVersions: [{ id: version.id }] } }) })).status).toBe(204);

    now = new Date(DEMO_NOW.getTime() + 86_400_000);
    jira.resetStats();
    expect(await runKpiSync(deps, shop)).toMatchObject({ delta: 1, changed: 1, continued: false });
    const fact = (await storedFacts()).get(issue.id)!;
    expect(fact.started).toBe(Math.floor((DEMO_NOW.getTime() + 3_600_000) / 60_000));
    expect(fact.fixVersions.at(-1)).toEqual({ versionId: version.id, from: Math.floor((DEMO_NOW.getTime() + 3_600_000) / 60_000), to: null });
    expect(await storedFacts()).toEqual(byId(datasetFacts(jira.dataset, 'SHOP')));
    const stats = jira.stats();
    // The version list (for the date history) and one search page holding the changed issue.
    expect(stats.points).toBeLessThanOrEqual(stats.requests + 1);
    expect(stats.requests).toBeLessThanOrEqual(4);
  });

  it('stops on an exhausted quota, re-enqueues itself after the block, and resumes where it stopped', async () => {
    await runKpiSync(deps, shop);
    await runJob(deps, queue.take()!.job);
    jira.faults.quotaExhausted = true;
    const paused = await runJob(deps, queue.take()!.job);
    expect(paused).toMatchObject({ paused: 'QUOTA_EXHAUSTED' });
    const retry = queue.jobs.at(-1)!;
    expect(retry.job.type).toBe('kpi-sync-chunk');
    expect(retry.delaySeconds).toBeGreaterThan(0);
    expect(retry.delaySeconds).toBeLessThanOrEqual(900);
    const doc = (await readSyncDoc(deps, shop.projectId)) as KpiSyncDoc;
    expect(doc.state).toBe('waiting-quota');
    expect(await store.get(keys.quotaBlock('jira'))).toBeDefined();

    // While blocked, nothing reaches Jira: the job finds the block and queues itself again.
    const requests = jira.stats().requests;
    expect(await runJob(deps, queue.take()!.job)).toMatchObject({ paused: 'QUOTA_EXHAUSTED' });
    expect(jira.stats().requests).toBe(requests);

    jira.faults.quotaExhausted = false;
    now = new Date(Date.parse(doc.retryAt!) + 1000);
    await drain();
    expect((await readSyncDoc(deps, shop.projectId))?.state).toBe('idle');
    expect(await storedFacts()).toEqual(byId(datasetFacts(jira.dataset, 'SHOP')));
  });

  it('queues again a chunk whose job was lost (a time-out), on the next daily run', async () => {
    await runKpiSync(deps, shop);
    queue.jobs.length = 0; // the four chunk jobs vanish
    now = new Date(DEMO_NOW.getTime() + 30 * 60_000);
    expect(await runKpiSync(deps, shop)).toMatchObject({ backfilling: true, requeued: 4 });
    await drain();
    expect((await readSyncDoc(deps, shop.projectId))?.chunks.every((c) => c.state === 'done')).toBe(true);
  });

  it('runs a duplicate chunk job as a no-op', async () => {
    await runKpiSync(deps, shop);
    const chunk = queue.jobs[0]!.job;
    await runJob(deps, chunk);
    const requests = jira.stats().requests;
    expect(await runJob(deps, chunk)).toMatchObject({ skipped: true });
    expect(jira.stats().requests).toBe(requests);
  });
});

describe('the fact store', () => {
  const fact = (n: number, month = '2026-05'): IssueFact => ({
    id: String(200000 + n),
    key: `BIG-${n}`,
    typeId: '10001',
    // Spread over the month as issues are, a minute apart or so.
    created: Math.floor(Date.parse(`${month}-01T00:00:00Z`) / 60_000) + n * 7,
    updated: Math.floor(Date.parse(`${month}-12T10:00:00Z`) / 60_000),
    started: Math.floor(Date.parse(`${month}-11T10:00:00Z`) / 60_000),
    resolved: null,
    resolutionId: null,
    category: 'indeterminate',
    fixVersions: [{ versionId: '10004', from: Math.floor(Date.parse(`${month}-10T10:00:00Z`) / 60_000), to: null }],
    affects: [],
    resolutions: [],
  });

  it('splits a month that outgrows one value into parts, losing and duplicating nothing', async () => {
    const kv = new InMemoryKvStore();
    const first = Array.from({ length: 3000 }, (_, n) => fact(n));
    expect(await writeFacts(kv, '10000', first)).toMatchObject({ changed: 3000, months: ['2026-05'], splits: expect.any(Number) });
    const more = Array.from({ length: 3000 }, (_, n) => fact(3000 + n));
    expect((await writeFacts(kv, '10000', more)).changed).toBe(3000);
    const { tuples } = await readFacts(kv, '10000', ['2026-05']);
    expect(new Set(tuples.map((t) => t[0])).size).toBe(6000);
    expect(tuples).toHaveLength(6000);
    // Issues created in the same minute: the parts split past the time bits, on the id's hash.
    const part0 = await kv.getVersioned<{ parts: number; by?: string }>(keys.kpiFacts('10000', '2026-05', 0));
    expect(part0?.value).toMatchObject({ by: 'created' });
    expect(part0?.value.parts).toBeGreaterThanOrEqual(2);
    // Read a few parts at a time, each visited before more are read (KVS answers later than asked):
    // a walk of a month's subtrees in parallel once held every part parsed before folding any.
    let open = 0;
    let most = 0;
    const slow = Object.assign(Object.create(kv) as KeyValueStore, {
      getVersioned: async (key: string) => {
        most = Math.max(most, ++open);
        await new Promise((resolve) => setImmediate(resolve));
        const doc = await kv.getVersioned(key);
        if (!doc) open--;
        return doc;
      },
    });
    let visited = 0;
    const reads = await forEachFactPart(slow, '10000', ['2026-05', '2026-06', '2026-07'], 0, (part) => {
      visited += part.length;
      open--;
    });
    expect({ visited, most }).toEqual({ visited: 6000, most: PARTS_IN_FLIGHT });
    expect(reads).toBeGreaterThan(PARTS_IN_FLIGHT);
    // Writing the same facts again changes nothing; an older fact never replaces a fresher one.
    expect((await writeFacts(kv, '10000', first)).changed).toBe(0);
    expect((await writeFacts(kv, '10000', [{ ...fact(1), updated: fact(1).updated - 10, started: null }])).changed).toBe(0);
  });
});
