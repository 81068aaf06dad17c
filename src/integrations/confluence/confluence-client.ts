import { AppError, ConflictError, UpstreamError } from '../../errors';
import type { HttpRequest, HttpResponse } from '../../ports';
import type { ProductClient, SendOptions } from '../http/product-client';
import { query, seg } from '../http/product-client';

export interface ConfluenceSpace {
  id: string;
  key: string;
  name: string;
}

export interface ConfluencePageSummary {
  id: string;
  title: string;
  spaceId: string;
  parentId?: string;
  status: string;
  version: { number: number };
  /** Relative to the site's `/wiki`, e.g. `/spaces/REL/pages/65538/Release+1.0`. */
  webui?: string;
  /** Absolute address of the page, when Confluence said its base (single-page answers do). */
  url?: string;
}

export interface ConfluencePage extends ConfluencePageSummary {
  /** The body in storage format (Confluence's XHTML). */
  storageValue: string;
}

export interface CreatePageInput {
  spaceId: string;
  /** Without it Confluence puts the page under the space's homepage. */
  parentId?: string;
  title: string;
  storageValue: string;
}

export interface UpdatePageInput {
  id: string;
  title: string;
  storageValue: string;
  /** The version being written: the page's current version number plus one. */
  versionNumber: number;
  versionMessage?: string;
}

export interface UpsertPageInput extends CreatePageInput {
  versionMessage?: string;
}

export interface UpsertPageResult {
  id: string;
  action: 'created' | 'updated' | 'unchanged';
  /** The page's version number after the call. */
  version: number;
  webui?: string;
}

/** Wire shapes (Confluence REST v2 PageBulk / PageSingle / SpaceBulk), only what is read. */
interface PageWire {
  id: string | number;
  title?: string;
  spaceId?: string | number;
  parentId?: string | number | null;
  status?: string;
  version?: { number?: number };
  body?: { storage?: { value?: string } };
  _links?: { webui?: string; base?: string };
}

interface MultiEntityResult<T> {
  results?: T[];
  _links?: { next?: string };
}

const API = '/wiki/api/v2';
/** One try plus this many re-reads after a stale version or a lost create race. */
const UPSERT_RETRIES = 3;
const LIST_PAGE_LIMIT = 25;
/** Pickers filter at most this many spaces or pages (four requests of SCAN_PAGE_LIMIT). */
const SCAN_LIMIT = 1000;
const SCAN_PAGE_LIMIT = 250;
/** A title filter matches one page; never follow cursors forever. */
const MAX_LIST_PAGES = 10;

/**
 * The Confluence REST v2 calls the app makes (pages in one space, written in storage format).
 * Retries and rate limits live in ProductClient; stale versions and lost races live in upsertPage.
 */
export class ConfluenceClient {
  constructor(private readonly http: ProductClient) {}

  /** Undefined when no such space exists or Confluence hides it from the app. */
  async findSpaceByKey(key: string): Promise<ConfluenceSpace | undefined> {
    const response = await this.send({ method: 'GET', path: `${API}/spaces${query({ keys: key, limit: 1 })}` }, { space: key });
    const body = response.body as MultiEntityResult<{ id: string | number; key: string; name: string }>;
    const space = (body.results ?? []).find((s) => s.key === key);
    return space ? { id: String(space.id), key: space.key, name: space.name } : undefined;
  }

  /** The current page with its storage body; undefined when it does not exist (or is trashed). */
  async getPage(id: string): Promise<ConfluencePage | undefined> {
    const response = await this.send(
      { method: 'GET', path: `${API}/pages/${seg(id)}${query({ 'body-format': 'storage' })}` },
      { acceptStatuses: [404], page: id },
    );
    if (response.status === 404) return undefined;
    const page = response.body as PageWire;
    if (page.status !== undefined && page.status !== 'current') return undefined;
    return { ...toSummary(page), storageValue: page.body?.storage?.value ?? '' };
  }

  /**
   * Spaces whose key or name contains `text` (case-insensitive), for pickers. Confluence v2 has no
   * space name search (CQL would need the search:confluence scope): the first SCAN_LIMIT spaces
   * the app can see are filtered here.
   */
  async searchSpaces(text: string, max: number): Promise<ConfluenceSpace[]> {
    const needle = text.trim().toLowerCase();
    const found: ConfluenceSpace[] = [];
    await this.scan(`${API}/spaces${query({ limit: SCAN_PAGE_LIMIT })}`, {}, (space: { id: string | number; key: string; name: string }) => {
      if (space.key.toLowerCase().includes(needle) || space.name.toLowerCase().includes(needle)) found.push({ id: String(space.id), key: space.key, name: space.name });
      return found.length >= max;
    });
    return found;
  }

  /**
   * Current pages of a space whose title contains `text` (case-insensitive), for pickers. v2
   * filters titles only by exact match, so the first SCAN_LIMIT pages of the space are filtered
   * here, in title order.
   */
  async searchPagesInSpace(spaceId: string, text: string, max: number): Promise<ConfluencePageSummary[]> {
    const needle = text.trim().toLowerCase();
    const found: ConfluencePageSummary[] = [];
    await this.scan(`${API}/spaces/${seg(spaceId)}/pages${query({ status: 'current', sort: 'title', limit: SCAN_PAGE_LIMIT })}`, { space: spaceId }, (page: PageWire) => {
      if ((page.title ?? '').toLowerCase().includes(needle)) found.push(toSummary(page));
      return found.length >= max;
    });
    return found;
  }

