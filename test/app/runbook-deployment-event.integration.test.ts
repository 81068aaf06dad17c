/**
 * A go-live run's deployment step, once completed, is a production deployment for the delivery
 * KPIs, filed through the path the deployment web trigger takes, and counted once however often
 * the completion is reported (twice at the same moment from two pages, or again later). The run
 * then rolled back counts as DORA counts a rollback: the deployment is a failed change, once, and
 * the rollback itself is not a change.
 */
import type { KpiDrilldown, KpiReportView, ResolverResult, RunbookView } from '../../src/contract';
import type { AppDeps } from '../../src/app/deps';
import { dispatchResolver } from '../../src/app/resolvers';
import type { StoredDeployment } from '../../src/domain/deployments/deployment-event';
import { keys } from '../../src/store/keys';
import type { FakeJira } from '../../local/fake-jira';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import type { BarrierStore } from '../support/barrier-store';
import { shopPageContext, startRacingApp } from '../support/racing-app';
import { createSmallRelease } from '../support/go-no-go-release';
import { DEMO_NOW } from '../support/demo-site';

const { releaseManager: RAVI, admin: ALANA } = DEMO_ACCOUNT;
let jira: FakeJira;
let store: BarrierStore;
let deps: AppDeps;
let versionId: string;
let now = DEMO_NOW;
const DAY = 86_400_000;

const call = async <T = RunbookView>(name: string, accountId: string, payload: unknown) => (await dispatchResolver(deps, name, payload, shopPageContext(accountId))) as ResolverResult<T>;
async function ok<T = RunbookView>(name: string, accountId: string, payload: unknown): Promise<T> {
  const answer = await call<T>(name, accountId, payload);
  if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
  return answer.data;
}
const act = (accountId: string, stepId: string, expectedStatus: string, type: string) => call('actOnRunbookStep', accountId, { versionId, stepId, expectedStatus, action: { type } });
const runKey = () => keys.runbookRun('10000', versionId);

async function doraFigures() {
  // The KPIs count whole days up to yesterday: read them the next day.
  const at = now;
  now = new Date(at.getTime() + DAY);
  const report = await ok<KpiReportView>('getKpiReport', RAVI, {});
  const figure = (id: string) => report.figures.find((f) => f.id === id);
  const rows = (await ok<KpiDrilldown>('getKpiDrilldown', RAVI, { figureId: 'deployment-frequency' })).rows;
  const figures = {
    deployments: figure('deployment-frequency')?.numerator.value,
    goLiveRows: JSON.stringify(rows).split(`golive-${versionId}-deploy-prod`).length - 1,
    failedChanges: figure('change-failure-rate')?.numerator.value,
    changes: figure('change-failure-rate')?.denominator?.value,
  };
  now = at;
  return figures;
}

beforeAll(async () => {
  ({ jira, store, deps } = await startRacingApp());
  deps.clock = { now: () => now };
  ({ versionId } = await createSmallRelease(jira.url, { name: 'SHOP 5.0.4', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency fix' }));
  await ok('createRunbook', RAVI, { versionId, from: { type: 'template' } });
  await ok('startRunbookRun', RAVI, { versionId });
  for (const [stepId, expected, type] of [
    ['incident-bridge', 'not-started', 'start'],
    ['incident-bridge', 'running', 'complete'],
    ['deploy-prod', 'not-started', 'start'],
  ] as const) {
    const answer = await act(RAVI, stepId, expected, type);
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  }
}, 30_000);
afterAll(() => jira.close());

describe('the deployment step of a go-live run', () => {
  it('files one production deployment, as the web trigger would, however often its completion is reported', async () => {
    store.arm(runKey(), 2);
    const both = await Promise.all([act(RAVI, 'deploy-prod', 'running', 'complete'), act(ALANA, 'deploy-prod', 'running', 'complete')]);
    expect(both.map((a) => a.ok).sort()).toEqual([false, true]);
    expect(await act(RAVI, 'deploy-prod', 'running', 'complete')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const stored = await store.get<StoredDeployment>(keys.deployment(`golive-${versionId}-deploy-prod`));
    expect(stored).toMatchObject({ environment: 'production', status: 'successful', deployedAt: DEMO_NOW.toISOString(), projectKey: 'SHOP', version: 'SHOP 5.0.4' });
    expect(await doraFigures()).toEqual({ deployments: 1, goLiveRows: 1, failedChanges: 0, changes: 1 });
  }, 30_000);

  it('counts the run rolled back as one failed change; the rollback itself is not a change', async () => {
    now = new Date(DEMO_NOW.getTime() + 2 * 3_600_000);
    await ok('startRunbookRollback', RAVI, { versionId, reason: 'Checkout errors after the deployment' });
    for (const stepId of ['rb-announce', 'rb-redeploy', 'rb-verify', 'rb-close']) {
      await ok('actOnRunbookStep', RAVI, { versionId, stepId, expectedStatus: 'not-started', action: { type: 'start' } });
      await ok('actOnRunbookStep', RAVI, { versionId, stepId, expectedStatus: 'running', action: { type: 'complete' } });
    }
    expect((await ok('getRunbook', RAVI, { versionId })).run?.progress.status).toBe('rolled-back');
    expect(await store.get<StoredDeployment>(keys.deployment(`golive-${versionId}.rollback`))).toMatchObject({ isRollback: true, environment: 'production', status: 'successful' });
    // The record is final: a late completion is refused and files nothing new.
    expect(await act(RAVI, 'deploy-prod', 'running', 'complete')).toMatchObject({ ok: false });
    expect(await doraFigures()).toEqual({ deployments: 1, goLiveRows: 1, failedChanges: 1, changes: 1 });
  }, 30_000);
});
