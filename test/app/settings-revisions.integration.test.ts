/**
 * Optimistic concurrency on the settings documents: a save names the revision its page loaded; a
 * save from a page opened before someone else's save is refused (CONFLICT, telling the user to
 * reload) and changes nothing, then goes through once the page is reloaded.
 */
import type { KpiSettingsView, PlanSettingsView, ReleaseNotesSettingsView, ResolverResult } from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { DEFAULT_KPI_SETTINGS } from '../../src/domain/kpis/settings';
import { keys } from '../../src/store/keys';
import { DEMO_ACCOUNT } from '../../local/fake-jira';
import { type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;

beforeEach(async () => {
  site = await startDemoSite();
  facts = demoFacts(site.jira.dataset);
  // Where release notes go, as `npm start` sets it for the demo site.
  await site.store.set(keys.reportSettings(), { spaceKey: 'REL' });
});
afterEach(() => site.close());

async function call<T>(name: string, accountId: string, payload: unknown = {}): Promise<ResolverResult<T>> {
  const project = facts.project('SHOP');
  const context = { accountId, moduleKey: 'releases-settings', extension: { type: 'jira:projectSettingsPage', project: { id: project.id, key: 'SHOP', type: 'software' } } };
  return (await dispatchResolver(site.deps, name, payload, context)) as ResolverResult<T>;
}

function data<T>(result: ResolverResult<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

/** One settings document: how to load it, the revision the page holds, a save carrying a change, what is stored. */
interface SettingsDocument<V> {
  load: string;
  save: string;
  revision(view: V): number;
  payload(view: V, change: number): unknown;
  /** The change (as passed to payload) the stored document holds. */
  stored(view: V): number;
}

const kpiSettings: SettingsDocument<KpiSettingsView> = {
  load: 'getKpiSettings',
  save: 'saveKpiSettings',
  revision: (view) => view.revision,
  payload: (view, change) => ({ settings: { ...view.settings, windowDays: change }, revision: view.revision }),
  stored: (view) => view.settings.windowDays,
};

const releaseNotesSettings: SettingsDocument<ReleaseNotesSettingsView> = {
  load: 'getReleaseNotesSettings',
  save: 'saveReleaseNotesSettings',
  revision: (view) => view.revision,
  payload: (view, change) => ({ template: { ...view.settings.template, intro: `Intro ${change}` }, publishing: view.settings.publishing, revision: view.revision }),
  stored: (view) => Number(view.settings.template.intro.replace('Intro ', '')),
};

const planSettings: SettingsDocument<PlanSettingsView> = {
  load: 'getPlanSettings',
  save: 'savePlanSettings',
  revision: (view) => view.settingsRevision,
  payload: (view, change) => ({ ...view.settings, maxReleasesPerDay: change, revision: view.settingsRevision }),
  stored: (view) => view.settings.maxReleasesPerDay,
};

describe.each<[string, SettingsDocument<never>]>([
  ['the KPI definitions (site-wide)', kpiSettings as SettingsDocument<never>],
  ['the release-notes settings', releaseNotesSettings as SettingsDocument<never>],
  ['the calendar rules (plan settings)', planSettings as SettingsDocument<never>],
])('%s', (_name, document) => {
  const first = DEMO_ACCOUNT.releaseManager;
  const second = () => facts.admin.accountId;

  it('refuses a save from a page opened before another admin saved, tells the user to reload, and keeps the other admin’s change', async () => {
    const stale = data(await call<never>(document.load, first));
    const fresh = data(await call<never>(document.load, second()));
    data(await call(document.save, second(), document.payload(fresh, 30)));

    const refused = await call(document.save, first, document.payload(stale, 40));
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/reload/i) } });
    expect(document.stored(data(await call<never>(document.load, first)))).toBe(30);

    // Reloaded, the same change goes through, over the other admin's revision.
    const reloaded = data(await call<never>(document.load, first));
    const saved = data(await call<never>(document.save, first, document.payload(reloaded, 40)));
    expect(document.stored(saved)).toBe(40);
    expect(document.revision(saved)).toBe(document.revision(reloaded) + 1);
  });

  it('lets only one of two saves from the same revision land', async () => {
    const a = data(await call<never>(document.load, first));
    const b = data(await call<never>(document.load, second()));
    const results = await Promise.all([call(document.save, first, document.payload(a, 21)), call(document.save, second(), document.payload(b, 22))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: 'CONFLICT' } });
    const winner = results.findIndex((r) => r.ok) === 0 ? 21 : 22;
    expect(document.stored(data(await call<never>(document.load, first)))).toBe(winner);
  });

  it('refuses a save without a revision as malformed', async () => {
    const view = data(await call<never>(document.load, first));
    const { revision: _dropped, ...payload } = document.payload(view, 33) as { revision: number };
    expect(await call(document.save, first, payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('KPI definitions saved before revisions were checked', () => {
  it('are read at revision 0, and the first save with it replaces the plain copy', async () => {
    await site.store.set(keys.kpiSettings(), { ...DEFAULT_KPI_SETTINGS, windowDays: 56 });
    const view = data(await call<KpiSettingsView>('getKpiSettings', DEMO_ACCOUNT.releaseManager));
    expect(view).toMatchObject({ revision: 0, settings: { windowDays: 56 } });
    const saved = data(await call<KpiSettingsView>('saveKpiSettings', DEMO_ACCOUNT.releaseManager, { settings: { ...view.settings, windowDays: 28 }, revision: 0 }));
    expect(saved).toMatchObject({ revision: 1, settings: { windowDays: 28 } });
    expect(await site.store.get(keys.kpiSettings())).toBeUndefined();
    expect(await call('saveKpiSettings', facts.admin.accountId, { settings: view.settings, revision: 0 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('the calendar rules’ revision', () => {
  it('does not move when the project’s plan document changes for something else (freezes, dependencies)', async () => {
    const before = data(await call<PlanSettingsView>('getPlanSettings', DEMO_ACCOUNT.releaseManager));
    await site.store.transact([
      {
        kind: 'put',
        key: keys.planProject('SHOP'),
        value: { freezes: [], dependencies: { '10001': [] }, settings: before.settings, settingsRevision: before.settingsRevision },
        expectRev: (await site.store.getVersioned(keys.planProject('SHOP')))?.rev ?? 0,
      },
    ]);
    expect(await call('savePlanSettings', DEMO_ACCOUNT.releaseManager, { ...before.settings, maxReleasesPerDay: 4, revision: before.settingsRevision })).toMatchObject({ ok: true });
  });
});
