/**
 * The KPI backfill at the edges of Jira's limits: a bulk-import month, pauses mid-window, 429s and
 * the per-site points budget, against the fake Jira over HTTP.
 */
import { createAppDeps, type AppDeps } from '../../src/app/deps';
import { runJob } from '../../src/app/jobs';
import { readFacts } from '../../src/app/kpi-fact-store';
import { type KpiSyncDoc, readSyncDoc, runKpiSync } from '../../src/app/kpi-sync';
import type { HttpRequest } from '../../src/ports';
import { keys } from '../../src/store/keys';
import { createLocalTransports } from '../../local/compose';
import { generateSyntheticDataset, startFakeJira, type FakeJira } from '../../local/fake-jira';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { silentLog } from '../support/fakes';
import { RecordingQueue, datasetFacts } from '../support/kpi';

const ANCHOR = new Date('2026-11-24T10:00:00Z');

interface Site {
  jira: FakeJira;
  deps: AppDeps;
  store: InMemoryKvStore;
  queue: RecordingQueue;
  project: { projectId: string; projectKey: string };
  /** Search requests the app sent, with the page token each carried. */
  searches: Array<{ jql: string; token?: string }>;
  sleeps: number[];
  now: Date;
}

let site: Site;

async function startSite(options: Parameters<typeof generateSyntheticDataset>[1]): Promise<Site> {
  const dataset = generateSyntheticDataset(ANCHOR, { versionCount: 3, projectKey: 'BIG', ...options });
  const s = { now: new Date(ANCHOR), searches: [], sleeps: [] } as unknown as Site;
  s.jira = await startFakeJira({ dataset, now: () => s.now });
  s.store = new InMemoryKvStore();
  s.queue = new RecordingQueue();
  const transports = createLocalTransports({ mode: 'demo', jiraBaseUrl: s.jira.url, confluenceBaseUrl: 'http://127.0.0.1:9' });
  const asApp = transports.jiraAsApp();
  s.deps = createAppDeps({
    transports: {
      ...transports,
      jiraAsApp: () => async (request: HttpRequest) => {
        if (request.path === '/rest/api/3/search/jql') {
          const body = request.body as { jql: string; nextPageToken?: string };
          s.searches.push({ jql: body.jql, ...(body.nextPageToken ? { token: body.nextPageToken } : {}) });
        }
        return asApp(request);
      },
    },
    store: s.store,
    queue: s.queue,
    clock: { now: () => s.now },
    timing: { sleep: async (ms) => void s.sleeps.push(ms), random: () => 0.5 },
    log: silentLog,
  });
  const project = dataset.projects[0]!;
  s.project = { projectId: project.id, projectKey: project.key };
  return s;
}

afterEach(() => site?.jira.close());

/** Runs queued jobs until none is left; a delayed job moves the clock on by its delay, as Forge would. */
async function drain(s: Site, options: { duplicate?: boolean; limit?: number } = {}): Promise<Array<Record<string, unknown>>> {
  const results: Array<Record<string, unknown>> = [];
  for (let next = s.queue.take(); next && results.length < (options.limit ?? 5000); next = s.queue.take()) {
    if (next.delaySeconds) s.now = new Date(s.now.getTime() + next.delaySeconds * 1000);
    results.push(await runJob(s.deps, next.job));
    // At-least-once delivery: the same job again, at once.
    if (options.duplicate) results.push(await runJob(s.deps, next.job));
  }
  return results;
}

async function storedFactIds(s: Site): Promise<string[]> {
  const doc = (await readSyncDoc(s.deps, s.project.projectId)) as KpiSyncDoc;
  const { tuples } = await readFacts(s.store, s.project.projectId, doc.months, doc.generation ?? 0);
  return tuples.map((t) => t[0]);
}

