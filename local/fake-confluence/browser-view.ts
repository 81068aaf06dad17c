/** The fake Confluence's browser view: the spaces' page trees and each page rendered from storage format. */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { escapeHtml, renderStorage } from './render';
import type { FakeSpace } from './model';
import { sendHtml, titleSlug } from './http';
import type { ConfluenceSite } from './site';

function pageTree(site: ConfluenceSite, space: FakeSpace): string {
  const { state, sorted, denied } = site;
  const current = sorted().filter((p) => p.spaceId === space.id && p.status === 'current');
  const children = (parentId: string | undefined): string => {
    const items = current.filter((p) => p.parentId === parentId || (parentId === undefined && !current.some((q) => q.id === p.parentId)));
    if (!items.length) return '';
    return `<ul>${items
      .map(
        (p) =>
          `<li><a href="/wiki/spaces/${encodeURIComponent(space.key)}/pages/${p.id}/${titleSlug(p.title)}">${escapeHtml(p.title)}</a> <span class="meta">v${p.version.number}</span>${children(p.id)}</li>`,
      )
      .join('')}</ul>`;
  };
  const trashed = state.pages.filter((p) => p.spaceId === space.id && p.status === 'trashed');
  return `<section><h2>${escapeHtml(space.name)} <span class="meta">${escapeHtml(space.key)} · space ${space.id}${denied(space) ? ' · denied to the app' : ''}</span></h2>${children(undefined) || '<p class="meta">No pages.</p>'}${
    trashed.length ? `<p class="meta">In the trash: ${trashed.map((p) => escapeHtml(p.title)).join(', ')}</p>` : ''
  }</section>`;
}

export function shell(title: string, content: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Fake Confluence</title><style>
body{font-family:-apple-system,"Segoe UI",Roboto,sans-serif;color:#172b4d;margin:0}
header{background:#0747a6;color:#fff;padding:10px 24px}header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:960px;margin:0 auto;padding:16px 24px}.meta{color:#6b778c;font-size:12px;font-weight:normal}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #dfe1e6;padding:6px 10px;text-align:left;vertical-align:top}th{background:#f4f5f7}
.status-lozenge{display:inline-block;border-radius:3px;padding:0 4px;font-size:11px;font-weight:700;line-height:16px;text-transform:uppercase}
.macro{border:1px solid #dfe1e6;border-radius:3px;margin:8px 0}.macro-label{background:#f4f5f7;padding:4px 8px;font-size:12px;font-weight:600;color:#42526e}
.macro-body{padding:8px}.macro-params{font-weight:normal;color:#6b778c}.link{color:#0052cc}ul.tasks{list-style:none;padding-left:8px}
</style></head><body><header><a href="/">Fake Confluence</a></header><main>${content}</main></body></html>`;
}

export function browser(site: ConfluenceSite, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const { spaces, state } = site;
  if (req.method !== 'GET') return sendHtml(res, 405, shell('Not allowed', '<p>Only GET here.</p>'));
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/wiki' || path === '/wiki/home') {
    return sendHtml(res, 200, shell('Spaces', `<h1>Spaces</h1>${spaces.map((space) => pageTree(site, space)).join('')}`));
  }
  const spaceMatch = /^\/wiki\/spaces\/([^/]+)(?:\/overview)?$/.exec(path);
  if (spaceMatch) {
    const space = spaces.find((s) => s.key === decodeURIComponent(spaceMatch[1]!));
    if (space) return sendHtml(res, 200, shell(space.name, pageTree(site, space)));
  }
  const pageMatch = /^\/wiki\/spaces\/([^/]+)\/pages\/(\d+)(?:\/.*)?$/.exec(path);
  if (pageMatch) {
    const space = spaces.find((s) => s.key === decodeURIComponent(pageMatch[1]!));
    const page = state.pages.find((p) => p.id === pageMatch[2] && p.spaceId === space?.id);
    if (space && page) {
      const parent = state.pages.find((p) => p.id === page.parentId);
      const crumbs = `<p class="meta"><a href="/wiki/spaces/${encodeURIComponent(space.key)}">${escapeHtml(space.name)}</a>${
        parent ? ` / <a href="/wiki/spaces/${encodeURIComponent(space.key)}/pages/${parent.id}">${escapeHtml(parent.title)}</a>` : ''
      }</p>`;
      const meta = `<p class="meta">Version ${page.version.number} · ${escapeHtml(page.version.createdAt)}${
        page.version.message ? ` · ${escapeHtml(page.version.message)}` : ''
      }${page.status !== 'current' ? ` · ${page.status}` : ''}</p>`;
      return sendHtml(res, 200, shell(page.title, `${crumbs}<h1>${escapeHtml(page.title)}</h1>${meta}<article>${renderStorage(page.body)}</article>`));
    }
  }
  sendHtml(res, 404, shell('Not found', '<h1>Not found</h1><p><a href="/">All spaces</a></p>'));
}
