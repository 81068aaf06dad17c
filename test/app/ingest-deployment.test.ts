import { MAX_DEPLOYMENT_BODY_BYTES, SIGNATURE_HEADER, SIGNATURE_TOLERANCE_MS, TIMESTAMP_HEADER, ingestDeployment, signDeploymentBody } from '../../src/app/ingest-deployment';
import { readDeploymentIndex } from '../../src/app/deployment-index';
import { PREVIOUS_SECRET_GRACE_MS, replaceSigningSecret } from '../../src/app/deployment-secret';
import { keys } from '../../src/store/keys';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { testDeps } from '../support/app-deps';
import type { HttpTransport } from '../../src/ports';

const SECRET = 'test-secret-0123456789';
const NOW = new Date('2026-11-24T10:00:00Z');
const nowSeconds = String(NOW.getTime() / 1000);

const event = {
  deploymentId: 'gha-run-4711',
  environment: 'production',
  status: 'successful',
  deployedAt: '2026-11-24T09:58:00Z',
  projectKey: 'SHOP',
  version: '1.2.0',
  issueKeys: ['SHOP-12', 'SHOP-14'],
  pipeline: { name: 'deploy.yml', url: 'https://ci.example.com/runs/4711' },
};

/** The site's projects as Jira's GET /rest/api/3/project/search answers (one page). */
function projectSearch(projectKeys: string[]): HttpTransport {
  return async (request) => {
    if (!request.path.startsWith('/rest/api/3/project/search')) throw new Error(`unexpected ${request.method} ${request.path}`);
    const values = projectKeys.map((key, i) => ({ id: String(10000 + i), key, name: key }));
    return { status: 200, headers: {}, body: { startAt: 0, maxResults: 50, total: values.length, isLast: true, values } };
  };
}

async function setup() {
  const store = new InMemoryKvStore();
  const deps = testDeps({ store, clock: { now: () => NOW }, transports: { jiraAsApp: () => projectSearch(['SHOP', 'PAY']) } });
  await replaceSigningSecret(deps, 'ci-admin', SECRET);
  return { store, deps };
}

async function signed(body: string, timestamp = nowSeconds, secret = SECRET) {
  return {
    method: 'POST',
    headers: { [SIGNATURE_HEADER]: await signDeploymentBody(secret, timestamp, body), [TIMESTAMP_HEADER]: timestamp },
    body,
  };
}

async function storedDeployments(store: InMemoryKvStore) {
  return (await store.query('deployment:')).results.length;
}

async function indexed(store: InMemoryKvStore, projectKey = 'SHOP', month = '2026-11') {
  return (await readDeploymentIndex(store, projectKey, [month])).map((d) => d.id);
}

