/**
 * The deployment web trigger's signing secrets: kept in secret storage, every replaced secret
 * accepted until its own grace ends, and rotations by two admins at once both kept.
 */
import { MAX_REPLACED_SECRETS, PREVIOUS_SECRET_GRACE_MS, deploymentSecretStatus, rotateDeploymentSecret, signingSecrets } from '../../src/app/deployment-secret';
import type { InvocationContext } from '../../src/app/invocation-context';
import type { HttpTransport } from '../../src/ports';
import { keys } from '../../src/store/keys';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { testDeps } from '../support/app-deps';

const T0 = new Date('2026-11-24T10:00:00Z');
const HOUR = 3_600_000;
const admin: InvocationContext = { accountId: 'admin-1', project: { id: '10000', key: 'SHOP' } };
const otherAdmin: InvocationContext = { accountId: 'admin-2', project: { id: '10000', key: 'SHOP' } };

/** Jira's GET /rest/api/3/mypermissions, granting what the test says. */
function permissions(granted: boolean): HttpTransport {
  return async (request) => {
    if (!request.path.startsWith('/rest/api/3/mypermissions')) throw new Error(`unexpected ${request.method} ${request.path}`);
    return { status: 200, headers: {}, body: { permissions: { ADMINISTER_PROJECTS: { key: 'ADMINISTER_PROJECTS', havePermission: granted } } } };
  };
}

function site(granted = true) {
  const store = new InMemoryKvStore();
  let now = T0;
  const deps = testDeps({ store, clock: { now: () => now }, transports: { jiraAsUser: () => permissions(granted) } });
  return { store, deps, at: (ms: number) => void (now = new Date(T0.getTime() + ms)) };
}

describe('signing secrets for deployment events', () => {
  it('keeps every secret replaced within the grace period working until its own grace ends', async () => {
    const { deps, at } = site();
    const first = (await rotateDeploymentSecret(deps, admin)).secret;
    at(1 * HOUR);
    const second = (await rotateDeploymentSecret(deps, admin)).secret;
    at(2 * HOUR);
    const third = (await rotateDeploymentSecret(deps, admin)).secret;

    expect(new Set(await signingSecrets(deps))).toEqual(new Set([first, second, third]));
    expect(await deploymentSecretStatus(deps)).toMatchObject({ previousSecrets: 2, previousValidUntil: new Date(T0.getTime() + 2 * HOUR + PREVIOUS_SECRET_GRACE_MS).toISOString() });

    // The first was replaced at 1h: accepted until 1h + grace, not a minute longer.
    at(1 * HOUR + PREVIOUS_SECRET_GRACE_MS - 60_000);
    expect(new Set(await signingSecrets(deps))).toEqual(new Set([first, second, third]));
    at(1 * HOUR + PREVIOUS_SECRET_GRACE_MS + 60_000);
    expect(new Set(await signingSecrets(deps))).toEqual(new Set([second, third]));
    at(2 * HOUR + PREVIOUS_SECRET_GRACE_MS + 60_000);
    expect(await signingSecrets(deps)).toEqual([third]);
  });

  it('loses neither new secret when two admins rotate at the same moment', async () => {
    const { deps } = site();
    const original = (await rotateDeploymentSecret(deps, admin)).secret;
    const [a, b] = await Promise.all([rotateDeploymentSecret(deps, admin), rotateDeploymentSecret(deps, otherAdmin)]);
    expect(a.secret).not.toBe(b.secret);
    expect(new Set(await signingSecrets(deps))).toEqual(new Set([original, a.secret, b.secret]));
  });

  it('keeps the secrets in secret storage, never in app data, and deletes replaced ones once their grace is over', async () => {
    const { store, deps, at } = site();
    const first = (await rotateDeploymentSecret(deps, admin)).secret;
    expect(JSON.stringify(store.snapshot())).not.toContain(first);
    at(PREVIOUS_SECRET_GRACE_MS);
    await rotateDeploymentSecret(deps, admin);
    at(3 * PREVIOUS_SECRET_GRACE_MS);
    const last = (await rotateDeploymentSecret(deps, admin)).secret;
    expect(JSON.stringify(store.snapshot())).not.toContain(last);
    // Pruned: the first, whose grace ended, is gone from secret storage too; the second is in its grace.
    const doc = await store.getVersioned<{ current: { id: string }; replaced: Array<{ id: string }> }>(keys.deploymentSigningSecrets());
    expect(doc?.value.replaced).toHaveLength(1);
    const stored = await Promise.all([doc!.value.current.id, ...doc!.value.replaced.map((r) => r.id)].map((id) => store.getSecret(keys.deploymentSigningSecret(id))));
    expect(stored).toHaveLength(2);
    expect(stored).toContain(last);
    expect(stored).not.toContain(first);
  });

  it(`accepts at most ${MAX_REPLACED_SECRETS} replaced secrets at once, dropping the oldest`, async () => {
    const { deps, at } = site();
    const secrets: string[] = [];
    for (let i = 0; i <= MAX_REPLACED_SECRETS + 1; i++) {
      at(i * 60_000);
      secrets.push((await rotateDeploymentSecret(deps, admin)).secret);
    }
    const accepted = await signingSecrets(deps);
    expect(accepted).toHaveLength(MAX_REPLACED_SECRETS + 1);
    expect(accepted).not.toContain(secrets[0]);
    expect(accepted).toContain(secrets[1]);
  });

  it('moves a secret kept in app storage by the first release into secret storage, with its predecessor’s grace', async () => {
    const { store, deps } = site();
    await store.set(keys.deploymentSecret(), 'legacy-current-0123456789');
    await store.set(keys.deploymentSecretMeta(), { rotatedAt: T0.toISOString(), rotatedBy: 'x', previous: { secret: 'legacy-previous-0123456789', validUntil: new Date(T0.getTime() + HOUR).toISOString() } });
    expect(await signingSecrets(deps)).toEqual(['legacy-current-0123456789', 'legacy-previous-0123456789']);
    expect(await store.get(keys.deploymentSecret())).toBeUndefined();
    expect(await store.get(keys.deploymentSecretMeta())).toBeUndefined();
    const rotated = (await rotateDeploymentSecret(deps, admin)).secret;
    expect(new Set(await signingSecrets(deps))).toEqual(new Set([rotated, 'legacy-current-0123456789', 'legacy-previous-0123456789']));
  });

  it('refuses a rotation by someone who is not a project admin and changes nothing', async () => {
    const { store, deps } = site(false);
    await expect(rotateDeploymentSecret(deps, admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(store.snapshot()).toEqual({ plain: {}, versioned: {} });
    expect(await signingSecrets(deps)).toEqual([]);
  });
});
