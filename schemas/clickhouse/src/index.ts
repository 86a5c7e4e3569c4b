export * from './clickhouse.exception.js';
export * from './clickhouse.gateway.js';
export * from './migrate.js';
export * from './event.row.js';
export * from './rollup.repository.js';
export * from './api-key.repository.js';
export * from './brand.repository.js';
