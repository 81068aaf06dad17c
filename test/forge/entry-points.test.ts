/**
 * The handlers manifest.yml names (src/index.ts), driven as Forge drives them: resolver
 * invocations with the runtime's principal, web trigger requests with header arrays, scheduled
 * trigger events, product events and queue events. Only @forge/* is replaced (test/support/fake-forge.ts),
 * wired to the in-memory store and the fake Jira and Confluence; everything from src/forge inward is real.
 */
jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-forge').forgeKvsModule());
jest.mock('@forge/api', () => jest.requireActual('../support/fake-forge').forgeApiModule());
jest.mock('@forge/events', () => jest.requireActual('../support/fake-forge').forgeEventsModule());

import ICAL from 'ical.js';
import type { CalendarFeedToken, KpiSettingsView, ResolverResult, RotatedSecret } from '../../src/contract';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signDeploymentBody } from '../../src/app/ingest-deployment';
import * as entry from '../../src/index';
import { keys } from '../../src/store/keys';
import { startFakeConfluence } from '../../local/fake-confluence';
import { DEMO_ACCOUNT, startFakeJira, type FakeJira } from '../../local/fake-jira';
import { DEMO_NOW, demoFacts } from '../support/demo-site';
import { deliverQueuedEvents, forgeSite } from '../support/fake-forge';

let jira: FakeJira;
let confluence: Awaited<ReturnType<typeof startFakeConfluence>>;
let facts: ReturnType<typeof demoFacts>;
const logged: string[] = [];

beforeAll(async () => {
  // The app reads time only through its clock (Date); pinned here, the network's timers left real.
  jest.useFakeTimers({ now: DEMO_NOW, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'hrtime', 'performance'] });
  jira = await startFakeJira({ port: 0, anchor: DEMO_NOW, now: () => DEMO_NOW });
  confluence = await startFakeConfluence({ port: 0 });
  forgeSite.jiraUrl = jira.url;
  forgeSite.confluenceUrl = confluence.url;
  facts = demoFacts(jira.dataset);
});
afterAll(async () => {
  jest.useRealTimers();
  await jira.close();
  await confluence.close();
});
beforeEach(() => {
  forgeSite.reset();
  logged.length = 0;
  // The console logger is the app's log in Forge; kept here to assert on, not printed.
  const keep = (...args: unknown[]) => void logged.push(String(args[0]));
  jest.spyOn(console, 'log').mockImplementation(keep);
  jest.spyOn(console, 'warn').mockImplementation(keep);
  jest.spyOn(console, 'error').mockImplementation(keep);
});
afterEach(() => jest.restoreAllMocks());

const shop = () => facts.project('SHOP');

/** A Custom UI invoke as Forge delivers it: the extension context from the page, the account from the runtime's principal. */
async function invoke<T>(functionKey: string, payload: unknown, principal: string | undefined, context: Record<string, unknown> = {}): Promise<ResolverResult<T>> {
  forgeSite.principal = principal;
  try {
    const event = {
      call: { functionKey, payload, jobId: undefined },
      context: {
        localId: 'ari:cloud:ecosystem::extension/app/env/static/releases-settings',
        cloudId: 'cloud-1',
        moduleKey: 'releases-settings',
        extension: { type: 'jira:projectSettingsPage', project: { id: shop().id, key: 'SHOP', type: 'software' } },
        ...context,
      },
    };
    const runtime = { principal: principal ? { accountId: principal } : undefined, installContext: 'ari:cloud:jira::site/cloud-1' };
    return (await (entry.resolver as unknown as (event: unknown, runtime: unknown) => Promise<unknown>)(event, runtime)) as ResolverResult<T>;
  } finally {
    forgeSite.principal = undefined;
  }
}

