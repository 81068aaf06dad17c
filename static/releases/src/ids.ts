/** Ids people never type: made from what they named the thing, kept unique among its siblings. */

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 36);
}

export function uniqueId(base: string, taken: readonly string[]): string {
  let id = base || 'item';
  for (let n = 2; taken.includes(id); n++) id = `${base || 'item'}-${n}`;
  return id;
}
