/**
 * Size of a document as Forge KVS counts it (UTF-8 bytes of its JSON), for splitting documents by
 * bytes before they reach the 240 KiB limit. Pure.
 */
const NON_ASCII = /[\u0080-\uffff]+/g;

/** UTF-8 length of a string without encoding it: ASCII runs are skipped by the regex engine. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (const match of text.matchAll(NON_ASCII)) {
    const run = match[0];
    for (let i = 0; i < run.length; i++) {
      const code = run.charCodeAt(i);
      if (code < 0x800) bytes += 1;
      else if (code >= 0xd800 && code <= 0xdbff && (run.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        bytes += 2; // a pair: 2 UTF-16 units, 4 bytes
        i++;
      } else bytes += 2;
    }
  }
  return bytes;
}

/** UTF-8 bytes of the JSON a document is stored as: what the 240 KiB limit counts. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value));
}
