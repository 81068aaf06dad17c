/**
 * The go-live runbook at the size issue 15 promises: a 300-step runbook with realistic
 * descriptions and a note on every step. Measures the Go-live page drawing its plan and timeline
 * in headless Chromium (from the answer arriving to the page drawn, the page's own `golive:render`
 * measure; budget 1 s), the main thread's CPU time for it (from Chromium's trace: what the page
 * costs whatever the machine's load, which on the shared two-core machine stretches the wall time
 * several times), and what one step change costs: the resolver calls the page makes for one click,
 * and the Jira requests of that call and of a watcher's refresh (the fake Jira's counters).
 * Run by `npm run bench` (bench/run.ts) or alone: `npx tsx bench/go-live.ts` (BENCH_RENDER=0 skips Chromium).
 */
import { cpus, loadavg } from 'node:os';
import type { RunbookStep, RunbookView } from '../src/contract';
import { dispatchResolver } from '../src/app/resolvers';
import { DEMO_ACCOUNT } from '../local/fake-jira';
import { startLocalRuntime } from '../local/runtime';
import type { Page } from 'playwright-core';
import { chromiumPath, launchBrowser } from '../test/browser/support/browser';
import { createSmallRelease } from '../test/support/go-no-go-release';
import { recordInBaseline } from './support/baseline';
import { median } from './support/timing';
import type { Record } from './calendar';

const STEPS = 300;
const KINDS = ['preparation', 'deployment', 'verification', 'communication'] as const;
const SYSTEMS = ['payment gateway', 'order service', 'catalogue search', 'ledger', 'notification service', 'checkout web', 'mobile API', 'fraud scoring'];

/** A runbook as teams write them (added to the emergency template's eight steps): steps in waves of eight systems, each waiting for the wave before, with a paragraph of instructions. */
function bigTemplate(): RunbookStep[] {
  return Array.from({ length: STEPS }, (_, i): RunbookStep => {
    const system = SYSTEMS[i % SYSTEMS.length] as string;
    const wave = Math.floor(i / SYSTEMS.length);
    const kind = KINDS[wave % KINDS.length] as (typeof KINDS)[number];
    return {
      id: `s${i}`,
      title: `${kind === 'deployment' ? 'Deploy' : kind === 'verification' ? 'Verify' : kind === 'communication' ? 'Announce' : 'Prepare'} the ${system} (wave ${wave + 1})`,
      description: `Runbook wave ${wave + 1} for the ${system}. Check the dashboard for error rates above 0.5 % and p95 latency above 800 ms before starting; page the on-call engineer of the ${system} if either is breached. Follow the pipeline link, confirm the artefact checksum matches the release notes, and record the build number in a note. `.repeat(3),
      durationMinutes: 5 + (i % 7) * 5,
      dependsOn: wave === 0 ? [] : [`s${i - SYSTEMS.length}`],
      kind,
      environment: i % 3 === 0 ? 'Production' : 'PREPROD',
    };
  });
}

