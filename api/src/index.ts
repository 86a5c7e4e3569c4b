export { createApiApp, type CreateApiOptions } from './api.app.js';
export { SESSION_METRICS } from './metrics/session-metric.definitions.js';
