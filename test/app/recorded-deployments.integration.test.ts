import { indexDeploymentForKpis } from '../../src/app/deployment-index';
import { dispatchResolver } from '../../src/app/resolvers';
import type { RecordedDeploymentsView, ResolverResult } from '../../src/contract';
import type { StoredDeployment } from '../../src/domain/deployments/deployment-event';
import { keys } from '../../src/store/keys';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;

const recorded = (id: string, projectKey: string, extra: Partial<StoredDeployment> = {}): StoredDeployment => ({
  deploymentId: id,
  environment: 'production',
  status: 'failed',
  deployedAt: '2026-11-20T10:00:00Z',
  projectKey,
  receivedAt: '2026-11-20T10:00:05.000Z',
  ...extra,
});

async function seed(event: StoredDeployment) {
  await site.store.set(keys.deployment(event.deploymentId), event);
  await indexDeploymentForKpis(site.store, event);
}

beforeEach(async () => {
  site = await startDemoSite();
  facts = demoFacts(site.jira.dataset);
  await seed(recorded('test-run-1', 'SHOP'));
  await seed(recorded('pay-run-9', 'PAY'));
});
afterEach(() => site.close());

const context = (accountId: string) => ({ accountId, moduleKey: 'releases-page', extension: { project: { id: facts.project('SHOP').id, key: 'SHOP' } } });
const call = async <T>(name: string, accountId: string, payload: unknown) => (await dispatchResolver(site.deps, name, payload, context(accountId))) as ResolverResult<T>;
const ok = <T>(result: ResolverResult<T>): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
};

describe('recorded deployments on the KPIs page', () => {
  it('lets a project admin list, correct and remove what CI reported, each change audited', async () => {
    const admin = facts.admin.accountId;
    const listed = ok(await call<RecordedDeploymentsView>('listRecordedDeployments', admin, {}));
    expect(listed.deployments.map((d) => [d.deploymentId, d.status])).toEqual([['test-run-1', 'failed']]);

    const corrected = ok(await call<RecordedDeploymentsView>('correctRecordedDeployment', admin, { deploymentId: 'test-run-1', environment: 'staging' }));
    expect(corrected.deployments).toEqual([expect.objectContaining({ deploymentId: 'test-run-1', environment: 'staging' })]);
    expect(corrected.audit).toEqual([expect.objectContaining({ action: 'corrected', deploymentId: 'test-run-1', by: admin })]);

    const removed = ok(await call<RecordedDeploymentsView>('deleteRecordedDeployment', admin, { deploymentId: 'test-run-1' }));
    expect(removed.deployments).toEqual([]);
    expect(removed.audit.map((a) => a.action)).toEqual(['deleted', 'corrected']);
    expect(await site.store.get(keys.deployment('test-run-1'))).toBeUndefined();
  });

  it.each<[string, string, string, unknown, string]>([
    ['a viewer listing', 'viewer', 'listRecordedDeployments', {}, 'FORBIDDEN'],
    ['a viewer removing', 'viewer', 'deleteRecordedDeployment', { deploymentId: 'test-run-1' }, 'FORBIDDEN'],
    ['another project’s deployment', 'admin', 'deleteRecordedDeployment', { deploymentId: 'pay-run-9' }, 'NOT_FOUND'],
    ['a correction into year 0000', 'admin', 'correctRecordedDeployment', { deploymentId: 'test-run-1', deployedAt: '0000-01-01T00:00:00Z' }, 'VALIDATION'],
    ['an unknown field', 'admin', 'correctRecordedDeployment', { deploymentId: 'test-run-1', projectKey: 'PAY' }, 'VALIDATION'],
  ])('refuses %s and changes nothing', async (_case, who, name, payload, code) => {
    const accountId = who === 'admin' ? facts.admin.accountId : DEMO_ACCOUNT.viewer;
    expect(await call(name, accountId, payload)).toMatchObject({ ok: false, error: { code } });
    expect(await site.store.get(keys.deployment('test-run-1'))).toEqual(recorded('test-run-1', 'SHOP'));
    expect(await site.store.get(keys.deployment('pay-run-9'))).toEqual(recorded('pay-run-9', 'PAY'));
  });
});
