/** bench/baseline.json: the figures reported in closing notes, written by `--record` runs. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Named {
  name: string;
}

/**
 * Replaces the baseline rows `owns` selects with `rows` (scale rows belong to `npm run bench:scale`,
 * the others to `npm run bench`), keeping the rest.
 */
export function recordInBaseline(rows: Named[], owns: (row: Named) => boolean): void {
  const path = join(__dirname, '..', 'baseline.json');
  const baseline = JSON.parse(readFileSync(path, 'utf8')) as { rows: Named[] } & Record<string, unknown>;
  baseline.rows = [...baseline.rows.filter((r) => !owns(r)), ...rows];
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** `--record` of one bench run on its own: replaces the baseline rows of the same names, adds new ones, keeps the rest. */
export function recordRowsInBaseline(rows: Named[]): void {
  const names = new Set(rows.map((r) => r.name));
  recordInBaseline(rows, (row) => names.has(row.name));
}
