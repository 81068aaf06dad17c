/**
 * The finished go-live run through the resolvers and the queue: it is frozen once and later
 * writes are refused with nothing changed; its run book page is published to the project's
 * release-notes space (the site's report space by default) once even when the job arrives twice,
 * a Confluence outage is retried with backoff and the outcome says why, and a release manager's
 * publish again writes a new version of the same page.
 */
import type { GoNoGoBoardView, ResolverResult, RunbookView, RunbookPublication } from '../../src/contract';
import type { AppDeps } from '../../src/app/deps';
import { runJob } from '../../src/app/jobs';
import { dispatchResolver } from '../../src/app/resolvers';
import { keys } from '../../src/store/keys';
import { type FakeJira, DEMO_ACCOUNT } from '../../local/fake-jira';
import type { FakeConfluence } from '../../local/fake-confluence';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { RecordingQueue } from '../support/kpi';
import { DEMO_NOW } from '../support/demo-site';
import { createSmallRelease } from '../support/go-no-go-release';
import { shopPageContext } from '../support/racing-app';
import { startRunbookApp } from '../support/runbook-app';

const { releaseManager: RAVI, viewer: SAM } = DEMO_ACCOUNT;
let jira: FakeJira;
let confluence: FakeConfluence;
let store: InMemoryKvStore;
let queue: RecordingQueue;
let deps: AppDeps;
let versionId: string;
let now = DEMO_NOW.getTime();

const call = async (name: string, payload: unknown, accountId: string = RAVI) => (await dispatchResolver(deps, name, payload, shopPageContext(accountId))) as ResolverResult<RunbookView>;
const ok = async (result: Promise<ResolverResult<RunbookView>>): Promise<RunbookView> => {
  const answer = await result;
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.data;
};
const act = (stepId: string, expectedStatus: string, action: Record<string, unknown>, minutes = 5) => {
  now += minutes * 60_000;
  return ok(call('actOnRunbookStep', { versionId, stepId, expectedStatus, action }));
};
const runBookPages = () => confluence.pages().filter((p) => p.status === 'current' && p.title.startsWith('Go-live run book:'));
const publication = async () => (await store.getVersioned<RunbookPublication>(keys.runbookPublication('10000', versionId)))?.value;
/** The run, its plan and its record as stored (audit entries and the page's outcome apart). */
const runbookDocuments = () => Object.entries(store.snapshot().versioned).filter(([k]) => k.startsWith('rb:') && !k.startsWith('rb:audit:') && !k.startsWith('rb:pub:'));

