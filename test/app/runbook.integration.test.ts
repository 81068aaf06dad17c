import ICAL from 'ical.js';
import type { AuditLogView, CalendarFeedToken, ResolverResult, RunbookAuditView, RunbookTemplateView, RunbookView } from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { serveCalendarFeed } from '../../src/app/release-plan/calendar-feed';
import { defaultTemplate } from '../../src/domain/runbook/templates';
import { type InventoryDoc, type SiteWindowsDoc, emptyInventory, emptySiteWindows } from '../../src/app/release-plan/documents';
import { keys } from '../../src/store/keys';
import { updateVersioned } from '../../src/store/versioned-update';
import { ACCESS_TTL_MS } from '../../src/app/session-facts';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { DEMO_NOW, type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';
import { type SmallRelease, createSmallRelease } from '../support/go-no-go-release';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;
let major: SmallRelease;
let now = DEMO_NOW;

const { releaseManager: RAVI, qa: PRIYA, developer: DANA, viewer: SAM, outsider: NINA } = DEMO_ACCOUNT;
const GO_LIVE = '2026-11-24T22:00:00.000Z';

beforeAll(async () => {
  site = await startDemoSite({ clock: { now: () => now } });
  facts = demoFacts(site.jira.dataset);
  major = await createSmallRelease(site.jira.url, { name: 'SHOP 3.0.0', startDate: '2026-11-18', releaseDate: '2026-11-27' });
});
afterAll(() => site.close());

const context = (accountId: string, key = 'SHOP') => ({
  accountId,
  moduleKey: 'releases-page',
  extension: { type: 'jira:projectPage', project: { id: facts.project(key).id, key, type: 'software' } },
});

async function call<T>(name: string, accountId: string, payload: unknown): Promise<ResolverResult<T>> {
  return (await dispatchResolver(site.deps, name, payload, context(accountId))) as ResolverResult<T>;
}

async function ok<T = RunbookView>(name: string, accountId: string, payload: unknown): Promise<T> {
  const result = await call<T>(name, accountId, payload);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

const runbook = (accountId: string, versionId = major.versionId) => ok('getRunbook', accountId, { versionId });
const act = (accountId: string, stepId: string, expectedStatus: string, action: Record<string, unknown>, versionId = major.versionId) =>
  call<RunbookView>('actOnRunbookStep', accountId, { versionId, stepId, expectedStatus, action });
const stateOf = (view: RunbookView, stepId: string) => view.run?.states[stepId]?.status ?? 'not-started';

async function recordGo(versionId: string) {
  await ok('recordDecision', RAVI, {
    versionId,
    value: 'GO',
    comment: 'Go for tonight',
    overrideJustification: 'The open bug is cosmetic and fixed in the next patch.',
    decisionId: `decision-${versionId}`,
  });
}

describe('a go-live runbook', () => {
  it('starts empty, and a release manager creates it from the release type’s template', async () => {
    const empty = await runbook(SAM);
    expect(empty).toMatchObject({ exists: false, releaseType: 'major', plan: { steps: [] }, startGate: { allowed: false } });
    const created = await ok('createRunbook', RAVI, { versionId: major.versionId, from: { type: 'template' }, goLiveStart: GO_LIVE });
    expect(created.exists).toBe(true);
    expect(created.plan.steps.map((s) => s.id)).toEqual(defaultTemplate('major').map((s) => s.id));
    expect(created.problems).toEqual([]);
    // The checkpoint is fixed at the go-live start, so the backup before it has 5 minutes to spare.
    expect(created.schedule?.criticalPath).toEqual(['go-checkpoint', 'migrate-db', 'deploy-prod', 'smoke-test', 'monitor', 'announce-done']);
    expect(created.schedule?.steps.find((s) => s.stepId === 'backup-db')).toMatchObject({ startAt: '2026-11-24T21:10:00.000Z', slackMinutes: 5, critical: false });
    expect(created.schedule?.endAt).toBe('2026-11-25T01:05:00.000Z');
    expect(created.permissions.canEditPlan).toBe(true);
  });

  it('checks the planned go-live against the production maintenance window booked for it', async () => {
    // Set-up, not the subject: a production environment and its maintenance window in the release plan.
    const env = { id: 'env-prod-eu', name: 'PROD-EU', tier: 'PROD', components: [], status: 'available', capacity: 1, updatedAt: DEMO_NOW.toISOString(), updatedBy: RAVI };
    await updateVersioned<InventoryDoc>(site.store, keys.planInventory(), emptyInventory, (doc) => ({ ...doc, environments: [...doc.environments, env as InventoryDoc['environments'][number]] }));
    const window = (id: string, from: string, to: string) =>
      ({ id, kind: 'maintenance', scope: { type: 'environment', environmentId: env.id }, from, to, reason: 'Monthly patching', updatedAt: DEMO_NOW.toISOString(), updatedBy: RAVI }) as const;
    await updateVersioned<SiteWindowsDoc>(site.store, keys.planSiteWindows(), emptySiteWindows, (doc) => ({ windows: [...doc.windows, window('mw-1', '2026-11-24T21:30:00.000Z', '2026-11-25T01:00:00.000Z')] }));
    const view = await runbook(SAM);
    // Planned 22:00 to 01:05: five minutes past the window.
    expect(view.maintenanceWindow).toEqual({ windowId: 'mw-1', environmentName: 'PROD-EU', from: '2026-11-24T21:30:00.000Z', to: '2026-11-25T01:00:00.000Z', fits: false, minutesOver: 5, minutesEarly: 0 });
  });

  it('lets everyone who browses the project read it, and nobody else', async () => {
    const view = await runbook(SAM);
    expect(view.plan.steps.length).toBeGreaterThan(0);
    expect(view.permissions).toEqual({ canEditPlan: false, canStartRun: false, canRollBack: false, actableStepIds: [], votableStepIds: [] });
    expect(await call('getRunbook', NINA, { versionId: major.versionId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('names owners: a person, or a Jira group', async () => {
    let view = await runbook(RAVI);
    const smoke = view.plan.steps.find((s) => s.id === 'smoke-test')!;
    view = await ok('saveRunbookStep', RAVI, { versionId: major.versionId, planRevision: view.planRevision, step: { ...smoke, owner: { type: 'user', accountId: PRIYA }, environment: 'PROD' } });
    const monitor = view.plan.steps.find((s) => s.id === 'monitor')!;
    view = await ok('saveRunbookStep', RAVI, { versionId: major.versionId, planRevision: view.planRevision, step: { ...monitor, owner: { type: 'group', groupName: 'developers' } } });
    expect(view.users).toEqual([{ accountId: PRIYA, displayName: 'Priya Shah' }]);
    expect((await runbook(PRIYA)).permissions.actableStepIds).toEqual(['smoke-test']);
    expect((await runbook(DANA)).permissions.actableStepIds).toEqual(['monitor']);
  });

  it('adds a step after another and moves the planned end', async () => {
    const before = await runbook(RAVI);
    const step = { id: 'warm-caches', title: 'Warm the product caches', description: '', durationMinutes: 20, dependsOn: ['deploy-prod'], kind: 'deployment' };
    const after = await ok('saveRunbookStep', RAVI, { versionId: major.versionId, planRevision: before.planRevision, step, after: 'deploy-prod' });
    const smoke = after.plan.steps.find((s) => s.id === 'smoke-test')!;
    const moved = await ok('saveRunbookStep', RAVI, { versionId: major.versionId, planRevision: after.planRevision, step: { ...smoke, dependsOn: ['warm-caches'] } });
    expect(moved.plan.steps.map((s) => s.id).indexOf('warm-caches')).toBe(moved.plan.steps.map((s) => s.id).indexOf('deploy-prod') + 1);
    expect(moved.schedule?.endAt).toBe('2026-11-25T01:25:00.000Z');
    expect(moved.planRevision).toBe(before.planRevision + 2);
  });

  describe('refuses bad input with a catalogued error and stores nothing', () => {
    const step = (overrides: Record<string, unknown> = {}) => ({ id: 'extra', title: 'Extra check', description: '', durationMinutes: 10, dependsOn: [], kind: 'verification', ...overrides });
    const save = (overrides: Record<string, unknown> = {}, payload: Record<string, unknown> = {}) => async () => ({
      versionId: major.versionId,
      planRevision: (await runbook(RAVI)).planRevision,
      step: step(overrides),
      ...payload,
    });
    const payAnyVersion = () => facts.versionsOf('PAY')[1]!.id;

    it.each([
      ['a step depending on a step that is not there', 'saveRunbookStep', RAVI, save({ dependsOn: ['ghost'] }), 'VALIDATION'],
      ['a step depending on itself', 'saveRunbookStep', RAVI, save({ dependsOn: ['extra'] }), 'VALIDATION'],
      ['a circle of dependencies', 'saveRunbookStep', RAVI, save({ id: 'announce-window', title: 'Announce', kind: 'communication', dependsOn: ['announce-done'] }), 'VALIDATION'],
      ['a step with an unknown kind', 'saveRunbookStep', RAVI, save({ kind: 'party' }), 'VALIDATION'],
      ['a step lasting half a minute', 'saveRunbookStep', RAVI, save({ durationMinutes: 0.5 }), 'VALIDATION'],
      ['a step owned by an unknown account', 'saveRunbookStep', RAVI, save({ owner: { type: 'user', accountId: 'nobody-here' } }), 'VALIDATION'],
      ['a link that is not https', 'saveRunbookStep', RAVI, save({ link: 'javascript:alert(1)' }), 'VALIDATION'],
      ['a fixed start without a zone', 'saveRunbookStep', RAVI, save({ plannedStart: { type: 'absolute', at: '2026-11-24T23:00:00' } }), 'VALIDATION'],
      ['a step with an unknown field', 'saveRunbookStep', RAVI, save({ projectKey: 'PAY' }), 'VALIDATION'],
      ['a step id with characters keys do not allow', 'saveRunbookStep', RAVI, save({ id: 'a:b' }), 'VALIDATION'],
      ['a step saved from a stale page', 'saveRunbookStep', RAVI, save({}, { planRevision: 1 }), 'CONFLICT'],
      ['a step saved by someone who is not a release manager', 'saveRunbookStep', PRIYA, save(), 'FORBIDDEN'],
      ['a step for a release of another project', 'saveRunbookStep', RAVI, async () => ({ ...(await save()()), versionId: payAnyVersion() }), 'NOT_FOUND'],
      ['removing a step others depend on', 'removeRunbookStep', RAVI, async () => ({ versionId: major.versionId, planRevision: (await runbook(RAVI)).planRevision, stepId: 'deploy-prod' }), 'VALIDATION'],
      ['a second runbook for the release', 'createRunbook', RAVI, async () => ({ versionId: major.versionId, from: { type: 'template' } }), 'CONFLICT'],
      ['a copy from a release without a runbook', 'createRunbook', RAVI, async () => ({ versionId: facts.versionsOf('SHOP')[0]!.id, from: { type: 'copy', versionId: facts.versionsOf('SHOP')[1]!.id } }), 'NOT_FOUND'],
      ['a run started before the GO decision', 'startRunbookRun', RAVI, async () => ({ versionId: major.versionId }), 'VALIDATION'],
      ['a step acted on before the run started', 'actOnRunbookStep', RAVI, async () => ({ versionId: major.versionId, stepId: 'freeze-merges', expectedStatus: 'not-started', action: { type: 'start' } }), 'VALIDATION'],
      ['a rollback before the run started', 'startRunbookRollback', RAVI, async () => ({ versionId: major.versionId, reason: 'why not' }), 'VALIDATION'],
      ['a template saved by someone who is not a release manager', 'saveRunbookTemplate', PRIYA, async () => ({ releaseType: 'minor', planRevision: 0, steps: [step()] }), 'FORBIDDEN'],
      ['a template with a fixed start', 'saveRunbookTemplate', RAVI, async () => ({ releaseType: 'minor', planRevision: 0, steps: [step({ plannedStart: { type: 'absolute', at: GO_LIVE } })] }), 'VALIDATION'],
    ])('%s', async (_case, resolver, who, payload, code) => {
      const body = await payload();
      const before = JSON.stringify(site.store.snapshot());
      const result = await call(resolver, who, body);
      expect(result).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
      expect(JSON.stringify(site.store.snapshot())).toBe(before);
    });

    it('names the circle and the missing step in words', async () => {
      const circle = await call('saveRunbookStep', RAVI, await save({ id: 'announce-window', title: 'Announce', kind: 'communication', dependsOn: ['announce-done'] })());
      expect(circle).toMatchObject({ ok: false, error: { details: [expect.stringContaining('wait for each other in a circle')] } });
      const stale = await call('saveRunbookStep', RAVI, await save({}, { planRevision: 1 })());
      expect(stale).toMatchObject({ ok: false, error: { message: expect.stringContaining('was changed by Ravi Menon') } });
    });
  });

  it('runs after the GO: steps become ready as their dependencies finish, late steps and the projected end follow the clock', async () => {
    await recordGo(major.versionId);
    now = new Date(GO_LIVE);
    const started = await ok('startRunbookRun', RAVI, { versionId: major.versionId });
    expect(started.run?.header).toMatchObject({ authority: 'go-decision', mode: 'forward', startedBy: { displayName: 'Ravi Menon' } });
    expect(started.run?.progress.readyStepIds).toEqual(['announce-window', 'freeze-merges']);
    expect(started.permissions.canEditPlan).toBe(false);
    expect(await call('saveRunbookStep', RAVI, { versionId: major.versionId, planRevision: started.planRevision, step: started.plan.steps[0] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'The go-live run has started: the plan is frozen.' },
    });

    for (const id of ['announce-window', 'freeze-merges']) {
      await act(RAVI, id, 'not-started', { type: 'start' });
      await act(RAVI, id, 'running', { type: 'complete' });
    }
    now = new Date(Date.parse(GO_LIVE) + 60 * 60_000);
    const backup = await act(RAVI, 'backup-db', 'not-started', { type: 'start' });
    expect(backup.ok && stateOf(backup.data, 'backup-db')).toBe('running');
    now = new Date(Date.parse(GO_LIVE) + 120 * 60_000);
    const late = await runbook(SAM);
    const backupProgress = late.run?.progress.steps.find((s) => s.stepId === 'backup-db');
    // Planned 21:10 to 21:55 (an hour before the go-live start, after the merge freeze); still running at midnight.
    expect(backupProgress).toMatchObject({ timing: 'overrunning', lateByMinutes: 125 });
    // The backup had 5 minutes to spare before the checkpoint, so the go-live ends 120 minutes late.
    expect(late.run?.progress.slipMinutes).toBe(120);
    expect(late.run?.progress.projectedEndAt).toBe('2026-11-25T03:25:00.000Z');
  });

  it('lets only owners and release managers act on a step; everyone else follows along', async () => {
    await act(RAVI, 'backup-db', 'running', { type: 'complete' });
    expect(await act(SAM, 'go-checkpoint', 'not-started', { type: 'start' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await act(PRIYA, 'go-checkpoint', 'not-started', { type: 'start' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const noted = await act(RAVI, 'go-checkpoint', 'not-started', { type: 'note', text: 'Bridge open: ops, QA, product' });
    expect(noted.ok && noted.data.run?.states['go-checkpoint']?.notes).toEqual([{ at: now.toISOString(), by: { accountId: RAVI, displayName: 'Ravi Menon' }, text: 'Bridge open: ops, QA, product' }]);
    for (const id of ['go-checkpoint', 'migrate-db', 'deploy-prod', 'warm-caches']) {
      await act(RAVI, id, 'not-started', { type: 'start' });
      await act(RAVI, id, 'running', { type: 'complete' });
    }
    const smoke = await act(PRIYA, 'smoke-test', 'not-started', { type: 'start' });
    expect(smoke.ok && smoke.data.run?.states['smoke-test']).toMatchObject({ status: 'running', by: { displayName: 'Priya Shah' } });
  });

  it('tells the second of two people acting on one step that the first won', async () => {
    const first = await act(PRIYA, 'smoke-test', 'running', { type: 'complete' });
    expect(first.ok).toBe(true);
    const second = await act(RAVI, 'smoke-test', 'running', { type: 'fail', reason: 'checkout 500s' });
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('“Smoke-test production” was completed by Priya Shah') } });
  });

  it('switches to the rollback steps when a release manager calls a rollback', async () => {
    await act(DANA, 'monitor', 'not-started', { type: 'start' });
    await act(DANA, 'monitor', 'running', { type: 'fail', reason: 'Error rate 4% on checkout' });
    expect(await call('startRunbookRollback', DANA, { versionId: major.versionId, reason: 'errors' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const rolling = await ok('startRunbookRollback', RAVI, { versionId: major.versionId, reason: 'Error rate 4% on checkout after the deployment' });
    expect(rolling.run?.progress).toMatchObject({ status: 'rolling-back', mode: 'rollback', readyStepIds: ['rb-announce'] });
    for (const id of ['rb-announce', 'rb-redeploy', 'rb-verify', 'rb-close']) {
      await act(RAVI, id, 'not-started', { type: 'start' });
      await act(RAVI, id, 'running', { type: 'complete' });
    }
    const done = await runbook(SAM);
    expect(done.run?.progress.status).toBe('rolled-back');
    expect(await act(RAVI, 'rb-close', 'completed', { type: 'note', text: 'late' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('final') } });
  });

  it('keeps an audit trail of who did what, when', async () => {
    const log = await ok<RunbookAuditView>('getRunbookAudit', SAM, { versionId: major.versionId });
    const actions = log.entries.map((e) => e.action);
    expect(actions.slice(0, 5)).toEqual(['runbook.created', 'step.updated', 'step.updated', 'step.added', 'step.updated']);
    expect(actions).toContain('run.started');
    expect(actions).toContain('run.rollback');
    expect(log.entries.find((e) => e.action === 'step.fail')).toMatchObject({ actor: { displayName: 'Dana Kowalski' }, summary: '“Watch error rates and latency” failed: Error rate 4% on checkout' });
    expect(actions.filter((a) => a === 'step.complete')).toHaveLength(12);
    const goNoGo = await ok<AuditLogView>('getAuditLog', SAM, { versionId: major.versionId });
    expect(goNoGo.entries.every((e) => !e.action.startsWith('step.'))).toBe(true);
  });

  it('puts the planned go-live window in the project’s calendar feed, with where its run stands', async () => {
    const { token } = await ok<CalendarFeedToken>('rotateCalendarFeedToken', RAVI, {});
    const answer = await serveCalendarFeed(site.deps, { method: 'GET', query: { project: 'SHOP', token } });
    const view = await runbook(SAM);
    const goLive = new ICAL.Component(ICAL.parse(answer.body))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v))
      .find((e) => e.uid.startsWith(`golive-${major.versionId}@`));
    expect({ summary: goLive?.summary, start: goLive?.startDate.toJSDate().toISOString(), end: goLive?.endDate.toJSDate().toISOString() }).toEqual({
      summary: 'SHOP 3.0.0 go-live (rolled back)',
      start: GO_LIVE,
      end: view.schedule?.endAt,
    });
  });
});

describe('templates and copies', () => {
  it('starts a release type’s runbook from the project’s saved template', async () => {
    const template = await ok<RunbookTemplateView>('getRunbookTemplate', RAVI, { releaseType: 'minor' });
    expect(template).toMatchObject({ saved: false, problems: [] });
    const steps = [...template.steps.filter((s) => s.kind !== 'communication').map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => !d.startsWith('announce')) })), { ...template.steps[0]!, id: 'status-page', title: 'Update the status page', dependsOn: [], owner: { type: 'user' as const, accountId: PRIYA } }];
    const saved = await ok<RunbookTemplateView>('saveRunbookTemplate', RAVI, { releaseType: 'minor', planRevision: template.planRevision, steps });
    expect(saved).toMatchObject({ saved: true, problems: [] });
    // The editor in Release settings shows the owner by name, as Jira has it.
    expect(saved.users).toEqual([{ accountId: PRIYA, displayName: expect.any(String) }]);
    const minor = await createSmallRelease(site.jira.url, { name: 'SHOP 3.1.0', startDate: '2026-11-20', releaseDate: '2026-12-04' });
    const created = await ok('createRunbook', RAVI, { versionId: minor.versionId, from: { type: 'template' } });
    expect(created.releaseType).toBe('minor');
    expect(created.plan.steps.map((s) => s.id)).toEqual(steps.map((s) => s.id));
  });

  it('copies a runbook from an earlier release, with its owners, for a new go-live start', async () => {
    const next = await createSmallRelease(site.jira.url, { name: 'SHOP 4.0.0', startDate: '2026-11-25', releaseDate: '2026-12-10' });
    const copy = await ok('createRunbook', RAVI, { versionId: next.versionId, from: { type: 'copy', versionId: major.versionId }, goLiveStart: '2026-12-10T21:00:00.000Z' });
    expect(copy.plan.steps.map((s) => s.id)).toEqual((await runbook(SAM)).plan.steps.map((s) => s.id));
    expect(copy.plan.steps.find((s) => s.id === 'smoke-test')?.owner).toEqual({ type: 'user', accountId: PRIYA });
    expect(copy.schedule?.steps.find((s) => s.stepId === 'announce-window')?.startAt).toBe('2026-12-10T19:00:00.000Z');
    expect(copy.run).toBeUndefined();
  });

  it('lets an emergency release run without a GO decision', async () => {
    const emergency = await createSmallRelease(site.jira.url, { name: 'SHOP 3.0.1', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency: checkout down' });
    const created = await ok('createRunbook', RAVI, { versionId: emergency.versionId, from: { type: 'template' } });
    expect(created).toMatchObject({ releaseType: 'emergency', decision: null, startGate: { allowed: true, authority: 'emergency-release' }, permissions: { canStartRun: true } });
    const running = await ok('startRunbookRun', RAVI, { versionId: emergency.versionId });
    expect(running.run?.header.authority).toBe('emergency-release');
    expect(await call('startRunbookRun', RAVI, { versionId: emergency.versionId })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('already started by Ravi Menon') } });
  });
});

/** The session's Jira facts kept 5 minutes (src/app/session-facts.ts): no Jira request per step change, and a revoked permission honoured within the bound. */
describe('a step change of a live go-live run', () => {
  let release: SmallRelease;
  beforeAll(async () => {
    release = await createSmallRelease(site.jira.url, { name: 'SHOP 7.0.1', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency: checkout down' });
  });
  const jiraRequests = () => site.jira.stats().requests;

  it('costs one resolver call and no Jira request once the runbook is open', async () => {
    await ok('createRunbook', RAVI, { versionId: release.versionId, from: { type: 'template' } });
    const started = await ok('startRunbookRun', RAVI, { versionId: release.versionId });
    const first = started.plan.steps[0]!.id;
    const before = jiraRequests();
    const changed = await act(RAVI, first, 'not-started', { type: 'start' }, release.versionId);
    expect(changed).toMatchObject({ ok: true, data: { run: { states: { [first]: { status: 'running', by: { displayName: 'Ravi Menon' } } } } } });
    expect(jiraRequests() - before).toBe(0);
  });

  it('costs a member of the owning Jira group no Jira request either: their groups are kept with the runbook they opened', async () => {
    const group = await createSmallRelease(site.jira.url, { name: 'SHOP 7.0.2', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency: payments down' });
    let view = await ok('createRunbook', RAVI, { versionId: group.versionId, from: { type: 'template' } });
    const first = view.plan.steps[0]!;
    view = await ok('saveRunbookStep', RAVI, { versionId: group.versionId, planRevision: view.planRevision, step: { ...first, owner: { type: 'group', groupName: 'developers' } } });
    await ok('startRunbookRun', RAVI, { versionId: group.versionId });
    expect((await runbook(DANA, group.versionId)).permissions.actableStepIds).toContain(first.id);
    const routes = () => Object.fromEntries(Object.entries(site.jira.stats().byRoute).map(([route, stats]) => [route, stats.requests]));
    const before = routes();
    expect(await act(DANA, first.id, 'not-started', { type: 'start' }, group.versionId)).toMatchObject({ ok: true, data: { run: { states: { [first.id]: { status: 'running' } } } } });
    const asked = (since: Record<string, number>) => Object.entries(routes()).filter(([route, count]) => count !== since[route]).map(([route]) => route);
    // Their group membership was read with the runbook; at most their name is asked, once (by their first change of the last few minutes).
    expect(asked(before).filter((route) => route !== 'GET /rest/api/3/user/bulk')).toEqual([]);
    const noted = routes();
    expect(await act(DANA, first.id, 'running', { type: 'note', text: 'Caches warm' }, group.versionId)).toMatchObject({ ok: true });
    expect(asked(noted)).toEqual([]);
  });

  it('refuses a permission taken away in Jira within five minutes, not at once', async () => {
    const ravi = site.jira.dataset.users.find((u) => u.accountId === RAVI)!;
    const granted = ravi.projectPermissions;
    const asked = now;
    expect(await call('getRunbook', RAVI, { versionId: release.versionId })).toMatchObject({ ok: true });
    ravi.projectPermissions = { ...granted, SHOP: [] };
    try {
      // Within the bound the answer Jira gave a moment ago still stands (and costs no request).
      now = new Date(asked.getTime() + ACCESS_TTL_MS - 1000);
      expect(await call('getRunbook', RAVI, { versionId: release.versionId })).toMatchObject({ ok: true });
      now = new Date(asked.getTime() + ACCESS_TTL_MS);
      expect(await act(RAVI, 'anything', 'running', { type: 'note', text: 'Still here?' }, release.versionId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      ravi.projectPermissions = granted;
      now = asked;
    }
  });
});
