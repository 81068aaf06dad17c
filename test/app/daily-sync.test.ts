import { runDailySync } from '../../src/app/scheduled';
import { type JobOutcome, SCHEDULED_RETRIES as DAILY_SYNC_RETRIES } from '../../src/app/scheduled-runs';
import { runWeeklyReports } from '../../src/app/weekly-reports';
import { runWeeklyKpiReports } from '../../src/app/kpi-reports';
import type { HttpTransport, QueuedJob, WorkQueue } from '../../src/ports';
import { keys } from '../../src/store/keys';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { createAppDeps } from '../../src/app/deps';
import { silentLog } from '../support/fakes';

const NOW = new Date('2026-11-24T03:00:00Z');

/** Jira as the app: down (503) until `up()`, then one page of two projects. */
function jira() {
  let healthy = false;
  const transport: HttpTransport = async (request) => {
    if (!healthy) return { status: 503, headers: {}, body: { errorMessages: ['Service unavailable'] } };
    if (!request.path.startsWith('/rest/api/3/project/search')) throw new Error(`unexpected ${request.path}`);
    return { status: 200, headers: {}, body: { isLast: true, values: [{ id: '10000', key: 'SHOP', name: 'Web Shop' }, { id: '10001', key: 'PAY', name: 'Payments' }] } };
  };
  return { transport, up: () => void (healthy = true) };
}

function setup() {
  const store = new InMemoryKvStore();
  const pushed: Array<{ jobs: QueuedJob[]; delaySeconds?: number }> = [];
  const queue: WorkQueue = { push: async (jobs, options) => void pushed.push({ jobs, ...(options?.delaySeconds !== undefined ? { delaySeconds: options.delaySeconds } : {}) }) };
  const site = jira();
  const unreachable: HttpTransport = async () => {
    throw new Error('not expected');
  };
  const deps = createAppDeps({
    transports: { jiraAsApp: () => site.transport, jiraAsUser: () => unreachable, confluenceAsApp: () => unreachable },
    store,
    queue,
    clock: { now: () => NOW },
    timing: { sleep: async () => {}, random: () => 0.5 },
    log: silentLog,
  });
  return { store, pushed, deps, site };
}

describe('the daily reconciliation when Jira fails', () => {
  it('does not claim the day, says why, and tries again through the queue until it has queued its work', async () => {
    const { store, pushed, deps, site } = setup();
    expect(await runDailySync(deps)).toEqual({ skipped: false, projects: 0, failed: true });
    expect(await store.get(keys.jobRun('daily-sync', '2026-11-24'))).toBeUndefined();
    expect(await store.get<JobOutcome>(keys.jobOutcome('daily-sync'))).toMatchObject({ ok: false, error: 'Jira answered 503.', attempt: 0, retryAt: '2026-11-24T03:01:00.000Z' });
    expect(pushed).toEqual([{ jobs: [{ type: 'retry-scheduled', body: { job: 'daily-sync', attempt: 1 } }], delaySeconds: 60 }]);

    // A second scheduled run the same day is not skipped either: nothing was done yet.
    site.up();
    expect(await runDailySync(deps, 1)).toEqual({ skipped: false, projects: 2 });
    expect(pushed.slice(1).flatMap((p) => p.jobs.map((j) => j.type))).toEqual(['reconcile-project-versions', 'reconcile-project-versions', 'reconcile-project-readiness', 'reconcile-project-readiness', 'kpi-sync', 'kpi-sync']);
    // KPI syncs start at the installation's stable offset (drawn once, kept), the rest at once.
    expect(pushed.slice(1).map((p) => [p.jobs[0]?.type, p.delaySeconds])).toEqual([['reconcile-project-versions', undefined], ['reconcile-project-readiness', undefined], ['kpi-sync', 450]]);
    expect(await store.get(keys.kpiSyncJitter())).toBe(450);
    expect(await store.get<JobOutcome>(keys.jobOutcome('daily-sync'))).toMatchObject({ ok: true, attempt: 1 });
    expect(await runDailySync(deps)).toEqual({ skipped: true, projects: 0 });
  });

  it('backs off, and stops re-queueing after its last attempt', async () => {
    const { pushed, deps, store } = setup();
    for (let attempt = 0; attempt <= DAILY_SYNC_RETRIES; attempt++) await runDailySync(deps, attempt);
    expect(pushed.map((p) => p.delaySeconds)).toEqual([60, 120, 240, 480, 900]);
    const last = await store.get<JobOutcome>(keys.jobOutcome('daily-sync'));
    expect(last).toMatchObject({ ok: false, attempt: DAILY_SYNC_RETRIES });
    expect(last?.retryAt).toBeUndefined();
  });

  it.each([
    ['weekly-reports', (deps: ReturnType<typeof setup>['deps']) => runWeeklyReports(deps)],
    ['weekly-kpis', (deps: ReturnType<typeof setup>['deps']) => runWeeklyKpiReports(deps)],
  ] as const)('the %s trigger does not skip the week when Jira fails: it says why and tries again', async (name, run) => {
    const { store, pushed, deps } = setup();
    await store.set(keys.reportSettings(), { spaceKey: 'REL' });
    expect(await run(deps)).toMatchObject({ failed: true, retryAt: '2026-11-24T03:01:00.000Z' });
    expect(await store.get<JobOutcome>(keys.jobOutcome(name))).toMatchObject({ job: name, ok: false, error: 'Jira answered 503.' });
    expect(pushed).toEqual([{ jobs: [{ type: 'retry-scheduled', body: { job: name, attempt: 1 } }], delaySeconds: 60 }]);
  });
});
