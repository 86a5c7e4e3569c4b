export { createApiApp, type CreateApiOptions } from './api.app.js';
export * from './api.env.js';
export { SESSION_METRICS } from './metrics/session-metric.definitions.js';
