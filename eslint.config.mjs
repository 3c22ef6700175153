import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The layering rules of DEVELOPERS.md, enforced: faces never touch the SDK, the emulator and the
// product core never import each other, and only shared/cloud adapters speak to Alibaba SDKs.
// File cycles: import-x/no-cycle below. Folder cycles (two folders importing each other through
// different files): dependency-cruiser, .dependency-cruiser.mjs (`npm run lint:folders`).
const sdk = {
  group: ['@alicloud/*', '@darabonba/*', 'ali-oss'],
  message: 'Only shared/cloud/adapters may import Alibaba SDKs.',
};
const noEmulator = {
  group: ['**/emulator', '**/emulator/**'],
  message: 'shared/ reaches the emulator over HTTP only.',
};
const noShared = {
  group: ['**/shared', '**/shared/**'],
  message: 'emulator/ is an independent reading of the API; it never imports shared/.',
};

// Functions longer than this are split into named steps (shared/config/checks/ is the model).
// Named exceptions, each with its reason, go in FUNCTION_LENGTH_EXCEPTIONS.
const MAX_FUNCTION_LINES = 60;
const FUNCTION_LENGTH_EXCEPTIONS = [];

// Files longer than 300 lines are split by subject; a named exception, with its reason, goes here.
const FILE_LENGTH_EXCEPTIONS = [];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mts', '.js', '.json'] })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      'import-x/no-cycle': 'error',
      'max-lines': ['error', { max: 300 }],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['test/**', ...FUNCTION_LENGTH_EXCEPTIONS],
    rules: {
      'max-lines-per-function': ['error', { max: MAX_FUNCTION_LINES, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test'].flatMap((object) => [
          { object, property: 'only', message: 'A focused test skips the rest of the suite.' },
          { object, property: 'skip', message: 'Delete a test rather than skip it.' },
        ]),
      ],
    },
  },
  {
    files: ['test/fixtures/**', 'deploy/**', ...FILE_LENGTH_EXCEPTIONS],
    rules: { 'max-lines': 'off' },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', process: 'readonly', __dirname: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/cloud/adapters/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sdk, noEmulator] }], 'no-console': 'error' },
  },
  {
    files: ['shared/cloud/adapters/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noEmulator] }] },
  },
  { files: ['emulator/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [noShared, sdk] }] } },
  { files: ['functions/**/*.ts', 'cli/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [sdk] }] } },
);
