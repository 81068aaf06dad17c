import { escapeXml, xmlSafe } from '../../../src/domain/reports/storage-format';
import { escapeText } from '../../../src/domain/release-plan/ics';

describe('text from Jira entering Confluence storage format or the calendar feed', () => {
  it.each([
    ['a bell pasted from a terminal', 'Deploy done\u0007', 'Deploy done'],
    ['an escape sequence', '\u001b[31mred\u001b[0m', '[31mred[0m'],
    ['a NUL, form feed and vertical tab', 'a\u0000b\u000cc\u000bd', 'abcd'],
    ['the non-characters U+FFFE and U+FFFF', 'x\ufffey\uffff', 'xy'],
    ['a lone surrogate', 'broken \ud83d emoji', 'broken  emoji'],
    ['tabs, newlines and emoji, which XML allows', 'a\tb\nc\r\n😀', 'a\tb\nc\r\n😀'],
  ])('drops what XML 1.0 does not allow: %s', (_case, input, expected) => {
    expect(xmlSafe(input)).toBe(expected);
  });

  it('escapes what is left, so the page is well-formed XML', () => {
    expect(escapeXml('<b>Fix\u0007 & ship</b>')).toBe('&lt;b&gt;Fix &amp; ship&lt;/b&gt;');
  });

  it('drops them from calendar text too', () => {
    expect(escapeText('Freeze\u0007; no deploys')).toBe('Freeze\\; no deploys');
  });
});
