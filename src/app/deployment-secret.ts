/**
 * The site's signing secret for deployment events. Project admins generate and rotate it from the
 * settings page; the new secret is shown once. After a rotation the previous secret keeps verifying
 * signatures for a grace period, so pipelines can be updated without losing events.
 *
 * Who may rotate: the secret is per site, but Jira offers the app no "site admin" check through a
 * project page, so the gate is Administer Projects in the project whose settings page is open
 * (docs/deployments.md says so). Anyone with it can already change what the project reports.
 */
import type { DeploymentSecretStatus, RotatedSecret } from '../contract-kpis';
import { keys } from '../store/keys';
import { requireProjectPermission } from './authorize';
import type { AppDeps } from './deps';
import { type InvocationContext, requireProject } from './invocation-context';

/** How long the previous secret still verifies after a rotation. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3_600_000;

interface SecretMeta {
  rotatedAt: string;
  rotatedBy: string;
  previous?: { secret: string; validUntil: string };
}

function randomSecret(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The secrets a signature may be made with now: the current one, and the previous during its grace. */
export async function signingSecrets(deps: Pick<AppDeps, 'store' | 'clock'>): Promise<string[]> {
  const [secret, meta] = await Promise.all([deps.store.get<string>(keys.deploymentSecret()), deps.store.get<SecretMeta>(keys.deploymentSecretMeta())]);
  if (!secret) return [];
  const secrets = [secret];
  if (meta?.previous && Date.parse(meta.previous.validUntil) > deps.clock.now().getTime()) secrets.push(meta.previous.secret);
  return secrets;
}

export async function deploymentSecretStatus(deps: AppDeps): Promise<DeploymentSecretStatus> {
  const [secret, meta] = await Promise.all([deps.store.get<string>(keys.deploymentSecret()), deps.store.get<SecretMeta>(keys.deploymentSecretMeta())]);
  const status: DeploymentSecretStatus = { configured: Boolean(secret) };
  if (meta?.rotatedAt) status.rotatedAt = meta.rotatedAt;
  if (meta?.previous && Date.parse(meta.previous.validUntil) > deps.clock.now().getTime()) status.previousValidUntil = meta.previous.validUntil;
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
  const now = deps.clock.now();
  const current = await deps.store.get<string>(keys.deploymentSecret());
  const secret = randomSecret();
  const meta: SecretMeta = {
    rotatedAt: now.toISOString(),
    rotatedBy: context.accountId,
    ...(current ? { previous: { secret: current, validUntil: new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS).toISOString() } } : {}),
  };
  // The meta first: should the second write fail, the old secret is still the current one.
  await deps.store.set(keys.deploymentSecretMeta(), meta);
  await deps.store.set(keys.deploymentSecret(), secret);
  deps.log.info('deployment secret rotated', { by: context.accountId, project: project.key });
  return { secret, status: await deploymentSecretStatus(deps) };
}
