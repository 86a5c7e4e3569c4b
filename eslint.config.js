import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.cjs', '**/*.mjs', 'web/src/gql/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  // Package boundaries (one job each): the contract imports no engine and no app; engine access imports
  // the contract only; the simulator imports both; web imports no server code; apps never import each other.
  {
    files: ['schemas/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@lc/*', '!@lc/contract', '@clickhouse/*', 'chdb', '../../clickhouse/*', '../../simulator/*'] },
      ],
    },
  },
  {
    files: ['schemas/clickhouse/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@lc/simulator', '@lc/ingest', '@lc/api', '@lc/web', '../../contract/*', '../../simulator/*'] },
      ],
    },
  },
  {
    files: ['schemas/simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@lc/ingest', '@lc/api', '@lc/web', '../../contract/*', '../../clickhouse/*'] },
      ],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@lc/ingest',
            '@lc/api',
            '@lc/clickhouse',
            '@lc/clickhouse/*',
            '@lc/simulator',
            '@nestjs/*',
            '@clickhouse/*',
            'chdb',
          ],
        },
      ],
    },
  },
  {
    files: ['ingest/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@lc/api', '@lc/web'] }] },
  },
  {
    files: ['api/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@lc/ingest', '@lc/web'] }] },
  },
);
