import type { ResolverResult, RunbookView } from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { type InventoryDoc, type SiteWindowsDoc, emptyInventory, emptySiteWindows, siteWindowsDoc } from '../../src/app/release-plan/documents';
import { updateSplitDoc } from '../../src/store/sharded-list';
import type { PlanWindow } from '../../src/contract-release-plan';
import { keys } from '../../src/store/keys';
import { updateVersioned } from '../../src/store/versioned-update';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { DEMO_NOW, type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';
import { type SmallRelease, createSmallRelease } from '../support/go-no-go-release';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;
let release: SmallRelease;
let now = DEMO_NOW;

const { releaseManager: RAVI, qa: PRIYA, developer: DANA, viewer: SAM } = DEMO_ACCOUNT;

beforeAll(async () => {
  site = await startDemoSite({ clock: { now: () => now } });
  facts = demoFacts(site.jira.dataset);
  release = await createSmallRelease(site.jira.url, { name: 'SHOP 3.1.0', startDate: '2026-11-18', releaseDate: '2026-12-04' });
  // Set-up, not the subject: a UAT and a production environment in the release plan's inventory.
  const env = (id: string, name: string, tier: 'UAT' | 'PROD') => ({ id, name, tier, components: [], status: 'available' as const, capacity: 1, updatedAt: DEMO_NOW.toISOString(), updatedBy: RAVI });
  await updateVersioned<InventoryDoc>(site.store, keys.planInventory(), emptyInventory, (doc) => ({ ...doc, environments: [env('env-uat', 'UAT-1', 'UAT'), env('env-prod', 'PROD-EU', 'PROD')] }));
});
afterAll(() => site.close());

const context = (accountId: string) => ({
  accountId,
  moduleKey: 'releases-page',
  extension: { type: 'jira:projectPage', project: { id: facts.project('SHOP').id, key: 'SHOP', type: 'software' } },
});

async function call(name: string, accountId: string, payload: unknown): Promise<ResolverResult<RunbookView>> {
  return (await dispatchResolver(site.deps, name, payload, context(accountId))) as ResolverResult<RunbookView>;
}

async function ok(name: string, accountId: string, payload: unknown): Promise<RunbookView> {
  const result = await call(name, accountId, payload);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

const act = (accountId: string, rehearsal: number, stepId: string, expectedStatus: string, action: Record<string, unknown>) =>
  call('actOnRehearsalStep', accountId, { versionId: release.versionId, rehearsal, stepId, expectedStatus, action });
const later = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};

describe('rehearsals of a go-live runbook', () => {
  it('run on a non-production environment without a GO decision, are kept apart from the live run, and show the rehearsed durations against the plan', async () => {
    const created = await ok('createRunbook', RAVI, { versionId: release.versionId, from: { type: 'template' } });
    const freeze = created.plan.steps.find((s) => s.id === 'announce-window')!;
    await ok('saveRunbookStep', RAVI, { versionId: release.versionId, planRevision: created.planRevision, step: { ...freeze, owner: { type: 'user', accountId: PRIYA } } });
    const before = await ok('getRunbook', SAM, { versionId: release.versionId });
    expect(before.startGate.allowed).toBe(false); // no GO decision yet: the live run may not start, a rehearsal may
    expect(before.rehearsals).toMatchObject({ records: [], durations: [], environments: [{ id: 'env-uat', name: 'UAT-1', tier: 'UAT' }], canStart: false });

    // Refused, and nothing stored: a stakeholder starting one, production, an unknown environment.
    for (const [who, environmentId, code, message] of [
      [SAM, 'env-uat', 'FORBIDDEN', 'release managers can start a rehearsal'],
      [RAVI, 'env-prod', 'VALIDATION', 'PROD-EU is a Production environment'],
      [RAVI, 'env-none', 'VALIDATION', 'Choose an environment'],
    ] as const) {
      const refused = await call('startRunbookRehearsal', who, { versionId: release.versionId, environmentId });
      expect(refused).toMatchObject({ ok: false, error: { code, message: expect.stringContaining(message) } });
    }
    expect(await site.store.getVersioned(keys.runbookRehearsals(facts.project('SHOP').id, release.versionId))).toBeUndefined();

    const started = await ok('startRunbookRehearsal', RAVI, { versionId: release.versionId, environmentId: 'env-uat' });
    expect(started.rehearsals?.records).toEqual([
      expect.objectContaining({ status: 'running', header: expect.objectContaining({ number: 1, environmentName: 'UAT-1', authority: 'rehearsal', startedBy: expect.objectContaining({ displayName: 'Ravi Menon' }) }) }),
    ]);
    expect(started.run).toBeUndefined();
    expect(started.rehearsals?.canStart).toBe(false);
    const second = await call('startRunbookRehearsal', RAVI, { versionId: release.versionId, environmentId: 'env-uat' });
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Rehearsal 1 on UAT-1') } });

    // The owner acts on her step as in a live run; a developer who owns nothing follows along.
    expect(await act(DANA, 1, 'announce-window', 'not-started', { type: 'start' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await ok('actOnRehearsalStep', PRIYA, { versionId: release.versionId, rehearsal: 1, stepId: 'announce-window', expectedStatus: 'not-started', action: { type: 'start' } });
    later(32);
    const completed = await ok('actOnRehearsalStep', PRIYA, { versionId: release.versionId, rehearsal: 1, stepId: 'announce-window', expectedStatus: 'running', action: { type: 'complete' } });
    expect(completed.rehearsals?.durations).toEqual([
      { stepId: 'announce-window', plannedMinutes: 10, rehearsedMinutes: 32, rehearsal: 1, environmentName: 'UAT-1', warning: 'planned 10 min, rehearsed 32 min' },
    ]);
    // The second of two people acting on one step at once is told; the live run never started.
    expect(await act(RAVI, 1, 'announce-window', 'running', { type: 'complete' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('was completed by Priya Shah') } });
    expect(await act(RAVI, 2, 'announce-window', 'not-started', { type: 'start' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('has no rehearsal 2') } });
    const after = await ok('getRunbook', SAM, { versionId: release.versionId });
    expect(after.run).toBeUndefined();
    expect(after.startGate.allowed).toBe(false);
    expect(await site.store.getVersioned(keys.runbookRun(facts.project('SHOP').id, release.versionId))).toBeUndefined();
  });

  it('checks each step’s environment and planned time against the release calendar, in its words', async () => {
    // Set-up, not the subject: a site-wide production freeze in the release plan on the evening of the go-live.
    const freeze = { id: 'fz-payday', kind: 'freeze', scope: { type: 'site' }, tiers: ['PROD'], from: '2026-12-03T19:00:00.000Z', to: '2026-12-03T21:00:00.000Z', reason: 'Payday traffic', updatedAt: DEMO_NOW.toISOString(), updatedBy: RAVI } satisfies PlanWindow;
    await updateSplitDoc<SiteWindowsDoc>(site.store, siteWindowsDoc(), emptySiteWindows, (doc) => ({ windows: [...doc.windows, freeze] }));
    const view = await ok('getRunbook', RAVI, { versionId: release.versionId });
    const deploy = view.plan.steps.find((s) => s.id === 'deploy-prod')!;
    const placed = await ok('saveRunbookStep', RAVI, { versionId: release.versionId, planRevision: view.planRevision, step: { ...deploy, environment: 'prod-eu' } });
    expect(placed.calendarConflicts).toBeUndefined(); // no go-live start yet: nothing to place on the calendar
    const timed = await ok('setGoLiveStart', RAVI, { versionId: release.versionId, planRevision: placed.planRevision, goLiveStart: '2026-12-03T20:00:00.000Z' });
    expect(timed.calendarConflicts).toEqual([
      expect.objectContaining({
        stepIds: ['deploy-prod'],
        rule: 'slot-in-freeze',
        title: '“Deploy the release to production”: SHOP 3.1.0 on PROD-EU falls in a change freeze',
        explanation: expect.stringContaining('which overlaps the change freeze site-wide “Payday traffic”'),
        fixes: [expect.stringMatching(/^Move SHOP 3.1.0 on PROD-EU to .*, clear of the freeze\.$/)],
      }),
    ]);
  });
});
