// Sums Stryker's per-scope JSON reports (reports/mutation/<scope>.json, from `STRYKER_SCOPE=<scope>
// npm run mutate`) into the table of docs/engineering.md ("Mutation testing") and lists the
// surviving and uncovered mutants for docs/mutation-survivors.md.
// `node scripts/mutation-summary.mjs [scope ...]` (default: every report found).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'reports/mutation';
// `--by-folder`: one row per folder of src/domain (`root` for its top-level files), whatever scopes
// the reports were run with.
const byFolder = process.argv.includes('--by-folder');
const named = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const scopes = named.length > 0 ? named : readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
const folderOf = (file) => {
  const parts = file.replace('src/domain/', '').split('/');
  return parts.length > 1 ? parts[0] : 'root';
};

// A file can be in several reports (a folder run, then a run of that one file after tests were
// added): each file counts once, from the newest report that has it, so the sums never count a
// mutant twice or keep a stale result.
const newest = new Map();
for (const scope of scopes) {
  const path = join(dir, `${scope}.json`);
  const at = statSync(path).mtimeMs;
  for (const file of Object.keys(JSON.parse(readFileSync(path, 'utf8')).files)) {
    if (!newest.has(file) || newest.get(file).at < at) newest.set(file, { scope, at });
  }
}

// `Ignored` is split: static mutants (left out by `ignoreStatic`) and mutants a `// Stryker disable`
// comment marks as equivalent, with its reason (listed after the survivors); neither counts in the score.
const columns = ['Ignored', 'Equivalent', 'CompileError', 'Killed', 'Timeout', 'Survived', 'NoCoverage', 'RuntimeError'];
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
const folders = new Map();
const survivors = [];
const equivalents = [];
for (const scope of scopes) {
  const report = JSON.parse(readFileSync(join(dir, `${scope}.json`), 'utf8'));
  const counts = Object.fromEntries(columns.map((k) => [k, 0]));
  let total = 0;
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    if (newest.get(file).scope !== scope) continue;
    const lines = source.split('\n');
    const folder = folders.get(folderOf(file)) ?? { counts: Object.fromEntries(columns.map((k) => [k, 0])), total: 0 };
    folders.set(folderOf(file), folder);
    for (const m of mutants) {
      total += 1;
      folder.total += 1;
      const marked = m.status === 'Ignored' && !/^Static mutant/.test(m.statusReason ?? '');
      const status = marked ? 'Equivalent' : m.status;
      counts[status] = (counts[status] ?? 0) + 1;
      folder.counts[status] = (folder.counts[status] ?? 0) + 1;
      if (marked) equivalents.push(`| \`${file.replace('src/domain/', '')}:${m.location.start.line}\` | ${m.mutatorName} | ${(m.statusReason ?? '').replaceAll('|', '\\|')} |`);
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
console.log(`| ${byFolder ? 'Folder' : 'Scope'} | Mutants | ${columns.join(' | ')} | Score |`);
console.log(`| --- | ${columns.map(() => '---').join(' | ')} | --- | --- |`);
if (byFolder) {
  for (const name of [...folders.keys()].sort()) console.log(row(`\`${name}\``, folders.get(name).counts, folders.get(name).total));
} else console.log(rows.join('\n'));
console.log(row('**total**', sum, sumTotal));
console.log('\n| Where | Mutator | Original -> replacement |\n| --- | --- | --- |');
console.log(survivors.join('\n'));
if (equivalents.length > 0) {
  console.log('\n| Marked equivalent | Mutator | Reason |\n| --- | --- | --- |');
  console.log(equivalents.join('\n'));
}

// Files of src/domain no report has: the sums above do not cover them.
const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
const missing = walk('src/domain').filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !newest.has(f));
if (missing.length > 0) console.log(`\nIn no report (no mutants, or never run): ${missing.join(', ')}`);
