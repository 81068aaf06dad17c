import type { AppDeps } from '../src/app/deps';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { handleProductEvent } from '../src/app/product-events';
import { runDailySync } from '../src/app/scheduled';
import { runFiveMinuteTrigger } from '../src/app/runbook/follow-up';
import { runIssueSync } from '../src/app/issue-sync/incremental-sync';
import { runWeeklyReports } from '../src/app/weekly-reports';
import { runWeeklyKpiReports } from '../src/app/kpi-reports';
import type { Clock, KeyValueStore, Timing } from '../src/ports';
import { systemClock } from '../src/app/clock';
import { resolveProjectZone } from '../src/app/project-time';
import { replaceSigningSecret, signingSecrets } from '../src/app/deployment-secret';
import { calendarDateIn } from '../src/domain/calendar/calendar-date';
import { keys } from '../src/store/keys';
import { composeLocal, createLocalTransports, type SiteConnection } from './compose';
import { startFakeConfluence } from './fake-confluence';
import { startFakeJira, type FakeJira } from './fake-jira';
import { createFetchTransport } from './fetch-transport';
import { createHostServer, type SessionInfo } from './host-server';
import { seedDemoPlan } from './demo-plan';
import { FileKvStore } from './kv/file-kv-store';
import { InMemoryKvStore } from './kv/in-memory-kv-store';
import type { LocalWorkQueue } from './memory-queue';
import { basicAuth } from './compose';


/** The demo project the README, the start banner and the walk-throughs speak of. */
const DEMO_HOME_PROJECT = 'SHOP';
export interface LocalRuntimeOptions {
  /** Host page port; the fake Jira and Confluence take the next two. 0: random ports (tests). */
  port?: number;
  /** Where the file-backed store lives; omit with `inMemory` for tests. */
  dataDir?: string;
  inMemory?: boolean;
  demoSeed?: number;
  /**
   * The one clock of the runtime: the app, the fake Jira and Confluence and the demo data
   * ("today" of the demo is the clock's now at start). Default: the machine's clock.
   */
  clock?: Clock;
  timing?: Timing;
  quiet?: boolean;
  /** Seed a demo release plan (environments, bookings, windows) in demo mode; default true. */
  demoPlan?: boolean;
  /** Real site credentials; when absent the fakes are used. */
  env?: Record<string, string | undefined>;
}

export interface LocalRuntime {
  hostUrl: string;
  jiraUrl: string;
  confluenceUrl: string;
  mode: 'demo' | 'jira';
  deploymentSecret: string;
  /** True when this start generated the secret (a fresh store): only then is it worth printing. */
  deploymentSecretGenerated: boolean;
  fakeJira?: FakeJira;
  store: KeyValueStore;
  /** The app's ports as the host uses them (tests dispatch a resolver with another clock through them). */
  deps: AppDeps;
  queue: LocalWorkQueue;
  /** Resolves when every product event delivered so far, and the jobs it queued, are done. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

function listen(server: import('node:http').Server, port: number): Promise<number> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen((server.address() as AddressInfo).port));
  });
}

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const env = options.env ?? process.env;
  const port = options.port ?? 4100;
  const dataDir = resolve(options.dataDir ?? join(process.cwd(), '.data'));
  const realJira = env.JIRA_BASE_URL && env.JIRA_EMAIL && env.JIRA_API_TOKEN;
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();

  let fakeJira: FakeJira | undefined;
  let fakeConfluence: Awaited<ReturnType<typeof startFakeConfluence>> | undefined;
  let site: SiteConnection;
  if (realJira) {
    const jiraBaseUrl = (env.JIRA_BASE_URL as string).replace(/\/$/, '');
    site = {
      mode: 'jira',
      jiraBaseUrl,
      confluenceBaseUrl: (env.CONFLUENCE_BASE_URL ?? jiraBaseUrl).replace(/\/$/, ''),
      email: env.JIRA_EMAIL,
      apiToken: env.JIRA_API_TOKEN,
      confluenceEmail: env.CONFLUENCE_EMAIL ?? env.JIRA_EMAIL,
      confluenceApiToken: env.CONFLUENCE_API_TOKEN ?? env.JIRA_API_TOKEN,
    };
  } else {
    fakeJira = await startFakeJira({ port: port === 0 ? 0 : port + 1, anchor: startedAt, now: () => clock.now(), ...(options.demoSeed !== undefined ? { seed: options.demoSeed } : {}) });
    if (env.SITE_TIME_ZONE) fakeJira.dataset.siteTimeZone = env.SITE_TIME_ZONE;
    fakeConfluence = await startFakeConfluence({ port: port === 0 ? 0 : port + 2, clock, ...(options.inMemory ? {} : { file: join(dataDir, 'confluence.json') }) });
    site = { mode: 'demo', jiraBaseUrl: fakeJira.url, confluenceBaseUrl: fakeConfluence.url };
  }

  const store: KeyValueStore & { flush?: () => void } = options.inMemory ? new InMemoryKvStore() : new FileKvStore(join(dataDir, 'kvs.json'));
  const transports = createLocalTransports(site);
  const { deps, queue, live } = composeLocal({ site, store, clock, ...(options.timing ? { timing: options.timing } : {}), ...(options.quiet !== undefined ? { quiet: options.quiet } : {}) });

  // The web trigger needs a signing secret; a fresh site gets one so the curl example works.
  // The secret lives in the store's secret storage (a file of its own, readable by the owner only).
  const [storedSecret] = await signingSecrets(deps);
  const deploymentSecretGenerated = !storedSecret && !env.DEPLOYMENT_WEBHOOK_SECRET;
  let deploymentSecret = env.DEPLOYMENT_WEBHOOK_SECRET ?? storedSecret ?? randomBytes(24).toString('hex');
  if (deploymentSecret !== storedSecret) deploymentSecret = await replaceSigningSecret(deps, 'local-runtime', deploymentSecret);
  // Demo Confluence has a REL space; reports go there unless settings say otherwise.
  const reportSpace = env.REPORT_SPACE_KEY ?? (site.mode === 'demo' ? 'REL' : undefined);
  if (reportSpace && !(await store.get(keys.reportSettings()))) await store.set(keys.reportSettings(), { spaceKey: reportSpace });
  // One local site has no other sites to spread its daily KPI syncs from (src/app/kpi-backfill-pacing.ts): offset 0.
  if ((await store.get(keys.kpiSyncJitter())) === undefined) await store.set(keys.kpiSyncJitter(), 0);
  // Demo data for the release calendar (environments, bookings, windows), once per store.
  if (fakeJira && options.demoPlan !== false) await seedDemoPlan(store, fakeJira.dataset, startedAt);

  // Forge delivers product events to the app's trigger; locally the fake Jira's changes do.
  const inFlight = new Set<Promise<unknown>>();
  const unsubscribe = fakeJira?.onEvent((event: unknown) => {
    const handled = handleProductEvent(deps, event).catch((error: unknown) => deps.log.error('product event failed', { error: String(error) }));
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  const settled = async () => {
    while (inFlight.size) await Promise.allSettled([...inFlight]);
    await queue.drain();
  };

  /**
   * On demo data the only quota is the fake Jira's switch, which starts off on every start. The
   * app's quota gate (in the store, as on Forge, where it outlives invocations) may still hold a
   * block from a run whose switch was on: that block is stale once the switch is off, so it would
   * otherwise keep the app from Jira for up to an hour, across restarts.
   */
  const clearStaleDemoQuota = async () => {
    if (!fakeJira || fakeJira.faults.quotaExhausted) return;
    await Promise.all((['jira', 'confluence'] as const).map((product) => store.delete(keys.quotaBlock(product))));
  };
  await clearStaleDemoQuota();

