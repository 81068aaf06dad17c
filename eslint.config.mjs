import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Selectors for reading the machine's time: `new Date()` without arguments and `Date.now()`. */
const wallClock = (message) => [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message },
];

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { module: 'readonly', require: 'readonly', console: 'readonly', process: 'readonly', __dirname: 'readonly', Buffer: 'readonly', globalThis: 'readonly', window: 'readonly', document: 'readonly', self: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', fetch: 'readonly', TextEncoder: 'readonly', crypto: 'readonly', localStorage: 'readonly', HTMLElement: 'readonly', HTMLIFrameElement: 'readonly', Intl: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    // The architecture's boundaries: the domain is pure, the core never imports Forge or the local runtime.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@forge/*', 'node:*', '**/app', '**/app/**', '**/forge', '**/forge/**', '**/store', '**/store/**', '**/integrations', '**/integrations/**', '**/local/**'] }],
      // The domain gets its inputs as arguments: no environment, network or randomness of its own.
      'no-restricted-globals': ['error',
        { name: 'process', message: 'The domain takes settings as arguments, not from the environment.' },
        { name: 'fetch', message: 'The domain does no I/O: an integration fetches, the domain computes.' },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts', 'src/store/**/*.ts', 'src/integrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@forge/*', '**/forge/*', '**/local/**', '**/frontend/*'] }],
    },
  },
  {
    files: ['static/releases/src/**/*.{ts,tsx}'],
    ignores: ['static/releases/src/platform.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@forge/*', '**/src/app', '**/src/app/**', '**/src/store', '**/src/store/**'] }],
    },
  },
  {
    // UI Kit code runs in the browser: it talks to resolvers, never to use cases or storage directly.
    files: ['src/frontend/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/app', '**/app/**', '**/store', '**/store/**'] }],
    },
  },
  {
    // One clock: only src/app/clock.ts reads the machine's time; everything else gets a Clock.
    files: ['src/**/*.{ts,tsx}', 'local/**/*.{ts,tsx}', 'static/releases/src/**/*.{ts,tsx}'],
    ignores: ['src/app/clock.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...wallClock('Read "now" from the Clock (src/app/clock.ts), or the page\'s project time (static/releases/src/project-time.tsx).')],
    },
  },
  {
    // Same clock rule for the domain, plus no randomness: results must follow from the arguments.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...wallClock('The domain takes "now" as an argument.'),
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'The domain is deterministic: pass ids or seeds in.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Cyclomatic complexity, capped where the code stands so it can only go down (issue 17: 42
    // functions over 20). The app's own code is at most 38; the local runtime's fakes and the
    // Custom UI pages still hold a few large functions (fake Confluence's router 70, the calendar's
    // DayCell 65): lower these caps as they are split.
    files: ['src/**/*.{ts,tsx}'],
    rules: { complexity: ['error', 40] },
  },
  {
    files: ['local/**/*.{ts,tsx}', 'static/releases/src/**/*.{ts,tsx}'],
    rules: { complexity: ['error', 70] },
  },
);
