/** Helpers for KPI tests: facts straight from a dataset (no sync), and a queue that only records. */
import { type IssueFact, issueFactFromJira } from '../../src/domain/kpis/facts';
import { type AppDeps, createAppDeps } from '../../src/app/deps';
import { runJob } from '../../src/app/jobs';
import type { Clock, QueuedJob, WorkQueue } from '../../src/ports';
import { createLocalTransports } from '../../local/compose';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { silentLog } from './fakes';
import type { JiraDataset } from '../../local/fake-jira/dataset';

/** What the sync should store for a project: each issue's facts, derived from the dataset itself. */
export function datasetFacts(dataset: JiraDataset, projectKey: string): IssueFact[] {
  const project = dataset.projects.find((p) => p.key === projectKey)!;
  const category = new Map(dataset.statuses.map((s) => [s.id, s.categoryKey]));
  return dataset.issues
    .filter((i) => i.projectId === project.id)
    .map((i) =>
      issueFactFromJira(
        {
          id: i.id,
          key: i.key,
          fields: {
            issuetype: { id: i.issueTypeId },
            created: i.created,
            updated: i.updated,
            status: { id: i.statusId, statusCategory: { key: category.get(i.statusId) } },
            resolution: i.resolutionId ? { id: i.resolutionId } : null,
            resolutiondate: i.resolutiondate,
            fixVersions: i.fixVersionIds.map((id) => ({ id })),
            versions: i.affectsVersionIds.map((id) => ({ id })),
          },
        },
        i.changelog,
        (id) => category.get(id),
      ),
    );
}

/** A queue that keeps what is pushed, so a test runs jobs one by one. */
export class RecordingQueue implements WorkQueue {
  readonly jobs: Array<{ job: QueuedJob; delaySeconds?: number }> = [];
  async push(jobs: QueuedJob[], options: { delaySeconds?: number } = {}): Promise<void> {
    for (const job of jobs) this.jobs.push({ job: JSON.parse(JSON.stringify(job)) as QueuedJob, ...(options.delaySeconds !== undefined ? { delaySeconds: options.delaySeconds } : {}) });
  }
  take(): { job: QueuedJob; delaySeconds?: number } | undefined {
    return this.jobs.shift();
  }
}

/** The app wired to a fake Jira at `jiraUrl` over HTTP, with its own store and a queue a test drains. */
export function appOnFakeJira(jiraUrl: string, clock: Clock): { deps: AppDeps; store: InMemoryKvStore; queue: RecordingQueue; drain(limit?: number): Promise<void> } {
  const store = new InMemoryKvStore();
  const queue = new RecordingQueue();
  const deps = createAppDeps({
    transports: createLocalTransports({ mode: 'demo', jiraBaseUrl: jiraUrl, confluenceBaseUrl: 'http://127.0.0.1:9' }),
    store,
    queue,
    clock,
    timing: { sleep: async () => {}, random: () => 0.5 },
    log: silentLog,
  });
  return {
    deps,
    store,
    queue,
    async drain(limit = 20_000) {
      for (let next = queue.take(), n = 0; next && n < limit; next = queue.take(), n++) await runJob(deps, next.job);
    },
  };
}
