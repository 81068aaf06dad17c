// Test sequencer for mutation runs only (stryker.config.mjs). Stryker runs each mutant with a
// test name pattern listing exactly the tests that cover it (perTest coverage), but jest still
// loads every test file it was given and only skips the tests whose names do not match: for a
// module most of the domain imports (calendar-date.ts) that is 27 files for a mutant that one
// or two of them cover. This sequencer keeps the files that hold at least one test the pattern
// matches, using the names test-names-environment.cjs wrote during the initial run, so the same
// tests run, from fewer files. A file whose names are unknown is kept.
const { existsSync, readFileSync } = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;
const { namesFile } = require('./test-names-environment.cjs');

class CoveringTestFilesSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.testNamePattern = options.globalConfig.testNamePattern;
  }

  sort(tests) {
    if (!this.testNamePattern) return super.sort(tests);
    // The same test as jest-circus's: case-insensitive, unanchored, on the full name.
    const pattern = new RegExp(this.testNamePattern, 'i');
    const covering = tests.filter((test) => {
      const file = namesFile(test.context.config.rootDir, test.path);
      if (!existsSync(file)) return true;
      return JSON.parse(readFileSync(file, 'utf8')).some((name) => pattern.test(name));
    });
    return super.sort(covering.length > 0 ? covering : tests);
  }
}

module.exports = CoveringTestFilesSequencer;
