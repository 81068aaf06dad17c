import { startFakeConfluence, type FakeConfluence } from '../../../local/fake-confluence';
import { createFetchTransport } from '../../../local/fetch-transport';
import { AppError, ConflictError } from '../../../src/errors';
import { ConfluenceClient, confluenceErrors, normaliseStorage } from '../../../src/integrations/confluence/confluence-client';
import type { HttpTransport } from '../../../src/ports';
import { confluenceHttp } from './support';

const REL = { id: '98305', key: 'REL', name: 'Release Reports', homepageId: '65537' };
const REPORT = '<h1>Release 1.0</h1><p>Status: <ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">Green</ac:parameter><ac:parameter ac:name="title">ON TRACK</ac:parameter></ac:structured-macro></p>';

let fake: FakeConfluence;

beforeEach(async () => {
  fake = await startFakeConfluence({ port: 0 });
});

afterEach(async () => {
  await fake.close();
});

function client(options: Parameters<typeof confluenceHttp>[1] = {}) {
  const built = confluenceHttp(fake.url, options);
  return { ...built, confluence: new ConfluenceClient(built.http) };
}

const appPages = () => fake.pages().filter((p) => p.spaceId === REL.id && p.id !== REL.homepageId);

describe('ConfluenceClient against the fake Confluence', () => {
  it('finds a space by key, and answers undefined for an unknown key', async () => {
    const { confluence } = client();
    await expect(confluence.findSpaceByKey('REL')).resolves.toEqual({ id: REL.id, key: 'REL', name: 'Release Reports' });
    await expect(confluence.findSpaceByKey('NOPE')).resolves.toBeUndefined();
  });

  it('creates a page under the space homepage, then finds and reads it', async () => {
    const { confluence } = client();
    const result = await confluence.upsertPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: REPORT });
    expect(result).toMatchObject({ action: 'created', version: 1 });
    expect(result.webui).toBe(`/spaces/REL/pages/${result.id}/Release+1.0`);

    const summary = await confluence.findPageByTitle(REL.id, 'Release 1.0');
    expect(summary).toEqual({
      id: result.id,
      title: 'Release 1.0',
      spaceId: REL.id,
      parentId: REL.homepageId,
      status: 'current',
      version: { number: 1 },
      webui: result.webui,
    });
    const page = await confluence.getPage(result.id);
    expect(page?.storageValue).toBe(REPORT);
    expect(appPages()).toHaveLength(1);
  });

  it('creates under a given parent', async () => {
    const { confluence } = client();
    const parent = await confluence.createPage({ spaceId: REL.id, title: 'Releases', storageValue: '<p>All releases</p>' });
    const child = await confluence.upsertPage({ spaceId: REL.id, parentId: parent.id, title: 'Release 2.0', storageValue: '<p>x</p>' });
    expect((await confluence.getPage(child.id))?.parentId).toBe(parent.id);
  });

  it('skips the write when the stored body only differs in whitespace or Confluence ids', async () => {
    const { confluence, calls } = client();
    const first = await confluence.upsertPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: REPORT });
    calls.length = 0;
    const reformatted = REPORT.replace('</h1><p>', '</h1>\n\n  <p>').replace('ac:name="status"', 'ac:name="status" ac:macro-id="0b1c2d"');
    const again = await confluence.upsertPage({ spaceId: REL.id, title: ' Release 1.0 ', storageValue: reformatted });
    expect(again).toEqual({ id: first.id, action: 'unchanged', version: 1, webui: first.webui });
    expect(calls.map((c) => c.request.method)).toEqual(['GET', 'GET']);
    expect(appPages()[0]!.version.number).toBe(1);
  });

  it('updates a changed page with the next version and the version message', async () => {
    const { confluence } = client();
    const first = await confluence.upsertPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: REPORT });
    const second = await confluence.upsertPage({
      spaceId: REL.id,
      title: 'Release 1.0',
      storageValue: '<p>Released</p>',
      versionMessage: 'Release report refreshed',
    });
    expect(second).toMatchObject({ id: first.id, action: 'updated', version: 2 });
    const [stored] = appPages();
    expect(stored).toMatchObject({ body: '<p>Released</p>', version: { number: 2, message: 'Release report refreshed' } });
  });

  it('re-reads and retries after a stale version (409)', async () => {
    const { confluence, calls } = client();
    await confluence.upsertPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: REPORT });
    fake.faults.fail409Next = 2;
    calls.length = 0;
    const result = await confluence.upsertPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: '<p>v2</p>' });
    expect(result).toMatchObject({ action: 'updated', version: 2 });
    expect(calls.filter((c) => c.request.method === 'PUT').map((c) => c.response.status)).toEqual([409, 409, 200]);
    expect(appPages()).toHaveLength(1);
  });

  it('gives up with a CONFLICT error after three retries', async () => {
    const { confluence, calls } = client();
    await confluence.upsertPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: REPORT });
    fake.faults.fail409Next = 10;
    calls.length = 0;
    const failure = confluence.upsertPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: '<p>v2</p>' });
    await expect(failure).rejects.toBeInstanceOf(ConflictError);
    await expect(failure).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(calls.filter((c) => c.request.method === 'PUT')).toHaveLength(4);
    expect(appPages()[0]!.version.number).toBe(1);
  });

  it('retries a GET that answered 503, backing off through the Timing port', async () => {
    const { confluence, sleeps, calls } = client();
    fake.faults.fail5xxNext = 2;
    await expect(confluence.findSpaceByKey('REL')).resolves.toMatchObject({ id: REL.id });
    expect(calls.map((c) => c.response.status)).toEqual([503, 503, 200]);
    expect(sleeps).toHaveLength(2);
  });

  it('does not repeat a POST that answered 503, and does not duplicate when it had gone through', async () => {
    // The create reaches Confluence but the answer is lost: upsert looks again instead of re-posting.
    let lose = true;
    const wrap = (inner: HttpTransport): HttpTransport => async (request) => {
      const response = await inner(request);
      if (request.method === 'POST' && lose) {
        lose = false;
        return { status: 503, headers: {}, body: undefined };
      }
      return response;
    };
    const { confluence, calls } = client({ wrap });
    const result = await confluence.upsertPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: REPORT });
    expect(result.action).toBe('unchanged');
    expect(calls.filter((c) => c.request.method === 'POST')).toHaveLength(1);
    expect(appPages()).toHaveLength(1);
  });

  it('updates the page a concurrent writer created between lookup and create', async () => {
    const rival = new ConfluenceClient(confluenceHttp(fake.url).http);
    let raced = false;
    const wrap = (inner: HttpTransport): HttpTransport => async (request) => {
      if (request.method === 'POST' && !raced) {
        raced = true;
        await rival.createPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: '<p>theirs</p>' });
      }
      return inner(request);
    };
    const { confluence, calls } = client({ wrap });
    const result = await confluence.upsertPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: REPORT });
    expect(result).toMatchObject({ action: 'updated', version: 2 });
    expect(calls.find((c) => c.request.method === 'POST')?.response.status).toBe(400);
    expect(appPages()).toHaveLength(1);
    expect(appPages()[0]!.body).toBe(REPORT);
  });

  it('recreates a page that was deleted in Confluence', async () => {
    const { confluence } = client();
    const first = await confluence.upsertPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: REPORT });
    const deleted = await createFetchTransport({ baseUrl: fake.url, authorization: 'Bearer app' })({
      method: 'DELETE',
      path: `/wiki/api/v2/pages/${first.id}`,
    });
    expect(deleted.status).toBe(204);
    await expect(confluence.getPage(first.id)).resolves.toBeUndefined();

    const again = await confluence.upsertPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: REPORT });
    expect(again.action).toBe('created');
    expect(again.id).not.toBe(first.id);
    expect(appPages().map((p) => [p.id, p.status])).toEqual([
      [first.id, 'trashed'],
      [again.id, 'current'],
    ]);
  });

  it('turns a denied space into a clear FORBIDDEN error', async () => {
    const { confluence } = client();
    fake.faults.denySpaces = ['REL'];
    const lookup = confluence.findSpaceByKey('REL');
    await expect(lookup).rejects.toBeInstanceOf(AppError);
    await expect(lookup).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('Confluence space REL'),
      details: ['You do not have permission to access the space REL.'],
    });
    await expect(confluence.upsertPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: REPORT })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining(`Confluence space ${REL.id}`),
    });
    expect(appPages()).toHaveLength(0);
  });

  it('reports credentials Confluence refuses', async () => {
    const { confluence } = client({ authorization: 'Bearer someone-else' });
    await expect(confluence.findSpaceByKey('REL')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('credentials') });
  });

  it('maps the single-call errors: duplicate title, stale version, missing page and space', async () => {
    const { confluence } = client();
    const page = await confluence.createPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: REPORT });
    await expect(confluence.createPage({ spaceId: REL.id, title: 'Release 1.0', storageValue: REPORT })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: [expect.stringContaining('already exists')],
    });
    await expect(
      confluence.updatePage({ id: page.id, title: 'Release 1.0', storageValue: '<p/>', versionNumber: 1 }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(confluence.getPage('999999')).resolves.toBeUndefined();
    await expect(confluence.updatePage({ id: '999999', title: 'x', storageValue: '', versionNumber: 2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(confluence.findPageByTitle('123', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(confluence.createPage({ spaceId: '123', title: 'x', storageValue: '' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('storage comparison and error bodies', () => {
  it('normalises whitespace, self-closing tags and Confluence-added ids only', () => {
    expect(normaliseStorage('<p>a  b</p>\n\n<p>c<br /></p>')).toBe(normaliseStorage('<p>a b</p><p>c<br/></p>'));
    expect(normaliseStorage('<ac:structured-macro ac:name="info" ac:schema-version="1" ac:macro-id="x1">')).toBe(
      '<ac:structured-macro ac:name="info">',
    );
    expect(normaliseStorage('<p>a b</p>')).not.toBe(normaliseStorage('<p>ab</p>'));
  });

  it('reads Confluence v2 error bodies', () => {
    expect(confluenceErrors({ errors: [{ status: 400, code: 'BAD_REQUEST', title: 'Bad', detail: null }] })).toEqual(['Bad']);
    expect(confluenceErrors({ message: 'Nope' })).toEqual(['Nope']);
    expect(confluenceErrors('plain')).toEqual(['plain']);
  });
});
