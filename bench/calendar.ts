/**
 * The release calendar at the size the issue promises: 300 versions across 6 environments with
 * a year of windows. Measures conflict detection (pure), the getReleaseCalendar resolver over the
 * fake Jira, and the Calendar page rendering that view in headless Chromium (from the data arriving
 * to the page drawn, via the page's own `calendar:render` measure), plus the Custom UI bundle size.
 * Also the KVS read units of a calendar view and of a Go/No-Go vote on the same plan.
 * Run by `npm run bench` (bench/run.ts) or alone: `npx tsx bench/calendar.ts` (BENCH_RENDER=0 skips Chromium).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { GoNoGoBoardView, PlanEnvironment, PlanSlot, PlanWindow, ReleaseCalendarView, Tier } from '../src/contract';
import type { AppDeps } from '../src/app/deps';
import { createAppDeps } from '../src/app/deps';
import { type BookingsDoc, bookingShardKey } from '../src/app/release-plan/documents';
import { dispatchResolver } from '../src/app/resolvers';
import { recordRowsInBaseline } from './support/baseline';
import type { ProjectReadinessView } from '../src/contract';
import { calendarDateIn } from '../src/domain/calendar/calendar-date';
import { sortReleases } from '../src/domain/releases/release-summary';
import { MAX_VERSIONS_CHECKED } from '../src/app/go-no-go/waiting';
import { toVersionFacts } from '../src/app/project-releases';
import { loadPolicy } from '../src/app/readiness/policy';
import { reconcileReleaseReadiness } from '../src/app/readiness/release-readiness';
import { readReleaseShards } from '../src/app/readiness/rollup-store';
import { readSummaries } from '../src/app/readiness/summary-store';
import { versionsNeedingRag } from '../src/app/release-plan/readiness-rag';
import { detectConflicts } from '../src/domain/release-plan/conflicts';
import { DEFAULT_TIER_ORDER } from '../src/domain/release-plan/tiers';
import { keys } from '../src/store/keys';
import { createLocalTransports } from '../local/compose';
import { DEMO_ACCOUNT, generateSyntheticDataset, startFakeJira } from '../local/fake-jira';
import { InMemoryKvStore } from '../local/kv/in-memory-kv-store';
import { LocalWorkQueue } from '../local/memory-queue';
import { startLocalRuntime } from '../local/runtime';
import { chromiumPath, launchBrowser } from '../test/browser/support/browser';
import { silentLog } from '../test/support/fakes';
import { median } from './support/timing';

export type Record = (name: string, value: number, unit: string, note?: string) => void;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const VERSIONS = 300;

interface Plan {
  environments: Array<Omit<PlanEnvironment, 'ownerName'>>;
  slots: PlanSlot[];
  windows: PlanWindow[];
}

/** Six environments, five bookings per version before its release day, a year of windows. */
function syntheticPlan(versions: Array<{ id: string; releaseDate?: string }>, today: number): Plan {
  const stamp = new Date(today).toISOString();
  const env = (id: string, name: string, tier: Tier): Omit<PlanEnvironment, 'ownerName'> => ({ id, name, tier, components: [], status: 'available', capacity: 1, updatedAt: stamp, updatedBy: DEMO_ACCOUNT.admin });
  const environments = [env('env-sit', 'SIT', 'SIT'), env('env-uat1', 'UAT-1', 'UAT'), env('env-uat2', 'UAT-2', 'UAT'), env('env-nft', 'NFT', 'NFT'), env('env-preprod', 'PREPROD', 'PREPROD'), env('env-prod', 'Production', 'PROD')];
  const slots: PlanSlot[] = [];
  versions.forEach((v, i) => {
    const release = Date.parse(`${v.releaseDate}T00:00:00Z`);
    const add = (environmentId: string, daysBefore: number, hour: number, hours: number, required: boolean) =>
      slots.push({ id: `slot-${v.id}-${environmentId}`, projectKey: 'BIG', versionId: v.id, environmentId, from: new Date(release - daysBefore * DAY + hour * HOUR).toISOString(), to: new Date(release - daysBefore * DAY + (hour + hours) * HOUR).toISOString(), required, updatedAt: stamp, updatedBy: DEMO_ACCOUNT.releaseManager });
    add('env-sit', 4, 9, 8, false);
    add(i % 2 ? 'env-uat2' : 'env-uat1', 3, 9, 8, true);
    add('env-nft', 2, 8, 10, true);
    add('env-preprod', 1, 9, 4, false);
    add('env-prod', 0, 18, 3, false);
  });
  const windows: PlanWindow[] = [];
  for (let week = -9; week < 44; week++) {
    const sunday = today + (week * 7 + ((7 - new Date(today).getUTCDay()) % 7)) * DAY;
    for (const e of environments) windows.push({ id: `maint-${e.id}-${week}`, kind: 'maintenance', scope: { type: 'environment', environmentId: e.id }, from: new Date(sunday + 2 * HOUR).toISOString(), to: new Date(sunday + 4 * HOUR).toISOString(), reason: 'Weekly patching', updatedAt: stamp, updatedBy: DEMO_ACCOUNT.admin });
  }
  for (let month = -2; month < 10; month++) {
    const first = Date.UTC(new Date(today).getUTCFullYear(), new Date(today).getUTCMonth() + month, 1);
    windows.push({ id: `freeze-${month}`, kind: 'freeze', scope: { type: 'site' }, tiers: ['PROD'], from: new Date(first).toISOString(), to: new Date(first + DAY).toISOString(), reason: 'Month-end close', updatedAt: stamp, updatedBy: DEMO_ACCOUNT.admin });
  }
  return { environments, slots, windows };
}

