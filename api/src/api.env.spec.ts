import { EnvError, parseEnv } from '@lc/clickhouse';
import { apiEnvSchema, apiSettingsFromEnv } from './api.env.js';

function problemsOf(source: Record<string, string>): readonly string[] {
  try {
    parseEnv(apiEnvSchema, source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error('expected the environment to be refused');
}

describe('apiEnvSchema', () => {
  it('defaults to port 4002, info logs, no admin token (the admin mutations are off) and an alert scan every 5 s', () => {
    const env = parseEnv(apiEnvSchema, { ADMIN_TOKEN: '' });
    expect(env).toMatchObject({ PORT: 4002, LOG_LEVEL: 'info', ADMIN_TOKEN: undefined, CLICKHOUSE_READERS: 3 });
    expect(apiSettingsFromEnv(env)).toEqual({
      adminToken: undefined,
      logLevel: 'info',
      alerts: { scanMs: 5000, timeoutMs: 5000 },
      // report PDFs and email (issue 10): Debian's Chromium, 30 s a PDF, 2 at once, a scan a minute, no SMTP
      reports: {
        chromiumPath: '/usr/bin/chromium',
        webDir: undefined,
        renderTimeoutMs: 30_000,
        renders: 2,
        scanMs: 60_000,
        smtpUrl: undefined,
        smtpFrom: 'Live commerce reports <reports@localhost>',
      },
    });
  });

  it('passes the admin token, log level and alert settings to the app', () => {
    const env = parseEnv(apiEnvSchema, {
      ADMIN_TOKEN: 'lca_admin',
      LOG_LEVEL: 'debug',
      PORT: '8080',
      ALERT_SCAN_MS: '0',
      ALERT_TIMEOUT_MS: '2500',
    });
    expect(env.PORT).toBe(8080);
    expect(apiSettingsFromEnv(env)).toMatchObject({
      adminToken: 'lca_admin',
      logLevel: 'debug',
      alerts: { scanMs: 0, timeoutMs: 2500 },
    });
  });

  it('passes the report settings to the app', () => {
    const env = parseEnv(apiEnvSchema, {
      CHROMIUM_PATH: '/opt/chromium',
      REPORT_WEB_DIR: '/srv/web',
      REPORT_RENDER_TIMEOUT_MS: '60000',
      REPORT_RENDERS: '4',
      REPORT_SCAN_MS: '0',
      SMTP_URL: 'smtps://user:pass@mail.example.com:465',
      SMTP_FROM: 'Agency <reports@agency.example>',
    });
    expect(apiSettingsFromEnv(env).reports).toEqual({
      chromiumPath: '/opt/chromium',
      webDir: '/srv/web',
      renderTimeoutMs: 60_000,
      renders: 4,
      scanMs: 0,
      smtpUrl: 'smtps://user:pass@mail.example.com:465',
      smtpFrom: 'Agency <reports@agency.example>',
    });
  });

  it.each([
    ['PORT', 'http', 'expected a whole number from 1 to 65535'],
    ['PORT', '0', 'expected a whole number from 1 to 65535'],
    ['LOG_LEVEL', 'INFO', 'expected one of fatal, error, warn, info, debug, trace, silent'],
    ['CLICKHOUSE_MAX_EXECUTION_SECONDS', '30s', 'expected a whole number from 1 to 86400 (seconds)'],
    ['ALERT_SCAN_MS', '5s', 'expected a whole number from 0 to 3600000 (milliseconds; 0 disables)'],
    ['ALERT_TIMEOUT_MS', '50', 'expected a whole number from 100 to 120000 (milliseconds)'],
    [
      'SMTP_URL',
      'mail.example.com',
      'expected an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587',
    ],
    ['REPORT_RENDERS', '0', 'expected a whole number from 1 to 16 (renders)'],
  ])('refuses %s=%j, naming the variable, the value and what is allowed', (name, value, expected) => {
    expect(problemsOf({ [name]: value })).toEqual([`${name}=${JSON.stringify(value)}: ${expected}`]);
  });
});