export async function goLiveBench(record: Record): Promise<void> {
  const runtime = await startLocalRuntime({ port: 0, inMemory: true, quiet: true });
  try {
    const jiraStats = () => runtime.fakeJira!.stats().requests;
    const release = await createSmallRelease(runtime.jiraUrl, { name: 'SHOP 9.0.0', startDate: '2026-11-20', releaseDate: '2026-12-20', description: 'Emergency: platform upgrade' });
    const project = (await runtime.deps.jiraAsApp().listProjects()).find((p) => p.key === 'SHOP')!;
    const context = { accountId: DEMO_ACCOUNT.releaseManager, moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: project.id, key: 'SHOP', type: 'software' } } };
    const call = async (name: string, payload: unknown): Promise<RunbookView> => {
      const result = await dispatchResolver(runtime.deps, name, payload, context);
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
      return result.data as RunbookView;
    };
    // Set-up through the app's own resolvers, as a release manager would: the runbook made, its 300 steps added one by one, the run started, a note on every step.
    let revision = (await call('createRunbook', { versionId: release.versionId, from: { type: 'template' }, goLiveStart: '2026-11-24T20:00:00.000Z' })).planRevision;
    for (const step of bigTemplate()) revision = (await call('saveRunbookStep', { versionId: release.versionId, planRevision: revision, step })).planRevision;
    await call('startRunbookRun', { versionId: release.versionId });
    for (let i = 0; i < STEPS; i++) {
      await call('actOnRunbookStep', { versionId: release.versionId, stepId: `s${i}`, expectedStatus: 'not-started', action: { type: 'note', text: `Checked the ${SYSTEMS[i % SYSTEMS.length]} dashboards: error rate 0.1 %, p95 420 ms; build 2026.11.${i} ready.` } });
    }
    const view = await call('getRunbook', { versionId: release.versionId });

    // One step change from Node: one resolver call, and the Jira requests it makes.
    const before = jiraStats();
    const started = performance.now();
    await call('actOnRunbookStep', { versionId: release.versionId, stepId: 's0', expectedStatus: 'not-started', action: { type: 'start' } });
    const ms = performance.now() - started;
    record(`go-live step change (${STEPS}-step runbook): Jira requests`, jiraStats() - before, 'requests', `one actOnRunbookStep call, ${Math.round(ms)} ms; answer ${(JSON.stringify(view).length / 1024).toFixed(0)} KB`);
    const beforeRefresh = jiraStats();
    await call('getRunbook', { versionId: release.versionId });
    record('go-live watcher refresh: Jira requests', jiraStats() - beforeRefresh, 'requests', 'one getRunbook call, as each watching page makes on every realtime notice');

    if (!chromiumPath || process.env.BENCH_RENDER === '0') {
      if (!chromiumPath) console.warn('No Chromium: the go-live render benchmark is skipped (apt-get install chromium).');
      return;
    }
    const browser = await launchBrowser();
    const renders: number[] = [];
    const cpu: number[] = [];
    let callsPerChange = 0;
    try {
      for (let run = 0; run < 5; run++) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, timezoneId: 'UTC' });
        const invoked: string[] = [];
        page.on('request', (request) => {
          if (request.url().endsWith('/api/invoke')) invoked.push((JSON.parse(request.postData() ?? '{}') as { functionKey?: string }).functionKey ?? '');
        });
        await page.goto(`${runtime.hostUrl}/#/project/SHOP/releases/go-live?as=${DEMO_ACCOUNT.releaseManager}`);
        const app = page.frameLocator('[data-testid="app-frame"]');
        await app.getByTestId('go-live').waitFor({ timeout: 60_000 });
        const frame = page.frames().find((f) => f.url().includes('/apps/releases/'));
        if (!frame) throw new Error('No app frame.');
        // The first answer is the next unreleased version's; time the draw of the 300-step one the select asked for.
        const measure = `golive:render:${release.versionId}`;
        cpu.push(
          await traceMainThread(page, async () => {
            await app.getByTestId('golive-version').selectOption(release.versionId);
            await frame.waitForFunction((name) => performance.getEntriesByName(name).length > 0, measure);
          }),
        );
        renders.push(await frame.evaluate((name) => performance.getEntriesByName(name)[0]!.duration, measure));
        if (run === 0) {
          // One click on a step: the page's calls for it (its 2-second refresh is not counted).
          const mark = invoked.length;
          await app.getByTestId('golive-complete-s0').click();
          await app.locator('[data-testid="golive-step-s0"][data-status="completed"]').waitFor();
          callsPerChange = invoked.slice(mark).filter((name) => name !== 'getRunbook' && name !== 'getProjectTime').length;
        }
        await page.close();
      }
    } finally {
      await browser.close();
    }
    record(`go-live page render in Chromium (${STEPS} steps with notes, plan and timeline)`, median(renders), 'ms', `answer arrived → drawn; median of 5 page loads; budget 1000 ms; machine load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
    record(`go-live page render: main-thread CPU (${STEPS} steps)`, median(cpu), 'ms', 'release chosen → drawn (answer parsed, rows drawn, style, layout, paint), thread time from the trace; median of 5 page loads');
    record('go-live step change: resolver calls per click', callsPerChange, 'calls', 'actOnRunbookStep, which answers with the fresh view');
  } finally {
    await runtime.close();
  }
}

/** Main-thread CPU milliseconds of the page while `during` runs: the thread time of the renderer main threads' tasks in Chromium's trace. */
async function traceMainThread(page: Page, during: () => Promise<void>): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await during();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && mainThreads.has(`${e.pid}:${e.tid}`)).reduce((sum, e) => sum + (e.tdur ?? 0) / 1000, 0);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  tdur?: number;
  args?: { name?: string };
}

if (require.main === module) {
  const rows: Array<{ name: string; value: number; unit: string; note?: string }> = [];
  goLiveBench((name, value, unit, note) => rows.push({ name, value: Math.round(value * 100) / 100, unit, ...(note ? { note } : {}) }))
    .then(() => {
      for (const { name, value, unit, note } of rows) console.log(`${name}  ${value} ${unit}${note ? `  (${note})` : ''}`);
      // `npx tsx bench/go-live.ts --record`: only this file's rows in bench/baseline.json.
      if (process.argv.includes('--record')) recordInBaseline(rows, (row) => row.name.startsWith('go-live '));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