describe('deployment events from CI/CD', () => {
  it('stores a signed, valid event once and answers a replay without storing again', async () => {
    const { store, deps } = await setup();
    const request = await signed(JSON.stringify(event));
    expect(await ingestDeployment(deps, request)).toEqual({ statusCode: 201, body: { deploymentId: 'gha-run-4711', duplicate: false, projects: ['SHOP'] } });
    expect(await ingestDeployment(deps, request)).toEqual({ statusCode: 200, body: { deploymentId: 'gha-run-4711', duplicate: true, projects: ['SHOP'] } });
    expect(await store.get(keys.deployment('gha-run-4711'))).toMatchObject({ environment: 'production', receivedAt: NOW.toISOString() });
    expect(await storedDeployments(store)).toBe(1);
  });

  it.each([
    ['unsigned', async () => ({ method: 'POST', headers: {}, body: JSON.stringify(event) }), 401],
    ['signed with another secret', async () => signed(JSON.stringify(event), nowSeconds, 'wrong-secret'), 401],
    ['signed for another body', async () => ({ ...(await signed(JSON.stringify(event))), body: JSON.stringify({ ...event, environment: 'staging' }) }), 401],
    ['replayed after ten minutes', async () => signed(JSON.stringify(event), String(NOW.getTime() / 1000 - 600)), 401],
    ['not JSON', async () => signed('{"deploymentId": '), 400],
    ['missing the environment', async () => signed(JSON.stringify({ ...event, environment: undefined })), 400],
    ['with an unknown status', async () => signed(JSON.stringify({ ...event, status: 'done' })), 400],
    ['with an unexpected field', async () => signed(JSON.stringify({ ...event, extra: 1 })), 400],
    ['with a malformed issue key', async () => signed(JSON.stringify({ ...event, issueKeys: ['shop-1'] })), 400],
    ['oversized', async () => signed(JSON.stringify({ ...event, commit: 'x'.repeat(MAX_DEPLOYMENT_BODY_BYTES) })), 413],
    ['sent with GET', async () => ({ ...(await signed(JSON.stringify(event))), method: 'GET' }), 405],
  ])('refuses an event that is %s and stores nothing', async (_case, build, status) => {
    const { store, deps } = await setup();
    const response = await ingestDeployment(deps, await build());
    expect(response.statusCode).toBe(status);
    expect(typeof response.body.error).toBe('string');
    expect(await storedDeployments(store)).toBe(0);
    expect(await indexed(store)).toEqual([]);
  });

  // Clocks drift: a signature exactly at the tolerance (either way) is still fresh, one second more is not.
  const secondsFromNow = (offsetMs: number) => String((NOW.getTime() + offsetMs) / 1000);
  it.each([
    ['signed exactly 5 minutes ago', -SIGNATURE_TOLERANCE_MS, 201],
    ['signed by a clock exactly 5 minutes ahead', SIGNATURE_TOLERANCE_MS, 201],
    ['signed 5 minutes and 1 second ago', -SIGNATURE_TOLERANCE_MS - 1000, 401],
    ['signed by a clock 5 minutes and 1 second ahead', SIGNATURE_TOLERANCE_MS + 1000, 401],
  ])('judges the freshness of an event %s', async (_case, offsetMs, status) => {
    const { store, deps } = await setup();
    const response = await ingestDeployment(deps, await signed(JSON.stringify(event), secondsFromNow(offsetMs)));
    expect(response.statusCode).toBe(status);
    expect(await storedDeployments(store)).toBe(status === 201 ? 1 : 0);
  });

  it('explains that events are off until a secret exists', async () => {
    const deps = testDeps({ clock: { now: () => NOW } });
    const response = await ingestDeployment(deps, await signed(JSON.stringify(event)));
    expect(response).toMatchObject({ statusCode: 403, body: { error: expect.stringMatching(/signing secret/) } });
  });
});

