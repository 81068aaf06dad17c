/**
 * `npm run bench`: measures what the issues promise, against the fake Jira with real HTTP and
 * injected latency. Prints a table and writes bench/results/latest.json; bench/baseline.json holds
 * the figures reported in closing notes. Run on an otherwise idle machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatchResolver } from '../src/app/resolvers';
import { recordInBaseline } from './support/baseline';
import { InMemoryKvStore } from '../local/kv/in-memory-kv-store';
import { startLocalRuntime } from '../local/runtime';
import { demoFacts, startDemoSite } from '../test/support/demo-site';
import { calendarBench } from './calendar';
import { goLiveBench } from './go-live';
import { readinessBench } from './readiness';
import { readinessScaleBench } from './readiness-scale';
import { releaseNotesBench } from './release-notes';
import { runKpiBench } from './kpi';
import { fakesBench } from './fakes';
import { medianTime } from './support/timing';
import { bundleSizesBench } from './bundle-sizes';

interface Row {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const rows: Row[] = [];
const record = (name: string, value: number, unit: string, note?: string) => rows.push({ name, value: Math.round(value * 100) / 100, unit, ...(note ? { note } : {}) });

async function releasesOverview(latencyMs: number): Promise<void> {
  const site = await startDemoSite();
  const facts = demoFacts(site.jira.dataset);
  site.jira.faults.latencyMs = latencyMs;
  const context = { accountId: facts.admin.accountId, moduleKey: 'releases-page', extension: { project: { id: facts.project('SHOP').id, key: 'SHOP' } } };
  site.jira.resetStats();
  const ms = await medianTime(5, async () => {
    const result = await dispatchResolver(site.deps, 'getProjectReleases', {}, context);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  });
  const stats = site.jira.stats();
  record(`releases overview, ${latencyMs} ms Jira latency`, ms, 'ms', 'median of 5');
  record('releases overview: Jira requests per view', stats.requests / 5, 'requests');
  record('releases overview: Jira points per view', stats.points / 5, 'points');

  // The obvious alternative: fetch every issue of the project with status and fix versions.
  site.jira.resetStats();
  const jira = site.deps.jiraAsUser(facts.admin.accountId);
  const naiveMs = await medianTime(1, async () => {
    await jira.searchAll('project = SHOP AND fixVersion is not EMPTY', ['status', 'fixVersions'], { pageSize: 100 });
  });
  const naive = site.jira.stats();
  record('naive overview (search all issues): Jira points', naive.points, 'points', `${(naive.points / (stats.points / 5)).toFixed(1)}x ours; ${Math.round(naiveMs)} ms`);

  // The issue panel's first paint is measured by bench/readiness.ts.
  await site.close();
}

async function store(): Promise<void> {
  const kv = new InMemoryKvStore();
  const n = 20_000;
  let start = performance.now();
  for (let i = 0; i < n; i++) await kv.set(`bench:${String(i).padStart(6, '0')}`, { i, name: `value ${i}` });
  record('local store: set', n / ((performance.now() - start) / 1000), 'ops/s');
  start = performance.now();
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await kv.query('bench:', cursor ? { cursor } : {});
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  record('local store: query 20,000 keys in pages of 100', performance.now() - start, 'ms', `${pages} pages`);
}

async function startup(): Promise<void> {
  const start = performance.now();
  const runtime = await startLocalRuntime({ port: 0, inMemory: true, quiet: true });
  record('local runtime start-up (servers and demo data, bundles prebuilt)', performance.now() - start, 'ms');
  await runtime.close();
}

async function main(): Promise<void> {
  await startup();
  await releasesOverview(0);
  await releasesOverview(100);
  await store();
  await calendarBench(record);
  await goLiveBench(record);
  await readinessBench(record);
  await readinessScaleBench(record);
  await releaseNotesBench(record);
  await runKpiBench(record);
  await fakesBench(record);
  await bundleSizesBench(record);
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const row of rows) console.log(`${row.name.padEnd(width)}  ${String(row.value).padStart(10)} ${row.unit}${row.note ? `  (${row.note})` : ''}`);
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2));
  // `npm run bench -- --record`: every row but the scale model's (`npm run bench:scale -- --record`).
  if (process.argv.includes('--record')) recordInBaseline(rows, (row) => !row.name.startsWith('scale: '));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
