// Mutation testing of the pure domain (src/domain) against its own tests (test/domain):
// `npm run mutate` for all of it, `STRYKER_SCOPE=kpis npm run mutate` for one folder (its own
// incremental file and report, so folders can be run in batches and the reports summed).
// Not part of `npm test` or CI: a full run takes tens of minutes on two cores. Results and the
// score are in docs/engineering.md ("Mutation testing").
import jestConfig from './jest.config.js';

const unit = jestConfig.projects.find((project) => project.displayName === 'unit');
const scope = process.env.STRYKER_SCOPE;
const where = scope === 'root' ? 'src/domain/*.ts' : scope ? `src/domain/${scope}/**/*.ts` : 'src/domain/**/*.ts';
const name = scope ?? 'domain';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [where, '!src/domain/**/*.d.ts'],
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    // The unit project's transform (swc) and setup, limited to the domain tests: they are the
    // ones that should pin the domain's behaviour, and they run in seconds.
    config: { ...unit, displayName: undefined, testMatch: ['<rootDir>/test/domain/**/*.test.ts'], testPathIgnorePatterns: [] },
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
  // Two cores shared with other work: one test runner, one checker by default (`--concurrency 2`).
  concurrency: 1,
  timeoutMS: 10000,
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