  /** Follows cursors until `visit` says enough or SCAN_LIMIT entries were seen. */
  private async scan<T>(first: string, options: { space?: string }, visit: (entry: T) => boolean): Promise<void> {
    let path: string | undefined = first;
    for (let seen = 0; path && seen < SCAN_LIMIT; ) {
      const response = await this.send({ method: 'GET', path }, { acceptStatuses: [404], ...options });
      if (response.status === 404) throw new AppError('NOT_FOUND', `Confluence space ${options.space ?? ''} does not exist or the app cannot see it.`);
      const body = response.body as MultiEntityResult<T>;
      for (const entry of body.results ?? []) {
        seen++;
        if (visit(entry)) return;
      }
      path = nextPath(body._links?.next);
    }
  }

  /** The current page with exactly this title in the space (titles are unique per space). */
  async findPageByTitle(spaceId: string, title: string): Promise<ConfluencePageSummary | undefined> {
    let path: string | undefined = `${API}/spaces/${seg(spaceId)}/pages${query({ title, status: 'current', limit: LIST_PAGE_LIMIT })}`;
    for (let pages = 0; path && pages < MAX_LIST_PAGES; pages++) {
      const response = await this.send({ method: 'GET', path }, { acceptStatuses: [404], space: spaceId });
      if (response.status === 404) {
        throw new AppError('NOT_FOUND', `Confluence space ${spaceId} does not exist or the app cannot see it.`);
      }
      const body = response.body as MultiEntityResult<PageWire>;
      const match = (body.results ?? []).find((p) => p.title === title && (p.status ?? 'current') === 'current');
      if (match) return toSummary(match);
      path = nextPath(body._links?.next);
    }
    return undefined;
  }

  /**
   * Creates a published page. Not idempotent: ProductClient sends it again only after a 429.
   * A title that is already taken in the space is a ConflictError (Confluence answers 400).
   */
  async createPage(input: CreatePageInput): Promise<ConfluencePage> {
    const response = await this.send(
      {
        method: 'POST',
        path: `${API}/pages`,
        body: {
          spaceId: input.spaceId,
          status: 'current',
          title: input.title,
          ...(input.parentId ? { parentId: input.parentId } : {}),
          body: { representation: 'storage', value: input.storageValue },
        },
      },
      { acceptStatuses: [400, 404, 409], space: input.spaceId },
    );
    if (response.status === 400 || response.status === 409) {
      const messages = confluenceErrors(response.body);
      if (messages.some((m) => /already exists/i.test(m))) {
        throw new ConflictError(`A Confluence page titled "${input.title}" already exists in the space.`, messages);
      }
      throw new UpstreamError(response.status, `Confluence refused the page "${input.title}".`, messages);
    }
    if (response.status === 404) {
      throw new AppError(
        'NOT_FOUND',
        `Confluence space ${input.spaceId}${input.parentId ? ` or parent page ${input.parentId}` : ''} does not exist, or the app cannot create pages there.`,
        confluenceErrors(response.body),
      );
    }
    return toPage(response.body as PageWire, input.storageValue);
  }

  /** Writes a new version; a stale `versionNumber` is a ConflictError (re-read and retry). */
  async updatePage(input: UpdatePageInput): Promise<ConfluencePage> {
    const response = await this.send(
      {
        method: 'PUT',
        path: `${API}/pages/${seg(input.id)}`,
        body: {
          id: input.id,
          status: 'current',
          title: input.title,
          body: { representation: 'storage', value: input.storageValue },
          version: { number: input.versionNumber, ...(input.versionMessage ? { message: input.versionMessage } : {}) },
        },
      },
      { acceptStatuses: [404, 409], page: input.id },
    );
    if (response.status === 409) {
      throw new ConflictError('The Confluence page changed while the app was writing it.', confluenceErrors(response.body));
    }
    if (response.status === 404) {
      throw new AppError('NOT_FOUND', `Confluence page ${input.id} does not exist or the app cannot see it.`);
    }
    return toPage(response.body as PageWire, input.storageValue);
  }

