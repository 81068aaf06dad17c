import { AppError, ERROR_MESSAGES, UpstreamError } from '../../errors';
import type { Clock, HttpRequest, HttpResponse, HttpTransport, Logger, Timing } from '../../ports';

export type Product = 'jira' | 'confluence';

/** Jira has stopped all work for this app until `retryAt` (the hourly points pool is empty). */
export class QuotaExhaustedError extends AppError {
  constructor(readonly product: Product, retryAt: Date) {
    super('QUOTA_EXHAUSTED', ERROR_MESSAGES.QUOTA_EXHAUSTED, undefined, retryAt);
    this.name = 'QuotaExhaustedError';
  }
}

/** Still rate limited after the allowed retries, or waiting would exceed the caller's budget. */
export class RateLimitedError extends AppError {
  constructor(retryAt: Date) {
    super('RATE_LIMITED', ERROR_MESSAGES.RATE_LIMITED, undefined, retryAt);
    this.name = 'RateLimitedError';
  }
}

/**
 * Remembers, across invocations, that a product's quota is spent, so no function keeps calling
 * (and keeps getting 429s) until the pool refills.
 */
export interface QuotaGate {
  blockedUntil(product: Product): Promise<Date | undefined>;
  block(product: Product, until: Date): Promise<void>;
}

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Give up rather than wait longer than this in total (resolvers have 25 s). */
  maxTotalWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 400,
  maxDelayMs: 20_000,
  maxTotalWaitMs: 15_000,
};

export interface ProductClientDeps {
  product: Product;
  transport: HttpTransport;
  clock: Clock;
  timing: Timing;
  quotaGate?: QuotaGate;
  log?: Logger;
  policy?: Partial<RetryPolicy>;
}

export interface SendOptions {
  /** Safe to repeat after a 5xx or a network failure. Defaults to true for GET, PUT and DELETE. */
  idempotent?: boolean;
  /** Statuses the caller handles itself (e.g. 404 to mean "absent", 409 for stale versions). */
  acceptStatuses?: number[];
}

const RETRYABLE_5XX = new Set([500, 502, 503, 504]);

