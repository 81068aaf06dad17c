import { jsonBytes, utf8Length } from '../../src/domain/json-size';

describe('the size Forge counts for a stored value', () => {
  it.each([
    ['ASCII', 'release 2.4', 11],
    ['2-byte letters', 'Überprüfung', 13],
    ['3-byte characters', '決済カード', 15],
    ['4-byte emoji (a surrogate pair)', '🚀✅', 7],
    ['a lone surrogate (encoded as U+FFFD)', '\ud800x', 4],
    ['the first character past the 16-bit range (U+10000, high surrogate D800)', '\u{10000}', 4],
    ['the last character (U+10FFFF, high surrogate DBFF)', '\u{10FFFF}', 4],
    ['a lone high surrogate before a 2-byte letter', '\ud800é', 5],
    ['two lone low surrogates', '\udc00\udc00', 6],
    ['a lone low surrogate after a 3-byte character', '決\udc00', 6],
    ['the edges of each width', '\u007f\u0080\u07ff\u0800\uffff', 1 + 2 + 2 + 3 + 3],
  ])('%s', (_case, text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });

  it('counts the JSON text of a document, quotes and escapes included', () => {
    expect(jsonBytes({ s: '決"' })).toBe(new TextEncoder().encode('{"s":"決\\""}').length);
  });
});
