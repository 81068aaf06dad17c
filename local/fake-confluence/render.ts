/**
 * Storage format (Confluence's XHTML with `ac:` and `ri:` elements) to plain HTML for the fake's
 * browser view. Good enough to eyeball what the app wrote, not a faithful Confluence renderer.
 * Anything that could run script is removed; the page is also served with a CSP that forbids it.
 */

import { isKnownMacro } from './storage-format';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const STATUS_COLOURS: Record<string, { background: string; color: string }> = {
  grey: { background: '#dfe1e6', color: '#42526e' },
  red: { background: '#ffebe6', color: '#bf2600' },
  yellow: { background: '#fff0b3', color: '#172b4d' },
  green: { background: '#e3fcef', color: '#006644' },
  blue: { background: '#deebff', color: '#0747a6' },
  purple: { background: '#eae6ff', color: '#403294' },
};

const EMOTICONS: Record<string, string> = {
  tick: '✅',
  cross: '❌',
  warning: '⚠️',
  information: 'ℹ️',
  question: '❓',
  plus: '➕',
  minus: '➖',
  smile: '🙂',
  sad: '🙁',
  'light-on': '💡',
  'yellow-star': '⭐',
};

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`${name.replace(':', '\\:')}\\s*=\\s*"([^"]*)"`).exec(attributes);
  return match?.[1];
}

/** Removes elements and attributes that could run script or load active content. */
export function stripDangerous(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<style\b[\s\S]*?<\/style\s*>/gi, '')
    .replace(/<\/?(?:script|style|iframe|frame|frameset|object|embed|applet|link|meta|base|form|svg|math)\b[^>]*>/gi, '')
    .replace(/\s(?:on[a-z]+|formaction|srcdoc)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .replace(/\s(href|src|action|xlink:href)\s*=\s*(["']?)\s*(?:javascript|vbscript|data):[^"'\s>]*\2/gi, ' $1="#"');
}

function renderStatus(params: Record<string, string>): string {
  const colourName = (params.colour ?? params.color ?? 'Grey').trim();
  const colour = STATUS_COLOURS[colourName.toLowerCase()] ?? STATUS_COLOURS.grey!;
  const title = (params.title ?? colourName).trim().toUpperCase();
  const subtle = params.subtle === 'true';
  const style = subtle
    ? `border:1px solid ${colour.color};color:${colour.color};background:transparent`
    : `background:${colour.background};color:${colour.color}`;
  return `<span class="status-lozenge" data-colour="${escapeHtml(colourName.toLowerCase())}" style="${style}">${escapeHtml(title)}</span>`;
}

function renderMacro(attributes: string, inner: string): string {
  const name = attribute(attributes, 'ac:name') ?? 'macro';
  const params: Record<string, string> = {};
  const withoutParams = inner.replace(/<ac:parameter\b([^>]*)>([\s\S]*?)<\/ac:parameter>/g, (_m, attrs: string, value: string) => {
    params[attribute(attrs, 'ac:name') ?? ''] = value.replace(/<[^>]*>/g, '').trim();
    return '';
  });
  if (name === 'status') return renderStatus(params);

  const rich = /<ac:rich-text-body>([\s\S]*?)<\/ac:rich-text-body>/.exec(withoutParams)?.[1];
  const plain = /<ac:plain-text-body>([\s\S]*?)<\/ac:plain-text-body>/.exec(withoutParams)?.[1];
  const shown = Object.entries(params)
    .filter(([key]) => key !== '')
    .map(([key, value]) => `${escapeHtml(key)}=${escapeHtml(value)}`)
    .join(', ');
  // As Confluence shows a macro it does not have: the page keeps it, the view says so.
  const label = `${isKnownMacro(name) ? '' : 'Unknown macro: '}${escapeHtml(name)}${shown ? ` <span class="macro-params">(${shown})</span>` : ''}`;
  const body = rich ?? (plain !== undefined ? `<pre>${plain}</pre>` : withoutParams.trim());
  return `<div class="macro" data-macro="${escapeHtml(name)}"><div class="macro-label">${label}</div>${body ? `<div class="macro-body">${body}</div>` : ''}</div>`;
}

export function renderStorage(storage: string): string {
  let html = stripDangerous(storage);
  // CDATA (plain-text macro bodies) is text: show it, never interpret it.
  html = html.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, text: string) => escapeHtml(text));
  html = html.replace(/<!--[\s\S]*?-->/g, '');

  html = html.replace(/<ac:structured-macro\b([^>]*?)\/>/g, (_m, attrs: string) => renderMacro(attrs, ''));
  // Innermost macros first, so a status lozenge inside a panel or an expand renders too.
  const innermost = /<ac:structured-macro\b([^>]*)>((?:(?!<ac:structured-macro\b)[\s\S])*?)<\/ac:structured-macro>/g;
  for (let round = 0; round < 50 && /<ac:structured-macro\b/.test(html); round++) {
    const next = html.replace(innermost, (_m, attrs: string, inner: string) => renderMacro(attrs, inner));
    if (next === html) break;
    html = next;
  }

  html = html
    .replace(/<ac:emoticon\b([^>]*?)\/?>/g, (_m, attrs: string) => EMOTICONS[attribute(attrs, 'ac:name') ?? ''] ?? '')
    .replace(/<ac:link\b[^>]*>([\s\S]*?)<\/ac:link>/g, (_m, inner: string) => {
      const label = /<ac:(?:plain-text-)?link-body>([\s\S]*?)<\/ac:(?:plain-text-)?link-body>/.exec(inner)?.[1];
      const target = /<ri:[a-z-]+\b([^>]*)\/?>/.exec(inner)?.[1] ?? '';
      const text = label ?? escapeHtml(attribute(target, 'ri:content-title') ?? attribute(target, 'ri:filename') ?? attribute(target, 'ri:account-id') ?? 'link');
      return `<span class="link">${text}</span>`;
    })
    .replace(/<ac:image\b[\s\S]*?<\/ac:image>/g, '<span class="macro-params">[image]</span>')
    .replace(/<ac:task-list>/g, '<ul class="tasks">')
    .replace(/<\/ac:task-list>/g, '</ul>')
    .replace(/<ac:task-id>[\s\S]*?<\/ac:task-id>/g, '')
    .replace(/<ac:task-uuid>[\s\S]*?<\/ac:task-uuid>/g, '')
    .replace(/<ac:task>\s*<ac:task-status>\s*complete\s*<\/ac:task-status>/g, '<li>☑ ')
    .replace(/<ac:task>\s*<ac:task-status>[\s\S]*?<\/ac:task-status>/g, '<li>☐ ')
    .replace(/<\/ac:task>/g, '</li>')
    .replace(/<time\b([^>]*?)\/>/g, (_m, attrs: string) => `<time>${escapeHtml(attribute(attrs, 'datetime') ?? '')}</time>`)
    // Whatever Confluence element is left: keep its text, drop the tag.
    .replace(/<\/?(?:ac|ri):[^>]*>/g, '');
  return html;
}
