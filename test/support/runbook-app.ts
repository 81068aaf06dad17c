import { type AppDeps, createAppDeps } from '../../src/app/deps';
import type { Clock, KeyValueStore, WorkQueue } from '../../src/ports';
import { keys } from '../../src/store/keys';
import { createLocalTransports } from '../../local/compose';
import { type FakeJira, startFakeJira } from '../../local/fake-jira';
import { type FakeConfluence, startFakeConfluence } from '../../local/fake-confluence';
import { DEMO_NOW } from './demo-site';
import { silentLog } from './fakes';

/**
 * The app over the fake Jira and Confluence with the test's own store, queue and clock, the
 * site's report space set (where run book pages go): for a go-live run driven through the
 * resolvers and its jobs run by hand.
 */
export async function startRunbookApp(store: KeyValueStore, queue: WorkQueue, clock: Clock): Promise<{ jira: FakeJira; confluence: FakeConfluence; deps: AppDeps }> {
  const jira = await startFakeJira({ port: 0, anchor: DEMO_NOW });
  const confluence = await startFakeConfluence({ port: 0 });
  const deps = createAppDeps({
    transports: createLocalTransports({ mode: 'demo', jiraBaseUrl: jira.url, confluenceBaseUrl: confluence.url }),
    store,
    queue,
    clock,
    timing: { sleep: async () => {}, random: () => 0.5 },
    log: silentLog,
  });
  await store.set(keys.reportSettings(), { spaceKey: 'REL' });
  return { jira, confluence, deps };
}
