import ICAL from 'ical.js';
import type { CalendarFeedToken, CalendarQuery, PlanSettingsView, ReleaseCalendarView, ResolverResult } from '../../src/contract';
import { reconcileReleaseReadiness } from '../../src/app/readiness/release-readiness';
import { serveCalendarFeed } from '../../src/app/release-plan/calendar-feed';
import { MAX_PAYLOAD_BYTES, dispatchResolver } from '../../src/app/resolvers';
import { ingestDeployment, signDeploymentBody } from '../../src/app/ingest-deployment';
import { replaceSigningSecret } from '../../src/app/deployment-secret';
import { TRASH_RETENTION_MS } from '../../src/app/release-plan/trash';
import { keys } from '../../src/store/keys';
import { readSplitDoc } from '../../src/store/sharded-list';
import { bookingsDoc } from '../../src/app/release-plan/documents';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;
let store: InMemoryKvStore;

beforeAll(async () => {
  site = await startDemoSite();
  facts = demoFacts(site.jira.dataset);
});
afterAll(() => site.close());
beforeEach(() => {
  // A fresh store per test: plans do not leak between cases.
  store = new InMemoryKvStore();
  site.deps.store = store;
  site.jira.resetStats();
});

const user = (role: string) => site.jira.dataset.users.find((u) => u.role.startsWith(role))!.accountId;
const admin = () => facts.admin.accountId;
const releaseManager = () => user('Release manager');
const developer = () => user('Developer');
const viewer = () => facts.shopOnlyViewer.accountId;
const version = (name: string) => site.jira.dataset.versions.find((v) => v.name === name)!;

const context = (accountId: string, key = 'SHOP', moduleKey = 'releases-page') => ({
  accountId,
  moduleKey,
  extension: { type: 'jira:projectPage', project: { id: facts.project(key).id, key, type: 'software' } },
});

const VIEW: CalendarQuery = { from: '2026-11-01', to: '2027-01-31' };

async function call<T>(name: string, payload: unknown, accountId = admin(), key = 'SHOP'): Promise<ResolverResult<T>> {
  return (await dispatchResolver(site.deps, name, payload, context(accountId, key))) as ResolverResult<T>;
}

function ok<T>(result: ResolverResult<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

async function addEnvironments(): Promise<PlanSettingsView> {
  let settings!: PlanSettingsView;
  for (const [name, tier] of [
    ['SIT', 'SIT'],
    ['UAT-1', 'UAT'],
    ['UAT-2', 'UAT'],
    ['NFT', 'NFT'],
    ['Production', 'PROD'],
  ] as const) {
    settings = ok(await call<PlanSettingsView>('saveEnvironment', { environment: { name, tier, components: [], status: 'available', capacity: 1 } }));
  }
  return settings;
}

const envId = (settings: { environments: Array<{ id: string; name: string }> }, name: string) => settings.environments.find((e) => e.name === name)!.id;

function slot(environmentId: string, versionName: string, from: string, to: string, extra: Record<string, unknown> = {}) {
  return { slot: { versionId: version(versionName).id, environmentId, from, to, required: true, ...extra }, view: VIEW };
}

describe('the environment inventory', () => {
  it('is kept per site and read back with owner names', async () => {
    const settings = await addEnvironments();
    expect(settings.environments.map((e) => e.name)).toEqual(['SIT', 'UAT-1', 'UAT-2', 'NFT', 'Production']);
    const withOwner = ok(
      await call<PlanSettingsView>('saveEnvironment', {
        environment: { id: envId(settings, 'UAT-1'), name: 'UAT-1', tier: 'UAT', ownerAccountId: developer(), components: ['Checkout'], status: 'maintenance', capacity: 1, notes: 'Refresh on Mondays' },
      }),
    );
    expect(withOwner.environments.find((e) => e.name === 'UAT-1')).toMatchObject({ ownerName: 'Dana Kowalski', status: 'maintenance', components: ['Checkout'] });
    // Another project's settings see the same inventory.
    const pay = ok(await call<PlanSettingsView>('getPlanSettings', {}, admin(), 'PAY'));
    expect(pay.environments).toHaveLength(5);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a name taken in another case', { name: 'uat-1', tier: 'UAT', components: [], status: 'available', capacity: 1 }, 'already an environment called “UAT-1”'],
    ['an owner Jira does not know', { name: 'DEV', tier: 'DEV', ownerAccountId: 'nobody-at-all', components: [], status: 'available', capacity: 1 }, 'Jira has no user'],
    ['an unknown tier', { name: 'DEV', tier: 'QA', components: [], status: 'available', capacity: 1 }, 'environment.tier'],
    ['a capacity of zero', { name: 'DEV', tier: 'DEV', components: [], status: 'available', capacity: 0 }, 'environment.capacity'],
    ['an unknown field', { name: 'DEV', tier: 'DEV', components: [], status: 'available', capacity: 1, colour: 'red' }, 'environment'],
  ])('refuses %s, storing nothing', async (_case, environment, detail) => {
    await addEnvironments();
    const before = JSON.stringify(store.snapshot());
    const result = await call('saveEnvironment', { environment });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((result as { error: { details: string[] } }).error.details.join(' ')).toContain(detail);
    expect(JSON.stringify(store.snapshot())).toBe(before);
  });

  it('refuses to delete an environment with bookings ahead', async () => {
    const settings = await addEnvironments();
    ok(await call('saveEnvironmentSlot', slot(envId(settings, 'UAT-1'), 'SHOP 2.4', '2026-11-25T09:00:00Z', '2026-11-27T17:00:00Z')));
    expect(await call('deleteEnvironment', { environmentId: envId(settings, 'UAT-1') })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('1 booking ahead') } });
    expect(ok(await call<PlanSettingsView>('deleteEnvironment', { environmentId: envId(settings, 'NFT') })).environments).toHaveLength(4);
  });
});

