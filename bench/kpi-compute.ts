/**
 * Child process of bench/kpi.ts: loads a store snapshot and computes one project's KPI report and
 * trend the way the resolver does, printing time, memory and store reads as one JSON line. Run with
 * --max-old-space-size=256 so a computation that needed more would fail instead of passing.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { computeProjectKpis, loadKpis } from '../src/app/kpi-data';
import { reportFrom } from '../src/domain/kpis/report';
import { InMemoryKvStore, type KvSnapshot } from '../local/kv/in-memory-kv-store';

async function main(): Promise<void> {
  const [file, nowIso, projectId, projectKey] = process.argv.slice(2) as [string, string, string, string];
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baselineRss = process.memoryUsage().rss;
  const store = new InMemoryKvStore(JSON.parse(readFileSync(file, 'utf8')) as KvSnapshot);
  const now = new Date(nowIso);
  const project = { id: projectId, key: projectKey, name: projectKey };
  let heapPeak = 0;
  const sample = () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed));
  const timer = setInterval(sample, 2);

  const times: number[] = [];
  let reads = 0;
  let facts = 0;
  let deployments = 0;
  for (let run = 0; run < 5; run++) {
    const before = store.counters.reads;
    const start = performance.now();
    const computed = await computeProjectKpis(store, project, now);
    times.push(performance.now() - start);
    sample();
    reads = store.counters.reads - before;
    facts = computed.input.facts.length;
    deployments = computed.input.deployments.length;
  }
  // The parts: loading and the window's report, then the 12 recomputed weeks of the trend.
  let start = performance.now();
  const loaded = await loadKpis(store, project, now);
  reportFrom(loaded.prepared, now);
  const reportMs = performance.now() - start;
  start = performance.now();
  await computeProjectKpis(store, project, now);
  const trendMs = performance.now() - start - reportMs;
  clearInterval(timer);
  sample();
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      medianMs: times[2],
      reportMs,
      trendMs: Math.max(0, trendMs),
      heapPeakMb: heapPeak / 2 ** 20,
      rssPeakMb: process.resourceUsage().maxRSS / 1024,
      baselineRssMb: baselineRss / 2 ** 20,
      storeReads: reads,
      facts,
      deployments,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
