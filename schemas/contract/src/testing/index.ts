export * from './hand-fixture.js';
export * from './merch-fixture.js';
export * from './live-fixture.js';
export * from './kind-cost-fixture.js';
export * from './later-fixture.js';
export * from './benchmark-fixture.js';
export * from './session-start.js';
