/**
 * The site's signing secrets for deployment events. Project admins generate and rotate the secret
 * from the settings page; the new secret is shown once. Every secret replaced keeps verifying
 * signatures for a grace period of its own, so pipelines can be updated without losing events, even
 * when the secret is rotated again (or by two admins at once) within that period.
 *
 * Where: each secret's value is in secret storage (`store.setSecret`, Forge's encrypted secret
 * storage; locally a file readable by its owner only), one key per secret. Which secrets are
 * accepted is a versioned document naming them, written with a revision check: a rotation that
 * raced another one is re-applied on top of it, so neither new secret is lost.
 *
 * Who may rotate: the secret is per site, but Jira offers the app no "site admin" check through a
 * project page, so the gate is Administer Projects in the project whose settings page is open
 * (docs/deployments.md says so). Anyone with it can already change what the project reports.
 */
import type { DeploymentSecretStatus, RotatedSecret } from '../contract-kpis';
import { ConflictError } from '../errors';
import { keys } from '../store/keys';
import { updateVersioned } from '../store/versioned-update';
import { requireProjectPermission } from './authorize';
import type { AppDeps } from './deps';
import { type InvocationContext, requireProject } from './invocation-context';

/** How long a replaced secret still verifies after the rotation that replaced it. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3_600_000;
/**
 * Replaced secrets accepted at most: every event is checked against each (a secret read and an
 * HMAC). Only an eleventh rotation within one grace period cuts the oldest replaced one off early.
 */
export const MAX_REPLACED_SECRETS = 10;

interface SigningSecretsDoc {
  current?: { id: string; since: string; by: string };
  /** Newest first; pruned of expired ones on every rotation. */
  replaced: Array<{ id: string; validUntil: string }>;
}

type SecretDeps = Pick<AppDeps, 'store' | 'clock' | 'log'>;

const noSecrets = (): SigningSecretsDoc => ({ replaced: [] });

