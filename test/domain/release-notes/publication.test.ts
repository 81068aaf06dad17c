import { type CurrentPage, type WrittenPage, contentHash, decidePublication } from '../../../src/domain/release-notes/publication';

const TITLE = 'Release notes: 2.4.0 (Web Shop)';
const OURS = contentHash('<p>what the app wrote</p>');
const WANTED = contentHash('<p>what the app would write now</p>');
const EDITED = contentHash('<p>what someone wrote in Confluence</p>');

const written: WrittenPage = { pageId: '65540', pageVersion: 3, bodyHash: OURS };
const page = (overrides: Partial<CurrentPage> = {}): CurrentPage => ({ id: '65540', version: 3, title: TITLE, bodyHash: OURS, ...overrides });

describe('deciding what to do with a version’s notes page', () => {
  it.each<[string, { written?: WrittenPage; page?: CurrentPage; force?: boolean }, ReturnType<typeof decidePublication>['kind'], boolean?]>([
    ['no page and no record: create', {}, 'create'],
    ['the recorded page was deleted: create it again', { written }, 'create'],
    ['the page already says what the app would write', { written, page: page({ bodyHash: WANTED }) }, 'unchanged'],
    ['a page with that content but no record (a concurrent run wrote it)', { page: page({ id: '70000', bodyHash: WANTED }) }, 'unchanged'],
    ['the page is as the app left it: update', { written, page: page() }, 'update'],
    ['someone edited the page in Confluence: ask', { written, page: page({ version: 4, bodyHash: EDITED }) }, 'needs-confirmation'],
    ['someone edited it, and the release manager confirmed: overwrite', { written, page: page({ version: 4, bodyHash: EDITED }), force: true }, 'update'],
    ['the app’s body under a title someone changed: update, to put the title back', { written, page: page({ bodyHash: WANTED, title: 'Notes 2.4' }) }, 'update'],
    ['the version the app wrote, whose body Confluence stored differently: update', { written, page: page({ bodyHash: EDITED }) }, 'update'],
    ['a newer version with the app’s own body (a title or restriction change): update', { written, page: page({ version: 4 }) }, 'update'],
    ['a page with the title the app never wrote: ask', { page: page({ id: '70000', bodyHash: EDITED }) }, 'needs-confirmation'],
    ['the recorded page is gone and another has the title: ask', { written, page: page({ id: '70000', bodyHash: EDITED }) }, 'needs-confirmation'],
  ])('%s', (_case, input, kind) => {
    const decision = decidePublication({ written: input.written, page: input.page, wantedTitle: TITLE, wantedHash: WANTED, force: input.force ?? false });
    expect(decision.kind).toBe(kind);
  });

  it('says why it asks', () => {
    expect(decidePublication({ written, page: page({ version: 5, bodyHash: EDITED }), wantedTitle: TITLE, wantedHash: WANTED, force: false })).toEqual({
      kind: 'needs-confirmation',
      reason: 'The page was edited in Confluence (version 5; the app wrote version 3).',
    });
  });

  it('says why it asks about a page it did not write', () => {
    expect(decidePublication({ page: page({ id: '70000', bodyHash: EDITED }), wantedTitle: TITLE, wantedHash: WANTED, force: false })).toEqual({
      kind: 'needs-confirmation',
      reason: 'A page titled "Release notes: 2.4.0 (Web Shop)" already exists in the space and the app did not write it.',
    });
  });

  it('tells a re-creation from a first creation', () => {
    expect(decidePublication({ written, wantedTitle: TITLE, wantedHash: WANTED, force: false })).toEqual({ kind: 'create', recreate: true });
    expect(decidePublication({ wantedTitle: TITLE, wantedHash: WANTED, force: false })).toEqual({ kind: 'create', recreate: false });
  });
});

describe('the content hash', () => {
  it('is stable, 16 hex digits, and differs for different bodies', () => {
    expect(contentHash('abc')).toBe(contentHash('abc'));
    expect(contentHash('abc')).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(['', 'a', 'b', 'ab', 'ba', '<p>a</p>', '<p>b</p>'].map(contentHash)).size).toBe(7);
  });
});

describe('the content hash, by its parts', () => {
  it('begins with the standard 32-bit FNV-1a of the text', () => {
    expect(['', 'a', 'foobar'].map((text) => contentHash(text).slice(0, 8))).toEqual(['811c9dc5', 'e40c292c', 'bf9cf968']);
  });

  it.each([
    ['<p>10</p>', '0f1153eb54221da0'],
    ['<p>49</p>', 'a71578750b29bb28'],
  ])('keeps leading zeros, 16 digits for %p', (text, hash) => {
    expect(contentHash(text)).toBe(hash);
  });
});