describe('deployment events for the KPIs', () => {
  it('files an event once in the month index of every project it names, and a replay files nothing new', async () => {
    const { store, deps } = await setup();
    const body = JSON.stringify({ ...event, issueKeys: ['SHOP-12', 'PAY-3'] });
    expect(await ingestDeployment(deps, await signed(body))).toMatchObject({ statusCode: 201, body: { projects: ['PAY', 'SHOP'] } });
    expect(await ingestDeployment(deps, await signed(body))).toMatchObject({ statusCode: 200, body: { duplicate: true } });
    expect(await indexed(store, 'SHOP')).toEqual(['gha-run-4711']);
    expect(await indexed(store, 'PAY')).toEqual(['gha-run-4711']);
    const [entry] = await readDeploymentIndex(store, 'SHOP', ['2026-11']);
    expect(entry).toEqual({ id: 'gha-run-4711', env: 'production', status: 'successful', at: '2026-11-24T09:58:00.000Z', version: '1.2.0', issueKeys: ['SHOP-12', 'PAY-3'], url: 'https://ci.example.com/runs/4711' });
  });

  it('files a stored event whose filing was lost when the pipeline sends it again', async () => {
    const { store, deps } = await setup();
    const { receivedAt: _, ...rest } = { ...event, receivedAt: 'x' };
    await store.set(keys.deployment('gha-run-4711'), { ...rest, receivedAt: '2026-11-24T09:58:30.000Z' });
    expect(await indexed(store)).toEqual([]);
    expect(await ingestDeployment(deps, await signed(JSON.stringify(event)))).toMatchObject({ statusCode: 200, body: { duplicate: true } });
    expect(await indexed(store)).toEqual(['gha-run-4711']);
  });

  it('says so when an event names no project, and files it nowhere', async () => {
    const { store, deps } = await setup();
    const { projectKey: _p, issueKeys: _i, ...unlinked } = event;
    const response = await ingestDeployment(deps, await signed(JSON.stringify(unlinked)));
    expect(response).toMatchObject({ statusCode: 201, body: { projects: [], warning: expect.stringMatching(/projectKey or issueKeys/) } });
    expect(await indexed(store)).toEqual([]);
  });

  it('accepts the previous secret for a day after a rotation, and refuses it afterwards without storing anything', async () => {
    const store = new InMemoryKvStore();
    let now = NOW;
    const deps = testDeps({ store, clock: { now: () => now }, transports: { jiraAsApp: () => projectSearch(['SHOP', 'PAY']) } });
    await replaceSigningSecret(deps, 'ci-admin', SECRET);
    await replaceSigningSecret(deps, 'ci-admin', 'new-secret-abcdefghijklmnop');
    expect((await ingestDeployment(deps, await signed(JSON.stringify(event)))).statusCode).toBe(201);
    expect((await ingestDeployment(deps, await signed(JSON.stringify({ ...event, deploymentId: 'run-2' }), nowSeconds, 'new-secret-abcdefghijklmnop'))).statusCode).toBe(201);

    now = new Date(NOW.getTime() + PREVIOUS_SECRET_GRACE_MS + 60_000);
    const later = String(now.getTime() / 1000);
    const old = await ingestDeployment(deps, await signed(JSON.stringify({ ...event, deploymentId: 'run-3' }), later));
    expect(old.statusCode).toBe(401);
    expect(await storedDeployments(store)).toBe(2);
    expect(await indexed(store)).toEqual(['gha-run-4711', 'run-2']);
  });
});

