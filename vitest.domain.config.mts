// The domain tests (test/domain) under Vitest, for mutation testing only (stryker.config.mjs):
// Stryker's vitest runner keeps one warm process and switches mutants in it, so a mutant costs
// tenths of a CPU-second where jest (a fresh runCLI, haste map and module registry per mutant) took 2.6.
// jest stays the project's test runner (`npm test`); the domain tests use no jest.fn/mock/timers,
// so with `globals: true` they run unchanged under both. `npx vitest run -c vitest.domain.config.mts`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: true,
    environment: 'node',
    include: ['test/domain/**/*.test.ts'],
    // Tells the few heavy domain tests (generated 2,000-issue KPI projects) to keep to their
    // hand-built cases: a mutant runs every test that reaches it, a survivor all of them.
    env: { MUTATION_RUN: '1' },
    // Stryker's sandbox (a copy of the repository) while `npm run mutate` runs: not ours to crawl.
    exclude: ['**/node_modules/**', '**/.stryker-tmp/**'],
    // One worker: mutation runs are pinned to one core (docs/engineering.md, "Mutation testing").
    pool: 'threads',
    // One module registry for every file (the domain is pure: no module state to leak between
    // files): the whole of test/domain runs in 7 s instead of 35, which is Stryker's initial run of
    // every scope. Mutant runs cost the same either way, and calendar's results were identical.
    isolate: false,
    // Stryker times mutants out itself; vitest's own 5 s failed a slow sign-offs test (1,000-character
    // multi-byte comments) in Stryker's instrumented initial run on the loaded core.
    testTimeout: 60_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
