import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { z } from 'zod';
import type { AppDeps } from '../src/app/deps';
import { ingestDeployment } from '../src/app/ingest-deployment';
import { serveCalendarFeed } from '../src/app/release-plan/calendar-feed';
import { handleProductEvent } from '../src/app/product-events';
import { dispatchResolver } from '../src/app/resolvers';
import { AppError } from '../src/errors';
import type { HttpMethod, ProductTransports } from '../src/ports';
import { CSP_REPORT_PATH, customUiCsp, manifestPermissions } from './custom-ui-csp';
import type { LocalWorkQueue } from './memory-queue';
import type { LocalRealtimeHub } from './realtime-hub';

const ROOT = resolve(__dirname, '..');
const HOST_DIST = join(ROOT, 'dist/local-host');
const CUSTOM_UI_DIST = join(ROOT, 'static/releases/dist');
const MAX_BODY_BYTES = 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface SessionInfo {
  mode: 'demo' | 'jira';
  users: Array<{ accountId: string; displayName: string; emailAddress?: string }>;
  /** With each project's today and release time zone, from the runtime's one clock. */
  projects: Array<{ id: string; key: string; name: string; today?: string; timeZone?: string }>;
  defaultAccountId: string;
  /** The project the host opens on when the URL names none. */
  defaultProjectKey?: string;
  jiraUrl: string;
  confluenceUrl: string;
}

export interface HostServerOptions {
  deps: AppDeps;
  queue: LocalWorkQueue;
  transports: ProductTransports;
  session: () => Promise<SessionInfo>;
  /** Scheduled triggers by manifest key. */
  scheduled: Record<string, () => Promise<unknown>>;
  /** The Jira site the app is installed on: Forge's Custom UI CSP lets pages load its images. */
  siteUrl: string;
  /** Forge Realtime's stand-in: the host page subscribes to it over server-sent events. */
  live?: LocalRealtimeHub;
}

const realtimeQuery = z.object({ projectId: z.string().regex(/^\d{1,18}$/), channel: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/) }).strict();

const invokeSchema = z
  .object({
    accountId: z.string().min(1),
    moduleKey: z.string().min(1),
    extension: z.record(z.string(), z.unknown()),
    functionKey: z.string().min(1),
    payload: z.unknown().optional(),
  })
  .strict();

/**
 * `/api/request-jira` takes the request as Forge's `requestJira` does: the body is the request's
 * text (the host page and the Custom UI bridge both send `JSON.stringify(...)`). It is decoded here,
 * once, because the transports take the JSON value and encode it themselves; passing the text on
 * would encode it a second time and Jira would receive a JSON string instead of an object.
 */
const requestJiraSchema = z
  .object({
    accountId: z.string().min(1),
    restPath: z.string().startsWith('/rest/'),
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
    body: z.string().optional(),
  })
  .strict();

