import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layering rules of DEVELOPERS.md, enforced: faces never touch the SDK, the emulator and the
// product core never import each other, and only shared/cloud adapters speak to Alibaba SDKs.
const sdk = { group: ['@alicloud/*', '@darabonba/*'], message: 'Only shared/cloud/adapters may import Alibaba SDKs.' };
const noEmulator = { group: ['**/emulator', '**/emulator/**'], message: 'shared/ reaches the emulator over HTTP only.' };
const noShared = { group: ['**/shared', '**/shared/**'], message: 'emulator/ is an independent reading of the API; it never imports shared/.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  { files: ['bin/**/*.js'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', process: 'readonly', __dirname: 'readonly', console: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['shared/**/*.ts'], ignores: ['shared/cloud/adapters/**'], rules: { 'no-restricted-imports': ['error', { patterns: [sdk, noEmulator] }], 'no-console': 'error' } },
  { files: ['shared/cloud/adapters/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [noEmulator] }] } },
  { files: ['emulator/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [noShared, sdk] }] } },
  { files: ['functions/**/*.ts', 'cli/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [sdk] }] } },
);
