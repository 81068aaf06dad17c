/** The Confluence v2 REST routes the app uses: spaces, pages by space, id or title, and page create, update and delete. */
import { systemClock } from '../../src/app/clock';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { APP_ACCOUNT_ID, MAX_TITLE, type FakeConfluenceOptions, type StoredPage } from './model';
import { HttpFailure, list, readJson, sendJson, sendPageOf, storageOf } from './http';
import type { ConfluenceSite } from './site';

export function authorised(req: IncomingMessage): boolean {
  const header = req.headers.authorization ?? '';
  return header === 'Bearer app' || /^Basic [A-Za-z0-9+/=]+$/.test(header);
}

export async function api(site: ConfluenceSite, options: FakeConfluenceOptions, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { spaces, state, faults, persist, spaceById, denied, assertAllowed, sorted, titleTaken, pageJson, spaceJson, currentPage } = site;
  const method = req.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '');
  const params = url.searchParams;
  const now = (options.clock ?? systemClock).now().toISOString();

  if (path === '/wiki/api/v2/spaces' && method === 'GET') {
    const keys = list(params, 'keys');
    const ids = list(params, 'ids');
    const matching = spaces.filter((s) => (!keys || keys.includes(s.key)) && (!ids || ids.includes(s.id)));
    if (keys || ids) matching.forEach(assertAllowed);
    return sendPageOf(res, url, matching.filter((s) => !denied(s)).map(spaceJson), site.link.base);
  }

  const spacePages = /^\/wiki\/api\/v2\/spaces\/([^/]+)\/pages$/.exec(path);
  if (spacePages && method === 'GET') {
    const space = spaceById(decodeURIComponent(spacePages[1]!));
    if (!space) throw new HttpFailure(404, 'Not Found');
    assertAllowed(space);
    const title = params.get('title')?.trim() ?? null;
    const statuses = list(params, 'status') ?? ['current', 'archived'];
    const root = params.get('depth') === 'root';
    const pages = sortedBy(sorted(), params.get('sort')).filter(
      (p) => p.spaceId === space.id && statuses.includes(p.status) && (title === null || p.title === title) && (!root || p.id === space.homepageId),
    );
    return sendPageOf(res, url, pages.map((p) => pageJson(p, params.get('body-format'), false)), site.link.base);
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
    return sendPageOf(res, url, pages.map((p) => pageJson(p, params.get('body-format'), false)), site.link.base);
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

/** The v2 `sort` of page lists the app uses (PageSortOrder): by id (the default) or by title, `-` for descending. */
function sortedBy<T extends { title: string }>(pages: T[], sort: string | null): T[] {
  if (sort === 'title' || sort === '-title') return [...pages].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) * (sort === 'title' ? 1 : -1));
  if (sort === '-id') return [...pages].reverse();
  return pages;
}
