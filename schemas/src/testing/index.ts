export * from './hand-fixture.js';
export * from './engine.js';
