/** Building blocks of Confluence storage format (XHTML with ac: macros). */

/**
 * Characters XML 1.0 does not allow (C0 controls but tab, newline and carriage return; U+FFFE,
 * U+FFFF; lone surrogates). Jira text can hold them (a pasted terminal BEL or ESC) and Confluence
 * refuses a page that contains them, so they are dropped wherever text enters storage format.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export type StatusColour = 'Grey' | 'Red' | 'Yellow' | 'Green' | 'Blue' | 'Purple';

export function statusMacro(colour: StatusColour, title: string): string {
  return (
    '<ac:structured-macro ac:name="status">' +
    `<ac:parameter ac:name="colour">${colour}</ac:parameter>` +
    `<ac:parameter ac:name="title">${escapeXml(title)}</ac:parameter>` +
    '</ac:structured-macro>'
  );
}

export function link(href: string, text: string): string {
  return `<a href="${escapeXml(href)}">${escapeXml(text)}</a>`;
}

export function table(headers: string[], rows: string[][]): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<table><tbody>${head}${body}</tbody></table>`;
}
