/**
 * Child process of bench/kpi.ts (bundled with esbuild and run by plain node, as on Forge): loads a
 * store snapshot and computes one project's KPI report and 12-week trend the way the resolver does.
 * Memory is measured on the first computation in this fresh process (peak RSS, which includes Node
 * itself and the loaded store), with --max-old-space-size=256 so a computation needing more heap
 * fails instead of passing; time is the median of five more computations. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { computeProjectKpis } from '../src/app/kpi-data';
import { InMemoryKvStore, type KvSnapshot } from '../local/kv/in-memory-kv-store';

async function main(): Promise<void> {
  const [file, nowIso, projectId, projectKey] = process.argv.slice(2) as [string, string, string, string];
  const mb = (bytes: number) => bytes / 2 ** 20;
  const baselineRss = process.memoryUsage().rss;
  const store = new InMemoryKvStore(JSON.parse(readFileSync(file, 'utf8')) as KvSnapshot);
  (globalThis as { gc?: () => void }).gc?.();
  const storeRss = process.memoryUsage().rss;
  const now = new Date(nowIso);
  const project = { id: projectId, key: projectKey, name: projectKey };

  const readsBefore = store.counters.reads;
  let start = performance.now();
  const first = await computeProjectKpis(store, project, now);
  const coldMs = performance.now() - start;
  const reads = store.counters.reads - readsBefore;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const heapAfter = process.memoryUsage().heapUsed;

  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    start = performance.now();
    await computeProjectKpis(store, project, now);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      coldMs,
      medianMs: times[2],
      peakRssMb: mb(peakRss),
      baselineRssMb: mb(baselineRss),
      storeRssMb: mb(storeRss),
      heapAfterMb: mb(heapAfter),
      storeReads: reads,
      facts: first.input.facts.length,
      deployments: first.input.deployments.length,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
