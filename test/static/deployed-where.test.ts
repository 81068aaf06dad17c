import type { PlanDeployment, PlanEnvironment } from '../../src/contract';
import { deployedWhere } from '../../static/releases/src/plan/deployed-where';

const environment = (id: string, tier: PlanEnvironment['tier']): PlanEnvironment =>
  ({ id, name: id, tier, status: 'available', components: [], capacity: 1, updatedAt: '2026-10-01T00:00:00.000Z', updatedBy: 'admin' }) as PlanEnvironment;
let n = 0;
const deployment = (versionName: string, environmentId: string | undefined, at: string, status: PlanDeployment['status'] = 'successful'): PlanDeployment => ({
  id: `d${++n}`,
  projectKey: 'SHOP',
  versionId: versionName.replace(/\D/g, ''),
  versionName,
  environmentName: environmentId ?? 'staging-eu',
  ...(environmentId ? { environmentId } : {}),
  status,
  at,
  source: 'ci',
});

const ENVIRONMENTS = [environment('PROD', 'PROD'), environment('UAT-1', 'UAT'), environment('SIT', 'SIT')];
const TIERS = ['DEV', 'SIT', 'UAT', 'PROD'];
const NOW = Date.parse('2026-11-24T10:00:00Z');

describe('what is deployed where', () => {
  const matrix = deployedWhere(
    [
      deployment('SHOP 2.3', 'SIT', '2026-10-01T10:00:00Z'),
      deployment('SHOP 2.3', 'PROD', '2026-10-20T10:00:00Z'),
      deployment('SHOP 2.4', 'SIT', '2026-11-19T11:00:00Z'),
      // A retried pipeline: the failure first, then the success; the latest outcome counts.
      deployment('SHOP 2.4', 'UAT-1', '2026-11-20T09:00:00Z', 'failed'),
      deployment('SHOP 2.4', 'UAT-1', '2026-11-20T09:40:00Z'),
      // A failed PROD deployment does not replace what PROD runs.
      deployment('SHOP 2.4', 'PROD', '2026-11-21T18:00:00Z', 'failed'),
      // Not in the inventory, and in the future: both left out.
      deployment('SHOP 2.4', undefined, '2026-11-21T18:00:00Z'),
      deployment('SHOP 2.5', 'SIT', '2026-12-06T09:00:00Z'),
    ],
    ENVIRONMENTS,
    TIERS,
    NOW,
  );

  it('orders environments by promotion and versions newest first', () => {
    expect(matrix.environments.map((e) => e.id)).toEqual(['SIT', 'UAT-1', 'PROD']);
    expect(matrix.rows.map((r) => r.name)).toEqual(['SHOP 2.4', 'SHOP 2.3']);
  });

  it('marks what each environment runs now: its latest successful deployment', () => {
    const [shop24, shop23] = matrix.rows;
    expect(shop24!.cells['SIT']).toMatchObject({ status: 'successful', current: true });
    expect(shop23!.cells['SIT']).toMatchObject({ status: 'successful', current: false });
    expect(shop24!.cells['UAT-1']).toMatchObject({ status: 'successful', at: '2026-11-20T09:40:00Z', current: true });
    expect(shop24!.cells['PROD']).toMatchObject({ status: 'failed', current: false });
    expect(shop23!.cells['PROD']).toMatchObject({ status: 'successful', current: true });
  });
});
