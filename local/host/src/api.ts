/** Calls from the host page to the host server's /api routes (docs/local-runtime.md). */
import { jiraJson } from './jira-data';

export interface SessionUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
}

export interface SessionProject {
  id: string;
  key: string;
  name: string;
  /** The project's today (yyyy-MM-dd) in its release time zone, from the runtime's clock. */
  today?: string;
  timeZone?: string;
}

export interface Session {
  mode: 'demo' | 'jira';
  users: SessionUser[];
  projects: SessionProject[];
  defaultAccountId: string;
  /** The project to open when the URL names none (SHOP on demo data). */
  defaultProjectKey?: string;
}

export async function postJson(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed };
}

/** Why the host could not start a session: Jira's quota or rate limit (with when it lifts), or the runtime itself. */
export class SessionError extends Error {
  constructor(
    message: string,
    readonly code?: 'QUOTA_EXHAUSTED' | 'RATE_LIMITED',
    readonly retryAt?: string,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}

export async function getSession(): Promise<Session> {
  const res = await fetch('/api/session', { headers: { accept: 'application/json' } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: unknown; code?: unknown; retryAt?: unknown };
    const code = body.code === 'QUOTA_EXHAUSTED' || body.code === 'RATE_LIMITED' ? body.code : undefined;
    throw new SessionError(typeof body.error === 'string' ? body.error : `GET /api/session answered ${res.status}`, code, typeof body.retryAt === 'string' ? body.retryAt : undefined);
  }
  return (await res.json()) as Session;
}

/** Jira as the given user; JSON body parsed when possible. */
export async function requestJira(
  accountId: string,
  req: { restPath: string; method?: string; body?: string },
): Promise<{ status: number; json: unknown }> {
  const answer = await postJson('/api/request-jira', { accountId, ...req });
  if (answer.status !== 200) return { status: answer.status, json: answer.body };
  return jiraJson((answer.body ?? {}) as { status?: number; body?: unknown });
}