export async function calendarBench(record: Record): Promise<void> {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const dataset = generateSyntheticDataset(now, { versionCount: VERSIONS, issueCount: 600 });
  // Spread the versions over the year the calendar loads: a release every 1.1 days.
  dataset.versions.forEach((v, i) => {
    const release = today + Math.round(-55 + (i * 320) / VERSIONS) * DAY;
    v.startDate = new Date(release - 21 * DAY).toISOString().slice(0, 10);
    v.releaseDate = new Date(release).toISOString().slice(0, 10);
    v.released = release < today;
  });
  const jira = await startFakeJira({ dataset, anchor: now });
  const store = new InMemoryKvStore();
  const deps = createAppDeps({
    transports: createLocalTransports({ mode: 'demo', jiraBaseUrl: jira.url, confluenceBaseUrl: jira.url }),
    store,
    queue: new LocalWorkQueue(silentLog),
    clock: { now: () => now },
    timing: { sleep: async () => {}, random: () => 0.5 },
    log: silentLog,
  });
  const plan = syntheticPlan(dataset.versions, today);
  const shards = new Map<string, BookingsDoc>();
  for (const s of plan.slots) {
    const key = bookingShardKey(s.environmentId, Date.parse(s.from));
    shards.set(key, { slots: [...(shards.get(key)?.slots ?? []), s] });
  }
  await store.transact([
    { kind: 'put', key: keys.planInventory(), value: { environments: plan.environments, tierOrder: [...DEFAULT_TIER_ORDER] }, expectRev: 0 },
    { kind: 'put', key: keys.planSiteWindows(), value: { windows: plan.windows }, expectRev: 0 },
  ]);
  for (const [key, value] of shards) await store.transact([{ kind: 'put', key, value, expectRev: 0 }]);

  // Conflict detection alone, over everything.
  const versions = dataset.versions.map((v) => ({ id: v.id, projectKey: 'BIG', name: v.name, startDate: v.startDate, releaseDate: v.releaseDate, released: v.released, dependsOn: [] }));
  const facts = { now: now.getTime(), timeZone: 'UTC', environments: plan.environments, tierOrder: DEFAULT_TIER_ORDER, versions, slots: plan.slots, windows: plan.windows, deployments: [], maxReleasesPerDay: 2, focusProjects: new Set(['BIG']), visibleProjects: new Set(['BIG']) };
  let conflicts = 0;
  const detection = median(
    Array.from({ length: 7 }, () => {
      const start = performance.now();
      conflicts = detectConflicts(facts).length;
      return performance.now() - start;
    }),
  );
  record(`conflict detection, ${VERSIONS} versions, ${plan.slots.length} slots, ${plan.windows.length} windows`, detection, 'ms', `median of 7; ${conflicts} conflicts found`);

  // The resolver behind one calendar view (fake Jira, no latency).
  const from = new Date(today - 61 * DAY).toISOString().slice(0, 10);
  const to = new Date(today + 300 * DAY).toISOString().slice(0, 10);
  const context = { accountId: DEMO_ACCOUNT.releaseManager, moduleKey: 'releases-page', extension: { project: { id: '10000', key: 'BIG' } } };
  let view: ReleaseCalendarView | undefined;
  const resolverTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    jira.resetStats();
    const start = performance.now();
    const result = await dispatchResolver(deps, 'getReleaseCalendar', { from, to }, context);
    resolverTimes.push(performance.now() - start);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    view = result.data as ReleaseCalendarView;
  }
  const calls = jira.stats().requests;
  record('getReleaseCalendar resolver, same plan', median(resolverTimes), 'ms', `median of 5; ${calls} Jira requests; ${(JSON.stringify(view).length / 1024).toFixed(0)} KB answer; ${view!.versions.length} versions, ${view!.slots.length} slots, ${view!.windows.length} windows, ${view!.conflicts.length} conflicts`);
  const calendarUnits = store.counters.readUnits;
  await dispatchResolver(deps, 'getReleaseCalendar', { from, to }, context);
  record('getReleaseCalendar resolver: KVS read units per view', store.counters.readUnits - calendarUnits, 'units');

  await readinessViewsBench(record, deps, store, { from, to }, context, dataset.projects[0]!.id);
  await voteBench(record, deps, store, jira, context);
  await jira.close();

  await renderInChromium(record, view as ReleaseCalendarView);
  bundleSize(record);
}

