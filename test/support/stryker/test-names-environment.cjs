// Jest environment for mutation runs only (stryker.config.mjs): the node environment that also
// writes down, once per test file, the full names of the tests the file holds, so that
// covering-test-files-sequencer.cjs can tell which files hold the tests covering a mutant.
// The names are written during Stryker's initial run (every test of every file runs there);
// later runs of the same file find the list in place and leave it alone.
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

/** Where the names of one test file's tests are kept (inside Stryker's sandbox). */
function namesFile(rootDir, testPath) {
  const key = createHash('sha1').update(path.relative(rootDir, testPath)).digest('hex');
  return path.join(rootDir, '.stryker-test-names', `${key}.json`);
}

/** Jest-circus's full name of a test: the describe blocks' names and the test's, space separated. */
function fullName(test) {
  const names = [];
  for (let block = test; block && block.parent; block = block.parent) names.unshift(block.name);
  return names.join(' ');
}

class TestNamesEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.namesFile = namesFile(config.projectConfig.rootDir, context.testPath);
    this.names = [];
  }

  async handleTestEvent(event) {
    if (event.name === 'test_start') this.names.push(fullName(event.test));
  }

  async teardown() {
    if (this.names.length > 0 && !existsSync(this.namesFile)) {
      mkdirSync(path.dirname(this.namesFile), { recursive: true });
      writeFileSync(this.namesFile, JSON.stringify(this.names));
    }
    await super.teardown();
  }
}

module.exports = TestNamesEnvironment;
module.exports.namesFile = namesFile;
