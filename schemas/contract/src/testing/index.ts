export * from './hand-fixture.js';