export function decodeRequestText(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpProblem(400, 'The request body for Jira is not JSON text (send JSON.stringify of the body, as requestJira takes it).');
  }
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpProblem(413, 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  let json: unknown;
  try {
    json = JSON.parse((await readBody(req)) || '{}');
  } catch {
    throw new HttpProblem(400, 'The body is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new HttpProblem(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function sendFile(res: ServerResponse, file: string, transform?: (text: string) => string, headers: Record<string, string> = {}): void {
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  if (transform) res.end(transform(readFileSync(file, 'utf8')));
  else res.end(readFileSync(file));
}

/** Resolves a URL path inside a folder, refusing anything that climbs out of it. */
function fileIn(folder: string, urlPath: string): string | undefined {
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  const file = join(folder, relative);
  if (!file.startsWith(folder)) return undefined;
  if (existsSync(file) && statSync(file).isFile()) return file;
  return undefined;
}

/** Custom UI finds `window.__bridge` only if it exists before the bundle runs: inject it first. */
export function injectBridge(html: string): string {
  return html.replace(/<head([^>]*)>/i, '<head$1><script src="/host-assets/custom-ui-bridge.js"></script>');
}

export function createHostServer(options: HostServerOptions): Server {
  const { deps, queue } = options;
  const permissions = manifestPermissions(ROOT);

  const routes: Array<{ method: string; pattern: RegExp; handle: (req: IncomingMessage, res: ServerResponse, match: RegExpMatchArray) => Promise<void> }> = [
    {
      method: 'GET',
      pattern: /^\/api\/session$/,
      handle: async (_req, res) => {
        try {
          sendJson(res, 200, await options.session());
        } catch (error) {
          // Jira's quota or rate limit is not the runtime failing: say what it is and when it lifts.
          if (error instanceof AppError && (error.code === 'QUOTA_EXHAUSTED' || error.code === 'RATE_LIMITED')) {
            sendJson(res, 503, { error: error.message, code: error.code, ...(error.retryAt ? { retryAt: error.retryAt.toISOString() } : {}) });
          } else throw error;
        }
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/invoke$/,
      handle: async (req, res) => {
        const body = await readJson(req, invokeSchema);
        // The host plays the Forge platform here: it, not the app's iframe, states the context.
        const context = { accountId: body.accountId, moduleKey: body.moduleKey, extension: body.extension, cloudId: 'local' };
        sendJson(res, 200, await dispatchResolver(deps, body.functionKey, body.payload, context));
      },
    },
    {
      // The host page's side of realtime.subscribe: one event stream per subscription.
      method: 'GET',
      pattern: /^\/api\/realtime$/,
      handle: async (req, res) => {
        if (!options.live) throw new HttpProblem(404, 'This host has no realtime channel.');
        const query = realtimeQuery.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams));
        if (!query.success) throw new HttpProblem(400, 'Give projectId (digits) and channel.');
        options.live.subscribe(query.data, res);
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/request-jira$/,
      handle: async (req, res) => {
        const body = await readJson(req, requestJiraSchema);
        const transport = options.transports.jiraAsUser(body.accountId);
        const jiraBody = decodeRequestText(body.body);
        const answer = await transport({ method: (body.method ?? 'GET') as HttpMethod, path: body.restPath, ...(jiraBody === undefined ? {} : { body: jiraBody }) });
        const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
        sendJson(res, 200, { status: answer.status, headers: answer.headers, body: text });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/triggers\/([a-z0-9-]+)$/,
      handle: async (_req, res, match) => {
        const trigger = options.scheduled[match[1] ?? ''];
        if (!trigger) throw new HttpProblem(404, `No scheduled trigger "${match[1]}".`);
        const result = await trigger();
        await queue.drain();
        sendJson(res, 200, { ok: true, result, jobs: queue.delivered.slice(-50) });
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/events$/,
      handle: async (req, res) => {
        const event = await readJson(req, z.object({ eventType: z.string().startsWith('avi:') }).passthrough());
        const result = await handleProductEvent(deps, event);
        await queue.drain();
        sendJson(res, 200, { ok: true, result });
      },
    },
    {
      // Where the Custom UI's CSP sends its reports (Forge's collector on a real site).
      method: 'POST',
      pattern: new RegExp(`^${CSP_REPORT_PATH}$`),
      handle: async (req, res) => {
        deps.log.warn('Content-Security-Policy violation in the Custom UI (Forge would block this)', { report: (await readBody(req)).slice(0, 2000) });
        res.writeHead(204);
        res.end();
      },
    },
    ...(['POST', 'DELETE'] as const).map((method) => ({
      method,
      pattern: /^\/x\/deployment-events$/,
      handle: async (req: IncomingMessage, res: ServerResponse) => {
        const headers: Record<string, string | undefined> = {};
        for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value[0] : value;
        const answer = await ingestDeployment(deps, { method, headers, body: await readBody(req) });
        sendJson(res, answer.statusCode, answer.body);
      },
    })),
    {
      // GET, as calendar clients subscribe; the token in the query is the only credential.
      method: 'GET',
      pattern: /^\/x\/calendar-feed$/,
      handle: async (req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const answer = await serveCalendarFeed(deps, { method: req.method ?? 'GET', query: Object.fromEntries(url.searchParams) });
        res.writeHead(answer.statusCode, answer.headers);
        res.end(answer.body);
      },
    },
    {
      method: 'GET',
      pattern: /^\/apps\/releases\/(.*)$/,
      handle: async (_req, res, match) => {
        const path = match[1] || 'index.html';
        const file = fileIn(CUSTOM_UI_DIST, path);
        if (!file) throw new HttpProblem(404, 'Not built: run npm run build.');
        if (!file.endsWith('.html')) return sendFile(res, file);
        // Forge computes the policy from the resource as deployed, before its bridge is added.
        const csp = customUiCsp(readFileSync(file, 'utf8'), permissions, options.siteUrl);
        sendFile(res, file, injectBridge, { 'content-security-policy': csp });
      },
    },
    {
      method: 'GET',
      pattern: /^\/apps\/issue-panel\/?$/,
      handle: async (_req, res) => {
        const file = fileIn(HOST_DIST, 'panel.html');
        if (!file) throw new HttpProblem(404, 'Not built: run npm run build.');
        sendFile(res, file);
      },
    },
    {
      method: 'GET',
      pattern: /^\/host-assets\/(.+)$/,
      handle: async (_req, res, match) => {
        const file = fileIn(HOST_DIST, match[1] ?? '');
        if (!file) throw new HttpProblem(404, 'No such asset.');
        sendFile(res, file);
      },
    },
    {
      method: 'GET',
      pattern: /^\/(index\.html)?$/,
      handle: async (_req, res) => {
        const file = fileIn(HOST_DIST, 'index.html');
        if (!file) throw new HttpProblem(404, 'Not built: run npm run build.');
        sendFile(res, file);
      },
    },
  ];

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (!route) {
      sendJson(res, routes.some((r) => r.pattern.test(url.pathname)) ? 405 : 404, { error: 'Not found.' });
      return;
    }
    route.handle(req, res, url.pathname.match(route.pattern) as RegExpMatchArray).catch((error: unknown) => {
      if (error instanceof HttpProblem) sendJson(res, error.status, { error: error.message });
      else {
        deps.log.error('host request failed', { path: url.pathname, error: String(error) });
        if (!res.headersSent) sendJson(res, 500, { error: 'The local runtime failed; see its log.' });
      }
    });
  });
}

