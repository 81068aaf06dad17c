/**
 * Child process of bench/kpi.ts (bundled with esbuild and run by plain node, as on Forge): loads a
 * store snapshot and computes one project's KPI report and 12-week trend the way a recomputed view
 * does, six times in a row (memory that one computation leaves behind shows up in the next), with
 * --max-old-space-size=256 so a computation needing more heap fails instead of passing. Peak RSS
 * (which includes Node itself and the loaded store) is read after all six; time is the median of
 * the last five. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { computeProjectKpis } from '../src/app/kpi-data';
import { InMemoryKvStore, type KvSnapshot } from '../local/kv/in-memory-kv-store';

const RUNS = 6;

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
  const firstRss = process.resourceUsage().maxRSS * 1024;
  const facts = first.input.facts.length;
  const deployments = first.input.deployments.length;

  const times: number[] = [];
  for (let run = 1; run < RUNS; run++) {
    start = performance.now();
    // Every drill-down too, as views of them did: their rows are built on first read.
    const computed = await computeProjectKpis(store, project, now);
    for (const figure of computed.report.figures) void computed.report.drilldowns[figure.id]?.rows.length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      runs: RUNS,
      coldMs,
      medianMs: times[Math.floor(times.length / 2)],
      firstRunPeakRssMb: mb(firstRss),
      peakRssMb: mb(peakRss),
      baselineRssMb: mb(baselineRss),
      storeRssMb: mb(storeRss),
      heapAfterMb: mb(process.memoryUsage().heapUsed),
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
