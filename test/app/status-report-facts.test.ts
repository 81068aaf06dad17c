import { collectReleaseStatusFacts } from '../../src/app/status-report-facts';
import { bookingShardKey } from '../../src/app/release-plan/documents';
import { keys } from '../../src/store/keys';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { aReleaseSummary } from '../support/builders';
import { testDeps } from '../support/app-deps';

const PROJECT = { id: '10000', key: 'SHOP' };
const NOW = new Date('2026-11-24T10:00:00Z');
const user = { accountId: 'u1', displayName: 'Ravi Menon' };
const releases = [
  aReleaseSummary({ id: '11', name: 'SHOP 2.4', releaseDate: '2026-12-03' }),
  aReleaseSummary({ id: '12', name: 'SHOP 2.5', releaseDate: '2027-01-08', state: 'planned' }),
  aReleaseSummary({ id: '9', name: 'SHOP 2.3', released: true, state: 'released' }),
];

async function put(store: InMemoryKvStore, key: string, value: unknown) {
  await store.transact([{ kind: 'put', key, value, expectRev: 0 }]);
}

function risk(id: string, title: string, likelihood: number, impact: number, status: string) {
  return { id, title, description: '', likelihood, impact, mitigation: '', status, createdAt: NOW.toISOString(), createdBy: user, updatedAt: NOW.toISOString(), updatedBy: user };
}

describe('facts from other modules for the weekly status', () => {
  it('contributes nothing when no module stored anything for the project', async () => {
    const deps = testDeps({ clock: { now: () => NOW } });
    expect(await collectReleaseStatusFacts(deps, PROJECT, releases)).toEqual({});
  });

  it('reads Go/No-Go decisions and open risks, booked environment slots and freezes', async () => {
    const store = new InMemoryKvStore();
    await put(store, keys.goNoGoIndex(PROJECT.id), {
      releases: { '11': { decisionId: 'd1', versionName: 'SHOP 2.4', releaseType: 'standard', value: 'GO', decidedAt: NOW.toISOString(), reviewCompleted: false } },
    });
    await put(store, keys.goNoGoBoard(PROJECT.id, '12'), {
      round: 1,
      ticks: {},
      risks: [risk('r1', 'PSP contract unsigned', 4, 5, 'open'), risk('r2', 'Old risk', 5, 5, 'closed'), risk('r3', 'Load test pending', 2, 2, 'mitigating')],
    });
    await put(store, keys.planInventory(), { environments: [{ id: 'uat1', name: 'UAT-1', tier: 'UAT', components: [], status: 'available', capacity: 1, updatedAt: NOW.toISOString(), updatedBy: 'u1' }], tierOrder: [] });
    const slot = { id: 's1', projectKey: 'SHOP', versionId: '11', environmentId: 'uat1', from: '2026-11-30T00:00:00.000Z', to: '2026-12-03T00:00:00.000Z', required: true, updatedAt: NOW.toISOString(), updatedBy: 'u1' };
    await put(store, bookingShardKey('uat1', Date.parse(slot.from)), { slots: [slot] });
    await put(store, keys.planProject('SHOP'), {
      freezes: [{ id: 'f1', kind: 'freeze', scope: { type: 'project', projectKey: 'SHOP' }, from: '2026-12-20T00:00:00.000Z', to: '2027-01-04T00:00:00.000Z', reason: 'Holiday freeze', updatedAt: NOW.toISOString(), updatedBy: 'u1' }],
      dependencies: {},
      settings: { maxReleasesPerDay: 2, relatedProjects: [] },
    });
    const deps = testDeps({ store, clock: { now: () => NOW } });

    const facts = await collectReleaseStatusFacts(deps, PROJECT, releases);
    expect(facts['11']).toEqual({ goNoGo: { label: 'GO', colour: 'Green' }, upcoming: ['UAT-1 2026-11-30 → 2026-12-02 (required)'] });
    expect(facts['12']).toEqual({
      goNoGo: { label: 'NOT DECIDED', colour: 'Grey' },
      risks: ['PSP contract unsigned (critical)', 'Load test pending (low)'].map((line) => expect.stringContaining(line.split(' (')[0]!)),
      upcoming: ['Freeze 2026-12-20 → 2027-01-03: Holiday freeze'],
    });
    expect(facts['9']).toBeUndefined();
  });
});
