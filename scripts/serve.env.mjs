// The all-in-one's environment: the union of the ingest and API schemas (each with the engine's
// settings), plus its own port, interface and demo size. Parsed once at start by serve.mjs; README's
// Configuration table documents it (checked by scripts/check-config-docs.mjs).
// The `/env` entry points hold only the schemas: no engine, no app is loaded to read them.
import { envVar } from '@lc/clickhouse/env';
import { ingestEnvSchema } from '@lc/ingest/env';
import { apiEnvSchema } from '@lc/api/env';

export const serveEnvSchema = ingestEnvSchema.extend({
  ...apiEnvSchema.shape,
  PORT: envVar.port(4000),
  /** `0.0.0.0` in containers. */
  HOST: envVar.text('127.0.0.1'),
  /** `npm start` only: events simulated into an empty data folder; 0 starts empty (demo brands and keys, no events). */
  DEMO_EVENTS: envVar.wholeNumber(2_000_000, { min: 0, max: 1_000_000_000, unit: 'events; 0 starts empty' }),
});
