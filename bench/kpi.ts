/**
 * The delivery-KPI benchmark (`npm run bench:kpi`, also part of `npm run bench`): a synthetic
 * project of 50,000 issues, 300 versions and 2,000 deployments served by the fake Jira with 100 ms
 * latency per request.
 *
 * - backfill: Jira points against the bound 1.05 × (issues returned + requests);
 * - a daily run after 500 issues changed: points (bound 600);
 * - KPI computation from the stored facts: time (bound 2 s) and memory (bound 256 MB), measured in a
 *   fresh process started with --max-old-space-size=256;
 * - store operations of each run;
 * - a naive implementation (a search per version, then each issue's changelog one by one) in the
 *   same conditions, and the ratios.
 *
 * Environment: KPI_BENCH_ISSUES (default 50000), KPI_BENCH_NAIVE_CONCURRENCY (default 10: 10
 * requests in flight at 100 ms each is Jira's 100 GET/s burst limit), KPI_BENCH_NAIVE=0 skips the
 * naive run (about 8 minutes of the total), KPI_BENCH_BEFORE=<git ref> also runs the computation
 * child on that commit's src (memory before and after on the same store, in one run), KPI_BENCH_KEEP=1
 * keeps the store on disk instead of measuring the computation, and KPI_BENCH_STORE=<that directory>
 * measures only the computation on it.
 *
 * - KVS read units of a KPIs view and a drill-down: computed from the facts (what views did before
 *   the stored view) and read from the stored view.
 */
import { execSync, spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAppDeps } from '../src/app/deps';
import { replaceSigningSecret } from '../src/app/deployment-secret';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, ingestDeployment, signDeploymentBody } from '../src/app/ingest-deployment';
import { runJob } from '../src/app/jobs';
import { mapWithConcurrency } from '../src/app/concurrency';
import { CHANGELOG_FIELD_IDS, FACT_FIELDS, readSyncDoc, runKpiSync } from '../src/app/kpi-sync';
import { computeProjectKpis } from '../src/app/kpi-data';
import { readKpiDrilldown, readKpiView } from '../src/app/kpi-view-store';
import { keys } from '../src/store/keys';
import type { DiskIndex } from './kpi-compute';
import { recordRowsInBaseline } from './support/baseline';
import type { JiraIssue } from '../src/integrations/jira/types';
import { createLocalTransports } from '../local/compose';
import { generateSyntheticDataset, startFakeJira } from '../local/fake-jira';
import { demoDeployments } from '../local/kpi-demo-deployments';
import { InMemoryKvStore } from '../local/kv/in-memory-kv-store';
import { LocalWorkQueue } from '../local/memory-queue';

type Record_ = (name: string, value: number, unit: string, note?: string) => void;

const ANCHOR = new Date('2026-11-24T10:00:00Z');
const LATENCY_MS = 100;
const quiet = { info: () => undefined, warn: () => undefined, error: (m: string, f?: Record<string, unknown>) => console.error(m, f ?? '') };

function counters(store: InMemoryKvStore) {
  return { ...store.counters };
}

function diff(a: InMemoryKvStore['counters'], b: InMemoryKvStore['counters']): string {
  return `${b.reads - a.reads} reads, ${b.writes - a.writes} writes, ${b.transactions - a.transactions} transactions, ${b.queries - a.queries} queries`;
}

function ops(a: InMemoryKvStore['counters'], b: InMemoryKvStore['counters']): number {
  return b.reads - a.reads + (b.writes - a.writes) + (b.transactions - a.transactions) + (b.queries - a.queries);
}

/**
 * The KPI computation child on a store written to `dir` (index.json, values.bin, meta.json), six
 * runs capped at 256 MB of heap; with KPI_BENCH_BEFORE=<git ref> also the same child built from that
 * commit's src, on the same store.
 */