describe('who may read and change the plan', () => {
  it('lets anyone who browses the project read it, but not change it', async () => {
    const settings = await addEnvironments();
    const view = ok(await call<ReleaseCalendarView>('getReleaseCalendar', VIEW, viewer()));
    expect(view.canEdit).toBe(false);
    const before = JSON.stringify(store.snapshot());
    const result = await call('saveEnvironmentSlot', slot(envId(settings, 'UAT-1'), 'SHOP 2.4', '2026-11-25T09:00:00Z', '2026-11-27T17:00:00Z'), viewer());
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Only administrators of SHOP and its release managers can change its release plan.' } });
    expect(JSON.stringify(store.snapshot())).toBe(before);
  });

  it('refuses to show the plan to someone without Browse Projects', async () => {
    expect(await call('getReleaseCalendar', VIEW, facts.nobody.accountId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Browse Projects') } });
  });

  it('lets a project administrator make a developer a release manager, who may then edit', async () => {
    const settings = await addEnvironments();
    const booking = slot(envId(settings, 'UAT-1'), 'SHOP 2.4', '2026-11-25T09:00:00Z', '2026-11-27T17:00:00Z');
    expect(await call('saveEnvironmentSlot', booking, developer())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('setReleaseManagers', { accountIds: [developer()], expectedAccountIds: [] }, developer())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Only administrators') } });
    const updated = ok(await call<PlanSettingsView>('setReleaseManagers', { accountIds: [developer()], expectedAccountIds: [] }, releaseManager()));
    expect(updated.releaseManagers).toEqual([{ accountId: developer(), displayName: 'Dana Kowalski' }]);
    expect(ok(await call<ReleaseCalendarView>('saveEnvironmentSlot', booking, developer())).slots).toHaveLength(1);
    // The role is per project: in PAY the developer is no release manager.
    expect(ok(await call<ReleaseCalendarView>('getReleaseCalendar', VIEW, developer(), 'PAY')).canEdit).toBe(false);
  });

  it('refuses a promotion order or release managers saved from a stale page, keeping the other admin\'s change', async () => {
    const loaded = ok(await call<PlanSettingsView>('getPlanSettings', {}));
    const reversed = [...loaded.tierOrder].reverse();
    // Another admin saves first, from the same page state.
    ok(await call<PlanSettingsView>('savePromotionOrder', { tierOrder: reversed, expectedTierOrder: loaded.tierOrder }));
    const stale = await call('savePromotionOrder', { tierOrder: loaded.tierOrder, expectedTierOrder: loaded.tierOrder });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Reload') } });
    expect(ok(await call<PlanSettingsView>('getPlanSettings', {})).tierOrder).toEqual(reversed);
    // An environment edited meanwhile is no conflict: only the order itself is compared.
    await addEnvironments();
    ok(await call<PlanSettingsView>('savePromotionOrder', { tierOrder: loaded.tierOrder, expectedTierOrder: reversed }));

    const before = loaded.releaseManagers.map((m) => m.accountId);
    ok(await call<PlanSettingsView>('setReleaseManagers', { accountIds: [developer()], expectedAccountIds: before }));
    expect(await call('setReleaseManagers', { accountIds: [], expectedAccountIds: before })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ok(await call<PlanSettingsView>('getPlanSettings', {})).releaseManagers.map((m) => m.accountId)).toEqual([developer()]);
    expect(await call('savePromotionOrder', { tierOrder: loaded.tierOrder })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses release managers Jira does not know', async () => {
    expect(await call('setReleaseManagers', { accountIds: ['ghost-account'], expectedAccountIds: [] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await store.getVersioned(keys.releaseManagers('SHOP'))).toBeUndefined();
  });

  it('reads the calendar in one resolver call with a handful of Jira requests', async () => {
    await addEnvironments();
    site.jira.resetStats();
    ok(await call<ReleaseCalendarView>('getReleaseCalendar', { ...VIEW, relatedProjects: ['PAY'] }));
    // Permissions, one project search, the version lists of SHOP and PAY.
    expect(site.jira.stats().requests).toBeLessThanOrEqual(4);
  });
});

describe('booking environment slots', () => {
  it.each<[string, (s: PlanSettingsView) => unknown, string, string]>([
    ['an end before the start', (s) => slot(envId(s, 'UAT-1'), 'SHOP 2.4', '2026-11-27T09:00:00Z', '2026-11-26T09:00:00Z'), 'VALIDATION', 'must end after it starts'],
    ['an unknown environment', () => slot('env-nowhere', 'SHOP 2.4', '2026-11-25T09:00:00Z', '2026-11-26T09:00:00Z'), 'VALIDATION', 'no environment “env-nowhere”'],
    ['a slot after the version’s release day', (s) => slot(envId(s, 'UAT-1'), 'SHOP 2.4', '2026-12-02T09:00:00Z', '2026-12-04T09:00:00Z'), 'VALIDATION', 'must end by the end of that day'],
    ['a slot before the version starts', (s) => slot(envId(s, 'UAT-1'), 'SHOP 2.5', '2026-11-25T09:00:00Z', '2026-11-26T09:00:00Z'), 'VALIDATION', 'cannot start before'],
    ['a version of another project', (s) => slot(envId(s, 'UAT-1'), 'PAY 3.1', '2026-11-25T09:00:00Z', '2026-11-26T09:00:00Z'), 'VALIDATION', 'this project has no version'],
    ['a time that is not a time', (s) => slot(envId(s, 'UAT-1'), 'SHOP 2.4', 'tomorrow', '2026-11-26T09:00:00Z'), 'VALIDATION', 'slot.from'],
    ['an oversized note', (s) => slot(envId(s, 'UAT-1'), 'SHOP 2.4', '2026-11-25T09:00:00Z', '2026-11-26T09:00:00Z', { note: 'x'.repeat(501) }), 'VALIDATION', 'at most 500'],
    ['an oversized payload', (s) => slot(envId(s, 'UAT-1'), 'SHOP 2.4', '2026-11-25T09:00:00Z', '2026-11-26T09:00:00Z', { note: 'x'.repeat(MAX_PAYLOAD_BYTES) }), 'PAYLOAD_TOO_LARGE', ''],
    ['a view of more than 400 days', (s) => ({ ...(slot(envId(s, 'UAT-1'), 'SHOP 2.4', '2026-11-25T09:00:00Z', '2026-11-26T09:00:00Z') as object), view: { from: '2026-01-01', to: '2027-12-31' } }), 'VALIDATION', 'at most 400 days'],
  ])('refuses %s with a clear error and stores nothing', async (_case, payload, code, detail) => {
    const settings = await addEnvironments();
    const before = JSON.stringify(store.snapshot());
    const result = await call('saveEnvironmentSlot', payload(settings));
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (detail) expect([(result as { error: { message: string } }).error.message, ...((result as { error: { details?: string[] } }).error.details ?? [])].join(' ')).toContain(detail);
    expect(JSON.stringify(store.snapshot())).toBe(before);
  });

  it('finds a clash with another project on the same environment, explains it, and the suggested fix clears it', async () => {
    const settings = await addEnvironments();
    const uat2 = envId(settings, 'UAT-2');
    ok(await call('saveEnvironmentSlot', { ...slot(uat2, 'PAY 3.1', '2026-11-25T09:00:00Z', '2026-11-27T17:00:00Z'), view: VIEW }, admin(), 'PAY'));
    const view = ok(await call<ReleaseCalendarView>('saveEnvironmentSlot', slot(uat2, 'SHOP 2.4', '2026-11-26T09:00:00Z', '2026-11-28T17:00:00Z'), releaseManager()));
    const clash = view.conflicts.find((c) => c.rule === 'double-booking')!;
    expect(clash).toMatchObject({ severity: 'error', title: 'UAT-2 is double-booked' });
    expect(clash.explanation).toContain('SHOP 2.4');
    expect(clash.explanation).toContain('PAY 3.1');
    const fix = clash.fixes[0]!.action as { type: 'move-slot'; slotId: string; from: string; to: string; environmentId: string };
    expect(fix).toMatchObject({ type: 'move-slot', from: '2026-11-27T17:00:00.000Z', environmentId: uat2 });
    const mine = view.slots.find((s) => s.id === fix.slotId) as Extract<ReleaseCalendarView['slots'][number], { hidden?: false }>;
    const fixed = ok(
      await call<ReleaseCalendarView>(
        'saveEnvironmentSlot',
        { slot: { id: mine.id, versionId: mine.versionId, environmentId: fix.environmentId, from: fix.from, to: fix.to, required: true }, current: { environmentId: mine.environmentId, from: mine.from }, expectedUpdatedAt: mine.updatedAt, view: VIEW },
        releaseManager(),
      ),
    );
    expect(fixed.conflicts.filter((c) => c.rule === 'double-booking')).toEqual([]);
  });

  it('shows a booking of a project the viewer cannot browse without its version', async () => {
    const settings = await addEnvironments();
    ok(await call('saveEnvironmentSlot', slot(envId(settings, 'UAT-2'), 'PAY 3.1', '2026-11-25T09:00:00Z', '2026-11-27T17:00:00Z'), admin(), 'PAY'));
    const view = ok(await call<ReleaseCalendarView>('getReleaseCalendar', VIEW, viewer()));
    expect(view.slots).toEqual([{ id: expect.any(String), environmentId: envId(settings, 'UAT-2'), from: '2026-11-25T09:00:00.000Z', to: '2026-11-27T17:00:00.000Z', hidden: true }]);
    expect(JSON.stringify(view.slots)).not.toContain('PAY');
    expect(JSON.stringify(view)).not.toContain(version('PAY 3.1').id);
  });

  it('never loses a booking when several people book at once', async () => {
    const settings = await addEnvironments();
    const uat1 = envId(settings, 'UAT-1');
    const days = ['25', '26', '27', '28', '29', '30'];
    const results = await Promise.all(days.map((d) => call<ReleaseCalendarView>('saveEnvironmentSlot', slot(uat1, 'SHOP 2.4', `2026-11-${d}T09:00:00Z`, `2026-11-${d}T12:00:00Z`))));
    for (const r of results) expect(r.ok).toBe(true);
    const view = ok(await call<ReleaseCalendarView>('getReleaseCalendar', VIEW));
    expect(view.slots).toHaveLength(days.length);
  });

  it('refuses an edit of a booking someone else changed meanwhile', async () => {
    const settings = await addEnvironments();
    const uat1 = envId(settings, 'UAT-1');
    const first = ok(await call<ReleaseCalendarView>('saveEnvironmentSlot', slot(uat1, 'SHOP 2.4', '2026-11-25T09:00:00Z', '2026-11-26T09:00:00Z')));
    const opened = first.slots[0] as Extract<ReleaseCalendarView['slots'][number], { hidden?: false }>;
    const edit = (to: string, expectedUpdatedAt: string, current = opened) => ({ slot: { id: opened.id, versionId: opened.versionId, environmentId: uat1, from: opened.from, to, required: true }, current: { environmentId: current.environmentId, from: current.from }, expectedUpdatedAt, view: VIEW });
    site.deps.clock = { now: () => new Date('2026-11-24T10:05:00Z') };
    try {
      ok(await call('saveEnvironmentSlot', edit('2026-11-26T12:00:00Z', opened.updatedAt)));
      const before = JSON.stringify(store.snapshot());
      expect(await call('saveEnvironmentSlot', edit('2026-11-26T15:00:00Z', opened.updatedAt))).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Someone else changed this slot') } });
      expect(JSON.stringify(store.snapshot())).toBe(before);
    } finally {
      site.deps.clock = { now: () => new Date('2026-11-24T10:00:00Z') };
    }
  });

  it('moves a booking to another environment and quarter in one step, and deletes it', async () => {
    const settings = await addEnvironments();
    const first = ok(await call<ReleaseCalendarView>('saveEnvironmentSlot', slot(envId(settings, 'UAT-1'), 'SHOP 2.5', '2026-12-28T09:00:00Z', '2026-12-30T09:00:00Z', { required: false })));
    const s = first.slots[0] as Extract<ReleaseCalendarView['slots'][number], { hidden?: false }>;
    const moved = ok(
      await call<ReleaseCalendarView>('saveEnvironmentSlot', {
        slot: { id: s.id, versionId: s.versionId, environmentId: envId(settings, 'NFT'), from: '2027-01-04T09:00:00Z', to: '2027-01-06T09:00:00Z', required: false },
        current: { environmentId: s.environmentId, from: s.from },
        view: VIEW,
      }),
    );
    expect(moved.slots).toEqual([expect.objectContaining({ id: s.id, environmentId: envId(settings, 'NFT'), from: '2027-01-04T09:00:00.000Z' })]);
    expect((await readSplitDoc<{ slots: unknown[] }>(store, bookingsDoc(envId(settings, 'UAT-1'), '2026q4')))?.value.slots).toEqual([]);
    const gone = ok(await call<ReleaseCalendarView>('deleteEnvironmentSlot', { slotId: s.id, current: { environmentId: envId(settings, 'NFT'), from: '2027-01-04T09:00:00.000Z' }, view: VIEW }));
    expect(gone.slots).toEqual([]);
  });
});

describe('undoing a delete', () => {
  type Slot = Extract<ReleaseCalendarView['slots'][number], { hidden?: false }>;
  const bookUat = async () => {
    const settings = await addEnvironments();
    const view = ok(await call<ReleaseCalendarView>('saveEnvironmentSlot', slot(envId(settings, 'UAT-1'), 'SHOP 2.5', '2026-12-28T09:00:00Z', '2026-12-30T09:00:00Z', { note: 'Regression run' })));
    return { settings, booked: view.slots[0] as Slot };
  };

  it('puts a deleted booking back as it was, once, however often Undo is pressed', async () => {
    const { booked } = await bookUat();
    const current = { environmentId: booked.environmentId, from: booked.from };
    expect(ok(await call<ReleaseCalendarView>('deleteEnvironmentSlot', { slotId: booked.id, current, deletionId: 'del-slot-1', view: VIEW })).slots).toEqual([]);
    // A retried delete is the same delete.
    expect(ok(await call<ReleaseCalendarView>('deleteEnvironmentSlot', { slotId: booked.id, current, deletionId: 'del-slot-1', view: VIEW })).slots).toEqual([]);
    const restored = ok(await call<ReleaseCalendarView>('restoreEnvironmentSlot', { deletionId: 'del-slot-1', view: VIEW }));
    expect(restored.slots).toEqual([booked]);
    expect(ok(await call<ReleaseCalendarView>('restoreEnvironmentSlot', { deletionId: 'del-slot-1', view: VIEW })).slots).toEqual([booked]);
  });

  it('puts a deleted environment back under its id with its maintenance windows', async () => {
    const settings = await addEnvironments();
    const nft = settings.environments.find((e) => e.name === 'NFT')!;
    ok(await call('savePlanWindow', { window: { kind: 'maintenance', scope: { type: 'environment', environmentId: nft.id }, from: '2026-12-01T00:00:00Z', to: '2026-12-01T04:00:00Z', reason: 'Patching' }, view: VIEW }));
    const before = ok(await call<ReleaseCalendarView>('getReleaseCalendar', VIEW)).windows;
    expect(ok(await call<PlanSettingsView>('deleteEnvironment', { environmentId: nft.id, deletionId: 'del-env-1' })).environments.map((e) => e.name)).not.toContain('NFT');
    expect(ok(await call<ReleaseCalendarView>('getReleaseCalendar', VIEW)).windows).toEqual([]);
    const back = ok(await call<PlanSettingsView>('restoreEnvironment', { deletionId: 'del-env-1' }));
    expect(back.environments.find((e) => e.id === nft.id)).toEqual(nft);
    expect(ok(await call<ReleaseCalendarView>('getReleaseCalendar', VIEW)).windows).toEqual(before);
  });

  it('puts a deleted change freeze back', async () => {
    const saved = ok(await call<ReleaseCalendarView>('savePlanWindow', { window: { kind: 'freeze', scope: { type: 'project', projectKey: 'SHOP' }, from: '2026-12-20T00:00:00Z', to: '2027-01-04T00:00:00Z', reason: 'Holidays' }, view: VIEW }));
    const freeze = saved.windows[0]!;
    expect(ok(await call<ReleaseCalendarView>('deletePlanWindow', { windowId: freeze.id, deletionId: 'del-win-1', view: VIEW })).windows).toEqual([]);
    expect(ok(await call<ReleaseCalendarView>('restorePlanWindow', { deletionId: 'del-win-1', view: VIEW })).windows).toEqual([freeze]);
  });

  const deleteNft = (deletionId: string) => async (nftId: string) => {
    ok(await call('deleteEnvironment', { environmentId: nftId, deletionId }));
  };
  it.each<[string, (nftId: string) => Promise<void>, () => Promise<unknown>, string]>([
    [
      'another environment took the name meanwhile',
      async (nftId) => {
        await deleteNft('del-env-2')(nftId);
        ok(await call('saveEnvironment', { environment: { name: 'NFT', tier: 'NFT', components: [], status: 'available', capacity: 2 } }));
      },
      () => call('restoreEnvironment', { deletionId: 'del-env-2' }),
      'VALIDATION',
    ],
    ['the delete is unknown', async () => undefined, () => call('restoreEnvironment', { deletionId: 'del-never' }), 'NOT_FOUND'],
    ['the delete was made in another project', deleteNft('del-env-3'), () => call('restoreEnvironment', { deletionId: 'del-env-3' }, admin(), 'PAY'), 'NOT_FOUND'],
    ['a developer asks', deleteNft('del-env-4'), () => call('restoreEnvironment', { deletionId: 'del-env-4' }, developer()), 'FORBIDDEN'],
    [
      'the slot’s environment was deleted meanwhile',
      async (nftId) => {
        const view = ok(await call<ReleaseCalendarView>('saveEnvironmentSlot', slot(nftId, 'SHOP 2.5', '2026-12-28T09:00:00Z', '2026-12-30T09:00:00Z')));
        const booked = view.slots[0] as Slot;
        ok(await call('deleteEnvironmentSlot', { slotId: booked.id, current: { environmentId: nftId, from: booked.from }, deletionId: 'del-slot-2', view: VIEW }));
        ok(await call('deleteEnvironment', { environmentId: nftId }));
      },
      () => call('restoreEnvironmentSlot', { deletionId: 'del-slot-2', view: VIEW }),
      'VALIDATION',
    ],
    [
      'it comes after the trash has forgotten the delete',
      async (nftId) => {
        await deleteNft('del-env-5')(nftId);
        site.deps.clock = { now: () => new Date(Date.parse('2026-11-24T10:00:00Z') + TRASH_RETENTION_MS) };
      },
      () => call('restoreEnvironment', { deletionId: 'del-env-5' }),
      'NOT_FOUND',
    ],
  ])('refuses the undo, changing nothing, when %s', async (_case, setUp, restore, code) => {
    const clock = site.deps.clock;
    try {
      const settings = await addEnvironments();
      await setUp(envId(settings, 'NFT'));
      // The plan's documents (a project's zone cache may be written on its first call).
      const plan = () => Object.entries(store.snapshot().versioned).filter(([key]) => key.startsWith('plan:'));
      const before = plan();
      expect(await restore()).toMatchObject({ ok: false, error: { code } });
      expect(plan()).toEqual(before);
    } finally {
      site.deps.clock = clock;
    }
  });
});

describe('windows, deployments and dependencies', () => {
  it('flags a production slot inside a site-wide freeze and refuses maintenance for the whole site', async () => {
    const settings = await addEnvironments();
    const prod = envId(settings, 'Production');
    ok(await call('savePlanWindow', { window: { kind: 'freeze', scope: { type: 'site' }, tiers: ['PROD'], from: '2026-11-30T00:00:00Z', to: '2026-12-05T00:00:00Z', reason: 'Cyber week' }, view: VIEW }));
    const view = ok(await call<ReleaseCalendarView>('saveEnvironmentSlot', slot(prod, 'SHOP 2.4', '2026-12-02T18:00:00Z', '2026-12-02T22:00:00Z', { required: false })));
    expect(view.conflicts.map((c) => c.rule)).toContain('slot-in-freeze');
    expect(view.conflicts.find((c) => c.rule === 'slot-in-freeze')!.explanation).toContain('Cyber week');
    const before = JSON.stringify(store.snapshot());
    expect(await call('savePlanWindow', { window: { kind: 'maintenance', scope: { type: 'site' }, from: '2026-12-01T00:00:00Z', to: '2026-12-01T04:00:00Z', reason: 'Patching' }, view: VIEW })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: ['scope: maintenance is planned for one environment.'] },
    });
    expect(await call('savePlanWindow', { window: { kind: 'freeze', scope: { type: 'project', projectKey: 'PAY' }, from: '2026-12-01T00:00:00Z', to: '2026-12-01T04:00:00Z', reason: 'Not ours' }, view: VIEW })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.stringify(store.snapshot())).toBe(before);
  });

  it('shows deployments from the web trigger on the inventory environment of the same name, and records one by hand', async () => {
    const settings = await addEnvironments();
    await replaceSigningSecret(site.deps, 'ci-admin', 'secret-for-tests');
    const body = JSON.stringify({ deploymentId: 'run-1', environment: 'uat-1', status: 'successful', deployedAt: '2026-11-20T10:00:00Z', projectKey: 'SHOP', version: 'SHOP 2.4' });
    const ts = String(Math.floor(site.deps.clock.now().getTime() / 1000));
    expect((await ingestDeployment(site.deps, { method: 'POST', headers: { 'x-release-signature': await signDeploymentBody('secret-for-tests', ts, body), 'x-release-timestamp': ts }, body })).statusCode).toBe(201);
    const recorded = ok(
      await call<ReleaseCalendarView>('recordDeployment', { deployment: { versionId: version('SHOP 2.4').id, environmentId: envId(settings, 'SIT'), at: '2026-11-22T08:00:00Z', status: 'successful', note: 'Hotfix by hand' }, view: VIEW }),
    );
    expect(recorded.deployments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'run-1', environmentId: envId(settings, 'UAT-1'), versionId: version('SHOP 2.4').id, source: 'ci' }),
        expect.objectContaining({ environmentId: envId(settings, 'SIT'), source: 'manual', recordedBy: admin() }),
      ]),
    );
    // SIT after UAT: the promotion order is broken.
    expect(recorded.conflicts.map((c) => c.rule)).toContain('promotion-order');
    expect(await call('recordDeployment', { deployment: { versionId: version('SHOP 2.4').id, environmentId: envId(settings, 'SIT'), at: '2026-11-30T08:00:00Z', status: 'successful' }, view: VIEW })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('keeps cross-project dependencies as app data and warns when the dependency is due later', async () => {
    await addEnvironments();
    // Move PAY 3.1 after SHOP 2.4 in Jira, as a team might.
    const pay31 = version('PAY 3.1');
    const original = pay31.releaseDate;
    pay31.releaseDate = '2026-12-10';
    try {
      const view = ok(await call<ReleaseCalendarView>('setVersionDependencies', { versionId: version('SHOP 2.4').id, dependsOn: [{ projectKey: 'PAY', versionId: pay31.id }], view: VIEW }));
      const late = view.conflicts.find((c) => c.rule === 'dependency-later')!;
      expect(late.severity).toBe('error');
      expect(late.explanation).toContain('7 days later');
      expect(view.versions.find((v) => v.id === version('SHOP 2.4').id)!.dependsOn).toEqual([{ projectKey: 'PAY', versionId: pay31.id }]);
    } finally {
      pay31.releaseDate = original;
    }
    expect(await call('setVersionDependencies', { versionId: version('SHOP 2.4').id, dependsOn: [{ projectKey: 'SHOP', versionId: version('SHOP 2.5').id }], view: VIEW })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('warns about more releases on one day than the project allows', async () => {
    ok(await call('savePlanSettings', { maxReleasesPerDay: 1, relatedProjects: ['PAY'], revision: ok(await call<PlanSettingsView>('getPlanSettings', {})).settingsRevision }));
    const shop24 = version('SHOP 2.4');
    const pay31 = version('PAY 3.1');
    const original = pay31.releaseDate;
    pay31.releaseDate = shop24.releaseDate;
    try {
      const view = ok(await call<ReleaseCalendarView>('getReleaseCalendar', VIEW));
      expect(view.conflicts.find((c) => c.rule === 'too-many-releases')?.explanation).toContain('the limit is 1 release a day');
    } finally {
      pay31.releaseDate = original;
    }
    expect(await call('savePlanSettings', { maxReleasesPerDay: 1, relatedProjects: ['NOPE'], revision: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('readiness on the calendar', () => {
  it('shows the health of versions due soon in the weekly status\'s words, once the roll-up is built', async () => {
    const shop24 = version('SHOP 2.4');
    const before = ok(await call<ReleaseCalendarView>('getReleaseCalendar', VIEW));
    expect(before.versions.find((v) => v.id === shop24.id)!.health).toBeUndefined();
    await reconcileReleaseReadiness(site.deps, facts.project('SHOP').id, shop24.id);
    const after = ok(await call<ReleaseCalendarView>('getReleaseCalendar', VIEW));
    const health = after.versions.find((v) => v.id === shop24.id)!.health;
    expect(health).toMatchObject({ word: expect.stringMatching(/^(On track|At risk|Overdue)$/), reason: expect.any(String) });
    // Far-off versions are not rolled up for the calendar.
    expect(after.versions.find((v) => v.name === 'SHOP 3.0')!.health).toBeUndefined();
  });
});

describe('the calendar feed', () => {
  const feed = (project: string, token: string) => serveCalendarFeed(site.deps, { method: 'GET', query: { project, token } });

  it('serves the project’s calendar to the current token only, and 404 with nothing revealed otherwise', async () => {
    const settings = await addEnvironments();
    ok(await call('saveEnvironmentSlot', slot(envId(settings, 'UAT-1'), 'SHOP 2.4', '2026-11-25T09:00:00Z', '2026-11-27T17:00:00Z', { note: 'Sign-off; bring the checklist, please' })));
    const first = ok(await call<CalendarFeedToken>('rotateCalendarFeedToken', {}, releaseManager()));
    expect((await store.get<{ hash: string }>(keys.calendarFeedToken('SHOP')))?.hash).not.toContain(first.token);

    const answer = await feed('SHOP', first.token);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['Content-Type']).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(answer.body));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.summary)).toEqual(expect.arrayContaining(['SHOP 2.4 release', 'SHOP 2.4 on UAT-1']));
    expect(events.find((e) => e.summary === 'SHOP 2.4 on UAT-1')!.description).toContain('Sign-off; bring the checklist, please');

    const second = ok(await call<CalendarFeedToken>('rotateCalendarFeedToken', {}));
    const notFound = { statusCode: 404, body: 'Not found' };
    expect(await feed('SHOP', first.token)).toMatchObject(notFound);
    expect(await feed('SHOP', `${second.token.slice(0, -1)}${second.token.endsWith('A') ? 'B' : 'A'}`)).toMatchObject(notFound);
    expect(await feed('PAY', second.token)).toMatchObject(notFound);
    expect(await feed('NOPE', second.token)).toMatchObject(notFound);
    expect(await feed('SHOP', '')).toMatchObject(notFound);
    expect((await feed('SHOP', second.token)).statusCode).toBe(200);
    ok(await call('disableCalendarFeed', {}));
    expect(await feed('SHOP', second.token)).toMatchObject(notFound);
  });

  it('lets only editors rotate the token', async () => {
    expect(await call('rotateCalendarFeedToken', {}, viewer())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await store.get(keys.calendarFeedToken('SHOP'))).toBeUndefined();
  });
});
