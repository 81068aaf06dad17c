/**
 * Release roll-ups at scale (issue 14, docs/limits.md): building the roll-up of a 50,000-issue
 * release from the fake Jira (complete read, as the daily reconciliation does), the documents it
 * takes, and reading and computing it. Also the same release with long multi-byte text and 20
 * links, blockers and open sub-tasks per issue (the largest entries the roll-up keeps), store side.
 * Run alone: `npx tsx bench/readiness-scale.ts`; `npm run bench` runs it too.
 */
import { performance } from 'node:perf_hooks';
import { createAppDeps } from '../src/app/deps';
import { readReleaseTree } from '../src/app/readiness/release-shards';
import { readReleaseShards, rebuildRelease } from '../src/app/readiness/rollup-store';
import { reconcileReleaseReadiness } from '../src/app/readiness/release-readiness';
import type { CalendarDate } from '../src/domain/calendar/calendar-date';
import { jsonBytes } from '../src/domain/json-size';
import { defaultPolicy } from '../src/domain/readiness/policy';
import { rollUpRelease } from '../src/domain/readiness/rollup';
import type { KeyValueStore } from '../src/ports';
import { createLocalTransports } from '../local/compose';
import { generateSyntheticDataset, startFakeJira } from '../local/fake-jira';
import { InMemoryKvStore } from '../local/kv/in-memory-kv-store';
import { silentLog } from '../test/support/fakes';
import { SHOP_24, aReleaseOfStories } from '../test/support/readiness-builders';

type Record = (name: string, value: number, unit: string, note?: string) => void;

const NOW = new Date('2026-11-24T10:00:00Z');
const TODAY = '2026-11-24' as CalendarDate;

async function documents(store: KeyValueStore, versionId: string): Promise<string> {
  const { leaves, splits } = await readReleaseTree(store, versionId);
  const sizes = leaves.map((l) => jsonBytes(l.doc ?? {}));
  const total = sizes.reduce((a, b) => a + b, 0);
  return `${leaves.length} leaves + ${splits.length} split nodes, largest ${Math.round(Math.max(...sizes) / 1024)} KiB (limit 240), ${Math.round(total / 1024)} KiB in all`;
}

async function readAndRollUp(record: Record, label: string, store: KeyValueStore, target: { id: string; name: string; released: boolean; releaseDate?: string }): Promise<void> {
  let start = performance.now();
  const shards = await readReleaseShards(store, target.id);
  const readMs = performance.now() - start;
  start = performance.now();
  const rollup = rollUpRelease(defaultPolicy(), target, shards.flatMap((s) => Object.values(s.issues)), TODAY);
  const computeMs = performance.now() - start;
  record(`readiness ${label}: read the roll-up's leaves`, readMs, 'ms', `${shards.length} documents, in memory`);
  record(`readiness ${label}: compute the roll-up of ${rollup.total} issues`, computeMs, 'ms', `${rollup.rag.red} red, ${rollup.ready} ready`);
}

export async function readinessScaleBench(record: Record, issues = 50_000, heavyIssues = 5_000): Promise<void> {
  // 1. End to end from the fake Jira: the synthetic project puts about 83% of its issues in a version.
  const dataset = generateSyntheticDataset(NOW, { issueCount: Math.round(issues * 1.2), versionCount: 1, projectKey: 'BIG' });
  const jira = await startFakeJira({ dataset, now: () => NOW });
  const store = new InMemoryKvStore();
  const deps = createAppDeps({
    transports: createLocalTransports({ mode: 'demo', jiraBaseUrl: jira.url, confluenceBaseUrl: 'http://127.0.0.1:9' }),
    store,
    queue: { push: async () => {} },
    clock: { now: () => NOW },
    timing: { sleep: async () => {}, random: () => 0.5 },
    log: silentLog,
  });
  const project = dataset.projects[0]!;
  const version = dataset.versions[0]!;
  const inRelease = dataset.issues.filter((i) => i.fixVersionIds.includes(version.id)).length;
  try {
    jira.resetStats();
    const start = performance.now();
    await reconcileReleaseReadiness(deps, project.id, version.id);
    const ms = performance.now() - start;
    const stats = jira.stats();
    record(`readiness: build the roll-up of a ${inRelease}-issue release from Jira`, ms, 'ms', `${stats.requests} Jira requests, ${store.counters.transactions} transactions; ${await documents(store, version.id)}`);
    // The next daily repair when nothing changed: an incremental read that finds nothing.
    const leaves = (await readReleaseShards(store, version.id)).length;
    const writes = store.counters.writes;
    jira.resetStats();
    const quiet = await reconcileReleaseReadiness(deps, project.id, version.id);
    record('readiness: daily repair of that release when nothing changed: store writes', store.counters.writes - writes, 'writes', `${quiet.mode} read, ${jira.stats().requests} Jira requests; ${leaves} leaves`);
    const target = { id: version.id, name: version.name, released: false, ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}) };
    await readAndRollUp(record, `${inRelease} issues`, store, target);
  } finally {
    await jira.close();
  }

  // 2. The largest entries the roll-up keeps, store side only (no Jira): where bytes, not counts, bind.
  const heavy = new InMemoryKvStore();
  const heavyDeps = createAppDeps({
    transports: createLocalTransports({ mode: 'demo', jiraBaseUrl: 'http://127.0.0.1:9', confluenceBaseUrl: 'http://127.0.0.1:9' }),
    store: heavy,
    queue: { push: async () => {} },
    clock: { now: () => NOW },
    timing: { sleep: async () => {}, random: () => 0.5 },
    log: silentLog,
  });
  const facts = aReleaseOfStories(heavyIssues, { links: 20 });
  const start = performance.now();
  await rebuildRelease(heavyDeps, '10000', SHOP_24.id, facts, NOW.getTime() - 3_600_000, { complete: true, policyRev: 0 });
  record(`readiness: store the roll-up of ${heavyIssues} issues with long multi-byte text and 20 links, blockers and sub-tasks each`, performance.now() - start, 'ms', `${heavy.counters.transactions} transactions; ${await documents(heavy, SHOP_24.id)}`);
  await readAndRollUp(record, `${heavyIssues} heavy issues`, heavy, SHOP_24);
}

if (require.main === module) {
  const [issues = 50_000, heavyIssues = 5_000] = process.argv.slice(2).map(Number);
  void readinessScaleBench((name, value, unit, note) => console.log(`${name}: ${Math.round(value * 100) / 100} ${unit}${note ? ` (${note})` : ''}`), issues, heavyIssues);
}
