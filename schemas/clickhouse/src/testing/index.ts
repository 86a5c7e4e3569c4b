export * from './engine.js';
export * from './hand-stats.js';
