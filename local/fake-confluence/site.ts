/**
 * One fake Confluence site's state: the fixed spaces, the pages (in memory or in a JSON file), the
 * faults tests switch on, and the page and space JSON as Confluence v2 shapes it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { APP_ACCOUNT_ID, SEED_SPACES, seedPages, type FakeConfluenceFaults, type FakeConfluenceOptions, type FakeSpace, type Snapshot, type StoredPage } from './model';
import { HttpFailure, titleSlug } from './http';

export type ConfluenceSite = ReturnType<typeof createSite>;

export function createSite(options: FakeConfluenceOptions) {
  const spaces = SEED_SPACES.map((s) => ({ ...s }));
  let state: Snapshot = { pages: seedPages(), nextId: 65539 };
  if (options.file && existsSync(options.file)) {
    const loaded = JSON.parse(readFileSync(options.file, 'utf8')) as Partial<Snapshot>;
    state = { pages: loaded.pages ?? state.pages, nextId: loaded.nextId ?? state.nextId };
  }
  const faults: FakeConfluenceFaults = { fail409Next: 0, fail5xxNext: 0, denySpaces: [] };
  const link = { base: '' };

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
        ...(single ? { base: `${link.base}/wiki` } : {}),
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


  function currentPage(id: string, statuses: string[] = ['current']): StoredPage {
    const page = state.pages.find((p) => p.id === id);
    if (!page || !statuses.includes(page.status)) throw new HttpFailure(404, 'Not Found');
    const space = spaceById(page.spaceId);
    if (space) assertAllowed(space);
    return page;
  }
  return { spaces, state, faults, link, persist, spaceById, denied, assertAllowed, sorted, titleTaken, pageJson, spaceJson, currentPage };
}
