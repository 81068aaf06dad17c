import type { Clock } from '../../src/ports';
import { systemClock } from '../../src/app/clock';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { escapeHtml, renderStorage } from './render';
import { storageFormatProblem } from './storage-format';

/**
 * A Confluence Cloud REST v2 stand-in (the pages subset the app uses), shaped like
 * shared/openapi/confluence-v2.json, with a browser view of the pages. Spaces are fixed
 * (REL, ENG); pages live in memory, or in a JSON file when `file` is given.
 */

export interface StoredVersion {
  number: number;
  message: string;
  createdAt: string;
  authorId: string;
  minorEdit: boolean;
}

export interface StoredPage {
  id: string;
  spaceId: string;
  title: string;
  /** Pages created without a parent go under the space's homepage, as in Confluence. */
  parentId?: string;
  /** DELETE moves a page to the trash; DELETE ?purge=true on a trashed page removes it. */
  status: 'current' | 'trashed';
  /** Storage format. */
  body: string;
  createdAt: string;
  authorId: string;
  version: StoredVersion;
}

export interface FakeSpace {
  id: string;
  key: string;
  name: string;
  homepageId: string;
  createdAt: string;
}

export interface FakeConfluenceFaults {
  /** The next N page updates (PUT) answer 409 as if someone else had just written a version. */
  fail409Next: number;
  /** The next N API requests answer 503. */
  fail5xxNext: number;
  /** Space keys (or ids) the app may not use: any request naming them answers 403. */
  denySpaces: string[];
}

export interface FakeConfluenceOptions {
  /** 0 (default): a free port. */
  port?: number;
  host?: string;
  /** Added before every API answer. */
  latencyMs?: number;
  /** How the fake waits out `latencyMs`; a timer by default (tests pass a recorder). */
  sleep?: (ms: number) => Promise<void>;
  /** Load pages from this JSON file on start and write it after every change. */
  file?: string;
  /** The site's clock (page versions' `createdAt`); the machine's by default. */
  clock?: Clock;
}

export interface FakeConfluence {
  /** Site root, e.g. `http://127.0.0.1:4102`; the API is under `/wiki/api/v2`. */
  url: string;
  close(): Promise<void>;
  /** Copies of every stored page, trashed ones included (see `status`), homepages first. */
  pages(): StoredPage[];
  spaces(): FakeSpace[];
  faults: FakeConfluenceFaults;
  /** `requests` counts API requests (under /wiki/api/v2), not the browser view. */
  stats(): { requests: number };
}

const APP_ACCOUNT_ID = '712020:5f0c1a8e-app-release-readiness';
const SEED_TIME = '2026-01-05T09:00:00.000Z';
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const MAX_TITLE = 255;

const SEED_SPACES: FakeSpace[] = [
  { id: '98305', key: 'REL', name: 'Release Reports', homepageId: '65537', createdAt: SEED_TIME },
  { id: '98306', key: 'ENG', name: 'Engineering', homepageId: '65538', createdAt: SEED_TIME },
];

function seedPages(): StoredPage[] {
  return SEED_SPACES.map((space) => ({
    id: space.homepageId,
    spaceId: space.id,
    title: `${space.name} Home`,
    status: 'current',
    body: `<p>Welcome to the ${escapeHtml(space.name)} space.</p>`,
    createdAt: SEED_TIME,
    authorId: APP_ACCOUNT_ID,
    version: { number: 1, message: '', createdAt: SEED_TIME, authorId: APP_ACCOUNT_ID, minorEdit: false },
  }));
}

interface Snapshot {
  pages: StoredPage[];
  nextId: number;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
  ) {
    super(title);
  }
}

const ERROR_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'REQUEST_ENTITY_TOO_LARGE',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** Confluence v2's error body. */
function errorBody(status: number, title: string) {
  return { errors: [{ status, code: ERROR_CODES[status] ?? 'ERROR', title, detail: null }] };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src * data:",
};

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...HTML_HEADERS, 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpFailure(413, 'Request is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new HttpFailure(400, 'A request body is required.');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpFailure(400, 'The request body is not valid JSON.');
  }
}

function list(params: URLSearchParams, name: string): string[] | undefined {
  const values = params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return values.length ? values : undefined;
}

function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor: string | null): number {
  if (!cursor) return 0;
  try {
    const offset = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown }).offset;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new HttpFailure(400, 'The cursor is not valid.');
}

function limitOf(params: URLSearchParams): number {
  const raw = params.get('limit');
  if (raw === null) return 25;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 250) throw new HttpFailure(400, 'limit must be between 1 and 250.');
  return limit;
}