function header(response: HttpResponse, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = response.headers[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** Seconds (`Retry-After: 5`) or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

export function rateLimitReason(response: HttpResponse): string | undefined {
  return header(response, 'ratelimit-reason', 'x-ratelimit-reason', 'x-beta-ratelimit-reason');
}

function startOfNextUtcHour(now: Date): Date {
  const next = new Date(now.getTime());
  next.setUTCMinutes(0, 0, 0);
  next.setUTCHours(next.getUTCHours() + 1);
  return next;
}

/** When the points pool is empty the wait is long and shared by every call: never retry it. */
function quotaResumeAt(response: HttpResponse, now: Date): Date {
  const retryAfterMs = parseRetryAfter(header(response, 'retry-after'), now);
  if (retryAfterMs !== undefined && retryAfterMs > 0) return new Date(now.getTime() + retryAfterMs);
  const reset = header(response, 'x-ratelimit-reset', 'x-beta-ratelimit-reset');
  const resetAt = reset ? Date.parse(reset) : NaN;
  if (!Number.isNaN(resetAt) && resetAt > now.getTime()) return new Date(resetAt);
  return startOfNextUtcHour(now);
}

function errorMessages(body: unknown): string[] {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body ? [body.slice(0, 300)] : [];
  const record = body as { errorMessages?: unknown; errors?: unknown; message?: unknown };
  const messages: string[] = [];
  if (Array.isArray(record.errorMessages)) messages.push(...record.errorMessages.map(String));
  if (Array.isArray(record.errors)) {
    // Confluence v2: { errors: [{ status, code, title, detail }] }
    for (const entry of record.errors as Array<{ title?: unknown; detail?: unknown; code?: unknown }>) {
      const text = [entry?.title, entry?.detail].filter((t) => typeof t === 'string' && t).join(': ');
      messages.push(text || String(entry?.code ?? 'error'));
    }
  } else if (record.errors && typeof record.errors === 'object') {
    for (const [field, message] of Object.entries(record.errors as Record<string, unknown>)) {
      messages.push(`${field}: ${typeof message === 'string' ? message : JSON.stringify(message)}`);
    }
  }
  if (typeof record.message === 'string') messages.push(record.message);
  return messages;
}

/**
 * One behaviour for every call to Jira or Confluence, in Forge and locally: honour Retry-After,
 * back off with jitter, at most `maxRetries` retries, retry 5xx only when the call is idempotent,
 * stop everything on a quota reason, and map errors to the catalogue.
 */
export class ProductClient {
  private readonly policy: RetryPolicy;

  constructor(private readonly deps: ProductClientDeps) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...deps.policy };
  }

  get product(): Product {
    return this.deps.product;
  }

  async send(request: HttpRequest, options: SendOptions = {}): Promise<HttpResponse> {
    const { clock, timing, quotaGate, product } = this.deps;
    const idempotent = options.idempotent ?? request.method !== 'POST';
    const blockedUntil = await quotaGate?.blockedUntil(product);
    if (blockedUntil && blockedUntil.getTime() > clock.now().getTime()) {
      throw new QuotaExhaustedError(product, blockedUntil);
    }

    // The budget counts time spent in requests as well as in back-off, measured on the clock.
    const startedAt = clock.now().getTime();
    const elapsed = () => clock.now().getTime() - startedAt;
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await this.deps.transport(request);
      } catch (cause) {
        // A network failure may or may not have reached the server: only repeat what is safe.
        const delay = this.delayFor(attempt, undefined);
        if (!idempotent || attempt >= this.policy.maxRetries || elapsed() + delay > this.policy.maxTotalWaitMs) {
          this.deps.log?.error('request failed', { product, path: request.path, error: String(cause) });
          throw new AppError('UPSTREAM', `${product === 'jira' ? 'Jira' : 'Confluence'} could not be reached.`);
        }
        await timing.sleep(delay);
        continue;
      }

      if (response.status < 300 || options.acceptStatuses?.includes(response.status)) return response;

      const now = clock.now();
      if (response.status === 429) {
        const reason = rateLimitReason(response);
        if (reason?.includes('quota')) {
          const resumeAt = quotaResumeAt(response, now);
          await quotaGate?.block(product, resumeAt);
          this.deps.log?.warn('quota exhausted', { product, reason, resumeAt: resumeAt.toISOString() });
          throw new QuotaExhaustedError(product, resumeAt);
        }
        // A 429 was rejected before any work was done, so any method may be sent again.
        const retryAfterMs = parseRetryAfter(header(response, 'retry-after'), now);
        const delay = this.delayFor(attempt, retryAfterMs);
        if (attempt >= this.policy.maxRetries || elapsed() + delay > this.policy.maxTotalWaitMs) {
          throw new RateLimitedError(new Date(now.getTime() + (retryAfterMs ?? delay)));
        }
        await timing.sleep(delay);
        continue;
      }

      if (RETRYABLE_5XX.has(response.status) && idempotent && attempt < this.policy.maxRetries) {
        const retryAfterMs = parseRetryAfter(header(response, 'retry-after'), now);
        const delay = this.delayFor(attempt, retryAfterMs);
        if (elapsed() + delay <= this.policy.maxTotalWaitMs) {
          await timing.sleep(delay);
          continue;
        }
      }

      const messages = errorMessages(response.body);
      throw new UpstreamError(
        response.status,
        response.status === 404
          ? ERROR_MESSAGES.NOT_FOUND
          : response.status === 401 || response.status === 403
            ? ERROR_MESSAGES.FORBIDDEN
            : `${product === 'jira' ? 'Jira' : 'Confluence'} answered ${response.status}.`,
        messages,
      );
    }
  }

  /**
   * "Equal jitter": between half and all of an exponential ceiling, so retries spread out but never
   * come back immediately; with Retry-After, never sooner than the server asked.
   */
  delayFor(attempt: number, retryAfterMs: number | undefined): number {
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** attempt);
    const jittered = Math.round(ceiling / 2 + (ceiling / 2) * this.deps.timing.random());
    if (retryAfterMs === undefined) return jittered;
    return Math.round(retryAfterMs + this.policy.baseDelayMs * this.deps.timing.random());
  }
}

/** Encodes one path segment; callers never concatenate raw user input into paths. */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}

export function query(params: Record<string, string | number | boolean | undefined | string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