function data<T>(result: ResolverResult<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

/** A handler as Forge calls it, with the event it passes (our handlers may not declare it). */
const withEvent = (handler: () => Promise<void>) => handler as (event: unknown) => Promise<void>;

/** Forge's scheduled trigger event. */
const scheduledEvent = (moduleKey: string) => ({ context: { cloudId: 'cloud-1', moduleKey }, contextToken: 'token' });

describe('the resolver function', () => {
  it('answers a Custom UI invoke for the runtime’s principal, with a plain JSON result', async () => {
    const view = data(await invoke<KpiSettingsView>('getKpiSettings', {}, DEMO_ACCOUNT.developer));
    expect(view).toMatchObject({ canEdit: false, revision: 0, deploymentSecret: { configured: false } });
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });

  it('acts for the principal, never for an account id the page put in its context or payload', async () => {
    const forged = await invoke('rotateDeploymentSecret', {}, DEMO_ACCOUNT.developer, { accountId: DEMO_ACCOUNT.admin });
    expect(forged).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await forgeSite.store.getVersioned(keys.deploymentSigningSecrets())).toBeUndefined();
    expect(await invoke('rotateDeploymentSecret', { accountId: DEMO_ACCOUNT.admin }, DEMO_ACCOUNT.developer)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses an invocation without a principal before anything is read', async () => {
    expect(await invoke('getKpiSettings', {}, undefined)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(forgeSite.store.counters).toMatchObject({ reads: 0, writes: 0 });
  });

  it('stores versioned documents through Forge’s entity and transaction calls, revision-checked', async () => {
    const view = data(await invoke<KpiSettingsView>('getKpiSettings', {}, DEMO_ACCOUNT.admin));
    const saved = data(await invoke<KpiSettingsView>('saveKpiSettings', { settings: { ...view.settings, windowDays: 28 }, revision: view.revision }, DEMO_ACCOUNT.admin));
    expect(saved).toMatchObject({ revision: 1, settings: { windowDays: 28 } });
    expect(await forgeSite.store.getVersioned(keys.kpiSettings())).toMatchObject({ rev: 1, value: { windowDays: 28 } });
    const stale = await invoke('saveKpiSettings', { settings: { ...view.settings, windowDays: 56 }, revision: view.revision }, DEMO_ACCOUNT.admin);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('the deployment web trigger', () => {
  const body = JSON.stringify({ deploymentId: 'gha-run-4711', environment: 'production', status: 'successful', deployedAt: '2026-11-24T09:58:00Z', projectKey: 'SHOP' });
  const timestamp = String(DEMO_NOW.getTime() / 1000);

  async function secret(): Promise<string> {
    return data(await invoke<RotatedSecret>('rotateDeploymentSecret', {}, DEMO_ACCOUNT.admin)).secret;
  }

  /** A web trigger request as Forge passes it: every header a list of values. */
  async function request(headerNames: { signature: string; timestamp: string }, signingSecret: string) {
    return {
      method: 'POST',
      path: '/',
      body,
      headers: {
        'content-type': ['application/json'],
        [headerNames.signature]: [await signDeploymentBody(signingSecret, timestamp, body)],
        [headerNames.timestamp]: [timestamp],
      },
      queryParameters: {},
      context: { cloudId: 'cloud-1', moduleKey: 'deployment-events' },
      contextToken: 'token',
    };
  }

  it.each([
    ['in lower case', { signature: SIGNATURE_HEADER, timestamp: TIMESTAMP_HEADER }],
    ['in mixed case, as many CI tools send them', { signature: 'X-Release-Signature', timestamp: 'X-Release-Timestamp' }],
    ['in upper case', { signature: SIGNATURE_HEADER.toUpperCase(), timestamp: TIMESTAMP_HEADER.toUpperCase() }],
  ])('takes a signed event with its headers named %s, answering in Forge’s response shape', async (_case, names) => {
    const response = await entry.deploymentWebhook(await request(names, await secret()));
    expect(response).toEqual({ statusCode: 201, headers: { 'Content-Type': ['application/json'] }, body: expect.any(String) });
    expect(JSON.parse(response.body)).toMatchObject({ deploymentId: 'gha-run-4711', duplicate: false, projects: ['SHOP'] });
    expect(await forgeSite.store.get(keys.deployment('gha-run-4711'))).toMatchObject({ environment: 'production' });
  });

  it('refuses an event signed with another secret, and stores nothing', async () => {
    await secret();
    const response = await entry.deploymentWebhook(await request({ signature: SIGNATURE_HEADER, timestamp: TIMESTAMP_HEADER }, 'not-the-secret-0123456789'));
    expect(response.statusCode).toBe(401);
    expect(await forgeSite.store.get(keys.deployment('gha-run-4711'))).toBeUndefined();
  });

  it('refuses a request without headers or body as unsigned', async () => {
    await secret();
    const response = await entry.deploymentWebhook({ method: 'POST' });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect((await forgeSite.store.query('deployment:')).results).toEqual([]);
  });
});

describe('the calendar feed web trigger', () => {
  it('serves the project’s calendar for its token from the query parameters, with headers as Forge lists', async () => {
    const { token } = data(await invoke<CalendarFeedToken>('rotateCalendarFeedToken', {}, DEMO_ACCOUNT.admin));
    const response = await entry.calendarFeed({ method: 'GET', queryParameters: { project: ['SHOP'], token: [token] } });
    expect(response.statusCode).toBe(200);
    expect(Object.values(response.headers).every((values) => Array.isArray(values) && values.length === 1)).toBe(true);
    expect(response.headers['Content-Type']?.[0]).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    const summaries = calendar.getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('summary')));
    expect(summaries.some((s) => facts.versionsOf('SHOP').some((v) => s.includes(v.name)))).toBe(true);
  });

  it.each([
    ['a wrong token', { project: ['SHOP'], token: ['0'.repeat(43)] }],
    ['no token', { project: ['SHOP'] }],
    ['no query at all', undefined],
  ])('answers %s with not found, reading nothing from Jira', async (_case, queryParameters) => {
    data(await invoke<CalendarFeedToken>('rotateCalendarFeedToken', {}, DEMO_ACCOUNT.admin));
    const before = jira.stats().requests;
    const response = await entry.calendarFeed({ method: 'GET', ...(queryParameters ? { queryParameters } : {}) });
    expect(response.statusCode).toBe(404);
    expect(jira.stats().requests).toBe(before);
  });
});

describe('scheduled triggers and the queue consumer', () => {
  it('runs the daily sync from Forge’s scheduled event, its queued jobs delivered to the consumer, and records the outcome', async () => {
    await withEvent(entry.dailySync)(scheduledEvent('daily-sync'));
    expect(forgeSite.queued.length).toBeGreaterThan(0);
    expect(forgeSite.queued.every((e) => typeof (e.body as { type?: unknown }).type === 'string')).toBe(true);
    await deliverQueuedEvents(entry.workConsumer);
    expect(await forgeSite.store.get(keys.jobOutcome('daily-sync'))).toMatchObject({ ok: true });
    expect(await forgeSite.store.getVersioned(keys.versionHistory(shop().id))).toBeDefined();
  });

  it.each([
    ['weekly status pages', 'weekly-reports', entry.weeklyReports],
    ['weekly KPI pages', 'weekly-kpis', entry.weeklyKpis],
  ])('publishes the %s from the scheduled trigger through the queue, and records the outcome', async (_name, job, trigger) => {
    await forgeSite.store.set(keys.reportSettings(), { spaceKey: 'REL' });
    const pagesBefore = confluence.pages().length;
    await withEvent(trigger)(scheduledEvent(job));
    await deliverQueuedEvents(entry.workConsumer);
    expect(await forgeSite.store.get(keys.jobOutcome(job))).toMatchObject({ ok: true });
    expect(confluence.pages().length).toBeGreaterThan(pagesBefore);
  });

  it('drops (and logs) an event no job can read instead of failing it, so Forge does not redeliver it forever', async () => {
    await expect(entry.workConsumer({ body: { type: 'no-such-job', body: {} } })).resolves.toBeUndefined();
    expect(logged.some((line) => JSON.parse(line).message === 'dropping malformed job')).toBe(true);
    expect(forgeSite.store.snapshot()).toEqual({ plain: {}, versioned: {} });
  });

  it('fails a readable job whose work fails, so Forge redelivers it', async () => {
    await expect(entry.workConsumer({ body: { type: 'reconcile-project-versions', body: { projectId: '1', projectKey: 'NOPE' } } })).rejects.toThrow();
  });

  it('takes a Jira version event as Forge delivers it', async () => {
    const version = facts.versionsOf('SHOP')[0]!;
    await entry.onJiraEvent({
      eventType: 'avi:jira:updated:version',
      atlassianId: DEMO_ACCOUNT.admin,
      version: { id: version.id, name: version.name, projectId: Number(version.projectId), released: version.released, releaseDate: version.releaseDate },
      context: { cloudId: 'cloud-1', moduleKey: 'jira-events' },
    });
    await deliverQueuedEvents(entry.workConsumer);
    expect(await forgeSite.store.getVersioned(keys.versionHistory(shop().id))).toBeDefined();
  });
});
