// Unit, component and browser tests. Node is the default environment; component tests that need a DOM
// opt in per file with a `/** @jest-environment jsdom */` docblock (Testing Library). Browser tests
// (test/e2e/*.e2e.ts) drive Debian Chromium against the real all-in-one server and need the built
// packages (npm test builds first).
module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: require('./package.json').name,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx', '<rootDir>/test/**/*.e2e.ts'],
  // DOM stubs for the jsdom files; a no-op in the node environment.
  setupFilesAfterEnv: ['<rootDir>/test/setup-dom.ts'],
  testTimeout: 60_000,
  // Each browser suite starts a server and a Chromium: one at a time on these 2-core machines.
  maxWorkers: 1,
};
