// The e2e specs start a real embedded engine (migrations included) in beforeAll: on a loaded 2-core
// machine that alone can pass jest's 5 s default, so hooks and tests get a minute.
module.exports = { ...require('../jest.preset.cjs'), displayName: require('./package.json').name, testTimeout: 60_000 };
