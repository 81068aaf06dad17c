// `npm test`: typecheck, lint, build, then every jest project (unit, integration, browser), and a
// closing "N passed, N failed" line that CI reads.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const steps = [];
function run(name, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  steps.push({ name, ok: result.status === 0, seconds: (Date.now() - started) / 1000 });
  return result.status === 0;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const typecheckOk = run('typecheck', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']);
const lintOk = run('lint', npx, ['eslint', '--max-warnings=0', 'src', 'local', 'test', 'bench', 'scripts', 'static/releases/src']);
const buildOk = run('build', process.execPath, ['scripts/build.mjs']);

const outDir = mkdtempSync(join(tmpdir(), 'jest-'));
const outFile = join(outDir, 'results.json');
run('jest', npx, ['jest', '--json', `--outputFile=${outFile}`, ...process.argv.slice(2)]);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(outFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  skipped = results.numPendingTests + results.numTodoTests;
} catch {
  failed += 1;
}
rmSync(outDir, { recursive: true, force: true });

// A failed typecheck, lint or build counts as a failed test: nothing should land over it.
for (const step of steps) if (!step.ok && step.name !== 'jest') failed += 1;
console.log('\n' + steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds.toFixed(1)} s)`).join('\n'));
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && typecheckOk && lintOk && buildOk ? 0 : 1);
