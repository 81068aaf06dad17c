/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@atlaskit|@compiled|uuid|date-fns)/)'],
  moduleNameMapper: { '\\.css$': '<rootDir>/test/support/style-stub.js' },
  testEnvironment: 'node',
  // Stryker's sandbox (a copy of the repository) while `npm run mutate` runs: not ours to crawl.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
      testPathIgnorePatterns: ['<rootDir>/test/browser/', '<rootDir>/test/fault/'],
      setupFiles: ['<rootDir>/test/support/setup-bridge.js'],
    },
    {
      // Crash tests: the local runtime as a child process, killed with SIGKILL and restarted (test/fault/).
      ...common,
      displayName: 'fault',
      testMatch: ['<rootDir>/test/fault/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
    },
  ],
};
