/**
 * A Confluence Cloud REST v2 stand-in (the pages subset the app uses), shaped like
 * shared/openapi/confluence-v2.json, with a browser view of the pages. Spaces are fixed
 * (REL, ENG); pages live in memory, or in a JSON file when `file` is given.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from './render';
import { createSite } from './site';
import { api, authorised } from './api';
import { browser, shell } from './browser-view';
import { errorBody, HttpFailure, sendHtml, sendJson } from './http';
import type { FakeConfluence, FakeConfluenceOptions } from './model';

export type { FakeConfluence, FakeConfluenceOptions } from './model';

export async function startFakeConfluence(options: FakeConfluenceOptions = {}): Promise<FakeConfluence> {
  const host = options.host ?? '127.0.0.1';
  const site = createSite(options);
  const { spaces, faults, sorted, persist } = site;
  let requests = 0;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-confluence');
    if (!url.pathname.startsWith('/wiki/api/')) {
      try {
        browser(site, req, res, url);
      } catch (error) {
        sendHtml(res, 500, shell('Error', `<pre>${escapeHtml(String(error))}</pre>`));
      }
      return;
    }
    requests++;
    void (async () => {
      try {
        if (options.latencyMs) await (options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))))(options.latencyMs);
        if (!authorised(req)) throw new HttpFailure(401, 'Unauthorized; scope does not match');
        if (faults.fail5xxNext > 0) {
          faults.fail5xxNext--;
          req.resume();
          throw new HttpFailure(503, 'Service Unavailable');
        }
        await api(site, options, req, res, url);
      } catch (error) {
        if (res.headersSent) return;
        if (error instanceof HttpFailure) sendJson(res, error.status, errorBody(error.status, error.title));
        else sendJson(res, 500, errorBody(500, String(error)));
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  site.link.base = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  persist();

  return {
    url: site.link.base,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    pages: () => sorted().map((p) => structuredClone(p)),
    spaces: () => spaces.map((s) => ({ ...s })),
    faults,
    stats: () => ({ requests }),
  };
}
