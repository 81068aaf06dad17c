/**
 * Release readiness figures (docs/readiness.md): the issue panel's first paint (Jira requests and
 * store operations), one product event, rebuilding a 2,000-issue release from Jira, and recomputing
 * its roll-up from stored facts (time and memory).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { type AppDeps, createAppDeps } from '../src/app/deps';
import { handleProductEvent } from '../src/app/product-events';
import { readReleaseTree } from '../src/app/readiness/release-shards';
import { readReleaseShards } from '../src/app/readiness/rollup-store';
import { reconcileReleaseReadiness } from '../src/app/readiness/release-readiness';
import { readSummaries } from '../src/app/readiness/summary-store';
import { dispatchResolver } from '../src/app/resolvers';
import type { CalendarDate } from '../src/domain/calendar/calendar-date';
import { defaultPolicy } from '../src/domain/readiness/policy';
import { rollUpRelease } from '../src/domain/readiness/rollup';
import type { KeyValueStore, QueuedJob } from '../src/ports';
import { createLocalTransports } from '../local/compose';
import { DEMO_ACCOUNT, generateSyntheticDataset, startFakeJira, type FakeJira } from '../local/fake-jira';
import { InMemoryKvStore } from '../local/kv/in-memory-kv-store';
import { silentLog } from '../test/support/fakes';
import { medianTime } from './support/timing';

type Record = (name: string, value: number, unit: string, note?: string) => void;

const NOW = new Date('2026-11-24T10:00:00Z');

v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Counts store operations (a transaction or a batch counts once). */
function counting(store: KeyValueStore): KeyValueStore & { ops: number } {
  const counted = store as KeyValueStore & { ops: number };
  counted.ops = 0;
  for (const method of ['get', 'set', 'setIfAbsent', 'delete', 'batchGet', 'batchSet', 'query', 'getVersioned', 'transact'] as const) {
    const original = (store[method] as (...args: unknown[]) => unknown).bind(store);
    (counted as unknown as { [k: string]: unknown })[method] = (...args: unknown[]) => {
      counted.ops++;
      return original(...args);
    };
  }
  return counted;
}

function depsFor(jira: FakeJira, store: KeyValueStore, pushed: QueuedJob[]): AppDeps {
  return createAppDeps({
    transports: createLocalTransports({ mode: 'demo', jiraBaseUrl: jira.url, confluenceBaseUrl: 'http://127.0.0.1:9' }),
    store,
    // Jobs are recorded, not run: the figures are for the event itself.
    queue: { push: async (jobs) => void pushed.push(...jobs) },
    clock: { now: () => NOW },
    timing: { sleep: async () => {}, random: () => 0.5 },
    log: silentLog,
  });
}

