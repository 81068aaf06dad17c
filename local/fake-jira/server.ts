/**
 * The fake Jira's HTTP server (plain node:http): routing, authentication, fault injection,
 * latency, rate-limit point accounting and the `/__admin` routes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import type { JiraDataset } from './dataset';
import { EventHub } from './events';
import { HttpError, SearchCache, parseBody, type Handler, type Reply, type RouteContext } from './http';
import { Renderer } from './render';
import * as issues from './routes-issues';
import * as site from './routes-site';
import { JiraStore, type Principal } from './store';
import { HOUR } from './time';

export interface FaultSwitches {
  /** Added before every answer (admin routes excepted). */
  latencyMs: number;
  /** The next n requests answer 429 (burst limit), `Retry-After: 1`, `RateLimit-Reason: jira-burst-based`. */
  fail429Next: number;
  /** Every request answers 429 with `RateLimit-Reason: jira-quota-global-based` until switched off. */
  quotaExhausted: boolean;
  /** The next n requests answer 503. */
  fail5xxNext: number;
}

export interface RouteStats {
  requests: number;
  points: number;
}

export interface FakeJiraStats extends RouteStats {
  byRoute: Record<string, RouteStats>;
}

/** Points as Jira charges them: 1 per call, plus 1 per issue and 2 per user returned. */
export const POINTS = { perRequest: 1, perIssue: 1, perUser: 2 } as const;

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: Handler;
}

const API = '/rest/api/3';
const ROUTES: Array<[string, string, Handler]> = [
  ['GET', `${API}/myself`, site.myself],
  ['GET', `${API}/user`, site.getUser],
  ['GET', `${API}/users/search`, site.searchUsers],
  ['GET', `${API}/user/search`, site.findUsers],
  ['GET', `${API}/user/bulk`, site.bulkUsers],
  ['GET', `${API}/groups/picker`, site.pickGroups],
  ['GET', `${API}/mypermissions`, site.myPermissions],
  ['GET', `${API}/project/search`, site.searchProjects],
  ['GET', `${API}/project/{projectIdOrKey}`, site.getProject],
  ['GET', `${API}/project/{projectIdOrKey}/version`, site.projectVersionsPage],
  ['GET', `${API}/project/{projectIdOrKey}/versions`, site.projectVersionsAll],
  ['GET', `${API}/project/{projectKeyOrId}/issuesecuritylevelscheme`, site.projectIssueSecurityScheme],
  ['POST', `${API}/version`, site.createVersion],
  ['GET', `${API}/version/{id}`, site.getVersion],
  ['PUT', `${API}/version/{id}`, site.updateVersion],
  ['GET', `${API}/version/{id}/relatedIssueCounts`, site.relatedIssueCounts],
  ['GET', `${API}/version/{id}/unresolvedIssueCount`, site.unresolvedIssueCount],
  ['GET', `${API}/issueLinkType`, site.issueLinkTypes],
  ['GET', `${API}/field`, site.fields],
  ['GET', `${API}/status`, site.statuses],
  ['GET', `${API}/serverInfo`, site.serverInfo],
  ['GET', `${API}/search/jql`, issues.searchJqlGet],
  ['POST', `${API}/search/jql`, issues.searchJqlPost],
  ['POST', `${API}/search/approximate-count`, issues.approximateCount],
  ['GET', `${API}/search`, issues.oldSearchGone],
  ['POST', `${API}/search`, issues.oldSearchGone],
  ['POST', `${API}/issue/bulkfetch`, issues.bulkFetchIssues],
  ['POST', `${API}/changelog/bulkfetch`, issues.bulkFetchChangelogs],
  ['POST', `${API}/issue`, issues.createIssue],
  ['GET', `${API}/issue/{issueIdOrKey}`, issues.getIssue],
  ['PUT', `${API}/issue/{issueIdOrKey}`, issues.editIssue],
  ['GET', `${API}/issue/{issueIdOrKey}/transitions`, issues.getTransitions],
  ['POST', `${API}/issue/{issueIdOrKey}/transitions`, issues.postTransition],
  ['POST', `${API}/issueLink`, issues.createIssueLink],
  ['GET', `${API}/issueLink/{linkId}`, issues.getIssueLink],
];

function compileRoutes(): Route[] {
  return ROUTES.map(([method, pattern, handler]) => ({ method, pattern, segments: pattern.split('/').slice(1), handler }));
}

