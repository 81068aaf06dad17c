/** Small HTTP helpers shared by the fake Jira's routes: replies, Jira-shaped errors, params, bodies. */
import type { z } from 'zod';
import type { EventHub } from './events';
import type { Renderer } from './render';
import type { JiraStore, Principal } from './store';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A Jira `ErrorCollection` reply, thrown from anywhere inside a route. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
  }

  reply(): Reply {
    return { status: this.status, body: { errorMessages: this.errorMessages, errors: this.errors }, headers: this.headers };
  }
}

export const notFound = (message: string) => new HttpError(404, [message]);
export const badRequest = (message: string, errors: Record<string, string> = {}) => new HttpError(400, message ? [message] : [], errors);
export const forbidden = (message: string) => new HttpError(403, [message]);

export interface RouteContext {
  principal: Principal;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  store: JiraStore;
  render: Renderer;
  events: EventHub;
  now(): number;
  /** Adds to this request's rate-limit cost (1 point per request is already counted). */
  charge(cost: { issues?: number; users?: number }): void;
  /** Per-server cache of search results, for nextPageToken. */
  searchCache: SearchCache;
}

export type Handler = (ctx: RouteContext) => Reply | Promise<Reply>;

export const ok = (body: unknown, status = 200): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });

// ---------------------------------------------------------------------------------------------
// Query parameters

/** A list parameter given as `a,b` and/or repeated `x=a&x=b`. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const all = query.getAll(name);
  if (all.length === 0) return undefined;
  return all.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function intParam(query: URLSearchParams, name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest(`The value '${raw}' is not valid for the parameter '${name}'.`);
  if (n < min) throw badRequest(`The parameter '${name}' must be at least ${min}.`);
  return Math.min(n, max);
}

export function expandSet(value: string | string[] | undefined | null): Set<string> {
  if (value === undefined || value === null) return new Set();
  const list = Array.isArray(value) ? value : [value];
  return new Set(list.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean));
}

// ---------------------------------------------------------------------------------------------
// Bodies

/** Validates a request body with zod; failures become Jira-style 400s. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === undefined) throw badRequest('No content to map due to end-of-input');
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const messages: string[] = [];
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) messages.push(`Unrecognized field "${key}"`);
    } else if (issue.path.length > 0) {
      errors[issue.path.map(String).join('.')] = issue.message;
    } else {
      messages.push(issue.message);
    }
  }
  throw badRequest(messages[0] ?? '', messages.length ? {} : errors);
}

// ---------------------------------------------------------------------------------------------
// Search snapshots for nextPageToken paging

interface Snapshot {
  id: number;
  issueIds: string[];
}

/** Keeps the ordered result of recent searches so later pages are stable and cheap. */
export class SearchCache {
  private readonly entries = new Map<string, Snapshot>();
  private counter = 0;

  constructor(private readonly capacity = 64) {}

  put(key: string, issueIds: string[]): Snapshot {
    const snapshot = { id: ++this.counter, issueIds };
    this.entries.delete(key);
    this.entries.set(key, snapshot);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return snapshot;
  }

  get(key: string): Snapshot | undefined {
    const snapshot = this.entries.get(key);
    if (snapshot) {
      this.entries.delete(key);
      this.entries.set(key, snapshot);
    }
    return snapshot;
  }
}

export function encodeToken(payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeToken(token: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A short, stable hash (FNV-1a) for tying page tokens to the request that made them. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
