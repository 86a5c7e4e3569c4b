export * from './ingest.app.js';
export * from './ingest.exception.js';
export * from './ingest.http.js';
export * from './ingest.metrics.js';
export * from './ingest.service.js';
export * from './event.writer.js';
export * from './segment.mapper.js';
export * from './write-ahead.log.js';