beforeAll(async () => {
  store = new InMemoryKvStore();
  queue = new RecordingQueue();
  ({ jira, confluence, deps } = await startRunbookApp(store, queue, { now: () => new Date(now) }));
  ({ versionId } = await createSmallRelease(jira.url, { name: 'SHOP 5.0.3', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency fix' }));
  await ok(call('createRunbook', { versionId, from: { type: 'template' } }));
  await ok(call('startRunbookRun', { versionId }));
  await act('incident-bridge', 'not-started', { type: 'start' }, 0);
  await act('incident-bridge', 'running', { type: 'complete' });
  await act('deploy-prod', 'not-started', { type: 'start' });
  await act('deploy-prod', 'running', { type: 'note', text: 'Payments pod restarting <twice>' });
  await act('deploy-prod', 'running', { type: 'fail', reason: 'Health check red after 10 minutes' }, 20);
  now += 60_000;
  await ok(call('startRunbookRollback', { versionId, reason: 'Payments down & no fix in sight' }));
}, 30_000);
afterAll(async () => {
  await jira.close();
  await confluence.close();
});

describe('the finished go-live run', () => {
  it('is frozen when its last step ends, and its page is queued once', async () => {
    const rollback = (await ok(call('getRunbook', { versionId }))).plan.steps.filter((s) => s.kind === 'rollback');
    let view: RunbookView | undefined;
    for (const step of rollback) {
      await act(step.id, 'not-started', { type: 'start' });
      view = await act(step.id, 'running', { type: 'complete' });
    }
    expect(view?.run?.progress.status).toBe('rolled-back');
    expect(view?.record).toMatchObject({ status: 'rolled-back', publication: { status: 'pending' }, canPublish: true });
    // Another reader seeing the finished run does not freeze it again nor queue a second page.
    expect((await ok(call('getRunbook', { versionId }, SAM))).record).toMatchObject({ canPublish: false });
    expect(queue.jobs.map((j) => j.job)).toEqual([{ type: 'publish-runbook-record', body: { projectId: '10000', versionId, attempt: 1 } }]);
  });

  it("opens the post-implementation review with the go-live's planned against actual, from the record", async () => {
    const board = (await dispatchResolver(deps, 'getGoNoGoBoard', { versionId }, shopPageContext(SAM))) as ResolverResult<GoNoGoBoardView>;
    if (!board.ok) throw new Error(JSON.stringify(board.error));
    expect(board.data.goLive).toMatchObject({ status: 'rolled-back', rollback: { reason: 'Payments down & no fix in sight' } });
    expect(board.data.goLive?.exceptions.map((r) => [r.stepId, r.flag, r.lateByMinutes])).toEqual([['deploy-prod', 'failed', 15], ['rb-announce', 'late', 5]]);
    expect(board.data.goLive?.rows.find((r) => r.stepId === 'deploy-prod')).toMatchObject({ plannedMinutes: 15, actualMinutes: 25, reason: 'Health check red after 10 minutes' });
  });

  it('refuses every later write with a clear error, and nothing changes', async () => {
    const before = runbookDocuments();
    const note = await call('actOnRunbookStep', { versionId, stepId: 'deploy-prod', expectedStatus: 'failed', action: { type: 'note', text: 'late thought' } });
    expect(note).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/SHOP 5\.0\.3 rolled back: its record is final \(frozen at .*\); nothing was changed/) } });
    const restart = await call('actOnRunbookStep', { versionId, stepId: 'deploy-prod', expectedStatus: 'failed', action: { type: 'start' } });
    expect(restart).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('frozen') } });
    expect(await call('startRunbookRollback', { versionId, reason: 'again' })).toMatchObject({ ok: false });
    expect(runbookDocuments()).toEqual(before);
  });

  it('retries a Confluence outage with backoff, the outcome saying why and when', async () => {
    confluence.faults.fail5xxNext = 1000;
    const first = queue.take()!;
    await runJob(deps, first.job);
    confluence.faults.fail5xxNext = 0;
    const failed = await publication();
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringMatching(/503|unavailable/i), retryAt: new Date(now + 120_000).toISOString() });
    expect(runBookPages()).toEqual([]);
    expect(queue.jobs).toEqual([{ job: { type: 'publish-runbook-record', body: { projectId: '10000', versionId, attempt: 2 } }, delaySeconds: 120 }]);
    expect((await ok(call('getRunbook', { versionId }))).record?.publication).toMatchObject({ status: 'failed', retryAt: failed?.retryAt });
  });

  it('publishes once when the retry is delivered twice at the same moment', async () => {
    const retry = queue.take()!;
    await Promise.all([runJob(deps, retry.job), runJob(deps, retry.job)]);
    expect(runBookPages().map((p) => [p.title, p.version.number])).toEqual([['Go-live run book: SHOP 5.0.3 (SHOP)', 1]]);
    const page = runBookPages()[0]!;
    expect(page.spaceId).toBe(confluence.spaces().find((s) => s.key === 'REL')?.id);
    expect(page.body).toContain('Health check red after 10 minutes');
    expect(page.body).toContain('Payments pod restarting &lt;twice&gt;');
    expect(page.body).toContain('Payments down &amp; no fix in sight');
    const view = await ok(call('getRunbook', { versionId }));
    expect(view.record?.publication).toMatchObject({ status: 'published', pageId: page.id, pageVersion: 1, spaceKey: 'REL', pageUrl: expect.stringContaining(`/pages/${page.id}`) });
    expect(view.record?.publication?.error).toBeUndefined();
    expect(queue.jobs).toEqual([]);
  });

  it("publishes again at a release manager's request: the same page, version 2; others may not", async () => {
    expect(await call('publishRunbookRecord', { versionId }, SAM)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const view = await ok(call('publishRunbookRecord', { versionId }));
    expect(runBookPages().map((p) => p.version.number)).toEqual([2]);
    expect(view.record?.publication).toMatchObject({ status: 'published', action: 'updated', pageVersion: 2, publishedBy: { displayName: 'Ravi Menon' } });
  });
});
