import type { PlanDeployment, PlanEnvironment, PlanSlot, PlanWindow } from '../../src/contract-release-plan';
import type { PlanFacts, PlanVersionFacts } from '../../src/domain/release-plan/plan-index';
import { DEFAULT_TIER_ORDER } from '../../src/domain/release-plan/tiers';

/** "Now" of the plan tests: Tuesday 24 November 2026, 10:00 UTC. */
export const PLAN_NOW = Date.parse('2026-11-24T10:00:00Z');

/** `t('12-01 09:00')` → ISO instant in 2026, UTC. */
export const t = (monthDayTime: string): string => new Date(`2026-${monthDayTime.replace(' ', 'T')}:00Z`).toISOString();

export function anEnvironment(overrides: Partial<PlanEnvironment> = {}): PlanEnvironment {
  return {
    id: 'env-uat1',
    name: 'UAT-1',
    tier: 'UAT',
    components: [],
    status: 'available',
    capacity: 1,
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: 'u-admin',
    ...overrides,
  };
}

export const ENVIRONMENTS: PlanEnvironment[] = [
  anEnvironment({ id: 'env-sit', name: 'SIT', tier: 'SIT' }),
  anEnvironment({ id: 'env-uat1', name: 'UAT-1', tier: 'UAT' }),
  anEnvironment({ id: 'env-uat2', name: 'UAT-2', tier: 'UAT' }),
  anEnvironment({ id: 'env-nft', name: 'NFT', tier: 'NFT' }),
  anEnvironment({ id: 'env-prod', name: 'Production', tier: 'PROD' }),
];

export function aPlanVersion(overrides: Partial<PlanVersionFacts> = {}): PlanVersionFacts {
  return { id: '10001', projectKey: 'SHOP', name: 'SHOP 2.4', startDate: '2026-11-02', releaseDate: '2026-12-11', released: false, dependsOn: [], ...overrides };
}

export function aSlot(overrides: Partial<PlanSlot> = {}): PlanSlot {
  return {
    id: 'slot-a',
    projectKey: 'SHOP',
    versionId: '10001',
    environmentId: 'env-uat1',
    from: t('12-01 09:00'),
    to: t('12-04 17:00'),
    required: false,
    updatedAt: '2026-11-20T10:00:00.000Z',
    updatedBy: 'u-rm',
    ...overrides,
  };
}

export function aWindow(overrides: Partial<PlanWindow> = {}): PlanWindow {
  return {
    id: 'win-1',
    kind: 'freeze',
    scope: { type: 'site' },
    from: t('12-18 00:00'),
    to: t('12-28 00:00'),
    reason: 'Year-end freeze',
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: 'u-admin',
    ...overrides,
  };
}

export function aDeployment(overrides: Partial<PlanDeployment> = {}): PlanDeployment {
  return {
    id: 'dep-1',
    projectKey: 'SHOP',
    versionId: '10001',
    versionName: 'SHOP 2.4',
    environmentName: 'Production',
    environmentId: 'env-prod',
    status: 'successful',
    at: t('11-20 10:00'),
    source: 'ci',
    ...overrides,
  };
}

export function planFacts(overrides: Partial<PlanFacts> = {}): PlanFacts {
  return {
    now: PLAN_NOW,
    timeZone: 'UTC',
    environments: ENVIRONMENTS,
    tierOrder: DEFAULT_TIER_ORDER,
    versions: [aPlanVersion(), aPlanVersion({ id: '20001', projectKey: 'PAY', name: 'PAY 3.1', startDate: '2026-11-01', releaseDate: '2026-12-18' })],
    slots: [],
    windows: [],
    deployments: [],
    maxReleasesPerDay: 2,
    focusProjects: new Set(['SHOP']),
    visibleProjects: new Set(['SHOP', 'PAY']),
    ...overrides,
  };
}
