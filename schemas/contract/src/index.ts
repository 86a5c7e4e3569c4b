export * from './events/event.schema.js';
export * from './events/event.validate.js';
export * from './kpi/index.js';
export { fastParseEvent } from './events/event.fast-parse.js';
export * from './common/index.js';
export * from './csv/index.js';
