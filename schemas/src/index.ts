export * from './events/index.js';
export * from './kpi-names.js';
