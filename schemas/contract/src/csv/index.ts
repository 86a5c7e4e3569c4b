// The shared CSV writer (no zod, no Node APIs: safe for the browser bundle).
export * from './csv-writer.js';
export * from './csv-columns.js';