/**
 * KVS read units of the three views that show readiness per release, once every unreleased
 * version's roll-up is built (the daily repair's job): the calendar (dots of up to 12 releases
 * due soon), the Overview list (every unreleased version) and "waiting for me" (the 20 due
 * soonest). After: each reads the releases' summaries. Before: each read every bucket of those
 * releases (and the policy, for the calendar); the rest of each view is the same code, so before
 * = the view measured now − its summary reads + the bucket reads it made, both measured here on
 * the same store.
 */
async function readinessViewsBench(record: Record, deps: AppDeps, store: InMemoryKvStore, range: { from: string; to: string }, context: { accountId: string; moduleKey: string; extension: unknown }, projectId: string): Promise<void> {
  const unitsOf = async (work: () => Promise<unknown>) => {
    const units = store.counters.readUnits;
    await work();
    return store.counters.readUnits - units;
  };
  const call = async <T>(name: string, payload: unknown): Promise<T> => {
    const result = await dispatchResolver(deps, name, payload, context);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
    return result.data as T;
  };
  const unreleased = (await deps.jiraAsApp().listVersions('BIG')).filter((v) => !v.released && !v.archived);
  for (const v of unreleased) await reconcileReleaseReadiness(deps, projectId, String(v.id));
  const bucketUnits = (ids: string[]) => unitsOf(() => Promise.all(ids.map((id) => readReleaseShards(store, id))));
  const summaryUnits = (ids: string[]) => unitsOf(() => readSummaries(store, ids));
  const row = async (what: string, view: () => Promise<unknown>, ids: string[], extraBefore: () => Promise<number>) => {
    await view();
    const after = await unitsOf(view);
    const before = after - (await summaryUnits(ids)) + (await bucketUnits(ids)) + (await extraBefore());
    record(`${what}: KVS read units per view (before: every bucket of each release)`, before, 'units', `${ids.length} releases with a built roll-up`);
    record(`${what}: KVS read units per view (after: one summary per release)`, after, 'units', `${ids.length} releases with a built roll-up`);
  };

  const today = calendarDateIn(deps.clock.now(), 'UTC');
  const calendar = await call<ReleaseCalendarView>('getReleaseCalendar', range);
  const dots = versionsNeedingRag(calendar.versions, today).map((v) => v.id);
  await row('calendar view', () => call('getReleaseCalendar', range), dots, () => unitsOf(() => loadPolicy(store, projectId)));
  const overview = await call<ProjectReadinessView>('getReleaseReadiness', {});
  await row('overview readiness', () => call('getReleaseReadiness', {}), overview.releases.map((r) => r.release.id), async () => 0);
  const soonest = sortReleases(unreleased.map(toVersionFacts)).slice(0, MAX_VERSIONS_CHECKED).map((v) => v.id);
  await row('waiting for me', () => call('getWaitingForMe', {}), soonest, async () => 0);
}

