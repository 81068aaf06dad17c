/** HTTP plumbing shaped like Confluence v2: error bodies, JSON and HTML answers, cursors, limits, bodies. */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { storageFormatProblem } from './storage-format';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class HttpFailure extends Error {
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
export function errorBody(status: number, title: string) {
  return { errors: [{ status, code: ERROR_CODES[status] ?? 'ERROR', title, detail: null }] };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src * data:",
};

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...HTML_HEADERS, 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
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

export function list(params: URLSearchParams, name: string): string[] | undefined {
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

export function titleSlug(title: string): string {
  return encodeURIComponent(title).replace(/%20/g, '+');
}

/** The request body's storage-format value; anything Confluence would refuse answers 400. */
export function storageOf(body: unknown): string {
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

/** `{ results, _links }` plus the Link header, with an opaque cursor as Confluence does. */
export function sendPageOf<T>(res: ServerResponse, url: URL, items: T[], base: string): void {
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
