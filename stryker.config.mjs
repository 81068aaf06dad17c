// Mutation testing of the pure domain (src/domain) against its own tests (test/domain):
// `npm run mutate` for all of it, `STRYKER_SCOPE=kpis npm run mutate` for one folder (its own
// incremental file and report, so folders can be run in batches and the reports summed).
// Not part of `npm test` or CI. Results and the
// score are in docs/engineering.md ("Mutation testing").
const scope = process.env.STRYKER_SCOPE;
// A scope is a folder of src/domain, `root` (its top-level files) or one file (`kpis/dora.ts`: a big
// folder run file by file keeps what is done if a run has to be stopped).
const where =
  scope === 'root' ? 'src/domain/*.ts' : scope?.endsWith('.ts') ? `src/domain/${scope}` : scope ? `src/domain/${scope}/**/*.ts` : 'src/domain/**/*.ts';
const name = scope?.replaceAll('/', '-') ?? 'domain';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [where, '!src/domain/**/*.d.ts'],
  // Vitest (vitest.domain.config.mts: test/domain only) keeps one warm process and switches mutants
  // in it; with jest each mutant was a fresh runCLI (config, haste map, module registry): 2.6 CPU-s
  // per mutant, 0.3 now (docs/engineering.md). jest stays the project's test runner.
  testRunner: 'vitest',
  // `related: false`: vitest would otherwise walk each covering test file's import graph again for
  // every mutant; the initial run takes the whole of test/domain instead (seconds, once per run).
  vitest: { configFile: 'vitest.domain.config.mts', related: false },
  // No TypeScript checker: with the warm vitest runner it was the bottleneck (versions: 210 CPU-s with
  // it, 74 without). Mutants that would not compile now run against the tests like any other; the
  // few that survive only because TypeScript would have refused them are listed as such.
  checkers: [],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level tables, constants) need every test re-run in a fresh module
  // registry: on this code base half the mutants and 94 % of the time. They are left out and
  // counted as ignored; the tables they would mutate are pinned by table-driven tests anyway.
  ignoreStatic: true,
  // One test runner (one vitest worker): run it under `taskset -c 1` to keep to one core.
  concurrency: 1,
  // Stryker adds the initial run's overhead (seconds here) and 1.5 x the tests' own time to this; domain
  // tests take milliseconds, so 5 s more is ample and an endless loop costs less.
  timeoutMS: 5000,
  // Re-runs only mutants whose code or tests changed since the last run.
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${name}.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Copy only what the domain tests read into Stryker's sandbox (anchored at the repository root:
  // an unanchored 'reports' would also drop src/domain/reports; a KPI test reads docs/*.md).
  ignorePatterns: ['/dist', '/static', '/docs/screenshots', '/bench', '/shared', '/reports', '/.ci', '/coverage', '/.data', '/test/browser', '/test/fault'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