/**
 * A Go/No-Go vote on this plan: before, its answer read the evidence (Jira and the release
 * calendar) again, as a vote by someone who has not opened the board within EVIDENCE_REUSE_MS
 * still does; after, it reuses what the voter's board read moments before. Same store, same plan.
 */
async function voteBench(record: Record, deps: AppDeps, store: InMemoryKvStore, jira: Awaited<ReturnType<typeof startFakeJira>>, releaseManager: { accountId: string; moduleKey: string; extension: unknown }): Promise<void> {
  const as = (accountId: string) => ({ ...releaseManager, accountId });
  const call = async <T>(name: string, accountId: string, payload: unknown): Promise<T> => {
    const result = await dispatchResolver(deps, name, payload, as(accountId));
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
    return result.data as T;
  };
  const board = await call<GoNoGoBoardView>('getGoNoGoBoard', DEMO_ACCOUNT.releaseManager, {});
  const policy = board.policy;
  const [first, second] = policy.roles;
  if (!first || !second) throw new Error('the policy has fewer than two roles');
  const approvers: { [roleId: string]: string[] } = { [first.id]: [DEMO_ACCOUNT.qa], [second.id]: [DEMO_ACCOUNT.developer] };
  await call('saveGoNoGoSettings', DEMO_ACCOUNT.releaseManager, { releaseType: board.releaseType, policy: { ...policy, roles: policy.roles.map((r) => ({ ...r, approverAccountIds: approvers[r.id] ?? [] })) } });
  const cost = async (work: () => Promise<unknown>) => {
    jira.resetStats();
    const units = store.counters.readUnits;
    const start = performance.now();
    await work();
    return { ms: performance.now() - start, requests: jira.stats().requests, units: store.counters.readUnits - units };
  };
  const vote = (accountId: string, roleId: string, n: number) => () => call('castVote', accountId, { versionId: board.version.id, roleId, value: 'GO', comment: '', voteId: `bench-vote-${n}` });
  const before = await cost(vote(DEMO_ACCOUNT.qa, first.id, 1));
  await call('getGoNoGoBoard', DEMO_ACCOUNT.developer, { versionId: board.version.id });
  const after = await cost(vote(DEMO_ACCOUNT.developer, second.id, 2));
  record('Go/No-Go vote (before: evidence read again)', before.units, 'units', `KVS read units; ${before.requests} Jira requests, ${Math.round(before.ms)} ms`);
  record('Go/No-Go vote (after: the voter board evidence reused)', after.units, 'units', `KVS read units; ${after.requests} Jira requests, ${Math.round(after.ms)} ms`);
}