describe('the KPI backfill', () => {
  it('completes on a bulk-import month too large to read as one window (12,000 issues; bench/kpi.ts runs 33,000, past the old ~32,000 ceiling): counted first, read day by day, every fact stored once, within the site’s hourly points budget, even when every job is delivered twice', async () => {
    site = await startSite({ issueCount: 300, bulkImport: { issues: 12_000, monthsAgo: 2 } });
    await site.store.transact([{ kind: 'put', key: keys.kpiSettings(), value: { backfillPointsPerHour: 6_000 }, expectRev: 0 }]);
    const pointsByHour = new Map<string, number>();
    let before = 0;
    await runKpiSync(site.deps, site.project);
    const results: Array<Record<string, unknown>> = [];
    for (let next = site.queue.take(); next; next = site.queue.take()) {
      if (next.delaySeconds) site.now = new Date(site.now.getTime() + next.delaySeconds * 1000);
      const hour = site.now.toISOString().slice(0, 13);
      results.push(await runJob(site.deps, next.job), await runJob(site.deps, next.job));
      pointsByHour.set(hour, (pointsByHour.get(hour) ?? 0) + site.jira.stats().points - before);
      before = site.jira.stats().points;
    }

    const doc = (await readSyncDoc(site.deps, site.project.projectId)) as KpiSyncDoc;
    expect(doc.state).toBe('idle');
    expect(doc.chunks.every((c) => c.state === 'done')).toBe(true);
    // The import month was counted and split into its days before a single page of it was read.
    const month = new Date(Date.UTC(2026, 8, 1)).toISOString().slice(0, 7);
    expect(results).toContainEqual(expect.objectContaining({ chunkId: month, counted: expect.any(Number), split: 30 }));
    expect(site.searches.filter((s) => s.jql.includes(`created >= "${month}-01" AND created < "2026-10-01"`))).toEqual([]);
    expect(doc.chunks.filter((c) => c.span === 'day')).toHaveLength(30);

    const ids = await storedFactIds(site);
    expect(ids).toHaveLength(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set(datasetFacts(site.jira.dataset, 'BIG').map((f) => f.id)));
    // Each issue read once; duplicates of jobs cost nothing.
    const stats = site.jira.stats();
    expect(stats.points).toBe(stats.requests + site.jira.dataset.issues.length);
    // No UTC hour saw more than the budget plus one page of a lane still in flight.
    for (const points of pointsByHour.values()) expect(points).toBeLessThanOrEqual(6_000 + 4 * 101);
    expect(pointsByHour.size).toBeGreaterThan(1);
  }, 120_000);

  it('resumes a window paused after page k (Jira’s quota) at page k+1, and honours 429 Retry-After', async () => {
    site = await startSite({ issueCount: 4_000 });
    await runKpiSync(site.deps, site.project);
    // A month of about 330 issues (4 pages): the jobs before its own run as usual.
    let target = site.queue.take()!;
    while ((target.job.body as { chunkId?: string }).chunkId !== '2026-08') {
      await runJob(site.deps, target.job);
      target = site.queue.take()!;
    }
    const first = site.searches.length;
    const pages = () => site.searches.slice(first).filter((s) => s.jql === site.searches[first]!.jql);

    // Two pages, then the hourly pool runs dry.
    let calls = 0;
    const original = site.deps.jiraAsApp;
    site.deps.jiraAsApp = () => {
      const jira = original();
      const search = jira.searchPage.bind(jira);
      jira.searchPage = async (...args) => {
        if (++calls === 3) site.jira.faults.quotaExhausted = true;
        return search(...args);
      };
      return jira;
    };
    expect(await runJob(site.deps, target.job)).toMatchObject({ paused: 'QUOTA_EXHAUSTED' });
    site.deps.jiraAsApp = original;
    expect(pages()).toHaveLength(3);
    const paused = ((await readSyncDoc(site.deps, site.project.projectId)) as KpiSyncDoc).chunks.find((c) => c.id === (target.job.body as { chunkId: string }).chunkId)!;
    expect(paused).toMatchObject({ state: 'queued', read: 200, nextPageToken: pages()[2]!.token });

    // The quota is back: the retry starts from the third page, not the first; two 429s on the way
    // are waited out for at least the second Jira asked for.
    site.jira.faults.quotaExhausted = false;
    site.now = new Date(site.now.getTime() + 3_600_000);
    site.jira.faults.fail429Next = 2;
    const retry = site.queue.jobs.at(-1)!;
    expect(retry.job).toEqual(target.job);
    expect(await runJob(site.deps, retry.job)).toMatchObject({ issues: expect.any(Number) });
    expect(pages()[3]).toEqual(pages()[2]);
    expect(pages().slice(3).filter((p) => !p.token)).toEqual([]);
    expect(site.sleeps.filter((ms) => ms >= 1000)).toHaveLength(2);

    // More 429s than the client retries: the chunk waits in the queue at least Retry-After, its page kept.
    await drain(site, { limit: 0 });
    const next = site.queue.jobs.find((j) => j.job.type === 'kpi-sync-chunk')!;
    site.queue.jobs.splice(site.queue.jobs.indexOf(next), 1);
    site.jira.faults.fail429Next = 20;
    expect(await runJob(site.deps, next.job)).toMatchObject({ paused: 'RATE_LIMITED' });
    expect(site.queue.jobs.at(-1)).toEqual({ job: next.job, delaySeconds: expect.any(Number) });
    expect(site.queue.jobs.at(-1)!.delaySeconds).toBeGreaterThanOrEqual(1);
    site.jira.faults.fail429Next = 0;
    await drain(site, { duplicate: true });
    const ids = await storedFactIds(site);
    expect(ids).toHaveLength(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set(datasetFacts(site.jira.dataset, 'BIG').map((f) => f.id)));
  }, 30_000);
});
