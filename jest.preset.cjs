// Shared jest settings: the code is ESM (Nest 12 is ESM-only), compiled by swc with
// legacy decorators + metadata so Nest's DI and @nestjs/graphql's code-first types work.
module.exports = {
  testEnvironment: 'node',
  // Tests run on the real engine (migrations, inserts, rollups): under a loaded machine a hook may take
  // longer than jest's 5 s default without anything being wrong. A guard against hangs, not a speed check.
  testTimeout: 60_000,
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.tsx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'es6' },
      },
    ],
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx', '<rootDir>/test/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
