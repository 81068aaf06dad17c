/**
 * Nothing a go-live run's writes call for is lost: the production deployment is filed for the KPIs
 * and the finished run frozen and its page queued even when the store or the queue fails at that
 * moment. The write notes the work in its own transaction; the failure is shown with why and
 * when the next try is, a job tries again with backoff, the five-minute trigger settles what a
 * lost job left, and each piece lands once. A view never writes.
 */
import type { KpiReportView, ResolverResult, RunbookPublication, RunbookView } from '../../src/contract';
import type { AppDeps } from '../../src/app/deps';
import { runJob } from '../../src/app/jobs';
import { dispatchResolver } from '../../src/app/resolvers';
import { SWEEP_GRACE_MINUTES, sweepRunFollowUps } from '../../src/app/runbook/follow-up';
import type { StoredDeployment } from '../../src/domain/deployments/deployment-event';
import type { QueuedJob, TransactOperation } from '../../src/ports';
import { keys } from '../../src/store/keys';
import { type FakeJira, DEMO_ACCOUNT } from '../../local/fake-jira';
import type { FakeConfluence } from '../../local/fake-confluence';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { RecordingQueue } from '../support/kpi';
import { DEMO_NOW } from '../support/demo-site';
import { createSmallRelease } from '../support/go-no-go-release';
import { shopPageContext } from '../support/racing-app';
import { startRunbookApp } from '../support/runbook-app';

const { releaseManager: RAVI } = DEMO_ACCOUNT;
const DAY = 86_400_000;

/** A store that refuses the next writes to keys under a prefix, as an outage would. */
class RefusingStore extends InMemoryKvStore {
  private refusals: { prefix: string; left: number } | undefined;
  refuse(prefix: string, times: number): void {
    this.refusals = { prefix, left: times };
  }
  private check(keysWritten: string[]): void {
    const r = this.refusals;
    if (r && r.left > 0 && keysWritten.some((k) => k.startsWith(r.prefix))) {
      r.left--;
      throw new Error(`store unavailable for ${r.prefix}`);
    }
  }
  override async setIfAbsent<T>(key: string, value: T): Promise<boolean> {
    this.check([key]);
    return super.setIfAbsent(key, value);
  }
  override async transact(operations: TransactOperation[]): Promise<void> {
    this.check(operations.filter((op) => op.kind !== 'check').map((op) => op.key));
    return super.transact(operations);
  }
  writes(): number {
    return this.counters.writes + this.counters.transactions;
  }
}

/** A queue whose next pushes fail. */
class FlakyQueue extends RecordingQueue {
  failNext = 0;
  override async push(jobs: QueuedJob[], options: { delaySeconds?: number } = {}): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('queue unavailable');
    }
    return super.push(jobs, options);
  }
}

let jira: FakeJira;
let confluence: FakeConfluence;
let store: RefusingStore;
let queue: FlakyQueue;
let deps: AppDeps;
let versionId: string;
let now = DEMO_NOW.getTime();

async function ok<T = RunbookView>(name: string, payload: unknown): Promise<T> {
  const answer = (await dispatchResolver(deps, name, payload, shopPageContext(RAVI))) as ResolverResult<T>;
  if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
  return answer.data;
}
const act = (stepId: string, expectedStatus: string, type: string) => {
  now += 5 * 60_000;
  return ok('actOnRunbookStep', { versionId, stepId, expectedStatus, action: { type } });
};
const view = () => ok('getRunbook', { versionId });
const deploymentId = () => `golive-${versionId}-deploy-prod`;
async function runNext(type: string): Promise<void> {
  const next = queue.take();
  expect(next?.job.type).toBe(type);
  await runJob(deps, next!.job);
}
async function deploymentsCounted(): Promise<number | undefined> {
  const at = now;
  now += DAY; // the KPIs count whole days up to yesterday
  const report = await ok<KpiReportView>('getKpiReport', {});
  now = at;
  return report.figures.find((f) => f.id === 'deployment-frequency')?.numerator.value;
}