function titleSlug(title: string): string {
  return encodeURIComponent(title).replace(/%20/g, '+');
}

function storageOf(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body !== 'object') throw new HttpFailure(400, 'body must be an object.');
  const record = body as { representation?: unknown; value?: unknown; storage?: unknown; atlas_doc_format?: unknown; wiki?: unknown };
  const write = (record.storage ?? record.atlas_doc_format ?? record.wiki ?? record) as { representation?: unknown; value?: unknown };
  const representation = write.representation ?? (record.storage ? 'storage' : undefined);
  if (representation !== 'storage') {
    throw new HttpFailure(400, `This fake Confluence accepts only the storage representation, not ${String(representation)}.`);
  }
  if (typeof write.value !== 'string') throw new HttpFailure(400, 'body.value must be a string.');
  const problem = storageFormatProblem(write.value);
  if (problem) throw new HttpFailure(400, problem);
  return write.value;
}

export async function startFakeConfluence(options: FakeConfluenceOptions = {}): Promise<FakeConfluence> {
  const host = options.host ?? '127.0.0.1';
  const spaces = SEED_SPACES.map((s) => ({ ...s }));
  let state: Snapshot = { pages: seedPages(), nextId: 65539 };
  if (options.file && existsSync(options.file)) {
    const loaded = JSON.parse(readFileSync(options.file, 'utf8')) as Partial<Snapshot>;
    state = { pages: loaded.pages ?? state.pages, nextId: loaded.nextId ?? state.nextId };
  }
  const faults: FakeConfluenceFaults = { fail409Next: 0, fail5xxNext: 0, denySpaces: [] };
  let requests = 0;
  let base = '';

  function persist(): void {
    if (!options.file) return;
    mkdirSync(dirname(options.file), { recursive: true });
    const temp = `${options.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(state, null, 1));
    renameSync(temp, options.file);
  }

  const spaceById = (id: string) => spaces.find((s) => s.id === id);
  const denied = (space: FakeSpace) => faults.denySpaces.includes(space.key) || faults.denySpaces.includes(space.id);
  const assertAllowed = (space: FakeSpace) => {
    if (denied(space)) throw new HttpFailure(403, `You do not have permission to access the space ${space.key}.`);
  };
  const sorted = () => [...state.pages].sort((a, b) => Number(a.id) - Number(b.id));
  const titleTaken = (spaceId: string, title: string, exceptId?: string) =>
    state.pages.some((p) => p.spaceId === spaceId && p.status === 'current' && p.title === title && p.id !== exceptId);

  function pageJson(page: StoredPage, bodyFormat: string | null, single: boolean) {
    const space = spaceById(page.spaceId);
    const siblings = sorted().filter((p) => p.parentId === page.parentId && p.spaceId === page.spaceId);
    return {
      id: page.id,
      status: page.status,
      title: page.title,
      spaceId: page.spaceId,
      ...(page.parentId ? { parentId: page.parentId, parentType: 'page' } : {}),
      position: Math.max(0, siblings.findIndex((p) => p.id === page.id)),
      authorId: page.authorId,
      ownerId: page.authorId,
      lastOwnerId: null,
      createdAt: page.createdAt,
      version: { ...page.version },
      body: bodyFormat === 'storage' ? { storage: { representation: 'storage', value: page.body } } : {},
      _links: {
        editui: `/pages/resumedraft.action?draftId=${page.id}`,
        webui: `/spaces/${space?.key ?? page.spaceId}/pages/${page.id}/${titleSlug(page.title)}`,
        tinyui: `/x/${Buffer.from(page.id).toString('base64url')}`,
        ...(single ? { base: `${base}/wiki` } : {}),
      },
    };
  }

  function spaceJson(space: FakeSpace) {
    return {
      id: space.id,
      key: space.key,
      name: space.name,
      type: 'global',
      status: 'current',
      authorId: APP_ACCOUNT_ID,
      createdAt: space.createdAt,
      homepageId: space.homepageId,
      _links: { webui: `/spaces/${space.key}` },
    };
  }

  /** `{ results, _links }` plus the Link header, with an opaque cursor as Confluence does. */
  function sendPageOf<T>(res: ServerResponse, url: URL, items: T[]): void {
    const limit = limitOf(url.searchParams);
    const offset = decodeCursor(url.searchParams.get('cursor'));
    const results = items.slice(offset, offset + limit);
    const links: { next?: string; base: string } = { base: `${base}/wiki` };
    const headers: Record<string, string> = {};
    if (offset + limit < items.length) {
      const next = new URLSearchParams(url.searchParams);
      next.set('cursor', encodeCursor(offset + limit));
      links.next = `${url.pathname}?${next.toString()}`;
      headers.link = `<${links.next}>; rel="next", <${links.base}>; rel="base"`;
    }
    sendJson(res, 200, { results, _links: links }, headers);
  }

  function currentPage(id: string, statuses: string[] = ['current']): StoredPage {
    const page = state.pages.find((p) => p.id === id);
    if (!page || !statuses.includes(page.status)) throw new HttpFailure(404, 'Not Found');
    const space = spaceById(page.spaceId);
    if (space) assertAllowed(space);
    return page;
  }

  function authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    return header === 'Bearer app' || /^Basic [A-Za-z0-9+/=]+$/.test(header);
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    const params = url.searchParams;
    const now = (options.clock ?? systemClock).now().toISOString();

    if (path === '/wiki/api/v2/spaces' && method === 'GET') {
      const keys = list(params, 'keys');
      const ids = list(params, 'ids');
      const matching = spaces.filter((s) => (!keys || keys.includes(s.key)) && (!ids || ids.includes(s.id)));
      if (keys || ids) matching.forEach(assertAllowed);
      return sendPageOf(res, url, matching.filter((s) => !denied(s)).map(spaceJson));
    }

    const spacePages = /^\/wiki\/api\/v2\/spaces\/([^/]+)\/pages$/.exec(path);
    if (spacePages && method === 'GET') {
      const space = spaceById(decodeURIComponent(spacePages[1]!));
      if (!space) throw new HttpFailure(404, 'Not Found');
      assertAllowed(space);
      const title = params.get('title')?.trim() ?? null;
      const statuses = list(params, 'status') ?? ['current', 'archived'];
      const root = params.get('depth') === 'root';
      const pages = sorted().filter(
        (p) => p.spaceId === space.id && statuses.includes(p.status) && (title === null || p.title === title) && (!root || p.id === space.homepageId),
      );
      return sendPageOf(res, url, pages.map((p) => pageJson(p, params.get('body-format'), false)));
    }

    if (path === '/wiki/api/v2/pages' && method === 'GET') {
      const spaceIds = list(params, 'space-id');
      const ids = list(params, 'id');
      const title = params.get('title')?.trim() ?? null;
      const statuses = list(params, 'status') ?? ['current', 'archived'];
      for (const id of spaceIds ?? []) {
        const space = spaceById(id);
        if (space) assertAllowed(space);
      }
      const pages = sorted().filter((p) => {
        const space = spaceById(p.spaceId);
        return (
          (!space || !denied(space)) &&
          (!spaceIds || spaceIds.includes(p.spaceId)) &&
          (!ids || ids.includes(p.id)) &&
          statuses.includes(p.status) &&
          (title === null || p.title === title)
        );
      });
      return sendPageOf(res, url, pages.map((p) => pageJson(p, params.get('body-format'), false)));
    }

    if (path === '/wiki/api/v2/pages' && method === 'POST') {
      const input = (await readJson(req)) as Record<string, unknown>;
      if (!input || typeof input !== 'object' || Array.isArray(input)) throw new HttpFailure(400, 'The request body must be an object.');
      const spaceId = input.spaceId === undefined || input.spaceId === null ? '' : String(input.spaceId);
      if (!spaceId) throw new HttpFailure(400, 'spaceId is required.');
      const status = input.status ?? 'current';
      if (status !== 'current') throw new HttpFailure(400, `This fake Confluence creates only published pages (status current), not ${String(status)}.`);
      const title = typeof input.title === 'string' ? input.title.trim() : '';
      if (!title) throw new HttpFailure(400, 'Title is required when the status is current.');
      if (title.length > MAX_TITLE) throw new HttpFailure(400, `Title must be at most ${MAX_TITLE} characters.`);
      const space = spaceById(spaceId);
      if (!space) throw new HttpFailure(404, 'Space not found.');
      assertAllowed(space);
      const parentId = input.parentId === undefined || input.parentId === null ? space.homepageId : String(input.parentId);
      if (!state.pages.some((p) => p.id === parentId && p.spaceId === space.id && p.status === 'current')) {
        throw new HttpFailure(404, `Parent page ${parentId} not found in the space.`);
      }
      const body = storageOf(input.body);
      if (titleTaken(space.id, title)) {
        throw new HttpFailure(400, 'A page with this title already exists: A page already exists with the same TITLE in this space');
      }
      const page: StoredPage = {
        id: String(state.nextId++),
        spaceId: space.id,
        title,
        parentId,
        status: 'current',
        body,
        createdAt: now,
        authorId: APP_ACCOUNT_ID,
        version: { number: 1, message: '', createdAt: now, authorId: APP_ACCOUNT_ID, minorEdit: false },
      };
      state.pages.push(page);
      persist();
      return sendJson(res, 200, pageJson(page, 'storage', true));
    }

    const single = /^\/wiki\/api\/v2\/pages\/([^/]+)$/.exec(path);
    if (single) {
      const id = decodeURIComponent(single[1]!);
      if (!/^\d+$/.test(id)) throw new HttpFailure(400, 'The page id must be a number.');

      if (method === 'GET') {
        const page = currentPage(id, list(params, 'status') ?? ['current']);
        return sendJson(res, 200, pageJson(page, params.get('body-format'), true));
      }

      if (method === 'PUT') {
        const input = (await readJson(req)) as Record<string, unknown>;
        if (!input || typeof input !== 'object' || Array.isArray(input)) throw new HttpFailure(400, 'The request body must be an object.');
        const page = currentPage(id);
        if (String(input.id ?? '') !== id) throw new HttpFailure(400, 'The id in the body must match the id in the path.');
        if (input.status !== 'current') throw new HttpFailure(400, 'status must be current.');
        const title = typeof input.title === 'string' ? input.title.trim() : '';
        if (!title) throw new HttpFailure(400, 'Title is required.');
        if (title.length > MAX_TITLE) throw new HttpFailure(400, `Title must be at most ${MAX_TITLE} characters.`);
        const version = input.version as { number?: unknown; message?: unknown } | undefined;
        if (!version || typeof version.number !== 'number' || !Number.isInteger(version.number)) {
          throw new HttpFailure(400, 'version.number is required.');
        }
        if (faults.fail409Next > 0) {
          faults.fail409Next--;
          throw new HttpFailure(409, `Version must be incremented on update. Current version is: ${page.version.number + 1}`);
        }
        if (version.number !== page.version.number + 1) {
          throw new HttpFailure(409, `Version must be incremented on update. Current version is: ${page.version.number}`);
        }
        const body = storageOf(input.body);
        if (titleTaken(page.spaceId, title, page.id)) {
          throw new HttpFailure(400, 'A page with this title already exists: A page already exists with the same TITLE in this space');
        }
        let parentId = page.parentId;
        if (input.parentId !== undefined && input.parentId !== null && String(input.parentId) !== page.parentId) {
          const parent = state.pages.find((p) => p.id === String(input.parentId) && p.spaceId === page.spaceId && p.status === 'current');
          if (!parent || parent.id === page.id) throw new HttpFailure(404, `Parent page ${String(input.parentId)} not found in the space.`);
          parentId = parent.id;
        }
        Object.assign(page, {
          title,
          body,
          parentId,
          version: {
            number: version.number,
            message: typeof version.message === 'string' ? version.message : '',
            createdAt: now,
            authorId: APP_ACCOUNT_ID,
            minorEdit: false,
          },
        });
        persist();
        return sendJson(res, 200, pageJson(page, 'storage', true));
      }

      if (method === 'DELETE') {
        const purge = params.get('purge') === 'true';
        const page = currentPage(id, purge ? ['trashed'] : ['current']);
        if (purge) {
          state.pages = state.pages.filter((p) => p.id !== page.id);
        } else {
          page.status = 'trashed';
          // Confluence keeps the children in the tree: they move up to the deleted page's parent.
          for (const child of state.pages) if (child.parentId === page.id) child.parentId = page.parentId;
        }
        persist();
        res.writeHead(204);
        res.end();
        return;
      }
    }

    throw new HttpFailure(404, 'No such resource in this fake Confluence.');
  }

  function pageTree(space: FakeSpace): string {
    const current = sorted().filter((p) => p.spaceId === space.id && p.status === 'current');
    const children = (parentId: string | undefined): string => {
      const items = current.filter((p) => p.parentId === parentId || (parentId === undefined && !current.some((q) => q.id === p.parentId)));
      if (!items.length) return '';
      return `<ul>${items
        .map(
          (p) =>
            `<li><a href="/wiki/spaces/${encodeURIComponent(space.key)}/pages/${p.id}/${titleSlug(p.title)}">${escapeHtml(p.title)}</a> <span class="meta">v${p.version.number}</span>${children(p.id)}</li>`,
        )
        .join('')}</ul>`;
    };
    const trashed = state.pages.filter((p) => p.spaceId === space.id && p.status === 'trashed');
    return `<section><h2>${escapeHtml(space.name)} <span class="meta">${escapeHtml(space.key)} · space ${space.id}${denied(space) ? ' · denied to the app' : ''}</span></h2>${children(undefined) || '<p class="meta">No pages.</p>'}${
      trashed.length ? `<p class="meta">In the trash: ${trashed.map((p) => escapeHtml(p.title)).join(', ')}</p>` : ''
    }</section>`;
  }

  function shell(title: string, content: string): string {
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Fake Confluence</title><style>
body{font-family:-apple-system,"Segoe UI",Roboto,sans-serif;color:#172b4d;margin:0}
header{background:#0747a6;color:#fff;padding:10px 24px}header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:960px;margin:0 auto;padding:16px 24px}.meta{color:#6b778c;font-size:12px;font-weight:normal}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #dfe1e6;padding:6px 10px;text-align:left;vertical-align:top}th{background:#f4f5f7}
.status-lozenge{display:inline-block;border-radius:3px;padding:0 4px;font-size:11px;font-weight:700;line-height:16px;text-transform:uppercase}
.macro{border:1px solid #dfe1e6;border-radius:3px;margin:8px 0}.macro-label{background:#f4f5f7;padding:4px 8px;font-size:12px;font-weight:600;color:#42526e}
.macro-body{padding:8px}.macro-params{font-weight:normal;color:#6b778c}.link{color:#0052cc}ul.tasks{list-style:none;padding-left:8px}
</style></head><body><header><a href="/">Fake Confluence</a></header><main>${content}</main></body></html>`;
  }

  function browser(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET') return sendHtml(res, 405, shell('Not allowed', '<p>Only GET here.</p>'));
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/' || path === '/wiki' || path === '/wiki/home') {
      return sendHtml(res, 200, shell('Spaces', `<h1>Spaces</h1>${spaces.map(pageTree).join('')}`));
    }
    const spaceMatch = /^\/wiki\/spaces\/([^/]+)(?:\/overview)?$/.exec(path);
    if (spaceMatch) {
      const space = spaces.find((s) => s.key === decodeURIComponent(spaceMatch[1]!));
      if (space) return sendHtml(res, 200, shell(space.name, pageTree(space)));
    }
    const pageMatch = /^\/wiki\/spaces\/([^/]+)\/pages\/(\d+)(?:\/.*)?$/.exec(path);
    if (pageMatch) {
      const space = spaces.find((s) => s.key === decodeURIComponent(pageMatch[1]!));
      const page = state.pages.find((p) => p.id === pageMatch[2] && p.spaceId === space?.id);
      if (space && page) {
        const parent = state.pages.find((p) => p.id === page.parentId);
        const crumbs = `<p class="meta"><a href="/wiki/spaces/${encodeURIComponent(space.key)}">${escapeHtml(space.name)}</a>${
          parent ? ` / <a href="/wiki/spaces/${encodeURIComponent(space.key)}/pages/${parent.id}">${escapeHtml(parent.title)}</a>` : ''
        }</p>`;
        const meta = `<p class="meta">Version ${page.version.number} · ${escapeHtml(page.version.createdAt)}${
          page.version.message ? ` · ${escapeHtml(page.version.message)}` : ''
        }${page.status !== 'current' ? ` · ${page.status}` : ''}</p>`;
        return sendHtml(res, 200, shell(page.title, `${crumbs}<h1>${escapeHtml(page.title)}</h1>${meta}<article>${renderStorage(page.body)}</article>`));
      }
    }
    sendHtml(res, 404, shell('Not found', '<h1>Not found</h1><p><a href="/">All spaces</a></p>'));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-confluence');
    if (!url.pathname.startsWith('/wiki/api/')) {
      try {
        browser(req, res, url);
      } catch (error) {
        sendHtml(res, 500, shell('Error', `<pre>${escapeHtml(String(error))}</pre>`));
      }
      return;
    }
    requests++;
    void (async () => {
      try {
        if (options.latencyMs) await (options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))))(options.latencyMs);
        if (!authorised(req)) throw new HttpFailure(401, 'Unauthorized; scope does not match');
        if (faults.fail5xxNext > 0) {
          faults.fail5xxNext--;
          req.resume();
          throw new HttpFailure(503, 'Service Unavailable');
        }
        await api(req, res, url);
      } catch (error) {
        if (res.headersSent) return;
        if (error instanceof HttpFailure) sendJson(res, error.status, errorBody(error.status, error.title));
        else sendJson(res, 500, errorBody(500, String(error)));
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  base = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  persist();

  return {
    url: base,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    pages: () => sorted().map((p) => structuredClone(p)),
    spaces: () => spaces.map((s) => ({ ...s })),
    faults,
    stats: () => ({ requests }),
  };
}
