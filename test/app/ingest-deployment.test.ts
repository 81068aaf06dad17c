import { MAX_DEPLOYMENT_BODY_BYTES, SIGNATURE_HEADER, TIMESTAMP_HEADER, ingestDeployment, signDeploymentBody } from '../../src/app/ingest-deployment';
import { keys } from '../../src/store/keys';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { testDeps } from '../support/app-deps';

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

async function setup() {
  const store = new InMemoryKvStore();
  await store.set(keys.deploymentSecret(), SECRET);
  const deps = testDeps({ store, clock: { now: () => NOW } });
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

describe('deployment events from CI/CD', () => {
  it('stores a signed, valid event once and answers a replay without storing again', async () => {
    const { store, deps } = await setup();
    const request = await signed(JSON.stringify(event));
    expect(await ingestDeployment(deps, request)).toEqual({ statusCode: 201, body: { deploymentId: 'gha-run-4711', duplicate: false } });
    expect(await ingestDeployment(deps, request)).toEqual({ statusCode: 200, body: { deploymentId: 'gha-run-4711', duplicate: true } });
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
  });

  it('explains that events are off until a secret exists', async () => {
    const deps = testDeps({ clock: { now: () => NOW } });
    const response = await ingestDeployment(deps, await signed(JSON.stringify(event)));
    expect(response).toMatchObject({ statusCode: 403, body: { error: expect.stringMatching(/signing secret/) } });
  });
});
