import { z } from 'zod';
import { type DeploymentEvent, deploymentEventSchema, type StoredDeployment } from '../domain/deployments/deployment-event';
import { projectsOfDeployment } from '../domain/deployments/deployment-index';
import { decideUpdate, implausibleDates } from '../domain/deployments/lifecycle';
import { keys } from '../store/keys';
import { fileDeploymentEvent, unfileDeploymentEvent } from './release-plan/deployments';
import { auditDeployment } from './deployment-audit';
import { indexDeploymentForKpis, unindexDeployment } from './deployment-index';
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

/** Checks size and signature; undefined when the request may go on, else the answer to give. */
async function authenticate(deps: AppDeps, request: WebRequest): Promise<WebResponse | undefined> {
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
  return undefined;
}

function parseJson(body: string): { ok: true; json: unknown } | { ok: false } {
  try {
    return { ok: true, json: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/**
 * Ingests one deployment event from CI/CD (POST), or removes one (DELETE). Every body is hostile
 * until proven otherwise: size, signature and freshness are checked before it is parsed, and
 * nothing is stored unless all pass. The same deploymentId may be reported again as its pipeline
 * moves on (src/domain/deployments/lifecycle.ts): an identical replay answers 200, an update in
 * order 200 with `updated`, a conflicting one 409. Projects Jira does not know are refused (422),
 * so made-up keys create no storage.
 */
export async function ingestDeployment(deps: AppDeps, request: WebRequest): Promise<WebResponse> {
  if (request.method !== 'POST' && request.method !== 'DELETE') return reply(405, { error: 'Use POST to report a deployment, DELETE to remove one.' });
  const refused = await authenticate(deps, request);
  if (refused) return refused;
  const body = parseJson(request.body);
  if (!body.ok) return reply(400, { error: 'The body is not JSON.' });
  if (request.method === 'DELETE') return deleteByWebTrigger(deps, body.json);

  const parsed = deploymentEventSchema.safeParse(body.json);
  if (!parsed.success) {
    return reply(400, { error: 'The deployment event is not valid.', details: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) });
  }
  const event = parsed.data;
  const dates = implausibleDates(event, deps.clock.now().getTime());
  if (dates.length) return reply(400, { error: 'The deployment event is not valid.', details: dates });
  const unknown = await unknownProjects(deps, projectsOfDeployment(event));
  if (unknown.length) {
    return reply(422, { error: `Jira has no project ${unknown.join(', ')} that this app can see: check projectKey and issueKeys.`, unknownProjects: unknown });
  }

  const outcome = await storeDeploymentEvent(deps, event, 'CI/CD (web trigger)');
  if (outcome.kind === 'conflict') {
    const existing = outcome.stored;
    return reply(409, { error: outcome.reason, deploymentId: event.deploymentId, stored: { status: existing.status, deployedAt: existing.deployedAt, ...(existing.updatedAt ? { updatedAt: existing.updatedAt } : {}) } });
  }
  const { created, updated, projects } = outcome;
  return reply(created ? 201 : 200, {
    deploymentId: event.deploymentId,
    duplicate: !created && !updated,
    ...(updated ? { updated: true } : {}),
    projects,
    ...(projects.length ? {} : { warning: 'Not linked to a project: send projectKey or issueKeys so the KPIs count this deployment.' }),
  });
}

export type StoredOutcome =
  | { kind: 'stored'; created: boolean; updated: boolean; projects: string[] }
  | { kind: 'conflict'; reason: string; stored: StoredDeployment };

/**
 * Stores a valid deployment event once under its id and files it for the release calendar and
 * the KPIs: the one path every deployment takes (the web trigger, a go-live run's deployment
 * step). The same id again is a duplicate (nothing new, the filing repaired), a later status an
 * update (audited as `by`), anything else a conflict that changes nothing.
 */
export async function storeDeploymentEvent(deps: AppDeps, event: DeploymentEvent, by: string): Promise<StoredOutcome> {
  const key = keys.deployment(event.deploymentId);
  const stored: StoredDeployment = { ...event, receivedAt: deps.clock.now().toISOString() };
  const created = await deps.store.setIfAbsent(key, stored);
  let filed = stored;
  let previous: StoredDeployment | undefined;
  let updated = false;
  if (!created) {
    const existing = await deps.store.get<StoredDeployment>(key);
    if (existing) {
      const decision = decideUpdate(existing, event);
      if (decision.kind === 'conflict') return { kind: 'conflict', reason: decision.reason, stored: existing };
      if (decision.kind === 'update') {
        await deps.store.set(key, stored);
        await auditDeployment(deps, { action: 'updated', deploymentId: event.deploymentId, by, before: existing, after: stored });
        previous = existing;
        updated = true;
      } else filed = existing;
    }
  }
  // Filed for the release calendar and the KPIs too; idempotent, so a replay repairs a filing that failed once.
  await fileDeploymentEvent(deps, filed, previous);
  const projects = await indexDeploymentForKpis(deps.store, filed, previous);
  deps.log.info(created ? 'deployment stored' : updated ? 'deployment updated' : 'deployment replay ignored', { deploymentId: event.deploymentId, by });
  return { kind: 'stored', created, updated, projects };
}

const deleteSchema = z.object({ deploymentId: deploymentEventSchema.shape.deploymentId }).strict();

async function deleteByWebTrigger(deps: AppDeps, json: unknown): Promise<WebResponse> {
  const parsed = deleteSchema.safeParse(json);
  if (!parsed.success) return reply(400, { error: 'Send {"deploymentId": "..."} to remove a deployment.', details: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) });
  const removed = await removeDeployment(deps, parsed.data.deploymentId, 'CI/CD (web trigger)');
  return removed ? reply(200, { deploymentId: parsed.data.deploymentId, deleted: true }) : reply(404, { error: `No deployment ${parsed.data.deploymentId} is recorded.` });
}

/** Removes a recorded deployment everywhere it was filed, with an audit entry. False when unknown. */
export async function removeDeployment(deps: AppDeps, deploymentId: string, by: string): Promise<boolean> {
  const key = keys.deployment(deploymentId);
  const existing = await deps.store.get<StoredDeployment>(key);
  if (!existing) return false;
  await unfileDeploymentEvent(deps, existing);
  await unindexDeployment(deps.store, existing);
  await auditDeployment(deps, { action: 'deleted', deploymentId, by, before: existing });
  await deps.store.delete(key);
  return true;
}

const PROJECT_CACHE_MS = 3_600_000;

/** Project keys Jira does not know among `wanted`; the list is cached for an hour, re-read on a miss. */
async function unknownProjects(deps: AppDeps, wanted: string[]): Promise<string[]> {
  if (!wanted.length) return [];
  const now = deps.clock.now().getTime();
  const cached = await deps.store.get<{ keys: string[]; checkedAt: string }>(keys.projectKeysCache());
  let known = new Set(cached?.keys ?? []);
  const fresh = cached && now - Date.parse(cached.checkedAt) < PROJECT_CACHE_MS;
  if (!fresh || wanted.some((k) => !known.has(k))) {
    const projects = await deps.jiraAsApp().listProjects();
    known = new Set(projects.map((p) => p.key));
    await deps.store.set(keys.projectKeysCache(), { keys: [...known].slice(0, 5_000), checkedAt: new Date(now).toISOString() });
  }
  return wanted.filter((k) => !known.has(k));
}