async function measureComputation(record: Record_, dir: string): Promise<void> {
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { now: string; projectId: string; projectKey: string; issueCount: number };
  const indexFile = join(dir, 'index.json');
  const valuesFile = join(dir, 'values.bin');
  const now = new Date(meta.now);
  const project = { id: meta.projectId, key: meta.projectKey };
  const issueCount = meta.issueCount;
  const scale = `at ${issueCount.toLocaleString('en')} issues`;
  const compute = async (label: string, sourceRoot?: string) => {
    const bundle = join(dir, `kpi-compute-${label}.cjs`);
    await build({
      entryPoints: [join(__dirname, 'kpi-compute.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'warning',
      nodePaths: [join(__dirname, '..', 'node_modules')],
      plugins: sourceRoot ? [{ name: 'before-src', setup: (b) => b.onResolve({ filter: /^\.\.\/(src|local)\// }, (args) => (args.importer.endsWith('kpi-compute.ts') ? { path: `${join(sourceRoot, args.path.slice(3))}.ts` } : undefined)) }] : [],
    });
    const run = (heapMb: number) => spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, '--expose-gc', bundle, indexFile, valuesFile, now.toISOString(), project.id, project.key], { encoding: 'utf8' });
    let heapMb = 256;
    let child = run(heapMb);
    if (child.status !== 0 && /heap out of memory/.test(child.stderr)) {
      // Does not fit 256 MB of heap: say so, and measure what it needs.
      record(`kpi computation ${scale}${sourceRoot ? ` (before: ${process.env.KPI_BENCH_BEFORE})` : ''}: fits --max-old-space-size=256`, 0, 'no', 'the V8 heap ran out of memory; measured again with 1,024 MB');
      heapMb = 1024;
      child = run(heapMb);
    }
    if (child.status !== 0) throw new Error(`kpi-compute (${label}) failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as { runs: number; coldMs: number; medianMs: number; firstRunPeakRssMb: number; peakRssMb: number; baselineRssMb: number; storeRssMb: number; heapAfterMb: number; rssAfterRunsMb: number; rssAfterGcMb: number; storeReads: number; facts: number; deployments: number };
    record(`kpi computation ${scale}${sourceRoot ? ` (before: ${process.env.KPI_BENCH_BEFORE})` : ''}: report and 12-week trend from stored facts`, result.medianMs, 'ms', `bound 2000; median of runs 2-${result.runs}; first (cold) run ${Math.round(result.coldMs)} ms; ${result.facts} facts, ${result.deployments} deployments`);
    record(`kpi computation ${scale}${sourceRoot ? ` (before: ${process.env.KPI_BENCH_BEFORE})` : ''}: peak memory over ${result.runs} runs (process RSS)`, result.peakRssMb, 'MB', `bound 256; after the first run ${result.firstRunPeakRssMb.toFixed(0)} MB; Node alone ${result.baselineRssMb.toFixed(0)} MB, the store read from disk key by key; heap after ${result.heapAfterMb.toFixed(0)} MB; --max-old-space-size=${heapMb}`);
    record(`kpi computation ${scale}${sourceRoot ? ` (before: ${process.env.KPI_BENCH_BEFORE})` : ''}: process RSS after ${result.runs} runs, then after a forced GC`, result.rssAfterGcMb, 'MB', `${result.rssAfterRunsMb.toFixed(0)} MB before the forced GC (global.gc, --expose-gc); peak above`);
    record(`kpi computation ${scale}${sourceRoot ? ` (before: ${process.env.KPI_BENCH_BEFORE})` : ''}: V8 heap used after ${result.runs} runs and a forced GC`, result.heapAfterMb, 'MB');
    if (!sourceRoot) record(`kpi computation ${scale}: store reads`, result.storeReads, 'reads');
  };
  await compute('after');
  const beforeRef = process.env.KPI_BENCH_BEFORE;
  if (beforeRef) {
    const root = join(dir, 'before');
    mkdirSync(root, { recursive: true });
    execSync(`git archive ${beforeRef} src local | tar -x -C ${root}`, { cwd: join(__dirname, '..') });
    await compute('before', root);
  }
}

export async function runKpiBench(record: Record_): Promise<void> {
  const issueCount = Number(process.env.KPI_BENCH_ISSUES ?? 50_000);
  const naiveConcurrency = Number(process.env.KPI_BENCH_NAIVE_CONCURRENCY ?? 10);
  let now = new Date(ANCHOR);
  // A bulk import: this many of the issues created within one month (two months ago), more than
  // the ~32,000 a month the fact store held before parts split alone.
  const imported = Math.min(issueCount, Number(process.env.KPI_BENCH_BULK ?? 33_000));
  const dataset = generateSyntheticDataset(ANCHOR, { issueCount: issueCount - imported, versionCount: 300, projectKey: 'BIG', ...(imported ? { bulkImport: { issues: imported, monthsAgo: 2 } } : {}) });
  const project = dataset.projects[0]!;
  const jira = await startFakeJira({ dataset, now: () => now, latencyMs: LATENCY_MS });
  const store = new InMemoryKvStore();
  // Above 65,000 issues the backfill spends the hour's points and waits for the next hour: the
  // bench moves its clock there instead of waiting (a delayed job runs at once, that much later).
  const queue = new LocalWorkQueue(quiet, { retryDelayMs: 10, delayScale: 0 });
  const push = queue.push.bind(queue);
  queue.push = async (jobs, options = {}) => {
    if (options.delaySeconds) now = new Date(now.getTime() + options.delaySeconds * 1000);
    return push(jobs, options);
  };
  const deps = createAppDeps({
    transports: createLocalTransports({ mode: 'demo', jiraBaseUrl: jira.url, confluenceBaseUrl: 'http://127.0.0.1:9' }),
    store,
    queue,
    clock: { now: () => now },
    timing: { sleep: (ms) => new Promise((r) => setTimeout(r, ms)), random: Math.random },
    log: quiet,
  });
  queue.attach((job) => runJob(deps, job));
  const ref = { projectId: project.id, projectKey: project.key };

  try {
    // Deployments: 2,000 signed events through the web trigger's code path.
    const deployments = demoDeployments(dataset, { projectKey: 'BIG', days: 365, perDay: 4, max: 2000 });
    const secret = 'bench-secret-0123456789abcdef';
    await replaceSigningSecret(deps, 'bench', secret);
    let before = counters(store);
    let start = performance.now();
    for (const event of deployments) {
      const body = JSON.stringify(event);
      const timestamp = String(Math.floor(now.getTime() / 1000));
      const answer = await ingestDeployment(deps, { method: 'POST', headers: { [SIGNATURE_HEADER]: await signDeploymentBody(secret, timestamp, body), [TIMESTAMP_HEADER]: timestamp }, body });
      if (answer.statusCode !== 201) throw new Error(`ingestion answered ${answer.statusCode}: ${JSON.stringify(answer.body)}`);
    }
    record(`kpi: ingest ${deployments.length} deployment events`, performance.now() - start, 'ms', `store: ${diff(before, counters(store))} (${(ops(before, counters(store)) / deployments.length).toFixed(1)} per event)`);

    // Backfill. One site alone: its hourly points budget is the whole pool (the default, 5 % of
    // it, would pace this backfill over about 16 hours of waits the bench does not sit through).
    await store.transact([{ kind: 'put', key: keys.kpiSettings(), value: { backfillPointsPerHour: 65_000 }, expectRev: 0 }]);
    jira.resetStats();
    before = counters(store);
    start = performance.now();
    await runKpiSync(deps, ref);
    await queue.drain();
    const backfillMs = performance.now() - start;
    const doc = await readSyncDoc(deps, project.id);
    if (!doc || doc.state !== 'idle') throw new Error(`backfill did not finish: ${JSON.stringify(doc?.state)}`);
    const backfill = jira.stats();
    const stored = doc.issuesStored;
    const bound = 1.05 * (stored + backfill.requests);
    const days = doc.chunks.filter((c) => c.span === 'day');
    record(
      `kpi backfill: ${issueCount} issues (${imported} of them a bulk import in one month), ${LATENCY_MS} ms latency`,
      backfillMs / 1000,
      's',
      `${doc.chunks.length} chunks (the import month counted first and read as ${days.length} days of at most ${Math.max(0, ...days.map((c) => c.issues ?? 0))} issues), ${backfill.requests} requests; ${stored} facts stored`,
    );
    record('kpi backfill: Jira points', backfill.points, 'points', `bound 1.05 × (${stored} issues + ${backfill.requests} requests) = ${Math.floor(bound)}; ratio ${(backfill.points / (stored + backfill.requests)).toFixed(4)}`);
    record('kpi backfill: store operations', ops(before, counters(store)), 'ops', diff(before, counters(store)));

    // A daily run after 500 issues changed in Jira (transitions by people, through the API).
    const changed = dataset.issues.filter((i) => i.statusId !== '10002').slice(0, 500);
    now = new Date(ANCHOR.getTime() + 6 * 3_600_000);
    await mapWithConcurrency(changed, 20, async (issue) => {
      const to = issue.statusId === '10000' ? '21' : '41';
      const response = await fetch(`${jira.url}/rest/api/3/issue/${issue.key}/transitions`, { method: 'POST', headers: { Authorization: 'Bearer app', 'Content-Type': 'application/json' }, body: JSON.stringify({ transition: { id: to } }) });
      if (response.status !== 204) throw new Error(`transition answered ${response.status}`);
    });
    now = new Date(ANCHOR.getTime() + 86_400_000);
    jira.resetStats();
    before = counters(store);
    start = performance.now();
    await runKpiSync(deps, ref);
    await queue.drain();
    const daily = jira.stats();
    const after = await readSyncDoc(deps, project.id);
    record('kpi daily run after 500 changed issues: Jira points', daily.points, 'points', `bound 600; ${daily.requests} requests, ${after?.lastDelta?.issues} issues read, ${Math.round(performance.now() - start)} ms`);
    record('kpi daily run: store operations', ops(before, counters(store)), 'ops', diff(before, counters(store)));

    // KVS read units of a KPIs view and of a drill-down: computed from every fact (before) and the
    // stored view (after), on the same store. Both also read the publication outcome; the resolver
    // adds the project's zone and the quota gate (2 units) to either.
    const kpiProject = { id: project.id, key: project.key, name: project.key };
    const units = async (work: () => Promise<unknown>) => {
      const [u, r] = [store.counters.readUnits, store.counters.reads];
      await work();
      return { units: store.counters.readUnits - u, reads: store.counters.reads - r };
    };
    const publication = () => store.get(keys.kpiReportOutcome(project.key));
    start = performance.now();
    const computedView = await units(async () => {
      const computed = await computeProjectKpis(store, kpiProject, now);
      void computed.report.drilldowns['lead-time'];
      await publication();
    });
    const computedMs = performance.now() - start;
    const cold = await units(async () => {
      await readKpiView(store, kpiProject, now);
      await publication();
    });
    start = performance.now();
    const warm = await units(async () => {
      await readKpiView(store, kpiProject, now);
      await publication();
    });
    const warmMs = performance.now() - start;
    const figureIds = (await readKpiView(store, kpiProject, now)).view.figures.map((f) => f.id);
    const drills = [];
    for (const figureId of figureIds) drills.push({ figureId, ...(await units(() => readKpiDrilldown(store, kpiProject, now, figureId))) });
    const largest = drills.reduce((a, b) => (b.units > a.units ? b : a));
    record('kpi view (before: computed from every fact): KVS read units', computedView.units, 'units', `${computedView.reads} reads, ${Math.round(computedMs)} ms; a drill-down computed everything again: the same units`);
    record('kpi view (after: stored view): KVS read units', warm.units, 'units', `${warm.reads} reads, ${Math.round(warmMs)} ms; bound 10; the first view after a change recomputes once: ${cold.units} units`);
    record('kpi drill-down (after: stored): KVS read units, largest figure', largest.units, 'units', `${largest.figureId}, ${largest.reads} reads; all figures: ${drills.map((d) => `${d.figureId} ${d.units}`).join(', ')}`);

    // KPI computation from the stored facts, in a fresh process capped at 256 MB of heap, six runs
    // in a row; with KPI_BENCH_BEFORE=<git ref> also the same child built from that commit's src.
    const dir = mkdtempSync(join(tmpdir(), 'kpi-bench-'));
    try {
      // The store on disk, key by key: the child reads values as it needs them, as from KVS.
      const indexFile = join(dir, 'index.json');
      const valuesFile = join(dir, 'values.bin');
      const snapshot = store.snapshot();
      const index: DiskIndex = { plain: {}, versioned: {} };
      const chunks: Buffer[] = [];
      let offset = 0;
      const put = (value: unknown): [number, number] => {
        const bytes = Buffer.from(JSON.stringify(value), 'utf8');
        chunks.push(bytes);
        offset += bytes.length;
        return [offset - bytes.length, bytes.length];
      };
      for (const [key, value] of Object.entries(snapshot.plain)) index.plain[key] = put(value);
      for (const [key, doc] of Object.entries(snapshot.versioned)) index.versioned[key] = [...put(doc.value), doc.rev];
      writeFileSync(valuesFile, Buffer.concat(chunks));
      writeFileSync(indexFile, JSON.stringify(index));
      writeFileSync(join(dir, 'meta.json'), JSON.stringify({ now: now.toISOString(), projectId: project.id, projectKey: project.key, issueCount }));
      // KPI_BENCH_KEEP=1 only keeps the store, for KPI_BENCH_STORE runs (taskset them on their own).
      if (process.env.KPI_BENCH_KEEP !== '1') await measureComputation(record, dir);
    } finally {
      if (process.env.KPI_BENCH_KEEP === '1') console.log(`store kept: KPI_BENCH_STORE=${dir} npx tsx bench/kpi.ts measures the computation on it again`);
      else rmSync(dir, { recursive: true, force: true });
    }

    // The alternative the issue names: the same searches without the changelog expansion, plus
    // /changelog/bulkfetch (status, fixVersions, resolution) for every issue: what it adds.
    jira.resetStats();
    start = performance.now();
    const ids = dataset.issues.filter((i) => i.projectId === project.id).map((i) => i.id);
    await deps.jiraAsApp().bulkFetchChangelogs(ids, [...CHANGELOG_FIELD_IDS]);
    const bulk = jira.stats();
    record('alternative: bulk changelog for every issue, on top of the searches', bulk.points, 'points', `${bulk.requests} requests, ${Math.round(performance.now() - start)} ms; backfill would be ${backfill.points + bulk.points} points = ${((backfill.points + bulk.points) / (stored + backfill.requests + bulk.requests)).toFixed(2)} × (issues + requests) if issues count once, ${((backfill.points + bulk.points) / backfill.points).toFixed(2)}x ours`);

    // The naive implementation: a search per version, then every issue's changelog one by one.
    if (process.env.KPI_BENCH_NAIVE === '0') return;
    jira.resetStats();
    start = performance.now();
    const versions = dataset.versions.filter((v) => v.projectId === project.id);
    const http = deps.jiraAsApp();
    const found = await mapWithConcurrency(versions, naiveConcurrency, async (version) => {
      const issues: JiraIssue[] = [];
      for await (const page of http.search(`project = ${project.key} AND fixVersion = ${version.id}`, [...FACT_FIELDS], { pageSize: 100 })) issues.push(...page);
      return issues;
    });
    const naiveIssues = found.flat();
    await mapWithConcurrency(naiveIssues, naiveConcurrency, async (issue) => {
      const response = await fetch(`${jira.url}/rest/api/3/issue/${issue.key}?fields=status&expand=changelog`, { headers: { Authorization: 'Bearer app' } });
      if (!response.ok) throw new Error(`issue read answered ${response.status}`);
    });
    const naive = jira.stats();
    const naiveMs = performance.now() - start;
    record('naive (search per version + changelog per issue): Jira points', naive.points, 'points', `${naive.requests} requests, ${Math.round(naiveMs / 1000)} s at ${naiveConcurrency} in flight; covers only the ${naiveIssues.length} issues with a fix version`);
    record('naive / ours: backfill points', naive.points / backfill.points, 'x', `requests ${(naive.requests / backfill.requests).toFixed(1)}x`);
    record('naive / ours: daily run points (naive rescans everything)', naive.points / daily.points, 'x');
  } finally {
    await queue.drain();
    await jira.close();
  }
}

if (require.main === module) {
  const rows: Array<{ name: string; value: number; unit: string; note?: string }> = [];
  // Rows of another size than the default are named for it, so recording them keeps the default's rows.
  const issues = Number(process.env.KPI_BENCH_ISSUES ?? 50_000);
  const sized = (name: string) => (issues === 50_000 || name.includes(' issues') ? name : `${name} [${issues.toLocaleString('en')} issues]`);
  // KPI_BENCH_STORE=<dir kept by KPI_BENCH_KEEP=1>: only the computation, on that store.
  const kept = process.env.KPI_BENCH_STORE;
  (kept ? (record: Record_) => measureComputation(record, kept) : runKpiBench)((name, value, unit, note) => {
    const row = { name: sized(name), value: Math.round(value * 100) / 100, unit, ...(note ? { note } : {}) };
    rows.push(row);
    console.log(`${name}: ${row.value} ${unit}${note ? `  (${note})` : ''}`);
  })
    // `npm run bench:kpi -- --record`: these rows into bench/baseline.json.
    .then(() => process.argv.includes('--record') && recordRowsInBaseline(rows))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
