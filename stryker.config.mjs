// Mutation testing of the pure domain (src/domain) against its own tests (test/domain):
// `npm run mutate` for all of it, `STRYKER_SCOPE=kpis npm run mutate` for one folder (its own
// incremental file and report, so folders can be run in batches and the reports summed).
// Not part of `npm test` or CI: a full run takes tens of minutes on two cores. Results and the
// score are in docs/engineering.md ("Mutation testing").
import jestConfig from './jest.config.js';

const unit = jestConfig.projects.find((project) => project.displayName === 'unit');
const scope = process.env.STRYKER_SCOPE;
// A scope is a folder of src/domain, `root` (its top-level files) or one file (`kpis/dora.ts`: a big
// folder run file by file keeps what is done if a run has to be stopped).
const where =
  scope === 'root' ? 'src/domain/*.ts' : scope?.endsWith('.ts') ? `src/domain/${scope}` : scope ? `src/domain/${scope}/**/*.ts` : 'src/domain/**/*.ts';
const name = scope?.replaceAll('/', '-') ?? 'domain';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [where, '!src/domain/**/*.d.ts'],
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    // The unit project's transform (swc), limited to what the domain tests need: their own files
    // (no setup file: the @forge/bridge stub is for UI tests) and a haste map over src and the
    // domain tests only (jest rebuilds it on every run, that is, on every mutant).
    config: {
      ...unit,
      setupFiles: [],
      displayName: undefined,
      roots: ['<rootDir>/src', '<rootDir>/test/domain', '<rootDir>/test/support'],
      testMatch: ['<rootDir>/test/domain/**/*.test.ts'],
      testPathIgnorePatterns: [],
      // Only the test files that hold a test covering the mutant are loaded (see the sequencer);
      // without it jest loads every related file and skips most of their tests.
      // Resolved by Stryker from the sandbox's root, which does not know <rootDir>.
      testEnvironment: './test/support/stryker/test-names-environment.cjs',
      testSequencer: '<rootDir>/test/support/stryker/covering-test-files-sequencer.cjs',
    },
    // Jest's import graph (--findRelatedTests) keeps the initial run to the tests that import the
    // mutated files (the sequencer then narrows each mutant's run to the covering files).
    enableFindRelatedTests: true,
  },
  // Mutants that do not compile are dropped before any test runs (domain tsconfig: no Node, no DOM).
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.domain.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level tables, constants) need every test re-run in a fresh module
  // registry: on this code base half the mutants and 94 % of the time. They are left out and
  // counted as ignored; the tables they would mutate are pinned by table-driven tests anyway.
  ignoreStatic: true,
  // One checker and one test runner; once checking is done Stryker adds a second runner in the
  // checker's place, so run it under `taskset -c 1` to keep to one core (docs/engineering.md).
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
