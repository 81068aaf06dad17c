import { deploymentEventSchema, type StoredDeployment } from '../domain/deployments/deployment-event';
import { keys } from '../store/keys';
import { fileDeploymentEvent } from './release-plan/deployments';
import { indexDeploymentForKpis } from './deployment-index';
import { signingSecrets } from './deployment-secret';
import type { AppDeps } from './deps';

export const MAX_DEPLOYMENT_BODY_BYTES = 64 * 1024;
/** Signed requests older (or further in the future) than this are replays or broken clocks. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;
export const SIGNATURE_HEADER = 'x-release-signature';
export const TIMESTAMP_HEADER = 'x-release-timestamp';

export interface WebRequest {
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: string;
}

export interface WebResponse {
  statusCode: number;
  body: Record<string, unknown>;
}

const reply = (statusCode: number, body: Record<string, unknown>): WebResponse => ({ statusCode, body });

function toHex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** HMAC-SHA256 over `${timestamp}.${body}`, hex; Web Crypto so it runs the same on Forge and Node. */
export async function signDeploymentBody(secret: string, timestamp: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return `sha256=${toHex(await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`)))}`;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Ingests one deployment event from CI/CD. Every body is hostile until proven otherwise: size,
 * signature and freshness are checked before it is parsed, and nothing is stored unless all pass.
 * A replay of an accepted event (same deploymentId) is answered 200 and stores nothing new.
 */
export async function ingestDeployment(deps: AppDeps, request: WebRequest): Promise<WebResponse> {
  if (request.method !== 'POST') return reply(405, { error: 'Use POST.' });
  const size = new TextEncoder().encode(request.body ?? '').length;
  if (size > MAX_DEPLOYMENT_BODY_BYTES) return reply(413, { error: `The body is ${size} bytes; the limit is ${MAX_DEPLOYMENT_BODY_BYTES}.` });

  // The current secret, and the previous one for a day after a rotation (src/app/deployment-secret.ts).
  const secrets = await signingSecrets(deps);
  if (!secrets.length) return reply(403, { error: 'Deployment events are not enabled on this site: generate a signing secret in the app settings.' });

  const signature = request.headers[SIGNATURE_HEADER];
  const timestamp = request.headers[TIMESTAMP_HEADER];
  if (!signature || !timestamp) return reply(401, { error: `Sign the body: headers ${SIGNATURE_HEADER} and ${TIMESTAMP_HEADER} are required.` });
  const sentAt = Number(timestamp) * 1000;
  if (!Number.isFinite(sentAt) || Math.abs(deps.clock.now().getTime() - sentAt) > SIGNATURE_TOLERANCE_MS) {
    return reply(401, { error: `${TIMESTAMP_HEADER} must be the current Unix time in seconds (within 5 minutes).` });
  }
  const given = signature.trim().toLowerCase();
  let matches = false;
  for (const secret of secrets) matches = constantTimeEqual(await signDeploymentBody(secret, timestamp, request.body), given) || matches;
  if (!matches) return reply(401, { error: 'The signature does not match.' });

  let json: unknown;
  try {
    json = JSON.parse(request.body);
  } catch {
    return reply(400, { error: 'The body is not JSON.' });
  }
  const parsed = deploymentEventSchema.safeParse(json);
  if (!parsed.success) {
    return reply(400, { error: 'The deployment event is not valid.', details: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) });
  }

  const stored: StoredDeployment = { ...parsed.data, receivedAt: deps.clock.now().toISOString() };
  const created = await deps.store.setIfAbsent(keys.deployment(parsed.data.deploymentId), stored);
  // Filed for the release calendar and the KPIs too; idempotent, so a replay repairs a filing that failed once.
  const filed = created ? stored : ((await deps.store.get<StoredDeployment>(keys.deployment(parsed.data.deploymentId))) ?? stored);
  await fileDeploymentEvent(deps, filed);
  const projects = await indexDeploymentForKpis(deps.store, filed);
  deps.log.info(created ? 'deployment stored' : 'deployment replay ignored', { deploymentId: parsed.data.deploymentId });
  return reply(created ? 201 : 200, {
    deploymentId: parsed.data.deploymentId,
    duplicate: !created,
    projects,
    ...(projects.length ? {} : { warning: 'Not linked to a project: send projectKey or issueKeys so the KPIs count this deployment.' }),
  });
}
