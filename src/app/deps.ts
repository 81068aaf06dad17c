import { ConfluenceClient } from '../integrations/confluence/confluence-client';
import { ProductClient, type Product, type QuotaGate } from '../integrations/http/product-client';
import { JiraClient } from '../integrations/jira/jira-client';
import type { Clock, HttpTransport, KeyValueStore, LiveUpdates, Logger, ProductTransports, Timing, WorkQueue } from '../ports';
import { StoreQuotaGate } from '../store/quota-gate';

/** Everything a use case may touch. Built once per runtime by its composition point. */
export interface AppDeps {
  jiraAsUser(accountId: string): JiraClient;
  jiraAsApp(): JiraClient;
  confluenceAsApp(): ConfluenceClient;
  store: KeyValueStore;
  queue: WorkQueue;
  clock: Clock;
  timing: Timing;
  log: Logger;
  /** IANA zone used for "today" in date rules. */
  timeZone: string;
  /** The public URL of one of the app's web triggers (manifest key), where the platform tells it. */
  webTriggerUrl?: (key: string) => Promise<string>;
  /** Change notices to the pages watching (Forge Realtime; the local host's event stream). */
  live: LiveUpdates;
}

/** Where no page can subscribe (scheduled jobs, the KPI command line, tests that do not watch). */
export const NO_WATCHERS: LiveUpdates = { publish: async () => {} };

export interface PortSet {
  transports: ProductTransports;
  store: KeyValueStore;
  queue: WorkQueue;
  clock: Clock;
  timing: Timing;
  log: Logger;
  timeZone?: string;
  webTriggerUrl?: (key: string) => Promise<string>;
  live?: LiveUpdates;
}

export function createAppDeps(ports: PortSet): AppDeps {
  // A gate per client: it reads the stored block once, so each use case pays one store read and a
  // long-lived process (the local runtime) still sees a block lifted or set by another run.
  const client = (product: Product, transport: HttpTransport) => {
    const quotaGate: QuotaGate = new StoreQuotaGate(ports.store, ports.clock);
    return new ProductClient({ product, transport, clock: ports.clock, timing: ports.timing, quotaGate, log: ports.log });
  };
  return {
    jiraAsUser: (accountId) => new JiraClient(client('jira', ports.transports.jiraAsUser(accountId))),
    jiraAsApp: () => new JiraClient(client('jira', ports.transports.jiraAsApp())),
    confluenceAsApp: () => new ConfluenceClient(client('confluence', ports.transports.confluenceAsApp())),
    store: ports.store,
    queue: ports.queue,
    clock: ports.clock,
    timing: ports.timing,
    log: ports.log,
    timeZone: ports.timeZone ?? 'UTC',
    live: ports.live ?? NO_WATCHERS,
    ...(ports.webTriggerUrl ? { webTriggerUrl: ports.webTriggerUrl } : {}),
  };
}
