import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFetchTransport } from '../../../local/fetch-transport';

/** The transport the local runtime uses for Jira and Confluence alike. */
let server: Server;
let baseUrl: string;
const seen: Array<{ method?: string; url?: string; authorization?: string; contentType?: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
      if (req.url === '/json') {
        res.writeHead(201, { 'Content-Type': 'application/json; charset=utf-8', 'X-RateLimit-Reason': 'burst' });
        res.end(JSON.stringify({ ok: true }));
      } else if (req.url === '/broken-json') {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end('<html>proxy error</html>');
      } else if (req.url === '/empty') {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('plain text');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('createFetchTransport', () => {
  it('sends JSON with the authorization, appends the path to the base URL and lower-cases headers', async () => {
    const transport = createFetchTransport({ baseUrl: `${baseUrl}/`, authorization: 'Bearer app' });
    const response = await transport({ method: 'POST', path: '/json', body: { a: 1 } });
    expect(response).toEqual({ status: 201, headers: expect.objectContaining({ 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-reason': 'burst' }), body: { ok: true } });
    expect(seen.at(-1)).toEqual({ method: 'POST', url: '/json', authorization: 'Bearer app', contentType: 'application/json', body: '{"a":1}' });
  });

  it('returns text for non-JSON or unparsable bodies, undefined for empty ones, and sends no body on GET', async () => {
    const transport = createFetchTransport({ baseUrl, authorization: 'Basic eDp5' });
    await expect(transport({ method: 'GET', path: '/text?x=1' })).resolves.toMatchObject({ status: 200, body: 'plain text' });
    expect(seen.at(-1)).toMatchObject({ url: '/text?x=1', contentType: undefined, body: '' });
    await expect(transport({ method: 'GET', path: '/broken-json' })).resolves.toMatchObject({ status: 500, body: '<html>proxy error</html>' });
    await expect(transport({ method: 'DELETE', path: '/empty' })).resolves.toMatchObject({ status: 204, body: undefined });
  });

  it('rejects when the server cannot be reached', async () => {
    const transport = createFetchTransport({ baseUrl: 'http://127.0.0.1:1', authorization: 'Bearer app' });
    await expect(transport({ method: 'GET', path: '/' })).rejects.toThrow();
  });
});
