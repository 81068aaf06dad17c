import { startFakeJira, type FakeJira, type StartFakeJiraOptions } from '../../../local/fake-jira';

/** "Today" of the test site, fixed so relative dates (-7d, overdue) are stable. */
export const ANCHOR = new Date('2026-03-10T12:00:00.000Z');

export function startTestJira(options: StartFakeJiraOptions = {}): Promise<FakeJira> {
  return startFakeJira({ anchor: ANCHOR, seed: 1, now: () => ANCHOR, ...options });
}

/** Bodies are read loosely in tests (the contract test checks their shape against the spec). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

export interface Answer<T = Loose> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

/** `as`: an accountId, 'app', 'none' (no header) or { basic: email }. */
export type Caller = string | { basic: string };

export async function call<T = Loose>(jira: FakeJira, as: Caller, method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (typeof as === 'object') headers.Authorization = `Basic ${Buffer.from(`${as.basic}:token`).toString('base64')}`;
  else if (as === 'app') headers.Authorization = 'Bearer app';
  else if (as !== 'none') headers.Authorization = `Bearer user:${as}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${jira.url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  return { status: response.status, headers: out, body: text ? JSON.parse(text) : undefined };
}
