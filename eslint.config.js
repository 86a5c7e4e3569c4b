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
  // Module boundaries: schemas imports no app; web imports no server code; apps never import each other.
  {
    files: ['schemas/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@lc/ingest', '@lc/api', '@lc/web', '../../ingest/*', '../../api/*', '../../web/*'] },
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
            '@lc/schemas/clickhouse',
            '@lc/schemas/simulator',
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
