import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeConfluence, type FakeConfluence } from '../../../local/fake-confluence';
import { createFetchTransport } from '../../../local/fetch-transport';
import type { HttpRequest, HttpResponse } from '../../../src/ports';

const REL_ID = '98305';
const REL_HOME = '65537';

let fake: FakeConfluence;
let send: (request: HttpRequest) => Promise<HttpResponse>;

beforeEach(async () => {
  fake = await startFakeConfluence({ port: 0 });
  send = createFetchTransport({ baseUrl: fake.url, authorization: 'Bearer app' });
});

afterEach(async () => {
  await fake.close();
});

const create = (title: string, value = '<p>x</p>', extra: Record<string, unknown> = {}) =>
  send({ method: 'POST', path: '/wiki/api/v2/pages', body: { spaceId: REL_ID, status: 'current', title, body: { representation: 'storage', value }, ...extra } });

const errorTitle = (response: HttpResponse) => (response.body as { errors: Array<{ title: string }> }).errors[0]!.title;

describe('fake Confluence API', () => {
  it('accepts Bearer app and Basic, and answers 401 to anything else', async () => {
    const path = '/wiki/api/v2/spaces';
    const withAuth = (authorization: string) => createFetchTransport({ baseUrl: fake.url, authorization })({ method: 'GET', path });
    expect((await withAuth('Bearer app')).status).toBe(200);
    expect((await withAuth(`Basic ${Buffer.from('me@example.com:token').toString('base64')}`)).status).toBe(200);
    const refused = await withAuth('Bearer user:557058:alice');
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ errors: [{ status: 401, code: 'UNAUTHORIZED', title: expect.any(String), detail: null }] });
  });

  it('seeds REL and ENG with homepages, and looks spaces up by key', async () => {
    const response = await send({ method: 'GET', path: '/wiki/api/v2/spaces?keys=REL' });
    expect(response.body).toEqual({
      results: [expect.objectContaining({ id: REL_ID, key: 'REL', name: 'Release Reports', homepageId: REL_HOME, _links: { webui: '/spaces/REL' } })],
      _links: { base: `${fake.url}/wiki` },
    });
    expect(fake.pages().map((p) => p.title)).toEqual(['Release Reports Home', 'Engineering Home']);
  });

  it('creates pages as Confluence does: under the homepage, version 1, unique titles per space', async () => {
    const created = await create('Release 1.0', '<p>hello</p>');
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: 'current',
      title: 'Release 1.0',
      spaceId: REL_ID,
      parentId: REL_HOME,
      version: { number: 1 },
      body: { storage: { representation: 'storage', value: '<p>hello</p>' } },
      _links: { webui: expect.stringMatching(/^\/spaces\/REL\/pages\/\d+\/Release\+1\.0$/), base: `${fake.url}/wiki` },
    });
    const duplicate = await create('Release 1.0');
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toEqual({
      errors: [
        {
          status: 400,
          code: 'BAD_REQUEST',
          title: 'A page with this title already exists: A page already exists with the same TITLE in this space',
          detail: null,
        },
      ],
    });
    // Another space may use the same title.
    expect((await send({ method: 'POST', path: '/wiki/api/v2/pages', body: { spaceId: '98306', title: 'Release 1.0', body: { representation: 'storage', value: '' } } })).status).toBe(200);
    expect((await create('')).status).toBe(400);
    expect((await create('Draft', '<p/>', { status: 'draft' })).status).toBe(400);
    expect((await create('Wiki', '', { body: { representation: 'wiki', value: 'h1. x' } })).status).toBe(400);
    expect((await create('Orphan', '', { parentId: '1' })).status).toBe(404);
    expect((await send({ method: 'POST', path: '/wiki/api/v2/pages', body: { spaceId: '1', title: 'x' } })).status).toBe(404);
  });

  it('finds pages by title through both list endpoints, with bodies only when asked', async () => {
    await create('Release 1.0', '<p>one</p>');
    await create('Release 2.0', '<p>two</p>');
    const inSpace = await send({ method: 'GET', path: `/wiki/api/v2/spaces/${REL_ID}/pages?title=Release%201.0&status=current` });
    expect((inSpace.body as { results: unknown[] }).results).toEqual([expect.objectContaining({ title: 'Release 1.0', body: {} })]);
    const global = await send({ method: 'GET', path: `/wiki/api/v2/pages?space-id=${REL_ID}&title=Release+2.0&body-format=storage` });
    expect((global.body as { results: unknown[] }).results).toEqual([
      expect.objectContaining({ title: 'Release 2.0', body: { storage: { representation: 'storage', value: '<p>two</p>' } } }),
    ]);
    expect((await send({ method: 'GET', path: '/wiki/api/v2/spaces/1/pages' })).status).toBe(404);
  });

  it('pages through results with an opaque cursor in _links.next and the Link header', async () => {
    for (const n of [1, 2, 3]) await create(`Page ${n}`);
    const titles: string[] = [];
    let path: string | undefined = `/wiki/api/v2/spaces/${REL_ID}/pages?limit=2`;
    while (path) {
      const response = await send({ method: 'GET', path });
      const body = response.body as { results: Array<{ title: string }>; _links: { next?: string } };
      titles.push(...body.results.map((r) => r.title));
      if (body._links.next) expect(response.headers.link).toBe(`<${body._links.next}>; rel="next", <${fake.url}/wiki>; rel="base"`);
      path = body._links.next;
    }
    expect(titles).toEqual(['Release Reports Home', 'Page 1', 'Page 2', 'Page 3']);
    expect((await send({ method: 'GET', path: '/wiki/api/v2/pages?cursor=nonsense' })).status).toBe(400);
    expect((await send({ method: 'GET', path: '/wiki/api/v2/pages?limit=251' })).status).toBe(400);
  });

  it('updates only with version current + 1, and answers 409 otherwise', async () => {
    const id = ((await create('Release 1.0')).body as { id: string }).id;
    const put = (number: number, title = 'Release 1.0') =>
      send({
        method: 'PUT',
        path: `/wiki/api/v2/pages/${id}`,
        body: { id, status: 'current', title, body: { representation: 'storage', value: `<p>v${number}</p>` }, version: { number, message: `v${number}` } },
      });
    const stale = await put(1);
    expect(stale.status).toBe(409);
    expect(errorTitle(stale)).toBe('Version must be incremented on update. Current version is: 1');
    expect((await put(2)).body).toMatchObject({ version: { number: 2, message: 'v2' }, body: { storage: { value: '<p>v2</p>' } } });
    expect((await put(2)).status).toBe(409);
    await create('Taken');
    expect((await put(3, 'Taken')).status).toBe(400);
    expect((await send({ method: 'PUT', path: `/wiki/api/v2/pages/${id}`, body: { id: '1', status: 'current', title: 'x', version: { number: 3 } } })).status).toBe(400);
  });

  it('deletes to the trash, then purges', async () => {
    const id = ((await create('Release 1.0')).body as { id: string }).id;
    expect((await send({ method: 'DELETE', path: `/wiki/api/v2/pages/${id}` })).status).toBe(204);
    expect((await send({ method: 'GET', path: `/wiki/api/v2/pages/${id}` })).status).toBe(404);
    expect((await send({ method: 'GET', path: `/wiki/api/v2/pages/${id}?status=trashed` })).body).toMatchObject({ status: 'trashed' });
    // The title is free again.
    expect((await create('Release 1.0')).status).toBe(200);
    expect((await send({ method: 'DELETE', path: `/wiki/api/v2/pages/${id}?purge=true` })).status).toBe(204);
    expect(fake.pages().some((p) => p.id === id)).toBe(false);
  });

  it('injects faults: 503s, stale versions and denied spaces, and counts API requests', async () => {
    fake.faults.fail5xxNext = 1;
    const unavailable = await send({ method: 'GET', path: '/wiki/api/v2/spaces' });
    expect(unavailable.status).toBe(503);
    expect(errorTitle(unavailable)).toBe('Service Unavailable');
    expect((await send({ method: 'GET', path: '/wiki/api/v2/spaces' })).status).toBe(200);

    const id = ((await create('Release 1.0')).body as { id: string }).id;
    fake.faults.fail409Next = 1;
    const body = { id, status: 'current', title: 'Release 1.0', body: { representation: 'storage', value: '' }, version: { number: 2 } };
    expect((await send({ method: 'PUT', path: `/wiki/api/v2/pages/${id}`, body })).status).toBe(409);
    expect((await send({ method: 'PUT', path: `/wiki/api/v2/pages/${id}`, body })).status).toBe(200);

    fake.faults.denySpaces = ['REL'];
    const forbidden = await send({ method: 'GET', path: '/wiki/api/v2/spaces?keys=REL' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ errors: [{ status: 403, code: 'FORBIDDEN' }] });
    expect((await send({ method: 'GET', path: `/wiki/api/v2/pages/${id}` })).status).toBe(403);
    expect((await create('Another')).status).toBe(403);
    expect(((await send({ method: 'GET', path: '/wiki/api/v2/spaces' })).body as { results: Array<{ key: string }> }).results.map((s) => s.key)).toEqual(['ENG']);
    expect(fake.stats().requests).toBe(9);
  });

  it('waits latencyMs before every API answer (how long that takes is measured in bench/)', async () => {
    const waits: number[] = [];
    const slow = await startFakeConfluence({ latencyMs: 60, sleep: async (ms) => void waits.push(ms) });
    try {
      const transport = createFetchTransport({ baseUrl: slow.url, authorization: 'Bearer app' });
      expect((await transport({ method: 'GET', path: '/wiki/api/v2/spaces' })).status).toBe(200);
      expect((await transport({ method: 'GET', path: '/wiki/api/v2/spaces?keys=REL' })).status).toBe(200);
      expect(waits).toEqual([60, 60]);
    } finally {
      await slow.close();
    }
  });

  it('persists pages to a JSON file and loads them on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-confluence-'));
    const file = join(dir, 'nested', 'confluence.json');
    try {
      const first = await startFakeConfluence({ file });
      const post = createFetchTransport({ baseUrl: first.url, authorization: 'Bearer app' });
      const made = await post({ method: 'POST', path: '/wiki/api/v2/pages', body: { spaceId: REL_ID, title: 'Kept', body: { representation: 'storage', value: '<p>kept</p>' } } });
      await first.close();
      expect(JSON.parse(readFileSync(file, 'utf8')).pages).toHaveLength(3);

      const second = await startFakeConfluence({ file });
      try {
        expect(second.pages().find((p) => p.title === 'Kept')).toMatchObject({ id: (made.body as { id: string }).id, body: '<p>kept</p>' });
        const next = await createFetchTransport({ baseUrl: second.url, authorization: 'Bearer app' })({
          method: 'POST',
          path: '/wiki/api/v2/pages',
          body: { spaceId: REL_ID, title: 'Next', body: { representation: 'storage', value: '' } },
        });
        expect(Number((next.body as { id: string }).id)).toBeGreaterThan(Number((made.body as { id: string }).id));
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('fake Confluence browser view', () => {
  const html = async (path: string) => {
    const response = await fetch(`${fake.url}${path}`);
    return { status: response.status, csp: response.headers.get('content-security-policy'), text: await response.text() };
  };

  it('lists spaces and pages, and renders a page with lozenges, macro boxes and no script', async () => {
    const body = [
      '<h2>Readiness</h2>',
      '<ac:structured-macro ac:name="status" ac:schema-version="1"><ac:parameter ac:name="colour">Green</ac:parameter><ac:parameter ac:name="title">ON TRACK</ac:parameter></ac:structured-macro>',
      '<ac:structured-macro ac:name="info"><ac:rich-text-body><p>Blocked by <ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">Red</ac:parameter><ac:parameter ac:name="title">2 issues</ac:parameter></ac:structured-macro></p></ac:rich-text-body></ac:structured-macro>',
      '<script>alert(1)</script><img src="x.png" onerror="alert(2)"/><a href="javascript:alert(3)">x</a>',
    ].join('');
    const created = (await create('Release <1.0>', body)).body as { id: string; _links: { webui: string } };

    const index = await html('/');
    expect(index.status).toBe(200);
    expect(index.text).toContain('Release Reports');
    expect(index.text).toContain('Release &lt;1.0&gt;');
    expect(index.text).toContain(`/wiki/spaces/REL/pages/${created.id}/`);

    const page = await html(`/wiki${created._links.webui}`);
    expect(page.status).toBe(200);
    expect(page.csp).toContain("default-src 'none'");
    expect(page.text).toContain('<h1>Release &lt;1.0&gt;</h1>');
    expect(page.text).toMatch(/<span class="status-lozenge" data-colour="green"[^>]*>ON TRACK<\/span>/);
    expect(page.text).toMatch(/<div class="macro" data-macro="info"><div class="macro-label">info<\/div><div class="macro-body"><p>Blocked by <span class="status-lozenge" data-colour="red"[^>]*>2 ISSUES<\/span><\/p><\/div><\/div>/);
    expect(page.text).not.toMatch(/<script|onerror|javascript:|ac:/);

    expect((await html('/wiki/spaces/REL/pages/424242')).status).toBe(404);
    expect((await html('/wiki/spaces/ENG')).text).toContain('Engineering Home');
    expect(fake.stats().requests).toBe(1);
  });
});

describe('fake Confluence and storage format, as Confluence parses it', () => {
  it.each([
    ['an unclosed tag', '<p>Release 2.4 <strong>ships</p>'],
    ['tags closed in the wrong order', '<p><em>a</p></em>'],
    ['a bare ampersand', '<p>Build & deploy</p>'],
    ['an HTML void element not closed as XML', '<p>one<br>two</p>'],
    ['an undeclared entity', '<p>&releasedate;</p>'],
    ['a control character (a pasted bell)', '<p>Deploy done\u0007</p>'],
    ['an unquoted attribute', '<td colspan=2>x</td>'],
  ])('refuses a page with %s: 400 "Error parsing xhtml", nothing stored', async (_case, value) => {
    const refused = await create('Broken', value);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errors: [{ status: 400, code: 'BAD_REQUEST', title: expect.stringMatching(/^Error parsing xhtml: /), detail: null }] });
    expect(fake.pages().map((p) => p.title)).not.toContain('Broken');
  });

  it('refuses an update with malformed storage and keeps the version it had', async () => {
    const created = (await create('Release 2.4', '<p>ok</p>')).body as { id: string };
    const update = await send({ method: 'PUT', path: `/wiki/api/v2/pages/${created.id}`, body: { id: created.id, status: 'current', title: 'Release 2.4', body: { representation: 'storage', value: '<p>broken' }, version: { number: 2 } } });
    expect(update.status).toBe(400);
    expect(fake.pages().find((p) => p.id === created.id)).toMatchObject({ body: '<p>ok</p>', version: { number: 1 } });
  });

  it.each([
    ['XHTML named entities', '<p>2.4&nbsp;&mdash; &ldquo;Ready&rdquo; &amp; done</p>'],
    ['character references and emoji', '<p>&#160;&#x2014; 😀</p>'],
    ['text without markup, tabs and newlines', 'Plain\ttext\nacross lines'],
    ['macros, links and CDATA bodies', '<ac:structured-macro ac:name="info"><ac:rich-text-body><p>x</p></ac:rich-text-body></ac:structured-macro><ac:link><ri:page ri:content-title="A &amp; B"/><ac:plain-text-link-body><![CDATA[A < B]]></ac:plain-text-link-body></ac:link>'],
    ['a macro Confluence does not have (it keeps it and shows "Unknown macro")', '<ac:structured-macro ac:name="roadmap-planner"/>'],
  ])('accepts %s', async (_case, value) => {
    const created = await create(`Page ${_case}`, value);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ body: { storage: { value } } });
  });

  it('shows a macro it does not have as "Unknown macro" in the browser view', async () => {
    const created = (await create('Planner', '<ac:structured-macro ac:name="roadmap-planner"/><ac:structured-macro ac:name="info"/>')).body as { _links: { webui: string } };
    const html = await (await fetch(`${fake.url}/wiki${created._links.webui}`)).text();
    expect(html).toContain('Unknown macro: roadmap-planner');
    expect(html).not.toContain('Unknown macro: info');
  });
});
