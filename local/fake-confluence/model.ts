/** What the fake Confluence stores (pages, versions, spaces), its options and faults, and the seed site. */
import type { Clock } from '../../src/ports';
import { escapeHtml } from './render';

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

export const APP_ACCOUNT_ID = '712020:5f0c1a8e-app-release-readiness';
const SEED_TIME = '2026-01-05T09:00:00.000Z';
export const MAX_TITLE = 255;

export const SEED_SPACES: FakeSpace[] = [
  { id: '98305', key: 'REL', name: 'Release Reports', homepageId: '65537', createdAt: SEED_TIME },
  { id: '98306', key: 'ENG', name: 'Engineering', homepageId: '65538', createdAt: SEED_TIME },
];

export function seedPages(): StoredPage[] {
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

export interface Snapshot {
  pages: StoredPage[];
  nextId: number;
}
