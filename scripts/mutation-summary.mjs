// Sums Stryker's per-scope JSON reports (reports/mutation/<scope>.json, from `STRYKER_SCOPE=<scope>
// npm run mutate`) into the table of docs/engineering.md ("Mutation testing") and lists the
// surviving and uncovered mutants for docs/mutation-survivors.md.
// `node scripts/mutation-summary.mjs [scope ...]` (default: every report found).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'reports/mutation';
const scopes = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

const columns = ['Ignored', 'CompileError', 'Killed', 'Timeout', 'Survived', 'NoCoverage', 'RuntimeError'];
/** Stryker's score: detected (killed, timed out) over valid (detected, survived, no coverage). */
const score = (c) => {
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  return valid === 0 ? '–' : `${((100 * detected) / valid).toFixed(2)} %`;
};
const row = (name, c, total) => `| ${name} | ${total} | ${columns.map((k) => c[k]).join(' | ')} | ${score(c)} |`;

const sum = Object.fromEntries(columns.map((k) => [k, 0]));
let sumTotal = 0;
const rows = [];
const survivors = [];
for (const scope of scopes) {
  const report = JSON.parse(readFileSync(join(dir, `${scope}.json`), 'utf8'));
  const counts = Object.fromEntries(columns.map((k) => [k, 0]));
  let total = 0;
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const lines = source.split('\n');
    for (const m of mutants) {
      total += 1;
      counts[m.status] = (counts[m.status] ?? 0) + 1;
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        const { start, end } = m.location;
        const original =
          start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)} …`;
        survivors.push(`| \`${file.replace('src/domain/', '')}:${start.line}\` | ${m.mutatorName}${m.status === 'NoCoverage' ? ' (no coverage)' : ''} | \`${original.replaceAll('|', '\\|')}\` -> \`${(m.replacement ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ')}\` |`);
      }
    }
  }
  for (const k of columns) sum[k] += counts[k];
  sumTotal += total;
  rows.push(row(`\`${scope}\``, counts, total));
}
console.log(`| Scope | Mutants | ${columns.join(' | ')} | Score |`);
console.log(`| --- | ${columns.map(() => '---').join(' | ')} | --- | --- |`);
console.log(rows.join('\n'));
console.log(row('**total**', sum, sumTotal));
console.log('\n| Where | Mutator | Original -> replacement |\n| --- | --- | --- |');
console.log(survivors.join('\n'));