describe('a deployment’s lifecycle: updates in order, conflicts refused, corrections and removal', () => {
  const post = async (deps: Awaited<ReturnType<typeof setup>>['deps'], body: Record<string, unknown>) => ingestDeployment(deps, await signed(JSON.stringify(body)));
  const statusIn = async (store: InMemoryKvStore) => (await readDeploymentIndex(store, 'SHOP', ['2026-11'])).map((d) => `${d.id}:${d.status}`);

  it('takes a pipeline’s in_progress then successful report for one id, and counts the final status once', async () => {
    const { store, deps } = await setup();
    expect(await post(deps, { ...event, status: 'pending' })).toMatchObject({ statusCode: 201 });
    expect(await post(deps, { ...event, status: 'in_progress' })).toMatchObject({ statusCode: 200, body: { updated: true, duplicate: false } });
    expect(await post(deps, { ...event, status: 'successful' })).toMatchObject({ statusCode: 200, body: { updated: true } });
    expect(await statusIn(store)).toEqual(['gha-run-4711:successful']);
    expect(await store.get(keys.deployment('gha-run-4711'))).toMatchObject({ status: 'successful' });
    // Each update is audited.
    expect((await store.query(keys.deploymentAuditPrefix())).results.map((r) => (r.value as { action: string }).action)).toEqual(['updated', 'updated']);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, number, string]>([
    ['a late in_progress after the outcome', { status: 'successful' }, { status: 'in_progress' }, 409, 'successful'],
    ['another outcome without a newer updatedAt', { status: 'successful' }, { status: 'failed' }, 409, 'successful'],
    ['other details under the same id', { status: 'successful' }, { status: 'successful', environment: 'staging' }, 409, 'successful'],
    ['a retried job’s newer outcome', { status: 'failed', updatedAt: '2026-11-24T09:59:00Z' }, { status: 'successful', updatedAt: '2026-11-24T09:59:30Z' }, 200, 'successful'],
    ['an older outcome arriving late', { status: 'successful', updatedAt: '2026-11-24T09:59:30Z' }, { status: 'failed', updatedAt: '2026-11-24T09:59:00Z' }, 409, 'successful'],
  ])('answers %s with %i and keeps the right status', async (_case, first, second, code, final) => {
    const { store, deps } = await setup();
    expect(await post(deps, { ...event, ...first })).toMatchObject({ statusCode: 201 });
    const answer = await post(deps, { ...event, ...second });
    expect(answer.statusCode).toBe(code);
    expect(await statusIn(store)).toEqual([`gha-run-4711:${final}`]);
  });

  it('moves an event to another month when an update corrects its time, without counting it twice', async () => {
    const { store, deps } = await setup();
    await post(deps, { ...event, status: 'in_progress', deployedAt: '2026-10-31T23:50:00Z' });
    await post(deps, { ...event, status: 'successful', deployedAt: '2026-11-01T00:10:00Z' });
    expect(await readDeploymentIndex(store, 'SHOP', ['2026-10'])).toEqual([]);
    expect(await statusIn(store)).toEqual(['gha-run-4711:successful']);
  });

  it.each([
    ['year 0000', { deployedAt: '0000-01-01T00:00:00Z' }, 400],
    ['year 9999', { deployedAt: '9999-12-31T00:00:00Z' }, 400],
    ['two days ahead', { deployedAt: '2026-11-26T10:00:00Z' }, 400],
    ['a project Jira does not have', { projectKey: 'NOPE', issueKeys: [] }, 422],
    ['made-up issue keys', { issueKeys: Array.from({ length: 500 }, (_, i) => `FAKE${i}-1`) }, 422],
  ])('refuses an event with %s and stores nothing', async (_case, change, code) => {
    const { store, deps } = await setup();
    expect((await post(deps, { ...event, ...change })).statusCode).toBe(code);
    expect(await storedDeployments(store)).toBe(0);
    expect((await store.query('kpideps:')).results).toEqual([]);
  });

  it('removes a recorded deployment through a signed DELETE, everywhere it was filed, with an audit entry', async () => {
    const { store, deps } = await setup();
    await post(deps, event);
    const body = JSON.stringify({ deploymentId: 'gha-run-4711' });
    const request = { ...(await signed(body)), method: 'DELETE' };
    expect(await ingestDeployment(deps, request)).toEqual({ statusCode: 200, body: { deploymentId: 'gha-run-4711', deleted: true } });
    expect(await storedDeployments(store)).toBe(0);
    expect(await indexed(store)).toEqual([]);
    expect((await store.query(keys.deploymentAuditPrefix())).results.map((r) => (r.value as { action: string }).action)).toEqual(['deleted']);
    expect((await ingestDeployment(deps, request)).statusCode).toBe(404);
    // Unsigned deletes change nothing.
    await post(deps, event);
    expect((await ingestDeployment(deps, { method: 'DELETE', headers: {}, body })).statusCode).toBe(401);
    expect(await storedDeployments(store)).toBe(1);
  });

  it('keeps the commit times CI sends, for DORA’s commit-to-production lead time', async () => {
    const { store, deps } = await setup();
    const commits = [
      { sha: 'C3D4E5F6A7B8C9', committedAt: '2026-11-23T09:00:00Z' },
      { sha: 'a1b2c3d', committedAt: '2026-11-24T08:00:00+01:00' },
    ];
    expect(await post(deps, { ...event, commits })).toMatchObject({ statusCode: 201 });
    const [entry] = await readDeploymentIndex(store, 'SHOP', ['2026-11']);
    expect(entry?.commits).toEqual([
      ['c3d4e5f6a7b8', '2026-11-23T09:00:00.000Z'],
      ['a1b2c3d', '2026-11-24T07:00:00.000Z'],
    ]);
  });
});
