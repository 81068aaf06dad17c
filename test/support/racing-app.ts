import { type AppDeps, createAppDeps } from '../../src/app/deps';
import { createLocalTransports } from '../../local/compose';
import { type FakeJira, startFakeJira } from '../../local/fake-jira';
import { LocalWorkQueue } from '../../local/memory-queue';
import { BarrierStore } from './barrier-store';
import { DEMO_NOW } from './demo-site';
import { silentLog } from './fakes';

/**
 * The app over the fake Jira with a barrier store, for tests of people acting at the same
 * moment: the store holds readers of one key until all have read it (see BarrierStore).
 */
export async function startRacingApp(): Promise<{ jira: FakeJira; store: BarrierStore; deps: AppDeps }> {
  const jira = await startFakeJira({ port: 0, anchor: DEMO_NOW });
  const store = new BarrierStore();
  const queue = new LocalWorkQueue(silentLog, { retryDelayMs: 1 });
  // Jobs the races queue (a finished run's Confluence page) are not their subject: taken and dropped.
  queue.attach(async () => undefined);
  const deps = createAppDeps({
    transports: createLocalTransports({ mode: 'demo', jiraBaseUrl: jira.url, confluenceBaseUrl: 'http://127.0.0.1:9' }),
    store,
    queue,
    clock: { now: () => DEMO_NOW },
    timing: { sleep: async () => {}, random: () => 0.5 },
    log: silentLog,
  });
  return { jira, store, deps };
}

/** The invocation context of the Releases project page in SHOP, as the given person. */
export const shopPageContext = (accountId: string) => ({ accountId, moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: '10000', key: 'SHOP' } } });