/** The Calendar page in the local host, its getReleaseCalendar call answered with `view`. */
async function renderInChromium(record: Record, view: ReleaseCalendarView): Promise<void> {
  if (!chromiumPath) {
    console.warn('No Chromium: the render benchmark is skipped (apt-get install chromium).');
    return;
  }
  if (process.env.BENCH_RENDER === '0') return;
  const runtime = await startLocalRuntime({ port: 0, inMemory: true, quiet: true, demoPlan: false });
  const browser = await launchBrowser();
  const answer = JSON.stringify({ ok: true, data: view });
  const month: number[] = [];
  const quarter: number[] = [];
  const table: number[] = [];
  try {
    for (let run = 0; run < 5; run++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, timezoneId: 'UTC' });
      await page.route('**/api/invoke', async (route) => {
        const body = JSON.parse(route.request().postData() ?? '{}') as { functionKey?: string };
        if (body.functionKey === 'getReleaseCalendar') await route.fulfill({ status: 200, contentType: 'application/json', body: answer });
        else await route.continue();
      });
      await page.goto(`${runtime.hostUrl}/#/project/SHOP/releases/calendar?as=${DEMO_ACCOUNT.releaseManager}`);
      const frame = page.frameLocator('[data-testid="app-frame"]');
      await frame.getByTestId('calendar').waitFor({ timeout: 60_000 });
      const appFrame = page.frames().find((f) => f.url().includes('/apps/releases/'));
      if (!appFrame) throw new Error('No app frame.');
      await appFrame.waitForFunction(() => performance.getEntriesByName('calendar:render').length > 0);
      month.push(await appFrame.evaluate(() => performance.getEntriesByName('calendar:render')[0]!.duration));
      // Switching views re-renders from the data in hand: time the click to the next drawn frame.
      const switchTo = (testId: string) =>
        appFrame.evaluate(
          (id) =>
            new Promise<number>((resolve) => {
              const start = performance.now();
              (document.querySelector(`[data-testid="${id}"]`) as HTMLElement).click();
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
            }),
          testId,
        );
      quarter.push(await switchTo('mode-quarter'));
      table.push(await switchTo('mode-table'));
      await page.close();
    }
  } finally {
    await browser.close();
    await runtime.close();
  }
  record(`calendar page render in Chromium, month view (${view.versions.length} versions, ${view.slots.length} slots, ${view.windows.length} windows)`, median(month), 'ms', 'data arrived → drawn; median of 5 page loads; budget 1000 ms');
  record('calendar page: switch to quarter timeline', median(quarter), 'ms', 'click → drawn; median of 5');
  record('calendar page: switch to release table', median(table), 'ms', 'click → drawn; median of 5');
}

function bundleSize(record: Record): void {
  const dir = join(__dirname, '..', 'static/releases/dist/assets');
  if (!existsSync(dir)) return;
  const files = readdirSync(dir);
  const gz = (f: string) => gzipSync(readFileSync(join(dir, f))).length / 1024;
  const entry = files.filter((f) => /^index-.*\.js$/.test(f));
  const css = files.filter((f) => f.endsWith('.css'));
  const all = files.filter((f) => f.endsWith('.js'));
  record('Custom UI bundle: entry JS (gzip)', entry.reduce((sum, f) => sum + gz(f), 0), 'KiB', entry.join(', '));
  record('Custom UI bundle: CSS (gzip)', css.reduce((sum, f) => sum + gz(f), 0), 'KiB');
  record('Custom UI bundle: every JS chunk incl. lazy theme files (gzip)', all.reduce((sum, f) => sum + gz(f), 0), 'KiB', `${all.length} files`);
}

if (require.main === module) {
  const rows: Array<[string, number, string, string?]> = [];
  calendarBench((name, value, unit, note) => rows.push([name, Math.round(value * 100) / 100, unit, note]))
    .then(() => {
      const width = Math.max(...rows.map((r) => r[0].length));
      for (const [name, value, unit, note] of rows) console.log(`${name.padEnd(width)}  ${String(value).padStart(10)} ${unit}${note ? `  (${note})` : ''}`);
      // `npx tsx bench/calendar.ts --record`: these rows into bench/baseline.json.
      if (process.argv.includes('--record')) recordRowsInBaseline(rows.map(([name, value, unit, note]) => ({ name, value, unit, ...(note ? { note } : {}) })));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
