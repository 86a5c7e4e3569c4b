export * from './events/event.schema.js';
export * from './events/event.validate.js';
export * from './kpi-names.js';
export { fastParseEvent } from './events/event.fast-parse.js';
