export * from './event.schema.js';
export * from './event.validate.js';
export * from './event.row.js';
