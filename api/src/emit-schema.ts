import { fileURLToPath } from 'node:url';
import { ClickHouseGateway } from '@lc/clickhouse';
import { createApiApp } from './api.app.js';

/**
 * Build step: writes the GraphQL SDL to api/schema.graphql, the input of the
 * dashboard's type generation. Uses a throwaway in-memory engine; no query runs.
 */
const schemaFile = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const gateway = ClickHouseGateway.open({ mode: 'embedded', dataPath: ':memory:' });
const app = await createApiApp({
  gateway,
  schemaFile,
  logger: false,
  settings: { adminToken: undefined, logLevel: 'warn' },
});
await app.init();
await app.close();
await gateway.close();
console.log(`wrote ${schemaFile}`);
