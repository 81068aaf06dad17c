// A release in a KPI drill-down is one cell, "id|name", so the CSV and the table sort by it like any
// text. Jira's version ids are digits; a version's name may contain "|" itself, so a reader splits at
// the first bar only.

export const versionCell = (version: { id: string; name: string }): string => `${version.id}|${version.name}`;

/** The id and name in a version cell; a cell without a bar is a name with no id. */
export function readVersionCell(cell: string): { id: string; name: string } {
  const bar = cell.indexOf('|');
  return bar < 0 ? { id: '', name: cell } : { id: cell.slice(0, bar), name: cell.slice(bar + 1) };
}
