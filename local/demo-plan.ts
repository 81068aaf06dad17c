/**
 * A release plan for the demo site, so the Calendar and Environments pages have something to show
 * on a fresh `npm start`: six environments, bookings for the current SHOP and PAY versions, a
 * year-end freeze, one maintenance window, a few CI deployments, SHOP's related project and
 * release manager. All relative to the demo's "today". Written only when the site has no
 * inventory yet, through the same documents the app uses.
 */
import type { PlanEnvironment, PlanSlot, PlanWindow } from '../src/contract-release-plan';
import { fileDeploymentEvent } from '../src/app/release-plan/deployments';
import { type BookingsDoc, type InventoryDoc, type ProjectPlanDoc, type SiteWindowsDoc, bookingShardKey } from '../src/app/release-plan/documents';
import type { ReleaseManagersDoc } from '../src/app/release-managers';
import type { StoredDeployment } from '../src/domain/deployments/deployment-event';
import { DEFAULT_TIER_ORDER } from '../src/domain/release-plan/tiers';
import type { KeyValueStore } from '../src/ports';
import { keys } from '../src/store/keys';
import type { JiraDataset } from './fake-jira/dataset';
import { DEMO_ACCOUNT } from './fake-jira/demo-data';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export async function seedDemoPlan(store: KeyValueStore, dataset: JiraDataset, anchor: Date): Promise<boolean> {
  if (await store.getVersioned(keys.planInventory())) return false;
  const day0 = Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth(), anchor.getUTCDate());
  const at = (days: number, hour = 0) => new Date(day0 + days * DAY + hour * HOUR).toISOString();
  const stamp = new Date(day0 - 7 * DAY).toISOString();
  const by = DEMO_ACCOUNT.releaseManager;
  const version = (name: string) => {
    const found = dataset.versions.find((v) => v.name === name);
    if (!found) throw new Error(`The demo data has no version ${name}.`);
    return found;
  };
  const projectKey = (v: { projectId: string }) => dataset.projects.find((p) => p.id === v.projectId)?.key as string;

  const env = (id: string, name: string, tier: PlanEnvironment['tier'], extra: Partial<PlanEnvironment> = {}): Omit<PlanEnvironment, 'ownerName'> => ({
    id,
    name,
    tier,
    components: [],
    status: 'available',
    capacity: 1,
    updatedAt: stamp,
    updatedBy: DEMO_ACCOUNT.admin,
    ...extra,
  });
  const inventory: InventoryDoc = {
    tierOrder: [...DEFAULT_TIER_ORDER],
    environments: [
      env('env-sit', 'SIT', 'SIT', { components: ['Checkout', 'Catalog', 'Gateway'], capacity: 2, notes: 'Shared system integration environment; two releases may test at once.' }),
      env('env-uat1', 'UAT-1', 'UAT', { ownerAccountId: DEMO_ACCOUNT.qa, components: ['Checkout', 'Catalog', 'Search'] }),
      env('env-uat2', 'UAT-2', 'UAT', { ownerAccountId: DEMO_ACCOUNT.qa, components: ['Gateway', 'Ledger', 'Payouts'] }),
      env('env-nft', 'NFT', 'NFT', { ownerAccountId: DEMO_ACCOUNT.developer, components: ['Load test rig'], notes: 'Performance runs need a day of warm-up data.' }),
      env('env-preprod', 'Pre-production', 'PREPROD', { ownerAccountId: DEMO_ACCOUNT.admin }),
      env('env-prod', 'Production', 'PROD', { ownerAccountId: DEMO_ACCOUNT.admin, notes: 'Deployments 18:00–22:00 UTC only.' }),
    ],
  };

  const shop24 = version('SHOP 2.4');
  const shop231 = version('SHOP 2.3.1');
  const shop25 = version('SHOP 2.5');
  const pay31 = version('PAY 3.1');
  const pay32 = version('PAY 3.2');
  let n = 0;
  const slot = (v: { id: string; projectId: string }, environmentId: string, from: string, to: string, required: boolean, note?: string): PlanSlot => ({
    id: `slot-demo-${++n}`,
    projectKey: projectKey(v),
    versionId: v.id,
    environmentId,
    from,
    to,
    required,
    ...(note ? { note } : {}),
    updatedAt: stamp,
    updatedBy: by,
  });
  const slots: PlanSlot[] = [
    slot(shop24, 'env-sit', at(-6, 9), at(-2, 17), false),
    slot(shop24, 'env-uat1', at(0, 9), at(4, 17), true, 'Business sign-off of the one-page checkout.'),
    slot(shop24, 'env-nft', at(2, 9), at(6, 17), true, 'Checkout load test at 3x Black Friday traffic.'),
    slot(shop24, 'env-preprod', at(7, 9), at(8, 17), false),
    slot(shop24, 'env-prod', at(9, 18), at(9, 22), false),
    slot(shop231, 'env-uat2', at(1, 9), at(3, 17), true, 'QA sign-off of the hotfix bundle.'),
    slot(pay31, 'env-sit', at(-10, 9), at(-5, 17), false),
    slot(pay31, 'env-uat2', at(-3, 9), at(1, 9), true),
    slot(pay31, 'env-prod', at(6, 18), at(6, 21), false),
    slot(shop25, 'env-sit', at(12, 9), at(16, 17), false),
    slot(shop25, 'env-uat1', at(17, 9), at(23, 17), true),
    slot(pay32, 'env-uat2', at(20, 9), at(30, 17), true),
    slot(pay32, 'env-prod', at(42, 18), at(42, 21), false),
  ];
  const shards = new Map<string, BookingsDoc>();
  for (const s of slots) {
    const key = bookingShardKey(s.environmentId, Date.parse(s.from));
    shards.set(key, { slots: [...(shards.get(key)?.slots ?? []), s] });
  }

  const windows: PlanWindow[] = [
    { id: 'freeze-demo-yearend', kind: 'freeze', scope: { type: 'site' }, tiers: ['PREPROD', 'PROD'], from: at(24), to: at(41), reason: 'Year-end change freeze', updatedAt: stamp, updatedBy: DEMO_ACCOUNT.admin },
    { id: 'maint-demo-nft', kind: 'maintenance', scope: { type: 'environment', environmentId: 'env-nft' }, from: at(14), to: at(14, 6), reason: 'Storage upgrade', updatedAt: stamp, updatedBy: DEMO_ACCOUNT.developer },
  ];
  const shop: ProjectPlanDoc = {
    freezes: [],
    dependencies: { [shop24.id]: [{ projectKey: 'PAY', versionId: pay31.id }], [shop25.id]: [{ projectKey: 'PAY', versionId: pay32.id }] },
    settings: { maxReleasesPerDay: 2, relatedProjects: ['PAY'] },
  };
  const managers: ReleaseManagersDoc = { accountIds: [DEMO_ACCOUNT.releaseManager], updatedAt: stamp, updatedBy: DEMO_ACCOUNT.admin };

  await store.transact([
    { kind: 'put', key: keys.planInventory(), value: inventory, expectRev: 0 },
    { kind: 'put', key: keys.planSiteWindows(), value: { windows } satisfies SiteWindowsDoc, expectRev: 0 },
    { kind: 'put', key: keys.planProject('SHOP'), value: shop, expectRev: 0 },
    { kind: 'put', key: keys.releaseManagers('SHOP'), value: managers, expectRev: 0 },
    ...[...shards].map(([key, value]) => ({ kind: 'put' as const, key, value, expectRev: 0 })),
  ]);

  const deployment = (id: string, v: { name: string; projectId: string }, environment: string, days: number, hour: number): StoredDeployment => ({
    deploymentId: id,
    environment,
    status: 'successful',
    deployedAt: at(days, hour),
    projectKey: projectKey(v),
    version: v.name,
    pipeline: { name: 'demo pipeline', url: `https://ci.example.com/runs/${id}` },
    receivedAt: at(days, hour),
  });
  for (const event of [deployment('demo-run-101', pay31, 'sit', -9, 10), deployment('demo-run-102', shop24, 'SIT', -5, 11), deployment('demo-run-103', pay31, 'uat-2', -3, 8)]) {
    await store.setIfAbsent(keys.deployment(event.deploymentId), event);
    await fileDeploymentEvent({ store }, event);
  }
  return true;
}