function matchRoute(routes: Route[], method: string, path: string): { route?: Route; params: Record<string, string>; pathMatched: boolean } {
  const parts = path.split('/').slice(1);
  let pathMatched = false;
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < parts.length; i++) {
      const segment = route.segments[i] as string;
      const part = parts[i] as string;
      if (segment.startsWith('{')) {
        if (part === '') {
          matched = false;
          break;
        }
        try {
          params[segment.slice(1, -1)] = decodeURIComponent(part);
        } catch {
          matched = false;
          break;
        }
      } else if (segment !== part) {
        matched = false;
        break;
      }
    }
    if (!matched) continue;
    pathMatched = true;
    if (route.method === method) return { route, params, pathMatched };
  }
  return { params: {}, pathMatched };
}

const faultsBody = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  fail429Next: z.number().int().min(0).optional(),
  quotaExhausted: z.boolean().optional(),
  fail5xxNext: z.number().int().min(0).optional(),
});

const MAX_BODY_BYTES = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, ['The request body is too large.']));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface FakeJiraServerOptions {
  dataset: JiraDataset;
  now: () => number;
  latencyMs?: number;
  /** How the fake waits out `latencyMs`; a timer by default (tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>;
}

const timerSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FakeJiraServer {
  readonly server: Server;
  readonly store: JiraStore;
  readonly render: Renderer;
  readonly events: EventHub;
  readonly faults: FaultSwitches;
  private readonly routes = compileRoutes();
  private readonly searchCache = new SearchCache();
  private stats: FakeJiraStats = { requests: 0, points: 0, byRoute: {} };
  private readonly sleep: (ms: number) => Promise<void>;
  baseUrl = '';

  constructor(options: FakeJiraServerOptions) {
    this.store = new JiraStore(options.dataset, options.now);
    this.render = new Renderer(this.store, () => this.baseUrl);
    this.events = new EventHub(this.store, this.render);
    this.faults = { latencyMs: options.latencyMs ?? 0, fail429Next: 0, quotaExhausted: false, fail5xxNext: 0 };
    this.sleep = options.sleep ?? timerSleep;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.send(res, { status: 500, body: { errorMessages: [`Internal error in the fake Jira: ${String(error)}`], errors: {} } });
      });
    });
  }

  getStats(): FakeJiraStats {
    return structuredClone(this.stats);
  }

  resetStats(): void {
    this.stats = { requests: 0, points: 0, byRoute: {} };
  }

  private record(routeKey: string, points: number): void {
    this.stats.requests++;
    this.stats.points += points;
    const entry = (this.stats.byRoute[routeKey] ??= { requests: 0, points: 0 });
    entry.requests++;
    entry.points += points;
  }

  private send(res: ServerResponse, reply: Reply): void {
    if (res.headersSent) return;
    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    let payload: string | undefined;
    if (reply.body !== undefined && reply.status !== 204) {
      payload = JSON.stringify(reply.body);
      headers['Content-Type'] = 'application/json;charset=UTF-8';
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  private authenticate(header: string | undefined): Principal | undefined {
    if (!header) return undefined;
    const [scheme, ...rest] = header.trim().split(/\s+/);
    const credentials = rest.join(' ');
    if (scheme?.toLowerCase() === 'bearer') {
      if (credentials === 'app') return { kind: 'app', user: this.store.dataset.users.find((u) => u.accountType === 'app') };
      if (credentials.startsWith('user:')) {
        const user = this.store.usersById.get(credentials.slice('user:'.length));
        return user && user.active && user.accountType === 'atlassian' ? { kind: 'user', user } : undefined;
      }
      return undefined;
    }
    if (scheme?.toLowerCase() === 'basic') {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const email = decoded.slice(0, decoded.indexOf(':') >= 0 ? decoded.indexOf(':') : undefined).toLowerCase();
      const user = this.store.usersByEmail.get(email);
      return user && user.active ? { kind: 'user', user } : undefined;
    }
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-jira.local');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname.startsWith('/__admin/')) {
      this.send(res, await this.admin(method, url.pathname, req));
      return;
    }

    const { route, params, pathMatched } = matchRoute(this.routes, method, url.pathname);
    const routeKey = route ? `${method} ${route.pattern}` : `${method} (unmatched)`;
    if (this.faults.latencyMs > 0) await this.sleep(this.faults.latencyMs);

    const fault = this.takeFault();
    if (fault) {
      this.record(routeKey, 0);
      req.resume();
      this.send(res, fault);
      return;
    }

    let points: number = POINTS.perRequest;
    const reply = await (async (): Promise<Reply> => {
      try {
        const rawBody = method === 'GET' ? '' : await readBody(req);
        if (!route) {
          return pathMatched
            ? { status: 405, body: { errorMessages: [`Method ${method} is not allowed here.`], errors: {} } }
            : { status: 404, body: { errorMessages: [`null for uri: ${this.baseUrl}${url.pathname}`], errors: {} } };
        }
        this.store.refreshIfChanged();
        const principal = this.authenticate(req.headers.authorization);
        if (!principal) {
          return {
            status: 401,
            body: { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} },
            headers: { 'WWW-Authenticate': 'OAuth realm="fake-jira"' },
          };
        }
        let body: unknown;
        if (rawBody.trim() !== '') {
          try {
            body = JSON.parse(rawBody);
          } catch {
            throw new HttpError(400, ['Unexpected character in the request body: it is not valid JSON.']);
          }
        }
        const ctx: RouteContext = {
          principal,
          params,
          query: url.searchParams,
          body,
          store: this.store,
          render: this.render,
          events: this.events,
          now: () => this.store.now(),
          charge: ({ issues = 0, users = 0 }) => {
            points += issues * POINTS.perIssue + users * POINTS.perUser;
          },
          searchCache: this.searchCache,
        };
        return await route.handler(ctx);
      } catch (error) {
        if (error instanceof HttpError) return error.reply();
        throw error;
      }
    })();
    this.record(routeKey, points);
    this.send(res, reply);
  }

  /** The fault switches, in the order a real edge would apply them. */
  private takeFault(): Reply | undefined {
    const f = this.faults;
    if (f.quotaExhausted) {
      const now = this.store.now();
      const nextHour = Math.floor(now / HOUR) * HOUR + HOUR;
      return {
        status: 429,
        body: { errorMessages: ['Rate limit exceeded: the app has used its hourly points quota.'], errors: {} },
        headers: {
          'Retry-After': String(Math.max(1, Math.ceil((nextHour - now) / 1000))),
          'RateLimit-Reason': 'jira-quota-global-based',
          'X-RateLimit-Limit': '65000',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': new Date(nextHour).toISOString(),
        },
      };
    }
    if (f.fail429Next > 0) {
      f.fail429Next--;
      return {
        status: 429,
        body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
        headers: { 'Retry-After': '1', 'RateLimit-Reason': 'jira-burst-based', 'X-RateLimit-Remaining': '0' },
      };
    }
    if (f.fail5xxNext > 0) {
      f.fail5xxNext--;
      return { status: 503, body: { errorMessages: ['Service Unavailable'], errors: {} } };
    }
    return undefined;
  }

  private async admin(method: string, path: string, req: IncomingMessage): Promise<Reply> {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, PUT, POST, OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type' };
    const withCors = (reply: Reply): Reply => ({ ...reply, headers: { ...cors, ...(reply.headers ?? {}) } });
    try {
      if (method === 'OPTIONS') return withCors({ status: 204 });
      if (path === '/__admin/faults' && method === 'GET') return withCors({ status: 200, body: { ...this.faults } });
      if (path === '/__admin/faults' && method === 'PUT') {
        const raw = await readBody(req);
        let body: unknown;
        try {
          body = raw.trim() ? JSON.parse(raw) : undefined;
        } catch {
          throw new HttpError(400, ['The body is not valid JSON.']);
        }
        const patch = parseBody(faultsBody, body);
        Object.assign(this.faults, patch);
        return withCors({ status: 200, body: { ...this.faults } });
      }
      if (path === '/__admin/stats' && method === 'GET') return withCors({ status: 200, body: this.getStats() });
      if (path === '/__admin/reset-stats' && method === 'POST') {
        this.resetStats();
        return withCors({ status: 200, body: this.getStats() });
      }
      return withCors({ status: 404, body: { errorMessages: [`No admin route ${method} ${path}`], errors: {} } });
    } catch (error) {
      if (error instanceof HttpError) return withCors(error.reply());
      throw error;
    }
  }
}
