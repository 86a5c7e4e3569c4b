// Browser tests: need web/dist (npx vite build) and /usr/bin/chromium, so they stay out of `npm test`.
const preset = require('../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: '@lc/web e2e',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  testTimeout: 60_000,
  // One Chromium at a time: these machines have 2 cores.
  maxWorkers: 1,
};
