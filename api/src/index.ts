export { createApiApp, type CreateApiOptions } from './api.app.js';
export * from './api.env.js';
export { SESSION_METRICS } from './metrics/session-metric.definitions.js';
export { ShareLinkRepository } from './repositories/share-link.repository.js';
export { shareLinkHttpStatus } from './modules/share/share-token.js';