function randomHex(byteCount: number): string {
  const bytes = new Uint8Array(byteCount);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function stillAccepted(doc: SigningSecretsDoc, nowMs: number): SigningSecretsDoc['replaced'] {
  return doc.replaced.filter((r) => Date.parse(r.validUntil) > nowMs);
}

async function loadSecrets(deps: SecretDeps): Promise<SigningSecretsDoc> {
  const doc = await deps.store.getVersioned<SigningSecretsDoc>(keys.deploymentSigningSecrets());
  return doc ? doc.value : moveSecretOutOfAppStorage(deps);
}

interface LegacyMeta {
  rotatedAt?: string;
  rotatedBy?: string;
  previous?: { secret: string; validUntil: string };
}

/**
 * The first release kept the secret (and the previous one) in ordinary app storage: moved into
 * secret storage on first use, under fixed ids so that two requests moving it at once agree.
 */
async function moveSecretOutOfAppStorage(deps: SecretDeps): Promise<SigningSecretsDoc> {
  const [secret, meta] = await Promise.all([deps.store.get<string>(keys.deploymentSecret()), deps.store.get<LegacyMeta>(keys.deploymentSecretMeta())]);
  if (!secret) return noSecrets();
  const now = deps.clock.now();
  const doc: SigningSecretsDoc = { current: { id: 'moved', since: meta?.rotatedAt ?? now.toISOString(), by: meta?.rotatedBy ?? '' }, replaced: [] };
  await deps.store.setSecret(keys.deploymentSigningSecret('moved'), secret);
  if (meta?.previous && Date.parse(meta.previous.validUntil) > now.getTime()) {
    await deps.store.setSecret(keys.deploymentSigningSecret('moved-previous'), meta.previous.secret);
    doc.replaced.push({ id: 'moved-previous', validUntil: meta.previous.validUntil });
  }
  try {
    await deps.store.transact([{ kind: 'put', key: keys.deploymentSigningSecrets(), value: doc, expectRev: 0 }]);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return (await deps.store.getVersioned<SigningSecretsDoc>(keys.deploymentSigningSecrets()))?.value ?? noSecrets();
  }
  await Promise.all([deps.store.delete(keys.deploymentSecret()), deps.store.delete(keys.deploymentSecretMeta())]);
  deps.log.info('deployment signing secret moved to secret storage');
  return doc;
}

/** The secrets a signature may be made with now: the current one, and every replaced one within its grace. */
export async function signingSecrets(deps: SecretDeps): Promise<string[]> {
  const doc = await loadSecrets(deps);
  const ids = [...(doc.current ? [doc.current.id] : []), ...stillAccepted(doc, deps.clock.now().getTime()).map((r) => r.id)];
  const values = await Promise.all(ids.map((id) => deps.store.getSecret(keys.deploymentSigningSecret(id))));
  return values.filter((value): value is string => Boolean(value));
}

/**
 * Makes `secret` (a new random one by default) the current signing secret; the one it replaces
 * stays accepted for the grace period. Safe when two rotations race: each is applied on top of the
 * other. Replaced secrets whose grace ended, or beyond the bound, are deleted from secret storage.
 */
export async function replaceSigningSecret(deps: SecretDeps, by: string, secret = randomHex(32)): Promise<string> {
  // A secret still in app storage is moved first, so it is replaced (with its grace) like any other.
  await loadSecrets(deps);
  const id = randomHex(8);
  await deps.store.setSecret(keys.deploymentSigningSecret(id), secret);
  let dropped: SigningSecretsDoc['replaced'] = [];
  try {
    await updateVersioned<SigningSecretsDoc>(deps.store, keys.deploymentSigningSecrets(), noSecrets, (doc) => {
      const now = deps.clock.now();
      const replaced = [...(doc.current ? [{ id: doc.current.id, validUntil: new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS).toISOString() }] : []), ...doc.replaced];
      const kept = stillAccepted({ replaced }, now.getTime()).slice(0, MAX_REPLACED_SECRETS);
      dropped = replaced.filter((r) => !kept.includes(r));
      return { current: { id, since: now.toISOString(), by }, replaced: kept };
    });
  } catch (error) {
    // Nobody will ever accept it: do not leave it behind in secret storage.
    await deps.store.deleteSecret(keys.deploymentSigningSecret(id)).catch(() => undefined);
    throw error;
  }
  const cutOff = stillAccepted({ replaced: dropped }, deps.clock.now().getTime());
  if (cutOff.length) deps.log.warn('more rotations than replaced secrets kept: the oldest replaced secret is no longer accepted', { max: MAX_REPLACED_SECRETS, cutOff: cutOff.length });
  for (const old of dropped) {
    try {
      await deps.store.deleteSecret(keys.deploymentSigningSecret(old.id));
    } catch (error) {
      // No longer accepted either way; the next rotation's pruning does not see it again, so say so.
      deps.log.warn('a replaced signing secret could not be deleted from secret storage', { id: old.id, error: String(error) });
    }
  }
  return secret;
}

export async function deploymentSecretStatus(deps: AppDeps): Promise<DeploymentSecretStatus> {
  const doc = await loadSecrets(deps);
  const replaced = stillAccepted(doc, deps.clock.now().getTime());
  const status: DeploymentSecretStatus = { configured: Boolean(doc.current) };
  if (doc.current) status.rotatedAt = doc.current.since;
  const latest = replaced.map((r) => r.validUntil).sort().at(-1);
  if (latest) {
    status.previousValidUntil = latest;
    status.previousSecrets = replaced.length;
  }
  if (deps.webTriggerUrl) {
    try {
      status.webhookUrl = await deps.webTriggerUrl('deployment-events');
    } catch {
      // The URL is a convenience; the settings page explains how to get it otherwise.
    }
  }
  return status;
}

/** Generates the first secret or replaces the current one (which stays valid for the grace period). */
export async function rotateDeploymentSecret(deps: AppDeps, context: InvocationContext): Promise<RotatedSecret> {
  const project = requireProject(context);
  await requireProjectPermission(deps.jiraAsUser(context.accountId), project.key, 'ADMINISTER_PROJECTS');
  const secret = await replaceSigningSecret(deps, context.accountId);
  deps.log.info('deployment secret rotated', { by: context.accountId, project: project.key });
  return { secret, status: await deploymentSecretStatus(deps) };
}
