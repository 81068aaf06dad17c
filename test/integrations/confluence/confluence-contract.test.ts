import { startFakeConfluence, type FakeConfluence } from '../../../local/fake-confluence';
import { createFetchTransport } from '../../../local/fetch-transport';
import { ConfluenceClient } from '../../../src/integrations/confluence/confluence-client';
import type { HttpRequest } from '../../../src/ports';
import { ConfluenceContract } from './openapi-contract';
import { confluenceHttp, recording } from './support';

/**
 * The fake Confluence and the client are both held to the published Confluence v2 OpenAPI
 * document, so neither can drift into a dialect only the other understands.
 */

const contract = new ConfluenceContract();
let fake: FakeConfluence;

beforeAll(async () => {
  fake = await startFakeConfluence({ port: 0 });
});

afterAll(async () => {
  await fake.close();
});

describe('Confluence v2 contract', () => {
  it("holds the client's requests and the fake's answers to the spec across the upsert life cycle", async () => {
    const { http, calls } = confluenceHttp(fake.url);
    const confluence = new ConfluenceClient(http);

    const space = await confluence.findSpaceByKey('ENG');
    expect(space).toBeDefined();
    const spaceId = space!.id;
    const body = '<p>Go/No-Go: <ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">Red</ac:parameter><ac:parameter ac:name="title">NO GO</ac:parameter></ac:structured-macro></p>';
    const created = await confluence.upsertPage({ spaceId, title: 'Contract 1.0', storageValue: body });
    await confluence.upsertPage({ spaceId, title: 'Contract 1.0', storageValue: body });
    fake.faults.fail409Next = 1;
    await confluence.upsertPage({ spaceId, title: 'Contract 1.0', storageValue: '<p>GO</p>', versionMessage: 'Decision recorded' });
    await confluence.createPage({ spaceId, parentId: created.id, title: 'Contract child', storageValue: '<p>child</p>' });
    await confluence.createPage({ spaceId, title: 'Contract 1.0', storageValue: body }).catch(() => undefined);
    await confluence.getPage('424242');
    // The pickers' scans: every space, and a space's current pages in title order.
    expect((await confluence.searchSpaces('reports', 5)).map((s) => s.key)).toEqual(['REL']);
    expect((await confluence.searchPagesInSpace(spaceId, 'CONTRACT', 5)).map((p) => p.title)).toEqual(['Contract 1.0', 'Contract child']);

    expect(contract.check(calls)).toEqual([]);
    const operations = new Set(calls.map((c) => `${contract.operation(c.request.method, c.request.path).op.operationId} ${c.response.status}`));
    expect([...operations].sort()).toEqual(
      [
        'createPage 200',
        'createPage 400',
        'getPageById 200',
        'getPageById 404',
        'getPagesInSpace 200',
        'getSpaces 200',
        'updatePage 200',
        'updatePage 409',
      ].sort(),
    );
    // Both write shapes are allowed by the spec; the client always sends the flat storage one.
    const writes = calls.filter((c) => c.request.method === 'POST' || c.request.method === 'PUT');
    for (const { request } of writes) {
      expect(contract.component('PageBodyWrite')((request.body as { body: unknown }).body)).toBe(true);
      expect((request.body as { body: { representation: string } }).body.representation).toBe('storage');
    }
  });

  it("holds the fake's other answers to the spec: filters, cursors, bodies, trash and errors", async () => {
    const raw = recording(createFetchTransport({ baseUrl: fake.url, authorization: 'Bearer app' }));
    const send = (request: HttpRequest) => raw.transport(request);
    const [rel] = fake.spaces();

    const spaces = await send({ method: 'GET', path: '/wiki/api/v2/spaces?limit=1' });
    const next = (spaces.body as { _links: { next?: string } })._links.next;
    expect(next).toMatch(/^\/wiki\/api\/v2\/spaces\?limit=1&cursor=/);
    expect(spaces.headers.link).toContain('rel="next"');
    const second = await send({ method: 'GET', path: next! });
    expect((second.body as { results: Array<{ key: string }> }).results.map((s) => s.key)).toEqual(['ENG']);

    const made = await send({
      method: 'POST',
      path: '/wiki/api/v2/pages',
      body: { spaceId: rel!.id, status: 'current', title: 'Nested body', body: { storage: { representation: 'storage', value: '<p>n</p>' } } },
    });
    const id = (made.body as { id: string }).id;
    await send({ method: 'GET', path: `/wiki/api/v2/pages?space-id=${rel!.id}&title=Nested+body&body-format=storage` });
    await send({ method: 'GET', path: `/wiki/api/v2/pages/${id}` });
    await send({ method: 'GET', path: `/wiki/api/v2/spaces/${rel!.id}/pages?limit=1&status=current` });
    await send({ method: 'DELETE', path: `/wiki/api/v2/pages/${id}` });
    await send({ method: 'GET', path: `/wiki/api/v2/pages/${id}?status=trashed` });
    await send({ method: 'DELETE', path: `/wiki/api/v2/pages/${id}?purge=true` });
    await send({ method: 'GET', path: `/wiki/api/v2/pages/${id}?status=trashed` });
    await send({ method: 'PUT', path: '/wiki/api/v2/pages/1', body: { id: '1', status: 'current', title: 'x', body: {}, version: { number: 2 } } });

    expect(raw.calls.map((c) => c.response.status)).toEqual([200, 200, 200, 200, 200, 200, 204, 200, 204, 404, 404]);
    expect((raw.calls[3]!.response.body as { results: Array<{ body: unknown }> }).results[0]!.body).toEqual({
      storage: { representation: 'storage', value: '<p>n</p>' },
    });
    expect(contract.check(raw.calls)).toEqual([]);
  });

  it('is not vacuous: it catches a wrong field type, a missing field and an undeclared parameter', () => {
    const page = { id: '1', status: 'current', title: 't', spaceId: '2', version: { number: 'two' } };
    expect(contract.checkResponse({ method: 'GET', path: '/wiki/api/v2/pages/1' }, { status: 200, headers: { 'content-type': 'application/json' }, body: page })).toEqual([
      expect.stringContaining('/version/number must be integer'),
    ]);
    expect(contract.checkRequest({ method: 'POST', path: '/wiki/api/v2/pages', body: { title: 't' } })).toEqual([
      expect.stringContaining("must have required property 'spaceId'"),
    ]);
    expect(contract.checkRequest({ method: 'GET', path: '/wiki/api/v2/spaces?spaceKey=REL' })).toEqual([
      expect.stringContaining('"spaceKey" is not declared'),
    ]);
    expect(contract.checkRequest({ method: 'GET', path: '/wiki/api/v2/pages/abc' })).toEqual([expect.stringContaining('must be integer')]);
    expect(contract.checkRequest({ method: 'GET', path: '/wiki/api/v2/pagez' })).toEqual([expect.stringContaining('not an operation')]);
  });
});
