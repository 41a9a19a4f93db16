import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'dist/**', 'node_modules/**', 'demo-output/**', 'test-output/**', 'bench-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Names are hostile: render text, never markup.' },
        { selector: "MemberExpression[property.name='outerHTML']", message: 'Names are hostile: render text, never markup.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Names are hostile: render text, never markup.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Names are hostile: render text, never markup.' },
      ],
    },
  },
  // import rules of ../shared/architecture.md, checked here rather than remembered
  { files: ['lib/**/*.{ts,tsx}'], rules: restrict(['**/components/**', '**/entrypoints/**', '@/components/*', '@/entrypoints/*'], 'lib/ knows no screen.') },
  {
    files: ['lib/mapping/**/*.ts'],
    rules: {
      ...restrict(['**/http/**', '**/vsa/**', '**/bms/**', '**/store/**', '**/sync/**', 'wxt/*', 'wxt', 'idb', '@/lib/http/*', '@/lib/vsa/*', '@/lib/bms/*', '@/lib/store/*', '@/lib/sync/*'], 'lib/mapping is pure: no I/O, no browser APIs.'),
      'no-restricted-globals': ['error', 'browser', 'chrome', 'fetch', 'indexedDB', 'localStorage'],
    },
  },
  // the engine runs in the browser and in Node (B21): it uses the journal interface, never a backend's code
  {
    files: ['lib/sync/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'wxt', 'wxt/*', 'idb', 'lmdb'], message: 'lib/sync runs in the browser and in Node: no platform imports (pass them in).' },
          { group: ['**/store/journal-*', '**/store/node/**', '**/cli/**', '@/lib/store/journal-*', '@/lib/store/node/*', '@/lib/cli/*'], allowTypeImports: true, message: 'lib/sync imports only types from a journal backend or the CLI.' },
        ],
      }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: restrict(['**/lib/http/**', '**/lib/vsa/**', '**/lib/bms/**', '**/lib/store/**', '**/lib/sync/**', '@/lib/http/*', '@/lib/vsa/*', '@/lib/bms/*', '@/lib/store/*', '@/lib/sync/*', '@/lib/connections'], 'UI asks the background through lib/messages.'),
  },
  {
    files: ['entrypoints/bms.content/**/*.{ts,tsx}', 'entrypoints/bms-panels/**/*.{ts,tsx}'],
    rules: restrict(['**/lib/http/**', '**/lib/vsa/**', '**/lib/bms/**', '**/lib/store/**', '**/lib/sync/**', '@/lib/http/*', '@/lib/vsa/*', '@/lib/bms/*', '@/lib/store/*', '@/lib/sync/*', '@/lib/connections'], 'No credentials or API calls in BMS pages.'),
  },
  {
    files: ['test/sandbox/**/*.ts'],
    rules: restrict(['**/lib/**', '@/lib/*'], 'The fake must not agree with the client by sharing its code; both answer to the vendor OpenAPI.'),
  },
  // tests read markup to prove nothing was injected; they render nothing
  { files: ['test/e2e/**/*.ts', 'test/demo/**/*.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['test/sandbox/pages/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { document: 'readonly', window: 'readonly', location: 'readonly', history: 'readonly', fetch: 'readonly', URLSearchParams: 'readonly', Node: 'readonly', localStorage: 'readonly', matchMedia: 'readonly', Element: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.mjs', '*.js'],
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        URL: 'readonly', document: 'readonly', window: 'readonly', location: 'readonly', chrome: 'readonly', browser: 'readonly', fetch: 'readonly',
        Buffer: 'readonly', performance: 'readonly', getComputedStyle: 'readonly', Node: 'readonly', NodeFilter: 'readonly',
      },
    },
  },
);
