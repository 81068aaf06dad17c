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
// The domain again on its own, with neither Node's nor the DOM's types: it must run anywhere.
const typecheckOk = run('typecheck', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']) & run('typecheck domain (no Node, no DOM)', npx, ['tsc', '-p', 'tsconfig.domain.json', '--noEmit']);
const lintOk = run('lint', npx, ['eslint', '--max-warnings=0', 'src', 'local', 'test', 'bench', 'scripts', 'static/releases/src']);
const buildOk = run('build', process.execPath, ['scripts/build.mjs']) & run('forge bundle (@forge/bundler, offline)', process.execPath, ['scripts/forge-bundle.cjs']);

let passed = 0;
let failed = 0;
let skipped = 0;

/** Runs jest (optionally under a command such as faketime) and adds its counts to the totals. */
function jest(name, args, { prefix = [], env = {} } = {}) {
  const outDir = mkdtempSync(join(tmpdir(), 'jest-'));
  const outFile = join(outDir, 'results.json');
  const command = prefix.length ? prefix[0] : npx;
  const commandArgs = prefix.length ? [...prefix.slice(1), npx, 'jest', '--json', `--outputFile=${outFile}`, ...args] : ['jest', '--json', `--outputFile=${outFile}`, ...args];
  const started = Date.now();
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', shell: false, env: { ...process.env, ...env } });
  steps.push({ name, ok: result.status === 0, seconds: (Date.now() - started) / 1000 });
  try {
    const results = JSON.parse(readFileSync(outFile, 'utf8'));
    passed += results.numPassedTests;
    failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
    skipped += results.numPendingTests + results.numTodoTests;
  } catch {
    failed += 1;
  }
  rmSync(outDir, { recursive: true, force: true });
}

jest('jest', process.argv.slice(2));

// The clock guard: the date- and zone-sensitive suites again on other days and in another zone,
// so a test or a page that reads the real clock, or a day computed in the machine's zone, fails
// here and not on some future date in CI. libfaketime moves the whole process tree's clock
// (Node, jest's workers and Chromium alike).
const TIME_SENSITIVE = [
  'test/domain',
  'test/static',
  'test/app/project-time.integration.test.ts',
  'test/app/kpi-sync.integration.test.ts',
  'test/app/kpi-reports.integration.test.ts',
  'test/app/kpi-resolvers.integration.test.ts',
  'test/app/weekly-status.integration.test.ts',
  'test/app/release-plan.integration.test.ts',
  'test/local/fake-jira/demo-data.test.ts',
  'test/local/kpi-cli.test.ts',
  'test/browser/release-calendar.test.ts',
];
if (process.argv.length > 2) {
  console.log('Clock guard skipped: jest was given arguments.');
} else if (spawnSync('faketime', ['-f', '+0d', 'true']).status !== 0) {
  if (process.env.CI) {
    console.error('Clock guard: faketime is missing (apt-get install faketime); CI needs it.');
    failed += 1;
  } else console.log('Clock guard skipped: install faketime (Debian: apt-get install faketime) to run it.');
} else {
  // The browser suite (about 40 s) runs in the Auckland pass only: in UTC on today's date it already
  // ran in the main pass, and the later date in an off-UTC zone is the case a browser can get wrong.
  jest('clock +40 days', TIME_SENSITIVE.filter((path) => !path.startsWith('test/browser/')), { prefix: ['faketime', '-f', '+40d'] });
  // Another year and another zone in one pass (UTC+12/13, across its DST change): each rerun of
  // these suites costs about a minute of CI; +40 days stays in UTC, so both zones are still seen.
  jest('clock +400 days, zone Pacific/Auckland', TIME_SENSITIVE, { prefix: ['faketime', '-f', '+400d'], env: { TZ: 'Pacific/Auckland' } });
}

// A failed typecheck, lint or build counts as a failed test: nothing should land over it.
for (const step of steps) if (!step.ok && !step.name.startsWith('jest') && !step.name.startsWith('clock') && !step.name.startsWith('zone')) failed += 1;
console.log('\n' + steps.map((s) => `${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds.toFixed(1)} s)`).join('\n'));
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && typecheckOk && lintOk && buildOk && steps.every((s) => s.ok) ? 0 : 1);
