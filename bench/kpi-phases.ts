/**
 * Where the KPI computation's memory goes (bench/kpi.ts's child, phase by phase): on a store kept
 * by `KPI_BENCH_KEEP=1`, prints the V8 heap and process RSS after each phase of one computation,
 * with and without a forced GC, and the peak RSS. Bundle and run it as bench/kpi.ts runs its child:
 *   npx esbuild bench/kpi-phases.ts --bundle --platform=node --outfile=/tmp/kpi-phases.cjs
 *   node --max-old-space-size=256 --expose-gc /tmp/kpi-phases.cjs <store dir>
 * With KPI_PHASES_DROP=1 it stops after folding and drops the folded lists one by one instead,
 * printing the live heap after each: what the fold result holds, part by part.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { completeSnapshots, reportFrom, trendWeekEnds } from '../src/domain/kpis/report';
import { TREND_WEEKS, loadKpis } from '../src/app/kpi-data';
import type { KeyValueStore } from '../src/ports';
import type { DiskIndex } from './kpi-compute';

async function main(): Promise<void> {
  const dir = process.argv[2] as string;
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { now: string; projectId: string; projectKey: string };
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as DiskIndex;
  const fd = openSync(join(dir, 'values.bin'), 'r');
  const read = (at: [number, number, ...number[]] | undefined) => {
    if (!at) return undefined;
    const buffer = Buffer.alloc(at[1]);
    readSync(fd, buffer, 0, at[1], at[0]);
    return JSON.parse(buffer.toString('utf8')) as unknown;
  };
  let peakHeap = 0;
  const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
  const store = {
    get: async (key: string) => (sample(), read(index.plain[key])),
    getVersioned: async (key: string) => {
      sample();
      const at = index.versioned[key];
      const value = read(at);
      return at && value !== undefined ? { value, rev: at[2] } : undefined;
    },
    batchGet: async () => new Map(),
  } as unknown as KeyValueStore;
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  const log = (phase: string) => {
    const before = process.memoryUsage();
    gc();
    const after = process.memoryUsage();
    console.log(`${phase}: heap ${mb(before.heapUsed)} (live ${mb(after.heapUsed)}), rss ${mb(before.rss)}, peak rss ${mb(process.resourceUsage().maxRSS * 1024)}, peak heap sampled ${mb(peakHeap)}`);
  };
  log('start');
  const now = new Date(meta.now);
  const loaded = await loadKpis(store, { id: meta.projectId, key: meta.projectKey, name: meta.projectKey }, now);
  log('facts folded');
  if (process.env.KPI_PHASES_DROP) {
    const f = loaded.prepared.facts as unknown as Record<string, unknown>;
    console.log(`deliveries ${loaded.prepared.facts.deliveries.length}, resolved ${loaded.prepared.facts.resolved.length}, incidents ${loaded.prepared.facts.incidents.length}, changes ${loaded.prepared.changes.length}, versions ${loaded.input.versions.length}, deployments ${loaded.input.deployments.length}`);
    for (const name of ['deliveries', 'resolved', 'incidents', 'bugs']) {
      f[name] = [];
      log(`without ${name}`);
    }
    (loaded as unknown as Record<string, unknown>).prepared = undefined;
    log('without prepared');
    (loaded as unknown as Record<string, unknown>).input = undefined;
    log('without input');
    return;
  }
  const report = reportFrom(loaded.prepared, now);
  log('report');
  const trend = completeSnapshots(loaded.prepared, trendWeekEnds(now, loaded.settings.timeZone, TREND_WEEKS), loaded.snapshots, now);
  log(`trend (${trend.length})`);
  for (const figure of report.figures) {
    const rows = report.drilldowns[figure.id]?.rows.length;
    log(`drill-down ${figure.id} (${rows} rows)`);
  }
  closeSync(fd);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
