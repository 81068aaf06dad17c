import { keys } from '../../src/store/keys';
import { type AppDeps, createAppDeps } from '../../src/app/deps';
import { runJob } from '../../src/app/jobs';
import type { Clock, Timing } from '../../src/ports';
import { createLocalTransports } from '../../local/compose';
import { startFakeConfluence } from '../../local/fake-confluence';
import { startFakeJira, type FakeJira } from '../../local/fake-jira';
import type { JiraDataset } from '../../local/fake-jira/dataset';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { LocalWorkQueue } from '../../local/memory-queue';
import { silentLog } from './fakes';

export const DEMO_NOW = new Date('2026-11-24T10:00:00Z');

export interface DemoSite {
  jira: FakeJira;
  confluence: Awaited<ReturnType<typeof startFakeConfluence>>;
  deps: AppDeps;
  store: InMemoryKvStore;
  queue: LocalWorkQueue;
  close(): Promise<void>;
}

/** The fake Jira and Confluence on random ports, wired to the app exactly as `npm start` does. */
export async function startDemoSite(options: { clock?: Clock; timing?: Timing } = {}): Promise<DemoSite> {
  const jira = await startFakeJira({ port: 0, anchor: DEMO_NOW });
  const confluence = await startFakeConfluence({ port: 0 });
  const store = new InMemoryKvStore();
  const queue = new LocalWorkQueue(silentLog, { retryDelayMs: 1 });
  const deps = createAppDeps({
    transports: createLocalTransports({ mode: 'demo', jiraBaseUrl: jira.url, confluenceBaseUrl: confluence.url }),
    store,
    queue,
    clock: options.clock ?? { now: () => DEMO_NOW },
    timing: options.timing ?? { sleep: async () => {}, random: () => 0.5 },
    log: silentLog,
  });
  queue.attach((job) => runJob(deps, job));
  // One site: its daily KPI syncs start at once (src/app/kpi-backfill-pacing.ts), as in `npm start`.
  await store.set(keys.kpiSyncJitter(), 0);
  return {
    jira,
    confluence,
    deps,
    store,
    queue,
    async close() {
      await queue.drain();
      await jira.close();
      await confluence.close();
    },
  };
}

/** Demo facts the tests assert against, read from the dataset rather than hard-coded. */
export function demoFacts(dataset: JiraDataset) {
  const categoryOf = new Map(dataset.statuses.map((s) => [s.id, s.categoryKey]));
  const project = (key: string) => dataset.projects.find((p) => p.key === key)!;
  const userWith = (predicate: (perms: Record<string, string[]>) => boolean) =>
    dataset.users.find((u) => u.accountType === 'atlassian' && predicate(u.projectPermissions))!;
  const canBrowse = (perms: Record<string, string[]>, key: string) => (perms[key] ?? perms['*'] ?? []).includes('BROWSE_PROJECTS');
  return {
    project,
    versionsOf: (key: string) => dataset.versions.filter((v) => v.projectId === project(key).id),
    countsOf(versionId: string) {
      const issues = dataset.issues.filter((i) => i.fixVersionIds.includes(versionId));
      const by = (c: string) => issues.filter((i) => categoryOf.get(i.statusId) === c).length;
      return { todo: by('new'), inProgress: by('indeterminate'), done: by('done'), total: issues.length };
    },
    admin: userWith((p) => canBrowse(p, 'SHOP') && canBrowse(p, 'PAY') && (p['*'] ?? p.SHOP ?? []).includes('ADMINISTER_PROJECTS')),
    shopOnlyViewer: userWith((p) => canBrowse(p, 'SHOP') && !canBrowse(p, 'PAY')),
    nobody: userWith((p) => !canBrowse(p, 'SHOP') && !canBrowse(p, 'PAY')),
  };
}
