import { type AppDeps, createAppDeps } from '../src/app/deps';
import { createConsoleLogger, realTiming } from '../src/app/console-logger';
import { systemClock } from '../src/app/clock';
import { runJob } from '../src/app/jobs';
import type { Clock, KeyValueStore, ProductTransports, Timing } from '../src/ports';
import { createFetchTransport } from './fetch-transport';
import { LocalWorkQueue } from './memory-queue';
import { LocalRealtimeHub } from './realtime-hub';

export interface SiteConnection {
  jiraBaseUrl: string;
  confluenceBaseUrl: string;
  /** Real site: every call uses the API token (HTTP basic). Demo: bearer tokens the fakes read. */
  mode: 'demo' | 'jira';
  email?: string;
  apiToken?: string;
  confluenceEmail?: string;
  confluenceApiToken?: string;
}

export function basicAuth(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
}

export function createLocalTransports(site: SiteConnection): ProductTransports {
  if (site.mode === 'demo') {
    return {
      jiraAsUser: (accountId) => createFetchTransport({ baseUrl: site.jiraBaseUrl, authorization: `Bearer user:${accountId}` }),
      jiraAsApp: () => createFetchTransport({ baseUrl: site.jiraBaseUrl, authorization: 'Bearer app' }),
      confluenceAsApp: () => createFetchTransport({ baseUrl: site.confluenceBaseUrl, authorization: 'Bearer app' }),
    };
  }
  // An API token acts as one person: "as the app" and "as the user" are both that person here.
  const jira = createFetchTransport({ baseUrl: site.jiraBaseUrl, authorization: basicAuth(site.email ?? '', site.apiToken ?? '') });
  const confluence = createFetchTransport({
    baseUrl: site.confluenceBaseUrl,
    authorization: basicAuth(site.confluenceEmail ?? site.email ?? '', site.confluenceApiToken ?? site.apiToken ?? ''),
  });
  return { jiraAsUser: () => jira, jiraAsApp: () => jira, confluenceAsApp: () => confluence };
}

export interface LocalDeps {
  deps: AppDeps;
  queue: LocalWorkQueue;
  live: LocalRealtimeHub;
}

/** The local composition point: same use cases as Forge, local adapters behind the ports. */
export function composeLocal(options: {
  site: SiteConnection;
  store: KeyValueStore;
  clock?: Clock;
  timing?: Timing;
  quiet?: boolean;
  timeZone?: string;
}): LocalDeps {
  const log = createConsoleLogger('local', options.quiet);
  const queue = new LocalWorkQueue(log);
  const live = new LocalRealtimeHub();
  const deps = createAppDeps({
    transports: createLocalTransports(options.site),
    store: options.store,
    queue,
    clock: options.clock ?? systemClock,
    timing: options.timing ?? realTiming,
    log,
    timeZone: options.timeZone ?? 'UTC',
    live,
  });
  queue.attach((job) => runJob(deps, job));
  return { deps, queue, live };
}
