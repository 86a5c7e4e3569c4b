import { z } from 'zod';
import { clickhouseEnvSchema, envVar, type LogLevel } from '@lc/clickhouse/env';

/** The standalone API server's environment: the engine's settings plus its own. Defaults as documented in README. */
export const apiEnvSchema = clickhouseEnvSchema.extend({
  /** Bearer token of the admin mutations; unset disables them. */
  ADMIN_TOKEN: envVar.optionalText(),
  PORT: envVar.port(4002),
  LOG_LEVEL: envVar.logLevel(),
});

export type ApiEnv = z.output<typeof apiEnvSchema>;

/**
 * What the Nest app takes from the environment, injected by this class. A separate shape from
 * `ApiEnv` because the all-in-one fills it too (its admin token may come from the demo credentials).
 */
export abstract class ApiSettings {
  /** Bearer token of the admin mutations; undefined disables them. */
  abstract readonly adminToken: string | undefined;
  abstract readonly logLevel: LogLevel;
}

export function apiSettingsFromEnv(env: Pick<ApiEnv, 'ADMIN_TOKEN' | 'LOG_LEVEL'>): ApiSettings {
  return { adminToken: env.ADMIN_TOKEN, logLevel: env.LOG_LEVEL };
}