export async function readinessBench(record: Record): Promise<void> {
  // A site whose one current version holds about 2,000 issues.
  const dataset = generateSyntheticDataset(NOW, { issueCount: 2400, versionCount: 1, projectKey: 'BIG' });
  const jira = await startFakeJira({ dataset, now: () => NOW });
  const memory = new InMemoryKvStore();
  const store = counting(memory);
  const pushed: QueuedJob[] = [];
  const deps = depsFor(jira, store, pushed);
  const project = dataset.projects[0]!;
  const version = dataset.versions[0]!;
  const inRelease = dataset.issues.filter((i) => i.fixVersionIds.includes(version.id));

  try {
    // 1. Rebuilding the release from Jira (the daily repair, one queued job).
    jira.resetStats();
    store.ops = 0;
    const rebuildMs = await medianTime(1, async () => {
      await reconcileReleaseReadiness(deps, project.id, version.id);
    });
    const rebuild = jira.stats();
    record(`readiness: build a ${inRelease.length}-issue release from Jira (complete read)`, rebuildMs, 'ms', `${rebuild.requests} Jira requests, ${rebuild.points} points, ${store.ops} store ops`);
    jira.resetStats();
    store.ops = 0;
    const repairMs = await medianTime(1, async () => {
      await reconcileReleaseReadiness(deps, project.id, version.id);
    });
    const repair = jira.stats();
    record('readiness: daily repair of that release, nothing missed', repairMs, 'ms', `incremental: ${repair.requests} Jira requests, ${repair.points} points, ${store.ops} store ops`);

    // 2. The issue panel's first paint.
    for (const latencyMs of [0, 100]) {
      jira.faults.latencyMs = latencyMs;
      const issue = inRelease.find((i) => i.issueTypeId === '10001')!;
      const context = { accountId: DEMO_ACCOUNT.qa, extension: { issue: { id: issue.id, key: issue.key, type: 'Story' }, project: { id: project.id, key: project.key } } };
      if (latencyMs === 0) {
        // The first call of a day per project also reads the site's zone and checks the project's
        // id and key in Jira (then cached with the project's zone): counted apart from a paint.
        jira.resetStats();
        store.ops = 0;
        const first = await dispatchResolver(deps, 'getIssueReadiness', {}, context);
        if (!first.ok) throw new Error(JSON.stringify(first.error));
        record('readiness panel: first paint of the day per project', jira.stats().requests, 'requests', `${store.ops} store ops (zone and project check from Jira, then cached for a day)`);
      }
      jira.resetStats();
      store.ops = 0;
      const ms = await medianTime(5, async () => {
        const result = await dispatchResolver(deps, 'getIssueReadiness', {}, context);
        if (!result.ok) throw new Error(JSON.stringify(result.error));
      });
      record(`readiness panel first paint, ${latencyMs} ms Jira latency`, ms, 'ms', 'median of 5');
      if (latencyMs === 0) {
        record('readiness panel: Jira requests per paint', jira.stats().requests / 5, 'requests', 'limit 2');
        record('readiness panel: store operations per paint', store.ops / 5, 'ops', 'limit 4: 3, and 1 for the project’s release zone');
      }
    }
    jira.faults.latencyMs = 0;

    // 3. One product event: an issue of the big release changes.
    const changed = inRelease[10]!;
    changed.updated = '2026-11-24T09:59:00.000+0000';
    jira.reindex();
    const event = { eventType: 'avi:jira:updated:issue', issue: { id: changed.id, key: changed.key, fields: { project: { id: project.id }, updated: changed.updated } } };
    jira.resetStats();
    store.ops = 0;
    const eventMs = await medianTime(1, async () => {
      await handleProductEvent(deps, event);
    });
    record('readiness: one issue event', eventMs, 'ms', `${jira.stats().requests} Jira request(s), ${store.ops} store ops, ${pushed.length} dependent re-read(s) queued`);
    store.ops = 0;
    jira.resetStats();
    await handleProductEvent(deps, event);
    record('readiness: the same event again (duplicate or late)', store.ops, 'store ops', `${jira.stats().requests} Jira requests: skipped`);

    // 4. Recomputing the roll-up from stored facts.
    const shards = await readReleaseShards(store, version.id);
    const entries = shards.flatMap((s) => Object.values(s.issues));
    const { leaves } = await readReleaseTree(store, version.id);
    const bytes = leaves.map((leaf) => JSON.stringify(leaf.doc?.value ?? {}).length);
    const plain = shards.map((s) => JSON.stringify(s).length).reduce((a, b) => a + b, 0);
    record(
      'readiness: stored roll-up of the release',
      bytes.reduce((a, b) => a + b, 0) / 1024,
      'KiB',
      `${entries.length} issues in ${shards.length} buckets, largest ${Math.round(Math.max(...bytes) / 1024)} KiB (limit 240); ${Math.round(plain / 1024)} KiB as plain JSON`,
    );
    // What a list view reads of this release: every bucket before, its readiness summary now.
    const unitsOf = async (work: () => Promise<unknown>) => {
      const units = memory.counters.readUnits;
      await work();
      return memory.counters.readUnits - units;
    };
    const summary = (await readSummaries(store, [version.id])).get(version.id);
    record(
      'readiness: KVS read units of the release in a list view (before: every bucket)',
      await unitsOf(() => readReleaseShards(store, version.id)),
      'units',
      `${entries.length} issues`,
    );
    record('readiness: KVS read units of the release in a list view (after: its summary)', await unitsOf(() => readSummaries(store, [version.id])), 'units', `${((summary ? JSON.stringify(summary).length : 0) / 1024).toFixed(1)} KiB, ${summary?.blocking.length ?? 0} blocking issues, ${summary?.pending.length ?? 0} sets of outstanding sign-offs`);
    const policy = defaultPolicy();
    const target = { id: version.id, name: version.name, released: false, ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}) };
    const today = '2026-11-24' as CalendarDate;
    const readMs = await medianTime(9, async () => {
      await readReleaseShards(store, version.id);
    });
    record('readiness: read and decode the release’s buckets', readMs, 'ms', `${shards.length} store reads, median of 9`);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const computeMs = await medianTime(9, async () => {
      const rollup = rollUpRelease(policy, target, entries, today);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      if (rollup.total !== entries.length) throw new Error('roll-up lost issues');
    });
    record(`readiness: recompute the roll-up of ${entries.length} issues from stored facts`, computeMs, 'ms', 'median of 9, pure evaluation');
    record('readiness: heap allocated by one recompute', (peak - heapBefore) / 1024 / 1024, 'MiB', 'peak over the runs after a GC; transient (results per criterion), nothing retained');
    gc();
    const retained = process.memoryUsage().heapUsed - heapBefore;
    record('readiness: heap retained after the recompute', Math.max(0, retained) / 1024 / 1024, 'MiB', 'after a GC');
  } finally {
    await jira.close();
  }
}
