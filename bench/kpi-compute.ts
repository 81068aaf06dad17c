/**
 * Child process of bench/kpi.ts (bundled with esbuild and run by plain node, as on Forge): reads a
 * store snapshot from disk key by key, as a Forge function reads KVS (the store is not in the
 * process, so its RSS is the computation's own plus Node's), and computes one project's KPI report and 12-week trend the way a recomputed view
 * does, six times in a row (memory that one computation leaves behind shows up in the next), with
 * --max-old-space-size=256 so a computation needing more heap fails instead of passing. Peak RSS
 * (which includes Node itself and the loaded store) is read after all six; time is the median of
 * the last five. Prints one JSON line.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { computeProjectKpis } from '../src/app/kpi-data';
import type { KeyValueStore, Versioned } from '../src/ports';

/** Where each stored value lies in the values file: [offset, bytes] (and the revision of a versioned one). */
export interface DiskIndex {
  plain: Record<string, [number, number]>;
  versioned: Record<string, [number, number, number]>;
}

/** The read side of the store over the files bench/kpi.ts wrote; the computation never writes. */
class DiskKvStore implements Pick<KeyValueStore, 'get' | 'getVersioned' | 'batchGet'> {
  readonly counters = { reads: 0 };
  private readonly fd: number;
  constructor(
    private readonly index: DiskIndex,
    valuesFile: string,
  ) {
    this.fd = openSync(valuesFile, 'r');
  }
  private read<T>(at: [number, number, ...number[]] | undefined): T | undefined {
    this.counters.reads++;
    if (!at) return undefined;
    const buffer = Buffer.alloc(at[1]);
    readSync(this.fd, buffer, 0, at[1], at[0]);
    return JSON.parse(buffer.toString('utf8')) as T;
  }
  async get<T>(key: string): Promise<T | undefined> {
    return this.read<T>(this.index.plain[key]);
  }
  async getVersioned<T>(key: string): Promise<Versioned<T> | undefined> {
    const at = this.index.versioned[key];
    const value = this.read<T>(at);
    return at && value !== undefined ? { value, rev: at[2] } : undefined;
  }
  async batchGet<T>(keys: string[]): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    for (const key of keys) {
      const value = await this.get<T>(key);
      if (value !== undefined) found.set(key, value);
    }
    return found;
  }
  close(): void {
    closeSync(this.fd);
  }
}

function unsupported(): never {
  throw new Error('the KPI computation only reads');
}

const RUNS = 6;

async function main(): Promise<void> {
  const [indexFile, valuesFile, nowIso, projectId, projectKey] = process.argv.slice(2) as [string, string, string, string, string];
  const mb = (bytes: number) => bytes / 2 ** 20;
  const baselineRss = process.memoryUsage().rss;
  const disk = new DiskKvStore(JSON.parse(readFileSync(indexFile, 'utf8')) as DiskIndex, valuesFile);
  const store: KeyValueStore = Object.assign(disk, { set: unsupported, setIfAbsent: unsupported, delete: unsupported, batchSet: unsupported, query: unsupported, transact: unsupported, getSecret: unsupported, setSecret: unsupported, deleteSecret: unsupported });
  (globalThis as { gc?: () => void }).gc?.();
  const storeRss = process.memoryUsage().rss;
  const now = new Date(nowIso);
  const project = { id: projectId, key: projectKey, name: projectKey };

  const readsBefore = disk.counters.reads;
  let start = performance.now();
  // Only counts are kept from the first run: a Forge invocation computes once, so holding its
  // result through the next runs would add a whole computation to every later peak.
  // (The fact count is read both ways so this child also builds on src from before facts were folded.)
  const { facts, deployments } = await computeProjectKpis(store, project, now).then((first) => ({
    facts: (first.prepared as { facts?: { factCount?: number } }).facts?.factCount ?? (first.input as { facts?: unknown[] }).facts?.length ?? 0,
    deployments: first.input.deployments.length,
  }));
  const coldMs = performance.now() - start;
  const reads = disk.counters.reads - readsBefore;
  const firstRss = process.resourceUsage().maxRSS * 1024;

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
  // What stays once the last run's garbage is collected (forced: the child runs with --expose-gc).
  const rssBeforeGc = process.memoryUsage().rss;
  (globalThis as { gc?: () => void }).gc?.();
  const rssAfterGc = process.memoryUsage().rss;
  disk.close();
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
      rssAfterRunsMb: mb(rssBeforeGc),
      rssAfterGcMb: mb(rssAfterGc),
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
