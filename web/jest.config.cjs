// Unit and component tests run in node: components are checked through react-dom/server markup,
// so no DOM emulation dependency is needed. Browser behaviour is covered by test/e2e in real Chromium.
module.exports = { ...require('../jest.preset.cjs'), displayName: require('./package.json').name };