  const session = async (): Promise<SessionInfo> => {
    // A page (re)load after the switch is turned off reaches Jira again.
    await clearStaleDemoQuota();
    const jira = createFetchTransport({
      baseUrl: site.jiraBaseUrl,
      authorization: site.mode === 'demo' ? 'Bearer app' : basicAuth(site.email ?? '', site.apiToken ?? ''),
    });
    const listed = await deps.jiraAsApp().listProjects();
    const projects = await Promise.all(
      listed.map(async (p) => {
        const { timeZone } = await resolveProjectZone(deps, p.id);
        return { ...p, timeZone, today: calendarDateIn(deps.clock.now(), timeZone) };
      }),
    );
    if (site.mode === 'demo') {
      const users = await jira({ method: 'GET', path: '/rest/api/3/users/search?maxResults=100' });
      const list = (users.body as Array<{ accountId: string; displayName: string; emailAddress?: string; accountType?: string }>).filter(
        (u) => u.accountType === undefined || u.accountType === 'atlassian',
      );
      // The README, the start banner and the walk-throughs all start on SHOP, not on the first project listed.
      const home = projects.find((p) => p.key === DEMO_HOME_PROJECT) ?? projects[0];
      return { mode: 'demo', users: list, projects, defaultAccountId: list[0]?.accountId ?? '', ...(home ? { defaultProjectKey: home.key } : {}), jiraUrl: site.jiraBaseUrl, confluenceUrl: site.confluenceBaseUrl };
    }
    const me = (await jira({ method: 'GET', path: '/rest/api/3/myself' })).body as { accountId: string; displayName: string; emailAddress?: string };
    return { mode: 'jira', users: [me], projects, defaultAccountId: me.accountId, jiraUrl: site.jiraBaseUrl, confluenceUrl: site.confluenceBaseUrl };
  };

  const server = createHostServer({
    deps,
    queue,
    transports,
    session,
    live,
    siteUrl: site.jiraBaseUrl,
    scheduled: {
      'daily-sync': () => runDailySync(deps),
      'issue-sync': () => runFiveMinuteTrigger(deps, runIssueSync),
      'weekly-reports': () => runWeeklyReports(deps),
      'weekly-kpis': () => runWeeklyKpiReports(deps),
    },
  });
  const hostPort = await listen(server, port);
  // Web trigger URLs are known once the host listens (Forge's webTrigger.getUrl stand-in).
  deps.webTriggerUrl = async (key) => `http://127.0.0.1:${hostPort}/x/${key}`;

  return {
    hostUrl: `http://127.0.0.1:${hostPort}`,
    jiraUrl: site.jiraBaseUrl,
    confluenceUrl: site.confluenceBaseUrl,
    mode: site.mode,
    deploymentSecret,
    deploymentSecretGenerated,
    ...(fakeJira ? { fakeJira } : {}),
    store,
    deps,
    queue,
    settled,
    async close() {
      unsubscribe?.();
      live.close();
      await new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections?.();
      await queue.drain();
      store.flush?.();
      await fakeJira?.close();
      await fakeConfluence?.close();
    },
  };
}
