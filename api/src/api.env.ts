import { z } from 'zod';
import { clickhouseEnvSchema, envVar, type LogLevel } from '@lc/clickhouse/env';

/** The standalone API server's environment: the engine's settings plus its own. Defaults as documented in README. */
export const apiEnvSchema = clickhouseEnvSchema.extend({
  /** Bearer token of the admin mutations; unset disables them. */
  ADMIN_TOKEN: envVar.optionalText(),
  PORT: envVar.port(4002),
  LOG_LEVEL: envVar.logLevel(),
  /** How often the alert dispatcher looks for new live alerts and due webhook deliveries; 0 turns it off. */
  ALERT_SCAN_MS: envVar.wholeNumber(5_000, { min: 0, max: 3_600_000, unit: 'milliseconds; 0 disables' }),
  /** How long one webhook POST may take before it counts as a failed attempt. */
  ALERT_TIMEOUT_MS: envVar.wholeNumber(5_000, { min: 100, max: 120_000, unit: 'milliseconds' }),
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
  /** The alert dispatcher's; undefined runs none (schema emit, benchmarks, tests that drive it by hand). */
  abstract readonly alerts?: AlertSettings;
}

/** What the alert dispatcher (docs/ARCHITECTURE.md, "Alerts outward") takes from the environment. */
export interface AlertSettings {
  /** Scan interval; 0 runs no scan. */
  scanMs: number;
  /** Time limit of one webhook POST. */
  timeoutMs: number;
}

export function alertSettingsFromEnv(env: Pick<ApiEnv, 'ALERT_SCAN_MS' | 'ALERT_TIMEOUT_MS'>): AlertSettings {
  return { scanMs: env.ALERT_SCAN_MS, timeoutMs: env.ALERT_TIMEOUT_MS };
}

export function apiSettingsFromEnv(
  env: Pick<ApiEnv, 'ADMIN_TOKEN' | 'LOG_LEVEL' | 'ALERT_SCAN_MS' | 'ALERT_TIMEOUT_MS'>,
): ApiSettings {
  return { adminToken: env.ADMIN_TOKEN, logLevel: env.LOG_LEVEL, alerts: alertSettingsFromEnv(env) };
}
