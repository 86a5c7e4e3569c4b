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
  /** The headless browser that prints report PDFs (Debian's `chromium`). */
  CHROMIUM_PATH: envVar.text('/usr/bin/chromium'),
  /** The built dashboard the PDF is printed from; unset: the repository's `web/dist`. */
  REPORT_WEB_DIR: envVar.optionalText(),
  /** How long one PDF may take to render before the request fails with 504. */
  REPORT_RENDER_TIMEOUT_MS: envVar.wholeNumber(30_000, { min: 1, max: 600_000, unit: 'milliseconds' }),
  /** PDFs rendered at once; further requests wait their turn. */
  REPORT_RENDERS: envVar.wholeNumber(2, { min: 1, max: 16, unit: 'renders' }),
  /** How often the report scheduler looks for due email reports; 0 sends none (run one scheduler per deployment). */
  REPORT_SCAN_MS: envVar.wholeNumber(60_000, { min: 0, max: 3_600_000, unit: 'milliseconds; 0 disables' }),
  /** SMTP server of the email reports, e.g. smtp://user:pass@mail.example.com:587; unset: runs fail with "SMTP_URL not set". */
  SMTP_URL: envVar.optionalMatching(
    /^smtps?:\/\/\S+$/,
    'expected an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587',
  ),
  /** The From address of the email reports. */
  SMTP_FROM: envVar.text('Live commerce reports <reports@localhost>'),
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
  /** PDF rendering and email reports; undefined: the defaults of `reportSettingsFromEnv({})` with no scheduler. */
  abstract readonly reports?: ReportSettings;
}

/** What the PDF renderer and the email report scheduler take from the environment. */
export interface ReportSettings {
  chromiumPath: string;
  /** The built dashboard; undefined: the repository's `web/dist`. */
  webDir?: string;
  renderTimeoutMs: number;
  renders: number;
  /** Scheduler scan interval; 0 runs no scan. */
  scanMs: number;
  smtpUrl?: string;
  smtpFrom: string;
}

type ReportEnv = Pick<
  ApiEnv,
  | 'CHROMIUM_PATH'
  | 'REPORT_WEB_DIR'
  | 'REPORT_RENDER_TIMEOUT_MS'
  | 'REPORT_RENDERS'
  | 'REPORT_SCAN_MS'
  | 'SMTP_URL'
  | 'SMTP_FROM'
>;

export function reportSettingsFromEnv(env: ReportEnv): ReportSettings {
  return {
    chromiumPath: env.CHROMIUM_PATH,
    webDir: env.REPORT_WEB_DIR,
    renderTimeoutMs: env.REPORT_RENDER_TIMEOUT_MS,
    renders: env.REPORT_RENDERS,
    scanMs: env.REPORT_SCAN_MS,
    smtpUrl: env.SMTP_URL,
    smtpFrom: env.SMTP_FROM,
  };
}

/** The defaults, for apps built without an environment (tests, schema emit): no scheduler scan. */
export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  chromiumPath: '/usr/bin/chromium',
  renderTimeoutMs: 30_000,
  renders: 2,
  scanMs: 0,
  smtpFrom: 'Live commerce reports <reports@localhost>',
};

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
  env: Pick<ApiEnv, 'ADMIN_TOKEN' | 'LOG_LEVEL' | 'ALERT_SCAN_MS' | 'ALERT_TIMEOUT_MS'> & ReportEnv,
): ApiSettings {
  return {
    adminToken: env.ADMIN_TOKEN,
    logLevel: env.LOG_LEVEL,
    alerts: alertSettingsFromEnv(env),
    reports: reportSettingsFromEnv(env),
  };
}