  /**
   * Makes the page titled `title` in the space hold `storageValue`: creates it, updates it, or
   * leaves it alone when the body already matches (whitespace and Confluence's own ids ignored).
   * Looks up by title before every write, so it never creates a second page; a stale version (409)
   * or a create lost to a concurrent writer is re-read and retried at most UPSERT_RETRIES times.
   */
  async upsertPage(request: UpsertPageInput): Promise<UpsertPageResult> {
    const input = { ...request, title: request.title.trim() };
    const wanted = normaliseStorage(input.storageValue);
    let lastConflict: ConflictError | undefined;
    let titleTaken = false;
    for (let attempt = 0; attempt <= UPSERT_RETRIES; attempt++) {
      const summary = await this.findPageByTitle(input.spaceId, input.title);
      if (!summary) {
        try {
          const created = await this.createPage(input);
          return { id: created.id, action: 'created', version: created.version.number, webui: created.webui };
        } catch (error) {
          // Someone created it between our lookup and our write: go round and update that page.
          if (error instanceof ConflictError) {
            lastConflict = error;
            titleTaken = true;
            continue;
          }
          // A create that failed in flight may still have happened: look before giving up.
          if (error instanceof AppError && error.code === 'UPSTREAM' && (await this.findPageByTitle(input.spaceId, input.title))) {
            continue;
          }
          throw error;
        }
      }

      const page = await this.getPage(summary.id);
      if (!page) continue; // deleted since the lookup: the next round creates it again
      if (page.title === input.title && normaliseStorage(page.storageValue) === wanted) {
        return { id: page.id, action: 'unchanged', version: page.version.number, webui: page.webui ?? summary.webui };
      }
      try {
        const updated = await this.updatePage({
          id: page.id,
          title: input.title,
          storageValue: input.storageValue,
          versionNumber: page.version.number + 1,
          versionMessage: input.versionMessage,
        });
        return { id: updated.id, action: 'updated', version: updated.version.number, webui: updated.webui ?? page.webui };
      } catch (error) {
        if (!(error instanceof ConflictError) && !(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
        if (error instanceof ConflictError) {
          lastConflict = error;
          titleTaken = false;
        }
      }
    }
    throw new ConflictError(
      titleTaken
        ? `The title "${input.title}" is taken in the Confluence space by a page the app cannot update (archived, draft or restricted).`
        : `The Confluence page "${input.title}" kept changing while the app was writing it. Try again later.`,
      lastConflict?.details,
    );
  }

  /**
   * Every call goes through here so a refused space or credential reads as what it is (and with
   * Confluence's own error titles: its v2 `errors` array is not the Jira shape ProductClient reads).
   */
  private async send(
    request: HttpRequest,
    options: SendOptions & { space?: string; page?: string },
  ): Promise<HttpResponse> {
    const response = await this.http.send(request, {
      idempotent: options.idempotent,
      acceptStatuses: [...(options.acceptStatuses ?? []), 401, 403],
    });
    if (response.status === 401) {
      throw new UpstreamError(401, "Confluence did not accept the app's credentials.", confluenceErrors(response.body));
    }
    if (response.status === 403) {
      const what = options.space ? `the Confluence space ${options.space}` : options.page ? `Confluence page ${options.page}` : 'Confluence';
      throw new UpstreamError(
        403,
        `The app is not allowed to use ${what}. A Confluence admin must give the app access to the space.`,
        confluenceErrors(response.body),
      );
    }
    return response;
  }
}

function toSummary(page: PageWire): ConfluencePageSummary {
  return {
    id: String(page.id),
    title: page.title ?? '',
    spaceId: String(page.spaceId ?? ''),
    ...(page.parentId !== undefined && page.parentId !== null && page.parentId !== '' ? { parentId: String(page.parentId) } : {}),
    status: page.status ?? 'current',
    version: { number: page.version?.number ?? 1 },
    ...(page._links?.webui ? { webui: page._links.webui } : {}),
    ...(page._links?.webui && page._links.base ? { url: `${page._links.base.replace(/\/$/, '')}${page._links.webui}` } : {}),
  };
}

function toPage(page: PageWire, fallbackBody: string): ConfluencePage {
  return { ...toSummary(page), storageValue: page.body?.storage?.value ?? fallbackBody };
}

/** `_links.next` is relative to the site (`/wiki/api/v2/...?cursor=`); only follow our own API. */
function nextPath(next: string | undefined): string | undefined {
  if (!next) return undefined;
  const path = next.startsWith('/api/v2/') ? `/wiki${next}` : next;
  return path.startsWith(`${API}/`) ? path : undefined;
}

/** Confluence v2 errors: `{ errors: [{ status, code, title, detail }] }`; v1 style: `{ message }`. */
export function confluenceErrors(body: unknown): string[] {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body ? [body.slice(0, 300)] : [];
  const record = body as { errors?: unknown; message?: unknown };
  const messages: string[] = [];
  if (Array.isArray(record.errors)) {
    for (const error of record.errors as Array<{ title?: unknown; detail?: unknown }>) {
      const parts = [error?.title, error?.detail].filter((p): p is string => typeof p === 'string' && p !== '');
      if (parts.length) messages.push(parts.join(': '));
    }
  }
  if (typeof record.message === 'string') messages.push(record.message);
  return messages;
}

/**
 * Storage bodies compared for "unchanged": whitespace collapsed and dropped between tags,
 * self-closing tags written one way, and the ids Confluence adds to what it stores removed.
 */
export function normaliseStorage(value: string): string {
  return value
    .replace(/\s+(?:ac:macro-id|ac:local-id|local-id|ac:schema-version)="[^"]*"/g, '')
    .replace(/\s+/g, ' ')
    .replace(/>\s+</g, '><')
    .replace(/\s*\/>/g, '/>')
    .trim();
}