beforeAll(async () => {
  store = new RefusingStore();
  queue = new FlakyQueue();
  ({ jira, confluence, deps } = await startRunbookApp(store, queue, { now: () => new Date(now) }));
  ({ versionId } = await createSmallRelease(jira.url, { name: 'SHOP 5.0.6', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency fix' }));
  await ok('createRunbook', { versionId, from: { type: 'template' } });
  await ok('startRunbookRun', { versionId });
  await act('incident-bridge', 'not-started', 'start');
  await act('incident-bridge', 'running', 'complete');
  await act('deploy-prod', 'not-started', 'start');
}, 30_000);
afterAll(async () => {
  await jira.close();
  await confluence.close();
});

describe("a go-live run's follow-up work", () => {
  it('files the production deployment once, however long the store refuses it', async () => {
    store.refuse('deployment:', 2);
    const completed = await act('deploy-prod', 'running', 'complete');
    // The step change landed; the filing did not, and the page says why and when the next try is.
    expect(completed.run?.states['deploy-prod']?.status).toBe('completed');
    const retryAt = new Date(now + 120_000).toISOString();
    expect(completed.followUp).toEqual({ work: ['file-deployments'], since: new Date(now).toISOString(), attempts: 1, error: expect.stringContaining('store unavailable'), retryAt });
    expect(queue.jobs).toEqual([{ job: { type: 'settle-runbook-run', body: { projectId: '10000', versionId, attempt: 2 } }, delaySeconds: 120 }]);

    now = Date.parse(retryAt);
    await runNext('settle-runbook-run');
    expect((await view()).followUp).toMatchObject({ attempts: 2, error: expect.stringContaining('store unavailable') });
    // The next retry job is lost: the five-minute trigger settles the note once it is long overdue.
    expect(queue.take()).toMatchObject({ delaySeconds: 240 });
    now += 240_000;
    expect(await sweepRunFollowUps(deps)).toEqual({ settled: 0, failed: 0 });
    now += SWEEP_GRACE_MINUTES * 60_000;
    expect(await sweepRunFollowUps(deps)).toEqual({ settled: 1, failed: 0 });

    expect(await store.get<StoredDeployment>(keys.deployment(deploymentId()))).toMatchObject({ environment: 'production', status: 'successful', version: 'SHOP 5.0.6' });
    expect((await view()).followUp).toBeUndefined();
    expect(await sweepRunFollowUps(deps)).toEqual({ settled: 0, failed: 0 });
    expect(queue.jobs).toEqual([]);
    expect(await deploymentsCounted()).toBe(1);
  }, 30_000);

  it('freezes the run with the write that finished it; a view never writes, and a failed freeze or queue is tried again until its page is queued once', async () => {
    await act('verify-fix', 'not-started', 'start');
    await act('verify-fix', 'running', 'complete');
    await act('announce-done', 'not-started', 'start');
    store.refuse('rb:record:', 1);
    const finished = await act('announce-done', 'running', 'complete');
    expect(finished.run?.progress.status).toBe('completed');
    expect(finished.record).toBeUndefined();
    expect(finished.followUp).toMatchObject({ work: ['freeze'], attempts: 1, error: expect.stringContaining('store unavailable') });

    // Looking at the finished run writes nothing (it used to freeze it).
    const before = store.writes();
    expect((await view()).record).toBeUndefined();
    await view();
    expect(store.writes() - before).toBe(0);

    // The retry freezes it, but the page's job cannot be queued: noted, and tried again.
    queue.failNext = 1;
    await runNext('settle-runbook-run');
    const frozen = await view();
    expect(frozen.record).toMatchObject({ status: 'completed', publication: { status: 'pending', attempts: 0 } });
    expect(frozen.followUp).toMatchObject({ work: ['freeze'], attempts: 2, error: expect.stringContaining('queue unavailable') });
    expect(queue.jobs.map((j) => j.job.type)).toEqual(['settle-runbook-run']);

    await runNext('settle-runbook-run');
    expect((await view()).followUp).toBeUndefined();
    expect(queue.jobs.map((j) => j.job)).toEqual([{ type: 'publish-runbook-record', body: { projectId: '10000', versionId, attempt: 1 } }]);
    await runNext('publish-runbook-record');
    expect((await store.getVersioned<RunbookPublication>(keys.runbookPublication('10000', versionId)))?.value).toMatchObject({ status: 'published', pageVersion: 1 });
    expect(confluence.pages().filter((p) => p.title.startsWith('Go-live run book: SHOP 5.0.6')).length).toBe(1);
    expect(await deploymentsCounted()).toBe(1);
  }, 30_000);
});
