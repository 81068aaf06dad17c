/**
 * The deployment web trigger as Forge calls it: headers arrive as lists under the names the
 * client sent (CI tools write `X-Release-Signature`), so the entry point must match them without
 * regard to case before the use case reads its lower-case names.
 */
import type { AppDeps } from '../../src/app/deps';

let mockDeps: AppDeps;
jest.mock('../../src/forge/compose', () => ({ composeForge: () => mockDeps }));

import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signDeploymentBody } from '../../src/app/ingest-deployment';
import { deploymentWebhook } from '../../src/forge/triggers';
import { keys } from '../../src/store/keys';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { testDeps } from '../support/app-deps';

const SECRET = 'test-secret-0123456789';
const NOW = new Date('2026-11-24T10:00:00Z');
const TIMESTAMP = String(NOW.getTime() / 1000);
// An event that names no project: the app files it nowhere and asks Jira nothing.
const BODY = JSON.stringify({ deploymentId: 'gha-run-4711', environment: 'production', status: 'successful', deployedAt: '2026-11-24T09:58:00Z' });

async function headersNamed(signature: string, timestamp: string) {
  return { [signature]: [await signDeploymentBody(SECRET, TIMESTAMP, BODY)], [timestamp]: [TIMESTAMP], 'Content-Type': ['application/json'] };
}

describe('the deployment web trigger', () => {
  let store: InMemoryKvStore;
  beforeEach(async () => {
    store = new InMemoryKvStore();
    await store.set(keys.deploymentSecret(), SECRET);
    mockDeps = testDeps({ store, clock: { now: () => NOW } });
  });

  it.each([
    ['lower case', SIGNATURE_HEADER, TIMESTAMP_HEADER],
    ['capitalised', 'X-Release-Signature', 'X-Release-Timestamp'],
    ['upper case', SIGNATURE_HEADER.toUpperCase(), TIMESTAMP_HEADER.toUpperCase()],
  ])('takes the signature headers whatever their case (%s) and answers JSON', async (_case, signature, timestamp) => {
    const response = await deploymentWebhook({ method: 'POST', headers: await headersNamed(signature, timestamp), body: BODY });
    expect(response).toMatchObject({ statusCode: 201, headers: { 'Content-Type': ['application/json'] } });
    expect(JSON.parse(response.body)).toMatchObject({ deploymentId: 'gha-run-4711', duplicate: false });
    expect(await store.get(keys.deployment('gha-run-4711'))).toMatchObject({ environment: 'production' });
  });
});
